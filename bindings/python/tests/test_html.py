"""The notebook view and the report page escape hostile text."""

from __future__ import annotations

import wortlaut

HOSTILE = (
    '<script>alert(1)</script> "><img src=x onerror=alert(2)> '
    "<a href=\"javascript:alert(3)\">x</a> ' onmouseover='alert(5) "
    "</style><style>body{display:none}</style> Putin sagte: „Das ist <b>gut</b>.“"
)
BAD = ("<script", "<img", '<a href="javascript', "</style><style>", "<b>", "' onmouseover='")


def test_repr_html_escapes(pipeline: wortlaut.Pipeline) -> None:
    a = pipeline.analyze(HOSTILE, id='<img src=x onerror="alert(4)">')
    view = a._repr_html_()
    for bad in BAD:
        assert bad not in view, bad
    assert "&lt;script&gt;" in view and "&lt;img src=x onerror=" in view
    assert view.count("<style>") == 1 and 'class="wortlaut-view"' in view
    # Mentions and the quotation are marked, with the speaker.
    assert 'data-mention="0"' in view and 'data-quote="0"' in view
    assert "Direct quotation by" in view


def test_error_view_escapes(pipeline: wortlaut.Pipeline) -> None:
    a = next(pipeline.pipe([{"id": "<script>x</script>", "text": 1}]))
    view = a._repr_html_()
    assert "<script" not in view and "bad_text" in view


def test_report_html(pipeline: wortlaut.Pipeline) -> None:
    analyses = list(
        pipeline.pipe(
            [
                {"id": "h", "text": HOSTILE},
                {"id": "<b>bad</b>", "text": None},
                {"id": "m", "text": "„Wir kommen“, sagte Angela Merkel."},
            ]
        )
    )
    page = wortlaut.report_html(analyses)
    assert page.startswith("<!DOCTYPE html>")
    for bad in (*BAD, "<b>bad"):
        assert bad not in page, bad
    assert "default-src 'none'" in page
    assert "Documents that could not be analysed" in page
    assert "2 documents" in page
