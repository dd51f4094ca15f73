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
