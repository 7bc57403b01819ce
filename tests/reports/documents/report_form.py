"""A final report written as ODIHR writes one, for the tests of its form: paragraphs labelled and cited, footnotes
citing a law, a commission's decision, an OSCE commitment and an interlocutor, in English, Russian and Kazakh."""

from reports.documents.services import recommendation_add, section_add, section_update
from reports.models import Report, ReportSection
from tests.factories import ReportFactory

Level = ReportSection.Level

# (level, heading in en, ru, kk, {language: body}); every paragraph opens with a word of its own, to find it in the PDF.
SECTIONS = [
    (
        Level.CHAPTER,
        ("Executive summary", "Резюме", "Қысқаша мазмұны"),
        {
            "en": (
                "Alpha: the elections offered voters a choice between several parties.[^law]\n\n"
                "Bravo: the election administration managed the technical aspects efficiently. {#admin}\n\n"
                "- a list item is not a numbered paragraph\n\n"
                "[^law]: Article 12 of the Constitutional Law on Elections."
            ),
            "ru": (
                "Альфа: выборы предоставили избирателям выбор между несколькими партиями.[^law]\n\n"
                "Браво: избирательная администрация эффективно справилась с техническими вопросами. {#admin}\n\n"
                "- пункт списка не нумеруется\n\n"
                "[^law]: Статья 12 Конституционного закона о выборах."
            ),
            "kk": (
                "Альфа: сайлау сайлаушыларға бірнеше партияның бірін таңдауға мүмкіндік берді.[^law]\n\n"
                "Браво: сайлау әкімшілігі техникалық мәселелерді тиімді шешті. {#admin}\n\n"
                "- тізім тармағы нөмірленбейді\n\n"
                "[^law]: Сайлау туралы конституциялық заңның 12-бабы."
            ),
        },
    ),
    (
        Level.CHAPTER,
        ("Election administration", "Администрирование выборов", "Сайлауды басқару"),
        {
            "en": (
                "Charlie: the Central Election Commission adopted its decisions in open sessions.[^cec] {#cec}\n\n"
                "Delta: as paragraph [@admin] notes, the commissions were formed on time.\n\n"
                "[^cec]: CEC Decision No. 45/2 of 12 August 2004."
            ),
            "ru": (
                "Чарли: Центральная избирательная комиссия принимала решения на открытых заседаниях.[^cec] {#cec}\n\n"
                "Дельта: как отмечено в пункте [@admin], комиссии были сформированы в срок.\n\n"
                "[^cec]: Постановление ЦИК № 45/2 от 12 августа 2004 года."
            ),
            "kk": (
                "Чарли: Орталық сайлау комиссиясы шешімдерін ашық отырыстарда қабылдады.[^cec] {#cec}\n\n"
                "Дельта: [@admin]-тармақта айтылғандай, комиссиялар уақытында құрылды.\n\n"
                "[^cec]: ОСК-ның 2004 жылғы 12 тамыздағы № 45/2 қаулысы."
            ),
        },
    ),
    (
        Level.SUBSECTION,
        ("Voter registration", "Регистрация избирателей", "Сайлаушыларды тіркеу"),
        {
            "en": (
                "Echo: voters could check their entries.^[Paragraph 7.3 of the 1990 OSCE Copenhagen Document.] "
                "{#voters}\n\n"
                "Foxtrot: interlocutors raised concerns about multiple entries.[^meeting]\n\n"
                "[^meeting]: ODIHR EOM meeting with a civil society organisation, Almaty, 3 September 2004."
            ),
            "ru": (
                "Эхо: избиратели могли проверить свои данные.^[Пункт 7.3 Копенгагенского документа ОБСЕ 1990 года.] "
                "{#voters}\n\n"
                "Фокстрот: собеседники выразили обеспокоенность повторными записями.[^meeting]\n\n"
                "[^meeting]: Встреча МНВ БДИПЧ ОБСЕ с общественной организацией, Алматы, 3 сентября 2004 года."
            ),
            "kk": (
                "Эхо: сайлаушылар өз деректерін тексере алды.^[ЕҚЫҰ-ның 1990 жылғы Копенгаген құжатының 7.3-тармағы.] "
                "{#voters}\n\n"
                "Фокстрот: әңгімелесушілер қайталанған жазбаларға алаңдаушылық білдірді.[^meeting]\n\n"
                "[^meeting]: ЕҚЫҰ/ДИАҚБ СБМ-нің азаматтық қоғам ұйымымен кездесуі, Алматы, 2004 жылғы 3 қыркүйек."
            ),
        },
    ),
    (
        Level.CHAPTER,
        ("Recommendations", "Рекомендации", "Ұсыныстамалар"),
        {
            "en": "Golf: these recommendations are offered to support efforts to conduct elections.\n\n"
            "[[block:recommendations]]",
            "ru": "Гольф: эти рекомендации призваны поддержать усилия по проведению выборов.\n\n"
            "[[block:recommendations]]",
            "kk": "Гольф: бұл ұсыныстамалар сайлауды өткізу жөніндегі күш-жігерді қолдауға арналған.\n\n"
            "[[block:recommendations]]",
        },
    ),
    (
        Level.ANNEX,
        ("Deployment", "Размещение наблюдателей", "Байқаушыларды орналастыру"),
        {"en": "An annex paragraph is not numbered.", "ru": "", "kk": ""},
    ),
]

RECOMMENDATIONS = [
    (
        True,
        "The CEC should publish all its decisions promptly (paragraphs [@cec; @admin]).",
        "ЦИК следует незамедлительно публиковать все свои решения (пункты [@cec; @admin]).",
        "ОСК барлық шешімдерін дереу жариялауы тиіс ([@cec; @admin]-тармақтар).",
    ),
    (
        False,
        "Voter lists should be checked for multiple entries (paragraph [@voters]).",
        "Списки избирателей следует проверить на повторные записи (пункт [@voters]).",
        "Сайлаушылар тізімдері қайталанған жазбаларға тексерілуі тиіс ([@voters]-тармақ).",
    ),
]


def written_report(mission, *, kind: str = Report.Kind.FINAL) -> Report:
    """A report with the sections and recommendations above, nothing left of the analyst's guide text."""
    report = ReportFactory(mission=mission, kind=kind)
    after = None
    for level, (heading, heading_ru, heading_kk), bodies in SECTIONS:
        after = section_add(report=report, level=level, heading=heading, after=after)
        section_update(
            section=after,
            heading_ru=heading_ru,
            heading_kk=heading_kk,
            body=bodies["en"],
            body_ru=bodies["ru"],
            body_kk=bodies["kk"],
        )
    for priority, en, ru, kk in RECOMMENDATIONS:
        recommendation_add(report=report, priority=priority, text=en, text_ru=ru, text_kk=kk)
    return report
