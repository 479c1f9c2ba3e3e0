"""Demo pledges with progress reports: varied, realistic, reproducible. `count` scales it."""

import datetime
import itertools
import random
from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from gcmhub.accounts import demo as accounts_demo
from gcmhub.accounts.models import Organisation, User
from gcmhub.compact.models import Country, Edition, Objective, Principle
from gcmhub.pledges.models import (
    Category,
    Level,
    Pledge,
    PledgeType,
    ProgressReport,
    ProgressStatus,
)
from gcmhub.workflow.models import Action, Event, State

THEMES = [
    # (main objective, title in English, French, Spanish, Arabic, Chinese and Russian)
    (
        1,
        "National migration data platform",
        "Plateforme nationale de données migratoires",
        "Plataforma nacional de datos migratorios",
        "منصة وطنية لبيانات الهجرة",
        "国家移民数据平台",
        "Национальная платформа данных о миграции",
    ),
    (
        3,
        "Information centres for migrants before departure",
        "Centres d’information pour les migrants avant le départ",
        "Centros de información previos a la partida",
        "مراكز معلومات للمهاجرين قبل المغادرة",
        "移民出发前信息中心",
        "Информационные центры для мигрантов перед отъездом",
    ),
    (
        4,
        "Birth registration and identity documents for all migrant children",
        "Enregistrement des naissances et papiers d’identité pour tous les enfants migrants",
        "Registro de nacimientos y documentos de identidad para niños migrantes",
        "تسجيل المواليد ووثائق الهوية لجميع الأطفال المهاجرين",
        "为所有移民儿童办理出生登记和身份证件",
        "Регистрация рождений и удостоверения личности для всех детей-мигрантов",
    ),
    (
        5,
        "Expanded labour mobility pathways",
        "Élargissement des filières de mobilité de main-d’œuvre",
        "Ampliación de las vías de movilidad laboral",
        "توسيع مسارات تنقل اليد العاملة",
        "扩大劳动力流动途径",
        "Расширение путей трудовой мобильности",
    ),
    (
        6,
        "Fair recruitment and zero recruitment fees",
        "Recrutement équitable et suppression des frais de recrutement",
        "Contratación equitativa sin comisiones",
        "التوظيف العادل وإلغاء رسوم التوظيف",
        "公平招聘和零招聘费用",
        "Добросовестный наём без сборов с работников",
    ),
    (
        7,
        "Support for migrants in vulnerable situations",
        "Soutien aux migrants en situation de vulnérabilité",
        "Apoyo a migrantes en situación de vulnerabilidad",
        "دعم المهاجرين في أوضاع هشة",
        "支持处境脆弱的移民",
        "Поддержка мигрантов в уязвимом положении",
    ),
    (
        8,
        "Search and rescue and identification of missing migrants",
        "Recherche, sauvetage et identification des migrants disparus",
        "Búsqueda, rescate e identificación de migrantes desaparecidos",
        "البحث والإنقاذ وتحديد هوية المهاجرين المفقودين",
        "搜救失踪移民并确认其身份",
        "Поиск, спасение и идентификация пропавших мигрантов",
    ),
    (
        10,
        "Protection of victims of trafficking",
        "Protection des victimes de la traite",
        "Protección de las víctimas de trata",
        "حماية ضحايا الاتجار بالأشخاص",
        "保护人口贩运受害者",
        "Защита жертв торговли людьми",
    ),
    (
        13,
        "Community-based alternatives to immigration detention",
        "Alternatives communautaires à la rétention",
        "Alternativas comunitarias a la detención",
        "بدائل مجتمعية لاحتجاز المهاجرين",
        "以社区为基础的移民拘留替代办法",
        "Общинные альтернативы содержанию мигрантов под стражей",
    ),
    (
        15,
        "Health care for migrants regardless of status",
        "Soins de santé pour les migrants quel que soit leur statut",
        "Atención de salud para migrantes sin importar su estatus",
        "الرعاية الصحية للمهاجرين بغض النظر عن وضعهم",
        "不论身份为移民提供医疗服务",
        "Медицинская помощь мигрантам независимо от статуса",
    ),
    (
        16,
        "Language courses and local inclusion plans",
        "Cours de langue et plans d’inclusion locale",
        "Cursos de idiomas y planes de inclusión local",
        "دورات لغوية وخطط إدماج محلية",
        "语言课程和地方融入计划",
        "Языковые курсы и местные планы интеграции",
    ),
    (
        17,
        "Campaign against xenophobia in the media",
        "Campagne contre la xénophobie dans les médias",
        "Campaña contra la xenofobia en los medios",
        "حملة لمكافحة كره الأجانب في وسائل الإعلام",
        "在媒体中开展反对仇外心理的宣传活动",
        "Кампания против ксенофобии в средствах массовой информации",
    ),
    (
        18,
        "Recognition of migrants’ skills and qualifications",
        "Reconnaissance des compétences et qualifications des migrants",
        "Reconocimiento de competencias y cualificaciones",
        "الاعتراف بمهارات المهاجرين ومؤهلاتهم",
        "承认移民的技能和资格",
        "Признание навыков и квалификаций мигрантов",
    ),
    (
        19,
        "Diaspora investment and knowledge transfer",
        "Investissement et transfert de connaissances de la diaspora",
        "Inversión y transferencia de conocimientos de la diáspora",
        "استثمار المغتربين ونقل المعارف",
        "侨民投资和知识转让",
        "Инвестиции диаспоры и передача знаний",
    ),
    (
        20,
        "Cheaper and safer remittances",
        "Des envois de fonds moins chers et plus sûrs",
        "Remesas más baratas y seguras",
        "تحويلات مالية أرخص وأكثر أمانا",
        "更便宜、更安全的汇款",
        "Более дешёвые и безопасные денежные переводы",
    ),
    (
        21,
        "Sustainable reintegration of returning migrants",
        "Réintégration durable des migrants de retour",
        "Reintegración sostenible de migrantes retornados",
        "إعادة الإدماج المستدام للمهاجرين العائدين",
        "回返移民的可持续重新融入",
        "Устойчивая реинтеграция вернувшихся мигрантов",
    ),
    (
        22,
        "Portability of social security benefits",
        "Portabilité des droits de sécurité sociale",
        "Portabilidad de las prestaciones de seguridad social",
        "قابلية نقل استحقاقات الضمان الاجتماعي",
        "社会保障福利的可携带性",
        "Переносимость пособий по социальному обеспечению",
    ),
    (
        23,
        "Regional cooperation on safe migration",
        "Coopération régionale pour des migrations sûres",
        "Cooperación regional para una migración segura",
        "التعاون الإقليمي من أجل الهجرة الآمنة",
        "安全移民区域合作",
        "Региональное сотрудничество в интересах безопасной миграции",
    ),
]
# Objectives weighted like real pledging: inclusion, pathways and data draw most.
WEIGHTS = [6, 2, 2, 5, 5, 4, 3, 2, 2, 4, 6, 3, 3, 2, 3, 2, 2, 5]

SENTENCES = {
    "en": [
        "The programme responds to needs identified with migrant communities and local authorities.",
        "It builds on the national implementation plan and on lessons from earlier projects.",
        "Activities are carried out with civil society partners, trade unions and employers.",
        "Progress is monitored every year and reported publicly.",
        "Particular attention is given to women, children and persons with disabilities.",
        "The pledge is aligned with the 2030 Agenda for Sustainable Development.",
        "Local governments in border and destination areas take part in its delivery.",
        "Resources come from the national budget and from development partners.",
    ],
    "fr": [
        "Le programme répond aux besoins recensés avec les communautés de migrants et les autorités locales.",
        "Il s’appuie sur le plan national de mise en œuvre et sur les leçons des projets antérieurs.",
        "Les activités sont menées avec la société civile, les syndicats et les employeurs.",
        "Les progrès sont suivis chaque année et rendus publics.",
        "Une attention particulière est portée aux femmes, aux enfants et aux personnes handicapées.",
        "L’engagement s’inscrit dans le Programme de développement durable à l’horizon 2030.",
    ],
    "es": [
        "El programa responde a necesidades identificadas con las comunidades migrantes y las autoridades locales.",
        "Se basa en el plan nacional de implementación y en las lecciones de proyectos anteriores.",
        "Las actividades se realizan con la sociedad civil, los sindicatos y los empleadores.",
        "Los avances se supervisan cada año y se publican.",
        "Se presta especial atención a las mujeres, los niños y las personas con discapacidad.",
        "La promesa está alineada con la Agenda 2030 para el Desarrollo Sostenible.",
    ],
    "ar": [
        "يستجيب البرنامج لاحتياجات حُددت بالتعاون مع مجتمعات المهاجرين والسلطات المحلية.",
        "ويستند إلى خطة التنفيذ الوطنية وإلى الدروس المستفادة من المشاريع السابقة.",
        "وتُنفذ الأنشطة مع شركاء من المجتمع المدني والنقابات وأصحاب العمل.",
        "ويُرصد التقدم المحرز كل عام ويُنشر علنا.",
        "ويولى اهتمام خاص للنساء والأطفال والأشخاص ذوي الإعاقة.",
        "ويتماشى التعهد مع خطة التنمية المستدامة لعام 2030.",
    ],
    "zh-hans": [
        "该方案回应了与移民社区、雇主组织和地方当局共同确定的实际需求。",
        "方案以国家执行计划为基础，并吸取了以往项目的经验和教训。",
        "各项活动与民间社会伙伴、工会和雇主密切合作开展。",
        "每年对进展情况进行监测，结果向公众公开。",
        "方案特别关注妇女、儿童和残疾人的具体需要。",
        "该承诺与《2030年可持续发展议程》保持一致。",
        "边境地区和主要目的地地区的地方政府参与方案的实施。",
        "所需资源来自国家预算，并得到发展伙伴的支持。",
    ],
    "ru": [
        "Программа отвечает потребностям, выявленным вместе с общинами мигрантов и местными властями.",
        "Она опирается на национальный план осуществления и на уроки предыдущих проектов.",
        "Мероприятия проводятся с организациями гражданского общества, профсоюзами и работодателями.",
        "Ход работы ежегодно отслеживается, а результаты публикуются.",
        "Особое внимание уделяется женщинам, детям и людям с инвалидностью.",
        "Обязательство согласуется с Повесткой дня в области устойчивого развития на период до 2030 года.",
        "В осуществлении участвуют органы местного самоуправления приграничных районов и районов назначения.",
    ],
}
TITLE_INDEX = {"en": 1, "fr": 2, "es": 3, "ar": 4, "zh-hans": 5, "ru": 6}
LANGUAGE_WEIGHTS = {"en": 6, "fr": 2, "es": 2, "ar": 1, "zh-hans": 1, "ru": 1}
CURRENCIES = ["USD", "EUR", "USD", "MAD", "USD", "PHP", "EUR"]
PLEDGE_TYPES, LEVELS, CATEGORIES = list(PledgeType), list(Level), list(Category)
CHUNK = 5000  # pledges built, stored and forgotten at a time: memory stays flat at any scale


class _Reference(NamedTuple):
    """What every pledge refers to, fetched once."""

    organisations: list[Organisation]
    cumulative_weights: list[float]  # of the organisations, for rng.choices()
    author: User | None
    editions: list[Edition]
    objectives: dict[int, Objective]  # by number
    principles: list[Principle]
    countries: list[Country]  # member states


def _join(language: str, sentences: list[str]) -> str:
    return ("" if language == "zh-hans" else " ").join(sentences)


def _description(rng: random.Random, language: str, title: str) -> str:
    pool = SENTENCES[language]
    chosen = rng.sample(pool, k=min(len(pool), rng.randint(4, 6)))
    text = _join(language, [title + ("。" if language == "zh-hans" else "."), *chosen])
    while len(text) < 320:
        text = _join(language, [text, rng.choice(pool)])
    return text[:2900]


@transaction.atomic
def seed(
    count: int = 200,
    *,
    seed_value: int = 2026,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Create COUNT published pledges (and a few drafts in review) unless pledges exist already.
    PROGRESS(done, COUNT) is called as chunks are stored. The search index is left alone."""
    if Pledge.objects.exists():
        return 0
    rng = random.Random(seed_value)
    organisations = list(Organisation.objects.verified().order_by("pk"))
    if not organisations:
        return 0
    ref = _Reference(
        organisations=organisations,
        cumulative_weights=list(
            itertools.accumulate(accounts_demo.activity_weights(rng, organisations))
        ),
        author=User.objects.filter(memberships__organisation__in=organisations).first(),
        editions=list(Edition.objects.order_by("year")),
        objectives={o.number: o for o in Objective.objects.all()},
        principles=list(Principle.objects.all()),
        countries=list(Country.objects.member_states().only("pk")),
    )
    now = timezone.now()
    for start in range(0, count, CHUNK):
        built = [_pledge(rng, ref, now) for _ in range(min(CHUNK, count - start))]
        pledges = [pledge for pledge, _ in built]
        reports = [report for pledge in pledges for report in _reports(rng, pledge, now)]
        _copy_latest_progress(reports)
        accounts_demo.insert(pledges)
        for name in ("main_objectives", "principles", "countries"):
            accounts_demo.insert_links(
                Pledge._meta.get_field(name),
                [(pledge.pk, pk) for pledge, relations in built for pk in relations[name]],
            )
        accounts_demo.insert(reports)
        _record_publication(pledges)
        if progress:
            progress(start + len(pledges), count)
    _work_in_progress(rng, organisations[0], ref.objectives)
    return count


def _pledge(rng: random.Random, ref: _Reference, now) -> tuple[Pledge, dict[str, list[int]]]:
    """A published pledge (not saved) and the pks of its many-to-many relations."""
    theme = rng.choices(THEMES, weights=WEIGHTS)[0]
    language = rng.choices(list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()))[0]
    title = theme[TITLE_INDEX[language]]
    organisation = rng.choices(ref.organisations, cum_weights=ref.cumulative_weights)[0]
    editions = ref.editions
    edition = editions[0] if rng.random() < 0.6 or len(editions) == 1 else editions[-1]
    published = now - datetime.timedelta(days=rng.randint(1, 4 * 365))
    start = published.date() + datetime.timedelta(days=rng.randint(0, 90))
    amount = (
        Decimal(rng.choice([50_000, 250_000, 1_000_000, 5_000_000, 20_000_000]))
        if rng.random() < 0.55
        else None
    )
    pledge = Pledge(
        organisation=organisation,
        created_by=ref.author,
        state=State.PUBLISHED,
        submitted_at=published - datetime.timedelta(days=rng.randint(2, 30)),
        published_at=published,
        title=title,
        description=_description(rng, language, title),
        edition=edition,
        language=language,
        pledge_type=rng.choices(PLEDGE_TYPES, weights=[6, 1, 3, 0])[0],
        level=rng.choice(LEVELS),
        category=rng.choice(CATEGORIES),
        action=_join(language, [rng.choice(SENTENCES[language]) for _ in range(2)]),
        indicators=[
            {
                "indicator": "People reached",
                "baseline": "0",
                "target": str(rng.randint(1, 50) * 1000),
            }
        ]
        if rng.random() < 0.7
        else [],
        resources_amount=amount,
        resources_currency=rng.choice(CURRENCIES) if amount is not None else "",
        start_date=start,
        end_date=start + datetime.timedelta(days=rng.randint(180, 5 * 365)),
    )
    numbers = [theme[0]] + rng.sample(
        [n for n in ref.objectives if n != theme[0]], k=rng.randint(0, 2)
    )
    concerned = [organisation.country_id] if organisation.country_id else []
    concerned += [c.pk for c in rng.sample(ref.countries, k=rng.randint(0, 3))]
    return pledge, {
        "main_objectives": [ref.objectives[n].pk for n in numbers],
        "principles": [p.pk for p in rng.sample(ref.principles, k=rng.randint(1, 4))],
        "countries": list(dict.fromkeys(concerned)),
    }


def _work_in_progress(rng: random.Random, organisation, objectives) -> None:
    """Something for the demo reviewer's queue and the demo focal point's own list."""
    author = (
        User.objects.filter(memberships__organisation=organisation).first() or User.objects.first()
    )
    edition = Edition.objects.order_by("-year").first()
    for state, theme in (
        (State.SUBMITTED, THEMES[3]),
        (State.SUBMITTED, THEMES[10]),
        (State.DRAFT, THEMES[14]),
    ):
        pledge = Pledge.objects.create(
            organisation=organisation,
            created_by=author,
            state=state,
            submitted_at=timezone.now() if state == State.SUBMITTED else None,
            title=theme[1],
            description=_description(rng, "en", theme[1]),
            edition=edition,
            level=Level.NATIONAL,
            category=Category.PROGRAMME,
            action=" ".join(SENTENCES["en"][:2]),
            start_date=datetime.date(2026, 6, 1),
            end_date=datetime.date(2030, 6, 1),
        )
        pledge.main_objectives.set([objectives[theme[0]]])


def _reports(rng: random.Random, pledge: Pledge, now) -> list[ProgressReport]:
    """Zero to three published reports, moving forward in time and in status."""
    reports = []
    date = pledge.published_at.date()
    statuses = [ProgressStatus.IN_PROGRESS, ProgressStatus.IN_PROGRESS, ProgressStatus.FULFILLED]
    delivered = Decimal(0)
    for step in range(rng.choice([0, 0, 1, 1, 2, 3])):
        date += datetime.timedelta(days=rng.randint(60, 300))
        if date > now.date():
            break
        if pledge.resources_amount:
            delivered = min(
                pledge.resources_amount,
                delivered + pledge.resources_amount * Decimal(rng.randint(10, 50)) / 100,
            )
        status = statuses[step] if rng.random() < 0.9 else ProgressStatus.DISCONTINUED
        reports.append(
            ProgressReport(
                pledge=pledge,
                organisation_id=pledge.organisation_id,
                created_by_id=pledge.created_by_id,
                state=State.PUBLISHED,
                published_at=now,
                date=date,
                status=status,
                narrative=rng.choice(SENTENCES[pledge.language]),
                amount_delivered=delivered if pledge.resources_amount else None,
            )
        )
        if status == ProgressStatus.DISCONTINUED:
            break
    return reports


def _copy_latest_progress(reports) -> None:
    """Each pledge carries its latest report's status, date and amount (set before it is
    stored: no update of every pledge after)."""
    for report in reports:  # reports of a pledge come in date order: the last one wins
        pledge = report.pledge
        pledge.progress_status, pledge.last_report_date = report.status, report.date
        pledge.amount_delivered = report.amount_delivered


def _record_publication(pledges) -> None:
    """The audit trail says how each demo pledge came to be published."""
    record_type = ContentType.objects.get_for_model(Pledge)
    accounts_demo.insert(
        [
            Event(
                record_type=record_type,
                record_id=p.pk,
                action=Action.PUBLISH,
                from_state=State.SUBMITTED,
                to_state=State.PUBLISHED,
            )
            for p in pledges
        ]
    )
