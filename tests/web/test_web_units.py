"""The web ledger's pure parts, without a server: text pieces, map framing, bar charts, settings."""

from __future__ import annotations

import pytest

from newsledger.records import Span
from newsledger.web.charts import BAR_WIDTH, bar_chart
from newsledger.web.geo import Located, map_view, world_outlines
from newsledger.web.highlight import Layer, pieces
from newsledger.web.settings import WebSettings

TEXT = "The ministry said 120 missiles hit <b>Kyiv</b> overnight."


def span(start: int, end: int) -> Span:
    return Span(start=start, end=end, text=TEXT[start:end])


def test_pieces_rebuild_the_text_and_carry_overlapping_layers() -> None:
    quote = (span(18, 46), Layer("a1", "quote", "src-0"))
    figure = (span(18, 30), Layer("q1", "figure"))
    place = (span(38, 42), Layer("p1", "place"))
    cut = pieces(TEXT, [quote, figure, place])
    assert "".join(p.text for p in cut) == TEXT
    by_text = {p.text: p for p in cut}
    assert by_text["120 missiles"].refs == "q1 a1"  # innermost first
    assert by_text["120 missiles"].classes == "figure quote src-0"
    assert by_text["120 missiles"].tag == "mark"
    assert by_text["Kyiv"].refs == "p1 a1"
    assert by_text[" hit <b>"].layers == (quote[1],)
    assert by_text["The ministry said "].layers == ()


def test_pieces_ignore_spans_outside_the_text() -> None:
    stale = (Span(start=40, end=400, text="?"), Layer("c9", "claim"))
    empty = (Span(start=5, end=5, text=""), Layer("t1", "time"))
    cut = pieces(TEXT, [stale, empty])
    assert [p.text for p in cut] == [TEXT]
    assert cut[0].layers == ()


def test_map_frames_the_places_with_their_countries() -> None:
    kyiv = Located("Kyiv", 50.45, 30.52, "UA")
    odesa = Located("Odesa", 46.48, 30.72, "UA", count=3)
    view = map_view([kyiv, odesa])
    assert view is not None
    min_x, min_y, width, height = (float(v) for v in view.view_box.split())
    for point in view.points:
        assert min_x <= point.x <= min_x + width and min_y <= point.y <= min_y + height
    assert {o.code for o in view.outlines} >= {"UA", "MD", "RO"}
    assert "US" not in {o.code for o in view.outlines}
    assert view.highlighted == frozenset({"UA"})
    assert width >= height


def test_no_placed_names_no_map() -> None:
    assert map_view([]) is None


def test_world_outlines_cover_the_countries() -> None:
    codes = {outline.code for outline in world_outlines()}
    assert len(codes) > 150 and {"UA", "RU", "GE", "US", "BR"} <= codes


def test_bars_scale_to_the_largest_count_and_keep_zeros() -> None:
    chart = bar_chart("Claims", {"reported": 15, "hedged": 6, "denied": 0}, "status")
    widths = {bar.label: bar.width for bar in chart.bars}
    assert widths == {"reported": BAR_WIDTH, "hedged": round(BAR_WIDTH * 6 / 15), "denied": 0}
    assert [bar.css for bar in chart.bars] == ["status-reported", "status-hedged", "status-denied"]


def test_settings_read_the_environment() -> None:
    settings = WebSettings.from_env(
        {
            "NEWSLEDGER_TOKEN": " s3cret ",
            "NEWSLEDGER_READ_TOKEN_REQUIRED": "yes",
            "NEWSLEDGER_MAX_BODY_BYTES": "500",
        }
    )
    assert settings == WebSettings(token="s3cret", read_token_required=True, max_body_bytes=500)
    assert WebSettings.from_env({}) == WebSettings()


def test_settings_refuse_a_nonsense_body_limit() -> None:
    with pytest.raises(ValueError, match="NEWSLEDGER_MAX_BODY_BYTES"):
        WebSettings.from_env({"NEWSLEDGER_MAX_BODY_BYTES": "lots"})
