"""fig_code.dask_tools: the one scheduler warning notebook 05 keeps out of its output, and why."""

from __future__ import annotations

import logging
import operator

import numpy as np
import pytest

from fig_code.dask_tools import SCHEDULER_LOGGER, quiet_repeated_key_warning

distributed = pytest.importorskip("distributed")
da = pytest.importorskip("dask.array")


class _Grab(logging.Handler):
    """Collects the messages that reach the scheduler logger's handlers (after its filters)."""

    def __init__(self):
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture
def scheduler_log():
    logger = logging.getLogger(SCHEDULER_LOGGER)
    grab = _Grab()
    logger.addHandler(grab)
    filters = list(logger.filters)
    yield grab
    logger.removeHandler(grab)
    for f in logger.filters[:]:
        if f not in filters:
            logger.removeFilter(f)


def _resubmit_key_with_new_dependency():
    """Make the scheduler see task "x" twice, with different dependencies: its warning, every time."""
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        first = client.get({"a": 1, "x": (operator.add, "a", 1)}, "x", sync=False)
        first.result()
        second = client.get({"b": 2, "x": (operator.add, "b", 1)}, "x", sync=False)
        return second.result()


def _repeated(messages):
    return [m for m in messages if m.startswith("Detected different `run_spec`")]


def test_without_the_filter_the_scheduler_warns(scheduler_log):
    _resubmit_key_with_new_dependency()
    assert len(_repeated(scheduler_log.messages)) == 1


def test_the_filter_drops_that_warning_and_nothing_else(scheduler_log):
    quiet_repeated_key_warning()
    _resubmit_key_with_new_dependency()
    assert _repeated(scheduler_log.messages) == []
    assert any(m.startswith("Receive client connection") for m in scheduler_log.messages)
    logging.getLogger(SCHEDULER_LOGGER).warning("another warning")
    assert scheduler_log.messages[-1] == "another warning"


def test_calling_it_twice_adds_one_filter(scheduler_log):
    first = quiet_repeated_key_warning()
    assert quiet_repeated_key_warning() is first
    assert logging.getLogger(SCHEDULER_LOGGER).filters.count(first) == 1


def _dependencies(collection) -> dict:
    import dask
    from dask._task_spec import convert_legacy_graph

    (optimised,) = dask.optimize(collection)
    graph = convert_legacy_graph(dict(optimised.__dask_graph__()))
    return {key: task.dependencies for key, task in graph.items()}


def test_dask_ml_kmeans_parallel_still_reuses_task_names():
    """Why the filter exists. If this fails, Dask-ML no longer sends colliding task names: drop
    ``quiet_repeated_key_warning`` from notebook 05 and the benchmark, and this module."""
    k_means = pytest.importorskip("dask_ml.cluster.k_means")
    from dask_ml.utils import check_random_state

    X = da.random.RandomState(0).random_sample((4000, 2), chunks=(1000, 2))
    centers = np.zeros((1, 2))
    cost = _dependencies(k_means.evaluate_cost(X, centers))
    sample = _dependencies(k_means._sample_points(X, centers, 2, check_random_state(0)))
    shared = set(cost) & set(sample)
    assert shared, "the two graphs no longer share task names"
    assert any(cost[key] != sample[key] for key in shared)
