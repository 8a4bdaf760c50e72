"""End to end: `cnreport run` on a report written for this test, in a temporary copy of the project.

The report is a statistical bulletin (the flagship is a plan report) from Guizhou (the
flagship is in Jiangsu), so nothing of the flagship can carry it through.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from cnreport.clean import schema
from cnreport.core import paths

REPORT_ID = "wangmo_2020_bulletin"
TEXT = ("望谟县2020年国民经济和社会发展统计公报\n"
        "初步核算，2020年全县地区生产总值85.32亿元，比上年增长4.6%。其中，第一产业增加值25.10亿元，增长6.2%；"
        "第二产业增加值14.05亿元，增长3.1%；第三产业增加值46.17亿元，增长4.4%。\n"
        "全年一般公共预算收入3.12亿元，比上年增长2.5%。全县固定资产投资比上年下降3.8%。"
        "社会消费品零售总额17.40亿元，比上年下降2.9%。\n"
        "全年城镇常住居民人均可支配收入31082元，比上年增长5.2%；农村常住居民人均可支配收入10364元，增长8.6%。\n")
META = ("report_id: wangmo_2020_bulletin\n"
        "place_zh: 贵州省黔西南布依族苗族自治州望谟县\n"
        "genre: bulletin\n"
        "period_actual: 2020\n"
        "published: 2021/04/20 09:30\n")


def _copy_project(tmp_path):
    root = tmp_path / "project"
    for folder in ("data", "notebooks"):
        shutil.copytree(paths.ROOT / folder, root / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return root


def _run(root, *args):
    env = {**os.environ, "CNREPORT_ROOT": str(root)}
    return subprocess.run([sys.executable, "-m", "cnreport", *args], cwd=root, env=env, capture_output=True,
                          text=True, timeout=900)


def _printed(notebook) -> str:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    return "".join("".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/markdown", ""))
                   for c in nb["cells"] for o in c.get("outputs", []))


def test_cnreport_run_on_an_unseen_report(tmp_path):
    root = _copy_project(tmp_path)
    (root / "data" / "raw" / f"{REPORT_ID}.txt").write_text(TEXT, encoding="utf-8")
    (root / "data" / "raw" / f"{REPORT_ID}.yml").write_text(META, encoding="utf-8")
    before = {p: p.read_bytes() for p in (root / "data" / "processed").iterdir()}
    done = _run(root, "run", REPORT_ID)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "assumed place_en = 'Wangmo County, Qianxinan Autonomous Prefecture, Guizhou Province'" in done.stderr
    assert [line.split(": ")[1].split(" (")[0] for line in done.stderr.splitlines() if "): " not in line
            and line.startswith(f"cnreport run {REPORT_ID}: ") and "assumed" not in line][-1] == "ran 05_cross_district.ipynb"
    out = root / "output" / REPORT_ID
    for name in ("README.md", "quality.csv", "processed/indicators.csv", "figures/fig01_scorecard.png",
                 "figures/README.md", "notebooks/03_recovery_patterns.ipynb", "notebooks/05_cross_district.ipynb"):
        assert (out / name).exists(), name
    # the outputs validate against the codebook and trace back to the source text
    facts = pd.read_parquet(out / "processed" / "indicators.parquet")
    schema.validate(facts, schema.INDICATORS, out / "processed" / "indicators.csv")
    own = facts[facts["report_id"] == REPORT_ID]
    assert len(own) >= 10
    assert all(TEXT[s:e] == t for s, e, t in zip(own["source_start"], own["source_end"], own["source_text"], strict=True))
    gdp = own[(own["indicator_id"] == "gdp") & (own["measure"] == "growth_pct")]
    assert gdp["value"].tolist() == [4.6] and gdp["period"].tolist() == ["2020"]
    # comparators follow from the place: its prefecture (not in our benchmarks), Guizhou, China; never Jiangsu
    text = _printed(out / "notebooks" / "03_recovery_patterns.ipynb")
    assert "Not in our benchmarks: Qianxinan Autonomous Prefecture (黔西南布依族苗族自治州)" in text
    assert "**Gross domestic product (GDP)** grew 4.6% (basis not stated; " in text
    assert "Against Guizhou Province " in text and "compared across bases" in text
    assert "Jiangsu" not in text.split("Hubei Province:")[0] and " nan" not in text.lower()
    quality = pd.read_csv(out / "quality.csv")
    assert quality.loc[0, "report_id"] == REPORT_ID and quality.loc[0, "facts"] == len(own)
    # the committed outputs are never touched
    assert {p: p.read_bytes() for p in (root / "data" / "processed").iterdir()} == before


@pytest.mark.parametrize("orphan", [True, False])
def test_bad_metadata_stops_the_run_before_any_work(tmp_path, orphan):
    root = _copy_project(tmp_path)
    (root / "data" / "raw" / f"{REPORT_ID}.txt").write_text(TEXT, encoding="utf-8")
    (root / "data" / "raw" / f"{REPORT_ID}.yml").write_text(
        META.replace("genre: bulletin", "genre: yearbook").replace("2021/04/20", "2021/13/20"), encoding="utf-8")
    if orphan:
        (root / "data" / "raw" / "lost_2020.txt").write_text("2020年增长3%。", encoding="utf-8")
    done = _run(root, "run", "tongzhou_2020h1")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "metadata field 'genre' is malformed: 'yearbook'" in done.stderr
    assert "metadata field 'published' is malformed" in done.stderr
    assert ("lost_2020.txt: report text without metadata" in done.stderr) is orphan
    assert not (root / "output").exists()


def test_cnreport_new_writes_a_template_once(tmp_path):
    root = _copy_project(tmp_path)
    done = _run(root, "new", "wangmo_2020_bulletin")
    assert done.returncode == 0, done.stderr
    assert (root / "data" / "raw" / "wangmo_2020_bulletin.yml").read_text(encoding="utf-8").startswith("# Metadata for")
    again = _run(root, "new", "wangmo_2020_bulletin")
    assert again.returncode == 2 and "exists already" in again.stderr


def test_target_only_report_is_accepted_by_the_check_and_refused_in_one_line(tmp_path):
    root = _copy_project(tmp_path)
    (root / "data" / "raw" / "wangmo_2021_plan.txt").write_text("2021年地区生产总值增长8%左右。", encoding="utf-8")
    (root / "data" / "raw" / "wangmo_2021_plan.yml").write_text(
        META.replace(REPORT_ID, "wangmo_2021_plan").replace("period_actual: 2020", "period_actual: null\nperiod_plan: 2021"),
        encoding="utf-8")
    done = _run(root, "run", "wangmo_2021_plan")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "period_actual: null (a text that only sets targets) is not yet handled by the extractor" in done.stderr
    assert not (root / "output" / "wangmo_2021_plan").exists()
