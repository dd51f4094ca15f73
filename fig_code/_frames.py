"""Base class for the kernel-side image widgets (notebook 02's step-through, notebook 04's slider).

A ``FrameWidget`` is an ``ipywidgets.VBox`` whose picture is an ``ipywidgets.Image`` holding PNG
bytes rendered in the kernel. This works unchanged in JupyterLab, Binder, Colab (ipywidgets 7.7 and 8)
and under nbval, where ``interact``/``Output`` widgets would leak output.

What every such widget shares lives here: the figure its frames are drawn on (one figsize/dpi check),
the PNG writing (``figures.figure_to_png``, with the encoder the widget chooses), and one bounded
cache of rendered frames (least recently shown dropped first).

Its display bundle carries, beside the live widget view, a short stable ``text/plain`` and an
``image/png`` of the current frame, so GitHub, nbviewer and exported HTML show the picture.
"""

from __future__ import annotations

import base64
from collections import OrderedDict
from collections.abc import Callable, Hashable

import ipywidgets as widgets

from ._validation import check_dpi, check_figsize
from .figures import figure_to_png, new_figure

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: Rendered frames a widget keeps (least recently shown dropped first).
CACHE_SIZE = 48


class FrameWidget(widgets.VBox):
    """A VBox around an ``Image``; subclasses set ``self.image.value`` and ``_summary()``.

    With ``figsize`` (inches) and ``dpi``, it also makes the pyplot-free figure ``_fig`` its frames
    are drawn on; ``_figure_png()`` writes it with ``png_encoder`` (see ``figures.figure_to_png``)
    and ``_cached_frame(key, render)`` keeps up to ``cache_size`` rendered frames.
    """

    #: How many rendered frames ``_cached_frame`` keeps.
    cache_size = CACHE_SIZE

    def __init__(
        self,
        children=(),
        *,
        figsize: tuple[float, float] | None = None,
        dpi: int = 100,
        png_encoder: str = "fast",
        image_width: str = "100%",
        **kwargs,
    ):
        self.image = widgets.Image(
            format="png", layout=widgets.Layout(width=image_width, max_width="720px")
        )
        super().__init__(children=[*children, self.image], **kwargs)
        self._fig = None
        if figsize is not None:
            figsize, dpi = self.check_frame_size(figsize, dpi)
            self._fig = new_figure(figsize, dpi=dpi)
        self._png_encoder = png_encoder
        self._frames: OrderedDict = OrderedDict()

    @staticmethod
    def check_frame_size(figsize, dpi) -> tuple[tuple[float, float], int]:
        """The frames' size: ``figsize`` two positive numbers (inches), ``dpi`` 20..300."""
        dpi = check_dpi(dpi)
        return check_figsize(figsize), dpi

    # --- frames -----------------------------------------------------------------------------------
    def _figure_png(self) -> bytes:
        """Draw the figure and return its PNG bytes."""
        return figure_to_png(self._fig, encoder=self._png_encoder)

    def _cached_frame(self, key: Hashable, render: Callable[[], object]):
        """``render()``'s result for ``key``, rendered once and kept while among the most recent."""
        if key in self._frames:
            self._frames.move_to_end(key)
        else:
            self._frames[key] = render()
            while len(self._frames) > self.cache_size:
                self._frames.popitem(last=False)
        return self._frames[key]

    def _clear_frames(self) -> None:
        """Forget every rendered frame (the picture's content changed)."""
        self._frames.clear()

    # --- clicks on the picture --------------------------------------------------------------------
    def _click_events(self):
        """An ``ipyevents.Event`` that reports clicks on the picture; None without ipyevents."""
        try:
            from ipyevents import Event
        except ImportError:
            return None
        return Event(source=self.image, watched_events=["click"])

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

    # --- what a reader sees where no kernel runs ------------------------------------------------
    def _summary(self) -> str:
        return type(self).__name__

    def _repr_mimebundle_(self, **kwargs):
        data = {"text/plain": self._summary()}
        if self.image.value:
            data["image/png"] = base64.b64encode(bytes(self.image.value)).decode("ascii")
        if self._view_name is not None and getattr(self, "_model_id", None):
            data[WIDGET_VIEW] = {"version_major": 2, "version_minor": 0, "model_id": self._model_id}
        return data

    def _ipython_display_(self, **kwargs):  # ipywidgets 7 displays through this hook
        from IPython.display import display

        display(self._repr_mimebundle_(), raw=True)
