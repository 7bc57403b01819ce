"""The sections a new report starts with, per kind, in English, Russian and Kazakh.

Every section starts with a one-line guide for the analyst in italic brackets, and the data blocks that belong
there. The needs-assessment report has the shape of the OSCE/ODIHR NAM report on Kazakhstan's 2004
parliamentary elections; for the demo mission its sections carry that report's text (default_texts/, the
Kazakh from the published report with ә restored, English and Russian translated from it).
"""

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reports.models import Report, ReportSection

LANGUAGES = ("en", "ru", "kk")
TEXTS_DIR = Path(__file__).resolve().parent / "default_texts"
Level = ReportSection.Level


@dataclass(frozen=True)
class Topic:
    heading: tuple[str, str, str]  # en, ru, kk
    guide: tuple[str, str, str]


@dataclass(frozen=True)
class SectionDefault:
    level: str
    topic: str
    headings: dict[str, str]
    bodies: dict[str, str]


TOPICS = {
    "introduction": Topic(
        ("Introduction", "Введение", "Кіріспе"),
        (
            "Who took part in the mission, when and where; whom it met (see the annexes); thanks.",
            "Состав миссии, сроки и места работы; с кем проводились встречи (см. приложения); благодарности.",
            "Миссия құрамы, уақыты мен орны; кімдермен кездескені (қосымшаларды қараңыз); алғыс.",
        ),
    ),
    "summary": Topic(
        ("Summary", "Резюме", "Сипаттама"),
        (
            "The main findings in a few paragraphs, and what the mission recommends.",
            "Основные выводы в нескольких абзацах и рекомендации миссии.",
            "Негізгі тұжырымдар бірнеше абзацпен және миссияның ұсыныстамалары.",
        ),
    ),
    "findings": Topic(("Findings", "Выводы", "Анықталған фактілер"), ("", "", "")),
    "political_context": Topic(
        ("Political context", "Политический контекст", "Саяси контекст"),
        (
            "The system of government, the parties and the political climate before the elections.",
            "Система государственного управления, партии и политический климат перед выборами.",
            "Мемлекеттік басқару жүйесі, партиялар және сайлау алдындағы саяси ахуал.",
        ),
    ),
    "previous_observation": Topic(
        (
            "Previous observation and next steps",
            "Предыдущее наблюдение и дальнейшие шаги",
            "Алдындағы сайлауда байқау және келесідегі қадамдар",
        ),
        (
            "What earlier missions found, and what has been done about their recommendations.",
            "Выводы предыдущих миссий и выполнение их рекомендаций.",
            "Бұрынғы миссиялардың тұжырымдары және олардың ұсыныстамаларының орындалуы.",
        ),
    ),
    "legal_framework": Topic(
        ("Legal framework", "Правовая база", "Құқықтық база"),
        (
            "The election law and its recent changes, measured against OSCE commitments.",
            "Закон о выборах и последние изменения в нём в сравнении с обязательствами ОБСЕ.",
            "Сайлау туралы заң және ондағы соңғы өзгерістер, ЕҚЫҰ міндеттемелерімен салыстырғанда.",
        ),
    ),
    "election_administration": Topic(
        ("Election administration", "Администрирование выборов", "Сайлауды басқару"),
        (
            "The levels of commissions, how they were formed and who sits on them.",
            "Уровни избирательных комиссий, порядок их формирования и состав.",
            "Сайлау комиссияларының деңгейлері, құрылу тәртібі және құрамы.",
        ),
    ),
    "media": Topic(
        ("Media", "СМИ", "БАҚ"),
        (
            "The media landscape, access for contestants and the rules on coverage.",
            "Медийная среда, доступ участников выборов к СМИ и правила освещения.",
            "Медиа ортасы, сайлауға қатысушылардың БАҚ-қа қолжетімділігі және жариялау ережелері.",
        ),
    ),
    "observers": Topic(
        (
            "International and domestic observers",
            "Международные и внутренние наблюдатели",
            "Халықаралық және ішкі байқаушылар",
        ),
        (
            "Who else observes, and what the law allows observers to do.",
            "Кто ещё наблюдает за выборами и что закон позволяет наблюдателям.",
            "Сайлауды тағы кім байқайды және заң байқаушыларға не істеуге мүмкіндік береді.",
        ),
    ),
    "conclusions": Topic(
        ("Conclusions and recommendations", "Заключения и рекомендации", "Қорытындылар және ұсыныстамалар"),
        (
            "The mission the NAM recommends: its core team, long-term and short-term observers, and when.",
            "Рекомендуемая миссия: основная группа, долгосрочные и краткосрочные наблюдатели, сроки.",
            "Ұсынылатын миссия: негізгі топ, ұзақ және қысқа мерзімді байқаушылар, мерзімдері.",
        ),
    ),
    "annex_programme": Topic(
        ("Preliminary programme", "Предварительная программа", "Алдын ала бағдарлама"),
        (
            "The programme of meetings, from the meetings recorded under Needs assessment.",
            "Программа встреч по встречам, внесённым в разделе «Оценка потребностей».",
            "«Мұқтаждықтарды бағалау» бөліміне енгізілген кездесулер бағдарламасы.",
        ),
    ),
    "annex_parties": Topic(
        (
            "List of invitees to the meeting with political parties",
            "Список приглашённых на встречу с политическими партиями",
            "Саяси партиялармен кездесуге шақырылғандардың тізімі",
        ),
        ("", "", ""),
    ),
    "annex_media": Topic(
        (
            "List of invitees to the meeting with media NGOs and the press",
            "Список приглашённых на встречу с НПО в сфере СМИ и прессой",
            "БАҚ саласындағы МЕҰ және баспасөз өкілдерімен кездесуге шақырылғандардың тізімі",
        ),
        ("", "", ""),
    ),
    "annex_ngos": Topic(
        (
            "List of invitees to the meeting with NGOs",
            "Список приглашённых на встречу с НПО",
            "МЕҰ өкілдерімен кездесуге шақырылғандардың тізімі",
        ),
        ("", "", ""),
    ),
    "executive_summary": Topic(
        ("Executive summary", "Краткое изложение", "Қысқаша мазмұны"),
        (
            "The mission's overall assessment of the elections and its key recommendations.",
            "Общая оценка выборов миссией и её ключевые рекомендации.",
            "Миссияның сайлауға берген жалпы бағасы және негізгі ұсыныстамалары.",
        ),
    ),
    "introduction_thanks": Topic(
        ("Introduction and acknowledgements", "Введение и выражение признательности", "Кіріспе және алғыс"),
        (
            "The invitation, the mission's head and composition, its dates, and thanks.",
            "Приглашение, глава и состав миссии, сроки её работы, благодарности.",
            "Шақыру, миссия басшысы мен құрамы, жұмыс мерзімі, алғыс.",
        ),
    ),
    "background": Topic(
        (
            "Background and political context",
            "Общие сведения и политический контекст",
            "Жалпы мәліметтер және саяси контекст",
        ),
        (
            "The elections called, the offices at stake and the political setting.",
            "Назначенные выборы, замещаемые должности и политическая обстановка.",
            "Тағайындалған сайлау, сайланатын лауазымдар және саяси жағдай.",
        ),
    ),
    "preliminary_conclusions": Topic(
        ("Preliminary conclusions", "Предварительные выводы", "Алдын ала қорытындылар"),
        (
            "The mission's preliminary assessment of the elections, with the election-day figures below.",
            "Предварительная оценка выборов миссией; ниже — данные дня выборов.",
            "Миссияның сайлауға алдын ала бағасы; төменде — сайлау күнінің деректері.",
        ),
    ),
    "preliminary_findings": Topic(
        ("Preliminary findings", "Предварительные результаты наблюдения", "Алдын ала тұжырымдар"), ("", "", "")
    ),
    "registration": Topic(
        (
            "Voter and candidate registration",
            "Регистрация избирателей и кандидатов",
            "Сайлаушылар мен кандидаттарды тіркеу",
        ),
        (
            "The voter lists, and the registration of parties and candidates: who was refused and why.",
            "Списки избирателей, регистрация партий и кандидатов: кому отказано и почему.",
            "Сайлаушылар тізімдері, партиялар мен кандидаттарды тіркеу: кімге не себепті бас тартылды.",
        ),
    ),
    "campaign": Topic(
        ("Election campaign", "Предвыборная кампания", "Сайлау науқаны"),
        (
            "The campaign environment: freedoms of assembly and expression, misuse of state resources.",
            "Условия кампании: свобода собраний и выражения мнений, использование административного ресурса.",
            "Науқан жағдайы: жиналыс және пікір білдіру бостандығы, әкімшілік ресурсты пайдалану.",
        ),
    ),
    "complaints": Topic(
        ("Complaints and appeals", "Жалобы и апелляции", "Шағымдар мен апелляциялар"),
        (
            "Complaints filed, how commissions and courts handled them, and in what time.",
            "Поданные жалобы, их рассмотрение комиссиями и судами, сроки.",
            "Берілген шағымдар, оларды комиссиялар мен соттардың қарауы, мерзімдері.",
        ),
    ),
    "election_day": Topic(
        ("Election day", "День выборов", "Сайлау күні"),
        (
            "An overview of election day; the figures below come from the observers' forms.",
            "Общая характеристика дня выборов; данные ниже взяты из форм наблюдателей.",
            "Сайлау күніне жалпы шолу; төмендегі деректер байқаушылардың нысандарынан алынған.",
        ),
    ),
    "opening": Topic(
        ("Opening", "Открытие избирательных участков", "Сайлау учаскелерінің ашылуы"),
        (
            "How the polling stations observed opened.",
            "Как открывались посещённые избирательные участки.",
            "Байқалған сайлау учаскелерінің қалай ашылғаны.",
        ),
    ),
    "voting": Topic(
        ("Voting", "Голосование", "Дауыс беру"),
        (
            "How voting went in the polling stations observed, and where problems were seen.",
            "Как проходило голосование на посещённых участках и где отмечены проблемы.",
            "Байқалған учаскелерде дауыс берудің қалай өткені және проблемалар қайда байқалғаны.",
        ),
    ),
    "counting": Topic(
        ("Counting", "Подсчёт голосов", "Дауыстарды санау"),
        (
            "How the counts observed were conducted.",
            "Как проводились наблюдавшиеся подсчёты голосов.",
            "Байқалған дауыс санаудың қалай жүргізілгені.",
        ),
    ),
    "tabulation": Topic(
        ("Tabulation", "Сведение результатов", "Нәтижелерді қорытындылау"),
        (
            "How results were tabulated at the district commissions observed.",
            "Как сводились результаты в посещённых окружных комиссиях.",
            "Байқалған округтық комиссияларда нәтижелердің қалай қорытындыланғаны.",
        ),
    ),
    "results": Topic(
        ("Announcement of results", "Объявление итогов", "Нәтижелерді жариялау"),
        (
            "When and how the results were published, and any challenges to them.",
            "Когда и как были опубликованы итоги и обжаловались ли они.",
            "Нәтижелердің қашан және қалай жарияланғаны, оларға шағымдар.",
        ),
    ),
    "recommendations": Topic(
        ("Recommendations", "Рекомендации", "Ұсыныстамалар"),
        (
            "Recommendations are written in the list of recommendations of this report; they are numbered here.",
            "Рекомендации вносятся в список рекомендаций этого отчёта и нумеруются здесь.",
            "Ұсыныстамалар осы есептің ұсыныстамалар тізіміне жазылады, мұнда нөмірленеді.",
        ),
    ),
    "mission_activities": Topic(
        ("Mission activities", "Деятельность миссии", "Миссияның қызметі"),
        (
            "The mission's meetings and deployment in the period covered.",
            "Встречи миссии и развёртывание наблюдателей в отчётный период.",
            "Есепті кезеңдегі миссияның кездесулері және байқаушыларды орналастыру.",
        ),
    ),
    "mission_information": Topic(
        (
            "Mission information and acknowledgements",
            "Информация о миссии и выражение признательности",
            "Миссия туралы ақпарат және алғыс",
        ),
        (
            "The mission's head, its core team and observers, and thanks.",
            "Глава миссии, основная группа и наблюдатели, благодарности.",
            "Миссия басшысы, негізгі топ және байқаушылар, алғыс.",
        ),
    ),
    "annex_deployment": Topic(
        (
            "Observer deployment by region",
            "Развёртывание наблюдателей по регионам",
            "Байқаушылардың өңірлер бойынша орналасуы",
        ),
        ("", "", ""),
    ),
    "annex_results": Topic(
        ("Final results", "Окончательные итоги", "Түпкілікті нәтижелер"),
        ("", "", ""),
    ),
    "annex_observers": Topic(
        (
            "List of observers by nationality",
            "Список наблюдателей по гражданству",
            "Байқаушылардың азаматтығы бойынша тізімі",
        ),
        ("", "", ""),
    ),
    "annex_meetings": Topic(
        ("Meetings held by the mission", "Встречи, проведённые миссией", "Миссия өткізген кездесулер"),
        ("", "", ""),
    ),
    "annex_followup": Topic(
        (
            "Follow-up of prior recommendations",
            "Выполнение предыдущих рекомендаций",
            "Алдыңғы ұсыныстамалардың орындалуы",
        ),
        (
            "The previous mission's recommendations and how far each was implemented; import and assess them "
            "under Pre-election record, Follow-up of prior recommendations.",
            "Рекомендации предыдущей миссии и степень их выполнения; импортируйте и оцените их в разделе "
            "«Материалы предвыборного периода», «Выполнение предыдущих рекомендаций».",
            "Алдыңғы миссияның ұсыныстамалары және олардың қаншалықты орындалғаны; оларды "
            "«Сайлау алдындағы кезең материалдары», «Алдыңғы ұсыныстамалардың орындалуы» "
            "бөлімінде импорттап, бағалаңыз.",
        ),
    ),
}


def _election_day(chapter_blocks: str) -> list[tuple[str, str, str]]:
    return [
        (Level.CHAPTER, "election_day", chapter_blocks),
        (Level.SUBSECTION, "opening", "[[block:chart kind=opening]]\n\n[[block:statistics kind=opening]]"),
        (
            Level.SUBSECTION,
            "voting",
            "[[block:chart kind=voting]]\n\n[[block:map kind=voting]]\n\n[[block:statistics kind=voting]]",
        ),
        (Level.SUBSECTION, "counting", "[[block:chart kind=counting]]\n\n[[block:statistics kind=counting]]"),
        (Level.SUBSECTION, "tabulation", "[[block:statistics kind=tabulation]]"),
    ]


MEDIA_BLOCKS = "[[block:media_summary]]\n\n[[block:media_chart]]\n\n[[block:media_table]]"

# (level, topic, the blocks after the guide)
STRUCTURE: dict[str, list[tuple[str, str, str]]] = {
    Report.Kind.NEEDS_ASSESSMENT: [
        (Level.CHAPTER, "introduction", ""),
        (Level.CHAPTER, "summary", ""),
        (Level.CHAPTER, "findings", ""),
        (Level.SUBSECTION, "political_context", ""),
        (Level.SUBSECTION, "previous_observation", ""),
        (Level.SUBSECTION, "legal_framework", ""),
        (Level.SUBSECTION, "election_administration", "[[block:composition]]"),
        (Level.SUBSECTION, "media", ""),
        (Level.SUBSECTION, "observers", ""),
        (Level.CHAPTER, "conclusions", ""),
        (Level.ANNEX, "annex_programme", "[[block:meetings]]"),
        (Level.ANNEX, "annex_parties", "[[block:invitees category=political_parties]]"),
        (Level.ANNEX, "annex_media", "[[block:invitees category=media]]"),
        (Level.ANNEX, "annex_ngos", "[[block:invitees category=civil_society,international]]"),
    ],
    Report.Kind.INTERIM: [
        (Level.CHAPTER, "summary", "[[block:lto_topics]]"),
        (Level.CHAPTER, "background", ""),
        (Level.CHAPTER, "legal_framework", ""),
        (
            Level.CHAPTER,
            "election_administration",
            "[[block:composition]]\n\n[[block:lto_topics topic=election_administration]]",
        ),
        (
            Level.CHAPTER,
            "registration",
            "[[block:candidates]]\n\n[[block:candidate_refusals]]\n\n[[block:candidate_lists]]",
        ),
        (Level.CHAPTER, "campaign", "[[block:lto_timeline]]\n\n[[block:lto_topics topic=misuse_of_resources]]"),
        (Level.CHAPTER, "media", MEDIA_BLOCKS + "\n\n[[block:lto_topics topic=media]]"),
        (Level.CHAPTER, "complaints", "[[block:cases]]\n\n[[block:case_deadlines]]\n\n[[block:key_cases]]"),
        (Level.CHAPTER, "observers", ""),
        (Level.CHAPTER, "mission_activities", "[[block:lto_coverage]]\n\n[[block:lto_meetings]]"),
    ],
    Report.Kind.PRELIMINARY: [
        (Level.CHAPTER, "preliminary_conclusions", "[[block:headline]]"),
        (Level.CHAPTER, "preliminary_findings", ""),
        (Level.SUBSECTION, "background", ""),
        (Level.SUBSECTION, "legal_framework", ""),
        (Level.SUBSECTION, "election_administration", ""),
        (Level.SUBSECTION, "registration", "[[block:candidates]]"),
        (Level.SUBSECTION, "campaign", ""),
        (Level.SUBSECTION, "media", MEDIA_BLOCKS),
        (Level.SUBSECTION, "complaints", "[[block:cases]]"),
        (Level.SUBSECTION, "observers", ""),
        *_election_day("[[block:method]]"),
        (Level.UNNUMBERED, "mission_information", "[[block:deployment]]"),
    ],
    Report.Kind.FINAL: [
        (Level.CHAPTER, "executive_summary", "[[block:headline]]"),
        (Level.CHAPTER, "introduction_thanks", ""),
        (Level.CHAPTER, "background", ""),
        (Level.CHAPTER, "legal_framework", ""),
        (Level.CHAPTER, "election_administration", "[[block:composition]]"),
        (Level.CHAPTER, "registration", "[[block:candidates]]\n\n[[block:candidate_refusals]]"),
        (Level.CHAPTER, "campaign", ""),
        (Level.CHAPTER, "media", MEDIA_BLOCKS),
        (Level.CHAPTER, "complaints", "[[block:cases]]\n\n[[block:cases by=subject]]\n\n[[block:key_cases]]"),
        (Level.CHAPTER, "observers", ""),
        *_election_day("[[block:method]]\n\n[[block:headline]]"),
        (Level.CHAPTER, "results", "[[block:protocols_headline]]\n\n[[block:protocols]]"),
        (Level.CHAPTER, "recommendations", "[[block:recommendations]]"),
        (Level.ANNEX, "annex_deployment", "[[block:deployment]]\n\n[[block:teams]]"),
        (Level.ANNEX, "annex_results", "[[block:results]]\n\n[[block:turnout]]"),
        (Level.ANNEX, "annex_followup", "[[block:followup]]"),
        (Level.ANNEX, "annex_observers", "[[block:observers]]"),
        (Level.ANNEX, "annex_meetings", "[[block:meetings_held]]"),
    ],
}

# The demo mission's election as its title pages name it.
DEMO_ELECTION = {
    "election": "Parliamentary Elections",
    "election_ru": "Парламентские выборы",
    "election_kk": "Парламенттік сайлау",
}

# The demo's needs-assessment report: its title as the source prints it (the standard title rewords it).
DEMO_NAM = {"title_kk": "ЕҚЫҰ/ДИАҚБ Мұқтаждықтарды бағалау жөнінде миссиясының Есептемесі"}

# The demo's interim report: the first, on the LTOs' first three weeks.
DEMO_INTERIM = {"number": 1, "period_from": dt.date(2004, 8, 15), "period_to": dt.date(2004, 9, 5)}

# The demo's final report: recommendations drawn from the issues the NAM report lists as still to be resolved.
DEMO_RECOMMENDATIONS: list[tuple[bool, str, str, str]] = [
    (
        True,
        "Election commissions at all levels should be formed so that contestants have a genuine say in their "
        "composition and no political force holds a dominant position.",
        "Избирательные комиссии всех уровней следует формировать так, чтобы участники выборов реально влияли на их "
        "состав и ни одна политическая сила не занимала в них доминирующего положения.",
        "Барлық деңгейдегі сайлау комиссиялары сайлауға қатысушылар олардың құрамына шын мәнінде ықпал ететіндей және "
        "бірде-бір саяси күш басым болмайтындай етіп құрылуға тиіс.",
    ),
    (
        True,
        "Any electronic voting system should keep a paper record of each vote that the voter can verify, so that "
        "results can be recounted and challenged.",
        "Любая система электронного голосования должна сохранять бумажный след каждого голоса, проверяемый "
        "избирателем, чтобы итоги можно было пересчитать и обжаловать.",
        "Кез келген электронды дауыс беру жүйесі әр дауыстың сайлаушы тексере алатын қағаз ізін сақтауға тиіс, "
        "сонда нәтижелерді қайта санауға және оларға шағымдануға болады.",
    ),
    (
        True,
        "Voters and candidates should be able to challenge election results in court, and the Central Election "
        "Commission should be able to declare results invalid.",
        "Избиратели и кандидаты должны иметь возможность обжаловать итоги выборов в суде, а Центральная избирательная "
        "комиссия — признавать итоги недействительными.",
        "Сайлаушылар мен кандидаттар сайлау нәтижелеріне сотта шағымдана алуы, ал Орталық сайлау комиссиясы "
        "нәтижелерді жарамсыз деп тани алуы тиіс.",
    ),
    (
        False,
        "Sanctions such as deregistration of a candidate should be proportionate and not applied for minor offences.",
        "Санкции, такие как отмена регистрации кандидата, должны быть соразмерными и не применяться за мелкие "
        "правонарушения.",
        "Кандидатты тіркеуден шығару сияқты санкциялар мөлшерлес болуы және ұсақ құқық бұзушылықтар үшін "
        "қолданылмауы тиіс.",
    ),
    (
        False,
        "The grounds for the early termination of the mandates of deputies and of commission members should be "
        "narrowed and defined precisely in law.",
        "Основания для досрочного прекращения полномочий депутатов и членов комиссий следует сузить и точно "
        "определить в законе.",
        "Депутаттар мен комиссия мүшелерінің өкілеттіктерін мерзімінен бұрын тоқтату негіздері тарылып, заңда "
        "нақты белгіленуі тиіс.",
    ),
    (
        False,
        "Restrictions on freedom of expression and of assembly during the campaign should be lifted.",
        "Ограничения свободы выражения мнений и собраний в ходе кампании следует отменить.",
        "Науқан кезінде пікір білдіру және жиналыс бостандығына қойылған шектеулер алынып тасталуы тиіс.",
    ),
]


@cache
def demo_text(kind: str, topic: str, language: str) -> str | None:
    path = TEXTS_DIR / kind / f"{topic}.{language}.md"
    return path.read_text(encoding="utf-8").strip() if path.exists() else None


def _body(kind: str, topic: str, blocks: str, language: str, *, demo: bool) -> str:
    written = demo_text(kind, topic, language) if demo else None
    if written is not None:
        return written
    guide = TOPICS[topic].guide[LANGUAGES.index(language)]
    return "\n\n".join(part for part in (f"*[{guide}]*" if guide else "", blocks) if part)


def section_defaults(kind: str, *, demo: bool) -> list[SectionDefault]:
    """The sections a new report of `kind` starts with; `demo`: the demo mission's texts where there are any."""
    return [
        SectionDefault(
            level=level,
            topic=topic,
            headings=dict(zip(LANGUAGES, TOPICS[topic].heading)),
            bodies={language: _body(kind, topic, blocks, language, demo=demo) for language in LANGUAGES},
        )
        for level, topic, blocks in STRUCTURE[kind]
    ]
