"""The K-means step-through widget of notebook 02: watch Lloyd's algorithm one half-step at a time.

Each frame is a PNG rendered in the kernel into an ``ipywidgets.Image`` (see ``fig_code._frames``),
so it works in JupyterLab, Binder and Colab (ipywidgets 7.7+ and 8) and leaks no output under
nbval. Speed comes from two choices:

- the steps are computed once per (data, k, init, seed) and cached; moving the step slider only
  redraws;
- there is ONE persistent figure whose artists are updated in place (``set_offsets``,
  ``set_verts`` of the regions' PolyCollection, ``set_positions`` of the arrows, ``set_text``), instead of a
  new figure per frame, and a small PNG writer (``_png_bytes``) that is faster than ``savefig``'s.
  Rendered frames are kept, so revisiting a step costs nothing.

``benchmarks/widget_latency.py`` measures the step latency against a naive redraw.
"""

from __future__ import annotations

import struct
import zlib

import ipywidgets as widgets
import numpy as np

from ._frames import FrameWidget
from ._validation import check_int, check_points
from .datasets import DATASETS, make_dataset
from .figures import new_figure
from .kmeans import Step, kmeans_steps
from .plotting import PHASE_CAPTIONS, _is_real, _KMeansFrame

__all__ = ["KMeansStepThrough", "plot_kmeans_interactive"]

#: Largest k the widget offers (its k slider runs 1..K_MAX, fewer for tiny data).
K_MAX = 10
#: The init dropdown: label shown -> ``kmeans_steps`` init name.
INIT_CHOICES = (("random points", "random"), ("k-means++", "k-means++"))
#: The caption of the last frame of a run that converged (an assignment that changed nothing).
CONVERGED_CAPTION = "Converged: no point changed cluster"
_MAX_ITER = 50
_SEED_MAX = 9999


def _png_chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def _png_bytes(rgba: np.ndarray) -> bytes:
    """A minimal PNG (8-bit RGB, no row filter, fast zlib) of an opaque RGBA frame.

    About 3x faster than matplotlib's ``savefig`` PNG writer on these flat-coloured frames, and no
    bigger: the frames have large uniform areas, which zlib packs well even without PNG filters.
    The bytes depend only on the pixels (no date or software version in them).
    """
    height, width, _ = rgba.shape
    rows = np.zeros((height, 1 + 3 * width), dtype=np.uint8)  # each row: filter byte 0, then RGB
    rows[:, 1:] = rgba[..., :3].reshape(height, -1)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, RGB, no interlace
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(rows.tobytes(), 3))
        + _png_chunk(b"IEND", b"")
    )


class KMeansStepThrough(FrameWidget):
    """Step through K-means: the widget ``plot_kmeans_interactive`` returns.

    Public parts, for driving it from code (tests, benchmarks): ``step_slider``, ``back``,
    ``next``, ``play``, ``k_slider``, ``init_dropdown``, ``seed``, ``dataset_dropdown`` (None when
    X was given), ``image`` and ``steps`` (the cached ``kmeans_steps`` list shown now).
    """

    def __init__(
        self,
        X: np.ndarray | None,
        n_clusters: int,
        *,
        init: str,
        random_state: int,
        dataset: str,
        n_samples: int,
        max_iter: int,
        figsize: tuple[float, float],
        dpi: int,
    ):
        self._X_given = X
        self._n_samples = n_samples
        self._max_iter = max_iter
        self._steps_cache: dict[tuple, list[Step]] = {}
        self._png_cache: dict[int, bytes] = {}
        self._data_cache: dict[str, np.ndarray] = {}
        self._frame: _KMeansFrame | None = None
        self._frame_key: tuple | None = None
        self._busy = False

        n_points = len(X) if X is not None else n_samples
        wide = {"description_width": "initial"}
        self.step_slider = widgets.IntSlider(
            value=0, min=0, max=1, description="step", layout=widgets.Layout(width="340px")
        )
        self.back = widgets.Button(description="◀ Back", layout=widgets.Layout(width="90px"))
        self.next = widgets.Button(description="Next ▶", layout=widgets.Layout(width="90px"))
        self.play = widgets.Play(value=0, min=0, max=1, step=1, interval=900)
        self.k_slider = widgets.IntSlider(
            value=n_clusters,
            min=1,
            max=min(K_MAX, n_points),
            description="k",
            continuous_update=False,
            layout=widgets.Layout(width="260px"),
        )
        self.init_dropdown = widgets.Dropdown(
            options=list(INIT_CHOICES),
            value=init,
            description="init",
            style=wide,
            layout=widgets.Layout(width="190px"),
        )
        self.seed = widgets.BoundedIntText(
            value=random_state,
            min=0,
            max=_SEED_MAX,
            description="seed",
            style=wide,
            layout=widgets.Layout(width="120px"),
        )
        self.dataset_dropdown = (
            widgets.Dropdown(
                options=list(DATASETS),
                value=dataset,
                description="data",
                layout=widgets.Layout(width="230px"),
            )
            if X is None
            else None
        )
        widgets.link((self.play, "value"), (self.step_slider, "value"))

        settings = [self.k_slider, self.init_dropdown, self.seed]
        if self.dataset_dropdown is not None:
            settings.append(self.dataset_dropdown)
        rows = [
            widgets.HBox([self.play, self.back, self.step_slider, self.next]),
            widgets.HBox(settings),
        ]
        super().__init__(rows)

        self._fig = new_figure(figsize, dpi=dpi)
        self._ax = self._fig.add_axes((0.03, 0.08, 0.94, 0.84))

        self.back.on_click(lambda _: self._go(-1))
        self.next.on_click(lambda _: self._go(+1))
        self.step_slider.observe(self._on_step, names="value")
        for control in settings:
            control.observe(self._on_setting, names="value")
        self._recompute()

    # --- state ------------------------------------------------------------------------------------
    @property
    def X(self) -> np.ndarray:
        """The points shown now (the given X, or the chosen data set)."""
        if self._X_given is not None:
            return self._X_given
        name = self.dataset_dropdown.value
        if name not in self._data_cache:
            self._data_cache[name] = make_dataset(name, n_samples=self._n_samples)[0]
        return self._data_cache[name]

    def _key(self) -> tuple:
        data = "X" if self.dataset_dropdown is None else self.dataset_dropdown.value
        return (data, self.k_slider.value, self.init_dropdown.value, self.seed.value)

    @property
    def steps(self) -> list[Step]:
        """The ``kmeans_steps`` of the current (data, k, init, seed), computed once and cached."""
        key = self._key()
        if key not in self._steps_cache:
            data, k, init, seed = key
            self._steps_cache[key] = kmeans_steps(
                self.X, k, init=init, random_state=seed, max_iter=self._max_iter
            )
        return self._steps_cache[key]

    # --- reacting to the controls -----------------------------------------------------------------
    def _go(self, delta: int) -> None:
        value = self.step_slider.value + delta
        self.step_slider.value = min(max(value, self.step_slider.min), self.step_slider.max)

    def _on_step(self, change) -> None:
        if not self._busy:
            self._render()

    def _on_setting(self, change) -> None:
        if not self._busy:
            self._recompute()

    def _recompute(self) -> None:
        """New (data, k, init, seed): get its steps, rebuild the artists if needed, show step 0."""
        steps = self.steps
        self._png_cache = {}
        frame_key = self._key()[:2]
        if frame_key != self._frame_key:  # new data or new k: new artists (else only new data)
            self._ax.clear()
            self._frame = _KMeansFrame(self._ax, self.X, self.k_slider.value)
            self._frame_key = frame_key
        self._busy = True
        try:
            last = len(steps) - 1
            self.step_slider.value = 0
            self.play.value = 0
            self.step_slider.max = last
            self.play.max = last
        finally:
            self._busy = False
        self._render()

    # --- drawing ----------------------------------------------------------------------------------
    def _info(self, i: int, step: Step) -> str:
        last = len(self.steps) - 1
        parts = [f"step {i} of {last}"]
        if step.iteration:
            parts.append(f"iteration {step.iteration}")
        parts.append("inertia: not yet" if step.inertia is None else f"inertia {step.inertia:.1f}")
        if step.converged:
            parts.append("converged ✓")
        return "   ·   ".join(parts)

    def _render(self) -> None:
        i = self.step_slider.value
        if i not in self._png_cache:
            steps = self.steps
            step = steps[i]
            caption = PHASE_CAPTIONS[step.phase].capitalize()
            if step.converged:  # short: the caption must fit the frame's width
                caption = CONVERGED_CAPTION
            self._frame.show(
                step, steps[i - 1] if i else None, title=caption, info=self._info(i, step)
            )
            self._fig.canvas.draw()
            self._png_cache[i] = _png_bytes(np.asarray(self._fig.canvas.buffer_rgba()))
        self.image.value = self._png_cache[i]

    def _summary(self) -> str:
        i = self.step_slider.value
        step = self.steps[i]
        where = "" if self.dataset_dropdown is None else f" on {self.dataset_dropdown.value}"
        return (
            f"K-means step-through{where}: k={self.k_slider.value}, "
            f"step {i} of {len(self.steps) - 1} ({step.phase})"
        )


def plot_kmeans_interactive(
    X=None,
    n_clusters: int = 4,
    *,
    init: str = "random",
    random_state: int = 0,
    dataset: str = "blobs",
    n_samples: int = 300,
    max_iter: int = _MAX_ITER,
    figsize: tuple[float, float] = (6.4, 5.6),
    dpi: int = 100,
) -> KMeansStepThrough:
    """A widget to step through K-means on 2-D data, one half-step per frame.

    Frames alternate "assign each point to its nearest centre" and "move each centre to the mean
    of its points" (with arrows from the old to the new centres). Each frame shows the points
    coloured by cluster, the centres, the shaded Voronoi regions of the current centres, the step
    number, the inertia, and "converged" at the end. The axes are fixed from the data, so frames do
    not jump. After an update the shading already shows the regions of the new centres, so the
    points that the next assignment will move to another cluster stand out.

    Controls: a step slider with Back / Next buttons and Play; k (slider 1..10); the init (random
    data points or k-means++); the seed of the init; and, when ``X`` is None, the data set (blobs,
    anisotropic, unequal variance, uneven sizes, two moons). The steps are computed once per
    setting (``fig_code.kmeans_steps``); moving the slider only redraws.

    The picture is an ``ipywidgets.Image`` holding a PNG rendered in the kernel, so it needs a
    running kernel to react; where none runs (GitHub, nbviewer, HTML export) the saved output
    shows the current frame as a picture.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2), optional
        Your own points; None offers the data sets of ``fig_code.make_dataset`` instead.
    n_clusters : int, default=4
        The starting k, 1..10 (and at most the number of points).
    init : {"random", "k-means++"}, default="random"
        The starting init choice.
    random_state : int, default=0
        The starting seed, 0..9999.
    dataset : str, default="blobs"
        The starting data set when X is None; one of ``fig_code.DATASETS``.
    n_samples : int, default=300
        Points per generated data set (10..2000); ignored when X is given.
    max_iter : int, default=50
        Maximum number of iterations per run (1..300).
    figsize : (float, float), default=(6.4, 5.6)
        Width and height of the rendered frames in inches: two positive numbers.
    dpi : int, default=100
        Dots per inch of the rendered frames, 20..300.

    Returns
    -------
    KMeansStepThrough
        The widget (an ``ipywidgets.VBox``); display it by ending a cell with it.

    Raises
    ------
    ValueError
        If X is not a finite array of shape (n_samples, 2), n_clusters is not in 1..10 or exceeds
        the number of points, init is not "random" or "k-means++", random_state is not in 0..9999,
        dataset is unknown, n_samples / max_iter / dpi are out of range, or figsize is not two
        positive numbers.

    Examples
    --------
    >>> plot_kmeans_interactive()  # doctest: +SKIP
    >>> plot_kmeans_interactive(X, n_clusters=3, init="k-means++")  # doctest: +SKIP
    """
    if X is not None:
        X = check_points(X, n_features=2)
    n_samples = check_int(n_samples, name="n_samples", low=10, high=2000)
    n_points = len(X) if X is not None else n_samples
    n_clusters = check_int(n_clusters, name="n_clusters", low=1, high=min(K_MAX, n_points))
    names = [name for _, name in INIT_CHOICES]
    if init not in names:
        raise ValueError(f"init must be 'random' or 'k-means++' for this widget; got {init!r}")
    random_state = check_int(random_state, name="random_state", low=0, high=_SEED_MAX)
    if dataset not in DATASETS:
        raise ValueError(
            f"dataset must be one of {', '.join(map(repr, DATASETS))}; got {dataset!r}"
        )
    max_iter = check_int(max_iter, name="max_iter", low=1, high=300)
    dpi = check_int(dpi, name="dpi", low=20, high=300)
    try:
        good = len(figsize) == 2 and all(_is_real(v) and 0 < v < np.inf for v in figsize)
    except TypeError:
        good = False
    if not good:
        raise ValueError(
            f"figsize must be two positive numbers (width, height) in inches; got {figsize!r}"
        )
    figsize = (float(figsize[0]), float(figsize[1]))
    return KMeansStepThrough(
        X,
        n_clusters,
        init=init,
        random_state=random_state,
        dataset=dataset,
        n_samples=n_samples,
        max_iter=max_iter,
        figsize=figsize,
        dpi=dpi,
    )
