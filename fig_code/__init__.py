"""fig_code: what the K-Means In Depth notebooks use but should not show.

Figure plumbing, the interactive widgets, reusable algorithms and the exercise self-checks. The public
API is what this module exports; everything in a module whose name starts with ``_`` is private.
"""

from .baselines import jpeg_roundtrip, kmeans_quantize, pillow_quantize, png_bit_depth, png_size
from .color_plots import plot_color_cloud, plot_palette, sample_pixels
from .color_widget import plot_color_compression_interactive
from .dask_tools import quiet_repeated_key_warning
from .datasets import DATASETS, make_dataset
from .digits_plots import plot_cluster_map, plot_digit_images
from .environment import check_environment
from .figures import figure_to_png, new_figure
from .kmeans import Step, kmeans_steps, lloyd
from .labels import contingency_table, label_mapping, match_labels
from .metrics import psnr
from .plotting import cluster_colors, data_limits, plot_clusters, plot_kmeans_steps, plot_voronoi
from .quantize import color_histogram, quantize_colors
from .scale import (
    KMeansParallelSeeds,
    Measurement,
    iter_chunks,
    kmeans_parallel_seeds,
    loglog_slope,
    measure,
    streamed_inertia,
)
from .scale_plots import plot_kmeans_parallel, plot_scaling
from .step_display import KMeansStepDisplay
from .step_widget import plot_kmeans_interactive

__all__ = [
    "DATASETS",
    "KMeansParallelSeeds",
    "KMeansStepDisplay",
    "Measurement",
    "Step",
    "check_environment",
    "cluster_colors",
    "color_histogram",
    "contingency_table",
    "data_limits",
    "figure_to_png",
    "jpeg_roundtrip",
    "iter_chunks",
    "kmeans_parallel_seeds",
    "kmeans_quantize",
    "kmeans_steps",
    "label_mapping",
    "lloyd",
    "loglog_slope",
    "make_dataset",
    "match_labels",
    "measure",
    "new_figure",
    "pillow_quantize",
    "plot_cluster_map",
    "plot_clusters",
    "plot_color_cloud",
    "plot_color_compression_interactive",
    "plot_digit_images",
    "plot_kmeans_interactive",
    "plot_kmeans_parallel",
    "plot_kmeans_steps",
    "plot_palette",
    "plot_scaling",
    "plot_voronoi",
    "png_bit_depth",
    "png_size",
    "psnr",
    "quantize_colors",
    "quiet_repeated_key_warning",
    "sample_pixels",
    "streamed_inertia",
]
