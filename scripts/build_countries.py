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
# The names the United Nations itself uses (UNTERM short names) where CLDR's common names differ.
UN_NAMES = {  # en, fr, es, ar, zh, ru
    "PSE": [
        "State of Palestine",
        "État de Palestine",
        "Estado de Palestina",
        "دولة فلسطين",
        "巴勒斯坦国",
        "Государство Палестина",
    ],
    "VAT": ["Holy See", "Saint-Siège", "Santa Sede", "الكرسي الرسولي", "教廷", "Святой Престол"],
    "KOR": [
        "Republic of Korea",
        "République de Corée",
        "República de Corea",
        "جمهورية كوريا",
        "大韩民国",
        "Республика Корея",
    ],
    "PRK": [
        "Democratic People's Republic of Korea",
        "République populaire démocratique de Corée",
        "República Popular Democrática de Corea",
        "جمهورية كوريا الشعبية الديمقراطية",
        "朝鲜民主主义人民共和国",
        "Корейская Народно-Демократическая Республика",
    ],
    "COD": [
        "Democratic Republic of the Congo",
        "République démocratique du Congo",
        "República Democrática del Congo",
        "جمهورية الكونغو الديمقراطية",
        "刚果民主共和国",
        "Демократическая Республика Конго",
    ],
    "COG": ["Congo", "Congo", "Congo", "الكونغو", "刚果", "Конго"],
    "MMR": ["Myanmar", "Myanmar", "Myanmar", "ميانمار", "缅甸", "Мьянма"],
    "RUS": [
        "Russian Federation",
        "Fédération de Russie",
        "Federación de Rusia",
        "الاتحاد الروسي",
        "俄罗斯联邦",
        "Российская Федерация",
    ],
    "IRN": [
        "Iran (Islamic Republic of)",
        "Iran (République islamique d’)",
        "Irán (República Islámica del)",
        "إيران (جمهورية - الإسلامية)",
        "伊朗伊斯兰共和国",
        "Иран (Исламская Республика)",
    ],
    "SYR": [
        "Syrian Arab Republic",
        "République arabe syrienne",
        "República Árabe Siria",
        "الجمهورية العربية السورية",
        "阿拉伯叙利亚共和国",
        "Сирийская Арабская Республика",
    ],
    "LAO": [
        "Lao People's Democratic Republic",
        "République démocratique populaire lao",
        "República Democrática Popular Lao",
        "جمهورية لاو الديمقراطية الشعبية",
        "老挝人民民主共和国",
        "Лаосская Народно-Демократическая Республика",
    ],
    "MDA": [
        "Republic of Moldova",
        "République de Moldova",
        "República de Moldova",
        "جمهورية مولدوفا",
        "摩尔多瓦共和国",
        "Республика Молдова",
    ],
    "TZA": [
        "United Republic of Tanzania",
        "République-Unie de Tanzanie",
        "República Unida de Tanzanía",
        "جمهورية تنزانيا المتحدة",
        "坦桑尼亚联合共和国",
        "Объединенная Республика Танзания",
    ],
    "BOL": [
        "Bolivia (Plurinational State of)",
        "Bolivie (État plurinational de)",
        "Bolivia (Estado Plurinacional de)",
        "بوليفيا (دولة - المتعددة القوميات)",
        "多民族玻利维亚国",
        "Боливия (Многонациональное Государство)",
    ],
    "VEN": [
        "Venezuela (Bolivarian Republic of)",
        "Venezuela (République bolivarienne du)",
        "Venezuela (República Bolivariana de)",
        "فنزويلا (جمهورية - البوليفارية)",
        "委内瑞拉玻利瓦尔共和国",
        "Венесуэла (Боливарианская Республика)",
    ],
    "VNM": ["Viet Nam", "Viet Nam", "Viet Nam", "فييت نام", "越南", "Вьетнам"],
    "FSM": [
        "Micronesia (Federated States of)",
        "Micronésie (États fédérés de)",
        "Micronesia (Estados Federados de)",
        "ميكرونيزيا (ولايات - الموحدة)",
        "密克罗尼西亚联邦",
        "Микронезия (Федеративные Штаты)",
    ],
    "GBR": [
        "United Kingdom of Great Britain and Northern Ireland",
        "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord",
        "Reino Unido de Gran Bretaña e Irlanda del Norte",
        "المملكة المتحدة لبريطانيا العظمى وآيرلندا الشمالية",
        "大不列颠及北爱尔兰联合王国",
        "Соединенное Королевство Великобритании и Северной Ирландии",
    ],
    "USA": [
        "United States of America",
        "États-Unis d’Amérique",
        "Estados Unidos de América",
        "الولايات المتحدة الأمريكية",
        "美利坚合众国",
        "Соединенные Штаты Америки",
    ],
    "NLD": [
        "Netherlands (Kingdom of the)",
        "Pays-Bas (Royaume des)",
        "Países Bajos (Reino de los)",
        "هولندا (مملكة)",
        "荷兰王国",
        "Нидерланды (Королевство)",
    ],
    "HKG": [
        "China, Hong Kong Special Administrative Region",
        "Chine, région administrative spéciale de Hong Kong",
        "China, región administrativa especial de Hong Kong",
        "الصين، منطقة هونغ كونغ الإدارية الخاصة",
        "中国香港特别行政区",
        "Китай, Специальный административный район Гонконг",
    ],
    "MAC": [
        "China, Macao Special Administrative Region",
        "Chine, région administrative spéciale de Macao",
        "China, región administrativa especial de Macao",
        "الصين، منطقة ماكاو الإدارية الخاصة",
        "中国澳门特别行政区",
        "Китай, Специальный административный район Макао",
    ],
    "CPV": ["Cabo Verde", "Cabo Verde", "Cabo Verde", "كابو فيردي", "佛得角", "Кабо-Верде"],
    "CIV": [
        "Côte d’Ivoire",
        "Côte d’Ivoire",
        "Côte d’Ivoire",
        "كوت ديفوار",
        "科特迪瓦",
        "Кот-д’Ивуар",
    ],
    "TLS": ["Timor-Leste", "Timor-Leste", "Timor-Leste", "تيمور - ليشتي", "东帝汶", "Тимор-Лешти"],
    "BRN": [
        "Brunei Darussalam",
        "Brunéi Darussalam",
        "Brunei Darussalam",
        "بروني دار السلام",
        "文莱达鲁萨兰国",
        "Бруней-Даруссалам",
    ],
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
        for index, (code, locale) in enumerate(locales.items()):
            un_name = UN_NAMES.get(row["ISO3"])
            name = un_name[index] if un_name else locale.territories[iso2]
            if code == "en":  # CLDR's short English forms ("St. Lucia", "Trinidad & Tobago")
                name = name.replace(" & ", " and ").replace("St. ", "Saint ")
            out[f"name_{code}"] = name
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
