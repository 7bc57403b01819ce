"""The sentences a statement's election-day sections are drafted with, in English, Russian and Kazakh.

Every share carries its N: "11 per cent of 1,445 polling stations observed", and below 30 observations a count,
"4 of 17 polling stations observed". Russian counts after "из" take the genitive (`rt._pick`: 1, 21, 101 the
singular); Kazakh nouns after a number take the case ending themselves, so the figure never needs one."""

from reports.documents import texts as rt

PLACES = {  # what a form of each kind is filled at
    "en": {
        "station": ("{n} polling station observed", "{n} polling stations observed"),
        "commission": ("{n} district election commission observed", "{n} district election commissions observed"),
        "observation": ("{n} observation", "{n} observations"),
    },
    "ru": {
        "station": ("{n} наблюдавшегося избирательного участка", "{n} наблюдавшихся избирательных участков"),
        "commission": ("{n} наблюдавшейся окружной комиссии", "{n} наблюдавшихся окружных комиссий"),
        "observation": ("{n} наблюдения", "{n} наблюдений"),
    },
    "kk": {
        "station": ("байқалған {n} сайлау учаскесінің", "байқалған {n} сайлау учаскесінің"),
        "commission": ("байқалған {n} округтік комиссияның", "байқалған {n} округтік комиссияның"),
        "observation": ("{n} байқаудың", "{n} байқаудың"),
    },
}
PLACE_OF_KIND = {"opening": "station", "voting": "station", "counting": "station", "tabulation": "commission"}
# The share itself, around the places: percent from MIN_FOR_PERCENT observations on, a count below.
SHARE = {
    "en": {"percent": "{percent} per cent{interval} of {places}", "count": "{k} of {places}"},
    "ru": {"percent": "в {percent} %{interval} из {places}", "count": "в {k} из {places}"},
    "kk": {"percent": "{places} {percent} пайызында{interval}", "count": "{places} {k} {unit}"},
}
# "байқалған 17 сайлау учаскесінің 4 учаскесінде": the noun after the count takes the case ending
KK_UNITS = {"station": "учаскесінде", "commission": "комиссиясында", "observation": "байқауында"}
ASSESSED = {
    "en": {
        "opening": "The opening was assessed negatively in {share}.",
        "voting": "Voting was assessed negatively in {share}.",
        "counting": "The count was assessed negatively in {share}.",
        "tabulation": "The tabulation was assessed negatively in {share}.",
    },
    "ru": {
        "opening": "Открытие участков было оценено отрицательно {share}.",
        "voting": "Процесс голосования был оценён отрицательно {share}.",
        "counting": "Подсчёт голосов был оценён отрицательно {share}.",
        "tabulation": "Сведение результатов было оценено отрицательно {share}.",
    },
    "kk": {
        "opening": "Учаскелердің ашылуы {share} теріс бағаланды.",
        "voting": "Дауыс беру {share} теріс бағаланды.",
        "counting": "Дауыстарды санау {share} теріс бағаланды.",
        "tabulation": "Нәтижелерді қорытындылау {share} теріс бағаланды.",
    },
}
TEXTS = {
    "en": {
        "yes": "Asked “{question}”, observers answered yes in {share}.",
        "none": "No forms of this kind had been received when this section was drafted.",
        "no_assessment": "The forms of this kind carry no overall assessment.",
        "drafted": "Drafted from the observers' forms received by {time} ({zone}); edit before publication.",
    },
    "ru": {
        "yes": "На вопрос «{question}» наблюдатели ответили «да» {share}.",
        "none": "На момент составления этого раздела формы этого вида не поступали.",
        "no_assessment": "В формах этого вида нет общей оценки.",
        "drafted": (
            "Составлено по формам наблюдателей, полученным до {time} ({zone}); отредактируйте перед публикацией."
        ),
    },
    "kk": {
        "yes": "«{question}» деген сұраққа байқаушылар {share} «иә» деп жауап берді.",
        "none": "Бұл бөлім жасалған кезде мұндай нысандар түспеген еді.",
        "no_assessment": "Мұндай нысандарда жалпы баға жоқ.",
        "drafted": ("Байқаушылардың {time} ({zone}) дейін түскен нысандары бойынша жасалды; жарияламас бұрын өңдеңіз."),
    },
}


def share(language: str, k: int, n: int, *, place: str, margin: dict | None = None) -> str:
    """ "11 per cent of 1,445 polling stations observed"; below MIN_FOR_PERCENT "4 of 17 …"; with a `margin`
    (reports.findings.present.margin_printed) "11 per cent (95 % interval 9–13) of 1,445 …"."""
    if margin:
        n = margin["n"]
    places = rt._pick(PLACES[language][place], language, n).format(n=rt.number(language, n))
    if n >= rt.MIN_FOR_PERCENT:
        return SHARE[language]["percent"].format(
            percent=margin["percent"] if margin else rt.percent(k, n),
            interval=rt.interval(language, margin),
            places=places,
        )
    return SHARE[language]["count"].format(k=rt.number(language, k), places=places, unit=KK_UNITS[place])
