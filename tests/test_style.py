"""The plot style: Chinese text renders in the shipped Noto font; saved figures are byte-identical."""

from __future__ import annotations

import io as _io
import re
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib
import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure

from cnreport.core import files
from cnreport.present import style

CJK_TITLE = "地区生产总值 GDP"
CJK_TICKS = ["规模以上工业增加值", "固定资产投资"]
CJK_RE = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(autouse=True)
def _restore_matplotlib():
    """Leave rcParams and pyplot as they were (style.use() changes global settings)."""
    import matplotlib.pyplot as plt

    with matplotlib.rc_context():
        yield
    plt.close("all")


def cjk_figure():
    fig, ax = style.new_figure("column", height_in=2.6)
    ax.barh(CJK_TICKS, [-1.5, 6.2], color=style.PALETTE[0])
    ax.axvline(0, color=style.INK, lw=0.8)
    ax.set_xlabel(style.unit_label("percent_yoy"))
    style.finish(fig, ax, title=CJK_TITLE, source="Source: 通州区统计局. Chart: cnreport.")
    return fig


def test_cjk_figure_saves_without_missing_glyphs_in_the_noto_face(tmp_path):
    fig = cjk_figure()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        written = style.save(fig, "fig_cjk", directory=tmp_path)
    assert [p.name for p in written] == ["fig_cjk.png", "fig_cjk.svg"]
    glyph_warnings = [str(w.message) for w in caught if "Glyph" in str(w.message)]
    assert glyph_warnings == []
    # With svg.fonttype "path" every glyph is a <path> whose id is "<PostScript name>-<glyph index>":
    # each distinct CJK character must come from the SC face of the shipped collection,
    # and no glyph may be .notdef (index 0, the box drawn for a missing character).
    svg = (tmp_path / "fig_cjk.svg").read_text(encoding="utf-8")
    glyph_ids = set(re.findall(r'<path id="([A-Za-z-]+)-([0-9a-f]+)"', svg))
    noto = {g for face, g in glyph_ids if face == "NotoSansCJKsc-Regular"}
    cjk_chars = set(CJK_RE.findall(CJK_TITLE + "".join(CJK_TICKS) + "通州区统计局"))
    assert len(noto) == len(cjk_chars)
    assert not [face for face, g in glyph_ids if g == "0"]


def test_cjk_family_resolves_to_the_shipped_font():
    style.use()
    found = font_manager.findfont(font_manager.FontProperties(family=style.CJK_FAMILY),
                                  fallback_to_default=False)
    assert Path(str(found)) == style.font_path()
    assert style.font_path().name == "NotoSansCJK-Regular.ttc"
    assert list(matplotlib.rcParams["font.family"]) == ["DejaVu Sans", "Noto Sans CJK SC"]


def test_without_the_cjk_font_chinese_text_warns():
    """The check above can fail: DejaVu Sans alone has no CJK glyphs."""
    fig = Figure(figsize=(style.COLUMN_WIDTH_IN, 2))
    fig.add_subplot().set_title(CJK_TITLE, family=["DejaVu Sans"])
    with pytest.warns(UserWarning, match=r"Glyph \d+ .* missing from font"):
        fig.savefig(_io.BytesIO(), format="png")


def test_saving_twice_gives_identical_bytes_and_no_dates(tmp_path):
    fig = cjk_figure()
    first = style.save(fig, "fig_twice", pdf=True, directory=tmp_path / "a")
    second = style.save(cjk_figure(), "fig_twice", pdf=True, directory=tmp_path / "b")
    assert [p.suffix for p in first] == [".png", ".svg", ".pdf"]
    for a, b in zip(first, second, strict=False):
        assert a.read_bytes() == b.read_bytes(), a.name
    svg = first[1].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
    assert not re.search(r"\b(19|20)\d\d-\d\d-\d\dT", svg)
    assert b"CreationDate" not in first[2].read_bytes()


def test_save_refuses_content_that_would_be_clipped(tmp_path):
    fig = cjk_figure()
    fig.text(0.5, 0.5, "x" * 120, fontsize=9)  # one word, far wider than the figure
    with pytest.raises(ValueError, match=r"fig_wide: content would be clipped \(right by"):
        style.save(fig, "fig_wide", directory=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_save_refuses_text_under_8_pt_and_bad_names(tmp_path):
    fig = cjk_figure()
    fig.axes[0].set_ylabel("tiny", fontsize=6)
    with pytest.raises(ValueError, match=r"smaller than 8 pt: 'tiny' at 6 pt"):
        style.save(fig, "fig_small", directory=tmp_path)
    with pytest.raises(ValueError, match="file stem"):
        style.save(fig, "sub/fig", directory=tmp_path)


def test_wrap_text_fits_the_width_and_keeps_punctuation_with_its_character():
    style.use()
    text = "资料来源：通州区发展和改革委员会，2020年上半年计划执行情况报告（2020-08-02）。制图：cnreport。"
    wrapped = style.wrap_text(text, 1.5, 8)
    lines = wrapped.split("\n")
    assert len(lines) > 1 and "".join(lines) == text
    assert not [ln for ln in lines[1:] if ln[0] in "，。、）："]
    prop = font_manager.FontProperties(family=list(style.FONT_FAMILY), size=8)
    from matplotlib.backends.backend_agg import RendererAgg
    widths = [RendererAgg(1, 1, 72).get_text_width_height_descent(ln, prop, ismath=False)[0] for ln in lines]
    assert max(widths) <= 1.5 * 72
    assert style.wrap_text("Growth by indicator and sector", 10, 8) == "Growth by indicator and sector"


def test_title_and_source_line_come_from_the_metadata():
    meta = files.read_metadata("tongzhou_2020h1")
    assert style.title("Growth by indicator", meta) == "Growth by indicator, Tongzhou District, 2020 H1"
    assert style.title("各指标增速", meta, "zh") == "各指标增速，通州区，2020年上半年"
    assert style.source_line(meta) == ("Source: Tongzhou District Development and Reform Commission, "
                                       "2020 H1 plan-execution report (2020-08-02). Chart: cnreport.")
    assert style.source_line(meta, "zh") == "资料来源：通州区发展和改革委员会，2020年上半年计划执行情况报告（2020-08-02）。制图：cnreport。"
    assert [style.format_period(p, "zh") for p in ("2020", "2020H2", "2020Q3")] == ["2020年", "2020年下半年", "2020年第三季度"]


def test_palette_is_okabe_ito_in_a_fixed_order():
    assert style.PALETTE == ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442")
    assert style.color("actual") != style.color("target")
    with pytest.raises(KeyError, match="no colour for 'purple'"):
        style.color("purple")
    assert (style.COLUMN_WIDTH_IN, style.PAGE_WIDTH_IN, style.MIN_FONT_PT, style.DPI) == (3.5, 7.2, 8, 300)


def test_import_registers_no_font_and_sets_nothing():
    code = ("import matplotlib as m; from matplotlib import font_manager as f; "
            "before = dict(m.rcParams); n = len(f.fontManager.ttflist); import cnreport.present.style; "
            "assert dict(m.rcParams) == before and len(f.fontManager.ttflist) == n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""
