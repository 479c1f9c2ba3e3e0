"""Build gcmhub/compact/data/countries.csv and regions.csv from maintained sources.

Run once, by hand, when the sources change (the data migrations read the CSV files):

    python -m venv /tmp/build && /tmp/build/bin/pip install country_converter babel
    /tmp/build/bin/python scripts/build_countries.py

ISO codes, the M49 numeric code, sub-region and UN membership come from the
country_converter package's table; names in the six UN languages from CLDR (Babel).
Regional commission membership is listed below from the commissions' own member lists.
"""

import csv
import re
from pathlib import Path

import country_converter
from babel import Locale

LANGUAGES = ["en", "fr", "es", "ar", "zh", "ru"]
OUT = Path(__file__).resolve().parent.parent / "gcmhub" / "compact" / "data"

REGIONS = {"Africa": "002", "America": "019", "Asia": "142", "Europe": "150", "Oceania": "009"}
SUBREGIONS = {
    "Northern Africa": ("015", "002"),
    "Eastern Africa": ("014", "002"),
    "Middle Africa": ("017", "002"),
    "Southern Africa": ("018", "002"),
    "Western Africa": ("011", "002"),
    "Caribbean": ("029", "019"),
    "Central America": ("013", "019"),
    "South America": ("005", "019"),
    "Northern America": ("021", "019"),
    "Central Asia": ("143", "142"),
    "Eastern Asia": ("030", "142"),
    "South-eastern Asia": ("035", "142"),
    "Southern Asia": ("034", "142"),
    "Western Asia": ("145", "142"),
    "Eastern Europe": ("151", "150"),
    "Northern Europe": ("154", "150"),
    "Southern Europe": ("039", "150"),
    "Western Europe": ("155", "150"),
    "Australia and New Zealand": ("053", "009"),
    "Melanesia": ("054", "009"),
    "Micronesia": ("057", "009"),
    "Polynesia": ("061", "009"),
}
NOT_IN_M49 = {"TWN", "XKX"}  # listed by ISO/CLDR, not as separate areas by the UN M49 standard
OBSERVER_STATES = {"VAT", "PSE"}

# Members of each UN regional commission (ECA: every African Member State).
ESCWA = "ARE BHR DJI DZA EGY IRQ JOR KWT LBN LBY MAR MRT OMN PSE QAT SAU SDN SOM SYR TUN YEM"
ESCAP = (
    "AFG ARM AUS AZE BGD BRN BTN CHN FJI FRA FSM GBR GEO IDN IND IRN JPN KAZ KGZ KHM KIR KOR "
    "LAO LKA MDV MHL MMR MNG MYS NLD NPL NRU NZL PAK PHL PLW PNG PRK RUS SGP SLB THA TJK TKM "
    "TLS TON TUR TUV USA UZB VNM VUT WSM"
)
ECLAC_EXTRA = "CAN DEU ESP FRA GBR ITA JPN KOR NLD NOR PRT TUR USA"
ECE_EXTRA = "ARM AZE CAN CYP GEO ISR KAZ KGZ TJK TKM TUR USA UZB"


def commissions(iso3, region, subregion, status):
    if status != "member":
        return [c for c, members in (("ESCWA", ESCWA),) if iso3 in members.split()]
    found = []
    if region == "002":
        found.append("ECA")
    if region == "150" or iso3 in ECE_EXTRA.split():
        found.append("ECE")
    if subregion in {"029", "013", "005"} or iso3 in ECLAC_EXTRA.split():
        found.append("ECLAC")
    if iso3 in ESCAP.split():
        found.append("ESCAP")
    if iso3 in ESCWA.split():
        found.append("ESCWA")
    return found


def capitalize(name: str) -> str:
    return name[:1].upper() + name[1:]


def main():
    source = Path(country_converter.__file__).parent / "country_data.tsv"
    locales = {code: Locale.parse(code) for code in LANGUAGES}
    rows = []
    for row in csv.DictReader(source.open(encoding="utf-8"), delimiter="\t"):
        if row["obsolete"] or row["ISO3"] in NOT_IN_M49:
            continue
        subregion, region = SUBREGIONS.get(row["UNregion"], ("", REGIONS.get(row["continent"], "")))
        if row["ISO3"] in OBSERVER_STATES:
            status = "observer"
        elif row["UNmember"]:
            status = "member"
        else:
            status = "other"
        iso2 = re.search(r"[A-Z]{2}", row["ISO2"]).group()  # Greece reads "^GR$|^EL$"
        out = {
            "iso2": iso2,
            "iso3": row["ISO3"],
            "m49": f"{int(row['ISOnumeric']):03d}",
            "region": region,
            "subregion": subregion,
            "status": status,
            "commissions": ";".join(commissions(row["ISO3"], region, subregion, status)),
        }
        for code, locale in locales.items():
            out[f"name_{code}"] = locale.territories[iso2]
        rows.append(out)
    rows.sort(key=lambda r: r["iso3"])
    with (OUT / "countries.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    regions = [(code, "") for code in REGIONS.values()] + list(SUBREGIONS.values())
    with (OUT / "regions.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["m49", "parent"] + [f"name_{code}" for code in LANGUAGES])
        english = {code: name for name, (code, _) in SUBREGIONS.items()}
        english.update({code: name for name, code in REGIONS.items()}, **{"019": "Americas"})
        for code, parent in sorted(regions):
            names = [capitalize(locales[c].territories[code]) for c in LANGUAGES]
            names[0] = english[code]  # the M49 standard's own English names
            writer.writerow([code, parent] + names)
    print(f"{len(rows)} countries, {len(regions)} regions written to {OUT}")


if __name__ == "__main__":
    main()
