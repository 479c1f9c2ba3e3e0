"""Demo pledges with progress reports: varied, realistic, reproducible. `count` scales it."""

import datetime
import random
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

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
    # (main objective, English title, French title, Spanish title, Arabic title)
    (
        1,
        "National migration data platform",
        "Plateforme nationale de données migratoires",
        "Plataforma nacional de datos migratorios",
        "منصة وطنية لبيانات الهجرة",
    ),
    (
        3,
        "Information centres for migrants before departure",
        "Centres d’information pour les migrants avant le départ",
        "Centros de información previos a la partida",
        "مراكز معلومات للمهاجرين قبل المغادرة",
    ),
    (
        4,
        "Birth registration and identity documents for all migrant children",
        "Enregistrement des naissances et papiers d’identité pour tous les enfants migrants",
        "Registro de nacimientos y documentos de identidad para niños migrantes",
        "تسجيل المواليد ووثائق الهوية لجميع الأطفال المهاجرين",
    ),
    (
        5,
        "Expanded labour mobility pathways",
        "Élargissement des filières de mobilité de main-d’œuvre",
        "Ampliación de las vías de movilidad laboral",
        "توسيع مسارات تنقل اليد العاملة",
    ),
    (
        6,
        "Fair recruitment and zero recruitment fees",
        "Recrutement équitable et suppression des frais de recrutement",
        "Contratación equitativa sin comisiones",
        "التوظيف العادل وإلغاء رسوم التوظيف",
    ),
    (
        7,
        "Support for migrants in vulnerable situations",
        "Soutien aux migrants en situation de vulnérabilité",
        "Apoyo a migrantes en situación de vulnerabilidad",
        "دعم المهاجرين في أوضاع هشة",
    ),
    (
        8,
        "Search and rescue and identification of missing migrants",
        "Recherche, sauvetage et identification des migrants disparus",
        "Búsqueda, rescate e identificación de migrantes desaparecidos",
        "البحث والإنقاذ وتحديد هوية المهاجرين المفقودين",
    ),
    (
        10,
        "Protection of victims of trafficking",
        "Protection des victimes de la traite",
        "Protección de las víctimas de trata",
        "حماية ضحايا الاتجار بالأشخاص",
    ),
    (
        13,
        "Community-based alternatives to immigration detention",
        "Alternatives communautaires à la rétention",
        "Alternativas comunitarias a la detención",
        "بدائل مجتمعية لاحتجاز المهاجرين",
    ),
    (
        15,
        "Health care for migrants regardless of status",
        "Soins de santé pour les migrants quel que soit leur statut",
        "Atención de salud para migrantes sin importar su estatus",
        "الرعاية الصحية للمهاجرين بغض النظر عن وضعهم",
    ),
    (
        16,
        "Language courses and local inclusion plans",
        "Cours de langue et plans d’inclusion locale",
        "Cursos de idiomas y planes de inclusión local",
        "دورات لغوية وخطط إدماج محلية",
    ),
    (
        17,
        "Campaign against xenophobia in the media",
        "Campagne contre la xénophobie dans les médias",
        "Campaña contra la xenofobia en los medios",
        "حملة لمكافحة كره الأجانب في وسائل الإعلام",
    ),
    (
        18,
        "Recognition of migrants’ skills and qualifications",
        "Reconnaissance des compétences et qualifications des migrants",
        "Reconocimiento de competencias y cualificaciones",
        "الاعتراف بمهارات المهاجرين ومؤهلاتهم",
    ),
    (
        19,
        "Diaspora investment and knowledge transfer",
        "Investissement et transfert de connaissances de la diaspora",
        "Inversión y transferencia de conocimientos de la diáspora",
        "استثمار المغتربين ونقل المعارف",
    ),
    (
        20,
        "Cheaper and safer remittances",
        "Des envois de fonds moins chers et plus sûrs",
        "Remesas más baratas y seguras",
        "تحويلات مالية أرخص وأكثر أمانا",
    ),
    (
        21,
        "Sustainable reintegration of returning migrants",
        "Réintégration durable des migrants de retour",
        "Reintegración sostenible de migrantes retornados",
        "إعادة الإدماج المستدام للمهاجرين العائدين",
    ),
    (
        22,
        "Portability of social security benefits",
        "Portabilité des droits de sécurité sociale",
        "Portabilidad de las prestaciones de seguridad social",
        "قابلية نقل استحقاقات الضمان الاجتماعي",
    ),
    (
        23,
        "Regional cooperation on safe migration",
        "Coopération régionale pour des migrations sûres",
        "Cooperación regional para una migración segura",
        "التعاون الإقليمي من أجل الهجرة الآمنة",
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
}
TITLE_INDEX = {"en": 1, "fr": 2, "es": 3, "ar": 4}
LANGUAGE_WEIGHTS = {"en": 6, "fr": 2, "es": 2, "ar": 1}
CURRENCIES = ["USD", "EUR", "USD", "MAD", "USD", "PHP", "EUR"]


def _description(rng: random.Random, language: str, title: str) -> str:
    pool = SENTENCES[language]
    text = title + ". " + " ".join(rng.sample(pool, k=min(len(pool), rng.randint(4, 6))))
    while len(text) < 320:
        text += " " + rng.choice(pool)
    return text[:2900]


@transaction.atomic
def seed(count: int = 200, *, seed_value: int = 2026) -> int:
    """Create COUNT published pledges (and a few drafts in review) unless pledges exist already."""
    if Pledge.objects.exists():
        return 0
    rng = random.Random(seed_value)
    organisations = list(Organisation.objects.verified().order_by("pk"))
    if not organisations:
        return 0
    org_weights = [8 if o.entity_type.is_state else 3 for o in organisations]
    editions = list(Edition.objects.order_by("year"))
    objectives = {o.number: o for o in Objective.objects.all()}
    principles = list(Principle.objects.all())
    countries = list(Country.objects.member_states().only("pk"))
    author = User.objects.filter(memberships__organisation__in=organisations).first()
    now = timezone.now()

    pledges, links = [], []
    for _ in range(count):
        theme = rng.choices(THEMES, weights=WEIGHTS)[0]
        language = rng.choices(list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()))[0]
        title = theme[TITLE_INDEX[language]]
        organisation = rng.choices(organisations, weights=org_weights)[0]
        edition = editions[0] if rng.random() < 0.6 or len(editions) == 1 else editions[-1]
        published = now - datetime.timedelta(days=rng.randint(1, 4 * 365))
        start = published.date() + datetime.timedelta(days=rng.randint(0, 90))
        amount = (
            Decimal(rng.choice([50_000, 250_000, 1_000_000, 5_000_000, 20_000_000]))
            if rng.random() < 0.55
            else None
        )
        pledges.append(
            Pledge(
                organisation=organisation,
                created_by=author,
                state=State.PUBLISHED,
                submitted_at=published - datetime.timedelta(days=rng.randint(2, 30)),
                published_at=published,
                title=title,
                description=_description(rng, language, title),
                edition=edition,
                language=language,
                pledge_type=rng.choices(list(PledgeType), weights=[6, 1, 3, 0])[0],
                level=rng.choice(list(Level)),
                category=rng.choice(list(Category)),
                action=rng.choice(SENTENCES[language]) + " " + rng.choice(SENTENCES[language]),
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
        )
        main = [theme[0]] + rng.sample(
            [n for n in objectives if n != theme[0]], k=rng.randint(0, 2)
        )
        concerned = [organisation.country_id] if organisation.country_id else []
        concerned += [c.pk for c in rng.sample(countries, k=rng.randint(0, 3))]
        links.append((main, rng.sample(principles, k=rng.randint(1, 4)), set(concerned)))
    Pledge.objects.bulk_create(pledges, batch_size=1000)

    main_through = Pledge.main_objectives.through
    principle_through = Pledge.principles.through
    country_through = Pledge.countries.through
    main_rows, principle_rows, country_rows, reports = [], [], [], []
    for pledge, (main, chosen_principles, concerned) in zip(pledges, links, strict=True):
        main_rows += [
            main_through(pledge_id=pledge.pk, objective_id=objectives[n].pk) for n in main
        ]
        principle_rows += [
            principle_through(pledge_id=pledge.pk, principle_id=p.pk) for p in chosen_principles
        ]
        country_rows += [country_through(pledge_id=pledge.pk, country_id=c) for c in concerned]
        reports += _reports(rng, pledge, now)
    main_through.objects.bulk_create(main_rows, batch_size=2000)
    principle_through.objects.bulk_create(principle_rows, batch_size=2000)
    country_through.objects.bulk_create(country_rows, batch_size=2000)
    ProgressReport.objects.bulk_create(reports, batch_size=2000)
    _copy_latest_progress(pledges, reports)
    _record_publication(pledges)
    _work_in_progress(rng, organisations[0], objectives)
    return len(pledges)


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


def _copy_latest_progress(pledges, reports) -> None:
    latest = {}
    for report in reports:
        latest[report.pledge_id] = report  # reports of a pledge come in date order
    for pledge in pledges:
        report = latest.get(pledge.pk)
        if report:
            pledge.progress_status, pledge.last_report_date = report.status, report.date
            pledge.amount_delivered = report.amount_delivered
    Pledge.objects.bulk_update(
        pledges, ["progress_status", "last_report_date", "amount_delivered"], batch_size=1000
    )


def _record_publication(pledges) -> None:
    """The audit trail says how each demo pledge came to be published."""
    record_type = ContentType.objects.get_for_model(Pledge)
    Event.objects.bulk_create(
        [
            Event(
                record_type=record_type,
                record_id=p.pk,
                action=Action.PUBLISH,
                from_state=State.SUBMITTED,
                to_state=State.PUBLISHED,
            )
            for p in pledges
        ],
        batch_size=2000,
    )
