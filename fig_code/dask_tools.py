"""Dask plumbing for notebook 05 and its benchmark: one known, harmless scheduler warning kept out.

Dask-ML's k-means|| (``dask_ml.cluster.k_means.init_scalable``) computes the cost of the first centre
(``evaluate_cost``) and then, with the same centre, the sampling probabilities (``_sample_points``).
Both graphs contain the same partial sums, under the same task names (Dask names a task after what it
computes), but Dask optimises each graph as a whole, so the partial sums depend on different
intermediate tasks in the two graphs. When the second graph reaches the scheduler before it has
forgotten the first one's tasks (a race: about one fit in ten here), the scheduler logs "Detected
different `run_spec` for key ... between two consecutive calls to `update_graph`" (see
https://github.com/dask/dask/issues/9888). Both tasks compute the same number, so the result does not
change; the warning only lands on stderr, where the notebook must stay clean.

Nothing here imports Dask, so ``import fig_code`` stays free of it.
"""

from __future__ import annotations

import logging

__all__ = ["quiet_repeated_key_warning"]

#: The logger of Dask's distributed scheduler, and the start of the one message this module hides.
SCHEDULER_LOGGER = "distributed.scheduler"
REPEATED_KEY_MESSAGE = "Detected different `run_spec` for key"


class _RepeatedKeyFilter(logging.Filter):
    """Drops the scheduler's repeated-key warning; lets every other record through."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(REPEATED_KEY_MESSAGE)


def quiet_repeated_key_warning() -> logging.Filter:
    """Keep the scheduler's "Detected different `run_spec`" warning out of this process's output.

    Call it before fitting Dask-ML's ``KMeans`` with ``init="k-means||"`` on a cluster whose scheduler
    runs in this process (``LocalCluster(processes=False)``, as notebook 05 does). Only that one
    message is dropped; every other scheduler message (errors, other warnings) still appears. Calling
    it again adds nothing.

    Returns
    -------
    logging.Filter
        The filter on the ``distributed.scheduler`` logger (``logger.removeFilter`` takes it off).

    Examples
    --------
    >>> import logging
    >>> quiet = quiet_repeated_key_warning()
    >>> quiet is quiet_repeated_key_warning()
    True
    >>> record = logging.LogRecord("distributed.scheduler", logging.WARNING, "", 0,
    ...                            "Detected different `run_spec` for key 'sum-1'", None, None)
    >>> quiet.filter(record)
    False
    >>> record.msg = "Worker failed to start"
    >>> quiet.filter(record)
    True
    >>> logging.getLogger("distributed.scheduler").removeFilter(quiet)
    """
    logger = logging.getLogger(SCHEDULER_LOGGER)
    for existing in logger.filters:
        if isinstance(existing, _RepeatedKeyFilter):
            return existing
    quiet = _RepeatedKeyFilter()
    logger.addFilter(quiet)
    return quiet
