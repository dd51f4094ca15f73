"""Self-checks for the exercises of notebook 04, *Color Compression with K-Means*.

Each check takes the learner's answer plus the images it was computed from, and returns a
``CheckResult`` that says right or wrong and, when wrong, what the answer looks like and a hint. A
learner's answer never raises: a wrong type or a ``None`` left in place is feedback too. The data
arguments (``image``, ``original``, ...) come from the notebook, so bad ones raise ``ValueError`` like
the rest of fig_code.
"""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import check_int
from ..color_widget import _bits_per_pixel
from ..quantize import _check_image, _nearest, _unique_colors, psnr, quantize_colors
from ._answers import as_float_array, as_index, describe
from ._feedback import CheckResult, failed, passed

__all__ = [
    "check_distinct_colors",
    "check_paletted_size",
    "check_psnr",
    "check_quantized_image",
]


def check_distinct_colors(answer, image) -> CheckResult:
    """Check a learner's count of the distinct colours (RGB triples) in ``image``.

    Parameters
    ----------
    answer : int
        The learner's count.
    image : array of shape (height, width, 3)
        The RGB image, ``uint8`` or float in [0, 1].

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> img = np.array([[[255, 0, 0], [255, 0, 0], [0, 0, 255]]], dtype=np.uint8)
    >>> bool(check_distinct_colors(2, img)), bool(check_distinct_colors(3, img))
    (True, False)
    """
    image = _check_image(image)
    pixels = image.reshape(-1, 3)
    truth = len(_unique_colors(pixels)[2])
    hint = (
        "Make one row per pixel with image.reshape(-1, 3), then count the distinct rows: "
        "len(np.unique(pixels, axis=0))."
    )
    if answer is None:
        return failed("there is no answer yet: the variable still holds None.", hint)
    count = as_index(answer)
    if count is None:
        arr = as_float_array(answer)
        if arr is not None and arr.ndim == 2 and arr.shape[1] == 3:
            return failed(
                f"you have the distinct colours themselves ({arr.shape[0]} rows), not their number.",
                "Count them with len(...).",
            )
        return failed(f"expected a whole number; got {describe(answer)}.", hint)
    if count == truth:
        return passed(
            f"{truth:,} distinct colours among {len(pixels):,} pixels: far fewer than the "
            f"{256**3:,} colours 8-bit RGB could hold."
        )
    if count == len(pixels):
        return failed(
            "that is the number of pixels: many pixels share the same colour.",
            "Count distinct rows, with np.unique(pixels, axis=0).",
        )
    if count == len(np.unique(image)):
        return failed(
            "that is the number of distinct channel values (single numbers 0-255), not of colours.",
            "A colour is a row of three numbers: pass axis=0 to np.unique on image.reshape(-1, 3).",
        )
    if count == image.size:
        return failed("that is the number of entries (pixels x 3 channels).", hint)
    return failed(f"{count:,} is not the number of distinct colours.", hint)


def check_psnr(answer, original, approximation) -> CheckResult:
    """Check a learner's hand-computed PSNR (in dB) of ``approximation`` against ``original``.

    Answers within 0.01 dB pass (a value rounded to two decimals is accepted).

    Parameters
    ----------
    answer : float
        The learner's PSNR in decibels.
    original, approximation : arrays of shape (height, width, 3)
        Both uint8 (peak value 255) or both float in [0, 1] (peak value 1).

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> a = np.zeros((2, 2, 3), dtype=np.uint8)
    >>> b = a.copy()
    >>> b[0, 0, 0] = 255
    >>> bool(check_psnr(10.79, a, b)), bool(check_psnr(0.0, a, b))
    (True, False)
    """
    truth = psnr(original, approximation)
    a, b = _check_image(original), _check_image(approximation)
    peak = 255.0 if a.dtype == np.uint8 else 1.0
    hint = (
        "Convert both images to float first, then mse = np.mean((original - approx) ** 2) and "
        f"psnr = 10 * np.log10({peak:g} ** 2 / mse)."
    )
    if answer is None:
        return failed("there is no answer yet: the variable still holds None.", hint)
    arr = as_float_array(answer)
    if arr is None or arr.size != 1:
        return failed(f"expected one number, in decibels; got {describe(answer)}.", hint)
    value = float(arr.reshape(-1)[0])
    if np.isinf(truth):  # identical images: MSE 0
        if value == np.inf:
            return passed("the images are identical: MSE 0, PSNR infinite.")
        return failed(
            "the images are identical: MSE 0, PSNR infinite.",
            "With mse = 0, 10 * np.log10(peak ** 2 / mse) is inf (np.inf); NumPy warns about the "
            "division by zero.",
        )
    if not np.isfinite(value):
        return failed(f"your answer is {value}, not a finite number.", hint)

    def near(target: float) -> bool:
        return bool(abs(value - target) <= 0.01)

    if near(truth):
        return passed(f"PSNR = {truth:.2f} dB.")
    diff = a.astype(np.float64) - b.astype(np.float64)
    mse = float(np.mean(diff**2))
    if a.dtype == np.uint8:
        squared8 = float(np.mean((a - b) ** 2))  # subtracted and squared in uint8: both wrap
        if squared8 > 0 and near(10 * np.log10(peak**2 / squared8)):
            return failed(
                "the difference was computed and squared in uint8, where 3 - 5 wraps around to "
                "254 and squares wrap around too (16 ** 2 is 0 in uint8).",
                "Convert to float before subtracting: original.astype(float) - approx.astype(float), "
                "then square.",
            )
        wrapped = float(np.mean((a - b).astype(np.float64) ** 2))  # uint8 arithmetic wraps around
        if wrapped > 0 and near(10 * np.log10(peak**2 / wrapped)):
            return failed(
                "the difference was computed in uint8, where 3 - 5 wraps around to 254.",
                "Convert to float before subtracting: original.astype(float) - approx.astype(float).",
            )
        if near(10 * np.log10(1.0 / mse)):
            return failed(
                "you used a peak value of 1, but these are uint8 images with values up to 255.",
                "Use MAX = 255 for uint8 images: 10 * np.log10(255 ** 2 / mse).",
            )
    if near(10 * np.log10(peak**2 / (3 * mse))):
        return failed(
            "you summed the squared differences over the three channels: MSE is the mean over "
            "pixels and channels.",
            "Average over every entry of the difference array: np.mean(difference ** 2), with no "
            "sum over axis=2.",
        )
    if near(10 * np.log10(peak / mse)):
        return failed("the peak value must be squared.", f"Use {peak:g} ** 2 / mse.")
    if near(10 * np.log(peak**2 / mse)):
        return failed("that uses the natural logarithm.", "Decibels use base 10: np.log10.")
    if near(mse) or near(np.sqrt(mse)):
        return failed("that is the (root) mean squared error, not yet the PSNR.", hint)
    return failed(f"{value:.2f} dB is not the PSNR of these two images.", hint)


def check_quantized_image(quantized, palette, original, n_colors: int) -> CheckResult:
    """Check a learner's compression of ``original`` to ``n_colors`` colours.

    Passes when ``quantized`` has the original's shape and dtype, uses at most ``n_colors`` colours,
    all of them from ``palette``, and is about as faithful as K-means makes it: its PSNR is at most
    0.5 dB below that of ``fig_code.quantize_colors(original, n_colors)``.

    Parameters
    ----------
    quantized : array of shape (height, width, 3)
        The learner's compressed image.
    palette : array of shape (n, 3)
        The learner's palette.
    original : array of shape (height, width, 3)
        The image that was compressed.
    n_colors : int
        The number of colours asked for.

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> from fig_code.quantize import quantize_colors
    >>> img = np.random.default_rng(0).integers(0, 256, size=(20, 20, 3), dtype=np.uint8)
    >>> quantized, palette = quantize_colors(img, 4)
    >>> bool(check_quantized_image(quantized, palette, img, 4))
    True
    >>> bool(check_quantized_image(img, palette, img, 4))  # the original: far too many colours
    False
    """
    original = _check_image(original, name="original")
    n_colors = check_int(n_colors, name="n_colors", low=1)
    hint = (
        f"quantized, palette = quantize_colors(image, {n_colors}) returns both; pass the image "
        "first and the palette second."
    )
    if quantized is None or palette is None:
        return failed("there is no answer yet: a variable still holds None.", hint)
    q = np.asarray(quantized) if not isinstance(quantized, numbers.Number) else None
    if q is None or q.shape != original.shape:
        return failed(
            f"the compressed image should have the original's shape {original.shape}; "
            f"got {describe(quantized)}.",
            hint,
        )
    if q.dtype != original.dtype:
        return failed(
            f"the compressed image should keep the original's dtype ({original.dtype}); got {q.dtype}.",
            hint,
        )
    pal = np.asarray(palette) if not isinstance(palette, numbers.Number) else None
    if pal is None or pal.ndim != 2 or pal.shape[1] != 3:
        return failed(
            f"the palette should be an array of shape (n, 3); got {describe(palette)}.", hint
        )
    used = _unique_colors(q.reshape(-1, 3))[0]
    if len(used) > n_colors:
        return failed(
            f"the image uses {len(used):,} colours; at most {n_colors} were asked for.", hint
        )
    in_palette = (used[:, None, :] == pal[None, :, :].astype(used.dtype)).all(axis=2).any(axis=1)
    if not in_palette.all():
        return failed(
            f"{int((~in_palette).sum())} colour(s) of the image are not in the palette.", hint
        )
    yours = psnr(original, q)
    reference = psnr(original, quantize_colors(original, n_colors, random_state=0)[0])
    if yours < reference - 0.5:
        hint = (
            f"Call quantize_colors(image, {n_colors}): K-means picks the palette, and every "
            "pixel gets its nearest palette colour."
        )
        # Same colours, better assignment? Then the pixels were not mapped to their nearest colour.
        nearest = _nearest(original.reshape(-1, 3).astype(np.float64), used.astype(np.float64))
        remapped = psnr(original, used[nearest].reshape(original.shape))
        if remapped >= reference - 0.5:
            return failed(
                f"the palette is fine, but its PSNR is {yours:.1f} dB where K-means reaches "
                f"{reference:.1f} dB: pixels were not given their nearest palette colour.",
                hint,
            )
        return failed(
            f"the image uses few enough colours, but its PSNR is {yours:.1f} dB where K-means "
            f"reaches {reference:.1f} dB: this palette was not chosen by K-means (another "
            "quantizer such as Pillow's median cut, or fixed or random colours?).",
            hint,
        )
    return passed(f"{len(used)} colours, PSNR {yours:.1f} dB.")


def check_paletted_size(answer, shape, n_colors: int) -> CheckResult:
    """Check a learner's size, in bytes, of an image stored as palette indices plus the palette.

    The size is ``height * width * bits / 8`` for the indices, where ``bits`` is the smallest
    whole number of bits that can count ``n_colors`` values (``ceil(log2(n_colors))``), plus
    ``3 * n_colors`` bytes for the palette (one byte per channel per colour). No file format, no
    compression. Answers within one byte pass.

    Parameters
    ----------
    answer : int or float
        The learner's number of bytes.
    shape : tuple
        The image's shape, (height, width) or (height, width, 3).
    n_colors : int
        The palette size.

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> bool(check_paletted_size(10 * 10 * 4 / 8 + 16 * 3, (10, 10, 3), 16))
    True
    """
    message = f"shape must be (height, width) or (height, width, 3); got {shape!r}"
    try:
        shape = tuple(shape)
    except TypeError:  # not iterable: None, a number
        raise ValueError(message) from None
    if len(shape) not in (2, 3) or any(not isinstance(s, numbers.Integral) or s < 1 for s in shape):
        raise ValueError(message)
    n_colors = check_int(n_colors, name="n_colors", low=2)
    n_pixels = shape[0] * shape[1]
    bits = _bits_per_pixel(n_colors)
    indices, table = n_pixels * bits / 8, 3 * n_colors
    truth = indices + table
    hint = (
        f"Each pixel stores an index from 0 to {n_colors - 1}: how many bits does it take to write "
        f"{n_colors} different values? Bytes = pixels x bits / 8, plus 3 bytes per palette colour."
    )
    if answer is None:
        return failed("there is no answer yet: the variable still holds None.", hint)
    arr = as_float_array(answer)
    if arr is None or arr.size != 1:
        return failed(f"expected one number of bytes; got {describe(answer)}.", hint)
    value = float(arr.reshape(-1)[0])

    def near(target: float) -> bool:
        return bool(abs(value - target) <= 1.0)

    if near(truth):
        return passed(
            f"{indices:,.0f} bytes of indices + {table} bytes of palette = {truth:,.0f} bytes, "
            f"against {3 * n_pixels:,} bytes for 24-bit colour."
        )
    if near(indices):
        return failed("you left out the palette itself.", f"Add 3 bytes per colour: + {table}.")
    if near(n_pixels * bits + table) or near(n_pixels * bits):
        return failed("that counts bits, not bytes.", "Divide the index bits by 8.")
    if near(n_pixels + table) or near(n_pixels):
        return failed(
            "that gives every index a whole byte (8 bits).",
            f"{n_colors} colours need only {bits} bits per index.",
        )
    if near(3 * n_pixels):
        return failed("that is the size of the uncompressed 24-bit image.", hint)
    return failed(f"{value:,.0f} bytes is not the size of indices plus palette.", hint)
