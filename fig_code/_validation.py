"""Argument checks shared by the public functions of fig_code.

Every check raises ``ValueError`` with a message that says what was wrong and what is expected, so a
learner never sees a traceback from deep inside NumPy.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

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


def check_cluster_labels(labels, n_samples: int, *, name: str = "labels") -> np.ndarray:
    """Return ``labels`` as 1-D integer cluster numbers 0, 1, 2, ..., one per sample (they pick colours)."""
    labels = check_labels(labels, name=name, n_samples=n_samples)
    if labels.size and labels.min() < 0:
        raise ValueError(
            f"{name} must be cluster numbers 0, 1, 2, ...; got a negative label {labels.min()}"
        )
    return labels


def check_limits(lim, name: str) -> tuple[float, float]:
    """Return an axis window ``(low, high)`` of finite floats with ``low < high``."""
    try:
        lo, hi = (float(v) for v in lim)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a pair (low, high) of numbers; got {lim!r}") from None
    if not (np.isfinite([lo, hi]).all() and lo < hi):
        raise ValueError(
            f"{name} must be a pair (low, high) of finite numbers with low < high; got {lim!r}"
        )
    return lo, hi


def check_aspect(aspect) -> float:
    """Return the height / width ratio of an axes box: a positive finite number."""
    if not is_real(aspect) or not 0 < aspect < np.inf:
        raise ValueError(f"aspect must be a positive number (height / width); got {aspect!r}")
    return float(aspect)


def check_alpha(alpha, *, name: str = "alpha") -> float:
    """Return an opacity: a number between 0 and 1."""
    if not is_real(alpha) or not 0 <= alpha <= 1:
        raise ValueError(f"{name} must be a number between 0 and 1; got {alpha!r}")
    return float(alpha)


def check_figsize(figsize) -> tuple[float, float]:
    """Return ``(width, height)`` in inches: two positive finite numbers."""
    try:
        good = len(figsize) == 2 and all(is_real(v) and 0 < v < np.inf for v in figsize)
    except TypeError:
        good = False
    if not good:
        raise ValueError(
            f"figsize must be two positive numbers (width, height) in inches; got {figsize!r}"
        )
    return float(figsize[0]), float(figsize[1])


def check_dpi(dpi) -> int:
    """Return the dots per inch of a rendered frame: an integer from 20 to 300."""
    return check_int(dpi, name="dpi", low=20, high=300)


#: How ``figures.figure_to_png`` can write a PNG (see there).
PNG_ENCODERS = ("savefig", "pillow", "fast")


def check_png_encoder(encoder, dpi, figure_dpi: float) -> str:
    """Return the name of a PNG encoder; "pillow" and "fast" write the canvas at the figure's dpi."""
    if not isinstance(encoder, str) or encoder not in PNG_ENCODERS:
        raise ValueError(
            f"encoder must be one of {', '.join(map(repr, PNG_ENCODERS))}; got {encoder!r}"
        )
    if encoder != "savefig" and dpi is not None and dpi != figure_dpi:
        raise ValueError(
            f"encoder {encoder!r} writes the figure at its own dpi ({figure_dpi:g}); leave dpi out "
            f"or use encoder='savefig' for dpi={dpi!r}"
        )
    return encoder


def check_steps(steps, n_samples: int, *, name: str = "steps") -> list:
    """Return ``steps`` as a list: a non-empty run of ``kmeans_steps`` on 2-D data of n_samples points."""
    from .kmeans import Step

    try:
        steps = list(steps)
    except TypeError:
        steps = []
    if (
        not steps
        or not all(isinstance(s, Step) for s in steps)
        or steps[0].centers.shape[1] != 2
        or any(s.labels is not None and len(s.labels) != n_samples for s in steps)
    ):
        raise ValueError(
            f"{name} must be the list returned by kmeans_steps(X, ...) for this X (2 columns, "
            f"{n_samples} points)"
        )
    return steps


def check_step(step, n_samples: int, *, name: str = "step", n_clusters: int | None = None):
    """Return ``step``: one ``Step`` of ``kmeans_steps`` on 2-D data of n_samples points."""
    from .kmeans import Step

    if not isinstance(step, Step):
        raise ValueError(
            f"{name} must be one Step of kmeans_steps(X, ...) (e.g. steps[0]); got {_describe(step)}"
        )
    centers = np.asarray(step.centers)
    if (
        centers.ndim != 2
        or centers.shape[1] != 2
        or (step.labels is not None and len(step.labels) != n_samples)
    ):
        raise ValueError(
            f"{name} must be a Step of kmeans_steps(X, ...) for this X (2 columns, {n_samples} "
            "points)"
        )
    if n_clusters is not None and len(centers) != n_clusters:
        raise ValueError(
            f"{name} must have {n_clusters} centres, as the step drawn first; got {len(centers)}"
        )
    return step


def check_axes(axes, n_panels: int) -> list:
    """Return ``axes`` flattened to a list of at least ``n_panels`` matplotlib Axes."""
    from matplotlib.axes import Axes

    axes = list(np.ravel(np.asarray(axes, dtype=object)))
    if len(axes) < n_panels or not all(isinstance(a, Axes) for a in axes):
        raise ValueError(
            f"axes must be a sequence of at least {n_panels} matplotlib Axes (one per panel); "
            f"got {len(axes)} item(s)"
        )
    return axes


def check_coordinate(value, *, name: str) -> float:
    """Return a data coordinate of a picture (e.g. a placed centre's x): a finite real number."""
    if not is_real(value) or not np.isfinite(float(value)):
        raise ValueError(
            f"{name} must be a finite number (a data coordinate of the picture); got {value!r}"
        )
    return float(value)


def check_data_choice(X, dataset, n_samples) -> np.ndarray | None:
    """The step-through's data: ``X`` (n_samples, 2), or none and a generated data set (not both)."""
    if X is None:
        return None
    X = check_points(X, n_features=2)
    for name, value in (("dataset", dataset), ("n_samples", n_samples)):
        if value is not None:
            raise ValueError(
                f"{name} chooses a generated data set, so it cannot be used together with X; "
                f"give either X or {name}, not both (got {name}={value!r})"
            )
    return X


def check_step_init(
    init, n_clusters, *, k_max: int, names, click: str
) -> tuple[int, str, np.ndarray | None]:
    """The step-through's start: ``(n_clusters, init name, placed centres or None)``.

    ``init`` is one of ``names`` or an array of 1..k_max starting centres (then the init name is
    ``click``, click to place, and n_clusters, if given, must be their number).
    """
    centers = None
    if isinstance(init, str):
        if init not in names:
            raise ValueError(
                "init must be 'random', 'k-means++', 'click' or an array of starting centres of "
                f"shape (n_clusters, 2) for this widget; got {init!r}"
            )
    else:
        centers = check_points(init, name="init", n_features=2, rows="n_clusters")
        if not 1 <= len(centers) <= k_max:
            raise ValueError(
                f"init must have between 1 and {k_max} centres (rows) for this widget; "
                f"got {len(centers)}"
            )
        if n_clusters is not None and n_clusters != len(centers):
            raise ValueError(
                f"init has {len(centers)} centre(s) but n_clusters is {n_clusters!r}; leave "
                f"n_clusters out or set n_clusters={len(centers)}"
            )
        n_clusters, init = len(centers), click
    n_clusters = 4 if n_clusters is None else n_clusters
    n_clusters = check_int(n_clusters, name="n_clusters", low=1, high=k_max)
    return n_clusters, init, centers


# --------------------------------------------------------------------------------------------------
# Data sets at scale, labels and random states (scale, labels, kmeans).
# Checks for these arguments live in this section.
# --------------------------------------------------------------------------------------------------


# --- data at scale (scale, scale_plots, checks.scale) ------------------------------------------------
# The data may be memory-mapped files larger than memory, so ``check_rows`` looks at the shape and dtype
# only and never reads the rows.


def check_rows(X, *, name: str = "X", n_features: int | None = None) -> None:
    """``X`` must be a 2-D numeric array (a memmap is fine: nothing is read here).

    ``n_features`` demands an exact number of columns (2 for the plots).
    """
    shape = getattr(X, "shape", None)
    dtype = getattr(X, "dtype", None)
    if shape is None or dtype is None:
        raise ValueError(
            f"{name} must be a 2-D NumPy array of shape (n_samples, n_features), for example "
            f'np.load(path, mmap_mode="r"); got {type(X).__name__}'
        )
    if len(shape) != 2:
        raise ValueError(
            f"{name} must be a 2-D array of shape (n_samples, n_features); got shape {tuple(shape)}"
        )
    if not (np.issubdtype(dtype, np.floating) or np.issubdtype(dtype, np.integer)):
        raise ValueError(f"{name} must hold numbers; got dtype {dtype}")
    if shape[0] < 1 or shape[1] < 1:
        raise ValueError(f"{name} must have at least one row and one column; got shape {shape}")
    if n_features is not None and shape[1] != n_features:
        raise ValueError(
            f"{name} must be a 2-D array of shape (n_samples, {n_features}) for this plot; "
            f"got shape {shape}"
        )


def check_finite_rows(X, *, name: str = "X") -> np.ndarray:
    """``X`` (checked by ``check_rows``) read into memory as a finite float64 array."""
    check_rows(X, name=name)
    arr = np.asarray(X, dtype=np.float64)
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} contains NaN or infinite values; every entry must be finite")
    return arr


def check_positive(value, *, name: str) -> float:
    """``value`` as a float: a finite real number (not a bool) greater than 0."""
    if not is_real(value) or not np.isfinite(value) or not value > 0:
        raise ValueError(f"{name} must be a positive number; got {value!r}")
    return float(value)


def check_positive_pairs(sizes, seconds) -> tuple[np.ndarray, np.ndarray]:
    """Two 1-D float arrays of the same length (at least 2), finite and positive (for log axes)."""
    out = []
    for name, values in (("sizes", sizes), ("seconds", seconds)):
        try:
            arr = np.asarray(values, dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be a 1-D sequence of numbers; got {values!r}") from None
        if arr.ndim != 1 or arr.size < 2:
            raise ValueError(
                f"{name} must be a 1-D sequence of at least 2 numbers; got shape {arr.shape}"
            )
        if not (np.isfinite(arr).all() and (arr > 0).all()):
            raise ValueError(f"{name} must be finite and positive (log axes); got {arr.tolist()}")
        out.append(arr)
    x, y = out
    if x.shape != y.shape:
        raise ValueError(
            f"sizes and seconds must have the same length; got {x.size} and {y.size} values"
        )
    if len(np.unique(x)) < 2:
        raise ValueError("sizes must hold at least two different values to fit a slope")
    return x, y


def check_centers(centers, n_features: int) -> np.ndarray:
    """``centers`` as a finite float64 array of shape (n_clusters, n_features)."""
    try:
        arr = np.asarray(centers, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(
            f"centers must be a numeric array of shape (n_clusters, {n_features}); got "
            f"{type(centers).__name__}"
        ) from None
    if arr.ndim != 2 or arr.shape[1] != n_features or arr.shape[0] < 1:
        raise ValueError(
            f"centers must be a 2-D array of shape (n_clusters, {n_features}), one row per centre "
            f"with as many columns as X; got shape {arr.shape}"
        )
    if not np.isfinite(arr).all():
        raise ValueError("centers contains NaN or infinite values")
    return arr


def check_parallel_seeds(seeds, *, n_features: int = 2):
    """``seeds`` must be what ``kmeans_parallel_seeds`` returned, computed on ``n_features`` columns."""
    # imported here, not at the top: fig_code.scale imports this module
    from .scale import KMeansParallelSeeds

    if not isinstance(seeds, KMeansParallelSeeds):
        raise ValueError(
            "seeds must be what fig_code.kmeans_parallel_seeds returned; got "
            f"{type(seeds).__name__}"
        )
    if seeds.candidates.shape[1] != n_features:
        raise ValueError(
            f"seeds were computed on data with more than {n_features} features; pass those "
            f"{n_features}-D X"
        )
    return seeds


# --- initial centres (kmeans) -------------------------------------------------------------------------


def check_init_centers(init, X: np.ndarray, *, n_clusters: int | None = None) -> np.ndarray:
    """``init`` as a finite float array of shape (n_clusters, n_features) matching ``X`` (a copy)."""
    n_samples, n_features = X.shape
    try:
        centers = np.array(init, dtype=float)  # a copy: the caller's array is never changed
    except (TypeError, ValueError):
        raise ValueError(
            "init must be an array of initial centres of shape (n_clusters, n_features) "
            f"= (k, {n_features}); got {type(init).__name__}"
        ) from None
    k = n_clusters if n_clusters is not None else "k"
    if centers.ndim != 2 or centers.shape[1] != n_features:
        raise ValueError(
            f"init must have shape (n_clusters, n_features) = ({k}, {n_features}), one row per "
            f"centre with as many columns as X; got shape {centers.shape}"
        )
    if n_clusters is not None and centers.shape[0] != n_clusters:
        raise ValueError(
            f"init has {centers.shape[0]} centre(s) but n_clusters is {n_clusters}; "
            f"give init of shape ({n_clusters}, {n_features}) or set n_clusters={centers.shape[0]}"
        )
    check_n_clusters(centers.shape[0], n_samples, name="the number of centres in init")
    if not np.isfinite(centers).all():
        raise ValueError("init contains NaN or infinite values; every centre must be finite")
    return centers


def check_init(init, X: np.ndarray, *, n_clusters: int | None = None, methods=()):
    """A name from ``methods`` (returned as is) or initial centres (see ``check_init_centers``).

    With no ``methods`` (``lloyd``), a name is refused with a pointer to where names are taken.
    """
    if isinstance(init, str):
        if not methods:
            raise ValueError(
                f"lloyd needs the initial centres as an array of shape (k, {X.shape[1]}); got the "
                f"string {init!r}. For a named method use kmeans_steps(X, k, init={init!r}) or "
                "sklearn.cluster.kmeans_plusplus"
            )
        if init not in methods:
            names = ", ".join(repr(m) for m in methods)
            raise ValueError(
                f"init must be {names} or an array of shape ({n_clusters}, {X.shape[1]}); "
                f"got {init!r}"
            )
        return init
    return check_init_centers(init, X, n_clusters=n_clusters)


# --- class and cluster labels (labels, checks.digits) -------------------------------------------------


def check_label_vector(labels, *, name: str) -> np.ndarray:
    """``labels`` as a 1-D array of sortable, hashable labels (integers, strings, ...).

    Whole floats become integers (``1.0`` names the same class as ``1``); non-whole or missing numbers
    are refused, since a label is a name and ``0.5`` is far more often the data passed by mistake.
    """
    if isinstance(labels, (list, tuple)) and labels:
        kinds = {type(v) for v in labels}
        if len(kinds) > 1 and any(issubclass(t, (str, bytes)) for t in kinds):
            names = ", ".join(sorted(t.__name__ for t in kinds))
            raise ValueError(
                f"{name} mixes strings with other kinds of labels ({names}): use one kind of label, "
                "e.g. all integers or all strings"
            )
    arr = np.asarray(labels)
    if arr.ndim != 1:
        raise ValueError(
            f"{name} must be a 1-D array of labels, one per sample (integers or strings); "
            f"got shape {arr.shape}"
        )
    kind = arr.dtype.kind
    if kind == "f":
        if not (np.isfinite(arr).all() and (arr == np.round(arr)).all()):
            bad = arr[~(np.isfinite(arr) & (arr == np.round(arr)))][0]
            raise ValueError(
                f"{name} must hold labels (integers or strings, one per sample); got dtype "
                f"{arr.dtype} with values such as {bad}. A label names a group: did you pass the "
                "data or a score instead of the labels?"
            )
        return arr.astype(int)
    if kind in "cV":
        raise ValueError(
            f"{name} must hold labels (integers or strings, one per sample); got dtype {arr.dtype}"
        )
    if kind == "O":
        try:
            np.unique(arr)
            {hash(v) for v in arr[:1]}
        except TypeError:
            kinds = ", ".join(sorted({type(v).__name__ for v in arr.tolist()}))
            raise ValueError(
                f"{name} must hold labels of one kind that can be sorted and hashed (all integers or "
                f"all strings, say); got {kinds}"
            ) from None
    return arr


def check_label_pair(clusters, y_true) -> tuple[np.ndarray, np.ndarray]:
    """``clusters`` and ``y_true`` checked by ``check_label_vector``, of the same non-zero length."""
    clusters = check_label_vector(clusters, name="clusters")
    y_true = check_label_vector(y_true, name="y_true")
    if clusters.shape[0] != y_true.shape[0]:
        raise ValueError(
            "clusters and y_true must have the same length (one cluster number and one true class per "
            f"sample); got {clusters.shape[0]} cluster labels and {y_true.shape[0]} true labels"
        )
    if clusters.shape[0] == 0:
        raise ValueError("clusters and y_true are empty: pass at least one labelled sample")
    return clusters, y_true


# --- digit images and points to check (digits_plots, checks.intro) -----------------------------------


def check_images(images, shape) -> tuple[np.ndarray, tuple[int, int]]:
    """``images`` (one flattened image per row) and ``shape`` (height, width), checked together."""
    images = check_points(images, name="images")
    if not (
        isinstance(shape, Sequence)
        and len(shape) == 2
        and all(
            isinstance(s, numbers.Integral) and not isinstance(s, bool) and s > 0 for s in shape
        )
    ):
        raise ValueError(
            f"shape must be a pair of positive integers (height, width); got {shape!r}"
        )
    height, width = (int(s) for s in shape)
    if images.shape[1] != height * width:
        raise ValueError(
            f"images must have height * width = {height * width} columns (one flattened "
            f"{height} x {width} image per row); got shape {images.shape}"
        )
    return images, (height, width)


def check_titles(titles, n: int) -> list | None:
    """``titles`` as a list of ``n`` titles (None stays None)."""
    if titles is None:
        return None
    titles = list(titles)
    if len(titles) != n:
        raise ValueError(f"titles must give one title per image ({n}); got {len(titles)}")
    return titles


def check_axes_grid(axes, n: int) -> np.ndarray:
    """``axes`` flattened to a 1-D object array of at least ``n`` matplotlib Axes."""
    from matplotlib.axes import Axes

    axes = np.asarray(axes, dtype=object).ravel()
    if axes.size < n:
        raise ValueError(f"axes must hold at least one Axes per image ({n}); got {axes.size}")
    bad = [type(a).__name__ for a in axes if not isinstance(a, Axes)]
    if bad:
        raise ValueError(
            f"axes must hold matplotlib Axes (e.g. from plt.subplots(2, 5)); got a {bad[0]}"
        )
    return axes


def check_named_centers(centers, center_names):
    """Optional 2-D ``centers`` (n_clusters, 2) and their ``center_names``, one per centre (or both None)."""
    if centers is None:
        if center_names is not None:
            raise ValueError("center_names needs centers: pass the positions where the names go")
        return None, None
    centers = check_points(centers, name="centers", n_features=2)
    if center_names is None or len(center_names) != centers.shape[0]:
        got = "none" if center_names is None else len(center_names)
        raise ValueError(
            f"center_names must give one name per centre ({centers.shape[0]}); got {got}"
        )
    return centers, center_names


def check_point(point, *, name: str = "point") -> np.ndarray:
    """One point, of shape (n_features,) or (1, n_features), as a finite array of shape (1, n_features)."""
    from .checks._answers import as_float_array, describe  # the words the exercise checks use

    arr = as_float_array(point)
    if arr is None or arr.ndim not in (1, 2) or arr.ndim == 2 and arr.shape[0] != 1:
        raise ValueError(
            f"{name} must be one point: an array of shape (n_features,) or (1, n_features); "
            f"got {describe(point)}"
        )
    return check_points(arr.reshape(1, -1), name=name)
