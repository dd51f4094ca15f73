"""fig_code.scale and fig_code.scale_plots: chunks, measurements, slopes, streamed inertia, k-means||."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from matplotlib.axes import Axes
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

from fig_code import (
    KMeansParallelSeeds,
    Measurement,
    iter_chunks,
    kmeans_parallel_seeds,
    loglog_slope,
    measure,
    plot_kmeans_parallel,
    plot_scaling,
    streamed_inertia,
)


@pytest.fixture
def on_disk(tmp_path):
    X = np.random.default_rng(0).normal(size=(1003, 4)).astype(np.float32)
    path = tmp_path / "x.npy"
    np.save(path, X)
    return X, np.load(path, mmap_mode="r")


# --- iter_chunks --------------------------------------------------------------------------------


def test_chunks_cover_every_row_once_in_order(on_disk):
    X, X_disk = on_disk
    chunks = list(iter_chunks(X_disk, 100))
    assert [len(c) for c in chunks] == [100] * 10 + [3]
    np.testing.assert_array_equal(np.concatenate(chunks), X)


def test_chunks_are_in_memory_copies(on_disk):
    _, X_disk = on_disk
    chunk = next(iter_chunks(X_disk, 10))
    assert type(chunk) is np.ndarray and chunk.flags.owndata
    assert chunk.dtype == np.float32


def test_one_chunk_when_chunk_size_exceeds_rows():
    X = np.ones((5, 2))
    assert [c.shape for c in iter_chunks(X, 50)] == [(5, 2)]


@pytest.mark.parametrize(
    ("X", "chunk_size", "match"),
    [
        ([[1.0, 2.0]], 1, "NumPy array"),
        (np.ones(5), 1, "2-D"),
        (np.ones((0, 2)), 1, "at least one row"),
        (np.array([["a", "b"]]), 1, "numbers"),
        (np.ones((5, 2)), 0, "chunk_size must be at least 1"),
        (np.ones((5, 2)), 2.5, "chunk_size must be an integer"),
        (np.ones((5, 2)), True, "chunk_size must be an integer"),
    ],
)
def test_chunks_bad_input(X, chunk_size, match):
    with pytest.raises(ValueError, match=match):
        iter_chunks(X, chunk_size)  # raises at once, not at the first next()


# --- measure ------------------------------------------------------------------------------------


def test_measure_returns_result_time_and_peak():
    m = measure(np.ones, 1_000_000)
    assert isinstance(m, Measurement)
    assert m.result.shape == (1_000_000,)
    assert m.seconds > 0
    assert 8e6 <= m.peak_bytes < 9e6
    assert m.peak_mb == pytest.approx(m.peak_bytes / 1e6)


def test_measure_counts_temporary_memory_freed_before_returning():
    def temporary():
        big = np.ones(2_000_000)  # 16 MB, freed at return
        return float(big.sum())

    m = measure(temporary)
    assert m.result == 2_000_000.0
    assert m.peak_mb >= 16


def test_measure_passes_keywords_and_leaves_tracing_as_it_was():
    assert not tracemalloc.is_tracing()
    assert measure(np.full, 3, fill_value=7.0).result.tolist() == [7.0] * 3
    assert not tracemalloc.is_tracing()
    tracemalloc.start()
    try:
        before = np.ones(1_000_000)  # allocated before: not counted
        m = measure(np.ones, 100)
        assert m.peak_bytes < 100_000
        assert tracemalloc.is_tracing()
        del before
    finally:
        tracemalloc.stop()


def test_measure_stops_tracing_when_the_function_raises():
    def boom():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        measure(boom)
    assert not tracemalloc.is_tracing()


def test_measure_bad_input():
    with pytest.raises(ValueError, match="func must be a function"):
        measure(np.ones((3,)))


def test_streamed_fit_peak_follows_the_chunk_size_not_the_data_size(tmp_path):
    from sklearn.cluster import MiniBatchKMeans

    X, _ = make_blobs(n_samples=160_000, n_features=8, centers=3, random_state=0)
    np.save(tmp_path / "x.npy", X.astype(np.float32))
    X_disk = np.load(tmp_path / "x.npy", mmap_mode="r")

    def stream(data, chunk_size):
        model = MiniBatchKMeans(n_clusters=3, n_init=1, random_state=0)
        for chunk in iter_chunks(data, chunk_size):
            model.partial_fit(chunk)
        return model

    small = measure(stream, X_disk[:40_000], 10_000).peak_bytes
    large = measure(stream, X_disk, 10_000).peak_bytes
    assert 0.8 < large / small < 1.25
    assert measure(stream, X_disk, 40_000).peak_bytes > 2 * large


# --- loglog_slope -------------------------------------------------------------------------------


@pytest.mark.parametrize("power", [0.5, 1.0, 2.0])
def test_slope_of_a_power_law(power):
    sizes = np.array([1e3, 1e4, 1e5, 1e6])
    assert loglog_slope(sizes, 3e-6 * sizes**power) == pytest.approx(power)


@pytest.mark.parametrize(
    ("sizes", "seconds", "match"),
    [
        ([10], [1.0], "at least 2"),
        ([10, 100, 1000], [1.0, 2.0], "same length"),
        ([10, 100], [1.0, 0.0], "positive"),
        ([10, -100], [1.0, 2.0], "positive"),
        ([10, np.nan], [1.0, 2.0], "positive"),
        ([10, 10], [1.0, 2.0], "two different"),
        ("ab", [1.0, 2.0], "numbers"),
        ([[10, 100]], [[1.0, 2.0]], "1-D"),
    ],
)
def test_slope_bad_input(sizes, seconds, match):
    with pytest.raises(ValueError, match=match):
        loglog_slope(sizes, seconds)


# --- streamed_inertia ---------------------------------------------------------------------------


def test_streamed_inertia_equals_kmeans_inertia(on_disk):
    X, X_disk = on_disk
    km = KMeans(n_clusters=5, n_init=1, random_state=0).fit(X.astype(np.float64))
    for chunk_size in (1, 64, 100_000):
        assert streamed_inertia(X_disk, km.cluster_centers_, chunk_size=chunk_size) == (
            pytest.approx(km.inertia_, rel=1e-6)
        )


def test_streamed_inertia_of_centres_on_the_points_is_zero():
    X = np.array([[0.0, 1.0], [5.0, 5.0]])
    assert streamed_inertia(X, X) == 0.0


@pytest.mark.parametrize(
    ("centers", "match"),
    [
        (np.ones((3, 2)), r"\(n_clusters, 4\)"),
        (np.ones(4), r"\(n_clusters, 4\)"),
        (np.empty((0, 4)), r"\(n_clusters, 4\)"),
        (np.full((2, 4), np.nan), "NaN"),
        ("centres", "numeric"),
    ],
)
def test_streamed_inertia_bad_centers(on_disk, centers, match):
    with pytest.raises(ValueError, match=match):
        streamed_inertia(on_disk[1], centers)


def test_streamed_inertia_bad_chunk_size(on_disk):
    with pytest.raises(ValueError, match="chunk_size"):
        streamed_inertia(on_disk[1], np.zeros((2, 4)), chunk_size=0)


# --- kmeans_parallel_seeds ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def blobs():
    X, _, centers = make_blobs(
        n_samples=2000, centers=6, cluster_std=0.8, random_state=7, return_centers=True
    )
    return X, centers


def test_seeds_land_one_per_blob(blobs):
    X, true_centers = blobs
    seeds = kmeans_parallel_seeds(X, 6, n_rounds=3, random_state=0)
    assert isinstance(seeds, KMeansParallelSeeds)
    assert seeds.centers.shape == (6, 2)
    nearest_blob = ((seeds.centers[:, None] - true_centers[None]) ** 2).sum(axis=2).argmin(axis=1)
    assert sorted(nearest_blob) == list(range(6))


def test_seed_bookkeeping(blobs):
    X, _ = blobs
    seeds = kmeans_parallel_seeds(X, 6, oversampling=12, n_rounds=3, random_state=0)
    assert seeds.passes == 3 + 2
    assert seeds.rounds[0] == 0 and (np.diff(seeds.rounds) >= 0).all()
    assert set(seeds.rounds) <= {0, 1, 2, 3}
    assert len(seeds.candidates) == len(seeds.rounds) == len(seeds.weights)
    assert seeds.weights.sum() == len(X)
    assert len(np.unique(seeds.candidates, axis=0)) == len(seeds.candidates)
    # about `oversampling` candidates per round
    assert 3 <= np.bincount(seeds.rounds)[1:].mean() <= 30


def test_seeds_are_reproducible_and_depend_on_the_seed(blobs):
    X, _ = blobs
    a = kmeans_parallel_seeds(X, 6, random_state=1)
    b = kmeans_parallel_seeds(X, 6, random_state=1)
    c = kmeans_parallel_seeds(X, 6, random_state=2)
    np.testing.assert_array_equal(a.centers, b.centers)
    assert not np.array_equal(a.candidates, c.candidates)


def test_too_few_candidates_are_topped_up_with_points():
    X = np.arange(20.0).reshape(10, 2)
    seeds = kmeans_parallel_seeds(X, 5, n_rounds=0, random_state=0)
    assert seeds.passes == 2 and len(seeds.candidates) == 1
    assert seeds.centers.shape == (5, 2)
    assert len(np.unique(seeds.centers, axis=0)) == 5


def test_identical_points_stop_the_rounds():
    seeds = kmeans_parallel_seeds(np.ones((10, 2)), 1, n_rounds=4, random_state=0)
    assert seeds.passes == 2
    np.testing.assert_array_equal(seeds.centers, [[1.0, 1.0]])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n_clusters": 0}, "n_clusters must be between 1"),
        ({"n_clusters": 11}, "n_clusters must be between 1"),
        ({"n_clusters": 2.0}, "n_clusters must be an integer"),
        ({"n_clusters": 2, "n_rounds": -1}, "n_rounds must be at least 0"),
        ({"n_clusters": 2, "oversampling": 0}, "oversampling must be a positive"),
        ({"n_clusters": 2, "oversampling": "many"}, "oversampling must be a positive"),
        ({"n_clusters": 2, "oversampling": True}, "oversampling must be a positive"),
        ({"n_clusters": 2, "oversampling": np.inf}, "oversampling must be a positive"),
        ({"n_clusters": 2, "random_state": "seed"}, "random_state must be None"),
        ({"n_clusters": 2, "random_state": True}, "random_state must be None"),
        ({"n_clusters": 2, "random_state": -1}, "random_state must be None"),
    ],
)
def test_seeds_bad_input(kwargs, match):
    X = np.random.default_rng(0).normal(size=(10, 2))
    with pytest.raises(ValueError, match=match):
        kmeans_parallel_seeds(X, **kwargs)


def test_seeds_bad_data():
    with pytest.raises(ValueError, match="NaN"):
        kmeans_parallel_seeds(np.array([[0.0, np.nan], [1.0, 1.0]]), 1)
    with pytest.raises(ValueError, match="2-D"):
        kmeans_parallel_seeds(np.ones(5), 1)


# --- plots --------------------------------------------------------------------------------------


def test_plot_scaling_draws_points_and_the_fitted_line():
    ax = plot_scaling([1e4, 1e5, 1e6], [0.002, 0.02, 0.2], color="C3")
    assert isinstance(ax, Axes)
    assert (ax.get_xscale(), ax.get_yscale()) == ("log", "log")
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["measured", "fitted line, slope 1.00"]
    points, line = ax.get_lines()
    np.testing.assert_allclose(points.get_ydata(), [0.002, 0.02, 0.2])
    np.testing.assert_allclose(line.get_ydata()[[0, -1]], [0.002, 0.2], rtol=1e-9)


def test_plot_scaling_uses_the_given_axes():
    from fig_code import new_figure

    ax = new_figure().add_subplot()
    assert plot_scaling([1, 2], [1, 2], ax=ax, xlabel="k") is ax
    assert ax.get_xlabel() == "k"


def test_plot_scaling_bad_input():
    with pytest.raises(ValueError, match="positive"):
        plot_scaling([1, 2], [0, 1])


def test_plot_kmeans_parallel_draws_each_round(blobs):
    X, _ = blobs
    seeds = kmeans_parallel_seeds(X, 6, n_rounds=3, random_state=0)
    ax = plot_kmeans_parallel(X, seeds)
    labels = ax.get_legend_handles_labels()[1]
    assert labels[0] == "points" and labels[1] == "first point"
    assert labels[-1] == "seeds (weighted K-means)"
    assert [lab for lab in labels if lab.startswith("round")] == ["round 1", "round 2", "round 3"]


def test_plot_kmeans_parallel_on_given_axes_with_keywords_for_the_points(blobs):
    from fig_code import new_figure

    X, _ = blobs
    seeds = kmeans_parallel_seeds(X, 6, n_rounds=1, random_state=0)
    ax = new_figure().add_subplot()
    assert plot_kmeans_parallel(X, seeds, ax=ax, alpha=0.3, s=9) is ax
    points = ax.collections[0]
    assert points.get_label() == "points"
    assert points.get_alpha() == 0.3 and points.get_sizes().tolist() == [9]
    assert len(points.get_offsets()) == len(X)


@pytest.mark.parametrize("plot", ["scaling", "parallel"])
def test_plots_refuse_what_is_not_an_axes(blobs, plot):
    X, _ = blobs
    with pytest.raises(ValueError, match="ax must be a matplotlib Axes"):
        if plot == "scaling":
            plot_scaling([1, 2], [1, 2], ax="axes")
        else:
            plot_kmeans_parallel(X, kmeans_parallel_seeds(X, 2, n_rounds=1), ax=[1])


def test_seeds_accept_a_random_state_and_draw_as_its_seed_does(blobs):
    X, _ = blobs
    seeded = kmeans_parallel_seeds(X, 6, n_rounds=2, random_state=3)
    drawn = kmeans_parallel_seeds(X, 6, n_rounds=2, random_state=np.random.RandomState(3))
    np.testing.assert_array_equal(seeded.candidates, drawn.candidates)
    np.testing.assert_array_equal(seeded.centers, drawn.centers)


def test_plot_kmeans_parallel_bad_input(blobs):
    X, _ = blobs
    seeds = kmeans_parallel_seeds(X, 6, n_rounds=1, random_state=0)
    with pytest.raises(ValueError, match=r"\(n_samples, 2\)"):
        plot_kmeans_parallel(np.ones((5, 3)), seeds)
    with pytest.raises(ValueError, match="kmeans_parallel_seeds"):
        plot_kmeans_parallel(X, seeds.centers)
    seeds3 = kmeans_parallel_seeds(np.random.default_rng(0).normal(size=(50, 3)), 2)
    with pytest.raises(ValueError, match="more than 2 features"):
        plot_kmeans_parallel(X, seeds3)
