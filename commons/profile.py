"""The profile of an assessment: one row per criterion, an average, and what remains to fill.

A self-assessment, not a certification: levels marked as not counting ("Sans objet") are shown
but left out of the average and of the chart's scale.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Assessment, Criterion, Grid, Level


@dataclass(frozen=True)
class ProfileRow:
    criterion: Criterion
    level: Level | None
    text: str

    @property
    def is_answered(self) -> bool:
        return self.level is not None

    @property
    def counts(self) -> bool:
        return self.level is not None and self.level.counts and self.level.value is not None


@dataclass(frozen=True)
class Profile:
    grid: Grid
    assessment: Assessment | None
    rows: list[ProfileRow]
    max_value: int

    @property
    def average(self) -> float | None:
        values = [row.level.value for row in self.rows if row.counts]
        return round(sum(values) / len(values), 1) if values else None

    @property
    def remaining(self) -> list[Criterion]:
        return [row.criterion for row in self.rows if not row.is_answered]

    @property
    def answered_count(self) -> int:
        return sum(1 for row in self.rows if row.is_answered)

    def fraction(self, row: ProfileRow) -> float:
        if not row.counts or not self.max_value:
            return 0.0
        return row.level.value / self.max_value


def build_profile(*, assessment: Assessment | None, grid: Grid | None) -> Profile | None:
    """The profile of ``assessment`` on its own grid version, or an empty one on ``grid``."""
    grid = assessment.grid if assessment is not None else grid
    if grid is None:
        return None
    answers = {}
    if assessment is not None:
        answers = {answer.criterion_id: answer for answer in assessment.answers.all()}
    levels = list(grid.levels.all())
    max_value = max((level.value or 0 for level in levels if level.counts), default=0)
    rows = []
    for criterion in grid.criteria.all():
        answer = answers.get(criterion.pk)
        rows.append(
            ProfileRow(
                criterion=criterion,
                level=answer.level if answer else None,
                text=answer.text if answer else "",
            )
        )
    return Profile(grid=grid, assessment=assessment, rows=rows, max_value=max_value)
