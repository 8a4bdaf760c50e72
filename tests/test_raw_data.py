"""Raw data is immutable: byte-identical to the published copies, checked by hash."""

from __future__ import annotations

import hashlib

import pytest

from cnreport.core import files, paths

SHARED_RAW = paths.ROOT.parent / "shared" / "data" / "raw"


def _manifest() -> dict[str, str]:
    out = {}
    for line in paths.RAW_MANIFEST.read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        out[name] = digest
    return out


def test_manifest_is_what_cnreport_manifest_writes():
    from cnreport.run.manifest import manifest_text

    assert manifest_text(paths.RAW) == paths.RAW_MANIFEST.read_text(encoding="utf-8"), "run `make manifest`"


def test_manifest_lists_every_raw_file():
    on_disk = sorted(p.name for p in paths.RAW.iterdir() if p.name not in (paths.RAW_MANIFEST.name, "README.md"))
    assert sorted(_manifest()) == on_disk


@pytest.mark.parametrize("name", sorted(_manifest()))
def test_raw_file_matches_manifest(name):
    digest = hashlib.sha256((paths.RAW / name).read_bytes()).hexdigest()
    assert digest == _manifest()[name], f"data/raw/{name} was edited: raw files are immutable"


@pytest.mark.skipif(not SHARED_RAW.is_dir(), reason="../shared is not beside the checkout")
def test_raw_files_are_copies_of_shared():
    shared = sorted(p.name for p in SHARED_RAW.iterdir())
    assert shared and set(shared) <= set(_manifest())
    for name in shared:
        assert (SHARED_RAW / name).read_bytes() == (paths.RAW / name).read_bytes(), name


def test_every_report_has_valid_metadata_matching_its_file_name(report_ids):
    assert report_ids
    for rid in report_ids:
        meta = files.read_metadata(rid)
        assert meta.report_id == rid
        assert meta.source_url is None or meta.source_url.startswith("http")


def test_external_benchmarks_are_unchanged_copies():
    for name in ("benchmarks.csv", "benchmarks_missing.md", "benchmarks_provinces.csv", "benchmarks_provinces_missing.md"):
        shared = paths.ROOT.parent / "shared" / "data" / "external" / name
        if shared.exists():
            assert (paths.EXTERNAL / name).read_bytes() == shared.read_bytes()
    rows = files.read_csv_rows(paths.EXTERNAL / "benchmarks.csv")
    assert len(rows) == 241
    assert all(r["source_url"].startswith("http") and r["quote"] for r in rows)


def test_readme_data_availability_table_is_generated_from_current_metadata(report_ids):
    from cnreport.run import catalog

    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    block = catalog.data_availability_markdown([files.read_metadata(r) for r in report_ids])
    assert catalog.replace_block(readme, block) == readme, "run `make all` to refresh README.md"
    assert readme.count("| `data/raw/") == len(report_ids)
