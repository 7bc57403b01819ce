"""Demo needs-assessment data from the NAM report (Kazakhstan, 2004): election commissions and the meetings.

From the source: the four levels of commissions of seven; the oblast commissions' 112 members, of whom 4 were
nominated by Ak Zhol, 2 by the Communist Party and none by DVK; the programme of meetings of 21-24 June 2004
(Annex 1) and the invitees and who attended (Annexes 2-4), with the names as the Kazakh text gives them.
Synthetic: members' names, the other parties' share of the remaining 106 oblast seats, and which of the 67
district commissions holds which opposition seat and which nominees were not appointed; these are placed so that
the rates over all levels recorded are the source's (DVK 20 %, Ak Zhol 51.6 %, Communists 64.9 %, every
pro-presidential party over 98 %; see APPOINTMENT_RATES).
Running it again changes nothing.
"""

import datetime as dt
from itertools import cycle

from django.db import transaction

from mission.models import (
    CommissionLevel,
    CommissionMember,
    District,
    ElectionCommission,
    Invitation,
    Meeting,
    MemberPosition,
    Mission,
    Organisation,
    OrganisationCategory,
    Party,
    Region,
)
from observers.demo.geography import REGIONS

AK_ZHOL, COMMUNISTS, DVK = "Ak Zhol", "Communist Party", "Democratic Choice of Kazakhstan"
PRO_PRESIDENTIAL = ("Otan", "Asar", "Agrarian Party", "Civic Party", "Auyl", "Patriots' Party", "Rukhaniyat")
# Annex 2 order, with who came to the meeting of 23 June (empty: did not attend).
PARTY_MEETING = (
    ("Agrarian Party", "Алмаз Жолтаев мырза"),
    (AK_ZHOL, "Болат Әбілов мырза"),
    ("Asar", None),
    ("Auyl", "Тәкен Ұзақов мырза"),
    ("Civic Party", "Виталий Мутовин мырза"),
    (COMMUNISTS, "Төлен Тоқтасынов мырза"),
    ("Communist People's Party", None),
    (DVK, "Асылбек Қожахметов мырза"),
    ("Democratic Party", None),
    ("Otan", "Аманкелді Ермегияев мырза"),
    ("Patriots' Party", "Шинтеков мырза және Бердіқұлов мырза"),
    ("Rukhaniyat", "Анатолий Волков мырза мен Тамара Хабиева ханым"),
)

# (region code, English, Russian, Kazakh) of the 16 second-level commissions; codes as in the demo geography.
OBLAST_COMMISSIONS = (
    ("AKM", "Akmola Oblast", "Акмолинская областная", "Ақмола облыстық"),
    ("AKT", "Aktobe Oblast", "Актюбинская областная", "Ақтөбе облыстық"),
    ("ALM", "Almaty Oblast", "Алматинская областная", "Алматы облыстық"),
    ("ATY", "Atyrau Oblast", "Атырауская областная", "Атырау облыстық"),
    ("VOS", "East Kazakhstan Oblast", "Восточно-Казахстанская областная", "Шығыс Қазақстан облыстық"),
    ("ZHA", "Zhambyl Oblast", "Жамбылская областная", "Жамбыл облыстық"),
    ("KAR", "Karaganda Oblast", "Карагандинская областная", "Қарағанды облыстық"),
    ("KUS", "Kostanay Oblast", "Костанайская областная", "Қостанай облыстық"),
    ("KZY", "Kyzylorda Oblast", "Кызылординская областная", "Қызылорда облыстық"),
    ("MAN", "Mangystau Oblast", "Мангистауская областная", "Маңғыстау облыстық"),
    ("SEV", "North Kazakhstan Oblast", "Северо-Казахстанская областная", "Солтүстік Қазақстан облыстық"),
    ("PAV", "Pavlodar Oblast", "Павлодарская областная", "Павлодар облыстық"),
    ("YUZ", "South Kazakhstan Oblast", "Южно-Казахстанская областная", "Оңтүстік Қазақстан облыстық"),
    ("ZAP", "West Kazakhstan Oblast", "Западно-Казахстанская областная", "Батыс Қазақстан облыстық"),
    ("ALA", "Almaty City", "Алматинская городская", "Алматы қалалық"),
    ("AST", "Astana City", "Астанинская городская", "Астана қалалық"),
)
# The opposition's seats (the last seat of these commissions) and its nominees who were not appointed.
OPPOSITION_SEATS = {
    "ALA": AK_ZHOL,
    "KAR": AK_ZHOL,
    "PAV": AK_ZHOL,
    "VOS": AK_ZHOL,
    "SEV": COMMUNISTS,
    "KUS": COMMUNISTS,
}
NOT_APPOINTED = (
    ("ALA", DVK),
    ("AST", DVK),
    ("KAR", DVK),
    ("ALA", AK_ZHOL),
    ("AST", AK_ZHOL),
    ("AKT", AK_ZHOL),
    ("ATY", AK_ZHOL),
    ("KUS", COMMUNISTS),
    ("ZHA", "Rukhaniyat"),
)
# The CEC's statistics over the second to fourth levels (source): the maslikhats appointed 20 % of DVK's nominees,
# 51.6 % of Ak Zhol's and 64.9 % of the Communists', and over 98 % of the seven pro-presidential parties'. With the
# oblast commissions above (Ak Zhol 4 appointed of 8, Communists 2 of 3, DVK 0 of 3), the 67 district commissions
# complete these rates: all levels recorded give Ak Zhol 16 of 31 (51.6), the Communists 24 of 37 (64.9), DVK 1 of 5
# (20.0). Which district holds which opposition seat is synthetic.
DISTRICT_COMMISSIONS = 67
APPOINTMENT_RATES = {DVK: (1, 5), AK_ZHOL: (16, 31), COMMUNISTS: (24, 37)}  # (appointed, nominated), all levels


def _district_opposition() -> dict[int, tuple[str | None, str | None]]:
    """District number -> (the party holding its opposition seat, a party whose nominee was not appointed)."""
    seats = dict.fromkeys(range(1, 44, 2), COMMUNISTS)  # 22
    seats |= dict.fromkeys(range(4, 49, 4), AK_ZHOL)  # 12
    seats[50] = DVK
    refused = dict.fromkeys(range(2, 43, 4), AK_ZHOL)  # 11
    refused |= dict.fromkeys((*range(46, 67, 2), 67), COMMUNISTS)  # 12
    refused[44] = DVK
    return {n: (seats.get(n), refused.get(n)) for n in range(1, DISTRICT_COMMISSIONS + 1)}


OFFICES = (MemberPosition.CHAIR, MemberPosition.DEPUTY, MemberPosition.SECRETARY)

Category = OrganisationCategory
S, E, C, M = Category.STATE, Category.ELECTION_ADMINISTRATION, Category.CIVIL_SOCIETY, Category.MEDIA
INTL, DIPL = Category.INTERNATIONAL, Category.DIPLOMATIC
# key: (category, English, Russian, Kazakh)
ORGANISATIONS = {
    "mfa": (S, "Ministry of Foreign Affairs", "Министерство иностранных дел", "Сыртқы істер министрлігі"),
    "administration": (S, "Presidential Administration", "Администрация Президента", "Президент Әкімшілігі"),
    "government": (
        S,
        "Government of the Republic of Kazakhstan",
        "Правительство Республики Казахстан",
        "Қазақстан Республикасының Үкіметі",
    ),
    "mazhilis": (S, "Mazhilis of the Parliament", "Мажилис Парламента", "Парламент Мәжілісі"),
    "cec": (E, "Central Election Commission", "Центральная избирательная комиссия", "Орталық сайлау комиссиясы"),
    "diplomats": (
        DIPL,
        "Diplomatic corps (OSCE participating States)",
        "Дипломатический корпус (государства-участники ОБСЕ)",
        "Дипломатиялық корпус (ЕҚЫҰ мүше елдері)",
    ),
    "bureau": (
        C,
        "Kazakhstan International Bureau for Human Rights and Rule of Law",
        "Казахстанское международное бюро по правам человека и соблюдению законности",
        "Адам құқықтары мен заңдылық сақтау жөнінде халықаралық Бюро",
    ),
    "ndi": (
        INTL,
        "National Democratic Institute (NDI)",
        "Национальный демократический институт (NDI)",
        "Ұлттық Демократиялық Институт (NDI)",
    ),
    "monitors": (
        C,
        "Republican Network of Independent Monitors",
        "Республиканская сеть независимых наблюдателей",
        "Тәуелсіз Бақылаушылардың Республикалық Жүйесі",
    ),
    "arg": (
        C,
        "Assessment and Risks Group (ARG)",
        "Группа оценки рисков (ARG)",
        "Тәуекелдіктерді бағалау жөніндегі топ (ARG)",
    ),
    "sociologists": (
        C,
        "Association of Sociologists and Political Scientists",
        "Ассоциация социологов и политологов",
        "Әлеуметтанушылар мен Саясаттанушылар Қауымдастығы",
    ),
    "echo": (C, "NGO Echo", "ОО «Эхо»", "«ЭХО» МЕҰ"),
    "research": (C, "National Research Institute", "Институт национальных исследований", "Ұлттық Зерттеулер Институты"),
    "modern_politics": (
        C,
        "International Institute of Modern Politics",
        "Международный институт современной политики",
        "Халықаралық бүгінгі заманның саясаты институты",
    ),
    "iri": (
        INTL,
        "International Republican Institute (IRI)",
        "Международный республиканский институт (IRI)",
        "Халықаралық Республикалық Институт (IRI)",
    ),
    "politon": (
        C,
        "Politon Independent Information Agency",
        "Независимое информационное агентство «Политон»",
        "«Политон» Тәуелсіз Ақпарат Агенттігі",
    ),
    "journalists": (
        M,
        "Congress of Journalists of Kazakhstan",
        "Конгресс журналистов Казахстана",
        "Қазақстан журналистер Конгресі",
    ),
    "iwpr": (
        M,
        "Institute for War and Peace Reporting",
        "Институт по освещению войны и мира",
        "Соғыс және бейбітшілікке шолу жөніндегі Институт",
    ),
    "adil_soz": (
        M,
        "Adil Soz International Foundation for Protection of Freedom of Speech",
        "Международный фонд защиты свободы слова «Адил соз»",
        "«Әділ Сөз» Халықаралық сөз бостандығын қорғау қоры",
    ),
    "internews": (M, "Internews Kazakhstan", "Интерньюс Казахстан", "Интерньюс Қазақстан"),
    "broadcasters": (
        M,
        "National Association of Broadcasters of Kazakhstan",
        "Национальная ассоциация телерадиовещателей Казахстана",
        "Қазақстан Телерадиохабар таратушылардың Ұлттық Қауымдастығы",
    ),
    "assandi": (M, "Assandi Times newspaper", "Газета «Ассанди Таймс»", "«Ассанди Таймс» газеті"),
    "panorama": (M, "Panorama newspaper", "Газета «Панорама»", "«Панорама» газеті"),
    "pravda": (M, "Kazakhstanskaya Pravda newspaper", "Газета «Казахстанская правда»", "«Казахстанская Правда» газеті"),
}

NGO_TITLE = ("Meeting with NGO representatives", "Встреча с представителями НПО", "МЕҰ өкілдерімен кездесу")
# (date, start, end, city, (English, Russian, Kazakh title), [(organisation key or party name, who came or None)])
# An invitee with None did not attend; "" attended, nobody named.
MEETINGS = (
    (21, "14:00", "16:00", "Almaty", NGO_TITLE, [("ndi", "Томас Брайдл мырза"), ("monitors", "Дос Көшім мырза")]),
    (
        21,
        "15:00",
        "16:00",
        "Almaty",
        NGO_TITLE,
        [
            ("arg", "Розали Исмаилова ханым"),
            ("sociologists", "Бақытжамал Бектұрғанова ханым"),
            ("echo", None),
            ("research", "Андрей Чеботарев мырза"),
            ("modern_politics", None),
            ("iri", "Донна Стюарт ханым"),
            ("politon", None),
        ],
    ),
    (
        21,
        "17:00",
        None,
        "Almaty",
        (
            "Meeting with media NGOs and the press",
            "Встреча с представителями НПО в сфере СМИ и прессы",
            "БАҚ саласындағы МЕҰ өкілдерімен кездесу",
        ),
        [
            ("journalists", None),
            ("iwpr", None),
            ("adil_soz", ""),
            ("internews", None),
            ("broadcasters", None),
            ("assandi", ""),
            ("panorama", None),
            ("pravda", ""),
        ],
    ),
    (
        22,
        "10:00",
        None,
        "Almaty",
        (
            "Meeting with the First Deputy Minister of Foreign Affairs, Mr Kairat Abuseitov",
            "Встреча с первым заместителем министра иностранных дел г-ном Каиратом Абусеитовым",
            "Сыртқы істер Министрінің Бірінші Орынбасары Қайрат Әбусейітов мырзамен кездесу",
        ),
        [("mfa", "Қайрат Әбусейітов мырза")],
    ),
    (
        22,
        "11:00",
        None,
        "Almaty",
        (
            "Meeting with Mr Imangali Tasmagambetov (at the Presidential Administration)",
            "Встреча с г-ном Имангали Тасмагамбетовым (в Администрации Президента)",
            "Иманғали Тасмағамбетов мырзамен кездесу (Президент Әкімшілігінде)",
        ),
        [("administration", "Иманғали Тасмағамбетов мырза")],
    ),
    (
        22,
        "13:30",
        None,
        "Almaty",
        (
            "Meeting with the diplomatic corps (OSCE participating States)",
            "Встреча с дипломатическим корпусом (государства-участники ОБСЕ)",
            "Дипломатиялық корпустың (ЕҚЫҰ мүше елдерінің) өкілдерімен кездесу",
        ),
        [("diplomats", "")],
    ),
    (
        22,
        "15:00",
        None,
        "Almaty",
        (
            "Meeting with the CEC Chair, Mrs Baliyeva",
            "Встреча с председателем ЦИК г-жой Балиевой",
            "ОСК Төрағасы Байлиева ханыммен кездесу",
        ),
        [("cec", "Байлиева ханым")],
    ),
    (
        23,
        "10:00",
        "12:00",
        "Almaty",
        (
            "Meeting with representatives of political parties",
            "Встреча с представителями политических партий",
            "Саяси партиялардың өкілдерімен кездесу",
        ),
        list(PARTY_MEETING),
    ),
    (
        23,
        "12:00",
        None,
        "Almaty",
        (
            "Meeting with the Director of the International Bureau for Human Rights and Rule of Law",
            "Встреча с директором Международного бюро по правам человека и соблюдению законности",
            "Адам құқықтары мен заңдылық сақтау жөнінде халықаралық Бюроның Директорымен кездесу",
        ),
        [("bureau", "")],
    ),
    (
        24,
        "09:15",
        None,
        "Astana",
        (
            "Meeting with the First Vice-Minister, Mr Otto",
            "Встреча с первым вице-министром г-ном Отто",
            "Бірінші Вице-министр Отто мырзамен кездесу",
        ),
        [("government", "Отто мырза")],
    ),
    (
        24,
        "11:00",
        None,
        "Astana",
        (
            "CEC, Mr Foos: demonstration of the Sailau e-voting system",
            "ЦИК, г-н Фоос: демонстрация системы электронного голосования «Сайлау»",
            "ОСК Фоос мырзамен кездесу, «Сайлау» электронды дауыс беру жүйесін көрсету",
        ),
        [("cec", "Фоос мырза")],
    ),
    (
        24,
        "14:30",
        None,
        "Astana",
        (
            "Meeting with the Speaker of the Mazhilis, Mr Zharmakhan Tuyakbai, and the leaders of the parliamentary "
            "factions of Otan, Asar, the Agrarian and Civic parties and Auyl",
            "Встреча с председателем Мажилиса г-ном Жармаханом Туякбаем и руководителями парламентских фракций «Отан», "
            "«Асар», Аграрной и Гражданской партий и партии «Ауыл»",
            "Мәжілістің Спикері Жармахан Тұяқбай мырзамен және «Отан», «Асар», Аграрлық және Азаматтық партиялар мен "
            "«Ауыл» партиясы (Парламентте) Парламенттік фракцияларының жетекшілерімен кездесу",
        ),
        [
            ("mazhilis", "Жармахан Тұяқбай мырза"),
            ("Otan", ""),
            ("Asar", ""),
            ("Agrarian Party", ""),
            ("Civic Party", ""),
            ("Auyl", ""),
        ],
    ),
)


# The programme's entries that are not meetings (Annex 1): (date, time, city, (English, Russian, Kazakh)).
TRAVEL = (
    (
        20,
        "23:20",
        "Almaty",
        (
            "Arrival in Almaty and check-in at the Hyatt hotel",
            "Прибытие в Алматы и размещение в гостинице «Хаятт»",
            "Алматы қаласына келу және «Хаятт» отелінде орналасу",
        ),
    ),
    (
        24,
        "08:40",
        "Astana",
        (
            "Arrival in Astana (departure from Almaty at 06:55)",
            "Прибытие в Астану (вылет из Алматы в 06:55)",
            "Астана қаласына келу (Алматы ұшып шығу 06:55 сағатта)",
        ),
    ),
    (24, "15:55", "Astana", ("Departure for Almaty", "Вылет в Алматы", "Алматы қаласына ұшып шығу")),
    (24, "17:35", "Astana", ("Arrival in Almaty", "Прибытие в Алматы", "Алматы қаласына келу")),
    (
        25,
        "04:20",
        "Almaty",
        (
            "Departure from Almaty (Lufthansa flight)",
            "Вылет из Алматы (рейсом авиакомпании «Люфтганза»)",
            "Алматы қаласынан ұшып шығу («Люфтганза» авиакомпаниясының рейсімен)",
        ),
    ),
)
# Meetings whose invitees an annex lists but which the programme (Annex 1) does not: (date, time).
NOT_IN_PROGRAMME = {(21, "15:00")}


@transaction.atomic
def nam_demo_load(*, mission: Mission) -> None:
    """Create the demo commissions, interlocutors and meetings for `mission`; a second run changes nothing."""
    parties = {name: _party(mission, name) for name in {*PRO_PRESIDENTIAL, *dict(PARTY_MEETING)}}
    _load_commissions(mission, parties)
    organisations = {key: _organisation(mission, *spec) for key, spec in ORGANISATIONS.items()}
    for name, party in parties.items():
        organisations[name] = _organisation(
            mission, Category.POLITICAL_PARTY, party.name, party.name_ru, party.name_kk, party=party
        )
    for day, start, end, city, (title, title_ru, title_kk), invitees in MEETINGS:
        meeting, _created = Meeting.objects.get_or_create(
            mission=mission,
            date=dt.date(2004, 6, day),
            starts_at=dt.time.fromisoformat(start),
            name=title,
            defaults={
                "ends_at": end and dt.time.fromisoformat(end),
                "city": city,
                "name_ru": title_ru,
                "name_kk": title_kk,
                "in_programme": (day, start) not in NOT_IN_PROGRAMME,
            },
        )
        for key, attendees in invitees:
            Invitation.objects.get_or_create(
                meeting=meeting,
                organisation=organisations[key],
                defaults={"attended": attendees is not None, "attendees": attendees or ""},
            )
    for day, start, city, (title, title_ru, title_kk) in TRAVEL:
        Meeting.objects.get_or_create(
            mission=mission,
            date=dt.date(2004, 6, day),
            starts_at=dt.time.fromisoformat(start),
            name=title,
            defaults={"city": city, "name_ru": title_ru, "name_kk": title_kk, "is_travel": True},
        )


def _party(mission: Mission, name: str) -> Party:
    party, _created = Party.objects.get_or_create(mission=mission, name=name)
    return party


def _organisation(mission, category, name, name_ru, name_kk, party=None) -> Organisation:
    organisation, _created = Organisation.objects.get_or_create(
        mission=mission,
        name=name,
        defaults={"category": category, "name_ru": name_ru, "name_kk": name_kk, "party": party},
    )
    return organisation


def _commission(mission, level, names, region=None, parent=None, district=None) -> tuple[ElectionCommission, bool]:
    name, name_ru, name_kk = names
    return ElectionCommission.objects.get_or_create(
        mission=mission,
        level=level,
        name=name,
        defaults={"name_ru": name_ru, "name_kk": name_kk, "region": region, "parent": parent, "district": district},
    )


def _seat(commission: ElectionCommission, number: int, nominator, appointed: bool = True) -> CommissionMember:
    """`nominator`: a Party or the name of a nominating body. Officers hold the first three seats."""
    position = OFFICES[number - 1] if appointed and number <= len(OFFICES) else MemberPosition.MEMBER
    label = f"Member {number}" if appointed else f"Nominee {number}"
    return CommissionMember(
        commission=commission,
        full_name=f"{label} ({commission.name})",
        position=position,
        nominated_by=nominator if isinstance(nominator, Party) else None,
        nominating_body="" if isinstance(nominator, Party) else nominator,
        appointed=appointed,
    )


def _load_commissions(mission: Mission, parties: dict[str, Party]) -> None:
    """Members are created only with a new commission, so a second run adds none."""
    regions = {region.code: region for region in Region.objects.filter(mission=mission)}
    seats: list[CommissionMember] = []
    cec, created = _commission(
        mission,
        CommissionLevel.CENTRAL,
        ("Central Election Commission", "Центральная избирательная комиссия", "Орталық сайлау комиссиясы"),
    )
    if created:  # appointed by the Mazhilis (source): a body, not a party; the tables print it apart
        seats += [_seat(cec, number, "Mazhilis") for number in range(1, cec.size + 1)]
    pro_presidential = cycle(parties[name] for name in PRO_PRESIDENTIAL)
    oblasts = {}
    for code, name, name_ru, name_kk in OBLAST_COMMISSIONS:
        names = (f"{name} Election Commission", f"{name_ru} избирательная комиссия", f"{name_kk} сайлау комиссиясы")
        oblasts[code], created = _commission(mission, CommissionLevel.REGIONAL, names, regions.get(code), cec)
        if created:
            seats += _party_seats(oblasts[code], parties.get(OPPOSITION_SEATS.get(code)), pro_presidential)
            seats += [
                _seat(oblasts[code], oblasts[code].size + number, parties[party], appointed=False)
                for number, (where, party) in enumerate(NOT_APPOINTED, start=1)
                if where == code
            ]
    districts = {d.code: d for d in District.objects.filter(mission=mission).select_related("region")}
    region_of = [data.code for data in REGIONS for _number in range(data.districts)]
    for number, (opposition, refused) in _district_opposition().items():
        district = districts.get(f"{number:02d}")
        code = district.region.code if district else region_of[number - 1]
        names = (
            f"District Election Commission No. {number}",
            f"Окружная избирательная комиссия № {number}",
            f"№ {number} округтық сайлау комиссиясы",
        )
        region = district.region if district else regions.get(code)
        commission, created = _commission(mission, CommissionLevel.DISTRICT, names, region, oblasts[code], district)
        if created:
            seats += _party_seats(commission, parties.get(opposition), pro_presidential)
            if refused:
                seats.append(_seat(commission, commission.size + 1, parties[refused], appointed=False))
    CommissionMember.objects.bulk_create(seats)


def _party_seats(commission: ElectionCommission, opposition: Party | None, pro_presidential) -> list[CommissionMember]:
    """Every seat to the pro-presidential parties in turn, except the last one to `opposition` when given."""
    nominators = [next(pro_presidential) for _number in range(commission.size - (opposition is not None))]
    nominators += [opposition] if opposition else []
    return [_seat(commission, number, party) for number, party in enumerate(nominators, start=1)]
