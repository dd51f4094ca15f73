"""The self-checks of notebook 04: right answers pass, typical mistakes fail with a hint, bad data raises."""

from __future__ import annotations

import re

import numpy as np
import pytest
from sklearn.datasets import load_sample_image

from fig_code import psnr, quantize_colors
from fig_code.checks import (
    CheckResult,
    check_distinct_colors,
    check_paletted_size,
    check_psnr,
    check_quantized_image,
)


@pytest.fixture(scope="module")
def flower() -> np.ndarray:
    return load_sample_image("flower.jpg")[::4, ::4].copy()


@pytest.fixture(scope="module")
def flower16(flower):
    return quantize_colors(flower, 16)


# --- check_distinct_colors -----------------------------------------------------------------------
def test_distinct_colors_right_answer(flower):
    n = len(np.unique(flower.reshape(-1, 3), axis=0))
    for answer in (n, np.int64(n), float(n), np.array([n])):
        result = check_distinct_colors(answer, flower)
        assert isinstance(result, CheckResult) and result.passed, answer
        assert f"{n:,} distinct colours" in result.message


@pytest.mark.parametrize(
    ("mistake", "words"),
    [
        (lambda im: im.shape[0] * im.shape[1], "number of pixels"),
        (lambda im: len(np.unique(im)), "channel values"),
        (lambda im: im.size, "entries"),
        (lambda im: np.unique(im.reshape(-1, 3), axis=0), "not their number"),
        (lambda im: None, "no answer yet"),
        (lambda im: "many", "whole number"),
        (lambda im: 12345, "is not the number"),
    ],
)
def test_distinct_colors_mistakes(flower, mistake, words):
    result = check_distinct_colors(mistake(flower), flower)
    assert not result.passed
    assert words in result.message
    assert result.hint


def test_distinct_colors_bad_image():
    with pytest.raises(ValueError, match="RGB array"):
        check_distinct_colors(3, np.zeros((4, 4), np.uint8))


# --- check_psnr --------------------------------------------------------------------------------------
def test_psnr_right_answers(flower, flower16):
    q, _ = flower16
    truth = psnr(flower, q)
    for answer in (truth, round(truth, 2), np.float32(truth), np.array([truth])):
        assert check_psnr(answer, flower, q), answer
    assert check_psnr(psnr(flower / 255, q / 255), flower / 255, q / 255)
    assert f"{truth:.2f} dB" in check_psnr(truth, flower, q).message


def _mse(a, b):
    return np.mean((a.astype(float) - b.astype(float)) ** 2)


@pytest.mark.parametrize(
    ("mistake", "words"),
    [
        (lambda a, b: 10 * np.log10(255**2 / np.mean((a - b).astype(float) ** 2)), "wraps around"),
        (lambda a, b: 10 * np.log10(255**2 / np.mean((a - b) ** 2)), "squared in uint8"),
        (
            lambda a, b: (
                10 * np.log10(255**2 / np.mean(np.sum((a - b.astype(float)) ** 2, axis=2)))
            ),
            "mean over pixels and channels",
        ),
        (lambda a, b: 10 * np.log10(1 / _mse(a, b)), "peak value of 1"),
        (lambda a, b: 10 * np.log10(255 / _mse(a, b)), "must be squared"),
        (lambda a, b: 10 * np.log(255**2 / _mse(a, b)), "natural logarithm"),
        (lambda a, b: _mse(a, b), "mean squared error"),
        (lambda a, b: None, "no answer yet"),
        (lambda a, b: [1.0, 2.0], "one number"),
        (lambda a, b: 50.0, "not the PSNR"),
        (lambda a, b: float("nan"), "not a finite number"),
    ],
)
def test_psnr_mistakes(flower, flower16, mistake, words):
    q, _ = flower16
    result = check_psnr(mistake(flower, q), flower, q)
    assert not result.passed
    assert words in result.message
    assert result.hint


@pytest.mark.parametrize("scale", [None, 255.0])
def test_psnr_identical_images(flower, scale):
    image = flower if scale is None else flower / scale
    right = check_psnr(np.inf, image, image.copy())
    assert right.passed and "identical" in right.message
    wrong = check_psnr(40.0, image, image.copy())
    assert not wrong.passed and "PSNR infinite" in wrong.message and wrong.hint
    assert not check_psnr(None, image, image).passed


def test_psnr_bad_images(flower):
    with pytest.raises(ValueError, match="same shape"):
        check_psnr(30.0, flower, flower[:-1])


# --- check_quantized_image ---------------------------------------------------------------------------
def test_quantized_image_right_answer(flower, flower16):
    q, palette = flower16
    result = check_quantized_image(q, palette, flower, 16)
    assert result.passed and "16 colours" in result.message


def test_quantized_image_mistakes(flower, flower16):
    q, palette = flower16
    cases = [
        ((None, None), "no answer yet"),
        ((palette, q), "shape"),  # swapped
        ((q / 255, palette), "dtype"),
        ((q, palette[:, :2]), "palette should be an array of shape (n, 3)"),
        ((quantize_colors(flower, 32)[0], palette), "at most 16"),
        ((q, palette[1:]), "not in the palette"),
    ]
    for (quantized, pal), words in cases:
        result = check_quantized_image(quantized, pal, flower, 16)
        assert not result.passed and words in result.message, (words, result)
        assert result.hint


def test_quantized_image_with_a_poor_palette_fails(flower):
    # 16 fixed colours: the corners of a coarse grid, each pixel to its nearest one
    levels = np.array([0, 255])
    grid = np.stack(np.meshgrid(levels, levels, levels), -1).reshape(-1, 3).astype(np.uint8)
    d2 = ((flower.reshape(-1, 1, 3).astype(float) - grid[None].astype(float)) ** 2).sum(-1)
    poor = grid[d2.argmin(1)].reshape(flower.shape)
    result = check_quantized_image(poor, grid, flower, 16)
    assert not result.passed and "K-means reaches" in result.message


def test_quantized_image_bad_data(flower16):
    q, palette = flower16
    with pytest.raises(ValueError, match="original must be an RGB array"):
        check_quantized_image(q, palette, q[..., 0], 16)
    with pytest.raises(ValueError, match="n_colors must be at least 1"):
        check_quantized_image(q, palette, q, 0)


# --- check_paletted_size -----------------------------------------------------------------------------
@pytest.mark.parametrize("n_colors", [1, 2, 3, 4, 5, 16, 17, 64, 65, 255, 256])
def test_bits_per_index_is_the_smallest_whole_number_of_bits_that_numbers_the_palette(n_colors):
    from fig_code.metrics import bits_per_index

    bits = bits_per_index(n_colors)
    assert bits >= 1
    assert 2**bits >= n_colors  # enough bits for every index 0 .. n_colors - 1
    assert bits == 1 or 2 ** (bits - 1) < n_colors  # and not one more than needed


@pytest.mark.parametrize(("n_colors", "bits"), [(2, 1), (16, 4), (17, 5), (64, 6), (256, 8)])
def test_paletted_size_right_answers(n_colors, bits):
    shape = (427, 640, 3)
    truth = 427 * 640 * bits / 8 + 3 * n_colors
    assert check_paletted_size(truth, shape, n_colors)
    assert check_paletted_size(round(truth), shape[:2], n_colors)
    assert check_paletted_size(np.array([truth]), shape, n_colors)


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (427 * 640 * 4 / 8, "left out the palette"),
        (427 * 640 * 4 + 48, "bits, not bytes"),
        (427 * 640 + 48, "whole byte"),
        (427 * 640 * 3, "uncompressed"),
        (None, "no answer yet"),
        ("big", "one number"),
        (1000, "is not the size"),
    ],
)
def test_paletted_size_mistakes(answer, words):
    result = check_paletted_size(answer, (427, 640, 3), 16)
    assert not result.passed and words in result.message
    assert result.hint


@pytest.mark.parametrize(
    ("shape", "n_colors", "match"),
    [
        ((427,), 16, "shape must be"),
        ((427, 0, 3), 16, "shape must be"),
        ((4, 4, 3), 1, "n_colors"),
        (5, 16, r"shape must be .*; got 5$"),
        (None, 16, r"shape must be .*; got None$"),
    ],
)
def test_paletted_size_bad_data(shape, n_colors, match):
    with pytest.raises(ValueError, match=match):
        check_paletted_size(10, shape, n_colors)


def test_quantized_image_from_pillow_median_cut_fails_with_a_fitting_hint(flower):
    from fig_code import pillow_quantize

    quantized, palette = pillow_quantize(flower, 16, method="median cut")
    result = check_quantized_image(quantized, palette, flower, 16)
    assert not result.passed
    assert "not chosen by K-means" in result.message and "median cut" in result.message
    assert "quantize_colors" in result.hint


def test_quantized_image_with_pixels_not_on_their_nearest_colour(flower, flower16):
    q, palette = flower16
    # the right palette, but every pixel moved to the next palette colour
    index = (np.abs(q.reshape(-1, 1, 3).astype(int) - palette[None].astype(int)).sum(-1)).argmin(1)
    shifted = palette[(index + 1) % len(palette)].reshape(q.shape)
    result = check_quantized_image(shifted, palette, flower, 16)
    assert not result.passed and "nearest palette colour" in result.message


# --- hints grow with the attempt; the slips learners make on the notebook's own images ---------------
CODE = re.compile(r"np\.|\w\(|=|\*\*|\.reshape|axis")  # a call, an assignment, NumPy...


@pytest.fixture(scope="module")
def photos():
    china = load_sample_image("china.jpg")
    full_flower = load_sample_image("flower.jpg")
    return china, full_flower, quantize_colors(china, 64, random_state=0)[0]


@pytest.fixture(scope="module")
def exercise2(photos):
    """Exercise 2's images: flower.jpg, and flower.jpg saved as a JPEG at quality 50 and decoded."""
    from fig_code import jpeg_roundtrip

    _, flower, _ = photos
    return flower, jpeg_roundtrip(flower, quality=50)[0]


def test_unanswered_exercises_get_a_nudge_in_words_not_code(photos, exercise2):
    china, flower, quantized = photos
    results = [
        check_distinct_colors(None, flower),
        check_psnr(None, *exercise2),
        check_quantized_image(None, None, flower, 16),
        check_paletted_size(None, flower.shape, 16),
    ]
    for result in results:
        assert not result.passed and "no answer yet" in result.message
        assert result.hint and not CODE.search(result.hint), result.hint


def test_a_wrong_answer_gets_code_level_help(photos, exercise2):
    china, flower, quantized = photos
    assert "np.unique" in check_distinct_colors(12345, flower).hint
    assert "np.mean" in check_psnr(50.0, *exercise2).hint
    assert "np.log2" in check_paletted_size(1000, flower.shape, 16).hint


def test_psnr_rounded_as_a_careful_learner_would_passes(exercise2):
    flower, flower_jpeg = exercise2
    truth = psnr(flower, flower_jpeg)
    for answer in (round(truth, 1), round(truth, 2), round(truth, 3), f"{truth:.2f}"):
        assert check_psnr(float(answer), flower, flower_jpeg), answer
    whole = check_psnr(float(round(truth)), flower, flower_jpeg)
    assert not whole.passed and "nearest decibel" in whole.message


def test_exercise2_answer_is_not_printed_before_it_is_asked(photos, exercise2):
    # The notebook prints the PSNR of the 64-colour china image many times before Exercise 2:
    # that number must not pass.
    china, _, quantized = photos
    printed = round(psnr(china, quantized), 2)
    result = check_psnr(printed, *exercise2)
    assert not result.passed and result.hint


def _psnr_with(a, b, peak=255.0):
    return 10 * np.log10(peak**2 / np.mean((a.astype(float) - b.astype(float)) ** 2))


@pytest.mark.parametrize(
    ("mistake", "words"),
    [
        (lambda c, f, j: _psnr_with(c, j), "approximation with china.jpg"),
        (lambda c, f, j: _psnr_with(f, c), "original with china.jpg"),
        (lambda c, f, j: _psnr_with(f, f), "with itself"),
        (lambda c, f, j: 255**2 / _mse(f, j), "logarithm is missing"),
        (lambda c, f, j: np.log10(255**2 / _mse(f, j)), "bels"),
        (lambda c, f, j: 20 * np.log10(255**2 / _mse(f, j)), "twice the PSNR"),
        (lambda c, f, j: _psnr_with(f / 255, j / 255), "kept a peak value of 255"),
        (lambda c, f, j: _psnr_with(f / 255, j, peak=1.0), "only one of the two images"),
        (lambda c, f, j: _psnr_with(f, j / 255), "only one of the two images"),
        (
            lambda c, f, j: 10 * np.log10(255**2 / np.mean((f - j).astype(float) ** 2)),
            "wraps around",
        ),
        (lambda c, f, j: 10 * np.log(255**2 / _mse(f, j)), "natural logarithm"),
    ],
)
def test_psnr_slips_on_the_notebook_images(photos, exercise2, mistake, words):
    china = photos[0]
    flower, flower_jpeg = exercise2
    with np.errstate(divide="ignore"):
        answer = mistake(china, flower, flower_jpeg)
    result = check_psnr(answer, flower, flower_jpeg)
    assert not result.passed and words in result.message, result
    assert result.hint


def test_psnr_float_images_with_a_peak_of_255(flower, flower16):
    q, _ = flower16
    result = check_psnr(_psnr_with(flower / 255, q / 255), flower / 255, q / 255)
    assert not result.passed and "peak value is 1" in result.message


def test_distinct_colors_of_the_other_photo(photos):
    china, flower, _ = photos
    result = check_distinct_colors(len(np.unique(china.reshape(-1, 3), axis=0)), flower)
    assert not result.passed and "china.jpg" in result.message


def test_distinct_colors_length_of_the_return_counts_pair(flower):
    pair = np.unique(flower.reshape(-1, 3), axis=0, return_counts=True)
    result = check_distinct_colors(len(pair), flower)
    assert not result.passed and "return_counts" in result.message


def test_quantized_image_of_the_other_photo(photos):
    china, flower, _ = photos
    result = check_quantized_image(*quantize_colors(china, 16, random_state=0), flower, 16)
    assert not result.passed and "china.jpg" in result.message and "quantize_colors" in result.hint


def test_quantized_image_needs_a_palette_the_next_cells_can_use(flower, flower16):
    from fig_code import plot_palette

    q, palette = flower16
    floats = palette.astype(float)  # e.g. KMeans' cluster_centers_, unrounded
    result = check_quantized_image(q, floats, flower, 16)
    assert not result.passed and "float64" in result.message and "astype(np.uint8)" in result.hint
    with pytest.raises(ValueError):
        plot_palette(floats * 1.0 + 0.5)  # what the learner's next cell would do with it
    extra = np.vstack([palette, [[1, 2, 3]] * 20]).astype(np.uint8)
    result = check_quantized_image(q, extra, flower, 16)
    assert not result.passed and "palette has 36 colours" in result.message


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (427 * 640 * 4 / 8 + 16, "3 bytes per colour"),
        (427 * 640 * 6 / 8 + 3 * 64, "palette of 64 colours"),
        ((427 * 640 * 4 / 8 + 48) / 1000, "kilobytes"),
    ],
)
def test_paletted_size_more_slips(answer, words):
    result = check_paletted_size(answer, (427, 640, 3), 16)
    assert not result.passed and words in result.message and result.hint


# --- check_quantized_image: its tolerance, tried from both sides ------------------------------------
# The reference answer above IS the check's own reference (quantize_colors with random_state=0), so
# it passes whatever the tolerance. These answers differ from it: correct ones must pass, near misses
# (just over 0.5 dB worse) must fail.
def _shifted(image, palette, step):
    """Every palette colour moved by ``step`` in each channel, each pixel then on its nearest one."""
    from fig_code._colors import nearest_color

    top = 255 if image.dtype == np.uint8 else 1.0
    moved = np.clip(palette.astype(np.float64) + step, 0, top).astype(image.dtype)
    index = nearest_color(image.reshape(-1, 3).astype(np.float64), moved.astype(np.float64))
    return moved[index].reshape(image.shape), moved


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_quantized_image_other_seeds_pass(flower, seed):
    q, palette = quantize_colors(flower, 16, random_state=seed)
    assert not np.array_equal(palette, quantize_colors(flower, 16, random_state=0)[1])
    result = check_quantized_image(q, palette, flower, 16)
    assert result.passed, result


@pytest.mark.parametrize("fit_on", [None, "sample"])
def test_quantized_image_plain_kmeans_passes(flower, fit_on):
    from fig_code import kmeans_quantize

    sample = flower[::2, ::2] if fit_on else None
    q, palette = kmeans_quantize(flower, 16, fit_on=sample, random_state=0)
    result = check_quantized_image(q, palette, flower, 16)
    assert result.passed, result


@pytest.mark.parametrize("scale", [None, 255.0])
@pytest.mark.parametrize(("step", "passes"), [(4, True), (5, False)])
def test_quantized_image_half_a_decibel_from_both_sides(flower, scale, step, passes):
    image = flower if scale is None else flower / scale
    q, palette = quantize_colors(image, 16)
    worse, moved = _shifted(image, palette, step if scale is None else step / scale)
    drop = psnr(image, q) - psnr(image, worse)
    # the two answers lie just inside and just outside the 0.5 dB tolerance
    assert (0.3 < drop < 0.5) if passes else (0.5 < drop < 0.7), drop
    result = check_quantized_image(worse, moved, image, 16)
    assert result.passed is passes, result
    if not passes:
        assert "K-means reaches" in result.message and result.hint


def test_quantized_image_too_few_colours_is_a_near_miss(flower):
    """13 colours where 16 were asked: the image is about 0.8 dB worse than K-means' 16."""
    result = check_quantized_image(*quantize_colors(flower, 13), flower, 16)
    assert not result.passed and "K-means reaches" in result.message
    assert check_quantized_image(*quantize_colors(flower, 15), flower, 16).passed


# --- check_quantized_image with float images ------------------------------------------------------
@pytest.fixture(scope="module")
def flower_float(flower):
    return flower / 255.0


@pytest.mark.parametrize("seed", [0, 1])
def test_quantized_image_float_right_answers(flower_float, seed):
    q, palette = quantize_colors(flower_float, 16, random_state=seed)
    assert q.dtype == palette.dtype == np.float64
    result = check_quantized_image(q, palette, flower_float, 16)
    assert result.passed and "16 colours" in result.message


def test_quantized_image_float_mistakes(flower, flower_float):
    q, palette = quantize_colors(flower_float, 16)
    q8, palette8 = quantize_colors(flower, 16)
    cases = [
        ((q8, palette8), "keep the original's dtype (float64); got uint8"),
        ((q.astype(np.float32), palette), "got float32"),
        ((q, palette8), "the palette is uint8, but the image is float64"),
        ((q, palette[1:]), "not in the palette"),
        ((quantize_colors(flower_float, 32)[0], palette), "at most 16"),
    ]
    for (quantized, pal), words in cases:
        result = check_quantized_image(quantized, pal, flower_float, 16)
        assert not result.passed and words in result.message, (words, result)
        assert result.hint
    # a float image is never taken for one of scikit-learn's (uint8) sample photos
    result = check_quantized_image(q, palette, flower_float, 16)
    assert result.passed and "another photo" not in result.message


def test_quantized_image_float_bad_data(flower_float):
    with pytest.raises(ValueError, match="original must be an RGB array.*float values from"):
        check_quantized_image(None, None, flower_float * 2, 16)
