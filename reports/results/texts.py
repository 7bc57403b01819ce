"""What the results blocks print, in English, Russian and Kazakh (English is the fallback for a missing text).

Kept beside the results rather than in reports/documents/texts.py: the sentences belong to this feature; numbers
and shares are written by that module's rules (`number`, `counted`), so that a Kazakh noun takes the case ending
instead of the number."""

from reports.documents import texts as rt

TEXTS = {
    "en": {
        "protocols_headline": (
            "At {k} of {stations} where observers copied the results protocol, the results the election "
            "commission published differed from it."
        ),
        "protocols_none": "No observed count has yet been compared with published results.",
        "protocols_not_posted": (
            "The protocol was not posted publicly at {k} of {stations} where the count was observed."
        ),
        "protocols_caption": "Protocols copied by observers and the published results, by region",
        "differing_caption": "Polling stations where the published results differed from the protocol",
        "col_region": "Region",
        "col_compared": "Compared",
        "col_differed": "Differed",
        "col_station": "Polling station",
        "col_line": "Line",
        "col_copied": "Copied by observers",
        "col_published": "Published",
        "col_difference": "Difference",
        "results_caption": "Official results: party lists",
        "districts_caption": "Official results: single-mandate districts",
        "col_list": "Party list",
        "col_votes": "Votes",
        "col_percent": "%",
        "col_seats": "Seats",
        "col_district": "District",
        "col_outcome": "Outcome",
        "elected": "Elected: {name} ({percent}%)",
        "second_round": "Second round: {names}",
        "results_totals": (
            "Voters on the list: {voters}; ballots issued: {issued} (turnout {turnout}%); "
            "invalid ballots: {invalid} ({invalid_percent}% of ballots in the boxes)."
        ),
        "results_source": "Source: {source}, as imported on {date}.",
        "results_none": "No official results have been imported yet.",
        "turnout_caption": "Turnout by hour: as published and as observers counted",
        "turnout_published": "{hour} published",
        "turnout_observed": "{hour} observed",
        "turnout_note": (
            "Observed: voters who had voted by the visit over voters on the list, on voting forms of the hour "
            "before; hours in {zone}."
        ),
        "results_published": "National totals as the commission published them: {source}, as imported on {date}.",
        "national": "The national total",
        "check_differs": "{place}: the published total is not the sum of its polling stations ({differences}).",
        "check_line": "{line}: {published} published, {summed} summed",
        "turnout_regions_caption": "Turnout by region and hour: official and observed (%)",
        "turnout_regions_note": (
            "Each cell: official turnout (the region's own published figures where there are any, otherwise summed "
            "from its polling stations) / turnout observers counted in the hour before."
        ),
        "demo": "Demo data: synthetic results.",
    },
    "ru": {
        "protocols_headline": (
            "На {k} из {stations}, где наблюдатели переписали протокол об итогах голосования, опубликованные "
            "избирательной комиссией результаты отличались от него."
        ),
        "protocols_none": "Наблюдавшиеся подсчёты ещё не сопоставлены с опубликованными результатами.",
        "protocols_not_posted": "Протокол не был вывешен на {k} из {stations}, где наблюдался подсчёт.",
        "protocols_caption": "Протоколы, переписанные наблюдателями, и опубликованные результаты по регионам",
        "differing_caption": "Избирательные участки, где опубликованные результаты отличались от протокола",
        "col_region": "Регион",
        "col_compared": "Сопоставлено",
        "col_differed": "Отличались",
        "col_station": "Избирательный участок",
        "col_line": "Строка",
        "col_copied": "Переписано наблюдателями",
        "col_published": "Опубликовано",
        "col_difference": "Разница",
        "results_caption": "Официальные результаты: партийные списки",
        "districts_caption": "Официальные результаты: одномандатные округа",
        "col_list": "Партийный список",
        "col_votes": "Голоса",
        "col_percent": "%",
        "col_seats": "Мандаты",
        "col_district": "Округ",
        "col_outcome": "Итог",
        "elected": "Избран(а): {name} ({percent}%)",
        "second_round": "Второй тур: {names}",
        "results_totals": (
            "Избирателей в списках: {voters}; выдано бюллетеней: {issued} (явка {turnout}%); "
            "недействительных бюллетеней: {invalid} ({invalid_percent}% бюллетеней в урнах)."
        ),
        "results_source": "Источник: {source}, по данным на {date}.",
        "results_none": "Официальные результаты ещё не загружены.",
        "turnout_caption": "Явка по часам: опубликованная и подсчитанная наблюдателями",
        "turnout_published": "{hour} опубликовано",
        "turnout_observed": "{hour} наблюдатели",
        "turnout_note": (
            "Наблюдатели: проголосовавшие ко времени посещения к числу избирателей в списке, по бланкам "
            "наблюдения за голосованием предыдущего часа; время — {zone}."
        ),
        "results_published": (
            "Итоги по стране в том виде, в каком их опубликовала комиссия: {source}, по данным на {date}."
        ),
        "national": "Итог по стране",
        "check_differs": "{place}: опубликованный итог не равен сумме по избирательным участкам ({differences}).",
        "check_line": "{line}: опубликовано {published}, по сумме участков {summed}",
        "turnout_regions_caption": "Явка по регионам и часам: официальная и по данным наблюдателей (%)",
        "turnout_regions_note": (
            "В каждой ячейке: официальная явка (опубликованные данные региона, если они есть, иначе сумма по его "
            "избирательным участкам) / явка, подсчитанная наблюдателями в предыдущий час."
        ),
        "demo": "Демонстрационные данные: результаты вымышлены.",
    },
    "kk": {
        "protocols_headline": (
            "Байқаушылар дауыс беру қорытындылары туралы хаттаманы көшірген {stations} учаскенің {k} "
            "учаскесінде сайлау комиссиясы жариялаған нәтижелер хаттамадан өзгеше болды."
        ),
        "protocols_none": "Байқалған санаулар жарияланған нәтижелермен әлі салыстырылған жоқ.",
        "protocols_not_posted": "Санау байқалған {stations} учаскенің {k} учаскесінде хаттама ілінбеді.",
        "protocols_caption": "Байқаушылар көшірген хаттамалар мен жарияланған нәтижелер, өңірлер бойынша",
        "differing_caption": "Жарияланған нәтижелер хаттамадан өзгеше болған сайлау учаскелері",
        "col_region": "Өңір",
        "col_compared": "Салыстырылғаны",
        "col_differed": "Өзгеше болғаны",
        "col_station": "Сайлау учаскесі",
        "col_line": "Жол",
        "col_copied": "Байқаушылар көшіргені",
        "col_published": "Жарияланғаны",
        "col_difference": "Айырмасы",
        "results_caption": "Ресми нәтижелер: партиялық тізімдер",
        "districts_caption": "Ресми нәтижелер: бір мандатты округтер",
        "col_list": "Партиялық тізім",
        "col_votes": "Дауыстар",
        "col_percent": "%",
        "col_seats": "Мандаттар",
        "col_district": "Округ",
        "col_outcome": "Қорытындысы",
        "elected": "Сайланды: {name} ({percent}%)",
        "second_round": "Екінші тур: {names}",
        "results_totals": (
            "Тізімдегі сайлаушылар: {voters}; берілген бюллетеньдер: {issued} (қатысу {turnout}%); "
            "жарамсыз бюллетеньдер: {invalid} (жәшіктердегі бюллетеньдердің {invalid_percent}%)."
        ),
        "results_source": "Дереккөзі: {source}, {date} жағдай бойынша.",
        "results_none": "Ресми нәтижелер әлі жүктелген жоқ.",
        "turnout_caption": "Сағат бойынша қатысу: жарияланғаны және байқаушылар санағаны",
        "turnout_published": "{hour} жарияланғаны",
        "turnout_observed": "{hour} байқаушылар",
        "turnout_note": (
            "Байқаушылар: келу сәтіне дейін дауыс бергендердің тізімдегі сайлаушыларға қатынасы, алдыңғы "
            "сағаттағы дауыс беру парақтары бойынша; уақыт — {zone}."
        ),
        "results_published": "Комиссия жариялаған ел бойынша қорытындылар: {source}, {date} жағдай бойынша.",
        "national": "Ел бойынша қорытынды",
        "check_differs": "{place}: жарияланған қорытынды сайлау учаскелерінің сомасына тең емес ({differences}).",
        "check_line": "{line}: жарияланғаны {published}, учаскелер сомасы {summed}",
        "turnout_regions_caption": "Өңірлер мен сағаттар бойынша қатысу: ресми және байқаушылар санағаны (%)",
        "turnout_regions_note": (
            "Әр ұяшықта: ресми қатысу (өңірдің жарияланған деректері болса, солар, әйтпесе оның сайлау "
            "учаскелерінің сомасы) / байқаушылар алдыңғы сағатта санаған қатысу."
        ),
        "demo": "Демонстрациялық деректер: нәтижелер ойдан құрастырылған.",
    },
}


def texts(language: str) -> dict:
    return {**TEXTS["en"], **TEXTS.get(language, {})}


def stations(language: str, n: int) -> str:
    """ "3 polling stations" / "из 3 избирательных участков" / "3" (the Kazakh noun follows in the sentence)."""
    return rt.counted(language, "coverage_stations", n)
