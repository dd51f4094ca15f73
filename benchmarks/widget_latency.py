"""Kernel-side step latency of the K-means step-through widget vs a naive redraw.

Widget step: move the step slider of ``plot_kmeans_interactive()`` to a step not shown before
(so no rendered frame is reused) and wait until the new PNG is in the Image widget.

Naive redraw, the baseline (measured in the same run, same picture size and content): recompute
the steps from scratch with ``kmeans_steps``, draw a brand-new figure with ``plot_voronoi`` and
``plot_clusters`` plus arrows and texts, and save it as PNG.

Click to place (issue 13), for information: a placed centre that is not the k-th only redraws the
data-alone picture; the k-th also computes the run from the placed centres and draws its step 0.

Goal (issue 3): widget step <= 0.6 x naive redraw. Medians; the machine is shared, so absolute
times vary from run to run; the ratio is the number to read.

Run: .venv/bin/python benchmarks/widget_latency.py
"""

from __future__ import annotations

import statistics
import time

from fig_code.figures import figure_to_png, new_figure
from fig_code.kmeans import kmeans_steps
from fig_code.plotting import PHASE_CAPTIONS, data_limits, plot_clusters, plot_voronoi
from fig_code.step_widget import plot_kmeans_interactive

GOAL = 0.6
K, INIT, SEED = 6, "random", 0
ROUNDS = 3


def naive_frame(X, i: int, figsize, dpi) -> bytes:
    """Everything from scratch, as a simple ``interact``-style callback would do it."""
    steps = kmeans_steps(X, K, init=INIT, random_state=SEED, max_iter=50)
    step, previous = steps[i], steps[i - 1] if i else None
    fig = new_figure(figsize, dpi=dpi)
    ax = fig.add_axes((0.03, 0.08, 0.94, 0.84))
    xlim, ylim = data_limits(X)
    plot_voronoi(step.centers, ax=ax, xlim=xlim, ylim=ylim)
    plot_clusters(X, step.labels, step.centers, ax=ax, size=28)
    if step.phase == "update":
        for old, new in zip(previous.centers, step.centers, strict=True):
            ax.annotate("", xy=new, xytext=old, arrowprops={"arrowstyle": "-|>", "lw": 2})
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(PHASE_CAPTIONS[step.phase].capitalize(), loc="left", fontsize=12)
    inertia = "not yet" if step.inertia is None else f"{step.inertia:.1f}"
    ax.text(0.5, -0.02, f"step {i} of {len(steps) - 1} · inertia {inertia}", transform=ax.transAxes)
    return figure_to_png(fig)


def main() -> None:
    widget = plot_kmeans_interactive(n_clusters=K, init=INIT, random_state=SEED)
    X = widget.X
    fig = widget.step_display.figure_
    figsize, dpi = tuple(fig.get_size_inches()), fig.dpi
    n_steps = len(widget.steps)
    naive_frame(X, 1, figsize, dpi)  # warm-up (imports, font cache)

    widget_times, naive_times = [], []
    for _ in range(ROUNDS):
        widget.seed.value = (widget.seed.value + 1) % 2  # new run: nothing rendered yet ...
        widget.seed.value = SEED  # ... and back: the steps are cached, the frames are not
        for i in range(1, n_steps):
            before = widget.image.value
            t0 = time.perf_counter()
            widget.step_slider.value = i
            widget_times.append(time.perf_counter() - t0)
            assert widget.image.value != before
            t0 = time.perf_counter()
            naive_frame(X, i, figsize, dpi)
            naive_times.append(time.perf_counter() - t0)

    revisit = []
    for i in range(n_steps - 1, 0, -1):  # frames already rendered: served from the frame cache
        t0 = time.perf_counter()
        widget.step_slider.value = i - 1
        revisit.append(time.perf_counter() - t0)

    placing = plot_kmeans_interactive(n_clusters=K, init="click")
    some, last = [], []
    for round_ in range(ROUNDS):
        placing.clear_centers()
        for x, y in placing.X[round_ : round_ + K * 40 : 40]:
            t0 = time.perf_counter()
            placing.place_center(x, y)
            (some if placing.placing else last).append(time.perf_counter() - t0)

    w = statistics.median(widget_times) * 1000
    n = statistics.median(naive_times) * 1000
    print(
        f"frames: {len(widget_times)} ({n_steps} steps x {ROUNDS} rounds), k={K}, {len(X)} points"
    )
    print(f"widget step: {w:.1f} ms")
    print(f"naive redraw: {n:.1f} ms")
    print(f"ratio: {w / n:.2f} (goal <= {GOAL})")
    print(f"widget revisit (cached frame): {statistics.median(revisit) * 1000:.1f} ms")
    print(
        f"click to place: a centre {statistics.median(some) * 1000:.1f} ms, "
        f"the k-th (new run) {statistics.median(last) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
