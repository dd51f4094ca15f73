"""fig_code: what the K-Means In Depth notebooks use but should not show.

Figure plumbing, the interactive widgets, reusable algorithms and the exercise self-checks. The public
API is what this module exports; everything in a module whose name starts with ``_`` is private.
"""

from .datasets import DATASETS, make_dataset
from .environment import check_environment
from .figures import figure_to_png, new_figure
from .kmeans import Step, kmeans_steps, lloyd

__all__ = [
    "DATASETS",
    "Step",
    "check_environment",
    "figure_to_png",
    "kmeans_steps",
    "lloyd",
    "make_dataset",
    "new_figure",
]
