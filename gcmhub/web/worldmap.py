"""A world map as SVG paths, drawn on the server from the vendored world-atlas TopoJSON."""

import functools
import itertools
import json
import math
from collections.abc import Callable
from pathlib import Path

TOPOLOGY = Path(__file__).resolve().parent / "data" / "countries-110m.json"
WIDTH, HEIGHT = 960, 480
ANTARCTICA = "010"
# Natural Earth draws a few areas apart that UN M49 (and so our reference data) counts as
# part of a Member State; like UN maps, the map shows them with that State.
NO_M49 = {"N. Cyprus": "196", "Somaliland": "706", "Kosovo": "688"}
MERGED = {"158": "156"}
# Countries and areas too small for the 1:110m shapes, drawn as a dot (longitude, latitude):
# the middle of their largest island in world-atlas's countries-10m.json, or the capital.
DOTS = {
    "016": (-170.7, -14.3),  # American Samoa
    "020": (1.6, 42.5),  # Andorra
    "028": (-61.8, 17.1),  # Antigua and Barbuda
    "048": (50.5, 26.1),  # Bahrain
    "052": (-59.6, 13.2),  # Barbados
    "060": (-64.8, 32.3),  # Bermuda
    "074": (3.4, -54.4),  # Bouvet Island
    "086": (72.4, -7.4),  # British Indian Ocean Territory
    "092": (-64.6, 18.4),  # British Virgin Islands
    "132": (-23.6, 15.1),  # Cabo Verde
    "136": (-81.3, 19.3),  # Cayman Islands
    "162": (105.7, -10.5),  # Christmas Island
    "166": (96.8, -12.2),  # Cocos (Keeling) Islands
    "174": (43.3, -11.7),  # Comoros
    "175": (45.2, -12.8),  # Mayotte
    "184": (-159.8, -21.2),  # Cook Islands
    "212": (-61.4, 15.4),  # Dominica
    "234": (-7.0, 62.1),  # Faroe Islands
    "239": (-36.7, -54.4),  # South Georgia and the South Sandwich Islands
    "248": (19.9, 60.2),  # Åland Islands
    "254": (-53.1, 4.0),  # French Guiana (drawn within France's shape)
    "258": (-149.4, -17.7),  # French Polynesia
    "292": (-5.3, 36.1),  # Gibraltar
    "296": (173.0, 1.4),  # Kiribati (Tarawa)
    "308": (-61.7, 12.1),  # Grenada
    "312": (-61.6, 16.2),  # Guadeloupe
    "316": (144.8, 13.4),  # Guam
    "334": (73.5, -53.1),  # Heard Island and McDonald Islands
    "336": (12.5, 41.9),  # Holy See
    "344": (114.2, 22.4),  # Hong Kong
    "438": (9.5, 47.1),  # Liechtenstein
    "446": (113.6, 22.1),  # Macao
    "462": (73.5, 4.2),  # Maldives
    "470": (14.4, 35.9),  # Malta
    "474": (-61.0, 14.6),  # Martinique
    "480": (57.6, -20.3),  # Mauritius
    "492": (7.4, 43.7),  # Monaco
    "500": (-62.2, 16.7),  # Montserrat
    "520": (166.9, -0.5),  # Nauru
    "531": (-69.0, 12.2),  # Curaçao
    "533": (-70.0, 12.5),  # Aruba
    "534": (-63.1, 18.0),  # Sint Maarten
    "535": (-68.3, 12.2),  # Bonaire, Sint Eustatius and Saba
    "570": (-169.9, -19.0),  # Niue
    "574": (168.0, -29.0),  # Norfolk Island
    "580": (145.7, 15.2),  # Northern Mariana Islands
    "581": (-162.1, 5.9),  # United States Minor Outlying Islands
    "583": (158.2, 6.9),  # Micronesia (Federated States of)
    "584": (171.2, 7.1),  # Marshall Islands
    "585": (134.6, 7.5),  # Palau
    "612": (-128.3, -24.4),  # Pitcairn
    "638": (55.5, -21.1),  # Réunion
    "652": (-62.8, 17.9),  # Saint Barthélemy
    "654": (-5.7, -16.0),  # Saint Helena
    "659": (-62.8, 17.3),  # Saint Kitts and Nevis
    "660": (-63.1, 18.2),  # Anguilla
    "662": (-61.0, 13.9),  # Saint Lucia
    "663": (-63.1, 18.1),  # Saint Martin
    "666": (-56.3, 47.0),  # Saint Pierre and Miquelon
    "670": (-61.2, 13.3),  # Saint Vincent and the Grenadines
    "674": (12.4, 43.9),  # San Marino
    "678": (6.6, 0.2),  # Sao Tome and Principe
    "690": (55.5, -4.7),  # Seychelles
    "702": (103.8, 1.4),  # Singapore
    "744": (16.0, 78.6),  # Svalbard and Jan Mayen (drawn within Norway's shape)
    "772": (-171.8, -9.2),  # Tokelau
    "776": (-175.2, -21.2),  # Tonga
    "796": (-71.7, 21.8),  # Turks and Caicos Islands
    "798": (179.2, -8.5),  # Tuvalu
    "831": (-2.6, 49.5),  # Guernsey
    "832": (-2.1, 49.2),  # Jersey
    "833": (-4.5, 54.2),  # Isle of Man
    "850": (-64.8, 17.7),  # United States Virgin Islands
    "876": (-176.2, -13.3),  # Wallis and Futuna
    "882": (-172.4, -13.6),  # Samoa
}
DOT_RADIUS = 25  # tenths of a pixel
MIN_TRIANGLE = 0.7  # px²: points that bend the outline less than this are dropped
MIN_RING = 1.0  # px²: smaller islands are dropped, except a country's largest ring
LEVELS = 5

# Equal Earth (Šavrič, Patterson and Jenny, 2018): equal-area, so big countries do not
# look busier than they are.
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
SCALE = WIDTH / 2 / (math.pi / (M * A1))


def _equal_earth_unit(lon: float, lat: float) -> tuple[float, float]:
    theta = math.asin(M * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = math.radians(lon) * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


# Without Antarctica the land runs from 83.7°N (Greenland) to 55.9°S (Cape Horn): centre that.
MIDDLE = (_equal_earth_unit(0, 83.7)[1] + _equal_earth_unit(0, -55.9)[1]) / 2


def _equal_earth(lon: float, lat: float) -> tuple[float, float]:
    x, y = _equal_earth_unit(lon, lat)
    return WIDTH / 2 + SCALE * x, HEIGHT / 2 - SCALE * (y - MIDDLE)


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Quantized, delta-encoded arcs to longitude and latitude."""
    (kx, ky), (dx, dy) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for step_x, step_y in arc:
            x += step_x
            y += step_y
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    return arcs


def _simplify(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Visvalingam–Whyatt on one arc, measured in projected pixels; the ends always stay."""
    if len(points) < 3:
        return points
    projected = [_equal_earth(lon, lat) for lon, lat in points]
    keep = list(range(len(points)))

    def area(i: int) -> float:
        (ax, ay), (bx, by), (cx, cy) = (projected[keep[j]] for j in (i - 1, i, i + 1))
        return abs((bx - ax) * (cy - ay) - (cx - ax) * (by - ay)) / 2

    # Quadratic, but arcs are short and this runs once per process.
    while len(keep) > 2:
        smallest = min(range(1, len(keep) - 1), key=area)
        if area(smallest) >= MIN_TRIANGLE:
            break
        del keep[smallest]
    return [points[i] for i in keep]


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc[1:] if ring else arc)
    return ring


def _clip(ring: list[tuple[float, float]], edge: float, keep_below: bool) -> list:
    """Sutherland–Hodgman against the meridian `edge`: enough for one straight cut."""

    def inside(point):
        return point[0] <= edge if keep_below else point[0] >= edge

    out = []
    for i, current in enumerate(ring):
        previous = ring[i - 1]
        if inside(current) != inside(previous):
            t = (edge - previous[0]) / (current[0] - previous[0])
            out.append((edge, previous[1] + t * (current[1] - previous[1])))
        if inside(current):
            out.append(current)
    return out


def _split_antimeridian(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Rings that cross ±180° (Fiji, Russia's Chukotka) become one piece on each side."""
    unwrapped = [ring[0]]
    for lon, lat in ring[1:]:
        previous = unwrapped[-1][0]
        lon += 360 * round((previous - lon) / 360)
        unwrapped.append((lon, lat))
    low = min(lon for lon, _ in unwrapped)
    high = max(lon for lon, _ in unwrapped)
    if low >= -180 and high <= 180:
        return [ring]
    pieces = []
    for turn in range(math.floor((low + 180) / 360), math.ceil((high - 180) / 360) + 1):
        shift = 360 * turn
        piece = _clip(_clip(unwrapped, shift - 180, False), shift + 180, True)
        if len(piece) >= 3:
            pieces.append([(lon - shift, lat) for lon, lat in piece])
    return pieces


def _tenths(ring: list[tuple[float, float]]) -> list[tuple[int, int]]:
    """Projected, in whole tenths of a pixel, without repeated points."""
    out: list[tuple[int, int]] = []
    for lon, lat in ring:
        x, y = _equal_earth(lon, lat)
        point = (round(x * 10), round(y * 10))
        if not out or point != out[-1]:
            out.append(point)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def _area(ring: list[tuple[int, int]]) -> float:
    """In px² (the points are in tenths)."""
    twice = sum(
        x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True)
    )
    return abs(twice) / 200


def _number(tenths: int) -> str:
    whole, tenth = divmod(abs(tenths), 10)
    text = (str(whole) if whole else "") + (f".{tenth}" if tenth else "")
    return ("-" if tenths < 0 else "") + (text or "0")


def _path(rings: list[list[tuple[int, int]]]) -> str:
    """Relative commands, numbers without spaces where SVG's grammar allows."""
    parts = []
    start = (0, 0)  # a leading "m" is absolute, which is the same as relative to (0, 0)
    for ring in rings:
        numbers = [ring[0][0] - start[0], ring[0][1] - start[1]]
        for (x0, y0), (x1, y1) in itertools.pairwise(ring):
            numbers += [x1 - x0, y1 - y0]
        text = "m"
        previous = ""
        for value in numbers:
            number = _number(value)
            joined = number[0] == "-" or (number[0] == "." and "." in previous)
            text += number if joined or not previous else " " + number
            previous = number
        parts.append(text + "z")
        start = ring[0]
    return "".join(parts)


def _dot(lon: float, lat: float) -> str:
    x, y = _tenths([(lon, lat)])[0]
    r, d = _number(DOT_RADIUS), _number(2 * DOT_RADIUS)
    return f"m{_number(x - DOT_RADIUS)} {_number(y)}a{r} {r} 0 1 0 {d} 0 {r} {r} 0 1 0-{d} 0z"


@functools.cache
def _countries() -> dict[str, tuple[str, str, bool]]:
    """Name (English, from Natural Earth), path and whether it is a dot, by M49 code."""
    topology = json.loads(TOPOLOGY.read_text(encoding="utf-8"))
    arcs = [_simplify(arc) for arc in _decode_arcs(topology)]
    rings_by_code: dict[str, list[list[tuple[int, int]]]] = {}
    names: dict[str, str] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        code = geometry.get("id") or NO_M49.get(name)
        if code is None or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        code = MERGED.get(code.zfill(3), code.zfill(3))
        if code == ANTARCTICA:
            continue
        names.setdefault(code, name)
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = rings_by_code.setdefault(code, [])
        for polygon in polygons:
            for indexes in polygon:
                for piece in _split_antimeridian(_ring(arcs, indexes)):
                    ring = _tenths(piece)
                    if len(ring) >= 3:
                        rings.append(ring)
    countries = {}
    for code, rings in sorted(rings_by_code.items()):
        largest = max(rings, key=_area)
        kept = [ring for ring in rings if ring is largest or _area(ring) >= MIN_RING]
        countries[code] = (names[code], _path(kept), False)
    for code, (lon, lat) in DOTS.items():
        countries.setdefault(code, ("", _dot(lon, lat), True))
    return countries


@functools.cache
def country_paths() -> dict[str, str]:
    """Each country's SVG path in a 960 × 480 viewBox, by three-digit M49 code (do not change it)."""
    return {code: d for code, (_name, d, _is_dot) in _countries().items()}


def _classes(values: list[int]) -> list[tuple[int, int]]:
    """Up to five (low, high) ranges of whole numbers, each holding about as many countries."""
    if not values:
        return []
    values = sorted(values)
    classes = min(LEVELS, len(set(values)))
    highs: list[int] = []
    for step in range(1, classes + 1):
        high = values[math.ceil(step * len(values) / classes) - 1]
        if not highs or high > highs[-1]:
            highs.append(high)
    lows = [values[0]] + [high + 1 for high in highs[:-1]]
    return list(zip(lows, highs, strict=True))


def choropleth(
    counts: dict[str, int],
    *,
    names: dict[str, str],
    url: Callable[[str], str] | None = None,
    id: str = "world-map",
) -> dict:
    """What components/world_map.html needs: every country with its count, class and link.

    Only countries with a count get a url; `rows` holds them, most first, for the table.
    """
    counts = {str(code).zfill(3): value for code, value in counts.items() if value}
    ranges = _classes(list(counts.values()))
    # Spread the classes over the palette, so two classes are level 1 and 5, not 1 and 2.
    steps = max(1, len(ranges) - 1)
    levels = [
        LEVELS - round((len(ranges) - 1 - i) * (LEVELS - 1) / steps) for i in range(len(ranges))
    ]
    classes = list(zip(levels, ranges, strict=True))
    drawn = _countries()
    # Dots last, so they sit on top of the shapes around them.
    order = sorted(
        set(drawn) | set(counts), key=lambda code: (code not in drawn or drawn[code][2], code)
    )
    countries = []
    for code in order:
        count = counts.get(code, 0)
        name, d, _is_dot = drawn.get(code, ("", "", True))
        countries.append(
            {
                "m49": code,
                "d": d,
                "count": count,
                "name": names.get(code) or name or code,
                "level": next((level for level, (low, high) in classes if low <= count <= high), 0),
                "url": url(code) if url and count else "",
            }
        )
    return {
        "id": id,
        "countries": countries,
        "rows": sorted(
            (country for country in countries if country["count"]),
            key=lambda country: (-country["count"], country["name"]),
        ),
        "legend": [{"level": 0, "low": 0, "high": 0}]
        + [{"level": level, "low": low, "high": high} for level, (low, high) in classes],
        "max": max(counts.values(), default=0),
        "has_links": any(country["url"] for country in countries),
    }
