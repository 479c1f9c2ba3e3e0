"""Demo practices with their peer review: varied, in six languages, reproducible. `count` scales
it: bulk inserts in chunks keep 50,000 practices within minutes and memory flat."""

import datetime
import itertools
import random
from collections.abc import Callable
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from gcmhub.accounts import demo as accounts_demo
from gcmhub.accounts.models import Membership, Organisation, Role, User
from gcmhub.compact.models import (
    Country,
    Objective,
    Principle,
    Region,
    SustainableDevelopmentGoal,
)
from gcmhub.practices.models import (
    SUMMARY_MIN,
    Assignment,
    Call,
    Conflict,
    Criterion,
    Practice,
    PracticeType,
    Recommendation,
    ReviewerProfile,
)
from gcmhub.workflow.models import Action, Event, State

CHUNK = 2000  # practices built, stored and forgotten at a time


class Theme(NamedTuple):
    objective: int
    related: tuple[int, ...]  # objectives that go with it, as further primary or secondary ones
    sdgs: tuple[int, ...]
    weight: int  # how often it comes up: inclusion, recruitment and pathways draw most
    titles: dict[str, str]


THEMES = [
    Theme(1, (17, 23, 3), (17, 10), 5, {
        "en": "Migration data observatory linking labour and census records",
        "fr": "Observatoire des migrations reliant les données du travail et du recensement",
        "es": "Observatorio de migración que vincula datos laborales y censales",
        "ar": "مرصد للهجرة يربط بيانات العمل والتعداد السكاني",
        "zh-hans": "连接劳工与人口普查数据的移民数据观测站",
        "ru": "Обсерватория миграции, объединяющая данные о труде и переписи",
    }),
    Theme(3, (6, 7, 1), (8, 10), 3, {
        "en": "Pre-departure orientation for migrant workers",
        "fr": "Orientation avant le départ pour les travailleurs migrants",
        "es": "Orientación previa a la partida para trabajadores migrantes",
        "ar": "التوجيه السابق للمغادرة للعمال المهاجرين",
        "zh-hans": "移民劳工出国前培训",
        "ru": "Подготовка трудовых мигрантов перед отъездом",
    }),
    Theme(4, (7, 15, 22), (16, 5), 2, {
        "en": "Mobile birth registration for migrant children",
        "fr": "Enregistrement mobile des naissances pour les enfants migrants",
        "es": "Registro móvil de nacimientos para niños migrantes",
        "ar": "التسجيل المتنقل لمواليد الأطفال المهاجرين",
        "zh-hans": "为移民儿童提供流动出生登记服务",
        "ru": "Мобильная регистрация рождений детей мигрантов",
    }),
    Theme(5, (6, 18, 23), (8, 10, 17), 5, {
        "en": "Seasonal work scheme with guaranteed return and re-entry",
        "fr": "Programme de travail saisonnier avec retour et réadmission garantis",
        "es": "Programa de trabajo temporal con retorno y reingreso garantizados",
        "ar": "برنامج للعمل الموسمي يضمن العودة وإعادة الدخول",
        "zh-hans": "保障返回与再入境的季节性劳工计划",
        "ru": "Программа сезонной работы с гарантированным возвращением и повторным въездом",
    }),
    Theme(6, (5, 22, 10, 7), (8, 10), 8, {
        "en": "Zero-fee recruitment corridor",
        "fr": "Corridor de recrutement sans frais pour les travailleurs",
        "es": "Corredor de contratación sin comisiones",
        "ar": "ممر توظيف بلا رسوم للعمال",
        "zh-hans": "零收费劳工招聘走廊",
        "ru": "Коридор найма без сборов с работников",
    }),
    Theme(6, (7, 22, 17), (8, 5), 5, {
        "en": "Digital contracts and wage protection for domestic workers",
        "fr": "Contrats numériques et protection des salaires des travailleuses domestiques",
        "es": "Contratos digitales y protección salarial para trabajadoras del hogar",
        "ar": "عقود رقمية وحماية أجور عاملات المنازل",
        "zh-hans": "家政劳工的电子合同与工资保护",
        "ru": "Электронные договоры и защита заработной платы домашних работников",
    }),
    Theme(7, (15, 16, 12), (1, 10), 4, {
        "en": "One-stop centres for migrants in vulnerable situations",
        "fr": "Guichets uniques pour les migrants en situation de vulnérabilité",
        "es": "Centros integrales para migrantes en situación de vulnerabilidad",
        "ar": "مراكز شاملة للمهاجرين في أوضاع هشة",
        "zh-hans": "为弱势移民提供一站式服务中心",
        "ru": "Центры единого окна для мигрантов в уязвимом положении",
    }),
    Theme(8, (23, 14, 11), (16,), 2, {
        "en": "Forensic identification of missing migrants",
        "fr": "Identification médico-légale des migrants disparus",
        "es": "Identificación forense de migrantes desaparecidos",
        "ar": "التعرف الجنائي على المهاجرين المفقودين",
        "zh-hans": "失踪移民的法医鉴定",
        "ru": "Судебно-медицинская идентификация пропавших мигрантов",
    }),
    Theme(10, (7, 9, 12), (5, 16, 8), 3, {
        "en": "Survivor-led support for victims of trafficking",
        "fr": "Accompagnement des victimes de la traite par des survivantes",
        "es": "Apoyo a víctimas de trata dirigido por sobrevivientes",
        "ar": "دعم ضحايا الاتجار بالبشر بقيادة الناجين",
        "zh-hans": "由幸存者主导的人口贩运受害者支持",
        "ru": "Поддержка жертв торговли людьми под руководством пострадавших",
    }),
    Theme(13, (7, 15, 4), (16, 10), 2, {
        "en": "Case management as an alternative to immigration detention",
        "fr": "Accompagnement individualisé comme alternative à la rétention",
        "es": "Gestión de casos como alternativa a la detención migratoria",
        "ar": "إدارة الحالات كبديل عن احتجاز المهاجرين",
        "zh-hans": "以个案管理替代移民拘留",
        "ru": "Сопровождение случаев как альтернатива содержанию мигрантов под стражей",
    }),
    Theme(15, (7, 16, 22), (3, 10), 5, {
        "en": "Health care for migrants regardless of status",
        "fr": "Soins de santé pour les migrants quel que soit leur statut",
        "es": "Atención de salud para migrantes sin importar su estatus",
        "ar": "الرعاية الصحية للمهاجرين بغض النظر عن وضعهم",
        "zh-hans": "不论身份为移民提供医疗服务",
        "ru": "Медицинская помощь мигрантам независимо от статуса",
    }),
    Theme(16, (15, 17, 18), (4, 10, 11), 7, {
        "en": "Municipal welcome and language programme",
        "fr": "Programme municipal d’accueil et de langue",
        "es": "Programa municipal de acogida e idiomas",
        "ar": "برنامج بلدي للاستقبال وتعليم اللغة",
        "zh-hans": "城市移民接待与语言课程",
        "ru": "Муниципальная программа приёма и языкового обучения",
    }),
    Theme(17, (16, 1, 3), (10, 16), 3, {
        "en": "Media training against xenophobia",
        "fr": "Formation des médias contre la xénophobie",
        "es": "Formación de periodistas contra la xenofobia",
        "ar": "تدريب وسائل الإعلام على مكافحة كره الأجانب",
        "zh-hans": "反对仇外心理的媒体培训",
        "ru": "Обучение журналистов противодействию ксенофобии",
    }),
    Theme(18, (5, 16, 21), (4, 8), 4, {
        "en": "Skills recognition for migrant workers",
        "fr": "Reconnaissance des compétences des travailleurs migrants",
        "es": "Reconocimiento de competencias de trabajadores migrantes",
        "ar": "الاعتراف بمهارات العمال المهاجرين",
        "zh-hans": "移民劳工技能认证",
        "ru": "Признание квалификации трудовых мигрантов",
    }),
    Theme(19, (20, 2, 23), (8, 17), 2, {
        "en": "Diaspora investment fund for local development",
        "fr": "Fonds d’investissement de la diaspora pour le développement local",
        "es": "Fondo de inversión de la diáspora para el desarrollo local",
        "ar": "صندوق استثمار المغتربين من أجل التنمية المحلية",
        "zh-hans": "支持地方发展的侨民投资基金",
        "ru": "Инвестиционный фонд диаспоры для местного развития",
    }),
    Theme(20, (19, 2, 1), (10, 1), 3, {
        "en": "Low-cost digital remittances",
        "fr": "Transferts de fonds numériques à faible coût",
        "es": "Remesas digitales de bajo costo",
        "ar": "تحويلات مالية رقمية منخفضة التكلفة",
        "zh-hans": "低成本数字汇款",
        "ru": "Недорогие цифровые денежные переводы",
    }),
    Theme(21, (2, 18, 22), (1, 8), 4, {
        "en": "Community-based reintegration of returning migrants",
        "fr": "Réintégration communautaire des migrants de retour",
        "es": "Reintegración comunitaria de migrantes retornados",
        "ar": "إعادة الإدماج المجتمعي للمهاجرين العائدين",
        "zh-hans": "回返移民的社区重新融入",
        "ru": "Реинтеграция вернувшихся мигрантов на уровне общин",
    }),
    Theme(22, (6, 15, 23), (1, 10), 3, {
        "en": "Portable social security for migrant workers",
        "fr": "Sécurité sociale transférable pour les travailleurs migrants",
        "es": "Seguridad social portable para trabajadores migrantes",
        "ar": "ضمان اجتماعي قابل للنقل للعمال المهاجرين",
        "zh-hans": "移民劳工社会保障的可携带性",
        "ru": "Переносимость социального обеспечения трудовых мигрантов",
    }),
    Theme(23, (5, 6, 11), (17, 10), 4, {
        "en": "Bilateral labour migration agreement with joint monitoring",
        "fr": "Accord bilatéral sur la migration de main-d’œuvre avec suivi conjoint",
        "es": "Acuerdo bilateral de migración laboral con seguimiento conjunto",
        "ar": "اتفاق ثنائي بشأن هجرة العمال مع متابعة مشتركة",
        "zh-hans": "联合监测的双边劳工移民协议",
        "ru": "Двустороннее соглашение о трудовой миграции с совместным мониторингом",
    }),
]  # fmt: skip

# Sentences of each text field, by language. {year}, {n}, {m} and {pct} are filled in.
TEXTS = {
    "en": {
        "summary": [
            "The practice responds to needs identified together with migrant communities, employers and local authorities.",
            "It brings the ministries of labour, interior and foreign affairs together in one coordination mechanism.",
            "Services are free of charge and offered in the languages migrants speak.",
            "Particular attention is given to women, children and persons with disabilities.",
            "Migrant associations take part in its design, delivery and evaluation.",
            "It builds on the national implementation plan of the Global Compact and on lessons from earlier projects.",
            "Caseworkers and volunteers are trained to refer people to health, legal and social services.",
            "Data collected along the way are anonymised and shared with the national statistical office.",
        ],
        "benefits": [
            "Since {year}, more than {n} migrants have been reached.",
            "{pct} per cent of participants said the practice improved their situation.",
            "{m} frontline staff were trained, and complaints are now resolved in weeks rather than months.",
            "An independent evaluation found clear improvements in access to services and in trust towards public institutions.",
            "Local authorities now plan services with reliable data on the people they serve.",
        ],
        "innovation": [
            "It is the first programme in the region co-designed with migrant workers' associations.",
            "A mobile application lets migrants check their contract, wages and rights in their own language.",
            "Public and private employment agencies share a single register of licensed recruiters.",
            "Case files follow the person across borders, with their consent.",
        ],
        "replication": [
            "The approach needs a lead ministry, a small coordination team and an agreement with one partner country.",
            "All tools, training modules and templates are openly licensed and available in several languages.",
            "Two other provinces adapted it within eighteen months.",
            "Most of the cost is staff time in services that already exist.",
        ],
        "lessons": [
            "Involving employers from the start was essential.",
            "Outreach through migrant associations worked better than official letters.",
            "Sustainable funding remains a challenge once donor support ends.",
            "Data protection rules had to be agreed before any information was shared.",
            "Language barriers were underestimated at first; interpreters are now part of every team.",
        ],
        "where": "It takes place in {places}.",
        "global": "It is global in scope.",
        "partners": [
            "National Federation of Trade Unions",
            "Chamber of Commerce and Industry",
            "Centre for Migration Studies, University of Nairobi",
            "Red Cross volunteers",
            "Association of Private Employment Agencies",
        ],
        "implementers": [
            "Ministry of Labour and Employment",
            "Department of Social Welfare",
            "National Employment Agency",
        ],
    },
    "fr": {
        "summary": [
            "La pratique répond à des besoins recensés avec les communautés de migrants, les employeurs et les autorités locales.",
            "Elle réunit les ministères du Travail, de l’Intérieur et des Affaires étrangères au sein d’un même mécanisme de coordination.",
            "Les services sont gratuits et proposés dans les langues parlées par les migrants.",
            "Une attention particulière est portée aux femmes, aux enfants et aux personnes handicapées.",
            "Les associations de migrants participent à sa conception, à sa mise en œuvre et à son évaluation.",
            "Elle s’appuie sur le plan national de mise en œuvre du Pacte mondial et sur les leçons de projets antérieurs.",
            "Les travailleurs sociaux et les bénévoles sont formés pour orienter les personnes vers les services de santé, juridiques et sociaux.",
        ],
        "benefits": [
            "Depuis {year}, plus de {n} migrants ont été accompagnés.",
            "{pct} % des participants estiment que la pratique a amélioré leur situation.",
            "{m} agents de première ligne ont été formés et les plaintes sont désormais traitées en quelques semaines.",
            "Une évaluation indépendante a constaté une nette amélioration de l’accès aux services et de la confiance envers les institutions publiques.",
            "Les autorités locales planifient désormais leurs services à partir de données fiables sur les personnes concernées.",
        ],
        "innovation": [
            "C’est le premier programme de la région conçu avec les associations de travailleurs migrants.",
            "Une application mobile permet aux migrants de vérifier leur contrat, leur salaire et leurs droits dans leur langue.",
            "Les agences d’emploi publiques et privées partagent un registre unique des recruteurs agréés.",
            "Le dossier de la personne la suit d’un pays à l’autre, avec son consentement.",
        ],
        "replication": [
            "L’approche nécessite un ministère chef de file, une petite équipe de coordination et un accord avec un pays partenaire.",
            "Tous les outils, modules de formation et modèles sont sous licence libre et disponibles en plusieurs langues.",
            "Deux autres provinces l’ont adaptée en moins de dix-huit mois.",
            "L’essentiel du coût correspond au temps de travail de services qui existent déjà.",
        ],
        "lessons": [
            "Associer les employeurs dès le départ a été essentiel.",
            "Passer par les associations de migrants a mieux fonctionné que les courriers officiels.",
            "Le financement durable reste un défi une fois l’appui des bailleurs terminé.",
            "Les règles de protection des données ont dû être fixées avant tout échange d’informations.",
            "Les barrières linguistiques ont été sous-estimées ; des interprètes font désormais partie de chaque équipe.",
        ],
        "where": "Pays et régions concernés : {places}.",
        "global": "Sa portée est mondiale.",
        "partners": [
            "Confédération nationale des syndicats",
            "Chambre de commerce et d’industrie",
            "Université Cheikh Anta Diop, laboratoire des migrations",
            "Croissant-Rouge",
            "Services sociaux de la ville",
        ],
        "implementers": [
            "Ministère du Travail et de l’Emploi",
            "Agence nationale pour l’emploi",
            "Direction de l’action sociale",
        ],
    },
    "es": {
        "summary": [
            "La práctica responde a necesidades identificadas junto con las comunidades migrantes, los empleadores y las autoridades locales.",
            "Reúne a los ministerios de Trabajo, Interior y Relaciones Exteriores en un único mecanismo de coordinación.",
            "Los servicios son gratuitos y se ofrecen en los idiomas que hablan las personas migrantes.",
            "Se presta especial atención a las mujeres, los niños y las personas con discapacidad.",
            "Las asociaciones de migrantes participan en su diseño, ejecución y evaluación.",
            "Se basa en el plan nacional de implementación del Pacto Mundial y en las lecciones de proyectos anteriores.",
            "El personal y los voluntarios reciben formación para derivar a las personas a servicios de salud, jurídicos y sociales.",
        ],
        "benefits": [
            "Desde {year}, más de {n} personas migrantes han recibido apoyo.",
            "El {pct} % de los participantes afirma que la práctica mejoró su situación.",
            "Se capacitó a {m} funcionarios de primera línea y las quejas se resuelven ahora en semanas, no en meses.",
            "Una evaluación independiente constató mejoras claras en el acceso a los servicios y en la confianza hacia las instituciones públicas.",
            "Las autoridades locales planifican ahora sus servicios con datos fiables sobre las personas a las que atienden.",
        ],
        "innovation": [
            "Es el primer programa de la región diseñado junto con asociaciones de trabajadores migrantes.",
            "Una aplicación móvil permite a los migrantes consultar su contrato, su salario y sus derechos en su propio idioma.",
            "Las agencias de empleo públicas y privadas comparten un registro único de reclutadores autorizados.",
            "El expediente acompaña a la persona de un país a otro, con su consentimiento.",
        ],
        "replication": [
            "El enfoque requiere un ministerio responsable, un pequeño equipo de coordinación y un acuerdo con un país socio.",
            "Todas las herramientas, módulos de formación y plantillas tienen licencia abierta y están disponibles en varios idiomas.",
            "Otras dos provincias la adaptaron en menos de dieciocho meses.",
            "La mayor parte del costo corresponde al tiempo del personal de servicios que ya existen.",
        ],
        "lessons": [
            "Involucrar a los empleadores desde el principio fue esencial.",
            "El contacto a través de las asociaciones de migrantes funcionó mejor que las cartas oficiales.",
            "La financiación sostenible sigue siendo un desafío cuando termina el apoyo de los donantes.",
            "Las normas de protección de datos tuvieron que acordarse antes de compartir información.",
            "Se subestimaron las barreras lingüísticas; ahora cada equipo cuenta con intérpretes.",
        ],
        "where": "Se lleva a cabo en {places}.",
        "global": "Su alcance es mundial.",
        "partners": [
            "Confederación Nacional de Sindicatos",
            "Cámara de Comercio e Industria",
            "Universidad Central, Observatorio de Movilidad Humana",
            "Cruz Roja",
            "Servicios sociales municipales",
        ],
        "implementers": [
            "Ministerio de Trabajo y Empleo",
            "Servicio Nacional de Empleo",
            "Secretaría de Inclusión Social",
        ],
    },
    "ar": {
        "summary": [
            "تستجيب هذه الممارسة لاحتياجات حُددت بالتعاون مع مجتمعات المهاجرين وأصحاب العمل والسلطات المحلية.",
            "وتجمع وزارات العمل والداخلية والخارجية في آلية تنسيق واحدة.",
            "وتُقدَّم الخدمات مجانًا وباللغات التي يتحدثها المهاجرون.",
            "ويولى اهتمام خاص للنساء والأطفال والأشخاص ذوي الإعاقة.",
            "وتشارك جمعيات المهاجرين في تصميمها وتنفيذها وتقييمها.",
            "وتستند إلى خطة التنفيذ الوطنية للاتفاق العالمي وإلى الدروس المستفادة من المشاريع السابقة.",
            "ويُدرَّب الأخصائيون الاجتماعيون والمتطوعون على إحالة الأشخاص إلى الخدمات الصحية والقانونية والاجتماعية.",
        ],
        "benefits": [
            "ومنذ عام {year}، استفاد من الممارسة أكثر من {n} مهاجر.",
            "وأفاد {pct} في المائة من المشاركين بأن الممارسة حسّنت أوضاعهم.",
            "وتلقى {m} من العاملين في الخطوط الأمامية تدريبًا، وباتت الشكاوى تُعالج في غضون أسابيع بدلًا من أشهر.",
            "وخلص تقييم مستقل إلى تحسن واضح في الوصول إلى الخدمات وفي الثقة بالمؤسسات العامة.",
            "وباتت السلطات المحلية تخطط لخدماتها استنادًا إلى بيانات موثوقة عن الأشخاص الذين تخدمهم.",
        ],
        "innovation": [
            "إنها أول مبادرة في المنطقة تُصمَّم بالشراكة مع جمعيات العمال المهاجرين.",
            "ويتيح تطبيق للهاتف المحمول للمهاجرين الاطلاع على عقودهم وأجورهم وحقوقهم بلغتهم.",
            "وتتقاسم وكالات التوظيف العامة والخاصة سجلًا موحدًا لجهات التوظيف المرخصة.",
            "ويرافق ملف الحالة الشخص عبر الحدود، بموافقته.",
        ],
        "replication": [
            "يتطلب هذا النهج وزارة رائدة وفريق تنسيق صغيرًا واتفاقًا مع بلد شريك واحد.",
            "وجميع الأدوات ووحدات التدريب والنماذج متاحة بترخيص مفتوح وبعدة لغات.",
            "وقد اعتمدتها محافظتان أخريان في غضون ثمانية عشر شهرًا.",
            "ويتمثل معظم التكلفة في وقت موظفي خدمات قائمة بالفعل.",
        ],
        "lessons": [
            "كان إشراك أصحاب العمل منذ البداية أمرًا أساسيًا.",
            "وكان التواصل عبر جمعيات المهاجرين أنجع من الرسائل الرسمية.",
            "ولا يزال التمويل المستدام تحديًا بعد انتهاء دعم المانحين.",
            "وكان لا بد من الاتفاق على قواعد حماية البيانات قبل تبادل أي معلومات.",
            "وقد قُلل من شأن الحواجز اللغوية في البداية، وأصبح المترجمون الآن جزءًا من كل فريق.",
        ],
        "where": "وتُنفَّذ في {places}.",
        "global": "ونطاقها عالمي.",
        "partners": [
            "الاتحاد العام للنقابات",
            "غرفة التجارة والصناعة",
            "مركز دراسات الهجرة في الجامعة",
            "متطوعو الهلال الأحمر",
            "الخدمات الاجتماعية البلدية",
        ],
        "implementers": [
            "وزارة العمل والتشغيل",
            "الوكالة الوطنية للتشغيل",
            "مديرية الشؤون الاجتماعية",
        ],
    },
    "zh-hans": {
        "summary": [
            "该做法回应了与移民社区、雇主和地方政府共同确定的需求，重点关注新到达的移民劳工及其家庭。",
            "项目把劳动、公安和外交等部门纳入同一个协调机制，并定期与民间社会组织和工会进行磋商。",
            "所有服务均免费提供，并使用移民能够理解的语言，包括书面材料、热线电话和手机应用程序。",
            "项目特别关注妇女、儿童和残疾人，确保他们能够平等获得信息、法律援助和社会服务。",
            "移民协会参与了项目的设计、实施和评估，他们的意见直接影响服务的改进。",
            "项目以《安全、有序和正常移民全球契约》的国家实施计划为基础，并借鉴了以往项目的经验。",
            "项目收集的数据经过匿名处理后与国家统计部门共享，用于改进移民政策和公共服务规划。",
        ],
        "benefits": [
            "自{year}年以来，已有超过{n}名移民受益。",
            "在最近一次调查中，{pct}%的参与者表示其处境得到改善。",
            "共培训了{m}名一线工作人员，投诉处理时间从数月缩短到数周。",
            "独立评估显示，移民获得服务的机会和对公共机构的信任都明显提高。",
            "地方政府现在能够依据可靠的移民数据规划公共服务。",
        ],
        "innovation": [
            "这是该地区第一个与移民劳工协会共同设计的项目。",
            "移民可以通过手机应用程序用自己的语言查询合同、工资和权利。",
            "公共和私营就业机构共享一个持证招聘机构的统一登记数据库。",
            "经本人同意，个案档案可以随移民跨境转移。",
        ],
        "replication": [
            "推广这一做法需要一个牵头部门、一个小型协调团队以及与一个伙伴国家的协议。",
            "所有工具、培训模块和模板均采用开放许可，并提供多种语言版本。",
            "另外两个省在十八个月内借鉴并推广了这一做法。",
            "大部分成本是现有公共服务人员的工作时间。",
        ],
        "lessons": [
            "从一开始就让雇主参与至关重要。",
            "通过移民协会开展宣传比发送官方信函更有效。",
            "捐助方支持结束后，可持续的资金仍然是一项挑战。",
            "在共享任何信息之前，必须先商定数据保护规则。",
            "最初低估了语言障碍，现在每个团队都配有口译员。",
        ],
        "where": "实施地点：{places}。",
        "global": "该做法具有全球性。",
        "partners": [
            "全国工会联合会",
            "工商联合会",
            "大学移民研究中心",
            "红十字会志愿者",
            "市社会服务中心",
        ],
        "implementers": ["人力资源和社会保障局", "国家就业服务中心", "民政局"],
    },
    "ru": {
        "summary": [
            "Практика отвечает на потребности, выявленные совместно с общинами мигрантов, работодателями и местными органами власти.",
            "Она объединяет министерства труда, внутренних и иностранных дел в рамках единого механизма координации.",
            "Услуги предоставляются бесплатно и на языках, которыми владеют мигранты.",
            "Особое внимание уделяется женщинам, детям и людям с инвалидностью.",
            "Объединения мигрантов участвуют в её разработке, реализации и оценке.",
            "Практика опирается на национальный план осуществления Глобального договора и на уроки предыдущих проектов.",
            "Социальные работники и волонтёры обучены направлять людей в медицинские, юридические и социальные службы.",
        ],
        "benefits": [
            "С {year} года поддержку получили более {n} мигрантов.",
            "{pct} % участников отметили, что практика улучшила их положение.",
            "Обучение прошли {m} сотрудников, работающих с мигрантами, и жалобы теперь рассматриваются за недели, а не месяцы.",
            "Независимая оценка показала заметное улучшение доступа к услугам и доверия к государственным учреждениям.",
            "Местные органы власти теперь планируют услуги на основе надёжных данных о людях, которых они обслуживают.",
        ],
        "innovation": [
            "Это первая программа в регионе, разработанная совместно с объединениями трудовых мигрантов.",
            "Мобильное приложение позволяет мигрантам на родном языке проверить свой договор, зарплату и права.",
            "Государственные и частные агентства занятости ведут единый реестр лицензированных рекрутеров.",
            "С согласия человека его дело сопровождает его при переезде из страны в страну.",
        ],
        "replication": [
            "Для подхода нужны ведущее министерство, небольшая координационная группа и соглашение с одной страной-партнёром.",
            "Все инструменты, учебные модули и шаблоны распространяются по открытой лицензии на нескольких языках.",
            "За восемнадцать месяцев её переняли ещё две области.",
            "Основные расходы — это рабочее время сотрудников уже существующих служб.",
        ],
        "lessons": [
            "Вовлечение работодателей с самого начала оказалось решающим.",
            "Работа через объединения мигрантов оказалась эффективнее официальных писем.",
            "Устойчивое финансирование остаётся проблемой после окончания донорской поддержки.",
            "Правила защиты данных пришлось согласовать до начала обмена информацией.",
            "Языковые барьеры поначалу недооценили; теперь в каждой команде есть переводчики.",
        ],
        "where": "География: {places}.",
        "global": "Практика носит глобальный характер.",
        "partners": [
            "Федерация профсоюзов",
            "Торгово-промышленная палата",
            "Центр миграционных исследований университета",
            "Добровольцы Красного Полумесяца",
            "Городская служба социальной защиты",
        ],
        "implementers": [
            "Министерство труда и социальной защиты",
            "Государственная служба занятости",
            "Управление социальной защиты",
        ],
    },
}
CRITERIA = list(Criterion.values)  # every demo practice meets them all
LANGUAGE_WEIGHTS = {"en": 10, "fr": 3, "es": 3, "ar": 2, "zh-hans": 1, "ru": 1}
NAME_KEYS = {"zh-hans": "zh"}  # the key of a language in reference data's `names`
SEPARATORS = {"ar": "، ", "zh-hans": "、"}  # between places; ", " otherwise
# Where practices written in each language take place, skewed towards a few countries.
COUNTRIES = {
    "en": {"PHL": 8, "KEN": 5, "BGD": 5, "IND": 4, "NPL": 4, "NGA": 3, "ZAF": 3, "LKA": 3,
           "DEU": 3, "GBR": 3, "USA": 3, "CAN": 3, "AUS": 2, "UGA": 2, "ETH": 2},
    "fr": {"SEN": 6, "MAR": 6, "FRA": 4, "CIV": 4, "MLI": 4, "TUN": 3, "NER": 3, "BFA": 2,
           "CMR": 2, "BEL": 2, "HTI": 2},
    "es": {"MEX": 8, "ECU": 6, "COL": 6, "GTM": 4, "ESP": 3, "ARG": 3, "CHL": 3, "PER": 3,
           "HND": 3, "SLV": 2, "CRI": 2},
    "ar": {"MAR": 6, "JOR": 6, "LBN": 5, "EGY": 4, "TUN": 3, "IRQ": 2, "SDN": 2, "QAT": 2,
           "ARE": 2, "SAU": 2},
    "zh-hans": {"CHN": 8, "MYS": 2, "THA": 2, "SGP": 2, "IDN": 1, "KHM": 1},
    "ru": {"KAZ": 6, "KGZ": 5, "TJK": 5, "UZB": 5, "RUS": 5, "ARM": 2, "MDA": 2, "AZE": 1},
}  # fmt: skip
# The languages in which a State organisation of the demo writes; other States write English.
STATE_LANGUAGES = {"MAR": ("ar", "fr", "en"), "ECU": ("es", "en")}
PRINCIPLE_WEIGHTS = {1: 5, 2: 2, 3: 1, 4: 2, 5: 2, 6: 5, 7: 3, 8: 2, 9: 3, 10: 4}
TYPE_WEIGHTS = {
    PracticeType.PROGRAMME: 6,
    PracticeType.POLICY: 3,
    PracticeType.PARTNERSHIP: 2,
    PracticeType.TOOL: 2,
    PracticeType.RESEARCH: 1,
    PracticeType.OTHER: 0.3,
}
CONTACTS = [
    ("Amal Benali", "amal.benali@example.org"),
    ("Jorge Quispe", "jorge.quispe@example.org"),
    ("Maria Santos", "maria.santos@example.org"),
    ("Aigerim Sadykova", "aigerim.sadykova@example.org"),
    ("Wang Fang", "wang.fang@example.org"),
    ("Moussa Diallo", "moussa.diallo@example.org"),
]
COMMENTS = {
    Recommendation.PUBLISH: [
        "Clear and well documented; the results are credible and the lessons are candid.",
        "Meets every criterion. The replication section will help other countries.",
        "A strong example of a whole-of-society approach. Publish as it is.",
        "Good practice. Consider attaching the evaluation report.",
    ],
    Recommendation.REVISE: [
        "Please give concrete results: how many people were reached and what changed for them.",
        "Explain how migrants themselves took part in the design and the evaluation.",
        "The replication section is too general: describe the costs and the partners needed.",
    ],
}

# The reviewer roster: e-mail, name, kind, languages, objectives, expertise. No one on it belongs
# to an organisation, so everyone may review any practice. The secretariat reviewer of
# accounts/demo.py is deliberately not on it: the secretariat assigns, peers review.
PEER_EMAIL = "peer@example.org"
ROSTER = [
    ("nadia.haddad@example.org", "Nadia Haddad", "internal", ["ar", "fr", "en"],
     [6, 10, 21, 22, 23], "Labour migration and fair recruitment"),
    ("chen.wei@example.org", "Chen Wei", "internal", ["zh-hans", "en"],
     [1, 5, 18, 19, 20], "Migration statistics"),
    ("maria.fernandez@example.org", "María Fernández", "internal", ["es", "en", "fr"],
     [4, 7, 13, 15, 16, 17], "Human rights of migrants"),
    (PEER_EMAIL, "Petra Peer", "external", ["en", "fr", "es"],
     [6, 15, 16, 22], "Migrant workers' rights (civil society)"),
    ("olga.ivanova@example.org", "Olga Ivanova", "external", ["ru", "en"],
     [5, 6, 11, 21, 23], "Labour mobility in Central Asia (academia)"),
    ("youssef.elamrani@example.org", "Youssef El Amrani", "external", ["ar", "fr", "en"],
     [3, 8, 12, 14, 21], "Protection at sea and consular assistance"),
    ("li.na@example.org", "Li Na", "external", ["zh-hans", "en"],
     [1, 2, 19, 20], "Remittances and diaspora investment (research)"),
    ("grace.mensah@example.org", "Grace Mensah", "external", ["en", "fr"],
     [7, 9, 10, 16, 17], "Anti-trafficking and victim support (NGO)"),
]  # fmt: skip
ACCOUNTS = [(PEER_EMAIL, "External peer reviewer (on the roster)")]  # for seed_demo's list


class Step(NamedTuple):
    """A practice in progress: its state, language, theme and the reviews of its current round
    as (reviewer, conflict, recommendation), the reviewer being "internal", "external" or
    "peer" (the demo peer reviewer)."""

    state: State
    language: str
    objective: int
    reviews: tuple[tuple[str, str, str], ...] = ()
    answers_call: bool = False
    complete: bool = True


# Work in progress of the first organisation (the demo focal point's), for the secretariat's
# review queue, the peer reviewer and the focal point. A small `count` keeps the first ones.
IN_PROGRESS = [
    # the demo peer reviewer is asked and has declared nothing yet
    Step(State.SUBMITTED, "en", 16, (("peer", "", ""),)),
    # the reviewers disagree: a tie-break reviewer is needed before a decision
    Step(
        State.SUBMITTED,
        "en",
        6,
        (
            ("internal", "none", "publish"),
            ("external", "none", "publish"),
            ("external", "none", "revise"),
        ),
        answers_call=True,
    ),
    # returned to the focal point with the reviewers' consolidated comments
    Step(
        State.CHANGES_REQUESTED,
        "en",
        15,
        (
            ("internal", "none", "revise"),
            ("external", "none", "revise"),
            ("peer", "none", "publish"),
        ),
    ),
    Step(State.SUBMITTED, "en", 22, answers_call=True),  # no reviewer yet
    # one reviewer declared a conflict (and was released), the other is reading
    Step(State.SUBMITTED, "fr", 3, (("internal", "declared", ""), ("external", "none", ""))),
    # one external review still missing
    Step(
        State.SUBMITTED,
        "ar",
        20,
        (("internal", "none", "publish"), ("external", "none", "publish")),
    ),
    Step(State.SUBMITTED, "en", 1),  # no reviewer yet
    Step(State.DRAFT, "en", 18),  # ready to submit
    Step(State.DRAFT, "en", 21, complete=False),  # the last section is still empty
]
# Published practices were reviewed by any external reviewer, the demo peer reviewer included.
PUBLISHED_REVIEWS = (
    ("internal", "none", "publish"),
    ("external or peer", "none", "publish"),
    ("external or peer", "none", "publish"),
)
CALLS = {
    # key: title, theme, description, objectives, opened (days ago), deadline (days from today)
    "open": (
        "Practices on fair recruitment and decent work",
        "Fair recruitment and decent work",
        "The secretariat invites practices that make recruitment fair and work decent for "
        "migrant workers: no recruitment fees, enforceable contracts, wages paid on time, "
        "portable social protection and access to justice. Answers are reviewed together and "
        "featured on the Hub.",
        (6, 22),
        90,
        60,
    ),
    "closed": (
        "Practices on access to services and local inclusion",
        "Access to services and inclusion",
        "Practices by which cities, health services and communities include migrants, whatever "
        "their status: health care, schooling, language courses and welcome programmes.",
        (15, 16),
        400,
        -200,
    ),
}
CONFLICT_NOTE = "I advised the ministry that runs this programme in 2023."
CHANGES_NOTE = (
    "Thank you for this practice. Please address the reviewers' comments, in particular the "
    "concrete results, and submit it again."
)


class _Reference(NamedTuple):
    """Reference data, demo people and calls, fetched or made once."""

    objectives: dict[int, int]  # number -> pk
    principles: dict[int, int]
    sdgs: dict[int, int]
    countries: dict[str, Country]  # member states by ISO3
    regions: list[Region]  # the top-level M49 regions
    organisations: list[Organisation]
    writers: dict[str, tuple[list[Organisation], list[float]]]  # by language, cumulative weights
    authors: dict[int, int]  # organisation pk -> a member's user pk
    secretariat: User | None
    roster: dict[str, list[ReviewerProfile]]  # "internal", "external" (not the peer), "peer"
    calls: dict[str, Call]  # by key of CALLS


@transaction.atomic
def seed(
    count: int = 150,
    *,
    seed_value: int = 2026,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Create COUNT practices unless practices exist already; return how many were created.

    The first COUNT // 3 steps of IN_PROGRESS (all nine from 27 on) are work in progress; the
    others are published after a complete peer review, about twenty answering one of two calls.
    The reviewer roster is created if missing, even when practices exist. PROGRESS(done, COUNT)
    is called as chunks are stored. The search index is left alone: reindex afterwards."""
    roster = _roster()
    if Practice.objects.exists():
        return 0
    organisations = list(
        Organisation.objects.verified().select_related("entity_type", "country").order_by("pk")
    )
    if not organisations or count <= 0:
        return 0
    rng = random.Random(seed_value)
    ref = _reference(rng, organisations, roster)
    in_progress = IN_PROGRESS[: count // 3]
    published = count - len(in_progress)
    answers = _call_answers(rng, published)

    for start in range(0, published, CHUNK):
        batch = [
            _published(rng, ref, index, answers.get(index))
            for index in range(start, min(start + CHUNK, published))
        ]
        _store(batch)
        _record_publication([practice for practice, _, _ in batch], by=ref.secretariat)
        if progress:
            progress(start + len(batch), count)
    _work_in_progress(rng, ref, in_progress, first_index=published)
    # bulk_create stamps assigned_at (auto_now_add) with the present: date it as it happened
    Assignment.objects.exclude(declared_at=None).update(
        assigned_at=F("declared_at") - datetime.timedelta(days=1)
    )
    if progress:
        progress(count, count)
    return count


def _roster() -> dict[str, list[ReviewerProfile]]:
    """The reviewer roster, created if missing (users by e-mail, like accounts/demo.py)."""
    now = timezone.now()
    roster: dict[str, list[ReviewerProfile]] = {"internal": [], "external": [], "peer": []}
    for email, full_name, kind, languages, objectives, expertise in ROSTER:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create(
                email=email,
                password=accounts_demo.password_hash(),
                full_name=full_name,
                language=languages[0],
                email_confirmed_at=now,
            )
        profile, created = ReviewerProfile.objects.get_or_create(
            user=user, defaults={"kind": kind, "languages": languages, "expertise": expertise}
        )
        if created:
            profile.objectives.set(Objective.objects.filter(number__in=objectives))
        roster["peer" if email == PEER_EMAIL else profile.kind].append(profile)
    return roster


def _reference(rng, organisations, roster) -> _Reference:
    # a few organisations submit many practices, the others a few
    weights = accounts_demo.activity_weights(rng, organisations)
    weights = dict(zip(organisations, weights, strict=True))
    authors = {}
    memberships = Membership.objects.filter(organisation__in=organisations).order_by("pk")
    for organisation_id, user_id in memberships.values_list("organisation_id", "user_id"):
        authors.setdefault(organisation_id, user_id)
    secretariat = (
        User.objects.filter(role=Role.REVIEWER).order_by("pk").first()
        or User.objects.filter(role=Role.ADMIN).order_by("pk").first()
    )
    objectives = dict(Objective.objects.values_list("number", "pk"))
    return _Reference(
        objectives=objectives,
        principles=dict(Principle.objects.values_list("number", "pk")),
        sdgs=dict(SustainableDevelopmentGoal.objects.values_list("number", "pk")),
        countries={c.iso3: c for c in Country.objects.member_states()},
        regions=list(Region.objects.filter(parent=None).order_by("m49")),
        organisations=organisations,
        writers={language: _writers(language, weights) for language in LANGUAGE_WEIGHTS},
        authors=authors,
        secretariat=secretariat,
        roster=roster,
        calls=_calls(secretariat, objectives),
    )


def _calls(by, objectives: dict[int, int]) -> dict[str, Call]:
    """The demo calls for practices, one open and one closed, opened some time ago."""
    today, now = timezone.localdate(), timezone.now()
    calls = {}
    for key, (title, theme, description, numbers, opened, deadline) in CALLS.items():
        call = Call.objects.create(
            title=title,
            theme=theme,
            description=description,
            deadline=today + datetime.timedelta(days=deadline),
            created_by=by,
        )
        call.objectives.set([objectives[n] for n in numbers])
        call.created_at = now - datetime.timedelta(days=opened)
        Call.objects.filter(pk=call.pk).update(created_at=call.created_at)
        calls[key] = call
    return calls


def _call_answers(rng, published: int) -> dict[int, str]:
    """About twenty published practices answer a call (by key of CALLS), most the open one."""
    chosen = rng.sample(range(published), k=min(20, published // 5))
    return {
        index: "open" if n < len(chosen) * 7 // 10 else "closed" for n, index in enumerate(chosen)
    }


def _published(rng, ref: _Reference, index: int, call_key: str | None):
    """A published practice, its relations and its completed peer review."""
    now = timezone.now()
    call = ref.calls[call_key] if call_key else None
    if call is None:
        published_at = now - datetime.timedelta(
            days=rng.randint(1, 3 * 365), hours=rng.randint(0, 23)
        )
        submitted_at = published_at - datetime.timedelta(days=rng.randint(15, 60))
        theme = rng.choices(THEMES, weights=[theme.weight for theme in THEMES])[0]
    else:  # submitted while the call was open; published after the review
        deadline = datetime.datetime.combine(call.deadline, datetime.time(12), tzinfo=datetime.UTC)
        latest = min(deadline, now - datetime.timedelta(days=20))
        submitted_at = call.created_at + (latest - call.created_at) * rng.random()
        published_at = submitted_at + datetime.timedelta(days=rng.randint(15, 18))
        numbers = CALLS[call_key][3]
        theme = rng.choice([theme for theme in THEMES if theme.objective in numbers])
    language = _language(rng, index)
    organisation = _organisation(rng, ref, language)
    practice, relations = _practice(
        rng, ref, index, theme, language, organisation, last_year=published_at.year
    )
    practice.state, practice.call, practice.review_round = State.PUBLISHED, call, 1
    practice.submitted_at, practice.published_at = submitted_at, published_at
    return practice, relations, _assignments(rng, ref, practice, PUBLISHED_REVIEWS, published_at)


def _language(rng, index: int) -> str:
    """Every language early on (so even a small demo has them all), then mostly English."""
    languages = list(LANGUAGE_WEIGHTS)
    if index < len(languages):
        return languages[index]
    return rng.choices(languages, weights=list(LANGUAGE_WEIGHTS.values()))[0]


def _organisation(rng, ref: _Reference, language: str) -> Organisation:
    """A weighted choice among the organisations that write in LANGUAGE (States write theirs)."""
    candidates, cumulative = ref.writers[language]
    return rng.choices(candidates, cum_weights=cumulative)[0]


def _writers(language: str, weights: dict[Organisation, float]):
    """The organisations that write in LANGUAGE (all of them if none does) with the cumulative
    weights of rng.choices(): computed once, not for each of 50,000 practices."""
    candidates = [o for o in weights if language in _languages_of(o)] or list(weights)
    return candidates, list(itertools.accumulate(weights[o] for o in candidates))


def _languages_of(organisation: Organisation) -> tuple[str, ...]:
    if organisation.entity_type.is_state and organisation.country_id:
        return STATE_LANGUAGES.get(organisation.country.iso3, ("en",))
    return tuple(LANGUAGE_WEIGHTS)


def _weighted_sample(rng, weights: dict, k: int) -> list:
    """K distinct keys of WEIGHTS, the heavier more likely."""
    items, values = list(weights), list(weights.values())
    chosen: list = []
    while len(chosen) < min(k, len(items)):
        item = rng.choices(items, weights=values)[0]
        if item not in chosen:
            chosen.append(item)
    return chosen


def _practice(
    rng, ref: _Reference, index: int, theme: Theme, language: str, organisation, *, last_year: int
) -> tuple[Practice, dict[str, list]]:
    """A complete practice (not saved, no state yet) and the pks of its many-to-many relations."""
    texts = TEXTS[language]
    key = NAME_KEYS.get(language, language)

    # Where: a State at home (sometimes with neighbours); others anywhere, in regions or global.
    countries: list[Country] = []
    regions: list[Region] = []
    is_global = False
    pool = {iso3: w for iso3, w in COUNTRIES[language].items() if iso3 in ref.countries}
    if organisation.entity_type.is_state and organisation.country_id:
        countries = [organisation.country]
        if rng.random() < 0.3:
            countries += [ref.countries[c] for c in _weighted_sample(rng, pool, rng.randint(1, 2))]
    elif rng.random() < 0.08 or not pool:
        is_global = True
    else:
        countries = [ref.countries[c] for c in _weighted_sample(rng, pool, rng.randint(1, 4))]
        if rng.random() < 0.2:  # the long tail of the world
            countries.append(rng.choice(list(ref.countries.values())))
        if rng.random() < 0.15:
            regions = rng.sample(ref.regions, k=min(len(ref.regions), rng.randint(1, 2)))
    countries = list({c.pk: c for c in countries}.values())[:4]
    names = [place.names.get(key) or place.names["en"] for place in [*countries, *regions]]
    where = (
        texts["global"]
        if is_global
        else texts["where"].format(places=SEPARATORS.get(language, ", ").join(names))
    )

    title = theme.titles[language]
    if countries and rng.random() < 0.6:
        title += f"（{names[0]}）" if language == "zh-hans" else f" ({names[0]})"

    last_year = max(2015, min(last_year, 2025))
    years = range(2015, last_year + 1)
    start_year = rng.choices(years, weights=[1 if y < 2019 else 3 for y in years])[0]
    is_ongoing = rng.random() < 0.5
    numbers = {
        "year": start_year,
        "n": _number(rng.choice([120, 450, 800, 1500, 3200, 12000, 45000]), language),
        "m": rng.choice([25, 40, 60, 150, 300]),
        "pct": rng.randint(55, 92),
    }

    primary = [theme.objective, *rng.sample(theme.related, k=rng.choices([0, 1, 2], [5, 3, 2])[0])]
    related = [n for n in theme.related if n not in primary]
    rng.shuffle(related)
    unrelated = [n for n in ref.objectives if n not in primary and n not in theme.related]
    secondary = [*related, *rng.sample(unrelated, k=3)][
        : rng.choices([0, 1, 2, 3], [3, 4, 3, 2])[0]
    ]
    sdgs = rng.sample(theme.sdgs, k=rng.randint(1, len(theme.sdgs)))
    if rng.random() < 0.2:
        sdgs = sorted({*sdgs, rng.randint(1, 17)})
    wanted = rng.choices([0, 1, 2], [7, 2, 1])[0]
    drawn = rng.sample(ref.organisations, k=min(len(ref.organisations), wanted + 1))
    collaborators = [o for o in drawn if o.pk != organisation.pk][:wanted]
    on_behalf = not organisation.entity_type.is_state and rng.random() < 0.2
    contact, email = rng.choice(CONTACTS) if on_behalf else ("", "")

    practice = Practice(
        organisation=organisation,
        created_by_id=ref.authors.get(organisation.pk),
        title=title,
        summary=_summary(rng, language, title, texts["summary"], where),
        language=language,
        criteria=CRITERIA[:],
        practice_type=rng.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()))[0],
        start_year=start_year,
        end_year=None if is_ongoing else rng.randint(start_year, last_year),
        is_ongoing=is_ongoing,
        is_global=is_global,
        on_behalf=on_behalf,
        main_implementer=rng.choice(texts["implementers"]) if on_behalf else "",
        implementer_contact=contact,
        implementer_email=email,
        partners="\n".join(rng.sample(texts["partners"], k=rng.randint(0, 3))),
        benefits=_sentences(rng, language, texts["benefits"], 2, 4).format(**numbers),
        innovation=_sentences(rng, language, texts["innovation"], 1, 3),
        replication=_sentences(rng, language, texts["replication"], 1, 3),
        lessons=_sentences(rng, language, texts["lessons"], 2, 4),
        links=_links(rng, index),
    )
    principles = _weighted_sample(rng, PRINCIPLE_WEIGHTS, rng.randint(1, 4))
    relations = {
        "primary_objectives": [ref.objectives[n] for n in primary],
        "secondary_objectives": [ref.objectives[n] for n in secondary],
        "principles": [ref.principles[n] for n in principles],
        "sdgs": [ref.sdgs[n] for n in sdgs],
        "countries": [c.pk for c in countries],
        "regions": [r.pk for r in regions],
        "collaborators": [o.pk for o in collaborators],
    }
    return practice, relations


def _number(n: int, language: str) -> str:
    if language in ("fr", "ru"):
        return f"{n:,}".replace(",", "\u00a0")
    if language == "es":
        return f"{n:,}".replace(",", ".")
    return f"{n:,}"


def _sentences(rng, language: str, pool: list[str], low: int, high: int) -> str:
    joiner = "" if language == "zh-hans" else " "
    return joiner.join(rng.sample(pool, k=min(len(pool), rng.randint(low, high))))


def _summary(rng, language: str, title: str, pool: list[str], where: str) -> str:
    """The title, some sentences and where; more sentences while it is short."""
    joiner, stop = ("", "。") if language == "zh-hans" else (" ", ".")
    order = rng.sample(pool, k=len(pool))
    sentences = [title + stop, *order[: rng.randint(3, len(pool))]]
    while len(sentences) <= len(pool) and len(joiner.join([*sentences, where])) < SUMMARY_MIN + 60:
        sentences.append(order[len(sentences) - 1])
    return joiner.join([*sentences, where])


def _links(rng, index: int) -> list[str]:
    links = [f"https://example.org/practices/{index + 1}"]
    if rng.random() < 0.5:
        links.append(f"https://example.org/reports/practice-{index + 1}.pdf")
    if rng.random() < 0.2:
        links.append(f"https://example.org/videos/{index + 1}")
    return links


def _assignments(rng, ref: _Reference, practice: Practice, reviews, end) -> list[Assignment]:
    """Unsaved assignments for REVIEWS, reviewers who read the practice's language first,
    declared and reviewed in the days before END."""
    chosen: list[ReviewerProfile] = []
    assignments = []
    for kind, conflict, recommendation in reviews:
        pool = [p for key in kind.split(" or ") for p in ref.roster[key]]
        profiles = [p for p in pool if p not in chosen]
        profiles.sort(key=lambda p: (practice.language not in p.languages, rng.random()))
        chosen.append(profiles[0])
        assignment = Assignment(
            practice=practice,
            reviewer=profiles[0],
            round=practice.review_round,
            assigned_by=ref.secretariat,
            conflict=conflict,
        )
        if conflict:
            assignment.declared_at = end - datetime.timedelta(days=rng.randint(5, 9))
        if conflict == Conflict.DECLARED:
            assignment.conflict_note = CONFLICT_NOTE
        if recommendation:
            assignment.recommendation = recommendation
            assignment.comments = rng.choice(COMMENTS[recommendation])
            assignment.reviewed_at = end - datetime.timedelta(days=rng.randint(1, 4))
        assignments.append(assignment)
    return assignments


def _store(batch) -> None:
    """Insert practices, their relations and their assignments: a few statements per chunk."""
    accounts_demo.insert([practice for practice, _, _ in batch])
    for name in (
        "primary_objectives",
        "secondary_objectives",
        "principles",
        "sdgs",
        "countries",
        "regions",
        "collaborators",
    ):
        accounts_demo.insert_links(
            Practice._meta.get_field(name),
            [(practice.pk, pk) for practice, relations, _ in batch for pk in relations[name]],
        )
    assignments = [assignment for _, _, assignments in batch for assignment in assignments]
    accounts_demo.insert(assignments)


def _record_publication(practices, *, by) -> None:
    """The audit trail says how each demo practice came to be published, and when."""
    record_type = ContentType.objects.get_for_model(Practice)
    events = [
        Event(
            record_type=record_type,
            record_id=p.pk,
            action=Action.PUBLISH,
            actor=by,
            from_state=State.SUBMITTED,
            to_state=State.PUBLISHED,
        )
        for p in practices
    ]
    accounts_demo.insert(events)
    # created_at is stamped with the present on insert: set it to the publication
    Event.objects.filter(pk__in=[event.pk for event in events]).update(
        created_at=Subquery(
            Practice.objects.filter(pk=OuterRef("record_id")).values("published_at")[:1]
        )
    )


def _work_in_progress(rng, ref: _Reference, steps: list[Step], *, first_index: int) -> None:
    """The practices of STEPS for the first organisation, with their reviews and their trail."""
    now = timezone.now()
    organisation = ref.organisations[0]
    author = ref.authors.get(organisation.pk)
    batch = []
    for offset, step in enumerate(steps):
        theme = next(theme for theme in THEMES if theme.objective == step.objective)
        practice, relations = _practice(
            rng, ref, first_index + offset, theme, step.language, organisation, last_year=now.year
        )
        practice.state = step.state
        practice.call = ref.calls["open"] if step.answers_call else None
        if step.state != State.DRAFT:
            practice.review_round = 1
            practice.submitted_at = now - datetime.timedelta(days=rng.randint(12, 20))
        if not step.complete:
            practice.benefits = practice.innovation = practice.replication = ""
            practice.lessons, practice.links = "", []
        batch.append((practice, relations, _assignments(rng, ref, practice, step.reviews, now)))
    _store(batch)

    record_type = ContentType.objects.get_for_model(Practice)
    events = []
    for practice, _, _ in batch:
        trail = [(Action.CREATE, "", State.DRAFT, author, "")]
        if practice.state != State.DRAFT:
            trail.append((Action.SUBMIT, State.DRAFT, State.SUBMITTED, author, ""))
        if practice.state == State.CHANGES_REQUESTED:
            trail.append(
                (
                    Action.REQUEST_CHANGES,
                    State.SUBMITTED,
                    State.CHANGES_REQUESTED,
                    ref.secretariat and ref.secretariat.pk,
                    CHANGES_NOTE,
                )
            )
        events += [
            Event(
                record_type=record_type,
                record_id=practice.pk,
                action=action,
                actor_id=actor,
                from_state=before,
                to_state=after,
                note=note,
            )
            for action, before, after, actor, note in trail
        ]
    Event.objects.bulk_create(events)
