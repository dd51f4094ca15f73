"""Self-checks for the exercises of notebook 04, *Color Compression with K-Means*.

Each check takes the learner's answer plus the images it was computed from, and returns a
``CheckResult`` that says right or wrong. Hints grow with the attempt: an answer not given yet gets a
nudge in words and no code; a wrong answer gets a diagnosis of the slip (the wrong image, no logarithm,
values scaled to [0, 1], ...) and code-level help. A learner's answer never raises: a wrong type or a
``None`` left in place is feedback too. The data arguments (``image``, ``original``, ...) come from
the notebook, so bad ones raise ``ValueError`` like the rest of fig_code.
"""

from __future__ import annotations

import functools
import numbers

import numpy as np

from .._colors import nearest_color, unique_colors
from .._validation import check_image, check_image_shape, check_int
from ..metrics import bits_per_index, psnr
from ..quantize import quantize_colors
from ._answers import as_float_array, as_index, describe
from ._feedback import CheckResult, failed, passed

__all__ = [
    "check_distinct_colors",
    "check_paletted_size",
    "check_psnr",
    "check_quantized_image",
]

#: scikit-learn's sample photos: the notebook's images, so a check can tell when the learner used
#: the other one by mistake.
SAMPLE_IMAGES = ("china.jpg", "flower.jpg")


@functools.lru_cache(maxsize=1)
def _sample_images() -> tuple[tuple[str, np.ndarray], ...]:
    from sklearn.datasets import load_sample_image  # lazy: scikit-learn is slow to import

    return tuple((name, load_sample_image(name)) for name in SAMPLE_IMAGES)


def _other_images(image: np.ndarray):
    """(name, photo) for each scikit-learn sample photo of ``image``'s shape that is not ``image``."""
    if image.dtype != np.uint8:
        return
    for name, photo in _sample_images():
        if photo.shape == image.shape and not np.array_equal(photo, image):
            yield name, photo


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
    image = check_image(image)
    pixels = image.reshape(-1, 3)
    truth = len(unique_colors(pixels)[2])
    code = (
        "pixels = image.reshape(-1, 3) makes one row per pixel; np.unique(pixels, axis=0) keeps "
        "each distinct row once; len(...) counts them."
    )
    if answer is None:
        return failed(
            "there is no answer yet: the variable still holds None.",
            "A colour is one pixel's three numbers (red, green, blue) taken together. Think of the "
            "image as a table with one row per pixel: how many different rows does it have?",
        )
    count = as_index(answer)
    if count is None:
        arr = as_float_array(answer)
        if arr is not None and arr.ndim == 2 and arr.shape[1] == 3:
            return failed(
                f"you have the distinct colours themselves ({arr.shape[0]} rows), not their number.",
                "Count them with len(...).",
            )
        return failed(f"expected a whole number; got {describe(answer)}.", code)
    if count == truth:
        return passed(
            f"{truth:,} distinct colours among {len(pixels):,} pixels: far fewer than the "
            f"{256**3:,} colours 8-bit RGB could hold."
        )
    for name, photo in _other_images(image):
        if count == len(unique_colors(photo.reshape(-1, 3))[2]):
            return failed(
                f"that is the number of distinct colours of {name}, another photo.",
                "Count the colours of the image the exercise names.",
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
        return failed("that is the number of entries (pixels x 3 channels).", code)
    if count == 2:
        return failed(
            "2 is the length of the pair (colours, counts) that np.unique(..., "
            "return_counts=True) returns.",
            "Take len() of the first item, or leave out return_counts.",
        )
    return failed(f"{count:,} is not the number of distinct colours.", code)


def check_psnr(answer, original, approximation) -> CheckResult:
    """Check a learner's hand-computed PSNR (in dB) of ``approximation`` against ``original``.

    Answers within 0.05 dB pass: the PSNR rounded to one or two decimals is accepted.

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
    >>> bool(check_psnr(10.79, a, b)), bool(check_psnr(10.8, a, b)), bool(check_psnr(0.0, a, b))
    (True, True, False)
    """
    truth = psnr(original, approximation)
    a, b = check_image(original), check_image(approximation)
    peak = 255.0 if a.dtype == np.uint8 else 1.0
    code = (
        "Step by step: difference = original.astype(float) - approximation.astype(float), then "
        "mse = np.mean(difference ** 2), then the formula: 10 * np.log10(peak ** 2 / mse), "
        f"with peak = {peak:g} for these images."
    )
    if answer is None:
        return failed(
            "there is no answer yet: the variable still holds None.",
            "PSNR compares the mean squared error (the average over every pixel and channel) with "
            f"the largest possible squared value, {peak:g} squared, on a logarithmic scale in "
            "decibels: the formula is in the section 'K-means picks the palette'. Work in floats, "
            "not uint8.",
        )
    arr = as_float_array(answer)
    if arr is None or arr.size != 1:
        return failed(f"expected one number, in decibels; got {describe(answer)}.", code)
    value = float(arr.reshape(-1)[0])
    if np.isinf(truth):  # identical images: MSE 0
        if value == np.inf:
            return passed("the images are identical: MSE 0, PSNR infinite.")
        return failed(
            "the images are identical: MSE 0, PSNR infinite.",
            "With mse = 0, 10 * np.log10(peak ** 2 / mse) is inf (np.inf); NumPy warns about the "
            "division by zero.",
        )
    if value == np.inf:
        return failed(
            "an infinite PSNR means a mean squared error of 0: identical images. Did you compare "
            "an image with itself?",
            code,
        )
    if not np.isfinite(value):
        return failed(f"your answer is {value}, not a finite number.", code)

    def near(target: float, tol: float = 0.01) -> bool:
        return bool(abs(value - target) <= tol)

    if near(truth, 0.05):
        return passed(f"PSNR = {truth:.2f} dB.")
    if value == round(value) and near(truth, 0.5):
        return failed(
            "right to the nearest decibel, but rounded too far to check it.",
            "Give it to two decimals: round(my_psnr, 2), or leave it unrounded.",
        )
    for name, photo in _other_images(b):
        if near(psnr(photo, b)):
            return failed(f"that compares the approximation with {name}, another photo.", code)
    for name, photo in _other_images(a):
        if near(psnr(a, photo)):
            return failed(f"that compares the original with {name}, another photo.", code)
    diff = a.astype(np.float64) - b.astype(np.float64)
    mse = float(np.mean(diff**2))
    ratio = peak**2 / mse
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
                "Use a peak of 255 for uint8 images: 10 * np.log10(255 ** 2 / mse).",
            )
        if near(10 * np.log10(peak**2 / (mse / 255.0**2))):
            return failed(
                "you scaled both images to [0, 1] (divided by 255) but kept a peak value of 255.",
                "Either keep 0-255 values with a peak of 255, or scale to [0, 1] with a peak of 1.",
            )
        for scaled in (a / 255.0 - b, a - b / 255.0):  # only one of the two images scaled
            one = float(np.mean(scaled**2))
            if any(near(10 * np.log10(p**2 / one)) for p in (1.0, 255.0)):
                return failed(
                    "only one of the two images was scaled to [0, 1]: the other still runs to 255.",
                    "Scale both or neither: original / 255 and approximation / 255, with a peak of "
                    "1.",
                )
    elif near(10 * np.log10(255.0**2 / mse)):
        return failed(
            "these images are floats in [0, 1], so the peak value is 1, not 255.",
            "Use 10 * np.log10(1 / mse).",
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
    if near(10 * np.log(ratio)):
        return failed("that uses the natural logarithm.", "Decibels use base 10: np.log10.")
    if near(ratio, max(0.01, 1e-4 * ratio)):
        return failed(
            "that is the ratio peak ** 2 / mse itself: the logarithm is missing.",
            "Decibels are 10 times the base-10 logarithm of that ratio: 10 * np.log10(ratio).",
        )
    if near(np.log10(ratio)):
        return failed(
            "that is the base-10 logarithm of the ratio, in bels: decibels are ten times that.",
            "Multiply by 10.",
        )
    if near(20 * np.log10(ratio)):
        return failed(
            "that is twice the PSNR: with the squared ratio peak ** 2 / mse the factor is 10, not 20.",
            "Use 10 * np.log10(peak ** 2 / mse), or 20 * np.log10(peak / np.sqrt(mse)).",
        )
    if near(mse) or near(np.sqrt(mse)):
        return failed("that is the (root) mean squared error, not yet the PSNR.", code)
    return failed(f"{value:.2f} dB is not the PSNR of these two images.", code)


def check_quantized_image(quantized, palette, original, n_colors: int) -> CheckResult:
    """Check a learner's compression of ``original`` to ``n_colors`` colours.

    Passes when ``quantized`` has the original's shape and dtype; ``palette`` has at most
    ``n_colors`` colours, of the image's kind (uint8 for a uint8 image, so that it can be drawn with
    ``plot_palette`` or written to a file); the image uses only palette colours; and it is about as
    faithful as K-means makes it: its PSNR is at most 0.5 dB below that of
    ``fig_code.quantize_colors(original, n_colors)``.

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
    original = check_image(original, name="original")
    n_colors = check_int(n_colors, name="n_colors", low=1)
    code = (
        f"quantized, palette = quantize_colors(image, {n_colors}, random_state=0): the image "
        "first, the palette second."
    )
    if quantized is None or palette is None:
        return failed(
            "there is no answer yet: a variable still holds None.",
            "quantize_colors gives back two things, the compressed image and its palette, in that "
            "order: keep each in its own variable.",
        )
    q = np.asarray(quantized) if not isinstance(quantized, numbers.Number) else None
    if q is None or q.shape != original.shape:
        return failed(
            f"the compressed image should have the original's shape {original.shape}; "
            f"got {describe(quantized)}.",
            code,
        )
    if q.dtype != original.dtype:
        return failed(
            f"the compressed image should keep the original's dtype ({original.dtype}); got {q.dtype}.",
            code,
        )
    yours = psnr(original, q)
    for name, photo in _other_images(original):
        if psnr(photo, q) > yours + 3:
            return failed(
                f"this is a compressed {name}, another photo, not the image the exercise names.",
                f"Pass the exercise's image to quantize_colors. {code}",
            )
    pal = np.asarray(palette) if not isinstance(palette, numbers.Number) else None
    if pal is None or pal.ndim != 2 or pal.shape[1] != 3:
        return failed(
            f"the palette should be an array of shape (n, 3); got {describe(palette)}.", code
        )
    if pal.dtype != original.dtype:
        return failed(
            f"the palette is {pal.dtype}, but the image is {original.dtype}: drawing it or "
            "writing it to a file would fail or give wrong colours.",
            "Round the colours and convert them like the image: np.rint(palette).astype(np.uint8)."
            if original.dtype == np.uint8
            else code,
        )
    if len(pal) > n_colors:
        return failed(
            f"the palette has {len(pal)} colours; at most {n_colors} were asked for.", code
        )
    used = unique_colors(q.reshape(-1, 3))[0]
    if len(used) > n_colors:
        return failed(
            f"the image uses {len(used):,} colours; at most {n_colors} were asked for.", code
        )
    in_palette = (used[:, None, :] == pal[None, :, :]).all(axis=2).any(axis=1)
    if not in_palette.all():
        return failed(
            f"{int((~in_palette).sum())} colour(s) of the image are not in the palette.", code
        )
    reference = psnr(original, quantize_colors(original, n_colors, random_state=0)[0])
    if yours < reference - 0.5:
        hint = (
            f"Call quantize_colors(image, {n_colors}): K-means picks the palette, and every "
            "pixel gets its nearest palette colour."
        )
        # Same colours, better assignment? Then the pixels were not mapped to their nearest colour.
        nearest = nearest_color(original.reshape(-1, 3).astype(np.float64), used.astype(np.float64))
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
        Right or not yet, with a hint for a wrong answer.

    Raises
    ------
    ValueError
        If shape is not (height, width) or (height, width, 3) of positive integers, or n_colors
        is not an integer >= 2 (the exercise's data, not the learner's answer, is wrong).

    Examples
    --------
    >>> bool(check_paletted_size(10 * 10 * 4 / 8 + 16 * 3, (10, 10, 3), 16))
    True
    """
    shape = check_image_shape(shape)
    n_colors = check_int(n_colors, name="n_colors", low=2)
    n_pixels = shape[0] * shape[1]
    bits = bits_per_index(n_colors)
    indices, table = n_pixels * bits / 8, 3 * n_colors
    truth = indices + table
    code = (
        f"bits = int(np.ceil(np.log2({n_colors}))) per index; bytes = height * width * bits / 8 "
        f"+ 3 * {n_colors}."
    )
    if answer is None:
        return failed(
            "there is no answer yet: the variable still holds None.",
            f"Each pixel stores only the number of its palette colour, 0 to {n_colors - 1}: how "
            "many bits does it take to write that many different values? Count those bits for "
            "every pixel, turn them into bytes, and add the palette itself.",
        )
    arr = as_float_array(answer)
    if arr is None or arr.size != 1:
        return failed(f"expected one number of bytes; got {describe(answer)}.", code)
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
    if near(indices + n_colors):
        return failed(
            "the palette takes 3 bytes per colour (red, green, blue), not 1.",
            f"Add 3 * {n_colors} bytes.",
        )
    if near(n_pixels * bits + table) or near(n_pixels * bits):
        return failed("that counts bits, not bytes.", "Divide the index bits by 8.")
    if near(n_pixels + table) or near(n_pixels):
        return failed(
            "that gives every index a whole byte (8 bits).",
            f"{n_colors} colours need only {bits} bits per index.",
        )
    if near(3 * n_pixels):
        return failed("that is the size of the uncompressed 24-bit image.", code)
    for other in (2**b for b in range(1, 9)):
        if other != n_colors and near(n_pixels * bits_per_index(other) / 8 + 3 * other):
            return failed(
                f"that is the size for a palette of {other} colours; this one has {n_colors}.",
                code,
            )
    if any(near(truth / unit) for unit in (1000, 1024)):
        return failed("that is in kilobytes; the answer is in bytes.", "Leave out the / 1000.")
    return failed(f"{value:,.0f} bytes is not the size of indices plus palette.", code)
