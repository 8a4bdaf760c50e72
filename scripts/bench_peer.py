"""Side-by-side benchmark: cnreport against two general-purpose Chinese recognizers.

Run with ``make bench-peer``: it builds ``.venv-peer`` from ``bench/peer-requirements.txt``
(the peers are benchmark-only dependencies, never runtime ones), installs cnreport into it
without dependencies, and runs this script there. The script prints a Markdown report
(the README section "Compared with general-purpose recognizers" is pasted from it) and writes
the same text to ``bench/peer_results.md``.

Every tool reads every report in ``data/raw/`` and is scored with
:func:`cnreport.extract.evaluate.score` against ``tests/listings/<id>_quantities.csv``: a listed
quantity counts as found when an output row overlaps its span and has the same signed
``value_base`` and the same ``unit_base``. Precision = right rows / rows output; recall =
right rows / listed rows. The peers give no ``measure`` or ``status`` (left empty; those
are not part of the F1).

Each tool runs in its own fresh process (``--worker``), so start-up and memory are its own.
Start-up = importing the tool, loading its models and one warm-up call on a one-sentence
text; time per report = median of at least ``--repeat`` runs after that (more, up to 200,
while they take under 0.5 s in all); peak memory = the worker's maximum resident set size.

How each peer is used (the best honest use of it), and how its output is mapped
------------------------------------------------------------------------------
Input. cnreport reads the decoded text as published. For the three reports in Traditional
script both peers get a Simplified copy made character by character with OpenCC ``t2s`` (a
character that would become several is kept), so the offsets are unchanged and the peers
are not penalised for a script they were not built for. Pinyin glosses such as ``個(gè)``
stay in. The peers get the text one line at a time (offsets are shifted back).

Unit words. Where a peer gives a number but no unit, the unit is the word written right
after the number, looked up in ``src/cnreport/core/lexicon/units.csv`` (optionally after a
magnitude word: "万亩"; spaces between number and unit are skipped: "3 个"), in its default
base unit (户 -> households, 个 -> count, 方 -> m3). cnreport's context overrides
(``unit_overrides.csv``) and its sign, threshold and name rules are its own and are not
given to the peers. An entity without a number (Recognizers-Text finds "亩" alone in
"亩产", "人民币" in "人民币兑美元") is no quantity and is dropped.

Microsoft Recognizers-Text (``recognizers-text-suite``, Culture.Chinese). Four models:
``NumberWithUnitRecognizer`` currency and dimension, ``NumberRecognizer`` percentage and
number. Its ``end`` is inclusive; the rows use ``end + 1``.

- currency: ``resolution.value`` in yuan/dollars, unit from ``isoCurrency``: CNY -> CNY,
  USD -> USD, any other code kept as it is (it matches nothing listed: 长三角 -> 3 Jiao).
- dimension: ``resolution.value`` with the unit name mapped by :data:`RT_DIMENSION_UNITS`
  (Mu -> mu, Ton -> tonne, Kilogram -> kg, Jin -> jin, Hectare -> hectare, Square meter -> m2,
  Square kilometer -> km2, Cubic meter -> m3, Kilometer -> km, Meter -> m); any other unit
  name (Bit for 位 in 第41位, ...) is kept as it is and so matches nothing.
- percentage: ``12.5%`` -> 12.5 ``percent``; that includes ``个百分点`` (the model resolves
  "7.1个百分点" to 7.1%) and ``成`` (两成 -> 20%), because that is what the model says.
- number: a number the three models above did not cover becomes a quantity only when a unit
  word follows it (see "Unit words": "1.2万" + "人" -> 12000 persons; "69" + "个" -> 69 count).
  Bare numbers (years, list markers, ...) are dropped: they are not quantities in any
  tool's sense. (Without this step, the three unit models alone: see the "parts" line.)
- overlaps: currency, dimension and percentage rows win over number rows; otherwise the
  longer span wins.

JioNLP (``jionlp`` with its segmenter ``jiojio``, and ``cn2an`` for numerals).

- money: ``jio.ner.extract_money(line, with_parsing=True)``; ``detail.num`` (the low end of
  a range), ``detail.case`` 元 -> CNY, 美元 -> USD, any other currency kept as it is.
  Blurred amounts (``亿元以上`` -> 1e8, definition ``blur+``) are kept: the tool reports them.
  (``use_jiojio=True`` raises ValueError once jiojio is initialised with part-of-speech
  tags, which the next step needs, so the default is used.)
- everything else: ``jiojio.init(pos=True)`` and ``jiojio.cut`` (words with part-of-speech
  tags). A word tagged ``m`` (numeral) ending in ``%`` or ``‰`` is a percent or permille;
  any other ``m`` word is a quantity when the next word is a unit word: "3.5万" + "亩" ->
  35000 mu, "7.1" + "个" -> 7.1 count (the segmenter splits 个百分点 into 个 + 百分点). A
  word with another tag that is digits + unit word ("50场", "1件") is a quantity too.
  Numerals are parsed with ``cn2an.cn2an(word, "smart")`` (两 -> 2, 1.2万 -> 12000).
- overlaps: money rows win over segmenter rows; otherwise the longer span wins.

Neither peer has a notion of sign: 下降9.6% comes out as +9.6 (the listings write -9.6).
That is counted as wrong, like any other wrong value.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ("cnreport", "jionlp", "recognizers")
LABELS = {"cnreport": "cnreport", "jionlp": "JioNLP", "recognizers": "Recognizers-Text"}
FLAGSHIP = "tongzhou_2020h1"
WARMUP = "1-6月,完成地区生产总值711.1亿元,同比增长1.6%,新增就业1.2万人。"
RESULTS = ROOT / "bench" / "peer_results.md"
MIN_TIME_S, MAX_RUNS = 0.5, 200   # timed runs per report: at least --repeat, more while under 0.5 s

# Recognizers-Text dimension unit names -> cnreport base units (see the module docstring).
RT_DIMENSION_UNITS = {
    "Mu": "mu", "Hectare": "hectare", "Square meter": "m2", "Square kilometer": "km2",
    "Cubic meter": "m3", "Ton": "tonne", "Kilogram": "kg", "Jin": "jin",
    "Kilometer": "km", "Meter": "m",
}
# Currency codes (Recognizers-Text) and currency words (JioNLP) -> base units.
RT_CURRENCIES = {"CNY": "CNY", "USD": "USD"}
JIO_CURRENCIES = {"元": "CNY", "人民币": "CNY", "美元": "USD"}
# Digits (and a magnitude) at the start of a segmenter word such as "50场".
_DIGIT_PREFIX = re.compile(r"[0-9]+(?:\.[0-9]+)?[十百千万亿]*")

# Examples shown in the notes: (report id, context that occurs once in the text, the part to show).
EXAMPLES = (
    ("tongzhou_2020h1", "PM2.5浓度下降9.6%", "9.6%", "a decline (下降)"),
    ("xianning_2020h1_news", "同比下降17.5%", "17.5%", "a decline (下降), Traditional text"),
    ("tongzhou_2020h1", "提高7.1个百分点", "7.1个百分点", "个百分点"),
    ("tianmen_2020h1_plan", "收窄23.6个百分点", "23.6个百分点", "个百分点 of a narrowing decline"),
    ("tongzhou_2020h1", "两成示范", "两成", "campaign name"),
    ("tongzhou_2020h1", "“333”行动", "333", "campaign name"),
    ("tongzhou_2020h1", "新开工亿元以上产业项目51个", "亿元以上产业项目51个", "threshold, then a count"),
    ("tongzhou_2020h1", "其中10亿元及1亿美元以上重大项目19个", "10亿元及1亿美元以上重大项目19个", "thresholds, then a count"),
    ("tongzhou_2020h1", "发布时间:2020-08-02 09:24", "2020-08-02 09:24", "date"),
    ("rudong_2019_gwr", "排名第41位", "第41位", "rank"),
    ("baoying_2020_bulletin", "三次产业增加值比例为", "三次产业", "descriptor"),
    ("tongzhou_2020h1", "主动融入长三角", "长三角", "place name"),
)


# ---------------------------------------------------------------- pure mapping helpers

def clean_decimal(value) -> Decimal | None:
    """A number from a peer (str, int or float) as a Decimal, float noise rounded off.

    Floats (cn2an returns them for 1.2万) are rounded to 12 significant digits.
    """
    if value is None or value == "":
        return None
    if isinstance(value, float):
        value = f"{value:.12g}"
    try:
        d = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        return None
    if not d.is_finite():
        return None
    return d.normalize() if d != 0 else Decimal(0)


def fmt(d: Decimal | None) -> str:
    """A Decimal as plain text without exponent ('' for None)."""
    if d is None:
        return ""
    s = format(d, "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


def unit_words() -> dict[str, tuple[str, Decimal]]:
    """Unit words of cnreport's lexicon: word -> (base unit, factor). Default column only."""
    from cnreport.core import lexicon

    return {w: (u.unit_base, u.factor) for w, u in lexicon.units().items()}


def magnitude_words() -> dict[str, int]:
    from cnreport.core import lexicon

    return dict(lexicon.magnitudes())


def glue_unit(following: str, units: dict, mags: dict, whole: bool) -> tuple[int, str, Decimal] | None:
    """The unit written right after a number: (length, base unit, factor) or None.

    Spaces before the unit are skipped and counted in the length ("3 个").
    ``whole=True`` (a segmenter token): ``following`` must be exactly [magnitude] + unit word.
    ``whole=False`` (raw text): the longest [magnitude] + unit word at the start of ``following``.
    """
    lead = len(following) - len(following.lstrip(" \u3000\t"))
    following = following[lead:]
    if whole:
        following = following.rstrip(" \u3000\t")
    best = None
    for mag in [""] + sorted(mags, key=len, reverse=True):
        if not following.startswith(mag):
            continue
        rest = following[len(mag):]
        factor = Decimal(mags[mag]) if mag else Decimal(1)
        for word, (base, f) in units.items():
            ok = rest == word if whole else rest.startswith(word)
            if ok and (best is None or lead + len(mag) + len(word) > best[0]):
                best = (lead + len(mag) + len(word), base, factor * f)
    return best


def resolve_overlaps(rows: list[dict | None]) -> list[dict]:
    """Keep non-overlapping rows (None dropped): lower ``prio`` first, then the longer span, then the earlier."""
    kept: list[dict] = []
    for r in sorted((r for r in rows if r is not None), key=lambda r: (r["prio"], -(r["end"] - r["start"]), r["start"])):
        if all(r["end"] <= k["start"] or k["end"] <= r["start"] for k in kept):
            kept.append(r)
    return sorted(kept, key=lambda r: r["start"])


def _row(start: int, end: int, text: str, value: Decimal | None, unit: str, via: str, prio: int) -> dict | None:
    if value is None:  # an entity without a number ("亩" alone, "人民币兑美元") is no quantity
        return None
    return {"start": start, "end": end, "text": text[start:end], "value_base": fmt(value),
            "unit_base": unit, "measure": "", "status": "", "via": via, "prio": prio}


def rt_rows(text: str, results: dict[str, list], units: dict, mags: dict) -> list[dict]:
    """Recognizers-Text model results -> rows (offsets into ``text``).

    ``results`` maps ``currency``, ``dimension``, ``percentage``, ``number`` to the lists of
    ModelResult objects (attributes ``start``, ``end`` inclusive, ``resolution``).
    """
    rows = []
    for kind in ("currency", "dimension", "percentage"):
        for r in results.get(kind, []):
            res = r.resolution or {}
            start, end = r.start, r.end + 1
            if kind == "currency":
                code = res.get("isoCurrency") or res.get("unit") or ""
                rows.append(_row(start, end, text, clean_decimal(res.get("value")),
                                 RT_CURRENCIES.get(code, code), kind, 0))
            elif kind == "dimension":
                name = res.get("unit") or ""
                rows.append(_row(start, end, text, clean_decimal(res.get("value")),
                                 RT_DIMENSION_UNITS.get(name, name), kind, 0))
            else:
                v = str(res.get("value") or "")
                unit = "permille" if v.endswith("‰") else "percent"
                rows.append(_row(start, end, text, clean_decimal(v.rstrip("%‰")), unit, kind, 0))
    for r in results.get("number", []):
        start, end = r.start, r.end + 1
        g = glue_unit(text[end:end + 8], units, mags, whole=False)
        value = clean_decimal((r.resolution or {}).get("value"))
        if g is None or value is None:
            continue
        n, base, factor = g
        rows.append(_row(start, end + n, text, value * factor, base, "number+unit", 1))
    return resolve_overlaps(rows)


def parse_cn2an(token: str) -> Decimal | None:
    """A numeral token parsed by cn2an's smart mode (None if it cannot)."""
    import cn2an

    try:
        return clean_decimal(cn2an.cn2an(token, "smart"))
    except Exception:  # cn2an raises bare ValueError/KeyError on non-numerals
        return None


def jio_rows(text: str, money: list[dict], tokens: list[tuple[str, str]], units: dict, mags: dict,
             parse=parse_cn2an) -> list[dict]:
    """JioNLP money entities and jiojio (word, tag) tokens of ``text`` -> rows.

    ``tokens`` must concatenate to ``text`` (jiojio keeps every character).
    """
    rows = []
    for m in money:
        d = m.get("detail") or {}
        num = d.get("num")
        if isinstance(num, (list, tuple)):
            num = num[0] if num else None
        case = d.get("case") or ""
        s, e = m["offset"]
        rows.append(_row(s, e, text, clean_decimal(num), JIO_CURRENCIES.get(case, case), "money", 0))
    pos = 0
    spans = []
    for w, tag in tokens:
        spans.append((pos, pos + len(w), w, tag))
        pos += len(w)
    for i, (s, e, w, tag) in enumerate(spans):
        word = w.strip()
        if not word:
            continue
        if tag != "m":
            # a word that the segmenter kept whole as digits + unit ("50场", "1件"); words that
            # start with a Chinese numeral (四方, 三次) are lexical words, not quantities
            m = _DIGIT_PREFIX.match(word)
            g = glue_unit(word[m.end():], units, mags, whole=True) if m else None
            value = parse(m.group()) if g else None
            if value is not None:
                rows.append(_row(s, e, text, value * g[2], g[1], "word", 1))
            continue
        if word[-1:] in ("%", "%", "‰"):
            rows.append(_row(s, e, text, parse(word[:-1].strip()),
                             "permille" if word.endswith("‰") else "percent", "m%", 1))
            continue
        j = i + 1
        while j < len(spans) and not spans[j][2].strip():  # a space token between number and unit
            j += 1
        if j >= len(spans):
            continue
        value = parse(word)
        g = glue_unit(spans[j][2], units, mags, whole=True)
        if value is None or g is None:
            continue
        rows.append(_row(s, spans[j][1], text, value * g[2], g[1], "m+unit", 1))
    return resolve_overlaps(rows)


def by_line(text: str):
    """(offset, line) for every non-blank line of ``text`` (line ends excluded)."""
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            yield pos, body
        pos += len(line)


def simplified_chars(text: str, convert) -> str:
    """``text`` converted character by character (length-preserving)."""
    out = []
    for ch in text:
        c = convert(ch)
        out.append(c if len(c) == 1 else ch)
    return "".join(out)


# ---------------------------------------------------------------- the tools (worker side)

def load_tool(tool: str, units: dict, mags: dict):
    """Import and load one tool; return (run(text, meta) -> rows, versions dict)."""
    from importlib.metadata import version

    if tool == "cnreport":
        from cnreport import extract

        def run(text, meta):
            return [{k: r[k] for k in ("start", "end", "text", "value_base", "unit_base", "measure", "status")}
                    | {"value_base": str(r["value_base"]), "via": "cnreport"}
                    for r in extract.extract_quantities(text, meta).rows]
        return run, {"cnreport": version("cnreport")}

    if tool == "recognizers":
        import warnings

        warnings.filterwarnings("ignore", category=SyntaxWarning)
        from recognizers_number import NumberRecognizer
        from recognizers_number_with_unit import NumberWithUnitRecognizer
        from recognizers_text import Culture

        nwu = NumberWithUnitRecognizer(Culture.Chinese)
        num = NumberRecognizer(Culture.Chinese)
        models = {"currency": nwu.get_currency_model(), "dimension": nwu.get_dimension_model(),
                  "percentage": num.get_percentage_model(), "number": num.get_number_model()}

        def run(text, meta):
            rows = []
            for off, line in by_line(text):
                res = {k: m.parse(line) for k, m in models.items()}
                rows += [r | {"start": r["start"] + off, "end": r["end"] + off} for r in rt_rows(line, res, units, mags)]
            return rows
        return run, {p: version(p) for p in ("recognizers-text-suite", "recognizers-text-number",
                                              "recognizers-text-number-with-unit", "emoji")}

    if tool == "jionlp":
        import jiojio
        import jionlp as jio

        jiojio.init(pos=True)

        def run(text, meta):
            rows = []
            for off, line in by_line(text):
                money = jio.ner.extract_money(line, with_parsing=True)
                rows += [r | {"start": r["start"] + off, "end": r["end"] + off}
                         for r in jio_rows(line, money, jiojio.cut(line), units, mags)]
            return rows
        return run, {p: version(p) for p in ("jionlp", "jiojio", "cn2an")}
    raise SystemExit(f"unknown tool {tool!r}")


def worker(tool: str, inp: Path, out: Path, repeat: int) -> None:
    """Run one tool on every report; write rows, timings and memory as JSON to ``out``."""
    reports = json.loads(inp.read_text(encoding="utf-8"))
    # The peers' unit table comes from cnreport's lexicon: read before the clock starts.
    units, mags = (unit_words(), magnitude_words()) if tool != "cnreport" else ({}, {})
    t0 = time.perf_counter()
    run, versions = load_tool(tool, units, mags)
    run(WARMUP, None)
    startup = time.perf_counter() - t0
    rss_startup = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    metas = {}
    if tool == "cnreport":  # metadata is read after start-up: reading YAML is input, not start-up
        from cnreport.core import files

        metas = {rid: files.read_metadata(rid) for rid in reports}
    result = {"tool": tool, "versions": versions, "startup_s": startup, "reports": {}}
    for rid, rep in reports.items():
        text = rep["text"] if tool == "cnreport" else rep["peer_text"]
        meta = metas.get(rid)
        rows = run(text, meta)
        times = []
        begin = time.perf_counter()
        while len(times) < repeat or (time.perf_counter() - begin < MIN_TIME_S and len(times) < MAX_RUNS):
            t = time.perf_counter()
            run(text, meta)
            times.append(time.perf_counter() - t)
        for r in rows:
            r.pop("prio", None)
            assert text[r["start"]:r["end"]] == r["text"], (tool, rid, r)
        result["reports"][rid] = {"rows": rows, "time_s": statistics.median(times)}
    result["rss_startup_mb"] = rss_startup
    result["rss_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")


# ---------------------------------------------------------------- the report (parent side)

def _pct(x: float) -> str:
    return f"{x:.2f}"


def _cell_rows(rows: list[dict]) -> str:
    if not rows:
        return "nothing"
    return "; ".join(f"`{r['text']}` → {r['value_base'] or '?'} {r['unit_base'] or '?'}" for r in rows)


def _overlapping(rows, s, e):
    return [r for r in rows if int(r["start"]) < e and s < int(r["end"])]


def hard_cases(tool_rows: dict, listed: dict, excluded: dict) -> list[tuple[str, str]]:
    """(case, cell) for the notes table of one tool, counted over every report."""
    from cnreport.extract import evaluate

    neg = neg_ok = neg_abs = 0
    pp = pp_ok = pp_pct = pp_count = pp_other = 0
    for rid, lrows in listed.items():
        rows = tool_rows[rid]
        for er, lr in evaluate.match_rows(rows, lrows):
            if lr is None:
                continue
            lv = clean_decimal(lr["value_base"])
            ev = clean_decimal(er["value_base"]) if er else None
            if lv is not None and lv < 0:
                neg += 1
                if er and ev == lv and er["unit_base"] == lr["unit_base"]:
                    neg_ok += 1
                elif er and ev is not None and ev == -lv:
                    neg_abs += 1
            if lr["unit_base"] == "pp":
                pp += 1
                if er is None:
                    pp_other += 1
                elif er["unit_base"] == "pp" and ev == lv:
                    pp_ok += 1
                elif er["unit_base"] == "percent":
                    pp_pct += 1
                elif er["unit_base"] == "count":
                    pp_count += 1
                else:
                    pp_other += 1
    out = [
        (f"negative figures (下降, 减少 …; {neg} listed): right with sign",
         f"{neg_ok}/{neg}" + (f" ({neg_abs} with the sign dropped)" if neg_abs else "")),
        (f"个百分点 ({pp} listed as pp): right",
         f"{pp_ok}/{pp}" + "".join(f", {n} read as {what}" for n, what in
                                   ((pp_pct, "percent"), (pp_count, "a count of 个"), (pp_other, "something else or missed")) if n)),
    ]
    for reason, label in (("name", "names (两成示范, “333”行动, 5G, 十三五 …)"),
                          ("threshold", "thresholds (亿元以上项目 …)"),
                          ("date", "dates"), ("period", "periods (1-6月, 2019年 …)")):
        n = hit = 0
        for rid, xrows in excluded.items():
            for x in xrows:
                if x["reason"] != reason:
                    continue
                n += 1
                hit += bool(_overlapping(tool_rows[rid], int(x["start"]), int(x["end"])))
        out.append((f"{label}: excluded spans output as quantities ({n} listed)", f"{hit}/{n}"))
    return out


def render(results: dict, listed: dict, excluded: dict, texts: dict, repeat: int, command: str) -> str:
    from cnreport.extract import evaluate

    ran = [t for t in TOOLS if "error" not in results[t]]
    if not ran:
        return "".join(f"{LABELS[t]} could not be run: {results[t]['error']}\n" for t in TOOLS)
    scores = {t: {rid: evaluate.score(results[t]["reports"][rid]["rows"], listed[rid]) for rid in listed}
              for t in ran}
    lines = []
    add = lines.append
    add(f"Produced by `{command}` on {_dt.date.today().isoformat()} "
        f"({os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.machine()}).")
    vers = []
    for t in TOOLS:
        if "error" in results[t]:
            vers.append(f"{LABELS[t]}: could not run ({results[t]['error']})")
        else:
            vers.append(f"{LABELS[t]}: " + ", ".join(f"{p} {v}" for p, v in results[t]["versions"].items()))
    add("Versions: " + "; ".join(vers) + ".")
    add("")
    add("F1 per report (a listed quantity is right when an output row overlaps it with the same signed "
        "`value_base` and `unit_base`):")
    add("")
    add("| Report | Listed | " + " | ".join(LABELS[t] for t in ran) + " |")
    add("|---|---:|" + "---:|" * len(ran))
    for rid in listed:
        add(f"| {rid} | {len(listed[rid])} | " + " | ".join(_pct(scores[t][rid]["f1"]) for t in ran) + " |")
    tot = {}
    for t in ran:
        c = sum(s["correct"] for s in scores[t].values())
        x = sum(s["extracted"] for s in scores[t].values())
        n = sum(s["listed"] for s in scores[t].values())
        p, r = (c / x if x else 0.0), (c / n if n else 0.0)
        tot[t] = {"correct": c, "extracted": x, "listed": n, "p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
    n_all = sum(len(v) for v in listed.values())
    add(f"| **all {len(listed)} reports** | {n_all} | " + " | ".join(f"**{_pct(tot[t]['f1'])}**" for t in ran) + " |")
    add("")
    add(f"Recall, precision and speed (time per report: median of at least {repeat} runs per report, as many as "
        f"fit in {MIN_TIME_S} s up to {MAX_RUNS}, after start-up; "
        "start-up: import, model loading and one warm-up sentence, in a fresh process):")
    add("")
    add("| Tool | Recall (right / listed) | Precision (right / output) | F1 | Time per report, mean | Flagship | Start-up | Peak memory |")
    add("|---|---:|---:|---:|---:|---:|---:|---:|")
    for t in ran:
        res = results[t]
        times = [res["reports"][rid]["time_s"] for rid in listed]
        T = tot[t]
        add(f"| {LABELS[t]} | {_pct(T['r'])} ({T['correct']}/{T['listed']}) | {_pct(T['p'])} ({T['correct']}/{T['extracted']}) "
            f"| {_pct(T['f1'])} | {_ms(statistics.mean(times))} | {_ms(res['reports'][FLAGSHIP]['time_s'])} "
            f"| {_ms(res['startup_s'])} | {res['rss_peak_mb']:,.0f} MB |")
    peers = [t for t in ran if t != "cnreport"]
    if "cnreport" in ran and peers:
        mean = {t: statistics.mean(results[t]["reports"][rid]["time_s"] for rid in listed) for t in ran}
        fastest = min(peers, key=lambda t: mean[t])
        best = max(peers, key=lambda t: tot[t]["f1"])
        add("")
        add(f"cnreport's overall F1 is {tot['cnreport']['f1'] - tot[best]['f1']:+.2f} against the better peer "
            f"({LABELS[best]}); per report it is {mean[fastest] / mean['cnreport']:,.0f} times as fast as the faster "
            f"peer ({LABELS[fastest]}) after start-up.")
    parts = []
    for t, vias, what in (("jionlp", {"money"}, "JioNLP's money extractor alone"),
                          ("recognizers", {"currency", "dimension", "percentage"},
                           "Recognizers-Text's currency, dimension and percentage models alone (no number + unit word)")):
        if t in ran:
            c = x = 0
            for rid in listed:
                sc = evaluate.score([r for r in results[t]["reports"][rid]["rows"] if r["via"] in vias], listed[rid])
                c, x = c + sc["correct"], x + sc["extracted"]
            p, r = (c / x if x else 0.0), c / n_all
            parts.append(f"{what}: F1 {_pct(2 * p * r / (p + r) if p + r else 0.0)} "
                         f"(recall {_pct(r)}, precision {_pct(p)})")
    if parts:
        add("")
        add("The peers' parts on their own, all reports: " + "; ".join(parts) + ".")
    add("")
    add("How each tool handles the hard cases, counted over all reports (excluded spans from "
        "`tests/listings/*_excluded.csv`; any output row overlapping one counts):")
    add("")
    cases = {t: hard_cases({rid: results[t]["reports"][rid]["rows"] for rid in listed}, listed, excluded) for t in ran}
    add("| Case | " + " | ".join(LABELS[t] for t in ran) + " |")
    add("|---|" + "---|" * len(ran))
    for i, (label, _) in enumerate(cases[ran[0]]):
        add(f"| {label} | " + " | ".join(cases[t][i][1] for t in ran) + " |")
    add("")
    add("Examples (what each tool output for the marked text; `→ value unit` in base units):")
    add("")
    add("| Text (report) | Listing | " + " | ".join(LABELS[t] for t in ran) + " |")
    add("|---|---|" + "---|" * len(ran))
    for rid, context, part, what in EXAMPLES:
        text = texts[rid]
        i = text.find(context)
        if i < 0 or text.find(context, i + 1) >= 0:
            add(f"| {context} ({rid}) | example not found once in the text | " + " | " * len(ran))
            continue
        s = i + context.index(part)
        e = s + len(part)
        lrows = _overlapping(listed[rid], s, e)
        xrows = _overlapping(excluded[rid], s, e)
        lcell = "; ".join([f"`{r['text']}` → {r['value_base']} {r['unit_base']}" for r in lrows]
                          + [f"`{r['text']}` not a quantity ({r['reason']})" for r in xrows]) or "nothing"
        add(f"| {what}: {context.replace('|', '/')} ({rid}) | {lcell} | "
            + " | ".join(_cell_rows(_overlapping(results[t]["reports"][rid]["rows"], s, e)) for t in ran) + " |")
    for t in TOOLS:
        if "error" in results[t]:
            add("")
            add(f"{LABELS[t]} could not be run here: {results[t]['error']}")
    return "\n".join(lines) + "\n"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 1 else f"{seconds:,.1f} s"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of " + ", ".join(TOOLS))
    ap.add_argument("--repeat", type=int, default=5, help="at least this many timed runs per report and tool (median)")
    ap.add_argument("--out", default=str(RESULTS), help="also write the Markdown here ('' for none)")
    ap.add_argument("--keep", help="keep each tool's rows and timings as DIR/<tool>.json")
    ap.add_argument("--worker", choices=TOOLS, help=argparse.SUPPRESS)
    ap.add_argument("--input", help=argparse.SUPPRESS)
    ap.add_argument("--output", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args.worker, Path(args.input), Path(args.output), args.repeat)
        return 0

    import opencc

    from cnreport.core import files, paths

    t2s = opencc.OpenCC("t2s")
    listings = paths.TESTS / "listings"
    ids = files.list_report_ids()
    reports, texts, listed, excluded = {}, {}, {}, {}
    for rid in ids:
        text = files.read_report(paths.raw_report(rid)).text
        meta = files.read_metadata(rid)
        peer = simplified_chars(text, t2s.convert) if meta.script == "traditional" else text
        reports[rid] = {"text": text, "peer_text": peer}
        texts[rid] = text
        listed[rid] = files.read_csv_rows(listings / f"{rid}_quantities.csv")
        excluded[rid] = files.read_csv_rows(listings / f"{rid}_excluded.csv")
    tools = [t for t in args.tools.split(",") if t]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "reports.json"
        inp.write_text(json.dumps(reports, ensure_ascii=False), encoding="utf-8")
        for tool in TOOLS:
            if tool not in tools:
                results[tool] = {"error": "not requested (--tools)"}
                continue
            out = Path(tmp) / f"{tool}.json"
            print(f"bench-peer: running {LABELS[tool]} ...", file=sys.stderr, flush=True)
            proc = subprocess.run([sys.executable, __file__, "--worker", tool, "--input", str(inp),
                                   "--output", str(out), "--repeat", str(args.repeat)],
                                  capture_output=True, text=True)
            if proc.returncode != 0 or not out.exists():
                err = (proc.stderr.strip().splitlines() or [f"exit code {proc.returncode}"])[-1]
                print(f"bench-peer: {LABELS[tool]} failed: {err}", file=sys.stderr)
                results[tool] = {"error": err}
            else:
                results[tool] = json.loads(out.read_text(encoding="utf-8"))
                if args.keep:
                    Path(args.keep).mkdir(parents=True, exist_ok=True)
                    (Path(args.keep) / out.name).write_text(out.read_text(encoding="utf-8"), encoding="utf-8")
    by_hand = "python scripts/bench_peer.py " + " ".join(argv or sys.argv[1:])
    command = "make bench-peer" if os.environ.get("BENCH_PEER_VIA_MAKE") else by_hand
    md = render(results, listed, excluded, texts, args.repeat, command.strip())
    print(md, end="")
    if args.out:
        files.write_text_atomic(args.out, md)
    return 0 if all("error" not in results[t] for t in tools) else 1


if __name__ == "__main__":
    sys.exit(main())
