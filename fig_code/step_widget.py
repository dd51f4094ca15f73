"""The K-means step-through widget of notebook 02: watch Lloyd's algorithm one half-step at a time.

Each frame is a PNG rendered in the kernel into an ``ipywidgets.Image`` (see ``fig_code._frames``),
so it works in JupyterLab, Binder and Colab (ipywidgets 7.7+ and 8) and leaks no output under
nbval. Speed (``benchmarks/widget_latency.py`` compares it with a naive redraw): the steps are
computed once per (data, k, init, seed) and cached, so moving the step slider only redraws; ONE
``fig_code.KMeansStepDisplay`` on one persistent figure is updated in place for every frame, which
the "fast" encoder of ``fig_code.figure_to_png`` writes; rendered frames are kept (bounded), so
revisiting a step costs nothing.

Click to place (init "click to place"): the learner clicks k starting centres on the picture and
the run starts from exactly those. Clicks come from ipyevents (an ``ipyevents.Event`` watching the
``Image``); a click's position as a fraction of the picture's on-screen size is a position in the
PNG's pixels, whatever the displayed size or the device pixel ratio, which the axes' transform
turns into data coordinates (``pixel_to_data``). Without ipyevents everything else works and the
caption says that clicking is unavailable (``place_center`` still places centres).
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ._drawing import PHASE_CAPTIONS
from ._frames import FrameWidget
from ._validation import (
    check_choice,
    check_coordinate,
    check_data_choice,
    check_int,
    check_step_init,
)
from .datasets import DATASETS, make_dataset
from .kmeans import Step, kmeans_steps
from .step_display import KMeansStepDisplay

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


class KMeansStepThrough(FrameWidget):
    """Step through K-means: the widget ``plot_kmeans_interactive`` returns.

    Public parts, for driving it from code (tests, benchmarks, notebooks): ``step_slider``,
    ``back``, ``next``, ``play``, ``k_slider``, ``init_dropdown``, ``seed``, ``dataset_dropdown``
    (None when X was given), ``clear_button``, ``caption`` (the click-to-place instructions),
    ``click_row`` (the row holding both, hidden in the other modes), ``events`` (the
    ``ipyevents.Event`` of the picture, None without ipyevents), ``image``, ``steps`` (the cached
    ``kmeans_steps`` list shown now) and ``step_display`` (the ``fig_code.KMeansStepDisplay`` that
    draws the frames, with its artists and figure). Click to place: ``place_center``,
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
        self._data_cache: dict[str, np.ndarray] = {}
        self.step_display: KMeansStepDisplay | None = None
        self._display_key: tuple | None = None
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
        self.click_row = widgets.HBox([self.clear_button, self.caption])
        rows = [
            widgets.HBox([self.play, self.back, self.step_slider, self.next]),
            widgets.HBox(settings),
            self.click_row,
        ]
        super().__init__(rows, figsize=figsize, dpi=dpi, png_encoder="fast")
        self.events = self._click_events()
        if self.events is not None:
            self.events.on_dom_event(self._on_dom_event)

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

        Parameters
        ----------
        x, y : float
            Data coordinates of the centre.

        Raises
        ------
        ValueError
            If x or y is not a finite real number, or if k centres are already placed (call
            ``clear_centers()`` first, or raise k).

        Examples
        --------
        >>> widget = plot_kmeans_interactive(n_clusters=2)
        >>> widget.place_center(0.0, 2.0)
        >>> widget.placing, widget.init_dropdown.value  # one more centre to place
        (True, 'click')
        >>> widget.place_center(-6.0, -6.0)
        >>> widget.steps[0].centers.tolist()  # the run starts from exactly these
        [[0.0, 2.0], [-6.0, -6.0]]
        """
        x, y = check_coordinate(x, name="x"), check_coordinate(y, name="y")
        if self.init_dropdown.value != CLICK:
            self.init_dropdown.value = CLICK  # recomputes: shows how many centres are missing
        k = self.k_slider.value
        if len(self._placed) >= k:
            raise ValueError(
                f"all {k} starting centres are placed already; call clear_centers() (the clear "
                "button) to place new ones, or raise k"
            )
        self._placed.append((x, y))
        self._recompute()

    def clear_centers(self) -> None:
        """Remove every placed centre; in click-to-place mode the picture asks for k new ones."""
        self._placed = []
        if self.init_dropdown.value == CLICK:
            self._recompute()

    def data_to_pixel(self, x: float, y: float) -> tuple[float, float]:
        """Where data point (x, y) is in the PNG: (column, row) in pixels from its top-left corner
        (continuous: pixel (i, j) covers columns i..i+1 and rows j..j+1). To find the point on
        screen, scale by the displayed size: ``left + column / png_width * shown_width``."""
        return self.step_display.data_to_pixel(x, y)

    def pixel_to_data(self, column: float, row: float) -> tuple[float, float]:
        """The data coordinates at (column, row) of the PNG (pixels from its top-left corner)."""
        return self.step_display.pixel_to_data(column, row)

    def _on_dom_event(self, event: dict) -> None:
        """A click on the picture: place a centre there (click-to-place mode, inside the axes)."""
        if event.get("type") != "click" or not self.placing:
            return
        pixel = self._event_pixel(event)
        if pixel is not None and self.step_display.contains_pixel(*pixel):
            self.place_center(*self.pixel_to_data(*pixel))

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
        self._clear_frames()
        display_key = self._key()[:2]
        if display_key != self._display_key:  # new data or new k: new artists (else only new data)
            self._ax.clear()
            X, k = self.X, self.k_slider.value
            # drawn from a stand-in first step; _render shows the real one (or the data alone)
            start = steps[0] if steps else Step("init", X[:k], None, None, 0)
            self.step_display = KMeansStepDisplay(X, start).plot(self._ax)
            self._display_key = display_key
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
            self.click_row.layout.display = None if clicking else "none"
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
            self.step_display.show_data(self.placed_centers, title=title, info=f"{j} of {k} placed")
            self.image.value = self._figure_png()
            return
        i = self.step_slider.value
        self.image.value = self._cached_frame(i, lambda: self._draw_step(i))

    def _draw_step(self, i: int) -> bytes:
        steps = self.steps
        step = steps[i]
        caption = PHASE_CAPTIONS[step.phase].capitalize()
        if step.converged:  # short: the caption must fit the frame's width
            caption = CONVERGED_CAPTION
        elif step.phase == "init" and self.init_dropdown.value == CLICK:
            caption = "Your starting centres"
        self.step_display.update(
            step, steps[i - 1] if i else None, title=caption, info=self._info(i, step)
        )
        return self._figure_png()

    def _summary(self) -> str:
        where = "" if self.dataset_dropdown is None else f" on {self.dataset_dropdown.value}"
        start = f"K-means step-through{where}: k={self.k_slider.value}, "
        if self.placing:
            return (
                start + f"placing starting centres ({len(self._placed)} of {self.k_slider.value})"
            )
        i = self.step_slider.value
        return start + f"step {i} of {len(self.steps) - 1} ({self.steps[i].phase})"


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

    The picture is a PNG rendered by the kernel in an ``ipywidgets.Image``; where no kernel runs
    (GitHub, nbviewer, HTML export) the saved output shows the current frame as a picture.

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
        The starting data set, one of ``fig_code.DATASETS`` (default "blobs"); only without X.
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
    End a notebook cell with ``plot_kmeans_interactive()`` to show the widget. From code:

    >>> widget = plot_kmeans_interactive(n_clusters=3, init="k-means++")
    >>> widget.next.click()
    >>> widget.next.click()  # the first update: arrows from the old centres to the new
    >>> widget.steps[widget.step_slider.value].phase, bytes(widget.image.value[:4])
    ('update', b'\\x89PNG')
    >>> plot_kmeans_interactive(init=[[0, 0], [0, 1]]).k_slider.value  # start from these centres
    2
    """
    X = check_data_choice(X, dataset, n_samples)
    n_samples = 300 if n_samples is None else n_samples
    dataset = "blobs" if dataset is None else dataset
    n_samples = check_int(n_samples, name="n_samples", low=10, high=2000)
    k_max = min(K_MAX, len(X) if X is not None else n_samples)
    names = [name for _, name in INIT_CHOICES]
    n_clusters, init, centers = check_step_init(
        init, n_clusters, k_max=k_max, names=names, click=CLICK
    )
    random_state = check_int(random_state, name="random_state", low=0, high=_SEED_MAX)
    dataset = check_choice(dataset, DATASETS, name="dataset")
    max_iter = check_int(max_iter, name="max_iter", low=1, high=300)
    figsize, dpi = KMeansStepThrough.check_frame_size(figsize, dpi)
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
