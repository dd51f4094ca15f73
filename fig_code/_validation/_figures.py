"""Checks for figures, axes and widgets (plotting, step frames, widgets, figsize/dpi, ax, limits)."""

from __future__ import annotations

import numpy as np

from ._basic import _describe, check_int, check_labels, check_points, is_real


def check_ax(ax, *, figsize: tuple[float, float] | None = None):
    """Return ``ax`` if it is a matplotlib ``Axes``; for ``None``, the Axes of a new pyplot-free figure.

    Anything else gets a ``ValueError`` (not the ``AttributeError`` matplotlib would raise later).
    """
    from matplotlib.axes import Axes

    if ax is None:
        from ..figures import new_figure

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


def check_cmap(cmap, *, name: str = "cmap"):
    """Return ``cmap`` if it is a colormap's name or a matplotlib ``Colormap``.

    A name is left to matplotlib, whose error lists the names close to a misspelt one.
    """
    from matplotlib.colors import Colormap

    if not isinstance(cmap, (str, Colormap)):
        raise ValueError(
            f"{name} must be a colormap name such as 'binary' or a matplotlib Colormap; got "
            f"{_describe(cmap)}"
        )
    return cmap


def check_plotted(display, method: str) -> None:
    """Refuse ``display.method()`` before ``display.plot()`` has drawn the picture it works on."""
    if getattr(display, "ax_", None) is None:
        raise ValueError(f"{method}() works on the drawn picture: call plot() first")


def check_figure(fig):
    """Return ``fig`` if it is a matplotlib ``Figure`` (not an Axes, not a pyplot module)."""
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise ValueError(
            f"fig must be a matplotlib Figure (e.g. from fig_code.new_figure() or ax.figure); got "
            f"{type(fig).__name__}"
        )
    return fig


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
    from ..kmeans import Step

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
    from ..kmeans import Step

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
