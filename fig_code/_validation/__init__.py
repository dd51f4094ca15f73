"""Argument checks shared by the public functions of fig_code, in one private package.

Every check raises ``ValueError`` with a message that says what was wrong and what is expected, so a
learner never sees a traceback from deep inside NumPy. One module per area: ``_basic`` (numbers,
points, labels, random states), ``_colour`` (images and palettes), ``_figures`` (figures, axes and
widgets), ``_data`` (data at scale, initial centres, labels, digit images). Import the checks from
here: ``from ._validation import check_points``.
"""

from ._basic import (  # noqa: F401
    _describe,
    as_float_array,
    check_choice,
    check_int,
    check_labels,
    check_n_clusters,
    check_points,
    check_random_state,
    check_real,
    describe,
    is_real,
)
from ._colour import (  # noqa: F401
    check_channels,
    check_fit_on,
    check_image,
    check_image_pair,
    check_image_shape,
    check_palette,
    check_palette_columns,
    check_pillow_image,
    check_pillow_method,
    check_uint8_image,
)
from ._data import (  # noqa: F401
    check_axes_grid,
    check_callable,
    check_centers,
    check_finite_rows,
    check_images,
    check_init,
    check_init_centers,
    check_label_pair,
    check_label_vector,
    check_named_centers,
    check_parallel_seeds,
    check_point,
    check_positive,
    check_positive_pairs,
    check_rows,
    check_titles,
)
from ._figures import (  # noqa: F401
    PNG_ENCODERS,
    check_alpha,
    check_aspect,
    check_ax,
    check_axes,
    check_cluster_labels,
    check_cmap,
    check_coordinate,
    check_data_choice,
    check_dpi,
    check_figsize,
    check_figure,
    check_limits,
    check_plotted,
    check_png_encoder,
    check_step,
    check_step_init,
    check_steps,
)
