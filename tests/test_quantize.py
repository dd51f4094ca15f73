"""fig_code.quantize, .metrics and .baselines: the quantizer, PSNR and the comparison baselines.

Checked against scikit-learn, Pillow and NumPy.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from sklearn.cluster import KMeans
from sklearn.datasets import load_sample_image

from fig_code._colors import nearest_color, unique_codes
from fig_code.baselines import (
    jpeg_roundtrip,
    kmeans_quantize,
    pillow_quantize,
    png_bit_depth,
    png_size,
)
from fig_code.metrics import bits_per_index, psnr
from fig_code.quantize import color_histogram, quantize_colors


@pytest.fixture(scope="module")
def china() -> np.ndarray:
    return load_sample_image("china.jpg")


@pytest.fixture(scope="module")
def small(china) -> np.ndarray:
    """A 54 x 80 corner of china.jpg: thousands of colours, quick to fit on every pixel."""
    return china[::8, ::8].copy()


def _distinct(image: np.ndarray) -> np.ndarray:
    return np.unique(image.reshape(-1, 3), axis=0)


# --- quantize_colors: what comes back ------------------------------------------------------------
@pytest.mark.parametrize("module", ["sklearn.cluster", "sklearn.datasets"])
def test_importing_fig_code_does_not_import_slow_sklearn_modules(module):
    # scikit-learn's KMeans and data sets are imported lazily, where used: they are slow to import.
    # A fresh interpreter, since this test session has imported them long ago. Could fail: before
    # issue 14, fig_code.datasets imported sklearn.datasets at load time.
    import subprocess
    import sys

    code = f"import sys, fig_code, fig_code.checks; print({module!r} in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_subprocess_check_sees_an_imported_module():
    """The check above can fail: the same code reports a module that is imported."""
    import subprocess
    import sys

    code = "import sys, fig_code; fig_code.make_dataset('blobs'); print('sklearn.datasets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


@pytest.mark.parametrize("n_colors", [1, 2, 16, 64])
def test_uint8_shape_dtype_and_at_most_n_colors(china, n_colors):
    quantized, palette = quantize_colors(china, n_colors)
    assert quantized.shape == china.shape and quantized.dtype == np.uint8
    assert palette.shape == (n_colors, 3) and palette.dtype == np.uint8
    used = _distinct(quantized)
    assert len(used) <= n_colors
    # every colour used is a palette colour
    assert {tuple(c) for c in used} <= {tuple(c) for c in palette}
    assert not np.shares_memory(quantized, china)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_float_image_shape_dtype_and_range(small, dtype):
    image = (small / 255).astype(dtype)
    quantized, palette = quantize_colors(image, 8)
    assert quantized.shape == image.shape and quantized.dtype == dtype
    assert palette.shape == (8, 3) and palette.dtype == dtype
    assert 0 <= quantized.min() and quantized.max() <= 1
    assert len(_distinct(quantized)) <= 8
    # the same picture as the uint8 version, up to rounding of the palette to whole numbers
    q8, _ = quantize_colors(small, 8)
    assert psnr(image, quantized) == pytest.approx(psnr(small, q8), abs=0.1)


def test_every_pixel_gets_its_nearest_palette_colour(small):
    quantized, palette = quantize_colors(small, 12)
    pixels = small.reshape(-1, 3).astype(float)
    d2 = ((pixels[:, None, :] - palette[None, :, :].astype(float)) ** 2).sum(axis=2)
    best = d2.min(axis=1)
    got = ((pixels - quantized.reshape(-1, 3)) ** 2).sum(axis=1)
    np.testing.assert_array_equal(got, best)


def test_palette_sorted_dark_to_light(china):
    _, palette = quantize_colors(china, 16)
    luma = palette @ np.array([0.299, 0.587, 0.114])
    assert np.all(np.diff(luma) >= 0)


def test_deterministic_for_a_seed(china):
    a = quantize_colors(china, 32, random_state=0)
    b = quantize_colors(china, 32, random_state=0)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    c = quantize_colors(china, 32, random_state=1)
    assert not np.array_equal(a[1], c[1])  # the seed does matter


def test_the_one_thread_limit_does_not_change_results(small, monkeypatch):
    """``THREADS.single_thread`` (documented in fig_code.quantize) only changes speed."""
    from fig_code import quantize

    expected = quantize_colors(small, 8, random_state=2)
    monkeypatch.setattr(quantize.THREADS, "single_thread", False)
    got = quantize_colors(small, 8, random_state=2)
    np.testing.assert_array_equal(got[0], expected[0])
    np.testing.assert_array_equal(got[1], expected[1])


def test_as_good_as_kmeans_on_every_pixel(small):
    """The histogram fit loses (almost) nothing against K-means fitted on all pixels."""
    k = 16
    pixels = small.reshape(-1, 3).astype(float)
    km = KMeans(n_clusters=k, n_init=1, random_state=0).fit(pixels)
    full = np.clip(np.rint(km.cluster_centers_), 0, 255).astype(np.uint8)[km.labels_]
    ours, _ = quantize_colors(small, k)
    assert psnr(small, ours) >= psnr(small, full.reshape(small.shape)) - 0.3


def test_quality_grows_with_the_palette(china):
    scores = [psnr(china, quantize_colors(china, k)[0]) for k in (2, 8, 32, 128)]
    assert scores == sorted(scores) and scores[-1] - scores[0] > 10


def test_fit_on_merged_histogram_is_used_for_large_images(china, monkeypatch):
    """KMeans polishes on merged colours (thousands of points), not on all 96,615 distinct ones."""
    sizes = []
    original = KMeans.fit  # the class fig_code.quantize imports where it uses it

    def spy(self, X, y=None, sample_weight=None):
        sizes.append((len(X), float(np.sum(sample_weight))))
        return original(self, X, sample_weight=sample_weight)

    monkeypatch.setattr(KMeans, "fit", spy)
    quantize_colors(china, 64)
    n_pixels = china.shape[0] * china.shape[1]
    assert sizes, "KMeans was not used"
    assert all(1000 < n < 30_000 for n, _ in sizes)
    assert all(total == pytest.approx(n_pixels) for _, total in sizes)  # weights = pixel counts


def test_numpy_lloyd_matches_scikit_learn(china):
    """The NumPy Lloyd loop used on small histograms computes what KMeans computes."""
    from fig_code.quantize import _merge_nearby, _weighted_lloyd

    colors, counts = color_histogram(china)
    points, weights = _merge_nearby(colors.astype(float), counts.astype(float), 16)
    init = points[:: len(points) // 12][:12]
    ours, inertia = _weighted_lloyd(points, weights, init, max_iter=300)
    km = KMeans(n_clusters=12, init=init, n_init=1, max_iter=300, tol=0, random_state=0)
    km.fit(points, sample_weight=weights)
    np.testing.assert_allclose(ours, km.cluster_centers_, atol=1e-6)
    assert inertia == pytest.approx(km.inertia_)


def test_kmeans_plusplus_seeding_is_deterministic_and_weighted():
    from fig_code.quantize import _weighted_kmeans_plusplus

    rng = np.random.default_rng(0)
    points = rng.uniform(0, 255, size=(500, 3))
    weights = np.ones(500)
    a = _weighted_kmeans_plusplus(points, weights, 8, np.random.RandomState(3))
    b = _weighted_kmeans_plusplus(points, weights, 8, np.random.RandomState(3))
    np.testing.assert_array_equal(a, b)
    assert len(np.unique(a, axis=0)) == 8  # 8 distinct data points
    assert all((points == c).all(axis=1).any() for c in a)
    # points of weight zero are never chosen
    weights[:250] = 0
    c = _weighted_kmeans_plusplus(points, weights, 8, np.random.RandomState(3))
    assert all((points[250:] == row).all(axis=1).any() for row in c)


# --- few colours: unchanged -----------------------------------------------------------------------
@pytest.fixture
def five_colours() -> np.ndarray:
    rng = np.random.default_rng(0)
    colours = np.array(
        [[0, 0, 0], [255, 0, 0], [0, 128, 255], [200, 200, 200], [255, 255, 255]], np.uint8
    )
    return colours[rng.integers(0, 5, size=(20, 30))]


@pytest.mark.parametrize("n_colors", [5, 6, 256])
def test_few_colours_come_back_unchanged(five_colours, n_colors):
    quantized, palette = quantize_colors(five_colours, n_colors)
    np.testing.assert_array_equal(quantized, five_colours)
    assert quantized is not five_colours
    assert palette.shape == (5, 3)
    assert {tuple(c) for c in palette} == {tuple(c) for c in _distinct(five_colours)}


def test_few_colours_float_unchanged(five_colours):
    image = five_colours / 255
    quantized, palette = quantize_colors(image, 8)
    np.testing.assert_array_equal(quantized, image)
    assert palette.dtype == np.float64 and palette.shape == (5, 3)


def test_one_more_colour_than_asked(five_colours):
    quantized, palette = quantize_colors(five_colours, 4)
    assert len(_distinct(quantized)) == 4 and palette.shape == (4, 3)


def test_single_pixel_image():
    image = np.array([[[10, 20, 30]]], dtype=np.uint8)
    quantized, palette = quantize_colors(image, 3)
    np.testing.assert_array_equal(quantized, image)
    np.testing.assert_array_equal(palette, [[10, 20, 30]])


# --- bad input ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("n_colors", "match"),
    [
        (0, "n_colors must be at least 1; got 0"),
        (-3, "n_colors must be at least 1"),
        (2.5, "n_colors must be an integer"),
        (True, "n_colors must be an integer"),
        ("64", "n_colors must be an integer"),
        (None, "n_colors must be an integer"),
    ],
)
def test_bad_n_colors(small, n_colors, match):
    with pytest.raises(ValueError, match=match):
        quantize_colors(small, n_colors)


@pytest.mark.parametrize(
    ("image", "match"),
    [
        (np.zeros((4, 5), np.uint8), r"shape \(height, width, 3\).*2-D.*grey"),
        (np.zeros((4, 5, 4), np.uint8), r"4 channel.*RGBA.*\[\.\.\., :3\]"),
        (np.zeros((4, 5, 1), np.uint8), "1 channel"),
        (np.zeros((2, 4, 5, 3), np.uint8), "4-D"),
        (np.zeros(3, np.uint8), "1-D"),
        (np.zeros((0, 5, 3), np.uint8), "empty"),
        (np.full((4, 5, 3), 1.5), r"float values from 1\.5 to 1\.5"),
        (np.full((4, 5, 3), 200.0), "divide by 255"),
        (np.full((4, 5, 3), -0.1), "from -0.1"),
        (np.full((4, 5, 3), np.nan), "NaN"),
        (np.zeros((4, 5, 3), np.int64), r"dtype int64.*astype\(np\.uint8\)"),
        (np.zeros((4, 5, 3), bool), "dtype bool"),
        ("china.jpg", "0-D"),
    ],
)
def test_bad_image(image, match):
    with pytest.raises(ValueError, match=match):
        quantize_colors(image, 4)


def test_one_nan_is_reported():
    image = np.full((4, 5, 3), 0.5)
    image[1, 2, 0] = np.nan
    with pytest.raises(ValueError, match="1 NaN value"):
        quantize_colors(image, 2)


def test_a_nested_list_of_uint8_like_values_is_refused_with_advice():
    with pytest.raises(ValueError, match="astype"):
        quantize_colors([[[0, 0, 0], [255, 255, 255]]], 1)


# --- psnr -----------------------------------------------------------------------------------------
def test_psnr_matches_the_formula(china):
    noisy = np.clip(china + np.random.default_rng(0).normal(0, 5, china.shape), 0, 255)
    noisy = noisy.astype(np.uint8)
    mse = np.mean((china.astype(float) - noisy.astype(float)) ** 2)
    assert psnr(china, noisy) == pytest.approx(10 * np.log10(255**2 / mse))
    assert psnr(china / 255, noisy / 255) == pytest.approx(psnr(china, noisy))


def test_psnr_of_identical_images_is_infinite(small):
    assert psnr(small, small.copy()) == float("inf")


def test_psnr_bad_input(small):
    with pytest.raises(ValueError, match="same shape"):
        psnr(small, small[:-1])
    with pytest.raises(ValueError, match="both be uint8, or both float"):
        psnr(small, small / 255)
    with pytest.raises(ValueError, match="approximation must be an RGB array"):
        psnr(small, small[..., 0])


# --- the histogram --------------------------------------------------------------------------------
def test_color_histogram_matches_numpy_unique(china):
    colors, counts = color_histogram(china)
    ref_colors, ref_counts = np.unique(china.reshape(-1, 3), axis=0, return_counts=True)
    np.testing.assert_array_equal(colors, ref_colors)
    np.testing.assert_array_equal(counts, ref_counts)
    assert len(colors) == 96_615 and counts.sum() == 427 * 640


def test_color_histogram_of_a_float_image():
    image = np.array([[[0.5, 0.5, 0.5], [0.0, 1.0, 0.0], [0.5, 0.5, 0.5]]])
    colors, counts = color_histogram(image)
    np.testing.assert_array_equal(colors, [[0.0, 1.0, 0.0], [0.5, 0.5, 0.5]])
    np.testing.assert_array_equal(counts, [1, 2])


def test_radix_unique_equals_numpy_unique():
    codes = np.random.default_rng(3).integers(0, 1 << 24, size=50_000).astype(np.int32)
    codes[::7] = codes[0]  # plenty of repeats
    got = unique_codes(codes)
    want = np.unique(codes, return_inverse=True, return_counts=True)
    for g, w in zip(got, want, strict=True):
        np.testing.assert_array_equal(g, w)


def test_nearest_is_exact_across_blocks():
    rng = np.random.default_rng(1)
    points = rng.integers(0, 256, size=(20_000, 3)).astype(float)  # more than one block
    centers = rng.integers(0, 256, size=(37, 3)).astype(float)
    d2 = ((points[:, None, :] - centers[None]) ** 2).sum(axis=2)
    got = nearest_color(points, centers)
    np.testing.assert_array_equal(d2[np.arange(len(points)), got], d2.min(axis=1))


# --- kmeans_quantize, pillow_quantize, png_size ---------------------------------------------------
def test_kmeans_quantize_is_kmeans_on_every_pixel(small):
    quantized, palette = kmeans_quantize(small, 8, random_state=0)
    km = KMeans(n_clusters=8, n_init=1, random_state=0).fit(small.reshape(-1, 3).astype(float))
    expected = np.clip(np.rint(km.cluster_centers_), 0, 255).astype(np.uint8)
    np.testing.assert_array_equal(palette, expected)
    np.testing.assert_array_equal(quantized, expected[km.labels_].reshape(small.shape))


def test_kmeans_quantize_fit_on_a_sample_maps_every_pixel(china, small):
    quantized, palette = kmeans_quantize(china, 8, fit_on=small, random_state=0)
    km = KMeans(n_clusters=8, n_init=1, random_state=0).fit(small.reshape(-1, 3).astype(float))
    labels = km.predict(china.reshape(-1, 3).astype(float))
    np.testing.assert_array_equal(quantized, palette[labels].reshape(china.shape))
    flat, _ = kmeans_quantize(china, 8, fit_on=small.reshape(-1, 3), random_state=0)
    np.testing.assert_array_equal(flat, quantized)


def test_kmeans_quantize_float_image(small):
    quantized, palette = kmeans_quantize(small / 255.0, 4, random_state=0)
    assert quantized.dtype == np.float64 and 0 <= palette.min() and palette.max() <= 1
    assert len(_distinct(quantized)) <= 4


def test_kmeans_quantize_bad_input(small):
    with pytest.raises(ValueError, match="n_colors"):
        kmeans_quantize(small, 11, fit_on=small[:2, :5])
    with pytest.raises(ValueError, match="same kind"):
        kmeans_quantize(small, 4, fit_on=small / 255.0)
    with pytest.raises(ValueError, match="fit_on must be an RGB array"):
        kmeans_quantize(small, 4, fit_on=small[..., :2])


@pytest.mark.parametrize(
    ("method", "constant"),
    [
        ("median cut", Image.Quantize.MEDIANCUT),
        ("maximum coverage", Image.Quantize.MAXCOVERAGE),
        ("fast octree", Image.Quantize.FASTOCTREE),
    ],
)
def test_pillow_quantize_matches_pillow(small, method, constant):
    quantized, palette = pillow_quantize(small, 16, method=method)
    direct = Image.fromarray(small).quantize(16, method=constant, dither=Image.Dither.NONE)
    np.testing.assert_array_equal(quantized, np.asarray(direct.convert("RGB")))
    np.testing.assert_array_equal(np.unique(palette, axis=0), _distinct(quantized))


@pytest.mark.parametrize(
    ("image", "kwargs", "match"),
    [
        ("small", {"method": "kmeans"}, r"method must be one of \['fast octree', 'libimagequant'"),
        ("small", {"method": None}, "method must be one of"),
        ("small/255", {}, r"image must be uint8 for Pillow; got float64.*\* 255\)\.round\(\)"),
        ("grey", {}, r"image must be an RGB array.*grey"),
        ("rgba", {}, r"4 channel.*RGBA"),
        ("small", {"n_colors": 300}, "n_colors must be between 1 and 256; got 300"),
        ("small", {"n_colors": 0}, "n_colors must be between 1 and 256; got 0"),
        ("small", {"n_colors": 16.0}, "n_colors must be an integer"),
    ],
)
def test_pillow_quantize_bad_input(small, image, kwargs, match):
    arrays = {
        "small": small,
        "small/255": small / 255.0,
        "grey": small[..., 0],
        "rgba": np.zeros((4, 4, 4), np.uint8),
    }
    with pytest.raises(ValueError, match=match):
        pillow_quantize(arrays[image], **kwargs)


def test_pillow_quantize_without_libimagequant_says_so(small, monkeypatch):
    from PIL import features

    monkeypatch.setattr(features, "check_feature", lambda name: False)
    with pytest.raises(ValueError, match="needs a Pillow built with libimagequant.*'median cut'"):
        pillow_quantize(small, 16, method="libimagequant")


@pytest.mark.parametrize(
    ("n_colors", "bits"), [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (16, 4), (17, 5), (256, 8)]
)
def test_bits_per_index_is_ceil_log2_at_least_one(n_colors, bits):
    assert bits_per_index(n_colors) == bits
    assert 2**bits >= n_colors and (bits == 1 or 2 ** (bits - 1) < n_colors)


def test_png_size_is_the_written_size(small):
    import io

    buffer = io.BytesIO()
    Image.fromarray(small).save(buffer, format="PNG")
    assert png_size(small) == len(buffer.getvalue())
    paletted = Image.fromarray(small).quantize(16, dither=Image.Dither.NONE)
    assert png_size(paletted) < png_size(small)
    with pytest.raises(ValueError, match="uint8"):
        png_size(small / 255.0)


@pytest.mark.parametrize(("n_colors", "bits"), [(2, 1), (3, 2), (4, 2), (16, 4), (17, 8), (64, 8)])
def test_png_bit_depth_stores_indices_at_1_2_4_or_8_bits(small, n_colors, bits):
    import io

    paletted = Image.fromarray(small).quantize(n_colors, dither=Image.Dither.NONE)
    assert png_bit_depth(paletted) == bits
    with Image.open(io.BytesIO(_png(paletted))) as reread:  # Pillow reads back what we say
        assert reread.mode == "P" and reread.info.get("bits", bits) == bits
    assert png_bit_depth(small) == 8  # RGB: 8 bits per channel


def _png(image) -> bytes:
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_jpeg_roundtrip_is_pillows_jpeg(small):
    import io

    decoded, n_bytes = jpeg_roundtrip(small, quality=60)
    buffer = io.BytesIO()
    Image.fromarray(small).save(buffer, format="JPEG", quality=60)
    assert n_bytes == len(buffer.getvalue())
    buffer.seek(0)
    np.testing.assert_array_equal(decoded, np.asarray(Image.open(buffer).convert("RGB")))
    assert decoded.shape == small.shape and decoded.dtype == np.uint8
    low, high = jpeg_roundtrip(small, 20), jpeg_roundtrip(small, 90)
    assert low[1] < high[1] and psnr(small, low[0]) < psnr(small, high[0])


@pytest.mark.parametrize(
    ("image", "quality", "match"),
    [
        ("small/255", 75, "must be uint8"),
        ("grey", 75, "grey image"),
        ("small", 0, "quality must be between 1 and 95"),
        ("small", 96, "quality must be between 1 and 95"),
        ("small", 75.0, "quality must be an integer"),
    ],
)
def test_jpeg_roundtrip_bad_input(small, image, quality, match):
    arrays = {"small": small, "small/255": small / 255.0, "grey": small[..., 0]}
    with pytest.raises(ValueError, match=match):
        jpeg_roundtrip(arrays[image], quality)
