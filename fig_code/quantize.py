"""Colour quantization with K-means: a photo reduced to a small palette, at full resolution.

K-means minimises a sum, over points, of the squared distance to the nearest centre. A photo has many
pixels but far fewer distinct colours, and a colour shared by ``c`` pixels contributes exactly like one
point of weight ``c``. So instead of fitting on every pixel, :func:`quantize_colors` works on weighted
colour histograms:

1. nearly identical colours (those inside the same small cube of colour space) are merged into their
   weighted mean, weighted by their number of pixels, in histograms with cubes of side 16, 8 and 4:
   this changes the objective little and leaves far fewer points than pixels (for scikit-learn's
   china.jpg, 273,280 pixels: about a thousand cubes of side 16, five thousand of side 8 and
   twenty-five thousand of side 4);
2. K-means (k-means++ seeding and Lloyd iterations) runs on the coarsest histogram with at least
   ``FIT_POINTS_PER_COLOR`` points per palette colour, then
   ``KMeans(...).fit(points, sample_weight=counts)`` polishes the centres on the finer ones;
3. every pixel is assigned exactly to its nearest palette colour, computed once per distinct colour
   (the exact histogram, built meanwhile on a second thread).

No pixel is dropped and the image is never downsampled. ``benchmarks/quantize_colors.py`` compares
speed and quality with ``KMeans`` on every pixel and with other quantizers (``fig_code.baselines``);
the quality measure, PSNR, is in ``fig_code.metrics``.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext

import numpy as np

from ._colors import BLOCK, nearest_color, unique_colors
from ._validation import check_image, check_int, check_random_state

__all__ = ["color_histogram", "quantize_colors"]

#: Sides (in 0-255 units, each twice the next) of the cubes in which nearly identical colours are
#: merged. The fit uses the coarsest of these histograms with at least ``FIT_POINTS_PER_COLOR``
#: points per palette colour (the exact distinct colours if none has); the finer ones then polish
#: the centres, with ``POLISH_ITER`` Lloyd iterations each (the last number for the finest).
MERGE_CELLS = (16, 8, 4)
FIT_POINTS_PER_COLOR = 8
N_INIT = 1
POLISH_ITER = (15, 8)
#: In the histograms used for polishing, cubes with fewer pixels than this are merged further.
SPARSE_PIXELS = 5
#: Below this many points a plain NumPy Lloyd loop is quicker than scikit-learn's KMeans.
_NUMPY_LLOYD_MAX = 8000


class _Threads:
    """The quantizer's threads: one background worker, and a one-thread limit for the fits.

    ``single_thread`` (default True) runs the fits on one OpenMP/BLAS thread: they take
    milliseconds, and on a busy machine OpenMP threads waiting for each other cost far more than
    they save. Results are the same either way. The worker and the threadpool controller are made
    on first use and then kept.
    """

    def __init__(self, *, single_thread: bool = True):
        self.single_thread = single_thread
        self._controller = None
        self._worker: ThreadPoolExecutor | None = None

    def one_thread(self):
        """A context that limits OpenMP and BLAS to one thread (nothing if threadpoolctl is too old)."""
        if not self.single_thread:
            return nullcontext()
        if self._controller is None:
            try:  # threadpoolctl >= 3.0; scikit-learn depends on it
                from threadpoolctl import ThreadpoolController

                self._controller = ThreadpoolController()
            except ImportError:  # pragma: no cover
                self._controller = False
        return self._controller.limit(limits=1) if self._controller else nullcontext()

    def background(self) -> ThreadPoolExecutor:
        """One worker thread for independent NumPy work (sorting, distances: NumPy releases the GIL)."""
        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fig_code-quantize")
        return self._worker


#: The threads ``quantize_colors`` uses (passed on explicitly to the helpers that need them).
#: ``THREADS.single_thread = False`` lets the fits use every OpenMP/BLAS thread: same results.
THREADS = _Threads()


# --- the colour histogram --------------------------------------------------------------------------
def color_histogram(image) -> tuple[np.ndarray, np.ndarray]:
    """The distinct colours of an RGB image, and how many pixels have each.

    Parameters
    ----------
    image : array of shape (height, width, 3)
        RGB image, ``uint8`` or float in [0, 1].

    Returns
    -------
    colors : array of shape (n_distinct, 3)
        Each distinct colour once (same dtype as ``image``), in lexicographic (R, G, B) order.
    counts : int array of shape (n_distinct,)
        How many pixels have that colour; ``counts.sum()`` is the number of pixels.

    Raises
    ------
    ValueError
        If image is not an RGB array of shape (height, width, 3), uint8 or float in [0, 1].

    Examples
    --------
    >>> img = np.array([[[255, 0, 0], [255, 0, 0], [0, 0, 255]]], dtype=np.uint8)
    >>> colors, counts = color_histogram(img)
    >>> colors.tolist(), counts.tolist()
    ([[0, 0, 255], [255, 0, 0]], [1, 2])
    """
    image = check_image(image)
    colors, _, counts = unique_colors(image.reshape(-1, 3))
    return colors, counts


def _cube_histogram(pixels: np.ndarray, cell: int):
    """Weighted mean colour (0-255 units) and pixel count of each occupied cube of side ``cell``.

    Straight from the pixels, as ``_merge_nearby`` on the exact histogram would give it.
    """
    levels = 255 // cell + 1
    if pixels.dtype == np.uint8 and cell & (cell - 1) == 0:  # a power of two: bit shifts
        shift = cell.bit_length() - 1
        codes = (pixels[:, 0] >> shift).astype(np.intp)
        for c in (1, 2):
            codes *= levels
            codes += pixels[:, c] >> shift
        scale = 1.0
    else:
        scale = 1.0 if pixels.dtype == np.uint8 else 255.0
        bins = (pixels * (scale / cell)).astype(np.intp)
        codes = (bins[:, 0] * levels + bins[:, 1]) * levels + bins[:, 2]
    total = np.bincount(codes, minlength=levels**3)
    occupied = np.flatnonzero(total)
    means = np.empty((occupied.size, 3))
    for c in range(3):  # three channels, not a loop over samples
        means[:, c] = np.bincount(codes, weights=pixels[:, c], minlength=levels**3)[occupied]
    counts = total[occupied].astype(np.float64)
    means *= scale / counts[:, None]
    return means, counts


def _merge_nearby(points: np.ndarray, weights: np.ndarray, cell: int):
    """Merge the weighted points inside each cube of side ``cell`` into their weighted mean.

    ``points`` are colours in 0-255 units (non-negative), so truncating ``points / cell`` to an
    integer gives each point's cube.
    """
    levels = 255 // cell + 1
    bins = (points * (1.0 / cell)).astype(np.intp)
    codes = (bins[:, 0] * levels + bins[:, 1]) * levels + bins[:, 2]
    total = np.bincount(codes, weights=weights, minlength=levels**3)
    occupied = np.flatnonzero(total)
    means = np.empty((occupied.size, 3))
    for c in range(3):  # three channels, not a loop over samples
        sums = np.bincount(codes, weights=weights * points[:, c], minlength=levels**3)
        means[:, c] = sums[occupied]
    means /= total[occupied, None]
    return means, total[occupied]


def _thin(points, weights, cell: int, min_weight: float):
    """Keep the points of weight >= ``min_weight``; merge the others in cubes of side ``cell``."""
    sparse = weights < min_weight
    if not sparse.any():
        return points, weights
    merged, merged_weights = _merge_nearby(points[sparse], weights[sparse], cell)
    return (
        np.concatenate([points[~sparse], merged]),
        np.concatenate([weights[~sparse], merged_weights]),
    )


# --- K-means on the histograms ---------------------------------------------------------------------
def _nearest_two_threads(points: np.ndarray, centers: np.ndarray, worker) -> np.ndarray:
    """``nearest_color``, the second half of the points on the thread pool ``worker``."""
    half = len(points) // 2
    if half < BLOCK:
        return nearest_color(points, centers)
    second = worker.submit(nearest_color, points[half:], centers)
    return np.concatenate([nearest_color(points[:half], centers), second.result()])


def _weighted_kmeans_plusplus(points, weights, n_clusters: int, rng) -> np.ndarray:
    """Weighted k-means++ seeding (with scikit-learn's 2 + log(k) candidates per step).

    Each new centre is drawn among a few candidates picked with probability proportional to weight
    times squared distance to the nearest centre so far; the candidate that lowers the weighted
    potential most is kept. The same algorithm as ``sklearn.cluster.kmeans_plusplus``, with less
    overhead per step, which matters here: the data are small and the steps many.
    """
    n = len(points)
    trials = 2 + int(np.log(n_clusters))
    x2 = (points * points).sum(axis=1)
    centers = np.empty((n_clusters, points.shape[1]))
    first = rng.choice(n, p=weights / weights.sum())
    centers[0] = points[first]
    closest = np.maximum(x2 - 2.0 * (points @ points[first]) + x2[first], 0.0)
    for c in range(1, n_clusters):  # sequential by nature: one step per centre
        cumulative = np.cumsum(weights * closest)
        ids = np.searchsorted(cumulative, rng.uniform(size=trials) * cumulative[-1])
        ids = np.minimum(ids, n - 1)
        d2 = x2[ids, None] - 2.0 * (points[ids] @ points.T) + x2
        np.maximum(d2, 0.0, out=d2)
        np.minimum(d2, closest, out=d2)
        best = int(np.argmin(d2 @ weights))
        closest = d2[best]
        centers[c] = points[ids[best]]
    return centers


def _weighted_lloyd(points, weights, centers, max_iter: int = 300):
    """Weighted Lloyd iterations until the centres stop moving; returns (centres, inertia).

    For small data (the coarse histogram), where a plain NumPy loop beats any call overhead. A
    centre that loses all its points stays where it is.
    """
    k = len(centers)
    for _ in range(max_iter):
        labels = nearest_color(points, centers)
        total = np.bincount(labels, weights=weights, minlength=k)
        new = centers.copy()
        keep = total > 0
        for c in range(points.shape[1]):  # three channels, not a loop over samples
            sums = np.bincount(labels, weights=weights * points[:, c], minlength=k)
            new[keep, c] = sums[keep] / total[keep]
        if np.array_equal(new, centers):
            break
        centers = new
    labels = nearest_color(points, centers)
    inertia = float(((points - centers[labels]) ** 2).sum(axis=1) @ weights)
    return centers, inertia


def _fit_centers(finest, exact, n_colors: int, random_state) -> np.ndarray:
    """K-means centres: fitted on a coarse histogram, polished on finer ones.

    ``finest`` is the histogram with the smallest cubes, ``exact()`` returns the exact one (the
    distinct colours), used only when no merged histogram has enough points.
    """
    cells = sorted(MERGE_CELLS, reverse=True)  # coarse to fine
    levels = [finest]
    for cell in cells[-2::-1]:  # each merged from the next finer one: the cubes nest
        levels.insert(0, _merge_nearby(*levels[0], cell))
    # The histograms used for polishing are thinned: their sparse cubes (few pixels, so little
    # weight in the sum K-means minimises) go back into the cubes of the next coarser level.
    for i in range(1, len(levels)):
        levels[i] = _thin(*levels[i], cells[i - 1], SPARSE_PIXELS)
    # Fit on the coarsest histogram with enough points per colour (else on the exact one): the
    # best of N_INIT runs of k-means++ seeding and Lloyd iterations, in NumPy (small data).
    big = [len(p) >= FIT_POINTS_PER_COLOR * n_colors for p, _ in levels]
    fit_level = levels[big.index(True)] if any(big) else exact()
    finer = levels[big.index(True) + 1 :] if any(big) else []
    # scikit-learn is imported here, not at module level: it is most of `import fig_code`'s time.
    from sklearn.cluster import KMeans

    rng = random_state  # a RandomState, from quantize_colors' check_random_state
    runs = [
        _weighted_lloyd(*fit_level, _weighted_kmeans_plusplus(*fit_level, n_colors, rng))
        for _ in range(N_INIT)
    ]
    centers = min(runs, key=lambda run: run[1])[0]
    # Polish: a few Lloyd iterations on each finer histogram in turn (the finest gets the last
    # count of POLISH_ITER, and so on): scikit-learn's KMeans with the pixel counts as sample_weight,
    # or for small histograms the NumPy loop above (no call overhead).
    last = len(POLISH_ITER) - 1
    iters = [POLISH_ITER[max(0, last - (len(finer) - 1 - i))] for i in range(len(finer))]
    for (points, weights), n_iter in zip(finer, iters, strict=True):
        if len(points) < _NUMPY_LLOYD_MAX:
            centers = _weighted_lloyd(points, weights, centers, n_iter)[0]
            continue
        polish = KMeans(
            n_clusters=n_colors,
            init=centers.astype(np.float32),
            n_init=1,
            max_iter=n_iter,
            random_state=0,
        )
        polish.fit(points.astype(np.float32), sample_weight=weights.astype(np.float32))
        centers = polish.cluster_centers_.astype(np.float64)
    return centers


def _palette_order(palette: np.ndarray) -> np.ndarray:
    """Indices sorting palette rows from dark to light (Rec. 601 luma), ties by R, G, B."""
    luma = palette @ np.array([0.299, 0.587, 0.114])
    return np.lexsort((palette[:, 2], palette[:, 1], palette[:, 0], luma))


def quantize_colors(image, n_colors: int = 64, *, random_state=0) -> tuple[np.ndarray, np.ndarray]:
    """Reduce an RGB image to ``n_colors`` colours chosen by K-means, at full resolution.

    K-means is fitted on the image's colour histogram, each (merged) colour weighted by its number
    of pixels, and every pixel is then replaced by the palette colour nearest to it.

    Parameters
    ----------
    image : array of shape (height, width, 3)
        RGB image, ``uint8`` (0-255) or float with values in [0, 1].
    n_colors : int, default 64
        Size of the palette, at least 1.
    random_state : int, numpy RandomState or None, default 0
        Seed of K-means' initialisation (k-means++): the same seed gives the same result.

    Returns
    -------
    quantized : array of the same shape and dtype as ``image``
        Each pixel replaced by its nearest palette colour.
    palette : array of shape (n_colors, 3), same dtype as ``image``
        The colours, sorted from dark to light. It has fewer rows only when the image itself has
        fewer distinct colours than ``n_colors`` (the image then comes back unchanged and the
        palette lists its colours), or in the rare case that two centres round to the same uint8
        colour (the duplicate is dropped).

    Raises
    ------
    ValueError
        If ``n_colors`` is not an integer >= 1, or ``image`` is not an RGB array of shape
        (height, width, 3) (a grey or RGBA image, say), or is float with NaN or values outside
        [0, 1], or has a dtype other than uint8 and float, or ``random_state`` is not None, an
        integer seed or a RandomState.

    Examples
    --------
    >>> from sklearn.datasets import load_sample_image
    >>> china = load_sample_image("china.jpg")
    >>> quantized, palette = quantize_colors(china, 16)
    >>> quantized.shape, quantized.dtype, palette.shape
    ((427, 640, 3), dtype('uint8'), (16, 3))
    >>> len(np.unique(quantized.reshape(-1, 3), axis=0)) <= 16
    True
    """
    n_colors = check_int(n_colors, name="n_colors", low=1)
    image = check_image(image)
    random_state = check_random_state(random_state)
    pixels = image.reshape(-1, 3)
    scale = 1.0 if image.dtype == np.uint8 else 255.0  # work in 0-255 units whatever the input
    # The exact histogram (the distinct colours, and each pixel's index among them) is needed only
    # at the end, for the exact assignment: it is built on the background thread meanwhile.
    worker = THREADS.background()
    exact = worker.submit(unique_colors, pixels)
    with THREADS.one_thread():
        finest = _cube_histogram(pixels, min(MERGE_CELLS))
        if len(finest[0]) <= n_colors:  # perhaps no more distinct colours than n_colors
            colors, _, _ = exact.result()
            if len(colors) <= n_colors:
                return image.copy(), colors[_palette_order(colors.astype(np.float64))]

        def exact_points():
            colors, _, counts = exact.result()
            return colors.astype(np.float64) * scale, counts.astype(np.float64)

        centers = _fit_centers(finest, exact_points, n_colors, random_state)
        if image.dtype == np.uint8:
            palette = np.clip(np.rint(centers), 0, 255).astype(np.uint8)
        else:
            palette = np.clip(centers / scale, 0.0, 1.0).astype(image.dtype)
        palette = np.unique(palette, axis=0)
        palette = palette[_palette_order(palette.astype(np.float64))]
        # Exact assignment: one nearest-colour search per distinct colour, copied to its pixels.
        colors, inverse, _ = exact.result()
        if image.dtype == np.uint8:  # whole numbers below 2**24: float32 arithmetic is exact
            nearest = _nearest_two_threads(
                colors.astype(np.float32), palette.astype(np.float32), worker
            )
        else:
            nearest = _nearest_two_threads(
                colors * scale, palette.astype(np.float64) * scale, worker
            )
    return _lookup(palette, nearest[inverse]).reshape(image.shape), palette


def _lookup(palette: np.ndarray, index: np.ndarray) -> np.ndarray:
    """``palette[index]``, for uint8 palettes as one 4-byte word per pixel (several times faster)."""
    if palette.dtype != np.uint8:
        return np.take(palette, index, axis=0)
    words = np.zeros((len(palette), 4), dtype=np.uint8)
    words[:, :3] = palette
    picked = words.view(np.uint32).ravel()[index]
    return np.ascontiguousarray(picked.view(np.uint8).reshape(-1, 4)[:, :3])
