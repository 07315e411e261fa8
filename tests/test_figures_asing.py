"""The orang asing chart: one stacked trace per document status, bars only where someone is registered."""

import pandas as pd
import pytest

from analytics.asing.figures import document_status_figure

COLUMNS = ["kode", "nama", "lengkap", "tidak_lengkap", "tanpa_dokumen"]


def _summary(rows):
    return pd.DataFrame(rows, columns=COLUMNS)


def test_one_trace_per_status_with_the_counts():
    """Mentarang 12 lengkap + 1 tanpa dokumen, Malinau Kota 30 + 2 tidak lengkap; Sungai Boh (all 0) has no bar."""
    fig = document_status_figure(_summary([
        ["65.02.01", "Mentarang", 12, 0, 1],
        ["65.02.02", "Malinau Kota", 30, 2, 0],
        ["65.02.03", "Sungai Boh", 0, 0, 0],
    ]))
    assert [t.name for t in fig.data] == ["Lengkap", "Tidak lengkap", "Tanpa dokumen"]
    assert list(fig.data[0].x) == ["Mentarang", "Malinau Kota"]
    assert [list(t.y) for t in fig.data] == [[12, 30], [0, 2], [1, 0]]
    assert fig.layout.barmode == "stack"


def test_labels_translate_the_legend():
    """English labels name the traces."""
    fig = document_status_figure(_summary([["65.02.01", "Mentarang", 1, 1, 1]]),
                                 labels={"lengkap": "Complete", "tidak_lengkap": "Incomplete",
                                         "tanpa_dokumen": "No documents"})
    assert [t.name for t in fig.data] == ["Complete", "Incomplete", "No documents"]


@pytest.mark.parametrize("summary", [
    _summary([]),
    _summary([["65.02.01", "Mentarang", 0, 0, 0]]),
    pd.DataFrame({"kode": ["65.02.01"], "nama": ["Mentarang"]}),  # status columns missing
])
def test_empty_or_all_zero_data_gives_the_empty_message(summary):
    """No one registered (or no status columns): no bars, the message in the middle."""
    fig = document_status_figure(summary, empty_message="Kosong")
    assert not fig.data
    assert fig.layout.annotations[0].text == "Kosong"
