"""Exercises on reading a report, computed from the data, with a checker that never shows the answer.

``exercises.build(lesson, before)`` returns an :class:`ExerciseSet`: each exercise has a
question (built from the report's own figures), the skill it trains, the answer and a
model reasoning (both computed), a tolerance and a hint. ``ex.check(3, 71.11)`` prints
whether the answer is right, with the hint when it is not. The exercise notebook shows
questions only; the key notebook shows answers and reasoning.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cnreport.analysis import recovery
from cnreport.clean.panel import year_before
from cnreport.present.lessons import PRICE_BASIS_TERMS, Lesson, benchmark, first_fact, gloss, missing_growth, quote, term_hits


@dataclass
class Exercise:
    """One exercise: its question, skill, answer, reasoning and how an answer is judged."""

    n: int
    skill: str
    question: str
    answer: float | str
    reasoning: str
    hint: str
    tolerance: float = 0.0
    estimate_first: bool = False

    def judge(self, given) -> bool:
        """Whether ``given`` is right: a number within the tolerance, or the same word (case and spaces ignored)."""
        if isinstance(self.answer, str):
            return isinstance(given, str) and given.strip().lower() == self.answer.lower()
        try:
            return abs(float(given) - float(self.answer)) <= self.tolerance + 1e-9
        except (TypeError, ValueError):
            return False


class ExerciseSet:
    """Numbered exercises with a checker.

    Parameters
    ----------
    exercises : list of Exercise
        Numbered 1..N in order.
    """

    def __init__(self, exercises: list[Exercise]):
        self.exercises = {e.n: e for e in exercises}

    def check(self, n: int, answer) -> None:
        """Print whether ``answer`` to exercise ``n`` is right, with a hint if not; never prints the answer."""
        ex = self.exercises[n]
        if ex.judge(answer):
            print(f"Exercise {n}: right.")
        else:
            print(f"Exercise {n}: not yet. Hint: {ex.hint}")

    def question(self, n: int) -> str:
        """Exercise ``n`` as Markdown: number, skill, and the question (never the answer)."""
        e = self.exercises[n]
        return f"**Exercise {e.n}** ({e.skill}){' — estimate first, then check' if e.estimate_first else ''}. {e.question}"

    def questions(self) -> str:
        """All questions as Markdown, one paragraph each."""
        return "\n\n".join(self.question(n) for n in self.exercises)

    def key(self) -> pd.DataFrame:
        """Answers and model reasoning, one row per exercise (for the key notebook)."""
        return pd.DataFrame([{"n": e.n, "skill": e.skill, "answer": e.answer, "tolerance": e.tolerance,
                              "reasoning": e.reasoning} for e in self.exercises.values()])

    def solve(self, n: int):
        """The computed answer to exercise ``n``."""
        return self.exercises[n].answer


def _pct(x: float) -> float:
    return round(float(x), 1)


def _reading(les: Lesson, before: Lesson) -> list[Exercise]:
    m = les.meta
    gdp = first_fact(les, indicator_id="gdp", measure="level", status="actual")
    growth = first_fact(les, indicator_id="gdp", measure="growth_pct", status="actual")
    pp = first_fact(les, measure="pp_change")
    f = les.indicators.drop_duplicates("source_start")
    share_target = _pct(100 * (f["status"] == "target").mean())
    basis_hits = int(term_hits(les, PRICE_BASIS_TERMS)["count"].sum())
    return [
        Exercise(1, "read one number", f"What GDP (地区生产总值) does the report give for {m.period_actual}, in 亿元 as written?",
                 float(gdp["value_as_written"]), f"{quote(les, int(gdp['source_start']), int(gdp['source_end']))} gives the level "
                 f"in {gdp['unit_as_written']}.",
                 "Find 地区生产总值 in the first paragraph of part 一; the number just after it.", 0.05),
        Exercise(2, "units: 亿 and 万", "Convert that GDP to billions of yuan (1 亿 = 100 million).",
                 round(float(gdp["value"]) / 1e9, 2),
                 f"{gdp['value_as_written']}亿元 × 10^8 = {float(gdp['value']):,.0f} yuan = {float(gdp['value']) / 1e9:.2f} billion.",
                 "1 亿 is 10^8; a billion is 10^9, so divide the 亿 figure by 10.", 0.01),
        Exercise(3, "kinds of numbers: actual and target", "Estimate first: what percentage of the report's quantities are "
                 "targets rather than outcomes? Then count them with the data (one decimal).", share_target,
                 f"{int((f['status'] == 'target').sum())} of {len(f)} quantities are targets: every number in part 二 "
                 f"(plans for {m.period_plan}) is one.", "Count rows with status 'target' among distinct quantities "
                 "(one per source_start) of this report.", 0.5, True),
        Exercise(4, f"{gloss(les, '同比')}", f"The report writes “{growth['source_text']}” for GDP. Compared with which "
                 "period? Answer 'same period last year' or 'previous quarter'.", "same period last year",
                 f"同比 compares with the same period of the previous year (here {year_before(les.meta.period_actual)}); "
                 "环比 would be the previous period.",
                 "Look up 同比 in the glossary."),
        Exercise(5, f"{gloss(les, '个百分点')}", f"The report says a share rose by “{pp['source_text']}”. If that share "
                 "had been 30% a year earlier, what is it now (in %)?", round(30 + float(pp["value"]), 1),
                 f"Percentage points add: 30% + {pp['value_as_written']} points = {30 + float(pp['value']):.1f}%, "
                 f"not 30% × (1 + {pp['value_as_written']}%).", "个百分点 are added to the old share, not multiplied.", 0.05),
        Exercise(6, "price basis (可比价)", "Was the report's GDP growth real or nominal? Answer 'real', 'nominal' "
                 "or 'not stated'.", "not stated" if basis_hits == 0 else "real",
                 "None of " + ", ".join(PRICE_BASIS_TERMS) + f" occurs in the text ({basis_hits} "
                 "hits). GDP growth is usually real by convention, but this report does not say so.",
                 "Search the text for the price-basis words 可比价, 不变价, 现价."),
    ]


def _judging(les: Lesson, before: Lesson) -> list[Exercise]:
    words = les.directions[les.directions["has_number"] == "false"]
    narrowing = les.directions[les.directions["kind"] == "decline_narrowing"]
    subject = narrowing["indicator_id"].iloc[0] if len(narrowing) else ""
    stated = ((les.indicators["indicator_id"] == subject) & (les.indicators["measure"] == "growth_pct")).any()
    plan = recovery.plan_progress(les.indicators, les.meta.report_id, les.meta.period_actual, les.meta.period_plan)
    lvl = plan[plan["measure"] == "level"].sort_values("share_full_year").iloc[0]
    gdp = first_fact(les, indicator_id="gdp", measure="growth_pct", status="actual")
    cn = benchmark(les, "cn", "gdp", les.meta.period_actual, "growth_pct")
    unsaid = missing_growth(les, before)
    thresholds = int((les.excluded["reason"] == "threshold").sum())
    return [
        Exercise(7, "direction words without numbers", "How many statements in the report give a direction in words "
                 "(降幅收窄, 企稳回升 …) with no number in the same clause?", len(words),
                 "They are: " + "; ".join(words["text"]) + ".", "Use data/processed/directions.csv, has_number false."),
        Exercise(8, f"what {gloss(les, '降幅收窄')} hides", f"The report says {narrowing['subject_zh'].iloc[0]}"
                 f"{narrowing['text'].iloc[0]}. Was its growth in {les.meta.period_actual} positive or negative? "
                 "Answer 'positive' or 'negative'.", "negative",
                 "A decline that narrows is still a decline: growth is below zero. The report "
                 + ("also gives" if stated else "gives no") + " growth rate for it, so how negative is not said.",
                 "A 降幅 is a rate of decline."),
        Exercise(9, "did the district meet its plan?", f"Estimate first: {lvl['indicator_zh']} was {lvl['actual_text']} in "
                 f"{les.meta.period_actual}; the target is {lvl['target_text']} (qualifier {lvl['target_qualifier']}). "
                 "What percentage of the target was reached? Then compute it (one decimal).", float(lvl["share_full_year"]),
                 f"{lvl['actual_text']} / {lvl['target_text']} = {lvl['share_full_year']}%. Read as a full-year target, half "
                 "the year gone would call for about 50%; if the target is for the second half alone, the comparison differs.",
                 "Divide the actual by the target, both in the same unit.", 0.2, True),
        Exercise(10, "judging a claim", f"Was {lvl['indicator_zh']} on schedule for the year at mid-year (at least 50% "
                 "of a full-year target)? Answer 'yes' or 'no'.", "yes" if lvl["share_full_year"] >= 50 else "no",
                 f"{lvl['share_full_year']}% against 50% on schedule; the report does not say whether the target is "
                 "for the full year, so the claim is conditional.", "Compare your answer to exercise 9 with 50."),
        Exercise(11, f"category thresholds ({gloss(les, '规模以上')})", "How many numbers in the report are set aside "
                 "because they define a category (亿元以上项目, 规上 …) rather than measure something?", thresholds,
                 f"{thresholds} excluded rows have reason 'threshold', e.g. "
                 + "; ".join(les.excluded.loc[les.excluded["reason"] == "threshold", "text"].head(3)) + ".",
                 "Look in the excluded table, column reason."),
        Exercise(12, "checking against another source", f"Estimate first: the district's GDP grew {gdp['value_as_written']}%. "
                 f"How many percentage points above or below China's {les.meta.period_actual} growth was that? "
                 "Then look China up in data/external/benchmarks.csv.", round(float(gdp["value"]) - float(cn["value"]), 1),
                 f"China: {cn['value']}% ({cn['price_basis']}, {cn['source_publisher']}). Difference "
                 f"{float(gdp['value']) - float(cn['value']):.1f} points, though the district's rate does not state its price basis.",
                 "Subtract China's rate from the district's; the answer is in percentage points.", 0.05, True),
        Exercise(13, "what is missing", f"How many indicators had a growth rate in the {before.meta.period_actual} report "
                 f"({before.meta.report_id}) but none in this one?", len(unsaid),
                 "They are: " + "; ".join(unsaid["indicator_en"]) + ". A figure a report drops may be one that looked bad.",
                 "Compare the growth_pct facts of the two reports."),
    ]


def build(lesson: Lesson, before: Lesson) -> ExerciseSet:
    """The exercise set for one report, with an earlier report of the same place for comparison.

    Parameters
    ----------
    lesson : Lesson
        The report read (must state GDP level and growth, a pp change, a decline-narrowing
        statement and at least one target matching an actual).
    before : Lesson
        An earlier report of the same place (for "what is missing").

    Raises
    ------
    LookupError, IndexError
        The report lacks a figure an exercise is built on.
    """
    return ExerciseSet(_reading(lesson, before) + _judging(lesson, before))


