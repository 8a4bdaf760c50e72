"""The corpus job: exact counts, recorded failures, inferred metadata, resume after a kill, a real scheduler."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from cnreport.analysis import corpus as analysis_corpus
from cnreport.core import files
from cnreport.run import corpus, corpus_generate, corpus_infer
from cnreport.run import corpus_work as work
from conftest import run_cli

N_REPORTS = 60
BATCH = 8


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> tuple[Path, list[dict]]:
    src = tmp_path_factory.mktemp("corpus") / "reports"
    expected = corpus_generate.generate_corpus(src, N_REPORTS, seed=7, without_meta=0.25,
                                               broken=len(corpus_generate.BROKEN))
    return src, expected


@pytest.fixture(scope="module")
def dataset(synthetic, tmp_path_factory) -> tuple[Path, corpus.Summary]:
    out = tmp_path_factory.mktemp("dataset") / "ds"
    summary = corpus.run_corpus(synthetic[0], out, workers=2, batch_size=BATCH, quiet=True)
    return out, summary


def _query(out: Path, sql: str) -> list[tuple]:
    return analysis_corpus.connect(out).execute(sql).fetchall()


def _hashes(out: Path) -> dict[str, str]:
    """SHA-256 of every output file, staging excluded (it is the resume state, not the output)."""
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file() and "_staging" not in p.parts}


def test_dataset_holds_exactly_the_generated_counts(synthetic, dataset):
    _, expected = synthetic
    out, summary = dataset
    found = dict(_query(out, "SELECT input_path, count(*) FROM facts GROUP BY input_path"))
    want = {e["input_path"]: e["facts"] for e in expected if e["status"] == "ok" and e["facts"]}
    assert found == want
    assert summary.facts == sum(want.values()) > 1000
    assert (summary.reports, summary.ok, summary.failed) == (N_REPORTS + 5, N_REPORTS, 5)


def test_failures_are_recorded_with_their_reason_and_skipped(synthetic, dataset):
    _, expected = synthetic
    manifest = json.loads((dataset[0] / "manifest.json").read_text(encoding="utf-8"))
    got = {i["input_path"]: i["reason"] for i in manifest["inputs"] if i["status"] == "failed"}
    assert got == {e["input_path"]: e["reason"] for e in expected if e["status"] == "failed"}
    assert manifest["failed"] == 5 and sum(manifest["failure_reasons"].values()) == 5


def test_manifest_records_hash_versions_and_counts(synthetic, dataset):
    src, _ = synthetic
    manifest = json.loads((dataset[0] / "manifest.json").read_text(encoding="utf-8"))
    first = manifest["inputs"][0]
    assert first["input_sha256"] == hashlib.sha256((src / first["input_path"]).read_bytes()).hexdigest()
    assert manifest["cnreport"] and len(manifest["dictionary_sha256"]) == 64
    reports = pq.read_table(dataset[0] / "reports.parquet").to_pylist()
    assert [r["input_path"] for r in reports] == [i["input_path"] for i in manifest["inputs"]]
    assert all(r["facts"] == r["mapped"] + r["unmapped"] for r in reports if r["status"] == "ok")


def test_partitions_are_ascii_codes_and_years(synthetic, dataset):
    from cnreport.core.places import resolve_place

    parts = sorted(p.relative_to(dataset[0]).parent.as_posix() for p in dataset[0].glob("province_code=*/*/*.parquet"))
    # one partition per (province code, year) of the reports that gave facts, computed from the generator's list
    # (the places are those of data/raw, so adding a report there may add a partition)
    expected = {f"province_code={resolve_place(e['place_zh']).province_code}/year={e['period'][:4]}"
                for e in synthetic[1] if e["status"] == "ok" and e["facts"] > 0}
    assert parts == sorted(expected)
    assert all(p.isascii() for p in parts)
    assert {"province_code=32/year=2020", "province_code=42/year=2020"} <= set(parts)   # Jiangsu and Hubei, by code


def test_reports_without_metadata_go_through_marked_inferred(synthetic, dataset):
    _, expected = synthetic
    manifest = {i["input_path"]: i for i in json.loads((dataset[0] / "manifest.json").read_text("utf-8"))["inputs"]}
    bare = [e for e in expected if e["status"] == "ok" and not e["has_meta"]]
    assert len(bare) >= 5
    for e in bare:
        got = manifest[e["input_path"]]
        assert got["inferred"] == "place,period,genre"
        assert got["period_actual"] == e["period"]
        assert got["province_code"] == work.province_code(e["place_zh"]) != "unknown"
    assert _query(dataset[0], "SELECT count(*) FROM facts WHERE inferred IS NULL")[0][0] > 0
    assert _query(dataset[0], "SELECT count(*) FROM facts WHERE inferred = 'place,period,genre'")[0][0] > 0


def test_rerun_skips_everything_done_and_changes_nothing(synthetic, dataset):
    before = _hashes(dataset[0])
    summary = corpus.run_corpus(synthetic[0], dataset[0], workers=1, batch_size=BATCH, quiet=True)
    assert (summary.batches_run, summary.reports_skipped) == (0, N_REPORTS + 5)
    assert _hashes(dataset[0]) == before


def test_killed_run_finishes_on_restart_with_identical_output(synthetic, dataset, tmp_path):
    out = tmp_path / "ds"
    env = {**os.environ, corpus.KILL_AFTER_ENV: "3"}
    args = [sys.executable, "-m", "cnreport", "corpus", str(synthetic[0]), "--out", str(out), "--workers", "1",
            "--batch-size", str(BATCH), "--quiet"]
    killed = subprocess.Popen(args, env=env, start_new_session=True, stderr=subprocess.PIPE)
    try:
        assert killed.wait(timeout=120) == -signal.SIGKILL
    finally:
        _kill_group(killed)
    markers = list((out / "_staging" / "batches").glob("b-*.json"))
    assert 3 <= len(markers) < -(-(N_REPORTS + 5) // BATCH)  # stopped midway, after 3 batches
    assert not (out / "manifest.json").exists()
    # debris of a write cut short: a temporary file and a staged file whose batch never committed
    (out / "_staging" / ".b-x.parquet.123.tmp").write_bytes(b"half")
    (out / "_staging" / "province_code=32" / "year=2020").mkdir(parents=True, exist_ok=True)
    (out / "_staging" / "province_code=32" / "year=2020" / "b-0000000000000000.parquet").write_bytes(b"junk")
    restarted = run_cli("corpus", str(synthetic[0]), "--out", str(out), "--workers", "1",
                        "--batch-size", str(BATCH), "--quiet")
    assert restarted.returncode == 0, restarted.stderr.decode()
    assert f"{len(markers) * BATCH} already done" in restarted.stderr.decode()
    assert _hashes(out) == _hashes(dataset[0])


def _kill_group(proc: subprocess.Popen) -> None:
    """End what is left of a process group this test started (orphaned Dask workers)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_running_scheduler_and_worker_processes(synthetic, dataset, tmp_path):
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                  "--port", str(port), "--no-dashboard"], stderr=subprocess.DEVNULL, start_new_session=True)
    worker = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1",
                               "--nworkers", "1", "--no-dashboard", "--host", "127.0.0.1"],
                              stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait_for_worker(address)
        out = tmp_path / "ds"
        res = run_cli("corpus", str(synthetic[0]), "--out", str(out), "--scheduler", address, "--batch-size", "16")
        assert res.returncode == 0, res.stderr.decode()
        assert _hashes(out) == _hashes(dataset[0])
    finally:
        for proc in (worker, scheduler):
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                _kill_group(proc)


def _wait_for_worker(address: str, timeout: float = 60) -> None:
    from dask.distributed import Client

    deadline = time.monotonic() + timeout
    with Client(address, timeout=timeout) as client:
        while not client.scheduler_info()["workers"]:
            assert time.monotonic() < deadline, "no Dask worker joined"
            time.sleep(0.2)


def test_manifest_source_and_errors(tmp_path, synthetic):
    manifest = tmp_path / "list.csv"
    src = synthetic[0]
    files.write_text_atomic(manifest, f"path,meta\n{src}/syn_00001.txt,{src}/syn_00001.yml\n{src}/syn_00002.txt,\n")
    got = corpus.list_inputs(manifest)
    assert [(Path(i.path).name, i.meta_path is not None) for i in got] == [("syn_00001.txt", True), ("syn_00002.txt", False)]
    files.write_text_atomic(manifest, "file\nx.txt\n")
    with pytest.raises(files.ReportError, match="needs a 'path' column"):
        corpus.list_inputs(manifest)
    res = run_cli("corpus", str(tmp_path / "nowhere"), "--out", str(tmp_path / "ds"))
    assert res.returncode == 2
    assert res.stderr.decode().count("\n") == 1 and "no such folder or manifest" in res.stderr.decode()


@pytest.mark.parametrize(("opening", "place", "period", "genre"), [
    ("宝应县2020年国民经济和社会发展统计公报 2020\n", "宝应县", "2020", "bulletin"),
    ("2019年南通市通州区国民经济和社会发展统计公报\n来源: 区统计局", "南通市通州区", "2019", "bulletin"),
    ("关于天门市2020年上半年国民经济和社会发展计划执行情况的报告\n", "天门市", "2020H1", "plan_report"),
    ("政府工作报告\n———2020年1月16日在如东县第十七届人民代表大会第四次会议上\n2019年工作回顾", "如东县", "2019", "gov_work_report"),
    ("7月24日,咸寧市統計局發佈全市上半年經濟運作統計數據", "咸宁市", None, None),
    ("今年以来,全区上下坚持稳中求进。", None, None, None),
])
def test_place_period_and_genre_from_the_opening(opening, place, period, genre):
    assert corpus_infer.infer_report_facts(opening) == corpus_infer.Inferred(place, period, genre)


def test_province_code_is_two_digits_or_unknown():
    assert work.province_code("江苏省南通市通州区") == "32"
    assert work.province_code("湖北省天门市") == "42"
    assert work.province_code("") == "unknown"
    assert work.province_code("火星市") == "unknown"
    assert work.province_code("通州区") == "unknown"  # in Beijing and in Nantong: never guessed


def test_schema_keeps_an_all_empty_column_typed():
    table = work.facts_table([{"input_path": "a.txt", "value": "1.5", "qualifier": ""}])
    assert table.schema == work.SCHEMA
    assert table.column("qualifier").null_count == 1 and table.column("value").to_pylist() == [1.5]


HAND_CHECKED = ("baoying_2020_bulletin", "dongbao_2020_bulletin", "jingjiang_2020_news", "qidong_2020_plan",
                "qidong_2020h1_plan", "rudong_2019_gwr", "tianmen_2020h1_plan", "tongzhou_2019_bulletin",
                "tongzhou_2019h1_plan", "tongzhou_2020h1", "xianning_2020h1_news")


def test_duckdb_questions_on_the_real_reports(tmp_path):
    """The views and queries of analysis.corpus, on data/raw (hand-checked values from the reports)."""
    # the eleven reports these values were checked on (an analyst's added report must not change them)
    src = tmp_path / "raw"
    src.mkdir()
    for rid in HAND_CHECKED:
        for suffix in (".txt", ".yml"):
            shutil.copy(files.paths.RAW / f"{rid}{suffix}", src / f"{rid}{suffix}")
    out = tmp_path / "ds"
    corpus.run_corpus(src, out, workers=1, quiet=True)
    con = analysis_corpus.connect(out)
    growth = analysis_corpus.growth_by_report(con, "gdp", "2020H1")
    # 启东 "地區生產總值增長1.6%", 天门 "可比下降22.4%", 通州 "同比(下同)增长1.6%", 咸宁 "同比下降17.5%"
    assert dict(zip(growth["report_id"], growth["growth_pct"], strict=True)) == {
        "qidong_2020h1_plan": 1.6, "tianmen_2020h1_plan": -22.4, "tongzhou_2020h1": 1.6, "xianning_2020h1_news": -17.5}
    share = analysis_corpus.target_share(con, "gdp")
    assert share == {"reports": 11, "with_target": 0, "share": 0.0}
    quals = analysis_corpus.target_qualifiers(con, None)
    assert quals["targets"].sum() == con.execute("SELECT count(*) FROM facts WHERE status = 'target'").fetchall()[0][0]
    assert "0 of 11 reports (0%) state a target for GDP." in analysis_corpus.describe_targets(share, quals, "GDP")


def test_schema_holds_every_clean_column_but_geo_id():
    from cnreport import clean

    assert set(clean.COLUMNS) - set(work.SCHEMA.names) == {"geo_id"}
    assert {"input_path", "input_sha256", "period_actual", "inferred"} <= set(work.SCHEMA.names)


def test_changed_report_is_redone_and_output_equals_a_fresh_run(synthetic, dataset, tmp_path):
    import shutil

    src, out = tmp_path / "reports", tmp_path / "ds"
    shutil.copytree(synthetic[0], src)
    shutil.copytree(dataset[0], out)
    changed = src / "syn_00010.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "全年完成地区生产总值711.1亿元。\n", encoding="utf-8")
    again = corpus.run_corpus(src, out, workers=1, batch_size=BATCH, quiet=True)
    assert (again.batches_run, again.reports_skipped) == (1, N_REPORTS + 4)
    assert again.facts == dataset[1].facts + 1
    fresh = corpus.run_corpus(src, tmp_path / "fresh", workers=1, batch_size=BATCH, quiet=True)
    assert fresh.facts == again.facts
    assert _hashes(out) == _hashes(tmp_path / "fresh")


def test_sidecars_go_through_the_safe_metadata_loader(tmp_path):
    """The corpus reads sidecars as read_metadata does: an alias chain is refused, not expanded."""
    from cnreport.core.files import ReportError

    bomb = tmp_path / "x.yml"
    bomb.write_text("a: &a [1, 1, 1]\nb: &b [*a, *a, *a]\nreport_id: *b\n", encoding="utf-8")
    with pytest.raises(ReportError, match="anchor"):
        work.read_sidecar(str(bomb))
