"""Checks for images and palettes (quantize, baselines, color_plots, color_widget, checks.color)."""

from __future__ import annotations

import numbers

import numpy as np

from ._basic import check_int

UINT8_HINT = "(convert a float image in [0, 1] with (image * 255).round().astype(np.uint8))"


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
    try:
        arr = np.asarray(palette)
    except ValueError:  # NumPy's "inhomogeneous shape": rows of different lengths
        raise ValueError(
            f"{name} must be an RGB array of shape (n_colors, 3), uint8 or float in [0, 1]; "
            f"got a {type(palette).__name__} whose rows have different lengths"
        ) from None
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
    return Image.fromarray(check_uint8_image(image, accepted="uint8 (or a PIL image)"))


def check_uint8_image(image, *, accepted: str = "uint8") -> np.ndarray:
    """Return ``image`` checked by :func:`check_image` and uint8; ``accepted`` is what the message asks for."""
    image = check_image(image)
    if image.dtype != np.uint8:
        raise ValueError(f"image must be {accepted}; got {image.dtype} {UINT8_HINT}")
    return image


def check_pillow_method(method, methods) -> str:
    """Return ``method``, one of the names ``methods`` of Pillow's quantizers that this Pillow has."""
    if not isinstance(method, str) or method not in methods:
        raise ValueError(f"method must be one of {sorted(methods)}; got {method!r}")
    if method == "libimagequant":
        from PIL import features

        if not features.check_feature("libimagequant"):
            raise ValueError(
                "method 'libimagequant' needs a Pillow built with libimagequant, and this one "
                "was not; use 'median cut', 'maximum coverage' or 'fast octree'"
            )
    return method


def check_fit_on(fit_on, image: np.ndarray) -> np.ndarray:
    """Pixels to fit on, shape (n_pixels, 3) or (h, w, 3), of the same kind as ``image``: (n_pixels, 3)."""
    arr = np.asarray(fit_on)
    if arr.ndim == 2:
        arr = arr[None]
    sample = check_image(arr, name="fit_on", shape="(n_pixels, 3) or (h, w, 3)").reshape(-1, 3)
    if (sample.dtype == np.uint8) != (image.dtype == np.uint8):
        raise ValueError(
            "fit_on must hold pixels of the same kind as image (both uint8, or both float "
            f"in [0, 1]); got {sample.dtype} and {image.dtype}"
        )
    return sample


def check_image_pair(original, approximation) -> tuple[np.ndarray, np.ndarray]:
    """Two images of the same shape and kind (both uint8, or both float in [0, 1])."""
    a = check_image(original, name="original")
    b = check_image(approximation, name="approximation")
    if a.shape != b.shape:
        raise ValueError(
            f"original and approximation must have the same shape; got {a.shape} and {b.shape}"
        )
    if (a.dtype == np.uint8) != (b.dtype == np.uint8):
        raise ValueError(
            "original and approximation must both be uint8, or both float in [0, 1]; "
            f"got {a.dtype} and {b.dtype}"
        )
    return a, b


def check_image_shape(shape) -> tuple[int, ...]:
    """An image's shape, (height, width) or (height, width, 3), of positive integers, as a tuple."""
    message = f"shape must be (height, width) or (height, width, 3); got {shape!r}"
    try:
        shape = tuple(shape)
    except TypeError:  # not iterable: None, a number
        raise ValueError(message) from None
    if len(shape) not in (2, 3) or any(not isinstance(s, numbers.Integral) or s < 1 for s in shape):
        raise ValueError(message)
    return shape


def check_channels(channels, names) -> tuple[int, int]:
    """The indices in ``names`` of a pair of colour channels such as ``("red", "green")``."""
    if not isinstance(channels, (tuple, list)) or len(channels) != 2:
        raise ValueError(f"channels must be a pair such as ('red', 'green'); got {channels!r}")
    for name in channels:
        if not isinstance(name, str) or name not in names:
            raise ValueError(f"channels must name two of 'red', 'green', 'blue'; got {name!r}")
    return names.index(channels[0]), names.index(channels[1])


def check_palette_columns(ncols, n_columns, n_colors: int) -> int:
    """Columns of a palette picture: ``ncols`` (or its former name ``n_columns``); default up to 32."""
    if n_columns is not None:
        if ncols is not None:
            raise ValueError("give ncols or its former name n_columns, not both")
        ncols = check_int(n_columns, name="n_columns", low=1)
    return min(n_colors, 32) if ncols is None else check_int(ncols, name="ncols", low=1)
