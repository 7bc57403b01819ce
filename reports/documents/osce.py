"""The OSCE's 57 participating States in English, Russian and Kazakh, and matching a roster's nationality to one
(by its name in any of the three languages, a usual short form, or its ISO code)."""

# (ISO 3166 alpha-2, English, Russian, Kazakh, other names)
STATES: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("AL", "Albania", "Албания", "Албания", ("Albanian",)),
    ("AD", "Andorra", "Андорра", "Андорра", ()),
    ("AM", "Armenia", "Армения", "Армения", ("Armenian",)),
    ("AT", "Austria", "Австрия", "Австрия", ("Austrian",)),
    ("AZ", "Azerbaijan", "Азербайджан", "Әзербайжан", ("Azerbaijani",)),
    ("BY", "Belarus", "Беларусь", "Беларусь", ("Belarusian",)),
    ("BE", "Belgium", "Бельгия", "Бельгия", ("Belgian",)),
    ("BA", "Bosnia and Herzegovina", "Босния и Герцеговина", "Босния және Герцеговина", ()),
    ("BG", "Bulgaria", "Болгария", "Болгария", ("Bulgarian",)),
    ("CA", "Canada", "Канада", "Канада", ("Canadian",)),
    ("HR", "Croatia", "Хорватия", "Хорватия", ("Croatian",)),
    ("CY", "Cyprus", "Кипр", "Кипр", ("Cypriot",)),
    ("CZ", "Czech Republic", "Чехия", "Чехия", ("Czechia", "Czech", "Чешская Республика")),
    ("DK", "Denmark", "Дания", "Дания", ("Danish",)),
    ("EE", "Estonia", "Эстония", "Эстония", ("Estonian",)),
    ("FI", "Finland", "Финляндия", "Финляндия", ("Finnish",)),
    ("FR", "France", "Франция", "Франция", ("French",)),
    ("GE", "Georgia", "Грузия", "Грузия", ("Georgian",)),
    ("DE", "Germany", "Германия", "Германия", ("German",)),
    ("GR", "Greece", "Греция", "Грекия", ("Greek",)),
    ("VA", "Holy See", "Святейший Престол", "Қасиетті Тақ", ("Vatican",)),
    ("HU", "Hungary", "Венгрия", "Венгрия", ("Hungarian",)),
    ("IS", "Iceland", "Исландия", "Исландия", ("Icelandic",)),
    ("IE", "Ireland", "Ирландия", "Ирландия", ("Irish",)),
    ("IT", "Italy", "Италия", "Италия", ("Italian",)),
    ("KZ", "Kazakhstan", "Казахстан", "Қазақстан", ("Kazakh", "Kazakhstani")),
    ("KG", "Kyrgyzstan", "Кыргызстан", "Қырғызстан", ("Kyrgyz Republic", "Kyrgyz", "Киргизия")),
    ("LV", "Latvia", "Латвия", "Латвия", ("Latvian",)),
    ("LI", "Liechtenstein", "Лихтенштейн", "Лихтенштейн", ()),
    ("LT", "Lithuania", "Литва", "Литва", ("Lithuanian",)),
    ("LU", "Luxembourg", "Люксембург", "Люксембург", ()),
    ("MT", "Malta", "Мальта", "Мальта", ("Maltese",)),
    ("MD", "Moldova", "Молдова", "Молдова", ("Republic of Moldova", "Moldovan")),
    ("MC", "Monaco", "Монако", "Монако", ()),
    ("MN", "Mongolia", "Монголия", "Моңғолия", ("Mongolian",)),
    ("ME", "Montenegro", "Черногория", "Черногория", ()),
    ("NL", "Netherlands", "Нидерланды", "Нидерланды", ("The Netherlands", "Dutch")),
    ("MK", "North Macedonia", "Северная Македония", "Солтүстік Македония", ("Macedonia",)),
    ("NO", "Norway", "Норвегия", "Норвегия", ("Norwegian",)),
    ("PL", "Poland", "Польша", "Польша", ("Polish",)),
    ("PT", "Portugal", "Португалия", "Португалия", ("Portuguese",)),
    ("RO", "Romania", "Румыния", "Румыния", ("Romanian",)),
    ("RU", "Russian Federation", "Российская Федерация", "Ресей Федерациясы", ("Russia", "Russian", "Россия")),
    ("SM", "San Marino", "Сан-Марино", "Сан-Марино", ()),
    ("RS", "Serbia", "Сербия", "Сербия", ("Serbian",)),
    ("SK", "Slovakia", "Словакия", "Словакия", ("Slovak Republic", "Slovak")),
    ("SI", "Slovenia", "Словения", "Словения", ("Slovenian",)),
    ("ES", "Spain", "Испания", "Испания", ("Spanish",)),
    ("SE", "Sweden", "Швеция", "Швеция", ("Swedish",)),
    ("CH", "Switzerland", "Швейцария", "Швейцария", ("Swiss",)),
    ("TJ", "Tajikistan", "Таджикистан", "Тәжікстан", ("Tajik",)),
    ("TR", "Türkiye", "Турция", "Түркия", ("Turkey", "Turkish")),
    ("TM", "Turkmenistan", "Туркменистан", "Түрікменстан", ("Turkmen",)),
    ("UA", "Ukraine", "Украина", "Украина", ("Ukrainian",)),
    ("GB", "United Kingdom", "Соединённое Королевство", "Ұлыбритания", ("UK", "Great Britain", "British")),
    (
        "US",
        "United States",
        "Соединённые Штаты Америки",
        "Америка Құрама Штаттары",
        ("United States of America", "USA", "American", "США"),
    ),
    ("UZ", "Uzbekistan", "Узбекистан", "Өзбекстан", ("Uzbek",)),
)
LANGUAGE_INDEX = {"en": 1, "ru": 2, "kk": 3}


def _key(text: str) -> str:
    return " ".join(text.replace("ё", "е").split()).casefold()


_BY_NAME = {_key(name): state[0] for state in STATES for name in (state[0], state[1], state[2], state[3], *state[4])}
_BY_CODE = {state[0]: state for state in STATES}


def state_code(nationality: str) -> str | None:
    """The participating State a roster's nationality names, by its ISO code; None when it names none."""
    return _BY_NAME.get(_key(nationality)) if nationality.strip() else None


def state_name(code: str, language: str) -> str:
    return _BY_CODE[code][LANGUAGE_INDEX[language]]
