"""Stage 3: research measures over the cleaned data; each returns a tidy frame that
names its sources. Imports only :mod:`cnreport.core`, :mod:`cnreport.extract` and
:mod:`cnreport.clean`.

The recovery measures are re-exported here, so ``from cnreport import analysis``
then ``analysis.scorecard(...)`` works.
"""

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
