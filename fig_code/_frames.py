"""Base class for the kernel-side image widgets (notebook 02's step-through, notebook 04's slider).

A ``FrameWidget`` is an ``ipywidgets.VBox`` whose picture is an ``ipywidgets.Image`` holding PNG
bytes rendered in the kernel. This works unchanged in JupyterLab, Binder, Colab (ipywidgets 7.7 and 8)
and under nbval, where ``interact``/``Output`` widgets would leak output.

Its display bundle carries, beside the live widget view, a short stable ``text/plain`` and an
``image/png`` of the current frame, so GitHub, nbviewer and exported HTML show the picture.
"""

from __future__ import annotations

import base64

import ipywidgets as widgets

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class FrameWidget(widgets.VBox):
    """A VBox around an ``Image``; subclasses set ``self.image.value`` and ``_summary()``."""

    def __init__(self, children=(), *, image_width: str = "100%", **kwargs):
        self.image = widgets.Image(
            format="png", layout=widgets.Layout(width=image_width, max_width="720px")
        )
        super().__init__(children=[*children, self.image], **kwargs)

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
