"""Argument checks shared by the public functions of fig_code.

Every check raises ``ValueError`` with a message that says what was wrong and what is expected, so a
learner never sees a traceback from deep inside NumPy.
"""

from __future__ import annotations

import numbers

import numpy as np


def _describe(value) -> str:
    shape = getattr(value, "shape", None)
    if shape is not None:
        return f"an array of shape {tuple(shape)}"
    return f"{type(value).__name__} {value!r}"[:80]


def check_points(
    X,
    *,
    name: str = "X",
    n_features: int | None = None,
    min_samples: int = 1,
    rows: str | None = None,
) -> np.ndarray:
    """Return ``X`` as a finite 2-D float array of shape (n_samples, n_features).

    ``n_features`` demands an exact number of columns (2 for the plotting functions). ``rows`` names
    the rows in error messages; default "n_clusters" when ``name`` ends with "centers" (so a message
    says "centers must be a 2-D array of shape (n_clusters, 2)"), else "n_samples".
    """
    if rows is None:
        rows = "n_clusters" if name.endswith("centers") else "n_samples"
    try:
        arr = np.asarray(X, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(
            f"{name} must be a numeric 2-D array of shape ({rows}, n_features); got {_describe(X)}"
        ) from None
    want = f"({rows}, {'n_features' if n_features is None else n_features})"
    if arr.ndim != 2:
        raise ValueError(f"{name} must be a 2-D array of shape {want}; got shape {arr.shape}")
    if n_features is not None and arr.shape[1] != n_features:
        raise ValueError(
            f"{name} must be a 2-D array of shape {want} for this function; got shape {arr.shape}"
        )
    if arr.shape[0] < min_samples:
        raise ValueError(
            f"{name} must have at least {min_samples} sample(s); got shape {arr.shape}"
        )
    if arr.shape[1] < 1:
        raise ValueError(f"{name} must have at least one feature (column); got shape {arr.shape}")
    if not np.isfinite(arr).all():
        bad = int((~np.isfinite(arr)).sum())
        raise ValueError(
            f"{name} contains {bad} NaN or infinite value(s); every entry must be finite"
        )
    return arr


def is_real(x) -> bool:
    """A real number (Python or NumPy, e.g. ``np.float32``), not a bool."""
    return isinstance(x, numbers.Real) and not isinstance(x, (bool, np.bool_))


def check_real(value, *, name: str, low: float | None = None, high: float | None = None) -> float:
    """Return ``value`` as a finite float, checking ``low <= value <= high`` (either bound optional)."""
    if not is_real(value) or not np.isfinite(value):
        raise ValueError(f"{name} must be a finite real number; got {_describe(value)}")
    value = float(value)
    if low is not None and value < low or high is not None and value > high:
        if high is None:
            rng = f"at least {low}"
        elif low is None:
            rng = f"at most {high}"
        else:
            rng = f"between {low} and {high}"
        raise ValueError(f"{name} must be {rng}; got {value}")
    return value


def check_random_state(random_state, *, name: str = "random_state"):
    """scikit-learn's ``check_random_state``, with its error turned into this module's ``ValueError``.

    ``None``, an integer seed (not a bool) or a ``np.random.RandomState`` instance.
    """
    from sklearn.utils import check_random_state as sklearn_check_random_state

    if isinstance(random_state, (bool, np.bool_)):
        raise ValueError(
            f"{name} must be None, an integer seed or a np.random.RandomState; got {_describe(random_state)}"
        )
    try:
        return sklearn_check_random_state(random_state)
    except (TypeError, ValueError):
        raise ValueError(
            f"{name} must be None, an integer seed or a np.random.RandomState; got {_describe(random_state)}"
        ) from None


def check_int(value, *, name: str, low: int | None = None, high: int | None = None) -> int:
    """Return ``value`` as an int, checking ``low <= value <= high`` (either bound optional)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be an integer; got {_describe(value)}")
    value = int(value)
    if low is not None and value < low or high is not None and value > high:
        if high is None:
            rng = f"at least {low}"
        elif low is None:
            rng = f"at most {high}"
        else:
            rng = f"between {low} and {high}"
        raise ValueError(f"{name} must be {rng}; got {value}")
    return value


def check_n_clusters(n_clusters, n_samples: int, *, name: str = "n_clusters") -> int:
    """``n_clusters`` must be an integer with 1 <= n_clusters <= n_samples."""
    if isinstance(n_clusters, bool) or not isinstance(n_clusters, numbers.Integral):
        raise ValueError(
            f"{name} must be an integer between 1 and n_samples; got {_describe(n_clusters)}"
        )
    if not 1 <= n_clusters <= n_samples:
        raise ValueError(
            f"{name} must be between 1 and the number of samples ({n_samples}); got {int(n_clusters)}"
        )
    return int(n_clusters)


def check_labels(labels, *, name: str = "labels", n_samples: int | None = None) -> np.ndarray:
    """Return ``labels`` as a 1-D integer array (optionally of length ``n_samples``)."""
    arr = np.asarray(labels)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array of integer labels; got shape {arr.shape}")
    if arr.size and not np.issubdtype(arr.dtype, np.integer):
        if (
            np.issubdtype(arr.dtype, np.floating)
            and np.isfinite(arr).all()
            and (arr == np.round(arr)).all()
        ):
            arr = arr.astype(int)
        else:
            raise ValueError(f"{name} must hold integer labels; got dtype {arr.dtype}")
    if n_samples is not None and arr.shape[0] != n_samples:
        raise ValueError(f"{name} must have one entry per sample ({n_samples}); got {arr.shape[0]}")
    return arr


# --------------------------------------------------------------------------------------------------
# Images and palettes (colour compression: quantize, color_plots, color_widget, checks.color).
# Checks for these arguments live in this section.
# --------------------------------------------------------------------------------------------------


def check_image(image, *, name: str = "image", shape: str = "(height, width, 3)") -> np.ndarray:
    """Return ``image`` as an (H, W, 3) uint8 or float array in [0, 1], or raise ValueError.

    ``name`` and ``shape`` are what the message calls the argument and the shape it must have.
    """
    expected = f"{name} must be an RGB array of shape {shape}, uint8 or float in [0, 1]"
    if not isinstance(image, np.ndarray):
        try:
            image = np.asarray(image)
        except (TypeError, ValueError):
            raise ValueError(f"{expected}; got {type(image).__name__}") from None
    if image.ndim != 3:
        hint = " (a grey image has no colour channels)" if image.ndim == 2 else ""
        raise ValueError(f"{expected}; got a {image.ndim}-D array of shape {image.shape}{hint}")
    if image.shape[2] != 3:
        hint = " (RGBA? drop the alpha channel with image[..., :3])" if image.shape[2] == 4 else ""
        raise ValueError(f"{expected}; got {image.shape[2]} channel(s), shape {image.shape}{hint}")
    if image.shape[0] == 0 or image.shape[1] == 0:
        raise ValueError(f"{expected}; got an empty image of shape {image.shape}")
    if image.dtype == np.uint8:
        return image
    if not np.issubdtype(image.dtype, np.floating):
        raise ValueError(
            f"{expected}; got dtype {image.dtype} (if the values are integers from 0 to 255, "
            "convert with image.astype(np.uint8))"
        )
    n_nan = int(np.isnan(image).sum())
    if n_nan:
        raise ValueError(f"{expected}; it contains {n_nan} NaN value(s)")
    lo, hi = float(image.min()), float(image.max())
    if lo < 0 or hi > 1:
        hint = " (values from 0 to 255? divide by 255)" if 0 <= lo and hi <= 255 else ""
        raise ValueError(f"{expected}; got float values from {lo:g} to {hi:g}{hint}")
    return image


def check_palette(palette, *, name: str = "palette") -> np.ndarray:
    """Return ``palette`` as an (n_colors, 3) uint8 or float array in [0, 1], or raise ValueError."""
    arr = np.asarray(palette)
    if arr.ndim != 2 or arr.shape[1] != 3 or arr.shape[0] == 0:
        raise ValueError(
            f"{name} must be an RGB array of shape (n_colors, 3), uint8 or float in [0, 1]; "
            f"got shape {arr.shape}"
        )
    return check_image(arr[None], name=name, shape="(n_colors, 3)")[0]


def check_pillow_image(image):
    """Return a Pillow image as is, or a uint8 RGB array as a Pillow image; else raise ValueError."""
    from PIL import Image  # lazy, like scikit-learn above: only the baselines write image files

    if isinstance(image, Image.Image):
        return image
    array = check_image(image)
    if array.dtype != np.uint8:
        raise ValueError(
            f"image must be uint8 (or a PIL image); got {array.dtype} (convert a float image in "
            "[0, 1] with (image * 255).round().astype(np.uint8))"
        )
    return Image.fromarray(array)


# --------------------------------------------------------------------------------------------------
# Figures, axes and widgets (plotting, step frames, widgets, figsize/dpi, ax, limits).
# Checks for these arguments live in this section.
# --------------------------------------------------------------------------------------------------


def check_ax(ax, *, figsize: tuple[float, float] | None = None):
    """Return ``ax`` if it is a matplotlib ``Axes``; for ``None``, the Axes of a new pyplot-free figure.

    Anything else gets a ``ValueError`` (not the ``AttributeError`` matplotlib would raise later).
    """
    from matplotlib.axes import Axes

    if ax is None:
        from .figures import new_figure

        return (new_figure(figsize) if figsize is not None else new_figure()).add_subplot()
    if not isinstance(ax, Axes):
        raise ValueError(
            f"ax must be a matplotlib Axes (e.g. from plt.subplots()) or None; got {type(ax).__name__}"
        )
    return ax


# --------------------------------------------------------------------------------------------------
# Data sets at scale, labels and random states (scale, labels, kmeans).
# Checks for these arguments live in this section.
# --------------------------------------------------------------------------------------------------
