"""Checks for images and palettes (quantize, baselines, color_plots, color_widget, checks.color)."""

from __future__ import annotations

import numpy as np


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
