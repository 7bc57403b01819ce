"""The demo's media monitoring (synthetic, like the rest of the demo): eight outlets, state and private, in Kazakh
and Russian, coded for four weeks of the campaign by six monitors, about 10,000 items over the 12 parties, the bloc
and the officials. State outlets favour the ruling party, the President and the government; one private
newspaper leans to the opposition. A tenth of the items is coded again by the outlet's second monitor, who
disagrees now and then as monitors do (another subject, a tone one step off, a stopwatch a few seconds apart)."""

import datetime as dt
import math
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from mission.models import Mission
from observers.demo.people import DEMO_PASSWORD
from observers.media.models import drawn_for_double_coding
from observers.models import (
    MediaAssignment,
    MediaCheck,
    MediaItem,
    MediaOutlet,
    MediaProgramme,
    MediaSubject,
    Observer,
    Role,
)

STARTS, ENDS = dt.date(2004, 8, 21), dt.date(2004, 9, 17)  # four weeks, to the eve of the campaign silence
ITEMS = 10_000

# (name, Russian, Kazakh, kind, ownership, language (en, ru, kk), reach, weight of its output)
OUTLETS = (
    ("Khabar", "Хабар", "Хабар", "tv", "state", ("Kazakh, Russian", "казахский, русский", "қазақ, орыс"), 1.4),
    ("Kazakhstan 1", "Казахстан 1", "Қазақстан 1", "tv", "state", ("Kazakh", "казахский", "қазақ"), 1.2),
    ("Kazakh Radio", "Казахское радио", "Қазақ радиосы", "radio", "state", ("Kazakh", "казахский", "қазақ"), 0.8),
    ("KTK", "КТК", "КТК", "tv", "private", ("Russian", "русский", "орыс"), 1.2),
    ("31 Channel", "31 канал", "31 арна", "tv", "private", ("Russian", "русский", "орыс"), 1.0),
    ("Channel 7", "7 канал", "7 арна", "tv", "private", ("Russian, Kazakh", "русский, казахский", "орыс, қазақ"), 0.9),
    (
        "Egemen Qazaqstan",
        "Егемен Казахстан",
        "Егемен Қазақстан",
        "print",
        "state",
        ("Kazakh", "казахский", "қазақ"),
        0.8,
    ),
    ("Respublika", "Республика", "Республика", "print", "private", ("Russian", "русский", "орыс"), 0.7),
)
PROGRAMMES = {
    "tv": (
        ("Evening news", "Вечерние новости", "Кешкі жаңалықтар"),
        ("Election programme", "Предвыборная программа", "Сайлау бағдарламасы"),
    ),
    "radio": (("News bulletins", "Выпуски новостей", "Жаңалықтар топтамасы"),),
    "print": (("Politics pages", "Полоса «Политика»", "«Саясат» беті"),),
}
OFFICIALS = (
    ("President", "Президент", "Президент", True),
    ("Government", "Правительство", "Үкімет", True),
    ("Local authorities", "Местные органы власти", "Жергілікті билік органдары", False),
)
BLOC = (
    "AIST bloc (Agrarian and Civic parties)",
    "Блок АИСТ (аграрная и гражданская партии)",
    "АИСТ блогы (аграрлық және азаматтық партиялар)",
)
OTHER = ("Central Election Commission", "Центральная избирательная комиссия", "Орталық сайлау комиссиясы")

# Share of an outlet's items by subject: state, private, and the opposition paper; the rest spread evenly.
SKEW = {
    "state": {
        "Otan": 30,
        "Asar": 14,
        "President": 20,
        "Government": 12,
        "Local authorities": 5,
        "Ak Zhol": 2,
        "Democratic Choice of Kazakhstan": 1,
    },
    "private": {
        "Otan": 16,
        "Asar": 16,
        "Ak Zhol": 9,
        "Democratic Choice of Kazakhstan": 5,
        "President": 10,
        "Government": 6,
    },
    "opposition": {
        "Ak Zhol": 20,
        "Democratic Choice of Kazakhstan": 22,
        "Communist Party": 8,
        "Otan": 12,
        "President": 5,
    },
}
# Tone (positive, neutral, negative) by leaning and subject.
TONES = {
    ("state", "favoured"): (0.55, 0.43, 0.02),
    ("state", "opposition"): (0.02, 0.48, 0.50),
    ("private", "favoured"): (0.35, 0.60, 0.05),
    ("private", "opposition"): (0.08, 0.75, 0.17),
    ("opposition", "favoured"): (0.05, 0.55, 0.40),
    ("opposition", "opposition"): (0.35, 0.60, 0.05),
}
FAVOURED = {"Otan", "Asar", "President", "Government", "Local authorities", "Civic Party", "Agrarian Party"}
MONITORS = 6


def media_sample_generate(*, mission: Mission, rng: random.Random, items: int = ITEMS) -> int:
    """The sample, its monitors and about `items` coded items (a tenth coded twice); returns how many."""
    outlets = _outlets_create(mission)
    subjects = _subjects_create(mission)
    monitors = _monitors_create(mission, rng)
    pairs = {}
    for index, outlet in enumerate(outlets):
        pair = (monitors[index % MONITORS], monitors[(index + 1) % MONITORS])
        pairs[outlet.pk] = pair
        MediaAssignment.objects.bulk_create(
            MediaAssignment(monitor=monitor, outlet=outlet, starts_on=STARTS, ends_on=ENDS) for monitor in pair
        )
    coded = _items_build(mission, outlets, subjects, pairs, rng, count=items)
    MediaItem.objects.bulk_create(coded, batch_size=2000)
    _checks_create(coded, subjects, pairs, rng)
    return len(coded)


def _outlets_create(mission):
    outlets = MediaOutlet.objects.bulk_create(
        MediaOutlet(
            mission=mission,
            name=name,
            name_ru=ru,
            name_kk=kk,
            kind=kind,
            ownership=ownership,
            language=languages[0],
            language_ru=languages[1],
            language_kk=languages[2],
            reach="national",
        )
        for name, ru, kk, kind, ownership, languages, _weight in OUTLETS
    )
    MediaProgramme.objects.bulk_create(
        MediaProgramme(outlet=outlet, name=en, name_ru=ru, name_kk=kk)
        for outlet in outlets
        for en, ru, kk in PROGRAMMES["print" if outlet.kind == "online" else outlet.kind]
    )
    return outlets


def _subjects_create(mission) -> list[MediaSubject]:
    kind = MediaSubject.Kind
    subjects = [
        MediaSubject(
            mission=mission,
            kind=kind.PARTY,
            party=party,
            name=party.name,
            name_ru=party.name_ru,
            name_kk=party.name_kk,
            abbreviation=party.abbreviation,
        )
        for party in mission.parties.all()
    ]
    subjects.append(
        MediaSubject(
            mission=mission, kind=kind.BLOC, name=BLOC[0], name_ru=BLOC[1], name_kk=BLOC[2], abbreviation="AIST"
        )
    )
    subjects += [
        MediaSubject(mission=mission, kind=kind.OFFICIAL, name=en, name_ru=ru, name_kk=kk, incumbent=incumbent)
        for en, ru, kk, incumbent in OFFICIALS
    ]
    subjects.append(MediaSubject(mission=mission, kind=kind.OTHER, name=OTHER[0], name_ru=OTHER[1], name_kk=OTHER[2]))
    return MediaSubject.objects.bulk_create(subjects)


def _monitors_create(mission, rng) -> list[Observer]:
    User = get_user_model()
    password = make_password(DEMO_PASSWORD)
    names = ["Dana Seitkali", "Yerlan Omarov", "Saule Tulegenova", "Timur Akhmetov", "Madina Zhaksybek", "Ruslan Kim"]
    users = []
    for n, name in enumerate(names, start=1):
        first, last = name.split(" ", 1)
        user, _ = User.objects.get_or_create(
            username=f"media{n:02d}", defaults={"password": password, "first_name": first, "last_name": last}
        )
        users.append((user, name))
    return Observer.objects.bulk_create(
        Observer(
            mission=mission,
            user=user,
            role=Role.MEDIA_MONITOR,
            full_name=name,
            position="Media monitor",
            nationality="Kazakhstan",
            languages="Kazakh, Russian, English",
        )
        for user, name in users
    )


def _leaning(outlet) -> str:
    return "opposition" if outlet.name == "Respublika" else outlet.ownership


def _items_build(mission, outlets, subjects, pairs, rng, *, count: int) -> list[MediaItem]:
    days = [STARTS + dt.timedelta(days=n) for n in range((ENDS - STARTS).days + 1)]
    weights = [weight for *_rest, weight in OUTLETS]
    per_outlet = [round(count * weight / sum(weights)) for weight in weights]
    programmes = {}
    for programme in MediaProgramme.objects.filter(outlet__in=outlets):
        programmes.setdefault(programme.outlet_id, []).append(programme)
    items, number = [], 0
    for outlet, outlet_count in zip(outlets, per_outlet):
        skew = SKEW[_leaning(outlet)]
        subject_weights = [skew.get(subject.name, 1.5) for subject in subjects]
        for _ in range(outlet_count):
            number += 1
            subject = rng.choices(subjects, subject_weights)[0]
            # Coverage grows towards election day: later days are drawn more often.
            day = rng.choices(days, [1 + i / len(days) for i in range(len(days))])[0]
            reference = f"demo-{number:05d}"
            items.append(
                MediaItem(
                    mission=mission,
                    outlet=outlet,
                    programme=rng.choice(programmes[outlet.pk]),
                    date=day,
                    coder=pairs[outlet.pk][0],
                    reference=reference,
                    subject=subject,
                    amount=_amount(outlet, subject, rng),
                    tone=_tone(outlet, subject, rng),
                    double_code=drawn_for_double_coding(reference),
                )
            )
    return items


def _amount(outlet, subject, rng) -> int:
    """Seconds (broadcast) or cm² (print), log-normal; officials on state outlets get longer items."""
    base = 55 if outlet.is_broadcast else 160
    if outlet.ownership == "state" and subject.name in FAVOURED:
        base *= 1.5
    return max(5, round(rng.lognormvariate(math.log(base), 0.6)))


def _tone(outlet, subject, rng) -> str:
    side = "favoured" if subject.name in FAVOURED else "opposition"
    return rng.choices(("positive", "neutral", "negative"), TONES[(_leaning(outlet), side)])[0]


def _checks_create(items, subjects, pairs, rng) -> None:
    """The second coding of the drawn items: mostly the same, sometimes not."""
    steps = {"positive": ("neutral",), "neutral": ("positive", "negative"), "negative": ("neutral",)}
    checks = []
    for item in items:
        if not item.double_code:
            continue
        subject = rng.choice(subjects) if rng.random() < 0.04 else item.subject
        tone = rng.choice(steps[item.tone]) if rng.random() < 0.10 else item.tone
        spread = 0.25 if rng.random() < 0.08 else 0.04
        amount = max(1, round(item.amount * (1 + rng.uniform(-spread, spread))))
        checks.append(
            MediaCheck(
                item=item,
                coder=pairs[item.outlet_id][1],
                subject=subject,
                amount=amount,
                tone=tone,
                first_subject_id=item.subject_id,
                first_amount=item.amount,
                first_tone=item.tone,
            )
        )
    MediaCheck.objects.bulk_create(checks, batch_size=2000)
