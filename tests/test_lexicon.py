"""Every cue word lives in the lexicon: a word added to a copy of a list takes effect in every rule that reads it."""

from __future__ import annotations

import pytest

from cnreport import extract
from cnreport.core import lexicon, paths


@pytest.fixture
def use_lexicon(tmp_path, monkeypatch):
    """Put in use (through CNREPORT_LEXICON) a new copy of the package's word lists with rows added.

    A folder's lists are read once, so each change is a new folder, as the lexicon module documents.
    """
    src = paths.package_file("cnreport.core", "lexicon")
    made = []

    def make(**added: list[str]):
        dst = tmp_path / f"lexicon{len(made)}"
        dst.mkdir()
        for name in ("units", "magnitudes", "cues", "unit_overrides"):
            text = (src / f"{name}.csv").read_text(encoding="utf-8")
            (dst / f"{name}.csv").write_text(text + "".join(row + "\n" for row in added.get(name, ())), encoding="utf-8")
        monkeypatch.setenv(lexicon.ENV_VAR, str(dst))
        made.append(dst)
        return dst

    return make


def _row(text: str, span: str) -> dict:
    rows = [r for r in extract.extract_quantities(text).rows if r["text"] == span]
    assert len(rows) == 1, (text, span, extract.extract_quantities(text).rows)
    return rows[0]


def test_the_environment_variable_is_read_at_each_call(use_lexicon, monkeypatch):
    folder = use_lexicon()
    assert lexicon.folder() == str(folder)
    monkeypatch.delenv(lexicon.ENV_VAR)
    assert lexicon.folder() == ""


# Three rules read the negative cues: the sign of a verb, an absolute change after a
# comparison, and a decline before 收窄 (a narrowing decline is a rise).
NEGATIVE_CASES = [
    ("出口总额萎缩5.2%。", "5.2%", ("rate_pct", "5.2"), ("growth_pct", "-5.2")),
    ("出口额比上年萎缩2.3亿元。", "2.3亿元", ("level", "230000000"), ("abs_change", "-230000000")),
    ("出口持续萎缩,较上月收窄1.2个百分点。", "1.2个百分点", ("pp_change", "-1.2"), ("pp_change", "1.2")),
]


@pytest.mark.parametrize(("text", "span", "before", "after"), NEGATIVE_CASES)
def test_a_new_negative_cue_changes_the_sign_in_every_rule(use_lexicon, text, span, before, after):
    use_lexicon()
    r = _row(text, span)
    assert (r["measure"], r["value_base"]) == before
    use_lexicon(cues=["negative,萎缩,"])
    r = _row(text, span)
    assert (r["measure"], r["value_base"]) == after


def test_a_new_unit_and_qualifier_and_target_cue_take_effect(use_lexicon):
    text = "全年力求新建充电桩逾1200根。"
    use_lexicon()
    assert extract.extract_quantities(text).rows == []
    use_lexicon(units=["根,count,1,count,"])
    r = _row(text, "1200根")
    assert (r["unit_base"], r["qualifier"], r["status"]) == ("count", "more_than", "actual")
    use_lexicon(units=["根,count,1,count,"], cues=["target_cue,力求,"])
    assert _row(text, "1200根")["status"] == "target"


def test_a_new_share_word_makes_a_share(use_lexicon):
    text = "民营经济权重达到52.4%。"
    assert _row(text, "52.4%")["measure"] == "rate_pct"
    use_lexicon(cues=["share_word,权重,"])
    assert _row(text, "52.4%")["measure"] == "share_pct"


def test_the_package_lists_are_back_once_the_variable_is_unset(use_lexicon, monkeypatch):
    use_lexicon(cues=["negative,萎缩,"])
    assert _row("出口总额萎缩5.2%。", "5.2%")["value_base"] == "-5.2"
    monkeypatch.delenv(lexicon.ENV_VAR)
    assert _row("出口总额萎缩5.2%。", "5.2%")["value_base"] == "5.2"


def test_no_extract_module_repeats_a_cue_word():
    """The code of the extractor holds no word of a sign, measure, status or qualifier list."""
    kinds = ("negative", "positive", "growth_word", "growth_noun", "decline_rate", "decline_word", "narrowing_verb",
             "share_word", "level_to", "comparison", "target_cue", "plan_heading", "actual_heading")
    words = {w for k in kinds for w in lexicon.cues()[k] if len(w) >= 2}
    for path in sorted(paths.package_file("cnreport.extract").iterdir()):
        if not path.name.endswith(".py"):
            continue
        code = path.read_text(encoding="utf-8")
        found = sorted(w for w in words if f'"{w}"' in code or f"|{w}" in code or f"{w}|" in code)
        assert found == [], f"{path.name} repeats cue words {found}"
