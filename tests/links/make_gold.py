"""Write tests/links/<place>_gold.csv from the hand-made links below.

Each link was made by reading both texts (not by running cnreport): the target, the outcome
that answers it (or none) and the verdict. A number is located by an anchor, a stretch of the
raw text that holds it and occurs once; this script only turns anchors into offsets, so that
the CSV files carry the same offsets as the extractor. Run: .venv/bin/python tests/links/make_gold.py
"""

import csv
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

G = {
    "changsha": [
        (
            "changsha_2022_news",
            "總值增長(zhǎng)7%左右",
            "7%",
            "changsha_2023_news",
            "同比增長(zhǎng)4.8%",
            "4.8%",
            "missed",
            "GDP 7%左右 vs 4.8% (初步核算)",
        ),
        (
            "changsha_2022_news",
            "增加值增長(zhǎng)8%以上",
            "8%",
            "changsha_2023_news",
            "工業(yè)增加值同比增長(zhǎng)6.8%",
            "6.8%",
            "missed",
            "above-scale industrial VA 8%以上 vs 6.8%",
        ),
        (
            "changsha_2022_news",
            "零售總額增長(zhǎng)7%",
            "7%",
            "changsha_2023_news",
            "同比增長(zhǎng)6.2%。",
            "6.2%",
            "missed",
            "retail sales 7% vs 6.2%",
        ),
        (
            "changsha_2022_news",
            "投資增長(zhǎng)7%以上",
            "7%",
            "changsha_2023_news",
            "投資同比下降6.8%",
            "6.8%",
            "missed",
            "fixed-asset investment 7%以上 vs down 6.8%",
        ),
        (
            "changsha_2022_news",
            "增長(zhǎng)7.5%",
            "7.5%",
            "changsha_2023_news",
            "8514.55億元,增長(zhǎng)4.3%",
            "4.3%",
            "missed",
            "services (服务业 = tertiary) VA 7.5% vs tertiary VA 4.3%",
        ),
        (
            "changsha_2022_news",
            "總額增長(zhǎng)12%以上",
            "12%",
            "changsha_2023_news",
            "同比下降14.9%",
            "14.9%",
            "missed",
            "trade 12%以上 vs down 14.9%",
        ),
        (
            "changsha_2022_news",
            "收入增長(zhǎng)7%",
            "7%",
            "changsha_2023_news",
            "同比增長(zhǎng)2.1%",
            "2.1%",
            "missed",
            "local general public budget revenue 7% vs 2.1%",
        ),
        (
            "changsha_2022_news",
            "投入增長(zhǎng)13%",
            "13%",
            "",
            "",
            "",
            "no_outcome",
            "R&D spending: no outcome in the outcome text",
        ),
        (
            "changsha_2022_news",
            "上漲3%左右",
            "3%",
            "changsha_2023_news",
            "同比持平",
            "持平",
            "met",
            "CPI 3%左右 (a ceiling) vs flat (同比持平, 0%): stated in words",
        ),
        (
            "changsha_2022_news",
            "失業(yè)率5.5%左右",
            "5.5%",
            "",
            "",
            "",
            "no_outcome",
            "surveyed unemployment: no outcome",
        ),
    ],
    "echeng": [
        (
            "echeng_2023_news",
            "增幅16%以上",
            "16%",
            "echeng_2023_plan",
            "预计同比增长22.78%",
            "22.78%",
            "met",
            "FAI 16%以上 (力争) vs 22.78% (预计)",
        ),
        (
            "echeng_2023_news",
            "產(chǎn)值增幅13%以上",
            "13%",
            "echeng_2023_plan",
            "产值预计同比增长5%",
            "5%",
            "missed",
            "above-scale industrial output 13%以上 vs 5% (预计)",
        ),
        (
            "echeng_2023_news",
            "增幅20%以上",
            "20%",
            "",
            "",
            "",
            "no_outcome",
            "technical-upgrade investment: no outcome",
        ),
        (
            "echeng_2023_news",
            "同比增長15%以上",
            "15%",
            "echeng_2023_plan",
            "预计同比增长9.3%",
            "9.3%",
            "missed",
            "retail sales above quota 15%以上 vs 9.3% (预计)",
        ),
        ("echeng_2023_news", "增加值增幅15%以上", "15%", "", "", "", "no_outcome", "high-tech industry VA: no outcome"),
        (
            "echeng_2023_news",
            "達到20億元",
            "20億元",
            "echeng_2023_plan",
            "21.65亿元",
            "21.65亿元",
            "met",
            "财政总收入 20亿元 vs 21.65亿元 (预计)",
        ),
        (
            "echeng_2023_news",
            "增幅12%以上",
            "12%",
            "echeng_2023_plan",
            "同比增长36.1%",
            "36.1%",
            "met",
            "财政总收入 growth 12%以上 vs 36.1%",
        ),
        (
            "echeng_2023_news",
            "增長60%以上",
            "60%",
            "",
            "",
            "",
            "no_outcome",
            "market entities growth 60%: outcome is a count of new entities (突破10万户), another measure",
        ),
    ],
    "huizhou": [
        (
            "huizhou_2021_news",
            "●地区生产总值增长6%以上",
            "6%",
            "",
            "",
            "",
            "no_outcome",
            "广州 section: a Guangzhou target, never a Huizhou one",
        ),
        ("huizhou_2021_news", "●地方一般公共预算收入增长4%", "4%", "", "", "", "no_outcome", "广州 section"),
        ("huizhou_2021_news", "●固定资产投资增长8%", "8%", "", "", "", "no_outcome", "广州 section"),
        ("huizhou_2021_news", "●社会消费品零售总额增长7%", "7%", "", "", "", "no_outcome", "广州 section"),
        ("huizhou_2021_news", "●外贸进出口总额增长1.5%", "1.5%", "", "", "", "no_outcome", "广州 section"),
        (
            "huizhou_2021_news",
            "●地区生产总值增长8.5%",
            "8.5%",
            "huizhou_2021_gwr",
            "增長10.1%",
            "10.1%",
            "met",
            "GDP 8.5% vs 10.1%",
        ),
        (
            "huizhou_2021_news",
            "增长7.5%以上",
            "7.5%",
            "",
            "",
            "",
            "no_outcome",
            "industrial VA: the outcome text gives gross output (产值) only",
        ),
        (
            "huizhou_2021_news",
            "收入增长3.5%",
            "3.5%",
            "huizhou_2021_gwr",
            "增長10.5%",
            "10.5%",
            "met",
            "budget revenue 3.5% vs 10.5%",
        ),
        (
            "huizhou_2021_news",
            "增长18%",
            "18%",
            "huizhou_2021_gwr",
            "增長21.8%",
            "21.8%",
            "met",
            "FAI 18% vs 21.8% (not the five-year average 13%)",
        ),
        ("huizhou_2021_news", "增长25%以上", "25%", "", "", "", "no_outcome", "industrial investment: no outcome"),
        (
            "huizhou_2021_news",
            "增长10%以上",
            "10%",
            "huizhou_2021_gwr",
            "增長13.3%",
            "13.3%",
            "met",
            "retail sales 10%以上 vs 13.3%",
        ),
        (
            "huizhou_2021_news",
            "收入增长7%",
            "7%",
            "",
            "",
            "",
            "no_outcome",
            "all-resident income: the outcome text gives urban and rural only",
        ),
    ],
    "nanchang": [
        (
            "nanchang_2022_news",
            "总值增长7%以上",
            "7%",
            "nanchang_2022_plan",
            "GDP增长4.1%",
            "4.1%",
            "missed",
            "GDP 7%以上 vs 4.1%",
        ),
        (
            "nanchang_2022_news",
            "收入增长5%左右",
            "5%",
            "nanchang_2022_plan",
            "同口径增长5.1%",
            "5.1%",
            "met",
            "budget revenue 5%左右 vs 5.1% (同口径)",
        ),
        (
            "nanchang_2022_news",
            "增加值增长8.5%左右",
            "8.5%",
            "nanchang_2022_plan",
            "增加值增长6%",
            "6%",
            "missed",
            "industrial VA 8.5%左右 vs 6%",
        ),
        (
            "nanchang_2022_news",
            "投资增长8.5%左右",
            "8.5%",
            "nanchang_2022_plan",
            "投资增长7.6%",
            "7.6%",
            "missed",
            "FAI 8.5%左右 vs 7.6%: 1 pp short although the outcome text says it met its target (a target revised in the year?)",
        ),
        (
            "nanchang_2022_news",
            "总额增长10%以上",
            "10%",
            "nanchang_2022_plan",
            "总额增长4.6%",
            "4.6%",
            "missed",
            "retail sales 10%以上 vs 4.6%",
        ),
        ("nanchang_2022_news", "外资增长6.5%左右", "6.5%", "", "", "", "no_outcome", "utilised FDI: no outcome"),
        (
            "nanchang_2022_news",
            "收入增长7.5%左右",
            "7.5%",
            "nanchang_2022_plan",
            "分别增长4.3%",
            "4.3%",
            "missed",
            "urban income 7.5%左右 vs 4.3%",
        ),
        (
            "nanchang_2022_news",
            "收入增长8%左右",
            "8%",
            "nanchang_2022_plan",
            "4.3%、5.7%",
            "5.7%",
            "missed",
            "rural income 8%左右 vs 5.7%",
        ),
        ("nanchang_2022_news", "3%以内", "3%", "", "", "", "no_outcome", "CPI ceiling: no outcome"),
    ],
}

COLS = [
    "target_report_id",
    "target_start",
    "target_end",
    "target_text",
    "outcome_report_id",
    "outcome_start",
    "outcome_end",
    "outcome_text",
    "verdict",
    "note",
]


def off(rid: str, anchor: str, val: str) -> tuple[int, int]:
    """Offsets of ``val`` inside the one occurrence of ``anchor`` in the report's text."""
    t = (ROOT / "data" / "linking" / f"{rid}.txt").read_text(encoding="utf-8")
    if t.count(anchor) != 1:
        raise SystemExit(f"{rid}: anchor {anchor!r} occurs {t.count(anchor)} times")
    a = t.index(anchor) + anchor.index(val)
    return a, a + len(val)


def main() -> None:
    for place, rows in G.items():
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(COLS)
        for tr, ta, tv, orr, oa, ov, verdict, note in rows:
            ts, te = off(tr, ta, tv)
            os_, oe = off(orr, oa, ov) if orr else ("", "")
            w.writerow([tr, ts, te, tv, orr, os_, oe, ov, verdict, note])
        (ROOT / "tests" / "links" / f"{place}_gold.csv").write_text(buf.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    main()
