"""fig_code's shared base: argument checks, pyplot-free figures, the frame widget, feedback, setup check."""

from __future__ import annotations

import ast
import base64
import importlib
import inspect
import re
import sys
from pathlib import Path

import numpy as np
import pytest

import fig_code
from fig_code import _validation as v
from fig_code._frames import WIDGET_VIEW, FrameWidget
from fig_code.checks import CheckResult, check_inertia
from fig_code.checks._feedback import failed, passed


class TestCheckPoints:
    def test_returns_float_copy_of_good_input(self):
        out = v.check_points([[1, 2], [3, 4]])
        assert out.dtype == float and out.shape == (2, 2)

    @pytest.mark.parametrize(
        ("X", "match"),
        [
            (np.zeros(5), r"2-D array .* got shape \(5,\)"),
            (np.zeros((2, 2, 2)), r"2-D array .* got shape \(2, 2, 2\)"),
            ([["a", "b"]], "numeric 2-D array"),
            (np.array([[0.0, np.nan]]), "1 NaN or infinite"),
            (np.array([[np.inf, 1.0]]), "NaN or infinite"),
            (np.zeros((0, 2)), "at least 1 sample"),
            (np.zeros((3, 0)), "at least one feature"),
        ],
    )
    def test_bad_input(self, X, match):
        with pytest.raises(ValueError, match=match):
            v.check_points(X)

    def test_demands_two_columns_for_plots(self):
        with pytest.raises(
            ValueError, match=r"shape \(n_samples, 2\) for this function; got shape \(50, 3\)"
        ):
            v.check_points(np.zeros((50, 3)), n_features=2)

    def test_centres_are_described_as_n_clusters_rows(self):
        with pytest.raises(
            ValueError, match=r"centers must be a 2-D array of shape \(n_clusters, 2\)"
        ):
            v.check_points([0, 0], name="centers", n_features=2)
        with pytest.raises(ValueError, match=r"centers .* \(n_clusters, 2\); got shape \(2,\)"):
            check_inertia(1.0, np.zeros((5, 2)), [0, 0])
        with pytest.raises(ValueError, match=r"X must be a 2-D array of shape \(n_samples, 2\)"):
            v.check_points([0, 0], n_features=2)
        with pytest.raises(
            ValueError, match=r"shape \(k, 2\) for this function; got shape \(2, 3\)"
        ):
            v.check_points(np.zeros((2, 3)), name="c", n_features=2, rows="k")


class TestIntsAndLabels:
    @pytest.mark.parametrize("k", [0, 6, -1])
    def test_n_clusters_out_of_range(self, k):
        with pytest.raises(ValueError, match=r"between 1 and the number of samples \(5\)"):
            v.check_n_clusters(k, 5)

    @pytest.mark.parametrize("k", [2.5, "3", True, None])
    def test_n_clusters_not_an_integer(self, k):
        with pytest.raises(ValueError, match="must be an integer"):
            v.check_n_clusters(k, 5)

    def test_n_clusters_accepts_numpy_ints(self):
        assert v.check_n_clusters(np.int64(3), 5) == 3

    def test_check_int_bounds(self):
        assert v.check_int(3, name="seed", low=0) == 3
        with pytest.raises(ValueError, match="seed must be at least 0; got -1"):
            v.check_int(-1, name="seed", low=0)
        with pytest.raises(ValueError, match="between 2 and 256"):
            v.check_int(300, name="n_colors", low=2, high=256)

    def test_labels(self):
        assert v.check_labels([0.0, 1.0]).dtype.kind == "i"
        with pytest.raises(ValueError, match="1-D array"):
            v.check_labels([[0, 1]])
        with pytest.raises(ValueError, match="integer labels"):
            v.check_labels([0.5, 1.0])
        with pytest.raises(ValueError, match=r"one entry per sample \(3\); got 2"):
            v.check_labels([0, 1], n_samples=3)


class TestScaleLabelAndRandomStateChecks:
    @pytest.mark.parametrize("value", [0, -1.0, np.nan, np.inf, True, "6", None])
    def test_positive_refuses(self, value):
        with pytest.raises(ValueError, match="budget must be a positive number"):
            v.check_positive(value, name="budget")

    def test_positive_accepts_numpy_numbers(self):
        assert v.check_positive(np.float32(0.5), name="x") == 0.5
        assert v.check_positive(np.int64(3), name="x") == 3.0

    def test_rows_never_reads_a_memmap_and_checks_plot_columns(self, tmp_path):
        np.save(tmp_path / "x.npy", np.zeros((4, 3)))
        X = np.load(tmp_path / "x.npy", mmap_mode="r")
        assert v.check_rows(X) is None
        with pytest.raises(ValueError, match=r"shape \(n_samples, 2\) for this plot"):
            v.check_rows(X, n_features=2)

    def test_init_names_and_arrays(self):
        X = np.zeros((4, 2))
        assert v.check_init("random", X, n_clusters=2, methods=("k-means++", "random")) == "random"
        with pytest.raises(ValueError, match=r"init must be 'k-means\+\+', 'random' or an array"):
            v.check_init("kmeans", X, n_clusters=2, methods=("k-means++", "random"))
        with pytest.raises(ValueError, match="lloyd needs the initial centres"):
            v.check_init("random", X)
        init = np.ones((2, 2))
        out = v.check_init(init, X, n_clusters=2)
        out[0, 0] = 5.0
        assert init[0, 0] == 1.0  # a copy

    def test_label_pair(self):
        clusters, y = v.check_label_pair([1.0, 0.0], ["a", "b"])
        assert clusters.dtype.kind == "i" and y.tolist() == ["a", "b"]
        with pytest.raises(ValueError, match="same length"):
            v.check_label_pair([0, 1], [0])

    @pytest.mark.parametrize("seed", [0, 7, 2**32 - 1, np.int32(5)])
    def test_random_state_seeds_give_numpys_stream(self, seed):
        rng = v.check_random_state(seed)
        assert rng.randint(1000, size=5).tolist() == (
            np.random.RandomState(seed).randint(1000, size=5).tolist()
        )

    def test_random_state_passes_a_random_state_through(self):
        rng = np.random.RandomState(0)
        assert v.check_random_state(rng) is rng

    @pytest.mark.parametrize("bad", [True, -1, 2**32, 1.5, "seed", [1]])
    def test_random_state_refuses(self, bad):
        with pytest.raises(ValueError, match="random_state must be None, an integer seed"):
            v.check_random_state(bad)


def test_figures_are_pyplot_free_and_png_is_deterministic():
    import matplotlib.pyplot as plt

    n_open = len(plt.get_fignums())
    fig = fig_code.new_figure((2, 2))
    fig.add_subplot().plot([0, 1], [1, 0])
    first, second = fig_code.figure_to_png(fig), fig_code.figure_to_png(fig)
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    assert first == second
    assert len(plt.get_fignums()) == n_open


class Frames(FrameWidget):
    def _summary(self):
        return "a stable summary"


def test_frame_widget_bundle_has_text_png_and_view():
    w = Frames()
    assert WIDGET_VIEW in w._repr_mimebundle_()
    assert "image/png" not in w._repr_mimebundle_()
    png = fig_code.figure_to_png(fig_code.new_figure((1, 1)))
    w.image.value = png
    bundle = w._repr_mimebundle_()
    assert bundle["text/plain"] == "a stable summary"
    assert base64.b64decode(bundle["image/png"]) == png
    assert bundle[WIDGET_VIEW]["model_id"] == w.model_id
    assert w.children[-1] is w.image


def test_check_result_reads_as_a_verdict():
    assert passed("well done") and repr(passed("well done")) == "✅ Correct: well done"
    bad = failed("labels have the wrong length", "one label per row of X")
    assert not bad and isinstance(bad, CheckResult)
    assert repr(bad) == "❌ Not yet: labels have the wrong length\n   Hint: one label per row of X"


def test_check_environment_reports_ok(capsys):
    assert fig_code.check_environment() is True
    out = capsys.readouterr().out
    assert "scikit-learn" in out and "Everything is in place" in out


def test_check_environment_quietly(monkeypatch, capsys):
    from fig_code import environment

    assert environment.check_environment(verbose=False) is True
    monkeypatch.setattr(environment, "MIN_PYTHON", (sys.version_info[0] + 1, 0))
    assert environment.check_environment(verbose=False) is False
    assert capsys.readouterr().out == ""


def test_check_environment_flags_a_missing_library(monkeypatch, capsys):
    from fig_code import environment

    real = environment.metadata.version

    def fake_version(name):
        if name == "scikit-learn":
            raise environment.metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(environment.metadata, "version", fake_version)
    assert environment.check_environment() is False
    assert "missing" in capsys.readouterr().out


def test_check_environment_flags_an_old_python(monkeypatch, capsys):
    from fig_code import environment

    monkeypatch.setattr(environment, "MIN_PYTHON", (sys.version_info[0], sys.version_info[1] + 1))
    assert environment.check_environment() is False
    out = capsys.readouterr().out
    assert re.search(r"(?m)^python .*TOO OLD$", out) and "Something is missing" in out


def test_check_environment_flags_a_library_older_than_its_range(monkeypatch, capsys):
    from fig_code import environment

    real = environment.metadata.version
    monkeypatch.setattr(
        environment.metadata, "version", lambda n: "1.0.0" if n == "numpy" else real(n)
    )
    assert environment.check_environment() is False
    out = capsys.readouterr().out
    assert re.search(r"(?m)^numpy +1\.0\.0 .*PLEASE INSTALL OR UPGRADE$", out)


def test_check_environment_without_fig_code_installed_says_how_to_install(monkeypatch, capsys):
    from fig_code import environment

    def not_installed(name):
        raise environment.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(environment.metadata, "requires", not_installed)
    assert environment.check_environment() is False
    out = capsys.readouterr().out
    assert "kmeans-in-depth" in out and "pip install -r requirements.txt" in out


# --- the public API, and the package's shape ---------------------------------------------------------

#: fig_code's public API, written out: a name added to or dropped from ``__all__`` must show up here.
EXPECTED_API = {
    "DATASETS",
    "KMeansParallelSeeds",
    "Measurement",
    "Step",
    "check_environment",
    "cluster_colors",
    "color_histogram",
    "contingency_table",
    "data_limits",
    "figure_to_png",
    "iter_chunks",
    "jpeg_roundtrip",
    "kmeans_parallel_seeds",
    "kmeans_quantize",
    "kmeans_steps",
    "label_mapping",
    "lloyd",
    "loglog_slope",
    "make_dataset",
    "match_labels",
    "measure",
    "new_figure",
    "pillow_quantize",
    "plot_cluster_map",
    "plot_clusters",
    "plot_color_cloud",
    "plot_color_compression_interactive",
    "plot_digit_images",
    "plot_kmeans_interactive",
    "plot_kmeans_parallel",
    "plot_kmeans_steps",
    "plot_palette",
    "plot_scaling",
    "plot_voronoi",
    "png_bit_depth",
    "png_size",
    "psnr",
    "quantize_colors",
    "quiet_repeated_key_warning",
    "sample_pixels",
    "streamed_inertia",
    "KMeansStepDisplay",
}

EXPECTED_CHECKS_API = {
    "CheckResult",
    "check_assign_step",
    "check_chunk_size",
    "check_contingency_table",
    "check_distinct_colors",
    "check_inertia",
    "check_kmeans_parallel_saving",
    "check_matched_accuracy",
    "check_new_point",
    "check_paletted_size",
    "check_partial_fit_loop",
    "check_psnr",
    "check_quantized_image",
    "check_update_step",
}


def _public_attributes(module) -> set[str]:
    """Names a star-import or tab completion shows: not private, not a submodule."""
    return {
        name
        for name in dir(module)
        if not name.startswith("_") and not inspect.ismodule(getattr(module, name))
    }


@pytest.mark.parametrize(
    ("module_name", "expected"),
    [("fig_code", EXPECTED_API), ("fig_code.checks", EXPECTED_CHECKS_API)],
)
def test_public_api_is_exactly_all(module_name, expected):
    module = importlib.import_module(module_name)
    assert set(module.__all__) == expected
    assert len(module.__all__) == len(set(module.__all__))  # no name listed twice
    namespace: dict = {}
    exec(f"from {module_name} import *", namespace)  # noqa: S102 - every listed name imports
    assert set(namespace) - {"__builtins__"} == expected
    assert _public_attributes(module) == expected  # nothing else is exported by accident


PACKAGE = Path(fig_code.__file__).resolve().parent
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_LINES = 500


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE.parent).as_posix()


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_is_over_500_lines(path):
    n_lines = len(path.read_text(encoding="utf-8").splitlines())
    assert n_lines <= MAX_LINES, f"{_name(path)} has {n_lines} lines; split it by responsibility"


def _private_imports(path: Path) -> list[str]:
    """``from <public module> import _name`` statements in ``path`` (relative or absolute)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom) or node.module is None:
            continue  # ``from . import x`` imports modules
        if node.level == 0 and not node.module.startswith("fig_code"):
            continue  # another library
        if node.module.split(".")[-1].startswith("_"):
            continue  # a private module's names are there to be shared inside the package
        for alias in node.names:
            if alias.name.startswith("_") and not alias.name.startswith("__"):
                dots = "." * node.level
                found.append(f"line {node.lineno}: from {dots}{node.module} import {alias.name}")
    return found


def test_the_private_import_scan_finds_what_it_should(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        "from .plotting import _new_ax, cluster_colors\n"
        "from ..labels import _check_pair\n"
        "from ._validation import check_points\n"
        "from .checks._answers import describe\n"
        "from ._frames import _private_but_shared\n"
        "from numpy import _globals\n"
        "from . import _validation\n"
        "def f():\n"
        "    from fig_code.kmeans import _assign\n",
        encoding="utf-8",
    )
    assert _private_imports(module) == [
        "line 1: from .plotting import _new_ax",
        "line 2: from ..labels import _check_pair",
        "line 9: from fig_code.kmeans import _assign",
    ]


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_imports_a_private_name_of_a_public_module(path):
    found = _private_imports(path)
    assert not found, f"{_name(path)}: " + "; ".join(found)


@pytest.mark.parametrize("path", sorted((PACKAGE / "_validation").glob("*.py")), ids=_name)
def test_validation_does_not_depend_on_the_checks_package(path):
    """The argument checks sit below everything else: the exercise checks use them, not the reverse."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            assert "checks" not in node.module.split("."), f"{_name(path)} imports {node.module}"
