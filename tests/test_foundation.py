"""fig_code's shared base: argument checks, pyplot-free figures, the frame widget, feedback, setup check."""

from __future__ import annotations

import base64
import re
import sys

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
