"""The printed report's fixed texts in English, Russian and Kazakh, and the few rules for writing numbers.

Kept here rather than in the gettext catalogues: a report is compiled in the language asked for, whatever
the interface language, and its standard sentences are edited with the report, not with the interface.
Sentences are built so that numbers never need a case ending in Kazakh (the noun takes it instead), and
Russian nouns after a number go through `_ru_of`.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from reports.documents.media_texts import MEDIA_TEXTS

LANGUAGES = ("en", "ru", "kk")

# Below this many observations a share is given as "K of M", never as a percentage.
MIN_FOR_PERCENT = 30

TEXTS = {
    "en": {
        "odihr": "OSCE/ODIHR",
        "odihr_full": "OSCE Office for Democratic Institutions and Human Rights",
        "mission_types": {
            "nam": "Needs Assessment Mission",
            "eam": "Election Assessment Mission",
            "leom": "Limited Election Observation Mission",
            "eom": "Election Observation Mission",
        },
        "report_kinds": {
            "needs_assessment": "Needs Assessment Report",
            "interim": "Interim Report",
            "preliminary": "Statement of Preliminary Findings and Conclusions",
            "final": "Final Report",
        },
        "place": "Warsaw",
        "demo": "Demo data: the figures in this report are synthetic and describe no real election.",
        "demo_source": (
            "Demo: the text and figures are those of the OSCE/ODIHR Needs Assessment Mission Report on the 2004 "
            "parliamentary elections; the data behind its tables was entered to match them."
        ),
        "page": "Page",
        "draft": "Draft",
        "draft_note": "Draft: not for publication",
        "table": "Table",
        "section_letters": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "form_kinds": {
            "opening": "Opening",
            "voting": "Voting",
            "counting": "Counting",
            "tabulation": "Tabulation",
            "lto_weekly": "Long-term observers' weekly reports",
            "incident": "Incidents",
        },
        "yes_no": {"yes": "Yes", "no": "No", "na": "Not applicable"},
        "introduction": (
            "This report was prepared by the {odihr} {mission_type} from the forms completed by its observers. "
            "It covers {forms} sent by {teams}, as received by {data_time}."
        ),
        "forms": ("{n} form", "{n} forms"),
        "teams": ("{n} observer team", "{n} observer teams"),
        "method": (
            "A share of negative assessments counts the answers “bad” and “very bad” among all forms that carry "
            "an overall assessment; the number of observations (N) is always given. Where fewer than {min} "
            "observations were made, figures are given as counts rather than percentages."
        ),
        "no_forms": "No forms had been received when this report was compiled.",
        "coverage": (
            "Observers visited {observed} of {total} ({planned} planned) in {regions_observed} of {regions_total}."
        ),
        "coverage_stations": ("{n} polling station", "{n} polling stations"),
        "coverage_regions": ("{n} region", "{n} regions"),
        "assessment": "{kind} was assessed negatively (bad or very bad) in {share}.",
        "share_percent": (
            "{percent} per cent{interval} of {n} observation",
            "{percent} per cent{interval} of {n} observations",
        ),
        "share_interval": " (95 % interval {low}–{high})",
        "margins_not_drawn": (
            "The polling stations were not drawn at random: each 95 % interval given with a share describes the "
            "observed stations only. It allows for teams visiting several stations, not for how the stations were "
            "chosen, and says nothing of the stations not observed."
        ),
        "margins_drawn": (
            "The polling stations were drawn at random ({size} of {population}, by stratum): each share is estimated "
            "for all polling stations, every form weighted by the inverse of its station's chance of being drawn, "
            "and its 95 % interval allows for the strata and for teams visiting several stations."
        ),
        "share_count": ("{k} of {n} observation", "{k} of {n} observations"),
        "kind_no_forms": "No forms of this kind had been received.",
        "kind_no_assessment": "No overall assessment was given on these forms.",
        "yes_no_caption": "{kind}: questions answered yes or no",
        "choices_caption": "{kind}: questions answered by choosing",
        "regions_caption": "{kind}: negative assessments by region",
        "coverage_caption": "Polling stations planned and observed, by region",
        "col_question": "Question",
        "col_answer": "Answer",
        "col_count": "Count",
        "col_percent": "%",
        "col_n": "N",
        "col_region": "Region",
        "col_observations": "Observations",
        "col_negative": "Negative",
        "col_negative_percent": "Negative, %",
        "col_stations": "Polling stations",
        "col_planned": "Planned",
        "col_observed": "Observed",
        "col_observed_percent": "Observed, %",
        "col_voters": "Registered voters",
        "total": "Total",
        "few_note": "Per cent is not given where fewer than {min} observations were made.",
        "worst": "Of the processes observed, “{kind}” drew the largest share of negative assessments: {share}.",
        "caveat": (
            "These figures describe what the observers saw at the polling stations they visited. They are not a "
            "random sample of the country and are to be read together with the mission's other findings."
        ),
        "months": (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        "date": "{day} {month} {year}",
        "weekdays": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        "weekday_date": "{weekday}, {date}",
        "nam_report_title": "OSCE/ODIHR Needs Assessment Mission Report",
        "contents": "Contents",
        "annex_number": "Annex {n}",
        "figure": "Figure",
        "assessments": {"very_good": "Very good", "good": "Good", "bad": "Bad", "very_bad": "Very bad"},
        "chart_assessment_caption": "{kind}: overall assessments, per cent of {n}",
        "chart_question_caption": "{kind}: “{question}”, per cent of {n}",
        "chart_regions_caption": "{kind}: negative assessments by region, per cent",
        "map_caption": "{kind}: the {n} polling stations observed, by their average overall assessment",
        "map_unlocated": "Not shown: {n} observed polling stations without coordinates.",
        "no_locations": "None of the polling stations observed has coordinates: there is nothing to map.",
        "levels": {
            "central": "Central Election Commission",
            "regional": "Regional (oblast) election commissions",
            "district": "District election commissions",
            "territorial": "Territorial (raion and city) election commissions",
            "precinct": "Precinct election commissions",
            "": "All levels",
        },
        "composition_caption": "{level}: members by nominating party",
        "composition_all_caption": "All commissions recorded ({levels}): members by nominating party",
        "levels_short": {
            "central": "central",
            "regional": "regional",
            "district": "district",
            "territorial": "territorial",
            "precinct": "precinct",
        },
        "composition_bodies": "Nominated or appointed by bodies other than parties",
        "composition_note": "Commissions: {commissions}; seats: {seats}; members appointed: {appointed}.",
        "col_nominator": "Nominated by",
        "col_nominees": "Nominees",
        "col_appointed": "Appointed",
        "col_appointed_percent": "Nominees appointed, %",
        "col_seat_percent": "Share of the seats, %",
        "no_commissions": "No election commissions have been recorded.",
        "programme_caption": "Programme of meetings",
        "col_time": "Time",
        "col_meeting": "Meeting",
        "no_meetings": "No meetings have been recorded.",
        "col_no": "No.",
        "col_organisation": "Organisation",
        "col_abbreviation": "Abbreviation",
        "col_attended": "Attendance",
        "col_attendees": "Who attended",
        "attended": "Attended",
        "invitees_caption": "{city}, {date}, {time}",
        "no_invitees": "No meeting with invitees of this kind has been recorded.",
        "col_observers": "Observers",
        "col_requested": "Requested",
        "col_deployed": "Deployed",
        "col_teams": "Teams",
        "observer_kinds": {"lto": "Long-term observers", "sto": "Short-term observers"},
        "deployment_caption": "Observers requested and deployed",
        "priority_recommendations": "Priority recommendations",
        "other_recommendations": "Other recommendations",
        "no_recommendations": "No recommendations have been written yet.",
    },
    "ru": {
        "odihr": "ОБСЕ/БДИПЧ",
        "odihr_full": "Бюро по демократическим институтам и правам человека ОБСЕ",
        "mission_types": {
            "nam": "Миссия по оценке потребностей",
            "eam": "Миссия по оценке выборов",
            "leom": "Ограниченная миссия по наблюдению за выборами",
            "eom": "Миссия по наблюдению за выборами",
        },
        "report_kinds": {
            "needs_assessment": "Отчёт об оценке потребностей",
            "interim": "Промежуточный отчёт",
            "preliminary": "Заявление о предварительных выводах и заключениях",
            "final": "Окончательный отчёт",
        },
        "place": "Варшава",
        "demo": "Демонстрационные данные: цифры в этом отчёте вымышлены и не описывают реальные выборы.",
        "demo_source": (
            "Демонстрация: текст и цифры взяты из отчёта Миссии ОБСЕ/БДИПЧ по оценке потребностей о парламентских "
            "выборах 2004 года; данные, по которым построены таблицы, внесены так, чтобы им соответствовать."
        ),
        "page": "Стр.",
        "draft": "Проект",
        "draft_note": "Проект: не для публикации",
        "table": "Таблица",
        "section_letters": "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ",
        "form_kinds": {
            "opening": "Открытие избирательных участков",
            "voting": "Голосование",
            "counting": "Подсчёт голосов",
            "tabulation": "Сведение результатов",
            "lto_weekly": "Еженедельные отчёты долгосрочных наблюдателей",
            "incident": "Инциденты",
        },
        "yes_no": {"yes": "Да", "no": "Нет", "na": "Неприменимо"},
        "introduction": (
            "Настоящий отчёт подготовлен миссией {odihr} ({mission_type}) на основе форм, заполненных её "
            "наблюдателями. В него вошли данные из {forms}, полученных от {teams} наблюдателей, по состоянию "
            "на {data_time}."
        ),
        "forms": ("{n} формы", "{n} форм"),
        "teams": ("{n} группы", "{n} групп"),
        "method": (
            "Доля негативных оценок — это число ответов «плохо» и «очень плохо» среди всех форм, содержащих общую "
            "оценку; число наблюдений (N) приводится всегда. Если наблюдений меньше {min}, вместо процентов "
            "указываются абсолютные числа."
        ),
        "no_forms": "На момент подготовки отчёта формы наблюдения не поступали.",
        "coverage": (
            "Наблюдатели посетили {observed} из {total} (запланировано: {planned}) в {regions_observed} из "
            "{regions_total}."
        ),
        "coverage_stations": ("{n} избирательного участка", "{n} избирательных участков"),
        "coverage_regions": ("{n} региона", "{n} регионов"),
        "assessment": "Процесс «{kind}» был оценён негативно («плохо» или «очень плохо») в {share}.",
        "share_percent": ("{percent}%{interval} из {n} наблюдения", "{percent}%{interval} из {n} наблюдений"),
        "share_interval": " (95-процентный интервал {low}–{high})",
        "margins_not_drawn": (
            "Избирательные участки не отбирались случайным образом: каждый 95-процентный интервал, приведённый при "
            "доле, относится только к наблюдавшимся участкам. Он учитывает, что одна группа посещала несколько "
            "участков, но не то, как участки были выбраны, и ничего не говорит об участках, где наблюдения не было."
        ),
        "margins_drawn": (
            "Избирательные участки отобраны случайным образом ({size} из {population}, по стратам): каждая доля "
            "оценена для всех избирательных участков, каждая форма взвешена обратно вероятности отбора её участка, "
            "а 95-процентный интервал учитывает страты и то, что одна группа посещала несколько участков."
        ),
        "share_count": ("{k} из {n} наблюдения", "{k} из {n} наблюдений"),
        "kind_no_forms": "Формы этого вида не поступали.",
        "kind_no_assessment": "Общая оценка в этих формах не давалась.",
        "yes_no_caption": "{kind}: вопросы с ответом «да» или «нет»",
        "choices_caption": "{kind}: вопросы с выбором ответа",
        "regions_caption": "{kind}: негативные оценки по регионам",
        "coverage_caption": "Запланированные и посещённые избирательные участки по регионам",
        "col_question": "Вопрос",
        "col_answer": "Ответ",
        "col_count": "Число",
        "col_percent": "%",
        "col_n": "N",
        "col_region": "Регион",
        "col_observations": "Наблюдения",
        "col_negative": "Негативные",
        "col_negative_percent": "Негативные, %",
        "col_stations": "Избирательные участки",
        "col_planned": "Запланировано",
        "col_observed": "Посещено",
        "col_observed_percent": "Посещено, %",
        "col_voters": "Зарегистрированные избиратели",
        "total": "Итого",
        "few_note": "Если наблюдений меньше {min}, доля в процентах не приводится.",
        "worst": "Из наблюдавшихся процессов наибольшая доля негативных оценок пришлась на процесс «{kind}»: {share}.",
        "caveat": (
            "Эти данные отражают то, что наблюдатели видели на посещённых ими избирательных участках. Они не "
            "являются случайной выборкой по стране и должны рассматриваться вместе с другими выводами миссии."
        ),
        "months": (
            "января",
            "февраля",
            "марта",
            "апреля",
            "мая",
            "июня",
            "июля",
            "августа",
            "сентября",
            "октября",
            "ноября",
            "декабря",
        ),
        "date": "{day} {month} {year} г.",
        "weekdays": ("Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье"),
        "weekday_date": "{weekday}, {date}",
        "nam_report_title": "Отчёт Миссии ОБСЕ/БДИПЧ по оценке потребностей",
        "contents": "Содержание",
        "annex_number": "Приложение {n}",
        "figure": "Рисунок",
        "assessments": {"very_good": "Очень хорошо", "good": "Хорошо", "bad": "Плохо", "very_bad": "Очень плохо"},
        "chart_assessment_caption": "{kind}: общие оценки, % от {n}",
        "chart_question_caption": "{kind}: «{question}», % от {n}",
        "chart_regions_caption": "{kind}: негативные оценки по регионам, %",
        "map_caption": "{kind}: посещённые избирательные участки ({n}) по средней общей оценке",
        "map_unlocated": "Не показаны посещённые участки без координат: {n}.",
        "no_locations": "Ни у одного из посещённых участков нет координат: карту построить нельзя.",
        "levels": {
            "central": "Центральная избирательная комиссия",
            "regional": "Областные избирательные комиссии",
            "district": "Окружные избирательные комиссии",
            "territorial": "Территориальные (районные и городские) избирательные комиссии",
            "precinct": "Участковые избирательные комиссии",
            "": "Все уровни",
        },
        "composition_caption": "{level}: члены комиссий по выдвинувшим их партиям",
        "composition_all_caption": "Все внесённые комиссии ({levels}): члены комиссий по выдвинувшим их партиям",
        "levels_short": {
            "central": "центральная",
            "regional": "областные",
            "district": "окружные",
            "territorial": "территориальные",
            "precinct": "участковые",
        },
        "composition_bodies": "Выдвинуты или назначены органами, не являющимися партиями",
        "composition_note": "Комиссий: {commissions}; мест: {seats}; назначено членов: {appointed}.",
        "col_nominator": "Кем выдвинуты",
        "col_nominees": "Выдвинуто",
        "col_appointed": "Назначено",
        "col_appointed_percent": "Назначено из выдвинутых, %",
        "col_seat_percent": "Доля мест, %",
        "no_commissions": "Сведения об избирательных комиссиях не внесены.",
        "programme_caption": "Программа встреч",
        "col_time": "Время",
        "col_meeting": "Встреча",
        "no_meetings": "Встречи не внесены.",
        "col_no": "№",
        "col_organisation": "Организация",
        "col_abbreviation": "Сокращение",
        "col_attended": "Участие",
        "col_attendees": "Кто присутствовал",
        "attended": "Присутствовали",
        "invitees_caption": "{city}, {date}, {time}",
        "no_invitees": "Встречи с такими приглашёнными не внесены.",
        "col_observers": "Наблюдатели",
        "col_requested": "Запрошено",
        "col_deployed": "Развёрнуто",
        "col_teams": "Группы",
        "observer_kinds": {"lto": "Долгосрочные наблюдатели", "sto": "Краткосрочные наблюдатели"},
        "deployment_caption": "Запрошенные и развёрнутые наблюдатели",
        "priority_recommendations": "Приоритетные рекомендации",
        "other_recommendations": "Прочие рекомендации",
        "no_recommendations": "Рекомендации ещё не написаны.",
    },
    "kk": {
        "odihr": "ЕҚЫҰ/ДИАҚБ",
        "odihr_full": "ЕҚЫҰ Демократиялық институттар және адам құқықтары бюросы",
        "mission_types": {
            "nam": "Мұқтаждықтарды бағалау жөніндегі миссия",
            "eam": "Сайлауды бағалау жөніндегі миссия",
            "leom": "Сайлауды байқау жөніндегі шектеулі миссия",
            "eom": "Сайлауды байқау жөніндегі миссия",
        },
        "report_kinds": {
            "needs_assessment": "Мұқтаждықтарды бағалау туралы есеп",
            "interim": "Аралық есеп",
            "preliminary": "Алдын ала тұжырымдар мен қорытындылар туралы мәлімдеме",
            "final": "Қорытынды есеп",
        },
        "place": "Варшава",
        "demo": "Демонстрациялық деректер: бұл есептегі сандар ойдан шығарылған және нақты сайлауды сипаттамайды.",
        "demo_source": (
            "Демонстрация: мәтін мен сандар ЕҚЫҰ/ДИАҚБ Мұқтаждықтарды бағалау жөніндегі миссиясының 2004 жылғы "
            "парламенттік сайлау туралы есебінен алынған; кестелердің деректері соларға сәйкес келетіндей енгізілген."
        ),
        "page": "Бет",
        "draft": "Жоба",
        "draft_note": "Жоба: жариялауға арналмаған",
        "table": "Кесте",
        "section_letters": "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ",
        "form_kinds": {
            "opening": "Сайлау учаскелерінің ашылуы",
            "voting": "Дауыс беру",
            "counting": "Дауыстарды санау",
            "tabulation": "Нәтижелерді қорытындылау",
            "lto_weekly": "Ұзақ мерзімді байқаушылардың апталық есептері",
            "incident": "Оқиғалар",
        },
        "yes_no": {"yes": "Иә", "no": "Жоқ", "na": "Қатысы жоқ"},
        "introduction": (
            "Бұл есепті {odihr} ({mission_type}) өз байқаушылары толтырған нысандар негізінде дайындады. "
            "Есепке {teams} байқаушы тобы жіберген {forms} нысанның деректері енгізілді. Деректердің алынған "
            "уақыты: {data_time}."
        ),
        "forms": ("{n}", "{n}"),
        "teams": ("{n}", "{n}"),
        "method": (
            "Теріс бағалардың үлесі — жалпы бағасы бар барлық нысандардың ішіндегі «нашар» және «өте нашар» "
            "жауаптарының саны; байқаулар саны (N) әрқашан көрсетіледі. Байқаулар саны {min}-дан аз болса, "
            "пайыздың орнына сандар беріледі."
        ),
        "no_forms": "Есеп дайындалған кезде бірде-бір байқау нысаны түскен жоқ.",
        "coverage": (
            "Байқаушылар {total} сайлау учаскесінің {observed} учаскесіне барды (жоспарланғаны: {planned}); "
            "байқау {regions_total} өңірдің {regions_observed} өңірінде жүргізілді."
        ),
        "coverage_stations": ("{n}", "{n}"),
        "coverage_regions": ("{n}", "{n}"),
        "assessment": "«{kind}» процесі {share} теріс бағаланды («нашар» немесе «өте нашар»).",
        "share_percent": ("{n} байқаудың {percent} пайызында{interval}", "{n} байқаудың {percent} пайызында{interval}"),
        "share_interval": " (95 пайыздық аралық {low}–{high})",
        "margins_not_drawn": (
            "Сайлау учаскелері кездейсоқ іріктелген жоқ: үлеспен бірге берілген әрбір 95 пайыздық аралық тек "
            "байқалған учаскелерге қатысты. Ол бір топтың бірнеше учаскеге барғанын ескереді, бірақ учаскелердің "
            "қалай таңдалғанын ескермейді және байқалмаған учаскелер туралы ештеңе айтпайды."
        ),
        "margins_drawn": (
            "Сайлау учаскелері кездейсоқ іріктелді ({population} учаскенің {size} учаскесі, страталар бойынша): "
            "әрбір үлес барлық сайлау учаскелері үшін бағаланды, әр нысанның салмағы оның учаскесінің іріктелу "
            "ықтималдығына кері, ал 95 пайыздық аралық страталарды және бір топтың бірнеше учаскеге барғанын ескереді."
        ),
        "share_count": ("{n} байқаудың {k} байқауында", "{n} байқаудың {k} байқауында"),
        "share_percent_plain": "{n} байқаудың {percent} пайызы{interval}",
        "share_count_plain": "{n} байқаудың {k} байқауы",
        "kind_no_forms": "Бұл түрдегі нысандар түскен жоқ.",
        "kind_no_assessment": "Бұл нысандарда жалпы баға берілмеген.",
        "yes_no_caption": "{kind}: «иә» немесе «жоқ» деп жауап берілетін сұрақтар",
        "choices_caption": "{kind}: жауабы таңдалатын сұрақтар",
        "regions_caption": "{kind}: өңірлер бойынша теріс бағалар",
        "coverage_caption": "Өңірлер бойынша жоспарланған және байқалған сайлау учаскелері",
        "col_question": "Сұрақ",
        "col_answer": "Жауап",
        "col_count": "Саны",
        "col_percent": "%",
        "col_n": "N",
        "col_region": "Өңір",
        "col_observations": "Байқаулар",
        "col_negative": "Теріс",
        "col_negative_percent": "Теріс, %",
        "col_stations": "Сайлау учаскелері",
        "col_planned": "Жоспарланған",
        "col_observed": "Байқалған",
        "col_observed_percent": "Байқалған, %",
        "col_voters": "Тіркелген сайлаушылар",
        "total": "Барлығы",
        "few_note": "Байқаулар саны {min}-дан аз болса, пайыздық үлес көрсетілмейді.",
        "worst": "Байқалған процестердің ішінде теріс бағалардың ең үлкен үлесі «{kind}» процесіне тиесілі: {share}.",
        "caveat": (
            "Бұл деректер байқаушылардың өздері барған сайлау учаскелерінде көргенін көрсетеді. Олар ел бойынша "
            "кездейсоқ іріктеме емес және миссияның басқа тұжырымдарымен бірге қаралуға тиіс."
        ),
        "months": (
            "қаңтар",
            "ақпан",
            "наурыз",
            "сәуір",
            "мамыр",
            "маусым",
            "шілде",
            "тамыз",
            "қыркүйек",
            "қазан",
            "қараша",
            "желтоқсан",
        ),
        "date": "{year} жылғы {day} {month}",
        "weekdays": ("Дүйсенбі", "Сейсенбі", "Сәрсенбі", "Бейсенбі", "Жұма", "Сенбі", "Жексенбі"),
        "weekday_date": "{weekday}, {date}",
        "nam_report_title": "ЕҚЫҰ/ДИАҚБ Мұқтаждықтарды бағалау жөніндегі миссиясының есебі",
        "contents": "Мазмұны",
        "annex_number": "{n}-қосымша",
        "figure": "Сурет",
        "assessments": {"very_good": "Өте жақсы", "good": "Жақсы", "bad": "Нашар", "very_bad": "Өте нашар"},
        "chart_assessment_caption": "{kind}: жалпы бағалар, {n} байқаудың пайызы",
        "chart_question_caption": "{kind}: «{question}», {n} байқаудың пайызы",
        "chart_regions_caption": "{kind}: өңірлер бойынша теріс бағалар, пайыз",
        "map_caption": "{kind}: байқалған сайлау учаскелері ({n}), орташа жалпы бағасы бойынша",
        "map_unlocated": "Координаттары жоқ байқалған учаскелер көрсетілмеген: {n}.",
        "no_locations": "Байқалған учаскелердің ешқайсысының координаттары жоқ: карта салынбайды.",
        "levels": {
            "central": "Орталық сайлау комиссиясы",
            "regional": "Облыстық сайлау комиссиялары",
            "district": "Округтық сайлау комиссиялары",
            "territorial": "Аумақтық (аудандық және қалалық) сайлау комиссиялары",
            "precinct": "Учаскелік сайлау комиссиялары",
            "": "Барлық деңгейлер",
        },
        "composition_caption": "{level}: мүшелер ұсынған партиялар бойынша",
        "composition_all_caption": "Енгізілген барлық комиссиялар ({levels}): мүшелер ұсынған партиялар бойынша",
        "levels_short": {
            "central": "орталық",
            "regional": "облыстық",
            "district": "округтық",
            "territorial": "аумақтық",
            "precinct": "учаскелік",
        },
        "composition_bodies": "Партия емес органдар ұсынған немесе тағайындаған",
        "composition_note": "Комиссиялар: {commissions}; орындар: {seats}; тағайындалған мүшелер: {appointed}.",
        "col_nominator": "Кім ұсынды",
        "col_nominees": "Ұсынылғандар",
        "col_appointed": "Тағайындалғандар",
        "col_appointed_percent": "Ұсынылғандардың тағайындалғаны, %",
        "col_seat_percent": "Орындардағы үлесі, %",
        "no_commissions": "Сайлау комиссиялары туралы деректер енгізілмеген.",
        "programme_caption": "Кездесулер бағдарламасы",
        "col_time": "Уақыты",
        "col_meeting": "Кездесу",
        "no_meetings": "Кездесулер енгізілмеген.",
        "col_no": "№",
        "col_organisation": "Ұйым",
        "col_abbreviation": "Қысқартылуы",
        "col_attended": "Қатысуы",
        "col_attendees": "Кім қатысты",
        "attended": "Қатысқан",
        "invitees_caption": "{city}, {date}, {time}",
        "no_invitees": "Мұндай шақырылғандармен кездесулер енгізілмеген.",
        "col_observers": "Байқаушылар",
        "col_requested": "Сұралғаны",
        "col_deployed": "Орналастырылғаны",
        "col_teams": "Топтар",
        "observer_kinds": {"lto": "Ұзақ мерзімді байқаушылар", "sto": "Қысқа мерзімді байқаушылар"},
        "deployment_caption": "Сұралған және орналастырылған байқаушылар",
        "priority_recommendations": "Басым ұсыныстамалар",
        "other_recommendations": "Басқа ұсыныстамалар",
        "no_recommendations": "Ұсыныстамалар әлі жазылмаған.",
    },
}

for _language, _media in MEDIA_TEXTS.items():
    TEXTS[_language].update(_media)


def texts(language: str) -> dict:
    return TEXTS[language]


def percent(part: int, whole: int) -> int | None:
    """A share as a whole per cent, rounded half up (12.5 -> 13); None when there is nothing to divide by."""
    if not whole:
        return None
    return int((Decimal(100 * part) / Decimal(whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def number(language: str, value: int) -> str:
    """1,400 in English; 1 400 (non-breaking space) in Russian and Kazakh."""
    grouped = f"{value:,}"
    return grouped if language == "en" else grouped.replace(",", "\u00a0")


def _pick(forms: tuple[str, str], language: str, n: int) -> str:
    """English singular/plural, or for Russian the genitive after "из"/"от": 1, 21, 101 take the singular."""
    singular = n % 10 == 1 and n % 100 != 11 if language == "ru" else n == 1
    return forms[0] if singular else forms[1]


def counted(language: str, key: str, n: int) -> str:
    return _pick(TEXTS[language][key], language, n).format(n=number(language, n))


def share(language: str, k: int, n: int, *, within: bool = True, margin: dict | None = None) -> str:
    """ "12 per cent of 340 observations" or, below MIN_FOR_PERCENT, "3 of 17 observations"; with a `margin`
    (reports.findings.present.margin_printed: the per cent, N and interval to print) "12 per cent (95 % interval
    9–15) of 340 observations".

    `within=False` gives the Kazakh form that is not in the locative ("... пайызы" rather than "... пайызында").
    """
    t = TEXTS[language]
    if margin:
        n = margin["n"]
    small = n < MIN_FOR_PERCENT
    key = "share_count" if small else "share_percent"
    values = {
        "k": number(language, k),
        "n": number(language, n),
        "percent": margin["percent"] if margin else percent(k, n),
        "interval": interval(language, margin),
    }
    if not within and f"{key}_plain" in t:
        return t[f"{key}_plain"].format(**values)
    return _pick(t[key], language, n).format(**values)


def interval(language: str, margin: dict | None) -> str:
    """ " (95 % interval 9–13)" after a per cent, or nothing without a margin."""
    return TEXTS[language]["share_interval"].format(**margin) if margin else ""


def share_cell(language: str, k: int, n: int) -> str:
    """A table cell: the percentage, or a dash when there are too few observations for one."""
    return "–" if n < MIN_FOR_PERCENT else str(percent(k, n))


def date(language: str, day: dt.date) -> str:
    t = TEXTS[language]
    return t["date"].format(day=day.day, month=t["months"][day.month - 1], year=day.year)


def date_time(language: str, moment: dt.datetime) -> str:
    return f"{date(language, moment.date())}, {moment:%H:%M}"


def weekday_date(language: str, day: dt.date) -> str:
    """ "Monday, 21 June 2004"; "Дүйсенбі, 2004 жылғы 21 маусым"."""
    t = TEXTS[language]
    return t["weekday_date"].format(weekday=t["weekdays"][day.weekday()], date=date(language, day))


def time_range(starts: dt.time, ends: dt.time | None) -> str:
    return f"{starts:%H:%M}–{ends:%H:%M}" if ends else f"{starts:%H:%M}"


def decimal(language: str, value: float | None) -> str:
    """A one-decimal figure: 51.6 in English, 51,6 in Russian and Kazakh; a dash for none."""
    if value is None:
        return "–"
    text = f"{value:.1f}"
    return text if language == "en" else text.replace(".", ",")
