"""Other ways to shrink an image, to compare with :func:`fig_code.quantize_colors`.

:func:`kmeans_quantize` (plain scikit-learn ``KMeans`` fitted on all or some of the pixels),
:func:`pillow_quantize` (Pillow's own quantizers), and the file sizes an image takes:
:func:`png_size`, :func:`png_bit_depth` and :func:`jpeg_roundtrip`. Notebook 04 and
``benchmarks/quantize_colors.py`` use them as baselines.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from ._validation import (
    check_fit_on,
    check_image,
    check_int,
    check_pillow_image,
    check_pillow_method,
    check_random_state,
    check_uint8_image,
)

__all__ = [
    "jpeg_roundtrip",
    "kmeans_quantize",
    "pillow_quantize",
    "png_bit_depth",
    "png_size",
]


def kmeans_quantize(
    image, n_colors: int = 64, *, fit_on=None, random_state=0
) -> tuple[np.ndarray, np.ndarray]:
    """Plain scikit-learn ``KMeans`` on pixels: fit on some (or all) pixels, then map every pixel.

    The straightforward way, without colour histograms: ``KMeans(n_colors, n_init=1)`` is fitted
    on ``fit_on`` (every pixel of ``image`` by default), and every pixel of ``image`` is then given
    its nearest centre, rounded to the image's dtype. Slower than :func:`quantize_colors` when
    fitted on every pixel; fitting on a sample (a downsampled image, random pixels) is quicker.

    Parameters
    ----------
    image : array of shape (height, width, 3)
        RGB image, ``uint8`` or float in [0, 1].
    n_colors : int, default 64
        Number of clusters (palette colours), at least 1 and at most the number of fitted pixels.
    fit_on : array of shape (n_pixels, 3) or (h, w, 3), optional
        The pixels to fit on, of the same kind as ``image`` (e.g. ``image[::3, ::3]``).
    random_state : int, numpy RandomState or None, default 0
        Seed of K-means' initialisation.

    Returns
    -------
    quantized : array of the same shape and dtype as ``image``
    palette : array of shape (n_colors, 3), same dtype as ``image``
        The rounded centres, in KMeans' order.

    Raises
    ------
    ValueError
        If image is not an RGB image (uint8, or float in [0, 1]), fit_on is not pixels of the same
        kind, n_colors is not an integer from 1 to the number of fitted pixels, or random_state is
        not None, an integer seed or a RandomState.

    Examples
    --------
    >>> from sklearn.datasets import load_sample_image
    >>> china = load_sample_image("china.jpg")
    >>> quantized, palette = kmeans_quantize(china, 8, fit_on=china[::8, ::8])
    >>> quantized.shape, palette.shape
    ((427, 640, 3), (8, 3))
    """
    image = check_image(image)
    check_random_state(random_state)  # checked here; KMeans gets it as given
    pixels = image.reshape(-1, 3)
    sample = pixels if fit_on is None else check_fit_on(fit_on, image)
    n_colors = check_int(n_colors, name="n_colors", low=1, high=len(sample))
    scale = 1.0 if image.dtype == np.uint8 else 255.0
    from sklearn.cluster import KMeans

    km = KMeans(n_clusters=n_colors, n_init=1, random_state=random_state)
    km.fit(sample.astype(np.float64) * scale)
    labels = km.predict(pixels.astype(np.float64) * scale)
    if image.dtype == np.uint8:
        palette = np.clip(np.rint(km.cluster_centers_), 0, 255).astype(np.uint8)
    else:
        palette = np.clip(km.cluster_centers_ / scale, 0.0, 1.0).astype(image.dtype)
    return palette[labels].reshape(image.shape), palette


#: Pillow's quantizers by name (``PIL.Image.Quantize``); libimagequant needs a Pillow built with it.
PILLOW_METHODS = {
    "median cut": Image.Quantize.MEDIANCUT,
    "maximum coverage": Image.Quantize.MAXCOVERAGE,
    "fast octree": Image.Quantize.FASTOCTREE,
    "libimagequant": Image.Quantize.LIBIMAGEQUANT,
}


def pillow_quantize(
    image, n_colors: int = 64, *, method: str = "median cut"
) -> tuple[np.ndarray, np.ndarray]:
    """Pillow's ``Image.quantize`` without dithering, back as an RGB array and its palette.

    Parameters
    ----------
    image : array of shape (height, width, 3), uint8
        RGB image.
    n_colors : int, default 64
        Palette size, 1 to 256.
    method : {"median cut", "maximum coverage", "fast octree", "libimagequant"}, default "median cut"
        Pillow's algorithm. "libimagequant" works only if Pillow was built with that library
        (``PIL.features.check_feature("libimagequant")``).

    Returns
    -------
    quantized : uint8 array of the same shape as ``image``
    palette : uint8 array of shape (n_used, 3)
        The palette colours the image uses, in Pillow's order.

    Raises
    ------
    ValueError
        If image is not a uint8 RGB array, n_colors is not an integer from 1 to 256, or method is
        not one of the names above (or is "libimagequant" and this Pillow lacks it).

    Examples
    --------
    >>> from sklearn.datasets import load_sample_image
    >>> quantized, palette = pillow_quantize(load_sample_image("china.jpg"), 16)
    >>> quantized.dtype, len(palette) <= 16
    (dtype('uint8'), True)
    """
    image = check_uint8_image(image, accepted="uint8 for Pillow")
    n_colors = check_int(n_colors, name="n_colors", low=1, high=256)
    method = check_pillow_method(method, PILLOW_METHODS)
    paletted = Image.fromarray(image).quantize(
        n_colors, method=PILLOW_METHODS[method], dither=Image.Dither.NONE
    )
    used = sorted(index for _, index in paletted.getcolors(256))
    table = np.asarray(paletted.getpalette("RGB"), dtype=np.uint8).reshape(-1, 3)
    return np.asarray(paletted.convert("RGB")), table[used]


def _png_bytes(image) -> bytes:
    buffer = io.BytesIO()
    check_pillow_image(image).save(buffer, format="PNG")
    return buffer.getvalue()


def png_size(image) -> int:
    """Size in bytes of ``image`` written as a PNG file (in memory), with Pillow's defaults.

    Parameters
    ----------
    image : PIL.Image.Image or uint8 array of shape (height, width, 3)
        A Pillow image (a paletted one, mode "P", gives a paletted PNG) or an RGB array.

    Returns
    -------
    int
        The number of bytes of the PNG file.

    Raises
    ------
    ValueError
        If image is neither a Pillow image nor a uint8 RGB array.

    Examples
    --------
    >>> png_size(np.zeros((8, 8, 3), dtype=np.uint8)) < 8 * 8 * 3
    True
    """
    return len(_png_bytes(image))


def png_bit_depth(image) -> int:
    """Bits per sample that Pillow writes in the PNG header of ``image`` (its IHDR bit depth).

    For a paletted image (mode "P") that is the size of each stored palette index, before the PNG's
    DEFLATE compression: PNG allows only 1, 2, 4 or 8 bits per index, and Pillow picks the smallest
    that holds the palette (8 for a palette of 17 to 256 colours). For an RGB image it is the bits
    per channel, 8.

    Parameters
    ----------
    image : PIL.Image.Image or uint8 array of shape (height, width, 3)

    Returns
    -------
    int
        The bit depth: 1, 2, 4 or 8 for a paletted image, 8 for an RGB one.

    Raises
    ------
    ValueError
        If image is neither a Pillow image nor a uint8 RGB array.

    Examples
    --------
    >>> from PIL import Image
    >>> paletted = Image.new("P", (4, 4))
    >>> paletted.putpalette([0, 0, 0, 255, 255, 255])  # two colours
    >>> png_bit_depth(paletted), png_bit_depth(np.zeros((4, 4, 3), dtype=np.uint8))
    (1, 8)
    """
    data = _png_bytes(image)
    # 8-byte signature, then the IHDR chunk: length (4), type (4), width (4), height (4), bit depth
    return data[24]


def jpeg_roundtrip(image, quality: int = 75) -> tuple[np.ndarray, int]:
    """Write ``image`` as a JPEG file (in memory) at ``quality``, read it back: (decoded, bytes).

    Pillow's JPEG encoder with its defaults apart from ``quality`` (so 4:2:0 chroma subsampling).

    Parameters
    ----------
    image : uint8 array of shape (height, width, 3)
        RGB image.
    quality : int, default 75
        JPEG quality, 1 (smallest file, worst image) to 95 (Pillow advises against higher values).

    Returns
    -------
    decoded : uint8 array of the same shape as ``image``
        The image as a JPEG decoder shows it.
    n_bytes : int
        The size of the JPEG file.

    Raises
    ------
    ValueError
        If image is not a uint8 RGB array or quality is not an integer from 1 to 95.

    Examples
    --------
    >>> img = np.full((16, 16, 3), 128, dtype=np.uint8)
    >>> decoded, n_bytes = jpeg_roundtrip(img, quality=50)
    >>> decoded.shape, decoded.dtype, n_bytes < 16 * 16 * 3
    ((16, 16, 3), dtype('uint8'), True)
    """
    pillow_image = check_pillow_image(check_image(image))
    quality = check_int(quality, name="quality", low=1, high=95)
    buffer = io.BytesIO()
    pillow_image.save(buffer, format="JPEG", quality=quality)
    n_bytes = buffer.tell()
    buffer.seek(0)
    with Image.open(buffer) as decoded:
        return np.asarray(decoded.convert("RGB")), n_bytes
