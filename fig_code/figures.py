"""Figure plumbing: matplotlib ``Figure`` objects made without pyplot, and their PNG bytes.

Nothing here touches pyplot's global state, so a figure made inside fig_code never leaks into a
notebook's output unless the notebook displays it.
"""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

#: PNG metadata written into every frame: no software version or date, so the bytes depend only on
#: the picture (stable across runs, comparable in tests).
PNG_METADATA = {"Software": None}


def new_figure(figsize: tuple[float, float] = (6.0, 4.5), dpi: int = 100, **kwargs) -> Figure:
    """A ``Figure`` with an Agg canvas attached, independent of pyplot.

    Examples
    --------
    >>> fig = new_figure((4, 3), dpi=50)
    >>> ax = fig.add_subplot()
    >>> tuple(int(v) for v in fig.get_size_inches() * fig.dpi)
    (200, 150)
    """
    fig = Figure(figsize=figsize, dpi=dpi, **kwargs)
    FigureCanvasAgg(fig)
    return fig


def figure_to_png(fig: Figure, *, dpi: int | None = None) -> bytes:
    """Render ``fig`` and return the PNG file as bytes.

    Examples
    --------
    >>> fig = new_figure((2, 2))
    >>> figure_to_png(fig)[:4]
    b'\\x89PNG'
    """
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi or fig.dpi, metadata=PNG_METADATA)
    return buf.getvalue()
