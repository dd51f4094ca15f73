"""The colour-compression slider of notebook 04: choose the palette size, see the image and its PSNR.

A ``FrameWidget`` (see ``fig_code._frames``): the picture is a PNG rendered in the kernel into an
``ipywidgets.Image``, so it works in JupyterLab, Binder and Colab and leaks no output under nbval.
Each update is one ``quantize_colors`` call (a fraction of a second, see
``benchmarks/quantize_colors.py``) and one redraw of a persistent figure, written as PNG by Pillow
(``fig_code.figure_to_png``'s "pillow" encoder, quick on photographs); rendered frames are kept per
``n_colors`` (the widget base's bounded cache), so going back to a setting costs nothing. Nothing is
precomputed beyond the first frame.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ._frames import FrameWidget
from ._validation import check_dpi, check_image, check_int
from .color_plots import plot_palette
from .metrics import bits_per_index, psnr
from .quantize import quantize_colors

__all__ = ["ColorCompressionWidget", "plot_color_compression_interactive"]

#: Range of the n_colors slider (a paletted PNG or GIF holds at most 256 colours).
MIN_COLORS, MAX_COLORS = 2, 256
#: Widest picture shown (pixels); wider images are scaled down to it.
MAX_WIDTH = 720


class ColorCompressionWidget(FrameWidget):
    """The widget ``plot_color_compression_interactive`` returns.

    Public parts, for driving it from code (tests): ``slider`` (an ``IntSlider`` named n_colors),
    ``image`` (the ``ipywidgets.Image``), ``quantized``, ``palette``, ``psnr`` and ``caption`` (the
    title drawn above the picture) of the frame shown.
    """

    def __init__(self, image: np.ndarray, n_colors: int, *, random_state, name: str, dpi: int):
        self._original = image
        self._random_state = random_state
        self._name = name
        self.slider = widgets.IntSlider(
            value=n_colors,
            min=MIN_COLORS,
            max=MAX_COLORS,
            description="n_colors",
            continuous_update=False,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="480px"),
        )
        # Layout in pixels: the image at its own size (at most MAX_WIDTH wide), a title above,
        # the palette below. At its own size each screen pixel shows one image pixel, unblurred.
        height, width = image.shape[:2]
        scale = min(1.0, MAX_WIDTH / width)
        img_w, img_h = round(width * scale), round(height * scale)
        # Tight vertical spacing: with a one-line banner above it, the frame of a 427-pixel-high
        # photo fits a 700-pixel slide (scripts/slides.py).
        margin, title_h, gap, label_h, palette_h, bottom = 16, 34, 6, 22, 84, 6
        fig_w = img_w + 2 * margin
        fig_h = title_h + img_h + gap + label_h + palette_h + bottom
        super().__init__(
            [self.slider], figsize=(fig_w / dpi, fig_h / dpi), dpi=dpi, png_encoder="pillow"
        )

        def box(left, low, w, h):  # pixel box (from the bottom left) -> figure fraction
            return (left / fig_w, low / fig_h, w / fig_w, h / fig_h)

        self._ax_image = self._fig.add_axes(box(margin, fig_h - title_h - img_h, img_w, img_h))
        self._ax_palette = self._fig.add_axes(box(margin, bottom, img_w, palette_h))
        self._ax_image.set_axis_off()
        self._artist = self._ax_image.imshow(
            image, interpolation="nearest" if scale == 1 else "antialiased"
        )
        self._title = self._fig.text(
            0.5, 1 - title_h / 2 / fig_h, "", ha="center", va="center", fontsize=13
        )
        self._fig.text(
            margin / fig_w,
            (bottom + palette_h + label_h / 2) / fig_h,
            "the palette, from dark to light",
            ha="left",
            va="center",
            fontsize=12,
            color="0.15",
        )
        self.slider.observe(self._on_change, names="value")
        self._show(n_colors)

    def _on_change(self, change) -> None:
        self._show(change["new"])

    def _render(self, n_colors: int):
        quantized, palette = quantize_colors(
            self._original, n_colors, random_state=self._random_state
        )
        score = psnr(self._original, quantized)
        self._artist.set_data(quantized)
        self._ax_palette.clear()
        plot_palette(palette, ax=self._ax_palette)
        bits = bits_per_index(n_colors)
        caption = (
            f"{len(palette)} colours ({bits} bit{'' if bits == 1 else 's'} per pixel)"
            f"   ·   PSNR {score:.1f} dB"
        )
        self._title.set_text(caption)
        return self._figure_png(), quantized, palette, score, caption

    def _show(self, n_colors: int) -> None:
        frame = self._cached_frame(n_colors, lambda: self._render(n_colors))
        png, self.quantized, self.palette, self.psnr, self.caption = frame
        self.image.value = png

    def _summary(self) -> str:
        height, width = self._original.shape[:2]
        return (
            f"Colour compression of {self._name} ({height} x {width}): "
            f"{self.slider.value} colours, PSNR {self.psnr:.1f} dB "
            f"(slider n_colors from {MIN_COLORS} to {MAX_COLORS})"
        )


def plot_color_compression_interactive(
    image, n_colors: int = 64, *, random_state=0, name: str = "the image", dpi: int = 100
) -> ColorCompressionWidget:
    """A widget to choose a palette size with a slider and see the compressed image at once.

    Each position of the ``n_colors`` slider (2 to 256) shows the image quantized to that many
    colours by ``fig_code.quantize_colors`` (K-means on the colour histogram, every pixel kept),
    its palette as swatches, the bits per pixel of the palette index and the PSNR against the
    original. Frames are computed when first shown and then kept.

    The picture is an ``ipywidgets.Image`` holding a PNG rendered in the kernel, so it needs a
    running kernel to react; where none runs (GitHub, nbviewer, HTML export) the saved output
    shows the current frame as a picture.

    Parameters
    ----------
    image : array of shape (height, width, 3)
        RGB image, ``uint8`` or float in [0, 1].
    n_colors : int, default 64
        The starting position of the slider, 2..256.
    random_state : int, default 0
        Seed of K-means' initialisation, as in ``quantize_colors``: an integer from 0 to
        2**32 - 1.
    name : str, default "the image"
        What the text summary calls the image (e.g. "china.jpg").
    dpi : int, default 100
        Resolution of the rendered frames (20..300).

    Returns
    -------
    ColorCompressionWidget
        The widget (an ``ipywidgets.VBox``); display it by ending a cell with it.

    Raises
    ------
    ValueError
        If ``image`` is not an RGB image (see ``quantize_colors``), ``n_colors`` is not an
        integer from 2 to 256, ``random_state`` is not an integer from 0 to 2**32 - 1 or ``dpi``
        is not an integer from 20 to 300.

    Examples
    --------
    End a notebook cell with ``plot_color_compression_interactive(image)`` to show the widget.
    From code (a small image, so that it runs quickly):

    >>> from sklearn.datasets import load_sample_image
    >>> small = load_sample_image("china.jpg")[::8, ::8]
    >>> widget = plot_color_compression_interactive(small, n_colors=8, name="china.jpg")
    >>> widget.palette.shape, bytes(widget.image.value[:4])
    ((8, 3), b'\\x89PNG')
    >>> widget.slider.value = 4  # fewer colours: a lower PSNR
    >>> widget.palette.shape, widget.psnr < 30
    ((4, 3), True)
    """
    image = check_image(image)
    n_colors = check_int(n_colors, name="n_colors", low=MIN_COLORS, high=MAX_COLORS)
    random_state = check_int(random_state, name="random_state", low=0, high=2**32 - 1)
    dpi = check_dpi(dpi)
    return ColorCompressionWidget(
        image, n_colors, random_state=random_state, name=str(name), dpi=dpi
    )
