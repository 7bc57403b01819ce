"""The annex blocks' fixed texts (follow-up of prior recommendations, observers by nationality, meetings held,
teams deployed) in English, Russian and Kazakh; Russian counts after "из" take the genitive (`rt._pick`)."""

from reports.documents import texts as rt

ANNEX_TEXTS = {
    "en": {
        "followup_caption": "Follow-up of the previous report's recommendations",
        "followup_lead": (
            "Of the {recommendations} of the previous report: fully implemented, {fully}; mostly, {mostly}; "
            "partially, {partially}; not implemented, {not}."
        ),
        "followup_pending": "Not yet assessed: {n}.",
        "recommendations": ("{n} recommendation", "{n} recommendations"),
        "followup_none": "No recommendations of the previous report have been imported.",
        "grades": {
            "fully": "Fully implemented",
            "mostly": "Mostly implemented",
            "partially": "Partially implemented",
            "not": "Not implemented",
            "": "Not assessed",
        },
        "priority": "priority",
        "col_number": "No.",
        "col_recommendation": "Recommendation",
        "col_implemented": "Implemented",
        "col_note": "Note",
        "observers_caption": "Observers by nationality",
        "observers_lead": "The mission comprised {observers} from {states}.",
        "observers": ("{n} observer", "{n} observers"),
        "states": ("{n} OSCE participating State", "{n} OSCE participating States"),
        "observers_other": (
            "Nationalities that name no OSCE participating State are listed as the roster gives them and are not "
            "counted among the States."
        ),
        "observers_none": "No observers have been recorded.",
        "not_given": "Not given",
        "col_country": "Country",
        "col_core": "Core team",
        "col_lto": "Long-term observers",
        "col_sto": "Short-term observers",
        "col_total": "Total",
        "total": "Total",
        "meetings_caption": "Meetings held by the mission, by category of interlocutor",
        "meetings_lead": "The mission held {meetings} with {organisations}.",
        "meetings": ("{n} meeting", "{n} meetings"),
        "organisations": ("{n} organisation", "{n} organisations"),
        "met_caption": "{category}: organisations met",
        "meetings_none": "No meetings have been recorded.",
        "col_category": "Interlocutors",
        "col_meetings": "Meetings",
        "col_organisations": "Organisations",
        "teams_caption": "Long-term observer teams: base, area of responsibility and polling stations observed",
        "teams_none": "No long-term observer teams have been formed.",
        "col_team": "Team",
        "col_base": "Base",
        "col_area": "Area of responsibility",
        "col_sto_teams": "Short-term teams",
        "col_stations_observed": "Polling stations observed",
    },
    "ru": {
        "followup_caption": "Выполнение рекомендаций предыдущего отчёта",
        "followup_lead": (
            "Из {recommendations} предыдущего отчёта выполнено полностью: {fully}; в основном: {mostly}; "
            "частично: {partially}; не выполнено: {not}."
        ),
        "followup_pending": "Ещё не оценено: {n}.",
        "recommendations": ("{n} рекомендации", "{n} рекомендаций"),
        "followup_none": "Рекомендации предыдущего отчёта не импортированы.",
        "grades": {
            "fully": "Выполнена полностью",
            "mostly": "Выполнена в основном",
            "partially": "Выполнена частично",
            "not": "Не выполнена",
            "": "Не оценена",
        },
        "priority": "приоритетная",
        "col_number": "№",
        "col_recommendation": "Рекомендация",
        "col_implemented": "Выполнение",
        "col_note": "Примечание",
        "observers_caption": "Наблюдатели по гражданству",
        "observers_lead": "В миссии работали наблюдатели из {states}; всего наблюдателей: {n}.",
        "states": ("{n} государства — участника ОБСЕ", "{n} государств — участников ОБСЕ"),
        "observers_other": (
            "Гражданство, не относящееся ни к одному государству — участнику ОБСЕ, приведено так, как оно указано "
            "в списке, и не учтено в числе государств."
        ),
        "observers_none": "Наблюдатели не внесены.",
        "not_given": "Не указано",
        "col_country": "Страна",
        "col_core": "Основная группа",
        "col_lto": "Долгосрочные наблюдатели",
        "col_sto": "Краткосрочные наблюдатели",
        "col_total": "Всего",
        "total": "Всего",
        "meetings_caption": "Встречи миссии по категориям собеседников",
        "meetings_lead": "Встреч, проведённых миссией: {meetings}; организаций-собеседников: {organisations}.",
        "met_caption": "{category}: организации, с которыми проведены встречи",
        "meetings_none": "Встречи не внесены.",
        "col_category": "Собеседники",
        "col_meetings": "Встречи",
        "col_organisations": "Организации",
        "teams_caption": "Группы долгосрочных наблюдателей: база, зона ответственности и посещённые участки",
        "teams_none": "Группы долгосрочных наблюдателей не сформированы.",
        "col_team": "Группа",
        "col_base": "База",
        "col_area": "Зона ответственности",
        "col_sto_teams": "Краткосрочные группы",
        "col_stations_observed": "Посещённые избирательные участки",
    },
    "kk": {
        "followup_caption": "Алдыңғы есеп ұсыныстамаларының орындалуы",
        "followup_lead": (
            "Алдыңғы есептің {n} ұсыныстамасының толық орындалғаны: {fully}; негізінен: {mostly}; ішінара: "
            "{partially}; орындалмағаны: {not}."
        ),
        "followup_pending": "Әлі бағаланбағаны: {n}.",
        "followup_none": "Алдыңғы есептің ұсыныстамалары импортталмаған.",
        "grades": {
            "fully": "Толық орындалды",
            "mostly": "Негізінен орындалды",
            "partially": "Ішінара орындалды",
            "not": "Орындалмады",
            "": "Бағаланбаған",
        },
        "priority": "басым",
        "col_number": "№",
        "col_recommendation": "Ұсыныстама",
        "col_implemented": "Орындалуы",
        "col_note": "Ескертпе",
        "observers_caption": "Байқаушылар азаматтығы бойынша",
        "observers_lead": "Миссия құрамында ЕҚЫҰ-ға қатысушы {m} мемлекеттен {n} байқаушы болды.",
        "observers_other": (
            "ЕҚЫҰ-ға қатысушы мемлекеттердің ешқайсысын атамайтын азаматтық тізімде көрсетілгендей берілген және "
            "мемлекеттер санына қосылмаған."
        ),
        "observers_none": "Байқаушылар енгізілмеген.",
        "not_given": "Көрсетілмеген",
        "col_country": "Ел",
        "col_core": "Негізгі топ",
        "col_lto": "Ұзақ мерзімді байқаушылар",
        "col_sto": "Қысқа мерзімді байқаушылар",
        "col_total": "Барлығы",
        "total": "Барлығы",
        "meetings_caption": "Миссия өткізген кездесулер, сұхбаттастардың санаты бойынша",
        "meetings_lead": "Миссия {meetings} кездесу өткізді, {organisations} ұйыммен кездесті.",
        "met_caption": "{category}: кездесу өткізілген ұйымдар",
        "meetings_none": "Кездесулер енгізілмеген.",
        "col_category": "Сұхбаттастар",
        "col_meetings": "Кездесулер",
        "col_organisations": "Ұйымдар",
        "teams_caption": "Ұзақ мерзімді байқаушылар топтары: базасы, жауапты аумағы және байқалған учаскелер",
        "teams_none": "Ұзақ мерзімді байқаушылар топтары құрылмаған.",
        "col_team": "Топ",
        "col_base": "Базасы",
        "col_area": "Жауапты аумағы",
        "col_sto_teams": "Қысқа мерзімді топтар",
        "col_stations_observed": "Байқалған сайлау учаскелері",
    },
}


def annex_texts(language: str) -> dict:
    return ANNEX_TEXTS[language]


def counted(language: str, key: str, n: int) -> str:
    return rt._pick(ANNEX_TEXTS[language][key], language, n).format(n=rt.number(language, n))
