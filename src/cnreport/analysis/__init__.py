"""Stage 3: research measures over the cleaned data; each returns a tidy frame that
names its sources. Imports only :mod:`cnreport.core`, :mod:`cnreport.extract` and
:mod:`cnreport.clean`.

The recovery measures are re-exported here (the price-basis, plan-reading,
comparison-statement and finding-sentence modules are used by name:
``analysis.basis``, ``analysis.plan``, ``analysis.comparisons``,
``analysis.findings``, ``analysis.findings_places``, ``analysis.figure_notes``,
``analysis.sources``), so ``from cnreport import analysis``
then ``analysis.scorecard(...)`` works.
"""

from cnreport.analysis import basis, comparisons, figure_notes, findings, findings_places, plan, sources
from cnreport.analysis.recovery import (
    CUMULATIVE_PERIODS,
    HEADLINE,
    NOT_COMPARABLE_ACROSS_LISTS,
    baseline,
    cross_district,
    direction_statements,
    growth,
    national_v,
    plan_progress,
    province_of,
    scorecard,
    sector_growth,
    source_ref,
    unsaid,
)

__all__ = ["CUMULATIVE_PERIODS", "HEADLINE", "NOT_COMPARABLE_ACROSS_LISTS", "baseline", "cross_district",
           "direction_statements", "growth", "national_v", "plan_progress", "province_of", "scorecard",
           "sector_growth", "source_ref", "unsaid"]
__all__ += ["basis", "comparisons", "figure_notes", "findings", "findings_places", "plan", "sources"]
