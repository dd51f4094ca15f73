"""Exercise self-checks, one module per notebook. Each check returns a ``CheckResult``."""

from ._feedback import CheckResult
from .color import check_distinct_colors, check_paletted_size, check_psnr, check_quantized_image
from .digits import check_contingency_table, check_matched_accuracy
from .em import check_assign_step, check_update_step
from .intro import check_inertia, check_new_point
from .scale import check_chunk_size, check_kmeans_parallel_saving, check_partial_fit_loop

__all__ = [
    "CheckResult",
    "check_assign_step",
    "check_chunk_size",
    "check_contingency_table",
    "check_distinct_colors",
    "check_inertia",
    "check_kmeans_parallel_saving",
    "check_matched_accuracy",
    "check_new_point",
    "check_paletted_size",
    "check_partial_fit_loop",
    "check_psnr",
    "check_quantized_image",
    "check_update_step",
]
