import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from gcmhub.web import charts, worldmap

NUMBER = r"-?(?:\d+(?:\.\d*)?|\.\d+)"


def _rings(d: str) -> list[list[tuple[float, float]]]:
    """The absolute points of a path made of "m … z" rings, as worldmap writes them."""
    rings, current, start = [], (0.0, 0.0), (0.0, 0.0)
    for command, numbers in re.findall(rf"([mz])((?:\s*{NUMBER})*)", d):
        if command == "z":
            current = start
            continue
        values = [float(value) for value in re.findall(NUMBER, numbers)]
        ring = []
        for dx, dy in zip(values[::2], values[1::2], strict=True):
            current = (current[0] + dx, current[1] + dy)
            ring.append(current)
        start = ring[0]
        rings.append(ring)
    return rings


def _widest_step(d: str) -> float:
    """The longest horizontal jump between neighbouring points, closing segments included."""
    return max(
        abs(x1 - x0)
        for ring in _rings(d)
        for (x0, _y0), (x1, _y1) in zip(ring, ring[1:] + ring[:1], strict=True)
    )


# worldmap.country_paths


@pytest.mark.parametrize("code", ["818", "076", "250", "242"])
def test_country_paths_draw_well_known_countries(code):
    paths = worldmap.country_paths()

    rings = _rings(paths[code])

    assert len(rings) >= 1
    assert all(len(ring) >= 3 for ring in rings)


def test_country_paths_leave_out_antarctica():
    paths = worldmap.country_paths()

    assert "010" not in paths


def test_country_paths_are_keyed_by_three_digit_m49_codes():
    paths = worldmap.country_paths()

    assert [code for code in paths if not re.fullmatch(r"\d{3}", code)] == []


def test_country_paths_draw_small_states_as_dots():
    paths = worldmap.country_paths()

    assert paths["702"] == "m754.3 259.3a2.5 2.5 0 1 0 5 0 2.5 2.5 0 1 0-5 0z"


def test_country_paths_stay_inside_the_view_box():
    paths = worldmap.country_paths()

    outside = [
        code
        for code, d in paths.items()
        for ring in _rings(d)
        for x, y in ring
        if not (0 <= x <= 960 and 0 <= y <= 480)
    ]

    assert outside == []


@pytest.mark.parametrize("code", ["242", "643"])  # Fiji and Russia cross 180°
def test_country_paths_split_at_the_antimeridian(code):
    paths = worldmap.country_paths()

    widest = _widest_step(paths[code])

    assert widest < 100  # a ring drawn across the map would jump about 900 pixels


def test_country_paths_total_under_52_kb():
    paths = worldmap.country_paths()

    total = sum(len(d) for d in paths.values())

    assert (len(paths), total < 52_000) == (247, True)


def test_country_paths_are_computed_once():
    first = worldmap.country_paths()

    second = worldmap.country_paths()

    assert first is second


# worldmap.choropleth


def test_choropleth_levels_zero_counts_none_and_the_largest_the_top():
    counts = {"818": 41, "76": 3, "250": 0, "004": 1}

    result = worldmap.choropleth(counts, names={"818": "Egypt"})

    levels = {c["m49"]: (c["count"], c["level"]) for c in result["countries"]}
    assert (levels["818"], levels["076"], levels["250"], levels["004"]) == (
        (41, 5),
        (3, 3),
        (0, 0),
        (1, 1),
    )
    assert result["max"] == 41


def test_choropleth_draws_every_country_even_without_counts():
    result = worldmap.choropleth({}, names={})

    drawn = [c["m49"] for c in result["countries"] if c["d"]]

    assert (len(drawn), result["max"], result["rows"]) == (247, 0, [])
    assert {c["level"] for c in result["countries"]} == {0}


def test_choropleth_legend_classes_split_the_counts_evenly():
    codes = ["004", "008", "012", "024", "032", "036", "040", "050", "056", "068"]
    counts = dict(zip(codes, range(1, 11), strict=True))

    result = worldmap.choropleth(counts, names={})

    assert result["legend"] == [
        {"level": 0, "low": 0, "high": 0},
        {"level": 1, "low": 1, "high": 2},
        {"level": 2, "low": 3, "high": 4},
        {"level": 3, "low": 5, "high": 6},
        {"level": 4, "low": 7, "high": 8},
        {"level": 5, "low": 9, "high": 10},
    ]


def test_choropleth_with_one_count_uses_the_top_level():
    result = worldmap.choropleth({"818": 2, "076": 2}, names={})

    assert result["legend"] == [
        {"level": 0, "low": 0, "high": 0},
        {"level": 5, "low": 2, "high": 2},
    ]


def test_choropleth_links_countries_with_counts_only():
    counts = {"818": 4, "076": 0}

    result = worldmap.choropleth(counts, names={}, url=lambda code: f"/countries/{code}/")

    urls = {c["m49"]: c["url"] for c in result["countries"] if c["m49"] in ("818", "076")}
    assert (urls, result["has_links"]) == ({"076": "", "818": "/countries/818/"}, True)


def test_choropleth_rows_list_counted_countries_most_first_even_without_a_shape():
    counts = {"818": 4, "076": 9, "999": 4}
    names = {"818": "Egypt", "076": "Brazil", "999": "Atlantis"}

    result = worldmap.choropleth(counts, names=names)

    assert [(c["name"], c["count"], bool(c["d"])) for c in result["rows"]] == [
        ("Brazil", 9, True),
        ("Atlantis", 4, False),
        ("Egypt", 4, True),
    ]


# charts.bars and charts.columns


def test_bars_widths_are_percentages_of_the_largest():
    rows = [("A", 10), ("B", 40), ("C", 0)]

    chart = charts.bars(rows)

    assert [(r["width"], r["x_rtl"], r["y"]) for r in chart["rows"]] == [
        (25.0, 75.0, 0),
        (100.0, 0.0, 44),
        (0, 100, 88),
    ]
    assert (chart["max"], chart["top"]["label"], chart["height"]) == (40, "B", 132)


def test_bars_take_dicts_with_links_and_shorten_long_labels():
    rows = [{"label": "x" * 50, "value": 3, "url": "/a"}]

    chart = charts.bars(rows, id="objectives")

    row = chart["rows"][0]
    assert (chart["id"], row["url"], row["short"], row["label"]) == (
        "objectives",
        "/a",
        "x" * 39 + "…",
        "x" * 50,
    )


def test_bars_without_rows():
    chart = charts.bars([])

    assert (chart["rows"], chart["max"], chart["top"], chart["height"]) == ([], 0, None, 0)


def test_columns_thin_labels_counting_from_the_newest():
    points = [(f"2024-{month:02d}", month) for month in range(1, 13)] + [
        (f"2025-{month:02d}", month) for month in range(1, 13)
    ]

    chart = charts.columns(points, max_labels=12)

    wide = [c["label"] for c in chart["columns"] if c["show_label"]]
    narrow = [c["label"] for c in chart["columns"] if c["show_label"] and c["narrow_label"]]
    assert wide == [label for label, _value in points][1::2]
    assert narrow == ["2024-06", "2024-12", "2025-06", "2025-12"]


def test_columns_keep_every_label_that_fits():
    points = [("2023", 1), ("2024", 2), ("2025", 3)]

    chart = charts.columns(points)

    columns = chart["columns"]
    assert [(c["show_label"], c["anchor"], c["label_x"]) for c in columns] == [
        (True, "start", 0),
        (True, "middle", 50.0),
        (True, "end", 100),
    ]


def test_columns_gridlines_are_round_numbers_above_the_largest():
    points = [("2024", 41), ("2025", 7)]

    chart = charts.columns(points)

    assert [tick["value"] for tick in chart["ticks"]] == [0, 10, 20, 30, 40, 50]
    assert [(c["y"], c["height"]) for c in chart["columns"]] == [(48.8, 131.2), (157.6, 22.4)]


# Templates


def _render(template: str, language: str, **context) -> str:
    with translation.override(language):
        return render_to_string(f"components/{template}", context)


def _cells(html: str) -> list[str]:
    return re.findall(r'<td class="num">([^<]*)</td>', html)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_bar_chart_renders_an_image_and_a_table(language):
    chart = charts.bars([("Objective 2", 41), ("<script>", 3)], id="objectives")

    html = _render(
        "bar_chart.html", language, chart=chart, title="Pledges", csv_url="/x.csv", rtl=False
    )

    assert (html.count('role="img"'), html.count("<title"), html.count("<caption")) == (1, 1, 1)
    assert html.count('aria-labelledby="objectives-title"') == 1
    assert _cells(html) == ["41", "3"]
    assert re.findall(r'class="chart-bar" x="0" y="21" width="([^"]*)"', html) == ["100.0%", "7.3%"]
    assert (html.count(" style="), html.count("<script>"), html.count("&lt;script&gt;")) == (
        0,
        0,
        2,
    )
    assert html.count('href="/x.csv"') == 1


def test_bar_chart_right_to_left_draws_bars_from_the_right():
    chart = charts.bars([("A", 40), ("B", 10)])

    html = _render("bar_chart.html", "ar", chart=chart, title="Pledges", rtl=True)

    assert re.findall(r'class="chart-bar" x="([^"]*)"', html) == ["0.0%", "75.0%"]
    assert html.count('direction="rtl"') == 1


def test_bar_chart_without_rows_says_so():
    html = _render("bar_chart.html", "en", chart=charts.bars([]), title="Pledges")

    assert (html.count("<svg"), html.count("No data yet.")) == (0, 1)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_column_chart_renders_an_image_and_a_table(language):
    chart = charts.columns([("2024", 41), ("<script>", 7)], id="over-time")

    html = _render("column_chart.html", language, chart=chart, title="Over time", rtl=True)

    assert (html.count('role="img"'), html.count('<title id="over-time-title">')) == (1, 1)
    assert _cells(html) == ["41", "7"]
    assert re.findall(r'class="chart-bar" x="([^"]*)"', html) == ["57.5%", "7.5%"]
    assert (html.count(" style="), html.count("<script>"), html.count("&lt;script&gt;")) == (
        0,
        0,
        4,
    )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_world_map_renders_every_country_and_a_table(language):
    result = worldmap.choropleth({"818": 41, "076": 3}, names={"818": "<script>", "076": "Brazil"})

    html = _render("world_map.html", language, map=result, title="Pledges by country")

    assert (html.count('role="img"'), html.count('<title id="world-map-title">')) == (1, 1)
    assert html.count("<path ") == 247
    assert (html.count('class="level-5"'), html.count('class="level-1"')) == (1, 1)
    assert html.count("<title>Brazil: 3</title>") == 1
    assert _cells(html) == ["41", "3"]
    assert (html.count(" style="), html.count("<script>"), html.count("&lt;script&gt;")) == (
        0,
        0,
        3,
    )


def test_world_map_links_countries_when_given_urls():
    result = worldmap.choropleth({"818": 41}, names={}, url=lambda code: f"/c/{code}/")

    html = _render("world_map.html", "en", map=result, title="Map", csv_url="/m.csv")

    assert html.count('<a href="/c/818/" tabindex="-1">') == 1
    assert html.count('<a href="/c/818/">') == 1  # in the table, for keyboards
    assert (html.count('role="group"'), html.count('aria-hidden="true"')) == (1, 246)
