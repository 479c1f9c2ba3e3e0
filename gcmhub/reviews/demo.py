"""Demo national reports and regional reviews for `make run`: reproducible, created once. Their
documents are made by samples.py and read by documents.py as uploads are, so the demo shows
what extraction really gives, in six languages."""

import datetime
import random
from collections.abc import Callable
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from gcmhub.accounts import demo as accounts_demo
from gcmhub.accounts.models import Membership, Organisation, Role, User
from gcmhub.compact.models import Country, Edition, EntityType, RegionalCommission
from gcmhub.reviews import samples
from gcmhub.reviews.documents import read_document
from gcmhub.reviews.models import Document, Kind, Review, cycle_label
from gcmhub.workflow.models import Action, Event, State


class Report(NamedTuple):
    """A national report: its documents' languages and formats ("fr.pdf", "ar.docx"), the
    first of which is the language of its title and summary."""

    kind: Kind
    year: int  # of the IMRF edition: 2022 for the 2020–2021 cycle
    versions: tuple[str, ...]


class Government(NamedTuple):
    iso3: str
    of: dict[str, str]  # "of <the country>" in each language of its reports ("du Maroc")
    focal_point: tuple[str, str, str]  # e-mail, full name, preferred language
    themes: tuple[str, ...]  # what its reports talk about, keys of THEMES
    reports: tuple[Report, ...]


VR, PLAN, OTHER = Kind.VOLUNTARY_REVIEW, Kind.IMPLEMENTATION_PLAN, Kind.OTHER_REPORT

GOVERNMENTS = [
    Government(
        "MAR",
        {"en": "Morocco", "fr": "du Maroc", "ar": "المغرب"},
        ("focalpoint@example.org", "Fatima Focal", "fr"),  # as accounts/demo.py has it
        ("labour", "consular", "return", "integration", "trafficking"),
        (
            Report(VR, 2022, ("fr.pdf", "ar.docx")),
            Report(VR, 2026, ("fr.pdf", "ar.docx", "en.pdf")),
        ),
    ),
    Government(
        "ECU",
        {"en": "Ecuador", "es": "del Ecuador"},
        ("andrea.salazar@example.org", "Andrea Salazar", "es"),
        ("pathways", "integration", "trafficking", "return"),
        (Report(VR, 2022, ("es.pdf",)), Report(VR, 2026, ("es.pdf", "en.pdf"))),
    ),
    Government(
        "MEX",
        {"en": "Mexico", "es": "de México"},
        ("jorge.hernandez@example.org", "Jorge Hernández", "es"),
        ("consular", "integration", "return", "remittances", "pathways"),
        (Report(PLAN, 2022, ("es.pdf",)), Report(VR, 2026, ("es.pdf", "en.pdf"))),
    ),
    Government(
        "CHL",
        {"en": "Chile", "es": "de Chile"},
        ("camila.rojas@example.org", "Camila Rojas", "es"),
        ("pathways", "integration", "data", "climate"),
        (Report(VR, 2022, ("es.pdf",)), Report(PLAN, 2026, ("es.pdf", "en.docx"))),
    ),
    Government(
        "PHL",
        {"en": "the Philippines"},
        ("maria.santos@example.org", "Maria Santos", "en"),
        ("labour", "consular", "remittances", "return"),
        (Report(VR, 2022, ("en.pdf",)), Report(VR, 2026, ("en.pdf",))),
    ),
    Government(
        "DEU",
        {"en": "Germany"},
        ("katrin.vogel@example.org", "Katrin Vogel", "en"),
        ("pathways", "integration", "data", "trafficking"),
        (Report(OTHER, 2022, ("en.pdf",)), Report(VR, 2026, ("en.docx",))),
    ),
    Government(
        "GHA",
        {"en": "Ghana", "fr": "du Ghana"},
        ("kwame.owusu@example.org", "Kwame Owusu", "en"),
        ("labour", "return", "data", "remittances"),
        (Report(PLAN, 2022, ("en.pdf",)), Report(VR, 2026, ("en.pdf", "fr.pdf"))),
    ),
    Government(
        "BGD",
        {"en": "Bangladesh"},
        ("farhana.rahman@example.org", "Farhana Rahman", "en"),
        ("labour", "remittances", "climate", "return"),
        (Report(VR, 2022, ("en.pdf",)), Report(VR, 2026, ("en.docx",))),
    ),
    Government(
        "JOR",
        {"en": "Jordan", "ar": "الأردن"},
        ("layla.mansour@example.org", "Layla Mansour", "ar"),
        ("labour", "integration", "trafficking"),
        (Report(VR, 2026, ("ar.docx", "en.pdf")),),
    ),
    Government(
        "PRT",
        {"en": "Portugal"},
        ("joao.ferreira@example.org", "João Ferreira", "en"),
        ("integration", "pathways", "labour"),
        (
            Report(PLAN, 2022, ("en.pdf",)),
            Report(VR, 2022, ("en.pdf",)),
            Report(VR, 2026, ("en.docx",)),
        ),
    ),
    Government(
        "THA",
        {"en": "Thailand"},
        ("somchai.wongsa@example.org", "Somchai Wongsa", "en"),
        ("labour", "trafficking", "pathways", "data"),
        (Report(VR, 2022, ("en.pdf",)), Report(VR, 2026, ("en.pdf",))),
    ),
    Government(
        "KEN",
        {"en": "Kenya"},
        ("wanjiru.kamau@example.org", "Wanjiru Kamau", "en"),
        ("labour", "consular", "data", "climate"),
        (Report(VR, 2026, ("en.pdf",)),),
    ),
    Government(
        "IDN",
        {"en": "Indonesia"},
        ("dewi.lestari@example.org", "Dewi Lestari", "en"),
        ("labour", "consular", "return", "remittances"),
        (Report(OTHER, 2022, ("en.docx",)), Report(VR, 2026, ("en.pdf",))),
    ),
    Government(
        "CAN",
        {"en": "Canada", "fr": "du Canada"},
        ("emilie.tremblay@example.org", "Émilie Tremblay", "fr"),
        ("pathways", "integration", "climate"),
        (Report(VR, 2022, ("en.pdf", "fr.pdf")), Report(VR, 2026, ("en.pdf", "fr.pdf"))),
    ),
    Government(
        "CHN",
        {"en": "China", "zh-hans": "中国"},
        ("zhang.min@example.org", "Zhang Min", "zh-hans"),
        ("data", "trafficking", "pathways", "climate"),
        (Report(OTHER, 2026, ("zh-hans.pdf", "en.pdf")),),
    ),
    Government(
        "KGZ",
        {"en": "Kyrgyzstan", "ru": "Кыргызской Республики"},
        ("aibek.toktogulov@example.org", "Aibek Toktogulov", "ru"),
        ("labour", "remittances", "return", "consular", "data"),
        (Report(VR, 2022, ("ru.docx",)), Report(VR, 2026, ("ru.docx", "en.docx"))),
    ),
]

# The situations the demo shows besides plain published reports.
EARLIER_VERSION = ("PHL", 2026)  # its English document replaced an advance version
SCANNED = ("BGD", 2022)  # its document is a scan: a PDF without text
PENDING = ("MEX", 2026, "es")  # a corrected version awaits the secretariat
SUBMITTED = ("GHA", Report(OTHER, 2026, ("en.pdf",)))  # in the secretariat's review queue
DRAFT = (  # of the demo focal point: no document yet
    "MAR",
    PLAN,
    2026,
    "Plan national du Maroc pour la mise en œuvre du Pacte mondial pour les migrations 2026–2030",
    "Le plan traduit les recommandations de l’examen national volontaire de 2025 en mesures "
    "concrètes, avec les institutions responsables, un calendrier et des indicateurs. Il "
    "accorde une attention particulière à la protection consulaire et à la réintégration des "
    "migrants de retour.",
)

# At scale (seed_demo --scale), one more published voluntary review per PER_REVIEW pledges, by
# Member States that have none in that cycle (a State reports at most once a cycle).
PER_REVIEW = 500

REGIONS = {
    # commission: the region in a title, what its reviews discuss
    "ECA": (
        "Africa",
        "Across Africa, most migration takes place within the continent. The Protocol on Free "
        "Movement of Persons of the African Union and the free movement regimes of the regional "
        "economic communities, such as ECOWAS and the East African Community, were discussed as "
        "the main tools for regular pathways. Member States called for better data on "
        "intra-African labour mobility and for portable social protection.",
    ),
    "ECE": (
        "the UNECE region",
        "In the UNECE region, labour shortages and ageing populations shape migration policy. "
        "Member States exchanged experience on the recognition of qualifications, on the "
        "inclusion of migrants in health and pension systems and on alternatives to immigration "
        "detention. Central Asian States stressed the protection of their workers abroad.",
    ),
    "ECLAC": (
        "Latin America and the Caribbean",
        "Latin America and the Caribbean saw unprecedented movements within the region. The "
        "Quito Process and the Regional Conference on Migration were highlighted as forums for "
        "cooperation, regularisation programmes granted status to millions of people, and "
        "Caribbean States drew attention to displacement after hurricanes.",
    ),
    "ESCAP": (
        "Asia and the Pacific",
        "Asia and the Pacific is the origin of a large share of the world's migrant workers. "
        "Member States reviewed progress under the Colombo Process and the Abu Dhabi Dialogue, "
        "the cost of the main remittance corridors and the Bali Process on people smuggling, and "
        "Pacific island States described planned relocation in the face of sea-level rise.",
    ),
    "ESCWA": (
        "the Arab region",
        "The Arab region is both a major destination for labour migrants and a region of origin "
        "and transit. Reforms of the kafala sponsorship system, wage protection systems and the "
        "inclusion of domestic workers in labour law were reviewed, together with the situation "
        "of people displaced by conflict.",
    ),
}
REGIONAL_THEMES = ("labour", "remittances", "data", "pathways", "integration", "trafficking")

TITLES = {
    "en": {
        VR: "Voluntary GCM review of {of} {cycle}",
        PLAN: "National implementation plan of {of} for the Global Compact for Migration, {cycle}",
        OTHER: "Report of {of} on the implementation of the Global Compact for Migration, {cycle}",
        Kind.REGIONAL_REVIEW: "Regional review of the Global Compact for Migration in {of}, "
        "{cycle}",
    },
    "fr": {
        VR: "Examen national volontaire {of} sur la mise en œuvre du Pacte mondial pour les "
        "migrations, {cycle}",
    },
    "es": {
        VR: "Examen nacional voluntario {of} sobre la implementación del Pacto Mundial para la "
        "Migración, {cycle}",
        PLAN: "Plan nacional {of} para la implementación del Pacto Mundial para la Migración, "
        "{cycle}",
    },
    "ar": {
        VR: "الاستعراض الوطني الطوعي لتنفيذ الاتفاق العالمي من أجل الهجرة الآمنة والمنظمة "
        "والنظامية – {of}، {cycle}",
    },
    "ru": {
        VR: "Добровольный национальный обзор {of} по осуществлению Глобального договора о "
        "безопасной, упорядоченной и легальной миграции, {cycle}",
    },
    "zh-hans": {OTHER: "{of}落实《安全、有序和正常移民全球契约》进展报告（{cycle}）"},
}

SUMMARIES = {
    "en": {
        VR: "This voluntary review describes how {of} implemented the Global Compact for "
        "Migration during {cycle}.",
        PLAN: "The plan sets out what {of} will do to implement the Global Compact for "
        "Migration, with responsible institutions, budgets and indicators.",
        OTHER: "The report presents the progress made by {of} in implementing the Global "
        "Compact for Migration during {cycle}.",
        Kind.REGIONAL_REVIEW: "The review brings together the experience of {n} member States "
        "of the {of} in implementing the Global Compact for Migration during {cycle}.",
        "themes": "It gives particular attention to {themes}.",
        "more": [
            "It was prepared by an inter-ministerial working group in consultation with civil "
            "society, migrant associations, local authorities and the private sector.",
            "It identifies gaps in data and funding and sets priorities for the next cycle.",
            "Practices that worked are described with their results and costs.",
        ],
    },
    "fr": {
        VR: "Cet examen volontaire présente la mise en œuvre du Pacte mondial pour les "
        "migrations par le Gouvernement {of} au cours de la période {cycle}.",
        "themes": "Il accorde une attention particulière {themes}.",
        "more": [
            "Il a été préparé par un groupe de travail interministériel en concertation avec la "
            "société civile, les associations de migrants et les collectivités territoriales.",
            "Il recense les lacunes en matière de données et de financement et fixe les "
            "priorités du prochain cycle.",
        ],
    },
    "es": {
        VR: "Este examen voluntario describe cómo el Gobierno {of} implementó el Pacto Mundial "
        "para la Migración durante el período {cycle}.",
        PLAN: "El plan establece las medidas que adoptará el Gobierno {of} para implementar el "
        "Pacto Mundial, con instituciones responsables, presupuestos e indicadores.",
        "themes": "Aborda en particular {themes}.",
        "more": [
            "Fue elaborado por una mesa interinstitucional con la participación de la sociedad "
            "civil, las asociaciones de personas migrantes y los gobiernos locales.",
            "Identifica brechas de datos y de financiamiento y fija prioridades para el próximo "
            "ciclo.",
        ],
    },
    "ar": {
        VR: "يعرض هذا الاستعراض الطوعي كيف نفذت حكومة {of} الاتفاق العالمي من أجل الهجرة خلال "
        "الفترة {cycle}.",
        "themes": "ويركز بوجه خاص على {themes}.",
        "more": [
            "وقد أعده فريق عمل مشترك بين الوزارات بالتشاور مع المجتمع المدني وجمعيات المهاجرين "
            "والسلطات المحلية.",
        ],
    },
    "ru": {
        VR: "В добровольном обзоре описывается, как Правительство {of} осуществляло Глобальный "
        "договор о миграции в период {cycle}.",
        "themes": "Особое внимание уделяется следующим темам: {themes}.",
        "more": [
            "Обзор подготовлен межведомственной рабочей группой при участии гражданского "
            "общества, объединений мигрантов и органов местного самоуправления.",
        ],
    },
    "zh-hans": {
        OTHER: "本报告介绍了{of}政府在{cycle}年期间落实《移民问题全球契约》的进展。",
        "themes": "报告重点关注{themes}。",
        "more": ["报告由跨部门工作组在征求地方政府、学术机构和社会组织意见的基础上编写。"],
    },
}

INTRODUCTIONS = {
    "en": {
        VR: "This voluntary national review was prepared by the Government of {of} for the "
        "International Migration Review Forum. It covers the period {cycle} and follows the "
        "guidance of the United Nations Network on Migration, taking a whole-of-government and "
        "whole-of-society approach. Ministries, local authorities, civil society, migrant and "
        "diaspora associations, trade unions, employers and academia contributed through "
        "consultations held across the country.",
        PLAN: "This national implementation plan sets out how the Government of {of} will "
        "implement the Global Compact for Safe, Orderly and Regular Migration. It was adopted "
        "for the cycle {cycle} and assigns each commitment to a responsible institution, with a "
        "budget, a timeline and indicators agreed with the national statistical office.",
        OTHER: "This report of the Government of {of} presents progress in implementing the "
        "Global Compact for Migration during {cycle}. It draws on the work of the national "
        "coordination mechanism on migration and on consultations with civil society and local "
        "authorities.",
        Kind.REGIONAL_REVIEW: "This regional review of the implementation of the Global Compact "
        "for Safe, Orderly and Regular Migration was prepared by the {of} for the International "
        "Migration Review Forum. It covers the period {cycle} and brings together the voluntary "
        "reviews of member States, a regional survey and the conclusions of a multi-stakeholder "
        "consultation.",
    },
    "fr": {
        VR: "Le présent examen national volontaire a été préparé par le Gouvernement {of} en vue "
        "du Forum d’examen des migrations internationales. Il couvre la période {cycle} et suit "
        "les orientations du Réseau des Nations Unies sur les migrations, selon une approche "
        "mobilisant l’ensemble des pouvoirs publics et de la société. Les ministères, les "
        "collectivités territoriales, la société civile, les associations de migrants et de la "
        "diaspora, les syndicats, les employeurs et les universités y ont contribué lors de "
        "consultations organisées dans tout le pays.",
    },
    "es": {
        VR: "El presente examen nacional voluntario fue preparado por el Gobierno {of} para el "
        "Foro de Examen de la Migración Internacional. Abarca el período {cycle} y sigue las "
        "orientaciones de la Red de las Naciones Unidas sobre la Migración, con un enfoque "
        "pangubernamental y pansocial. Ministerios, gobiernos locales, sociedad civil, "
        "asociaciones de personas migrantes y de la diáspora, sindicatos, empleadores y "
        "universidades participaron en consultas realizadas en todo el país.",
        PLAN: "El presente plan nacional establece cómo el Gobierno {of} implementará el Pacto "
        "Mundial para una Migración Segura, Ordenada y Regular. Fue adoptado para el período "
        "{cycle} y asigna cada compromiso a una institución responsable, con presupuesto, "
        "calendario e indicadores acordados con el instituto nacional de estadística.",
    },
    "ar": {
        VR: "أعدت حكومة {of} هذا الاستعراض الوطني الطوعي من أجل المنتدى الدولي لاستعراض الهجرة. "
        "ويغطي الاستعراض الفترة {cycle} ويتبع توجيهات شبكة الأمم المتحدة المعنية بالهجرة، وفق "
        "نهج يشمل الحكومة بأكملها والمجتمع بأسره. وأسهمت في إعداده الوزارات والسلطات المحلية "
        "ومنظمات المجتمع المدني وجمعيات المهاجرين والجاليات في الخارج والنقابات وأصحاب العمل "
        "والجامعات من خلال مشاورات نُظمت في جميع أنحاء البلاد.",
    },
    "ru": {
        VR: "Настоящий добровольный национальный обзор подготовлен Правительством {of} к Форуму "
        "по обзору международной миграции. Он охватывает период {cycle} и следует рекомендациям "
        "Сети Организации Объединённых Наций по миграции, основываясь на общегосударственном и "
        "общесоциальном подходе. В его подготовке участвовали министерства, органы местного "
        "самоуправления, гражданское общество, объединения мигрантов и диаспоры, профсоюзы, "
        "работодатели и научное сообщество.",
    },
    "zh-hans": {
        OTHER: "本报告由{of}政府编写，介绍{cycle}年期间落实《安全、有序和正常移民全球契约》的进展"
        "情况。报告以国家移民协调机制的工作为基础，并参考了与地方政府、学术机构和社会组织的磋商"
        "意见。",
    },
}

CLOSINGS = {
    "en": "Looking ahead, the Government will close the remaining gaps in migration data, secure "
    "sustainable funding for local services and deepen cooperation with countries of origin, "
    "transit and destination. Progress will be reported at the next International Migration "
    "Review Forum.",
    "fr": "Pour la suite, le Gouvernement entend combler les lacunes qui subsistent dans les "
    "données migratoires, assurer un financement durable des services locaux et approfondir la "
    "coopération avec les pays d’origine, de transit et de destination. Les progrès seront "
    "présentés lors du prochain Forum d’examen des migrations internationales.",
    "es": "En adelante, el Gobierno cerrará las brechas que persisten en los datos migratorios, "
    "asegurará un financiamiento sostenible para los servicios locales y profundizará la "
    "cooperación con los países de origen, tránsito y destino. Los avances se presentarán en el "
    "próximo Foro de Examen de la Migración Internacional.",
    "ar": "وفي المرحلة المقبلة، ستعمل الحكومة على سد الثغرات المتبقية في بيانات الهجرة، وضمان "
    "تمويل مستدام للخدمات المحلية، وتعميق التعاون مع بلدان المنشأ والعبور والمقصد. وسيُعرض "
    "التقدم المحرز في المنتدى الدولي المقبل لاستعراض الهجرة.",
    "ru": "В дальнейшем Правительство намерено устранить оставшиеся пробелы в данных о миграции, "
    "обеспечить устойчивое финансирование местных услуг и углубить сотрудничество со странами "
    "происхождения, транзита и назначения. О достигнутом прогрессе будет сообщено на следующем "
    "Форуме по обзору международной миграции.",
    "zh-hans": "下一阶段，政府将着力弥补移民数据方面的不足，为地方服务提供可持续资金，并深化与"
    "原籍国、过境国和目的地国的合作。相关进展将在下一届国际移民审查论坛上报告。",
}
REGIONAL_CLOSING = (
    "Member States of the region agreed to meet again before the next International Migration "
    "Review Forum to take stock of progress, and asked the regional United Nations Network on "
    "Migration to support joint data work and peer learning."
)
PARTICIPANTS = "Representatives of {names} took part in the review."
ADVANCE = " (advance unedited version)"
CORRECTION = (  # what the pending new Spanish version adds
    "Anexo estadístico: las cifras de tarjetas de visitante por razones humanitarias y de "
    "personas atendidas en los albergues se actualizaron con los registros administrativos de "
    "diciembre."
)

# What happened in each country, in the languages of its reports. Each names a few places that
# no other country's reports mention, so that searching for one finds that country's reports.
COUNTRY_TEXTS = {
    "MAR": {
        "en": "Morocco is a country of origin, transit and destination. Its National Strategy on "
        "Immigration and Asylum led to two regularisation campaigns, and migrants now have access "
        "to health centres and schools in Rabat, Tangier and Oujda. The ministry in charge of "
        "Moroccans living abroad supports the community abroad through cultural centres and an "
        "investment desk for the diaspora.",
        "fr": "Le Maroc est à la fois un pays d’origine, de transit et de destination. Sa "
        "Stratégie nationale d’immigration et d’asile a permis deux campagnes de régularisation, "
        "et les migrants ont désormais accès aux centres de santé et aux écoles à Rabat, Tanger "
        "et Oujda. Le ministère chargé des Marocains résidant à l’étranger accompagne la "
        "communauté marocaine à l’étranger grâce à des centres culturels et à un guichet "
        "d’investissement pour la diaspora.",
        "ar": "المغرب بلد منشأ وعبور ومقصد في آن واحد. وقد أتاحت الاستراتيجية الوطنية للهجرة "
        "واللجوء تنظيم حملتين لتسوية أوضاع المهاجرين، وأصبح بإمكان المهاجرين الوصول إلى المراكز "
        "الصحية والمدارس في الرباط وطنجة ووجدة. وتدعم الوزارة المكلفة بالمغاربة المقيمين بالخارج "
        "الجالية المغربية عبر مراكز ثقافية وشباك للاستثمار موجه لمغاربة العالم.",
    },
    "ECU": {
        "en": "Ecuador receives large numbers of people from Venezuela while many Ecuadorians "
        "live abroad. Registration and regularisation processes were carried out with mobile "
        "teams in Quito, Guayaquil and the northern border town of Tulcán, and the Organic Law "
        "on Human Mobility guarantees access to health, education and justice regardless of "
        "status.",
        "es": "El Ecuador acoge a un gran número de personas procedentes de Venezuela, mientras "
        "muchos ecuatorianos viven en el exterior. Se realizaron procesos de registro y "
        "regularización con equipos móviles en Quito, Guayaquil y la ciudad fronteriza de "
        "Tulcán, y la Ley Orgánica de Movilidad Humana garantiza el acceso a la salud, la "
        "educación y la justicia sin importar la situación migratoria.",
    },
    "MEX": {
        "en": "Mexico is at once a country of origin, transit, destination and return. "
        "Humanitarian visitor cards issued in Tapachula let people in transit work and use public "
        "services, shelters along the northern border received federal funds, and the consular "
        "network in the United States of America offers health and financial advice windows to "
        "Mexican nationals.",
        "es": "México es a la vez país de origen, tránsito, destino y retorno. Las tarjetas de "
        "visitante por razones humanitarias expedidas en Tapachula permiten a las personas en "
        "tránsito trabajar y usar los servicios públicos, los albergues de la frontera norte "
        "recibieron fondos federales y la red consular en los Estados Unidos de América ofrece "
        "ventanillas de salud y de asesoría financiera a las personas mexicanas.",
    },
    "CHL": {
        "en": "The migrant population of Chile doubled in a decade. The Migration and Aliens Act "
        "created the National Migration Service, and regional roundtables in Antofagasta, "
        "Iquique and Santiago coordinate housing, health care and school places for new arrivals "
        "in the north of the country.",
        "es": "La población migrante de Chile se duplicó en una década. La Ley de Migración y "
        "Extranjería creó el Servicio Nacional de Migraciones, y mesas regionales en "
        "Antofagasta, Iquique y Santiago coordinan vivienda, salud y cupos escolares para las "
        "personas recién llegadas al norte del país.",
    },
    "PHL": {
        "en": "Overseas Filipino workers are at the heart of the Philippine approach. A single "
        "department brings licensing, welfare and reintegration services for migrant workers "
        "under one roof, and labour offices abroad assist seafarers and domestic workers. "
        "Pre-departure seminars in Manila, Cebu and Davao prepare workers for their rights and "
        "obligations.",
    },
    "DEU": {
        "en": "Germany is one of the main countries of destination in Europe. The Skilled "
        "Immigration Act opened regular pathways for workers with vocational qualifications, "
        "integration courses combine German lessons with orientation on law and society, and "
        "recognition counselling helps people have foreign diplomas accepted. Cities such as "
        "Leipzig and Dortmund pilot local welcome alliances with employers.",
    },
    "GHA": {
        "en": "The National Migration Policy and the Labour Migration Policy of Ghana guide the "
        "work of the Immigration Service, the Labour Department and the Diaspora Affairs Office. "
        "Migrant resource centres in Accra and Kumasi advise prospective migrants, and the Year "
        "of Return initiative invited people of African descent to visit, invest and settle.",
        "fr": "La Politique nationale de migration et la Politique de migration de main-d’œuvre "
        "du Ghana guident l’action du Service de l’immigration, du Département du travail et du "
        "Bureau des affaires de la diaspora. Des centres de ressources pour les migrants à Accra "
        "et Kumasi conseillent les candidats au départ, et l’initiative « Année du retour » a "
        "invité les personnes d’ascendance africaine à venir, investir et s’installer.",
    },
    "BGD": {
        "en": "Bangladesh sends hundreds of thousands of workers abroad every year, and "
        "remittances are among its largest sources of foreign income. District employment and "
        "manpower offices, including those in Sylhet and Comilla, register workers and run skills "
        "tests, while cyclones and river erosion in the coastal belt make climate-related "
        "migration a growing concern.",
    },
    "JOR": {
        "en": "Jordan hosts one of the largest refugee populations in the world relative to its "
        "size. Work permits in agriculture, construction and manufacturing were opened to "
        "refugees, a flexible permit lets workers change employer, and inspections of workplaces "
        "in Zarqa, Irbid and Amman were stepped up to protect migrant domestic and garment "
        "workers.",
        "ar": "يستضيف الأردن واحدًا من أكبر أعداد اللاجئين في العالم قياسًا إلى عدد سكانه. وقد "
        "فُتحت تصاريح العمل في الزراعة والبناء والصناعة أمام اللاجئين، ويتيح تصريح مرن للعمال "
        "تغيير صاحب العمل، كما جرى تكثيف التفتيش على أماكن العمل في الزرقاء وإربد وعمّان لحماية "
        "العاملات في المنازل وعمال مصانع الألبسة من المهاجرين.",
    },
    "PRT": {
        "en": "Portugal sees migration as a source of demographic renewal. The Agency for "
        "Integration, Migration and Asylum runs national and local support centres, municipal "
        "plans for the integration of migrants cover most of the country, and seasonal farm "
        "workers in Odemira now benefit from housing inspections and health outreach.",
    },
    "THA": {
        "en": "Thailand relies on workers from Cambodia, the Lao People's Democratic Republic and "
        "Myanmar. Memoranda of understanding with these countries organise regular recruitment, "
        "one-stop service centres register workers and their families, and post-arrival "
        "orientation in Samut Sakhon and Tak helps fishers and factory workers know their "
        "rights.",
    },
    "KEN": {
        "en": "Kenya is a country of origin, transit and destination in East Africa. The "
        "National Coordination Mechanism on Migration brings together more than twenty "
        "institutions, the diaspora policy engages Kenyans abroad, and migrant resource centres "
        "in Mombasa, Kisumu and Eldoret inform young people about safe labour migration to the "
        "Gulf countries.",
    },
    "IDN": {
        "en": "Indonesia protects its migrant workers from the village upwards. Integrated "
        "one-stop services in provinces such as West Nusa Tenggara and East Java handle "
        "documents, training and insurance, and the Desmigratif programme helps villages support "
        "the families of migrants and returning workers.",
    },
    "CAN": {
        "en": "Canada plans immigration through multi-year levels plans and invests in settlement "
        "services from the day of arrival. Provincial nominee programmes let provinces such as "
        "Saskatchewan and Manitoba select the workers they need, and community sponsorship has "
        "brought refugees to towns across the country.",
        "fr": "Le Canada planifie l’immigration au moyen de plans pluriannuels des niveaux et "
        "finance des services d’établissement dès l’arrivée. Les programmes des candidats des "
        "provinces permettent à des provinces comme la Saskatchewan et le Manitoba de choisir les "
        "travailleurs dont elles ont besoin, et le parrainage communautaire a permis d’accueillir "
        "des réfugiés dans des villes de tout le pays.",
    },
    "CHN": {
        "en": "China is a country of origin, destination and transit. The National Immigration "
        "Administration improved services for foreigners living in the country, and exit and "
        "entry service centres in Guangzhou, Yiwu and Kunming help foreign traders and workers "
        "with permits and residence.",
        "zh-hans": "中国既是原籍国，也是目的地国和过境国。国家移民管理局改进了对在华外国人的服务，"
        "广州、义乌和昆明的出入境服务中心为外国商人和劳动者办理许可和居留手续。",
    },
    "KGZ": {
        "en": "About one in five workers of Kyrgyzstan works abroad, mainly in the Russian "
        "Federation and Kazakhstan, and remittances equal around a third of the economy. Centres "
        "for employment abroad in Bishkek and Osh advise on contracts and pre-departure "
        "training, and membership of the Eurasian Economic Union gives Kyrgyz workers equal "
        "access to the labour markets of its member States.",
        "ru": "Около каждого пятого работника Кыргызстана трудится за рубежом, главным образом в "
        "Российской Федерации и Казахстане, а денежные переводы составляют примерно треть "
        "экономики. Центры по трудоустройству за рубежом в Бишкеке и Оше консультируют по "
        "вопросам договоров и предотъездной подготовки, а членство в Евразийском экономическом "
        "союзе обеспечивает кыргызским работникам равный доступ к рынкам труда государств-членов.",
    },
}

# The objectives of the Compact the reports discuss: what a summary calls them, and a paragraph.
THEME_NAMES = {
    "en": {
        "labour": "fair recruitment and decent work",
        "remittances": "cheaper and safer remittances",
        "consular": "consular protection",
        "return": "return and reintegration",
        "data": "migration data",
        "pathways": "regular pathways",
        "integration": "the inclusion of migrants",
        "trafficking": "the fight against trafficking in persons",
        "climate": "displacement linked to climate change",
    },
    "fr": {
        "labour": "au recrutement équitable et au travail décent",
        "remittances": "aux transferts de fonds",
        "consular": "à la protection consulaire",
        "return": "au retour et à la réintégration",
        "data": "aux données sur les migrations",
        "pathways": "aux voies de migration régulières",
        "integration": "à l’inclusion des migrants",
        "trafficking": "à la lutte contre la traite des personnes",
        "climate": "aux déplacements liés aux changements climatiques",
    },
    "es": {
        "labour": "la contratación equitativa y el trabajo decente",
        "remittances": "las remesas",
        "consular": "la protección consular",
        "return": "el retorno y la reintegración",
        "data": "los datos sobre migración",
        "pathways": "las vías de migración regular",
        "integration": "la inclusión de las personas migrantes",
        "trafficking": "la lucha contra la trata de personas",
        "climate": "la movilidad vinculada al cambio climático",
    },
    "ar": {
        "labour": "التوظيف العادل والعمل اللائق",
        "consular": "الحماية القنصلية",
        "return": "العودة وإعادة الإدماج",
        "integration": "إدماج المهاجرين",
        "trafficking": "مكافحة الاتجار بالأشخاص",
    },
    "ru": {
        "labour": "справедливый наём и достойный труд",
        "remittances": "денежные переводы",
        "return": "возвращение и реинтеграция",
        "consular": "консульская защита",
        "data": "данные о миграции",
    },
    "zh-hans": {
        "data": "移民数据",
        "trafficking": "打击人口贩运",
        "pathways": "正常移民渠道",
        "climate": "气候变化与迁移",
    },
}
THEMES = {
    "en": {
        "labour": "Fair recruitment and decent work (objectives 6 and 22). The Ministry of Labour "
        "now licenses every private recruitment agency and publishes the list of licensed "
        "agencies online. Workers may no longer be charged recruitment fees, and standard "
        "employment contracts must be signed before departure. Bilateral agreements with the "
        "main countries of destination include joint committees that meet every year to review "
        "complaints, wages and social security.",
        "remittances": "Remittances (objective 20). Remittances remain a lifeline for many "
        "households. The central bank cut the cost of sending money home by licensing digital "
        "providers and by linking the national payment system to those of the main corridors. "
        "Financial literacy courses help families save and invest.",
        "consular": "Consular protection and assistance (objective 14). The network of "
        "consulates was strengthened with labour attachés, social workers and lawyers in the "
        "main countries of destination. A hotline open day and night and a mobile application "
        "let nationals abroad ask for help in their own language, and an emergency fund covers "
        "repatriation in case of death, illness or crisis.",
        "return": "Return and sustainable reintegration (objective 21). Returning migrants are "
        "received at airports and land borders by a one-stop service that offers information, "
        "psychosocial support and referral to training and jobs. Small business grants and the "
        "recognition of skills acquired abroad help them find their place in the labour market.",
        "data": "Migration data (objective 1). A national working group on migration statistics "
        "brings together the statistical office, the ministries concerned and academia. "
        "Questions on migration were added to the census and to the labour force survey, "
        "administrative records are shared under a data protection agreement, and a migration "
        "profile is published every year in open formats.",
        "pathways": "Regular pathways (objective 5). New visas for seasonal work, study and "
        "family reunification were introduced, and procedures were simplified and moved online. "
        "Skills partnerships with countries of origin combine training at home with jobs abroad, "
        "and humanitarian visas are available for people fleeing crises.",
        "integration": "Inclusion and social cohesion (objectives 15, 16 and 17). Migrants, "
        "whatever their status, have access to primary health care and their children to "
        "school. Municipal welcome centres offer language courses, legal advice and help with "
        "the recognition of diplomas, and a national campaign against xenophobia works with the "
        "media, schools and sports clubs.",
        "trafficking": "Trafficking in persons and smuggling of migrants (objectives 9 and 10). "
        "A national referral mechanism identifies and protects victims of trafficking, with "
        "shelters, legal aid and residence permits for those who need them. Labour inspectors, "
        "police and prosecutors were trained together, and investigations now follow the money "
        "of criminal networks.",
        "climate": "Climate change and disasters (objective 2). Floods, droughts and rising seas "
        "already drive people from their homes. Guidelines on planned relocation, early warning "
        "systems and social protection for affected communities are part of the national "
        "adaptation plan, and labour mobility is recognised as one way for households to adapt.",
    },
    "fr": {
        "labour": "Recrutement équitable et travail décent (objectifs 6 et 22). Le ministère du "
        "Travail agrée désormais toutes les agences privées de recrutement et publie leur liste "
        "en ligne. Aucun frais de recrutement ne peut être demandé aux travailleurs, et un "
        "contrat type doit être signé avant le départ. Les accords bilatéraux conclus avec les "
        "principaux pays de destination prévoient des comités mixtes qui examinent chaque année "
        "les plaintes, les salaires et la sécurité sociale.",
        "remittances": "Transferts de fonds (objectif 20). Les envois de fonds restent vitaux "
        "pour de nombreux ménages. La banque centrale a réduit le coût des transferts en "
        "agréant des prestataires numériques et en reliant le système national de paiement à "
        "ceux des principaux corridors. Des formations à l’éducation financière aident les "
        "familles à épargner et à investir.",
        "consular": "Protection et assistance consulaires (objectif 14). Le réseau consulaire a "
        "été renforcé par des attachés sociaux, des travailleurs sociaux et des avocats dans les "
        "principaux pays de destination. Une ligne d’assistance ouverte jour et nuit et une "
        "application mobile permettent aux ressortissants à l’étranger de demander de l’aide "
        "dans leur langue, et un fonds d’urgence couvre le rapatriement en cas de décès, de "
        "maladie ou de crise.",
        "return": "Retour et réintégration durable (objectif 21). Les migrants de retour sont "
        "accueillis aux aéroports et aux frontières terrestres par un guichet unique qui offre "
        "information, soutien psychosocial et orientation vers la formation et l’emploi. Des "
        "subventions aux microentreprises et la reconnaissance des compétences acquises à "
        "l’étranger facilitent leur insertion professionnelle.",
        "data": "Données sur les migrations (objectif 1). Un groupe de travail national sur les "
        "statistiques migratoires réunit l’institut de la statistique, les ministères concernés "
        "et les universités. Des questions sur la migration ont été ajoutées au recensement et à "
        "l’enquête sur l’emploi, et un profil migratoire est publié chaque année en format "
        "ouvert.",
        "pathways": "Voies de migration régulières (objectif 5). De nouveaux visas pour le "
        "travail saisonnier, les études et le regroupement familial ont été créés, et les "
        "démarches ont été simplifiées et dématérialisées. Des partenariats pour les compétences "
        "associent formation dans le pays d’origine et emploi à l’étranger.",
        "integration": "Inclusion et cohésion sociale (objectifs 15, 16 et 17). Les migrants, "
        "quel que soit leur statut, ont accès aux soins de santé primaires et leurs enfants à "
        "l’école. Des centres municipaux d’accueil proposent des cours de langue, des conseils "
        "juridiques et une aide à la reconnaissance des diplômes, et une campagne nationale "
        "contre la xénophobie mobilise les médias et les écoles.",
        "trafficking": "Traite des personnes et trafic de migrants (objectifs 9 et 10). Un "
        "mécanisme national d’orientation identifie et protège les victimes de la traite, qui "
        "bénéficient d’un hébergement, d’une aide juridique et, si nécessaire, d’un titre de "
        "séjour. Inspecteurs du travail, policiers et magistrats ont été formés ensemble, et les "
        "enquêtes visent désormais les flux financiers des réseaux criminels.",
        "climate": "Changements climatiques et catastrophes (objectif 2). La montée des eaux, "
        "les sécheresses et les inondations poussent déjà des populations à quitter leur foyer. "
        "Le plan national d’adaptation comprend des lignes directrices sur la réinstallation "
        "planifiée, des systèmes d’alerte précoce et une protection sociale pour les communautés "
        "touchées.",
    },
    "es": {
        "labour": "Contratación equitativa y trabajo decente (objetivos 6 y 22). El Ministerio "
        "de Trabajo otorga ahora licencia a todas las agencias privadas de contratación y publica "
        "su lista en línea. Ya no se puede cobrar a los trabajadores comisiones de contratación, "
        "y los contratos tipo deben firmarse antes de la salida. Los acuerdos bilaterales con los "
        "principales países de destino prevén comités conjuntos que revisan cada año las quejas, "
        "los salarios y la seguridad social.",
        "remittances": "Remesas (objetivo 20). Las remesas siguen siendo vitales para muchos "
        "hogares. El banco central redujo el costo de los envíos al autorizar proveedores "
        "digitales y conectar el sistema nacional de pagos con los de los principales "
        "corredores. Cursos de educación financiera ayudan a las familias a ahorrar e invertir.",
        "consular": "Protección y asistencia consulares (objetivo 14). La red consular se reforzó "
        "con agregados laborales, trabajadores sociales y abogados en los principales países de "
        "destino. Una línea de atención permanente y una aplicación móvil permiten a los "
        "nacionales en el exterior pedir ayuda en su idioma, y un fondo de emergencia cubre la "
        "repatriación en caso de fallecimiento, enfermedad o crisis.",
        "return": "Retorno y reintegración sostenible (objetivo 21). Las personas migrantes que "
        "regresan son recibidas en aeropuertos y pasos fronterizos por una ventanilla única que "
        "ofrece información, apoyo psicosocial y derivación a formación y empleo. Los capitales "
        "semilla para emprendimientos y la certificación de competencias adquiridas en el "
        "exterior facilitan su inserción laboral.",
        "data": "Datos sobre migración (objetivo 1). Una mesa técnica nacional de estadísticas "
        "migratorias reúne al instituto de estadística, los ministerios competentes y la "
        "academia. Se incorporaron preguntas sobre migración al censo y a la encuesta de empleo, "
        "y cada año se publica un perfil migratorio en formatos abiertos.",
        "pathways": "Vías de migración regular (objetivo 5). Se crearon nuevas visas para el "
        "trabajo temporal, los estudios y la reunificación familiar, y los trámites se "
        "simplificaron y pueden realizarse en línea. Los procesos de regularización permitieron "
        "a cientos de miles de personas obtener documentos y acceder al empleo formal.",
        "integration": "Inclusión y cohesión social (objetivos 15, 16 y 17). Las personas "
        "migrantes, cualquiera que sea su situación, tienen acceso a la atención primaria de "
        "salud y sus hijos a la escuela. Centros municipales de acogida ofrecen orientación "
        "jurídica y apoyo para la convalidación de títulos, y una campaña nacional contra la "
        "xenofobia trabaja con los medios de comunicación y las escuelas.",
        "trafficking": "Trata de personas y tráfico ilícito de migrantes (objetivos 9 y 10). Un "
        "mecanismo nacional de derivación identifica y protege a las víctimas de trata, que "
        "reciben alojamiento, asistencia jurídica y, cuando lo necesitan, un permiso de "
        "residencia. Inspectores laborales, policías y fiscales recibieron formación conjunta, y "
        "las investigaciones se dirigen ahora a los flujos financieros de las redes criminales.",
        "climate": "Cambio climático y desastres (objetivo 2). Las sequías, las inundaciones y "
        "el retroceso de los glaciares ya obligan a muchas familias a dejar sus hogares. El plan "
        "nacional de adaptación incluye directrices de reubicación planificada, sistemas de "
        "alerta temprana y protección social para las comunidades afectadas.",
    },
    "ar": {
        "labour": "التوظيف العادل والعمل اللائق (الهدفان 6 و22). تمنح وزارة العمل الآن التراخيص "
        "لجميع وكالات التوظيف الخاصة وتنشر قائمتها على الإنترنت. ولم يعد يجوز تحصيل رسوم توظيف "
        "من العمال، ويجب توقيع عقد عمل موحد قبل المغادرة. وتنص الاتفاقات الثنائية مع بلدان "
        "المقصد الرئيسية على لجان مشتركة تجتمع كل سنة لمراجعة الشكاوى والأجور والضمان "
        "الاجتماعي.",
        "consular": "الحماية والمساعدة القنصلية (الهدف 14). جرى تعزيز الشبكة القنصلية بملحقين "
        "عماليين ومرشدين اجتماعيين ومحامين في بلدان المقصد الرئيسية. ويتيح خط هاتفي يعمل على "
        "مدار الساعة وتطبيق للهاتف المحمول للمواطنين في الخارج طلب المساعدة بلغتهم، ويغطي صندوق "
        "للطوارئ تكاليف الإعادة إلى الوطن في حالات الوفاة أو المرض أو الأزمات.",
        "return": "العودة وإعادة الإدماج المستدام (الهدف 21). يُستقبل المهاجرون العائدون في "
        "المطارات والمعابر البرية عبر شباك موحد يقدم المعلومات والدعم النفسي والاجتماعي والتوجيه "
        "نحو التدريب والعمل. وتساعد منح المشاريع الصغيرة والاعتراف بالمهارات المكتسبة في الخارج "
        "على اندماجهم في سوق العمل.",
        "integration": "الإدماج والتماسك الاجتماعي (الأهداف 15 و16 و17). يحصل المهاجرون، أيًا "
        "كان وضعهم، على الرعاية الصحية الأولية ويلتحق أطفالهم بالمدارس. وتقدم مراكز الاستقبال "
        "البلدية دروسًا في اللغة واستشارات قانونية ومساعدة في معادلة الشهادات، وتعمل حملة وطنية "
        "لمكافحة كره الأجانب مع وسائل الإعلام والمدارس.",
        "trafficking": "الاتجار بالأشخاص وتهريب المهاجرين (الهدفان 9 و10). تتولى آلية إحالة "
        "وطنية تحديد ضحايا الاتجار وحمايتهم، إذ يحصلون على المأوى والمساعدة القانونية وتصاريح "
        "الإقامة عند الحاجة. وتلقى مفتشو العمل وأفراد الشرطة وأعضاء النيابة العامة تدريبًا "
        "مشتركًا، وباتت التحقيقات تستهدف التدفقات المالية للشبكات الإجرامية.",
    },
    "ru": {
        "labour": "Справедливый наём и достойный труд (цели 6 и 22). Министерство труда "
        "лицензирует все частные агентства занятости и публикует их перечень в интернете. С "
        "работников больше нельзя взимать плату за трудоустройство, а типовой трудовой договор "
        "подписывается до выезда. Двусторонние соглашения с основными странами назначения "
        "предусматривают совместные комиссии, которые ежегодно рассматривают жалобы, вопросы "
        "заработной платы и социального обеспечения.",
        "remittances": "Денежные переводы (цель 20). Переводы остаются жизненно важными для "
        "многих домохозяйств. Национальный банк снизил стоимость переводов, выдав лицензии "
        "цифровым операторам и связав национальную платёжную систему с системами основных "
        "коридоров. Курсы финансовой грамотности помогают семьям сберегать и инвестировать.",
        "return": "Возвращение и устойчивая реинтеграция (цель 21). Возвращающихся мигрантов "
        "встречают в аэропортах и на пунктах пропуска центры «единого окна», которые "
        "предоставляют информацию и психосоциальную поддержку и направляют на обучение и работу. "
        "Гранты для малого бизнеса и признание квалификации, полученной за рубежом, облегчают их "
        "возвращение на рынок труда.",
        "consular": "Консульская защита и помощь (цель 14). Консульская сеть усилена атташе по "
        "вопросам труда, социальными работниками и юристами в основных странах назначения. "
        "Круглосуточная горячая линия и мобильное приложение позволяют гражданам за рубежом "
        "обратиться за помощью на родном языке, а чрезвычайный фонд покрывает расходы на "
        "репатриацию в случае смерти, болезни или кризиса.",
        "data": "Данные о миграции (цель 1). Национальная рабочая группа по статистике миграции "
        "объединяет статистический комитет, профильные министерства и научное сообщество. "
        "Вопросы о миграции включены в перепись населения и обследование рабочей силы, а "
        "ежегодный миграционный профиль публикуется в открытых форматах.",
    },
    "zh-hans": {
        "data": "移民数据（目标1）。国家移民统计工作组汇集了统计部门、相关部委和学术机构。人口普查"
        "和劳动力调查增加了有关移民的问题，行政记录在数据保护协议下实现共享，并每年以开放格式发布"
        "移民概况。",
        "trafficking": "打击人口贩运和偷运移民（目标9和10）。国家转介机制负责识别和保护人口贩运受害"
        "者，为其提供庇护所、法律援助以及必要时的居留许可。劳动监察、公安和检察人员接受了联合培训，"
        "调查工作现已针对犯罪网络的资金流动。",
        "pathways": "正常移民渠道（目标5）。新设了季节性工作、留学和家庭团聚签证，相关手续得到简化"
        "并可在线办理。与原籍国的技能伙伴关系将国内培训与海外就业相结合。",
        "climate": "气候变化与灾害（目标2）。干旱、洪水和海平面上升已迫使一些人离开家园。国家适应"
        "战略包括有计划搬迁指南、预警系统以及对受影响社区的社会保障。",
    },
}
CONJUNCTIONS = {"en": " and ", "fr": " et ", "es": " y ", "ru": " и "}
FILE_KINDS = {
    VR: "voluntary-gcm-review",
    PLAN: "national-implementation-plan",
    OTHER: "national-report",
    Kind.REGIONAL_REVIEW: "regional-review",
}


class _Demo(NamedTuple):
    """What every part of the demo refers to, fetched once, and the trail it builds up."""

    rng: random.Random
    now: datetime.datetime
    editions: dict[int, Edition]
    secretariat: User | None  # who publishes
    admin: User | None  # who records regional reviews
    events: list[tuple[Event, datetime.datetime]]  # the audit trail, each with its date


@transaction.atomic
def seed(
    *,
    scale: int = 0,
    seed_value: int = 2026,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Create the demo reviews unless reviews exist; return how many were created.

    Every government of GOVERNMENTS publishes its reports, each UN regional commission two
    regional reviews (one per cycle); Ghana's latest report awaits the secretariat and the demo
    focal point has a draft plan for Morocco. SCALE pledges bring SCALE // PER_REVIEW more
    voluntary reviews in English, PROGRESS(done, total) being called as each is made. The
    search index is left alone: reindex after."""
    if Review.objects.exists():
        return 0
    demo = _Demo(
        rng=random.Random(seed_value),
        now=timezone.now(),
        editions={edition.year: edition for edition in Edition.objects.all()},
        secretariat=(
            User.objects.filter(role=Role.REVIEWER).order_by("pk").first()
            or User.objects.filter(role=Role.ADMIN).order_by("pk").first()
        ),
        admin=User.objects.filter(role=Role.ADMIN).order_by("pk").first(),
        events=[],
    )
    governments = _governments(demo.now)
    count = 0
    for government in GOVERNMENTS:
        for report in government.reports:
            _national_report(demo, government, report, *governments[government.iso3])
            count += 1
    for commission in RegionalCommission.objects.order_by("code"):
        organisation = _commission_organisation(commission, demo.now)
        for year in sorted(demo.editions):
            _regional_review(demo, commission, organisation, year)
            count += 1
    count += _work_in_progress(demo, governments)
    count += _more_reviews(demo, scale // PER_REVIEW, progress)
    _record(demo.events)
    return count


def _governments(now) -> dict[str, tuple[Organisation, User]]:
    """The government of each country of GOVERNMENTS and its focal point, made if missing."""
    countries = Country.objects.in_bulk([g.iso3 for g in GOVERNMENTS], field_name="iso3")
    governments = {}
    for government in GOVERNMENTS:
        country = countries[government.iso3]
        organisation = _government(country, f"Government of {government.of['en']}", now)
        email, full_name, language = government.focal_point
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create(
                email=email,
                password=accounts_demo.password_hash(),
                full_name=full_name,
                language=language,
                email_confirmed_at=now,
            )
        Membership.objects.get_or_create(
            user=user,
            organisation=organisation,
            defaults={"level": Membership.Level.FOCAL_POINT},
        )
        governments[government.iso3] = (organisation, user)
    return governments


def _government(country: Country, name: str, now) -> Organisation:
    """The government of COUNTRY, made under NAME if it has none (the demo of organisations at
    scale may have made it under the country's official name)."""
    organisation = (
        Organisation.objects.filter(entity_type__code="member-state", country=country)
        .order_by("pk")
        .first()
    )
    return organisation or Organisation.objects.create(
        name=name,
        entity_type=EntityType.objects.get(code="member-state"),
        country=country,
        status=Organisation.Status.VERIFIED,
        verified_at=now,
    )


def _more_reviews(demo: _Demo, count: int, progress) -> int:
    """COUNT more published voluntary reviews in English (fewer if every Member State has one in
    every past cycle), by governments drawn at random, each with its document and its trail."""
    years = [year for year in sorted(demo.editions) if year <= demo.now.year]
    reported = set(Review.objects.exclude(country=None).values_list("country_id", "edition__year"))
    wanted = [
        (country, year)
        for country in Country.objects.member_states().order_by("iso3")
        for year in years
        if (country.pk, year) not in reported
    ]
    chosen = demo.rng.sample(wanted, k=min(count, len(wanted)))
    themes = list(THEMES["en"])
    for done, (country, year) in enumerate(chosen, start=1):
        of, cycle = country.names["en"], cycle_label(year)
        organisation = _government(country, f"Government of {of}", demo.now)
        author = (
            User.objects.filter(memberships__organisation=organisation).order_by("pk").first()
            or demo.admin
        )
        chosen_themes = sorted(demo.rng.sample(themes, k=3), key=themes.index)
        day, created, submitted, published = _dates(demo, year)
        summary = [
            SUMMARIES["en"][VR].format(of=of, cycle=cycle),
            _themes_sentence("en", chosen_themes),
            *demo.rng.sample(SUMMARIES["en"]["more"], k=demo.rng.randint(0, 2)),
        ]
        review = _review(
            demo,
            organisation=organisation,
            author=author,
            country=country,
            kind=VR,
            year=year,
            title=TITLES["en"][VR].format(of=of, cycle=cycle),
            summary=" ".join(summary),
            day=day,
            times=(created, submitted, published),
        )
        paragraphs = [
            INTRODUCTIONS["en"][VR].format(of=of, cycle=cycle),
            *[THEMES["en"][theme] for theme in chosen_themes],
            CLOSINGS["en"],
        ]
        version = demo.rng.choice(["en.pdf", "en.docx"])
        name = _file_name(of, Report(VR, year, ()), version)
        uploaded = submitted - datetime.timedelta(hours=1)
        _document(review, version, review.title, paragraphs, name, by=author, when=uploaded)
        if progress:
            progress(done, len(chosen))
    return len(chosen)


def _commission_organisation(commission: RegionalCommission, now) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        name=f"{commission.names['en']} ({commission.code})",
        defaults={
            "entity_type": EntityType.objects.get(code="un-system"),
            "commission": commission,
            "status": Organisation.Status.VERIFIED,
            "verified_at": now,
        },
    )
    return organisation


def _national_report(demo: _Demo, government: Government, report: Report, organisation, author):
    """A published national report with its language versions and its trail."""
    day, created, submitted, published = _dates(demo, report.year)
    themes = _themes(demo.rng, government, report)
    review = _review(
        demo,
        organisation=organisation,
        author=author,
        country=organisation.country,
        kind=report.kind,
        year=report.year,
        title=_title(government, report, report.versions[0]),
        summary=_summary(demo.rng, government, report, themes),
        day=day,
        times=(created, submitted, published),
    )
    for version in report.versions:
        language = _language(version)
        paragraphs = _paragraphs(government, report, language, themes)
        title = _title(government, report, version)
        name = _file_name(government.of["en"], report, version)
        if (government.iso3, report.year) == SCANNED:
            title, paragraphs = "", []
        if (government.iso3, report.year) == EARLIER_VERSION and language == "en":
            _earlier_version(demo, review, version, title, paragraphs, name, by=author)
            continue
        uploaded = submitted - datetime.timedelta(hours=1)
        _document(review, version, title, paragraphs, name, by=author, when=uploaded)
        if (government.iso3, report.year, language) == PENDING:
            pending = _document(
                review,
                version,
                title,
                [*paragraphs, CORRECTION],
                name.replace(f"-{language}.", f"-{language}-corrected."),
                by=author,
                when=demo.now - datetime.timedelta(days=3),
                status=Document.Status.PENDING,
            )
            _event(
                demo,
                review,
                Action.SUBMIT,
                by=author,
                when=demo.now - datetime.timedelta(days=3),
                changes={"document": [None, pending.name]},
                note=str(pending.get_language_display()),
                on_revision=True,
            )


def _earlier_version(demo: _Demo, review, version, title, paragraphs, name, *, by) -> None:
    """An advance version submitted with the review, replaced after publication by the final
    one that the secretariat accepted."""
    replaced = min(
        review.published_at + datetime.timedelta(days=demo.rng.randint(30, 60)),
        demo.now - datetime.timedelta(days=10),
    )
    earlier = _document(
        review,
        version,
        title + ADVANCE,
        paragraphs[:-1],
        name.replace(".", "-advance.", 1),
        by=by,
        when=review.submitted_at - datetime.timedelta(hours=1),
        status=Document.Status.REPLACED,
    )
    Document.objects.filter(pk=earlier.pk).update(replaced_at=replaced)
    final = _document(review, version, title, paragraphs, name, by=by, when=replaced)
    changes = {"document": [None, final.name]}
    note = str(final.get_language_display())
    asked = replaced - datetime.timedelta(days=4)
    _event(
        demo, review, Action.SUBMIT, by=by, when=asked, changes=changes, note=note, on_revision=True
    )
    _event(
        demo,
        review,
        Action.PUBLISH,
        by=demo.secretariat,
        when=replaced,
        changes=changes,
        on_revision=True,
    )


def _regional_review(demo: _Demo, commission, organisation, year: int) -> None:
    """A published regional review of COMMISSION in the cycle of the YEAR's forum."""
    rng = demo.rng
    region, text = REGIONS[commission.code]
    members = list(commission.countries.member_states().order_by("iso3"))
    ours = {g.iso3 for g in GOVERNMENTS}
    size = rng.randint(5, min(15, len(members)))
    participants = [c for c in members if c.iso3 in ours and rng.random() < 0.8][:size]
    participants += rng.sample(
        [c for c in members if c not in participants], size - len(participants)
    )
    participants.sort(key=lambda country: country.names["en"])
    themes = sorted(rng.sample(REGIONAL_THEMES, k=3), key=REGIONAL_THEMES.index)
    cycle = cycle_label(year)
    of = commission.names["en"]
    summary = [
        SUMMARIES["en"][Kind.REGIONAL_REVIEW].format(n=size, of=of, cycle=cycle),
        _themes_sentence("en", themes),
        *rng.sample(SUMMARIES["en"]["more"][1:], k=rng.randint(0, 1)),
    ]
    day, created, submitted, published = _dates(demo, year)
    review = _review(
        demo,
        organisation=organisation,
        author=demo.admin,
        commission=commission,
        kind=Kind.REGIONAL_REVIEW,
        year=year,
        title=TITLES["en"][Kind.REGIONAL_REVIEW].format(of=region, cycle=cycle),
        summary=" ".join(summary),
        day=day,
        times=(created, submitted, published),
    )
    review.participants.set(participants)
    names = [country.names["en"] for country in participants]
    paragraphs = [
        INTRODUCTIONS["en"][Kind.REGIONAL_REVIEW].format(of=of, cycle=cycle),
        PARTICIPANTS.format(names=_join("en", names)),
        text,
        *[THEMES["en"][theme] for theme in themes],
        REGIONAL_CLOSING,
    ]
    version = "en.pdf" if year < max(demo.editions) else "en.docx"
    name = _file_name(commission.code, Report(Kind.REGIONAL_REVIEW, year, ()), version)
    uploaded = submitted - datetime.timedelta(hours=1)
    _document(review, version, review.title, paragraphs, name, by=demo.admin, when=uploaded)


def _work_in_progress(demo: _Demo, governments) -> int:
    """Ghana's report in the secretariat's queue, and the demo focal point's draft plan."""
    iso3, report = SUBMITTED
    government = next(g for g in GOVERNMENTS if g.iso3 == iso3)
    organisation, author = governments[iso3]
    themes = _themes(demo.rng, government, report)
    submitted = demo.now - datetime.timedelta(days=6, hours=demo.rng.randint(0, 8))
    created = submitted - datetime.timedelta(days=demo.rng.randint(10, 20))
    review = _review(
        demo,
        organisation=organisation,
        author=author,
        country=organisation.country,
        kind=report.kind,
        year=report.year,
        title=_title(government, report, report.versions[0]),
        summary=_summary(demo.rng, government, report, themes),
        day=_dates(demo, report.year)[0],
        times=(created, submitted, None),
    )
    version = report.versions[0]
    _document(
        review,
        version,
        review.title,
        _paragraphs(government, report, _language(version), themes),
        _file_name(government.of["en"], report, version),
        by=author,
        when=submitted - datetime.timedelta(hours=1),
    )

    iso3, kind, year, title, summary = DRAFT
    organisation, author = governments[iso3]
    _review(
        demo,
        organisation=organisation,
        author=author,
        country=organisation.country,
        kind=kind,
        year=year,
        title=title,
        summary=summary,
        day=timezone.localdate(),
        times=(demo.now - datetime.timedelta(days=2), None, None),
    )
    return 2


def _review(demo: _Demo, *, author, year: int, day, times, **fields) -> Review:
    """A review in the state its TIMES say (created, submitted, published: None if not yet),
    with its trail: created, then submitted by AUTHOR, then published by the secretariat."""
    created, submitted, published = times
    state = State.PUBLISHED if published else State.SUBMITTED if submitted else State.DRAFT
    review = Review.objects.create(
        edition=demo.editions[year],
        state=state,
        created_by=author,
        submitted_at=submitted,
        published_at=published,
        date=day,
        **fields,
    )
    # created_at and updated_at are stamped with the present: date them as it happened
    Review.objects.filter(pk=review.pk).update(
        created_at=created, updated_at=published or submitted or created
    )
    _event(demo, review, Action.CREATE, by=author, when=created, to_state=State.DRAFT)
    if submitted:
        _event(
            demo,
            review,
            Action.SUBMIT,
            by=author,
            when=submitted,
            from_state=State.DRAFT,
            to_state=State.SUBMITTED,
        )
    if published:
        _event(
            demo,
            review,
            Action.PUBLISH,
            by=demo.secretariat,
            when=published,
            from_state=State.SUBMITTED,
            to_state=State.PUBLISHED,
        )
    return review


def _document(
    review, version: str, title: str, paragraphs: list[str], name: str, *, by, when, status=None
) -> Document:
    """The VERSION ("es.pdf") of REVIEW, made by samples.py and read as an upload is."""
    language, kind = version.rsplit(".", 1)
    if kind == "pdf":
        content = samples.pdf_document(paragraphs, title=title)
    else:
        content = samples.docx_document(paragraphs, title=title, language=language)
    extracted = read_document(SimpleUploadedFile(name, content))
    document = Document(
        review=review,
        language=language,
        name=name,
        kind=extracted.kind,
        size=len(content),
        pages=extracted.pages,
        text=extracted.text,
        is_searchable=extracted.is_searchable,
        status=status or Document.Status.CURRENT,
        uploaded_by=by,
    )
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    Document.objects.filter(pk=document.pk).update(created_at=when)
    return document


def _event(demo: _Demo, review, action: Action, *, by, when, **fields) -> None:
    demo.events.append((Event(record_id=review.pk, action=action, actor=by, **fields), when))


def _record(events: list[tuple[Event, datetime.datetime]]) -> None:
    """Store the audit trail, each event dated when it happened (created_at is stamped with the
    present on insert)."""
    record_type = ContentType.objects.get_for_model(Review)
    for event, _ in events:
        event.record_type = record_type
    Event.objects.bulk_create([event for event, _ in events])
    for event, when in events:
        Event.objects.filter(pk=event.pk).update(created_at=when)


def _dates(demo: _Demo, year: int):
    """The date of a report in the cycle of the YEAR's forum, and when it was created,
    submitted and published on gcmhub."""
    rng = demo.rng
    first, last = datetime.date(year - 2, 3, 1), datetime.date(year - 1, 12, 15)
    day = first + datetime.timedelta(days=rng.randint(0, (last - first).days))
    at_nine = datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)
    submitted = at_nine + datetime.timedelta(days=rng.randint(3, 30), hours=rng.randint(0, 8))
    published = submitted + datetime.timedelta(days=rng.randint(5, 25), hours=rng.randint(0, 6))
    published = min(published, demo.now - datetime.timedelta(days=1))
    created = submitted - datetime.timedelta(days=rng.randint(10, 40))
    return day, created, min(submitted, published), published


def _language(version: str) -> str:
    return version.rsplit(".", 1)[0]


def _themes(rng, government: Government, report: Report) -> list[str]:
    """Three of the government's themes that every language of REPORT has a text for."""
    languages = [_language(version) for version in report.versions]
    available = [t for t in government.themes if all(t in THEMES[lang] for lang in languages)]
    chosen = rng.sample(available, k=min(3, len(available)))
    return sorted(chosen, key=available.index)


def _title(government: Government, report: Report, version: str) -> str:
    language = _language(version)
    return TITLES[language][report.kind].format(
        of=government.of[language], cycle=cycle_label(report.year)
    )


def _summary(rng, government: Government, report: Report, themes: list[str]) -> str:
    """Two to four sentences in the language of the report's first version."""
    language = _language(report.versions[0])
    texts = SUMMARIES[language]
    sentences = [
        texts[report.kind].format(of=government.of[language], cycle=cycle_label(report.year)),
        _themes_sentence(language, themes),
        *rng.sample(texts["more"], k=rng.randint(0, min(2, len(texts["more"])))),
    ]
    return ("" if language == "zh-hans" else " ").join(sentences)


def _themes_sentence(language: str, themes: list[str]) -> str:
    names = [THEME_NAMES[language][theme] for theme in themes]
    return SUMMARIES[language]["themes"].format(themes=_join(language, names))


def _join(language: str, items: list[str]) -> str:
    """ITEMS as a list in a sentence: "a, b and c"; Arabic joins with و, Chinese with 、."""
    if language == "ar":
        return " و".join(items)
    if language == "zh-hans":
        return "、".join(items)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + CONJUNCTIONS[language] + items[-1]


def _paragraphs(government: Government, report: Report, language: str, themes) -> list[str]:
    of, cycle = government.of[language], cycle_label(report.year)
    return [
        INTRODUCTIONS[language][report.kind].format(of=of, cycle=cycle),
        COUNTRY_TEXTS[government.iso3][language],
        *[THEMES[language][theme] for theme in themes],
        CLOSINGS[language],
    ]


def _file_name(subject: str, report: Report, version: str) -> str:
    """The name of the file as it was uploaded: mexico-voluntary-gcm-review-2024-2025-es.pdf."""
    language, kind = version.rsplit(".", 1)
    cycle = cycle_label(report.year).replace("–", "-")
    return f"{slugify(subject)}-{FILE_KINDS[report.kind]}-{cycle}-{language}.{kind}"
