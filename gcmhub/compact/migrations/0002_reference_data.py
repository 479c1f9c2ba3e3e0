"""The fixed facts of the Global Compact, loaded once: objectives, principles, SDGs, regions,
countries, UN regional commissions, entity types and the IMRF editions."""

import csv
import datetime
import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"
LANGUAGES = ["en", "fr", "es", "ar", "zh", "ru"]

COMMISSIONS = {
    "ECA": ["Economic Commission for Africa", "Commission économique pour l’Afrique",
            "Comisión Económica para África", "اللجنة الاقتصادية لأفريقيا", "非洲经济委员会",
            "Экономическая комиссия для Африки"],
    "ECE": ["Economic Commission for Europe", "Commission économique pour l’Europe",
            "Comisión Económica para Europa", "اللجنة الاقتصادية لأوروبا", "欧洲经济委员会",
            "Европейская экономическая комиссия"],
    "ECLAC": ["Economic Commission for Latin America and the Caribbean",
              "Commission économique pour l’Amérique latine et les Caraïbes",
              "Comisión Económica para América Latina y el Caribe",
              "اللجنة الاقتصادية لأمريكا اللاتينية ومنطقة البحر الكاريبي",
              "拉丁美洲和加勒比经济委员会", "Экономическая комиссия для Латинской Америки и Карибского бассейна"],
    "ESCAP": ["Economic and Social Commission for Asia and the Pacific",
              "Commission économique et sociale pour l’Asie et le Pacifique",
              "Comisión Económica y Social para Asia y el Pacífico",
              "اللجنة الاقتصادية والاجتماعية لآسيا والمحيط الهادئ", "亚洲及太平洋经济社会委员会",
              "Экономическая и социальная комиссия для Азии и Тихого океана"],
    "ESCWA": ["Economic and Social Commission for Western Asia",
              "Commission économique et sociale pour l’Asie occidentale",
              "Comisión Económica y Social para Asia Occidental", "اللجنة الاقتصادية والاجتماعية لغربي آسيا",
              "西亚经济社会委员会", "Экономическая и социальная комиссия для Западной Азии"],
}

# code, is a State, names in en, fr, es, ar, zh, ru
ENTITY_TYPES = [
    ("member-state", True, ["Member State", "État Membre", "Estado Miembro", "دولة عضو", "会员国", "Государство-член"]),
    ("observer-state", True, ["Observer State", "État observateur", "Estado observador", "دولة مراقبة", "观察员国", "Государство-наблюдатель"]),
    ("un-system", False, ["United Nations system entity", "Entité du système des Nations Unies", "Entidad del sistema de las Naciones Unidas", "كيان تابع لمنظومة الأمم المتحدة", "联合国系统实体", "Подразделение системы Организации Объединенных Наций"]),
    ("intergovernmental", False, ["Other intergovernmental organisation", "Autre organisation intergouvernementale", "Otra organización intergubernamental", "منظمة حكومية دولية أخرى", "其他政府间组织", "Другая межправительственная организация"]),
    ("civil-society", False, ["Civil society organisation", "Organisation de la société civile", "Organización de la sociedad civil", "منظمة من منظمات المجتمع المدني", "民间社会组织", "Организация гражданского общества"]),
    ("migrant-diaspora", False, ["Migrant or diaspora organisation", "Organisation de migrants ou de la diaspora", "Organización de migrantes o de la diáspora", "منظمة للمهاجرين أو للمغتربين", "移民或侨民组织", "Организация мигрантов или диаспоры"]),
    ("private-sector", False, ["Private sector", "Secteur privé", "Sector privado", "القطاع الخاص", "私营部门", "Частный сектор"]),
    ("trade-union", False, ["Trade union", "Syndicat", "Sindicato", "نقابة عمال", "工会", "Профсоюз"]),
    ("employers", False, ["Employers’ organisation", "Organisation d’employeurs", "Organización de empleadores", "منظمة لأصحاب العمل", "雇主组织", "Организация работодателей"]),
    ("academia", False, ["Academia", "Milieux universitaires", "Instituciones académicas", "الأوساط الأكاديمية", "学术界", "Научные круги"]),
    ("local-government", False, ["Local or regional government", "Autorité locale ou régionale", "Gobierno local o regional", "حكومة محلية أو إقليمية", "地方或区域政府", "Местный или региональный орган власти"]),
    ("nhri", False, ["National human rights institution", "Institution nationale des droits de l’homme", "Institución nacional de derechos humanos", "مؤسسة وطنية لحقوق الإنسان", "国家人权机构", "Национальное правозащитное учреждение"]),
    ("parliament", False, ["Parliament", "Parlement", "Parlamento", "برلمان", "议会", "Парламент"]),
    ("other", False, ["Other", "Autre", "Otro", "أخرى", "其他", "Другое"]),
]

EDITIONS = [
    # year, hearing, first day, last day, venue
    (2022, datetime.date(2022, 5, 16), datetime.date(2022, 5, 17), datetime.date(2022, 5, 20),
     "United Nations Headquarters, New York"),
    (2026, datetime.date(2026, 5, 4), datetime.date(2026, 5, 5), datetime.date(2026, 5, 8),
     "United Nations Headquarters, New York"),
]


def _names(values):
    return dict(zip(LANGUAGES, values, strict=True))


def _row_names(row, prefix="name_"):
    return {code: row[f"{prefix}{code}"] for code in LANGUAGES}


def load(apps, schema_editor):
    get = apps.get_model
    Objective, Principle = get("compact", "Objective"), get("compact", "Principle")
    Goal, Region = get("compact", "SustainableDevelopmentGoal"), get("compact", "Region")
    Country, Commission = get("compact", "Country"), get("compact", "RegionalCommission")
    EntityType, Edition = get("compact", "EntityType"), get("compact", "Edition")

    for item in json.loads((DATA / "objectives.json").read_text(encoding="utf-8")):
        Objective.objects.create(number=item["number"], short_names=item["short"], titles=item["title"])
    for item in json.loads((DATA / "principles.json").read_text(encoding="utf-8")):
        Principle.objects.create(number=item["number"], names=item["name"])
    for item in json.loads((DATA / "sdgs.json").read_text(encoding="utf-8")):
        Goal.objects.create(number=item["number"], names=item["name"], titles=item["title"])

    with (DATA / "regions.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in sorted(rows, key=lambda r: r["parent"]):  # regions before their sub-regions
        Region.objects.create(m49=row["m49"], parent_id=row["parent"] or None, names=_row_names(row))

    commissions = {
        code: Commission.objects.create(code=code, names=_names(names)) for code, names in COMMISSIONS.items()
    }
    with (DATA / "countries.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            country = Country.objects.create(
                iso2=row["iso2"], iso3=row["iso3"], m49=row["m49"], names=_row_names(row),
                region_id=row["region"] or None, subregion_id=row["subregion"] or None, status=row["status"],
            )
            codes = [code for code in row["commissions"].split(";") if code]
            country.commissions.set([commissions[code] for code in codes])

    for position, (code, is_state, names) in enumerate(ENTITY_TYPES, start=1):
        EntityType.objects.create(code=code, is_state=is_state, position=position, names=_names(names))
    for year, hearing, start, end, venue in EDITIONS:
        Edition.objects.create(year=year, hearing_date=hearing, start_date=start, end_date=end, venue=venue)


def unload(apps, schema_editor):
    apps.get_model("compact", "Country").objects.all().delete()
    apps.get_model("compact", "Region").objects.exclude(parent=None).delete()  # sub-regions first
    for name in ["Edition", "EntityType", "Country", "RegionalCommission", "Region",
                 "SustainableDevelopmentGoal", "Principle", "Objective"]:
        apps.get_model("compact", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("compact", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
