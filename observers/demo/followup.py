"""Demo follow-up of prior recommendations: the 1999 EOM's concerns as the needs-assessment report lists them
(legal framework, composition of commissions, candidates' rights, freedoms of association and assembly, media
access, voting procedures), worded as recommendations, and graded from what that report found in 2004. The wording
is the demo's (labelled so in `source`), not the 1999 report's. Running it again changes nothing."""

from django.db import transaction

from mission.followup.models import Implementation, PriorRecommendation
from mission.models import Mission

SOURCE = "OSCE/ODIHR Final Report, 1999 parliamentary elections (demo paraphrase)"
# (number, priority, grade, (recommendation en, ru, kk), (note en, ru, kk))
PRIOR = (
    (
        "1",
        True,
        Implementation.PARTIALLY,
        (
            "Election commissions at all levels should be composed so that no political force dominates them.",
            "Избирательные комиссии всех уровней следует формировать так, чтобы ни одна политическая сила в них не "
            "доминировала.",
            "Барлық деңгейдегі сайлау комиссиялары бірде-бір саяси күш басым болмайтындай етіп құрылуы тиіс.",
        ),
        (
            "The 2004 law lets parties nominate members, but the maslikhats appointed few opposition nominees.",
            "Закон 2004 года позволяет партиям выдвигать членов, но маслихаты назначили мало кандидатур оппозиции.",
            "2004 жылғы заң партияларға мүшелер ұсынуға мүмкіндік береді, бірақ мәслихаттар оппозиция "
            "кандидатураларының азын тағайындады.",
        ),
    ),
    (
        "2",
        True,
        Implementation.MOSTLY,
        (
            "The election law should be amended in an inclusive dialogue with the parties and civil society.",
            "Закон о выборах следует изменять в ходе открытого диалога с партиями и гражданским обществом.",
            "Сайлау туралы заң партиялармен және азаматтық қоғаммен ашық диалог барысында өзгертілуі тиіс.",
        ),
        (
            "The Round Table of 2000–2002 drew up over 140 proposals; the Mazhilis adopted amendments in March 2004.",
            "Круглый стол 2000–2002 годов подготовил более 140 предложений; Мажилис принял поправки в марте 2004 года.",
            "2000–2002 жылдардағы Дөңгелек үстел 140-тан астам ұсыныс дайындады; Мәжіліс 2004 жылғы наурызда "
            "өзгертулер қабылдады.",
        ),
    ),
    (
        "3",
        False,
        Implementation.NOT,
        (
            "Restrictions on freedom of association and of assembly during campaigns should be lifted.",
            "Ограничения свободы объединений и собраний в ходе кампаний следует отменить.",
            "Науқан кезінде бірлесу және жиналыс бостандығына қойылған шектеулер алынып тасталуы тиіс.",
        ),
        (
            "The needs-assessment mission heard of the same restrictions before the 2004 elections.",
            "Миссия по оценке потребностей слышала о тех же ограничениях перед выборами 2004 года.",
            "Мұқтаждықтарды бағалау миссиясы 2004 жылғы сайлау алдында да сол шектеулер туралы естіді.",
        ),
    ),
    (
        "4",
        False,
        Implementation.PARTIALLY,
        (
            "All contestants should have equal access to the media, state media above all.",
            "Все участники выборов должны иметь равный доступ к СМИ, прежде всего к государственным.",
            "Сайлауға барлық қатысушылардың БАҚ-қа, ең алдымен мемлекеттік БАҚ-қа, тең қолжетімділігі болуы тиіс.",
        ),
        (
            "Free airtime is provided by law; the media landscape is still dominated by outlets close to the "
            "authorities.",
            "Бесплатное эфирное время предусмотрено законом; в медийной среде по-прежнему преобладают близкие к "
            "власти СМИ.",
            "Тегін эфир уақыты заңда көзделген; медиа ортасында әлі де билікке жақын БАҚ басым.",
        ),
    ),
    (
        "5",
        False,
        Implementation.FULLY,
        (
            "Domestic non-partisan observers should be allowed to observe every stage of the elections.",
            "Внутренним беспартийным наблюдателям следует разрешить наблюдать за всеми этапами выборов.",
            "Партиялық емес ішкі байқаушыларға сайлаудың барлық кезеңін байқауға рұқсат етілуі тиіс.",
        ),
        (
            "The 2004 amendments allow observers from public associations.",
            "Поправки 2004 года допускают наблюдателей от общественных объединений.",
            "2004 жылғы өзгертулер қоғамдық бірлестіктердің байқаушыларына рұқсат береді.",
        ),
    ),
)


@transaction.atomic
def followup_demo_load(*, mission: Mission) -> None:
    for order, (number, priority, grade, (text, text_ru, text_kk), (note, note_ru, note_kk)) in enumerate(
        PRIOR, start=1
    ):
        PriorRecommendation.objects.get_or_create(
            mission=mission,
            number=number,
            defaults={
                "order": order,
                "source": SOURCE,
                "priority": priority,
                "text": text,
                "text_ru": text_ru,
                "text_kk": text_kk,
                "implementation": grade,
                "note": note,
                "note_ru": note_ru,
                "note_kk": note_kk,
            },
        )
