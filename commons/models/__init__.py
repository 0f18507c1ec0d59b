"""Commons records and the evaluation grid (see records.py and grid.py)."""

from .grid import Answer, Assessment, Criterion, Grid, Level
from .harvest import HarvestedRecord, HarvestFormat, HarvestSource
from .records import (
    Commons,
    CommonsImage,
    CommonsOwner,
    Need,
    RelatedArticle,
    Stage,
    Status,
    SuggestedChange,
    SuggestionStatus,
    TaggedCommons,
)

__all__ = [
    "Answer",
    "Assessment",
    "Commons",
    "CommonsImage",
    "CommonsOwner",
    "Criterion",
    "Grid",
    "HarvestedRecord",
    "HarvestFormat",
    "HarvestSource",
    "Level",
    "Need",
    "RelatedArticle",
    "Stage",
    "Status",
    "SuggestedChange",
    "SuggestionStatus",
    "TaggedCommons",
]
