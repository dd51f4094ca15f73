"""How good, and how small, a compressed image is: PSNR, and the bits a palette index takes.

``fig_code`` exports :func:`psnr`; :func:`bits_per_index` is the one definition the colour
widget's title and the notebook 04 self-check (``checks.color``) share.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_image_pair

__all__ = ["bits_per_index", "psnr"]


def psnr(original, approximation) -> float:
    """Peak signal-to-noise ratio, in decibels, of an approximation of an image.

    ``PSNR = 10 log10(MAX**2 / MSE)``, where ``MAX`` is 255 for uint8 images and 1 for float images
    in [0, 1], and ``MSE`` is the mean squared difference over every pixel and channel. Higher is
    better; identical images give ``inf``.

    Parameters
    ----------
    original, approximation : arrays of shape (height, width, 3)
        Both uint8, or both float in [0, 1], of the same shape.

    Returns
    -------
    float
        The PSNR in decibels; ``inf`` for identical images.

    Raises
    ------
    ValueError
        If either is not an RGB image (uint8, or float in [0, 1]), or they differ in shape or in
        kind (one uint8, the other float).

    Examples
    --------
    >>> a = np.zeros((2, 2, 3), dtype=np.uint8)
    >>> b = a.copy()
    >>> b[0, 0, 0] = 255
    >>> round(psnr(a, b), 2)
    10.79
    """
    a, b = check_image_pair(original, approximation)
    peak = 255.0 if a.dtype == np.uint8 else 1.0
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    if mse == 0:
        return float("inf")
    return float(10 * np.log10(peak**2 / mse))


def bits_per_index(n_colors: int) -> int:
    """Bits needed to store one palette index: ceil(log2(n_colors)), at least 1.

    No argument check: callers pass a palette size they have checked (an integer >= 1).

    Examples
    --------
    >>> [bits_per_index(n) for n in (1, 2, 3, 16, 17, 256)]
    [1, 1, 2, 4, 5, 8]
    """
    return max(1, int(n_colors - 1).bit_length())
