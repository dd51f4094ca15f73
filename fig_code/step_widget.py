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

Click to place (init "click to place"): the learner clicks k starting centres on the picture, and
the run starts from exactly those. Clicks come from ipyevents (an ``ipyevents.Event`` watching the
``Image``); a click's position in the displayed picture, as a fraction of its on-screen size, is a
position in the PNG's pixels, which the axes' transform turns into data coordinates
(``pixel_to_data``). Fractions of the displayed size do not depend on how large the picture is shown
or on the screen's device pixel ratio. Where ipyevents cannot be imported, everything else works
and the caption says that clicking is unavailable (``place_center`` still places centres).
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
#: The init value of click-to-place: the learner places the k starting centres.
CLICK = "click"
#: The init dropdown: label shown -> ``kmeans_steps`` init name (or ``CLICK``).
INIT_CHOICES = (("random points", "random"), ("k-means++", "k-means++"), ("click to place", CLICK))
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


def _click_events(image: widgets.Image):
    """An ``ipyevents.Event`` that reports clicks on ``image``; None where ipyevents is missing."""
    try:
        from ipyevents import Event
    except ImportError:
        return None
    return Event(source=image, watched_events=["click"])


class KMeansStepThrough(FrameWidget):
    """Step through K-means: the widget ``plot_kmeans_interactive`` returns.

    Public parts, for driving it from code (tests, benchmarks, notebooks): ``step_slider``,
    ``back``, ``next``, ``play``, ``k_slider``, ``init_dropdown``, ``seed``, ``dataset_dropdown``
    (None when X was given), ``clear_button``, ``caption`` (the click-to-place instructions),
    ``events`` (the ``ipyevents.Event`` of the picture, None without ipyevents), ``image`` and
    ``steps`` (the cached ``kmeans_steps`` list shown now). Click to place: ``place_center``,
    ``clear_centers``, ``placed_centers``; ``data_to_pixel`` and ``pixel_to_data`` convert between
    data coordinates and positions in the picture.
    """

    def __init__(
        self,
        X: np.ndarray | None,
        n_clusters: int,
        *,
        init: str,
        centers: np.ndarray | None,
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
        self._placed: list[tuple[float, float]] = (
            [] if centers is None else [(float(x), float(y)) for x, y in centers]
        )

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
        self.clear_button = widgets.Button(
            description="clear",
            tooltip="remove the placed centres",
            layout=widgets.Layout(width="90px"),
        )
        self.caption = widgets.Label(value="")
        widgets.link((self.play, "value"), (self.step_slider, "value"))

        settings = [self.k_slider, self.init_dropdown, self.seed]
        if self.dataset_dropdown is not None:
            settings.append(self.dataset_dropdown)
        self._click_row = widgets.HBox([self.clear_button, self.caption])
        rows = [
            widgets.HBox([self.play, self.back, self.step_slider, self.next]),
            widgets.HBox(settings),
            self._click_row,
        ]
        super().__init__(rows)
        self.events = _click_events(self.image)
        if self.events is not None:
            self.events.on_dom_event(self._on_dom_event)

        self._fig = new_figure(figsize, dpi=dpi)
        self._ax = self._fig.add_axes((0.03, 0.08, 0.94, 0.84))

        self.back.on_click(lambda _: self._go(-1))
        self.next.on_click(lambda _: self._go(+1))
        self.clear_button.on_click(lambda _: self.clear_centers())
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

    @property
    def placed_centers(self) -> np.ndarray:
        """The centres placed so far (clicks or ``place_center``), shape (n_placed, 2); a copy.

        In click-to-place mode the run starts from the first k of them once there are k.
        """
        return np.array(self._placed, dtype=float).reshape(-1, 2)

    @property
    def placing(self) -> bool:
        """True while click-to-place waits for more centres (fewer than k placed)."""
        return self.init_dropdown.value == CLICK and len(self._placed) < self.k_slider.value

    def _key(self) -> tuple:
        data = "X" if self.dataset_dropdown is None else self.dataset_dropdown.value
        k, init = self.k_slider.value, self.init_dropdown.value
        if init == CLICK:  # the run depends on the placed centres, not on the seed
            return (data, k, init, tuple(self._placed[:k]))
        return (data, k, init, self.seed.value)

    @property
    def steps(self) -> list[Step]:
        """The ``kmeans_steps`` of the current (data, k, init, seed), computed once and cached.

        With init "click to place" the run starts from the first k placed centres; the list is
        empty while fewer than k are placed.
        """
        if self.placing:
            return []
        key = self._key()
        if key not in self._steps_cache:
            data, k, init, seed = key
            if init == CLICK:
                init, seed = self.placed_centers[:k], None
            self._steps_cache[key] = kmeans_steps(
                self.X, k, init=init, random_state=seed, max_iter=self._max_iter
            )
        return self._steps_cache[key]

    # --- click to place ---------------------------------------------------------------------------
    def place_center(self, x: float, y: float) -> None:
        """Place the next starting centre at data coordinates (x, y), as a click there does.

        Switches the init to "click to place" if needed. When k centres are placed, the run
        restarts from exactly those (step 0, then Back / Next / Play as usual); its last step is
        that of ``fig_code.kmeans_steps(X, k, init=widget.placed_centers[:k])``.

        Raises
        ------
        ValueError
            If x or y is not a finite real number, or if k centres are already placed (call
            ``clear_centers()`` first, or raise k).

        Examples
        --------
        >>> w = plot_kmeans_interactive(n_clusters=2)  # doctest: +SKIP
        >>> w.place_center(0.0, 2.0); w.place_center(-6.0, -6.0)  # doctest: +SKIP
        """
        for name, value in (("x", x), ("y", y)):
            if not _is_real(value) or not np.isfinite(float(value)):
                raise ValueError(
                    f"{name} must be a finite number (a data coordinate of the picture); "
                    f"got {value!r}"
                )
        if self.init_dropdown.value != CLICK:
            self.init_dropdown.value = CLICK  # recomputes: shows how many centres are missing
        k = self.k_slider.value
        if len(self._placed) >= k:
            raise ValueError(
                f"all {k} starting centres are placed already; call clear_centers() (the clear "
                "button) to place new ones, or raise k"
            )
        self._placed.append((float(x), float(y)))
        self._recompute()

    def clear_centers(self) -> None:
        """Remove every placed centre; in click-to-place mode the picture asks for k new ones."""
        self._placed = []
        if self.init_dropdown.value == CLICK:
            self._recompute()

    def data_to_pixel(self, x: float, y: float) -> tuple[float, float]:
        """Where data point (x, y) is in the PNG: (column, row) in pixels from its top-left corner.

        Positions are continuous: pixel (i, j) covers columns i..i+1 and rows j..j+1. To find the
        point on screen, scale by the displayed size: ``left + column / png_width * shown_width``.
        """
        self._ax.apply_aspect()
        px, py = self._ax.transData.transform((float(x), float(y)))
        return float(px), float(self._fig.bbox.height - py)

    def pixel_to_data(self, column: float, row: float) -> tuple[float, float]:
        """The data coordinates at (column, row) of the PNG (pixels from its top-left corner)."""
        self._ax.apply_aspect()
        x, y = self._ax.transData.inverted().transform(
            (float(column), float(self._fig.bbox.height - row))
        )
        return float(x), float(y)

    def _event_pixel(self, event: dict) -> tuple[float, float] | None:
        """A click's position in the PNG's pixels, from ipyevents' coordinates.

        ``relativeX/Y`` are CSS pixels from the picture's top-left corner and ``boundingRectWidth/
        Height`` its size on screen in CSS pixels: their ratio is the fraction of the picture,
        whatever its displayed size and the device pixel ratio. ``arrayX/Y`` (the PNG pixel,
        rounded by ipyevents) are the fallback.
        """
        width, height = self._fig.bbox.width, self._fig.bbox.height
        try:
            shown_w = float(event["boundingRectWidth"])
            shown_h = float(event["boundingRectHeight"])
            if shown_w > 0 and shown_h > 0:
                return (
                    float(event["relativeX"]) / shown_w * width,
                    float(event["relativeY"]) / shown_h * height,
                )
        except (KeyError, TypeError, ValueError):
            pass
        try:
            return float(event["arrayX"]), float(event["arrayY"])
        except (KeyError, TypeError, ValueError):
            return None

    def _on_dom_event(self, event: dict) -> None:
        """A click on the picture: place a centre there (click-to-place mode, inside the axes)."""
        if event.get("type") != "click" or not self.placing:
            return
        pixel = self._event_pixel(event)
        if pixel is None:
            return
        self._ax.apply_aspect()
        box = self._ax.bbox  # the axes in display pixels (origin bottom-left)
        column, row = pixel
        if not (box.x0 <= column <= box.x1 and box.y0 <= self._fig.bbox.height - row <= box.y1):
            return  # in the margin around the axes: not a point of the picture
        self.place_center(*self.pixel_to_data(column, row))

    def _click_text(self) -> str:
        """The instructions under the picture (click-to-place mode only)."""
        k, j = self.k_slider.value, min(len(self._placed), self.k_slider.value)
        if not self.placing:
            return f"{k} starting centres placed: step through the run, or clear to place new ones"
        if self.events is None:
            return (
                "clicking is unavailable here (ipyevents could not be imported): place the "
                f"centres with place_center(x, y) ({j} of {k})"
            )
        return f"click {k} points to place the starting centres ({j} of {k})"

    # --- reacting to the controls -----------------------------------------------------------------
    def _go(self, delta: int) -> None:
        value = self.step_slider.value + delta
        self.step_slider.value = min(max(value, self.step_slider.min), self.step_slider.max)

    def _on_step(self, change) -> None:
        if not self._busy:
            self._render()

    def _on_setting(self, change) -> None:
        if change.owner is self.dataset_dropdown:
            self._placed = []  # centres placed on other data mean nothing here
        if not self._busy:
            self._recompute()

    def _recompute(self) -> None:
        """New (data, k, init, seed or placed centres): get the steps, rebuild the artists if
        needed, show step 0 (or, while centres are being placed, the data alone)."""
        steps = self.steps
        self._png_cache = {}
        frame_key = self._key()[:2]
        if frame_key != self._frame_key:  # new data or new k: new artists (else only new data)
            self._ax.clear()
            self._frame = _KMeansFrame(self._ax, self.X, self.k_slider.value)
            self._frame_key = frame_key
        placing = self.placing
        clicking = self.init_dropdown.value == CLICK
        self._busy = True
        try:
            last = max(len(steps) - 1, 0)
            self.step_slider.value = 0
            self.play.value = 0
            self.step_slider.max = last
            self.play.max = last
            for control in (self.step_slider, self.back, self.next, self.play):
                control.disabled = placing
            self.seed.disabled = clicking
            self.clear_button.disabled = not self._placed
            self.caption.value = self._click_text() if clicking else ""
            self._click_row.layout.display = None if clicking else "none"
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
        if self.placing:
            k, j = self.k_slider.value, len(self._placed)
            title = (
                f"Click {k} points to place the starting centres ({j} of {k})"
                if self.events is not None
                else f"Clicking is unavailable: use place_center(x, y) ({j} of {k})"
            )
            self._frame.show_data(self.placed_centers, title=title, info=f"{j} of {k} placed")
            self._fig.canvas.draw()
            self.image.value = _png_bytes(np.asarray(self._fig.canvas.buffer_rgba()))
            return
        i = self.step_slider.value
        if i not in self._png_cache:
            steps = self.steps
            step = steps[i]
            caption = PHASE_CAPTIONS[step.phase].capitalize()
            if step.converged:  # short: the caption must fit the frame's width
                caption = CONVERGED_CAPTION
            elif step.phase == "init" and self.init_dropdown.value == CLICK:
                caption = "Your starting centres"
            self._frame.show(
                step, steps[i - 1] if i else None, title=caption, info=self._info(i, step)
            )
            self._fig.canvas.draw()
            self._png_cache[i] = _png_bytes(np.asarray(self._fig.canvas.buffer_rgba()))
        self.image.value = self._png_cache[i]

    def _summary(self) -> str:
        where = "" if self.dataset_dropdown is None else f" on {self.dataset_dropdown.value}"
        start = f"K-means step-through{where}: k={self.k_slider.value}, "
        if self.placing:
            return (
                start + f"placing starting centres ({len(self._placed)} of {self.k_slider.value})"
            )
        i = self.step_slider.value
        step = self.steps[i]
        return start + f"step {i} of {len(self.steps) - 1} ({step.phase})"


def plot_kmeans_interactive(
    X=None,
    n_clusters: int | None = None,
    *,
    init="random",
    random_state: int = 0,
    dataset: str | None = None,
    n_samples: int | None = None,
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
    data points, k-means++, or click to place); the seed of the init; and, when ``X`` is None, the
    data set (blobs, anisotropic, unequal variance, uneven sizes, two moons). The steps are computed
    once per setting (``fig_code.kmeans_steps``); moving the slider only redraws.

    Click to place: the picture shows the data alone and asks for k clicks; each click puts a
    starting centre at the clicked point, and once k are placed the run starts from exactly those
    centres. The clear button removes them. Changing k keeps them when there are enough (the
    first k are used), else asks for more; changing the data set removes them. From code:
    ``widget.place_center(x, y)`` (data coordinates) and ``widget.clear_centers()``. Clicks need
    the ipyevents front end (JupyterLab, Notebook, Binder; Colab once its custom widget manager is
    enabled); without ipyevents the caption says that clicking is unavailable and
    ``place_center`` still works.

    The picture is an ``ipywidgets.Image`` holding a PNG rendered in the kernel, so it needs a
    running kernel to react; where none runs (GitHub, nbviewer, HTML export) the saved output
    shows the current frame as a picture.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2), optional
        Your own points; None offers the data sets of ``fig_code.make_dataset`` instead.
    n_clusters : int, optional
        The starting k, 1..10 (and at most the number of points). Default: the number of rows of
        ``init`` when it is an array, else 4.
    init : {"random", "k-means++", "click"} or array-like of shape (k, 2), default="random"
        The starting init choice. "click" starts in click-to-place mode with no centre placed; an
        array gives the k starting centres (as if placed by clicking: the widget starts in
        click-to-place mode, running from them).
    random_state : int, default=0
        The starting seed, 0..9999 (not used while the init is "click to place").
    dataset : str, optional
        The starting data set, one of ``fig_code.DATASETS`` (default "blobs"). Only without X:
        giving both X and dataset is an error.
    n_samples : int, optional
        Points per generated data set, 10..2000 (default 300). Only without X: giving both X and
        n_samples is an error.
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
        the number of points, init is not "random", "k-means++", "click" or a finite array of shape
        (n_clusters, 2), random_state is not in 0..9999, dataset is unknown, dataset or n_samples is
        given together with X, n_samples / max_iter / dpi are out of range, or figsize is not two
        positive numbers.

    Examples
    --------
    >>> plot_kmeans_interactive()  # doctest: +SKIP
    >>> plot_kmeans_interactive(X, n_clusters=3, init="k-means++")  # doctest: +SKIP
    >>> plot_kmeans_interactive(init=[[0, 0], [0, 1]])  # doctest: +SKIP
    """
    if X is not None:
        X = check_points(X, n_features=2)
        for name, value in (("dataset", dataset), ("n_samples", n_samples)):
            if value is not None:
                raise ValueError(
                    f"{name} chooses a generated data set, so it cannot be used together with X; "
                    f"give either X or {name}, not both (got {name}={value!r})"
                )
    n_samples = 300 if n_samples is None else n_samples
    dataset = "blobs" if dataset is None else dataset
    n_samples = check_int(n_samples, name="n_samples", low=10, high=2000)
    n_points = len(X) if X is not None else n_samples
    k_max = min(K_MAX, n_points)
    centers = None
    if isinstance(init, str):
        names = [name for _, name in INIT_CHOICES]
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
        n_clusters, init = len(centers), CLICK
    n_clusters = 4 if n_clusters is None else n_clusters
    n_clusters = check_int(n_clusters, name="n_clusters", low=1, high=k_max)
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
        centers=centers,
        random_state=random_state,
        dataset=dataset,
        n_samples=n_samples,
        max_iter=max_iter,
        figsize=figsize,
        dpi=dpi,
    )
