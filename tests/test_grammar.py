"""The visual grammar: role -> colour and marker and hatch; the label-collision check; the labels table."""

from __future__ import annotations

import csv
import re

import matplotlib
import pytest

from cnreport.core import paths
from cnreport.present import collisions, grammar, labels, style


@pytest.fixture(autouse=True)
def _restore_matplotlib():
    import matplotlib.pyplot as plt

    with matplotlib.rc_context():
        yield
    plt.close("all")


def _bars(label_x: float, line_x: float | None = None):
    fig, ax = style.new_figure("column", 2.4)
    ax.barh([0, 1], [5.0, 3.0], color=style.PALETTE[0])
    ax.text(label_x, 0, "5.0", va="center", ha="left")
    if line_x is not None:
        ax.axvline(line_x, color=style.GREY, linestyle="--")
    ax.set_xlim(0, 8)
    style.finish(fig, title="Bars", source="Source: test.")
    return fig


def test_a_label_clear_of_every_mark_passes(tmp_path):
    fig = _bars(5.3)
    assert collisions.find_collisions(fig) == []
    assert [p.suffix for p in style.save(fig, "fig_ok", directory=tmp_path)] == [".png", ".svg"]


def test_a_label_on_a_bar_fails_the_save_and_writes_nothing(tmp_path):
    fig = _bars(2.0)  # "5.0" drawn inside the first bar
    assert collisions.find_collisions(fig) == ["text '5.0' overlaps bar at -0.40"]
    with pytest.raises(ValueError, match=r"fig_bad: labels collide: text '5.0' overlaps bar"):
        style.save(fig, "fig_bad", directory=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_reference_line_through_a_label_is_a_collision():
    fig = _bars(5.3, line_x=5.5)
    found = collisions.find_collisions(fig)
    assert len(found) == 1 and found[0].startswith("text '5.0' overlaps line")


def test_two_overlapping_texts_and_a_legend_on_a_mark_are_collisions():
    fig = _bars(5.3)
    ax = fig.axes[0]
    ax.text(5.35, 0, "again", va="center")
    assert "text '5.0' overlaps text 'again'" in collisions.find_collisions(fig)
    fig2, ax2 = style.new_figure("column", 2.4)
    ax2.plot([0, 1], [0, 1], label="a line across the whole axes")
    ax2.legend(loc="center")
    style.finish(fig2, title="Legend", source="Source: test.")
    assert any(c.startswith("legend overlaps line") for c in collisions.find_collisions(fig2))


def test_every_role_has_its_own_colour_and_marker_and_hatch():
    roles = grammar.ROLES.values()
    for attribute in ("color", "marker"):
        values = [getattr(r, attribute) for r in roles]
        assert len(set(values)) == len(values), attribute
    hatches = [r.hatch for r in roles]
    assert len(set(hatches)) == len(hatches)
    assert grammar.role_style("focal").hatch == "" and grammar.role_style("focal").marker == "*"
    assert grammar.role_style("focal").zorder > max(r.zorder for r in roles if r.role != "focal")
    assert grammar.marker_area("focal") > grammar.marker_area("province")
    with pytest.raises(KeyError, match="no figure role 'city'"):
        grammar.role_style("city")


@pytest.mark.parametrize(("geo_zh", "focal", "role"), [
    ("江苏省南通市通州区", "江苏省南通市通州区", "focal"),
    ("江苏省", "江苏省南通市通州区", "province"),
    ("南通市", "江苏省南通市通州区", "prefecture"),
    ("江苏省南通市", "江苏省南通市通州区", "prefecture"),
    ("中国", "江苏省南通市通州区", "country"),
    ("湖北省", "江苏省南通市通州区", "other"),
    ("江苏省南通市启东市", "江苏省南通市通州区", "other"),
    ("湖北省", "湖北省天门市", "province"),
    ("北京市", "北京市通州区", "province"),
    ("天门市", "湖北省天门市", "other"),   # a county-level city is not its own prefecture
])
def test_role_of_reads_the_place_names(geo_zh, focal, role):
    assert grammar.role_of(geo_zh, focal) == role


def test_labels_table_is_complete_and_fills_placeholders():
    with open(paths.package_file("cnreport.present", "labels.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["key"] for r in rows] == list(labels.table())
    for r in rows:
        # the same placeholders in both languages (a row without Chinese is an English gloss of Chinese words)
        if r["zh"]:
            assert set(re.findall(r"{(\w+)}", r["en"])) == set(re.findall(r"{(\w+)}", r["zh"])), r["key"]
    assert labels.label("role_province", "zh", place="江苏省") == "江苏省（所在省）"
    assert labels.label("missing_benchmark") == "not in our benchmarks"
    assert labels.label("missing_report") == "not stated in the report"
    with pytest.raises(KeyError, match="no label 'nope'"):
        labels.label("nope")


def test_the_plan_title_in_chinese_does_not_call_the_targets_first_half_targets():
    title = labels.label("title_plan", "zh", place="通州区", period="2020年上半年")
    assert title == "通州区2020年上半年完成量与报告所定目标对照" and "上半年目标" not in title


def test_labels_module_imports_no_matplotlib():
    import subprocess
    import sys

    code = "import sys; import cnreport.present.labels as L; L.table(); print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_label_across_the_axis_line_is_a_collision():
    fig = _bars(-0.2)  # starts left of x = 0, where the left axis line is drawn
    assert any("overlaps the left axis line" in c for c in collisions.find_collisions(fig))


def test_a_boxed_label_inside_a_bar_is_allowed_but_not_on_a_line():
    fig = _bars(5.3)
    fig.axes[0].text(2.0, 1, "3", ha="center", va="center", bbox={"facecolor": "white", "edgecolor": "none"})
    assert collisions.find_collisions(fig) == []
    fig.axes[0].axvline(2.0)
    assert any(c.startswith("text '3' overlaps line") for c in collisions.find_collisions(fig))
