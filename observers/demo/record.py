"""The demo mission's pre-election record (synthetic, labelled demo like everything else): the registered party
lists and about 600 single-mandate candidates, about 150 complaints and appeals with realistic bodies, deadlines
and outcomes, and the LTO teams' meetings in every region, one or two a week."""

import datetime as dt
import random

from django.db import transaction

from mission.candidates.models import Candidate, CandidateList, Gender, RefusalReason, RegistrationStatus
from mission.cases.models import Body, CaseFile, Complainant, Decision, Source, Subject
from mission.models import (
    CommissionLevel,
    ElectionCommission,
    Invitation,
    Meeting,
    MeetingTopic,
    Mission,
    Organisation,
    OrganisationCategory,
    Person,
)
from observers.models import Observer, Role, Team

FIRST_MALE = ("Askar", "Serik", "Nurlan", "Yerlan", "Bolat", "Marat", "Dauren", "Sergei", "Viktor", "Aleksandr")
FIRST_MALE += ("Kairat", "Talgat", "Murat", "Zhanibek", "Ruslan", "Igor", "Timur", "Galym", "Azamat", "Oleg")
FIRST_FEMALE = ("Aigul", "Gulnara", "Saule", "Dinara", "Zhanar", "Elena", "Natalya", "Aliya", "Raushan", "Olga")
SURNAMES = ("Akhmetov", "Nurlanov", "Seitkaliyev", "Zhakupov", "Bekov", "Ismailov", "Kuznetsov", "Tulegenov")
SURNAMES += ("Abenov", "Sarsenov", "Omarov", "Petrov", "Iskakov", "Baimukhanov", "Yesenov", "Dzhaksybekov")
SURNAMES += ("Kasymov", "Mukanov", "Ivanov", "Shaikenov", "Utepov", "Sadykov", "Amanov", "Yermekov")
# Single-mandate applicants nominated by each party (the rest are self-nominated), roughly as in 2004.
NOMINATIONS = {"Otan": 66, "Asar": 50, "Ak Zhol": 45, "Agrarian Party": 30, "Civic Party": 30, "Communist Party": 25}
NOMINATIONS |= {"Democratic Choice of Kazakhstan": 30, "Auyl": 20, "Communist People's Party": 18}
NOMINATIONS |= {"Democratic Party": 15, "Patriots' Party": 12, "Rukhaniyat": 10}
SELF_NOMINATED = 263
OPPOSITION = {"Ak Zhol", "Democratic Choice of Kazakhstan", "Communist Party"}
BLOC = ("AIST", "Agrarian and Industrial Union of Workers", "Блок «АИСТ»", "«АИСТ» блогы")
BLOC_PARTIES = ("Agrarian Party", "Civic Party")
REASONS = {
    RefusalReason.SIGNATURES: 5,
    RefusalReason.DOCUMENTS: 4,
    RefusalReason.ASSETS: 4,
    RefusalReason.LANGUAGE: 2,
    RefusalReason.RESIDENCY: 1,
    RefusalReason.DEPOSIT: 1,
}
DEREGISTRATION_REASONS = {RefusalReason.CAMPAIGN_VIOLATION: 3, RefusalReason.ASSETS: 2, RefusalReason.COURT: 1}
FIRST_DAY, LAST_DAY = dt.date(2004, 8, 15), dt.date(2004, 9, 25)
CASE_COUNT = 130  # first complaints; their appeals bring the register to about 150
BODIES = {Body.DISTRICT: 40, Body.TERRITORIAL: 15, Body.REGIONAL: 20, Body.CEC: 15, Body.COURT: 8, Body.PROSECUTOR: 2}
APPEAL_TO = {
    Body.DISTRICT: Body.REGIONAL,
    Body.TERRITORIAL: Body.REGIONAL,
    Body.REGIONAL: Body.CEC,
    Body.CEC: Body.SUPREME_COURT,
    Body.COURT: Body.APPEAL_COURT,
}
COMMISSION_LEVEL = {Body.CEC: CommissionLevel.CENTRAL, Body.REGIONAL: CommissionLevel.REGIONAL}
SUBJECTS = {
    Subject.CANDIDATE_REGISTRATION: 30,
    Subject.CAMPAIGN: 20,
    Subject.ADMINISTRATIVE_RESOURCES: 15,
    Subject.VOTER_LISTS: 12,
    Subject.COMMISSION_DECISION: 10,
    Subject.PRESSURE: 6,
    Subject.MEDIA: 5,
    Subject.OBSERVERS: 2,
}
SUMMARIES = {
    Subject.CANDIDATE_REGISTRATION: "Registration refused over the support signatures; %s calls the check selective.",
    Subject.CAMPAIGN: "Campaign posters of %s removed by the local administration; meetings with voters refused.",
    Subject.ADMINISTRATIVE_RESOURCES: "Teachers and doctors told to attend a rally of a pro-presidential party (%s).",
    Subject.VOTER_LISTS: "Deceased persons and people who had moved away still on the voter list (%s).",
    Subject.COMMISSION_DECISION: "The commission refused %s copies of its decisions and did not consider a complaint.",
    Subject.PRESSURE: "Employees of a state enterprise pressed to sign for a candidate (%s).",
    Subject.MEDIA: "A regional TV channel refused paid airtime to %s on the terms offered to others.",
    Subject.OBSERVERS: "Observers nominated by %s refused accreditation to the district commission.",
}
DECISIONS = {Decision.REJECTED: 45, Decision.NOT_CONSIDERED: 20, Decision.PARTLY_UPHELD: 12, Decision.UPHELD: 10}
DECISIONS |= {Decision.WITHDRAWN: 3, Decision.PENDING: 4}
REMEDIES = {
    Decision.UPHELD: "Registration reinstated; the commission ordered to reconsider within three days.",
    Decision.PARTLY_UPHELD: "Warning issued to the candidate; the commission's decision otherwise confirmed.",
}
MEETING_KINDS = (
    (
        OrganisationCategory.ELECTION_ADMINISTRATION,
        "regional election commission",
        "областная избирательная комиссия",
        "облыстық сайлау комиссиясы",
        ("Chair", "Secretary"),
        (MeetingTopic.ADMINISTRATION, MeetingTopic.COMPLAINTS),
    ),
    (
        OrganisationCategory.STATE,
        "akimat",
        "акимат",
        "әкімдігі",
        ("Deputy akim",),
        (MeetingTopic.RESOURCES, MeetingTopic.SECURITY),
    ),
    (
        OrganisationCategory.CIVIL_SOCIETY,
        "human rights bureau",
        "бюро по правам человека",
        "адам құқықтары бюросы",
        ("Director", "Lawyer"),
        (MeetingTopic.PRESSURE, MeetingTopic.COMPLAINTS, MeetingTopic.WOMEN),
    ),
    (
        OrganisationCategory.MEDIA,
        "regional newspaper",
        "областная газета",
        "облыстық газеті",
        ("Editor",),
        (MeetingTopic.MEDIA, MeetingTopic.CAMPAIGN),
    ),
    (
        OrganisationCategory.POLITICAL_PARTY,
        "branch of Ak Zhol",
        "филиал «Ак жол»",
        "«Ақ жол» филиалы",
        ("Branch chair",),
        (MeetingTopic.CAMPAIGN, MeetingTopic.REGISTRATION),
    ),
    (
        OrganisationCategory.CIVIL_SOCIETY,
        "association of national cultural centres",
        "ассоциация национальных культурных центров",
        "ұлттық мәдени орталықтар қауымдастығы",
        ("Chair",),
        (MeetingTopic.MINORITIES,),
    ),
)


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _person(rng: random.Random, gender: str) -> str:
    surname = rng.choice(SURNAMES)
    if gender == Gender.FEMALE:
        return f"{rng.choice(FIRST_FEMALE)} {surname}a"
    return f"{rng.choice(FIRST_MALE)} {surname}"


def record_demo_load(*, mission: Mission, rng: random.Random) -> None:
    """A second run changes nothing (the demo mission keeps the record it has)."""
    if mission.case_files.exists():
        return
    with transaction.atomic():
        parties = {party.name: party for party in mission.parties.all()}
        _lists_create(mission, parties)
        _candidates_create(mission, parties, rng)
        teams = list(Team.objects.filter(mission=mission, kind=Team.Kind.LTO).prefetch_related("area"))
        members = {}
        for observer in Observer.objects.filter(mission=mission, role=Role.LTO).select_related("user"):
            members.setdefault(observer.team_id, []).append(observer.user)
        _cases_create(mission, parties, teams, members, rng)
        _meetings_create(mission, teams, members, rng)


def _lists_create(mission: Mission, parties: dict) -> None:
    lists = []
    for number, name in enumerate(sorted(set(parties) - set(BLOC_PARTIES)), start=1):
        party = parties[name]
        lists.append(
            (
                CandidateList(
                    mission=mission,
                    name=party.name,
                    name_ru=party.name_ru,
                    name_kk=party.name_kk,
                    abbreviation=party.abbreviation,
                    status=RegistrationStatus.REGISTERED,
                    status_on=dt.date(2004, 8, 14),
                    ballot_number=number,
                ),
                [party],
            )
        )
    abbreviation, name, name_ru, name_kk = BLOC
    lists.append(
        (
            CandidateList(
                mission=mission,
                name=name,
                name_ru=name_ru,
                name_kk=name_kk,
                abbreviation=abbreviation,
                is_bloc=True,
                status=RegistrationStatus.REGISTERED,
                status_on=dt.date(2004, 8, 14),
                ballot_number=len(lists) + 1,
            ),
            [parties[name] for name in BLOC_PARTIES],
        )
    )
    CandidateList.objects.bulk_create([candidate_list for candidate_list, _ in lists])
    CandidateList.parties.through.objects.bulk_create(
        CandidateList.parties.through(candidatelist=candidate_list, party=party)
        for candidate_list, members in lists
        for party in members
    )


def _candidates_create(mission: Mission, parties: dict, rng: random.Random) -> None:
    districts = list(mission.districts.all())
    nominators = [parties.get(name) for name, n in NOMINATIONS.items() for _ in range(n)] + [None] * SELF_NOMINATED
    candidates = []
    for index, party in enumerate(nominators):
        gender = Gender.FEMALE if rng.random() < 0.27 else Gender.MALE
        status, reason, on = RegistrationStatus.REGISTERED, "", dt.date(2004, 8, rng.randint(10, 19))
        draw = rng.random()
        if draw < 0.035 + (0.06 if party and party.name in OPPOSITION else 0):
            status, reason = RegistrationStatus.REFUSED, _weighted(rng, REASONS)
        elif draw < 0.05:
            status, reason = RegistrationStatus.DEREGISTERED, _weighted(rng, DEREGISTRATION_REASONS)
            on = dt.date(2004, 9, rng.randint(1, 15))
        elif draw < 0.065:
            status, on = RegistrationStatus.WITHDRAWN, dt.date(2004, 9, rng.randint(1, 15))
        candidates.append(
            Candidate(
                mission=mission,
                full_name=_person(rng, gender),
                gender=gender,
                district=districts[index % len(districts)],
                nominated_by=party,
                status=status,
                status_on=on,
                reason=reason,
            )
        )
    for candidate_list in CandidateList.objects.filter(mission=mission):
        for position in range(1, rng.randint(10, 26)):
            gender = Gender.FEMALE if rng.random() < 0.22 else Gender.MALE
            candidates.append(
                Candidate(
                    mission=mission,
                    full_name=_person(rng, gender),
                    gender=gender,
                    candidate_list=candidate_list,
                    position=position,
                    status=RegistrationStatus.REGISTERED,
                    status_on=candidate_list.status_on,
                )
            )
    Candidate.objects.bulk_create(candidates)


def _cases_create(mission, parties, teams, members, rng: random.Random) -> None:
    commissions = {
        (commission.level, commission.region_id): commission
        for commission in ElectionCommission.objects.filter(mission=mission, level__in=COMMISSION_LEVEL.values())
    }
    complainants = (
        [(Complainant.PARTY, parties[name]) for name in OPPOSITION] * 4
        + [(Complainant.CANDIDATE, None)] * 5
        + [(Complainant.VOTER, None)] * 3
        + [(Complainant.OBSERVER_GROUP, None), (Complainant.MEDIA, None)]
    )
    number = 0

    def case(team, body, filed, complainant_kind, party, subject, appeal_of=None) -> CaseFile:
        nonlocal number
        number += 1
        region = rng.choice(list(team.area.all()))
        deadline = filed + dt.timedelta(days=5)  # the law's five days for a commission's or a court's decision
        decision = _weighted(rng, DECISIONS)
        if filed > LAST_DAY - dt.timedelta(days=4):
            decision = Decision.PENDING
        decided = (
            None
            if decision == Decision.PENDING
            else filed
            + dt.timedelta(days=rng.choice((1, 2, 2, 3, 3, 4, 4, 5, 5, 7)) if decision != Decision.WITHDRAWN else 1)
        )
        name = party.name if party else _person(rng, rng.choice(Gender.values))
        return CaseFile(
            mission=mission,
            number=f"C-{number:04d}",
            appeal_of=appeal_of,
            complainant_kind=complainant_kind,
            complainant=name,
            complainant_party=party,
            subject=subject,
            respondent={Body.COURT: "District akimat"}.get(body, "Election commission"),
            summary=SUMMARIES[subject] % name,
            body=body,
            commission=commissions.get((COMMISSION_LEVEL.get(body), region.pk if body == Body.REGIONAL else None)),
            region=region,
            filed_on=filed,
            deadline=deadline,
            decided_on=decided,
            decision=decision,
            remedy=REMEDIES.get(decision, ""),
            source=rng.choice(
                (Source.LTO, Source.LTO, Source.LTO, Source.MEETING, Source.MEDIA, Source.COMMISSION_SITE)
            ),
            is_key=rng.random() < 0.08,
            entered_by=rng.choice(members.get(team.pk) or [None]),
        )

    level: list[tuple[Team, CaseFile]] = []
    for _ in range(CASE_COUNT):
        team = rng.choice(teams)
        kind, party = rng.choice(complainants)
        filed = FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
        level.append((team, case(team, _weighted(rng, BODIES), filed, kind, party, _weighted(rng, SUBJECTS))))
    while level:
        CaseFile.objects.bulk_create([created for _, created in level])
        appeals = []
        for team, appealed in level:
            upper = APPEAL_TO.get(appealed.body)
            if upper and appealed.decision in (Decision.REJECTED, Decision.NOT_CONSIDERED) and rng.random() < 0.22:
                filed = appealed.decided_on + dt.timedelta(days=rng.randint(1, 3))
                if filed <= LAST_DAY:
                    appeals.append(
                        (
                            team,
                            case(
                                team,
                                upper,
                                filed,
                                appealed.complainant_kind,
                                appealed.complainant_party,
                                appealed.subject,
                                appeal_of=appealed,
                            ),
                        )
                    )
        level = appeals


def _meetings_create(mission, teams, members, rng: random.Random) -> None:
    meetings, invitations, people_of = [], [], {}
    for team in teams:
        for region in team.area.all():
            kinds = []
            for category, en, ru, kk, positions, topics in MEETING_KINDS:
                organisation, _created = Organisation.objects.get_or_create(
                    mission=mission,
                    name=f"{region.name}: {en}",
                    defaults={
                        "category": category,
                        "name_ru": f"{region.name_ru}: {ru}",
                        "name_kk": f"{region.name_kk}: {kk}",
                    },
                )
                people = [
                    Person.objects.get_or_create(
                        organisation=organisation,
                        full_name=_person(rng, rng.choice(Gender.values)),
                        defaults={"position": position},
                    )[0]
                    for position in positions
                ]
                kinds.append((organisation, people, topics))
            day = FIRST_DAY + dt.timedelta(days=rng.randint(0, 2))
            while day <= LAST_DAY - dt.timedelta(days=6):
                organisation, people, topics = rng.choice(kinds)
                meeting = Meeting(
                    mission=mission,
                    date=day,
                    starts_at=dt.time(rng.choice((10, 11, 14, 15, 16))),
                    city=team.base_city or region.name,
                    region=region,
                    name=f"{team.code}: {organisation.name}",
                    name_ru=f"{team.code}: {organisation.name_ru}",
                    name_kk=f"{team.code}: {organisation.name_kk}",
                    held_by=rng.choice(members.get(team.pk) or [None]),
                    topics=list(rng.sample(topics, k=min(2, len(topics)))),
                    notes="Synthetic demo meeting.",
                )
                meetings.append(meeting)
                invitations.append(Invitation(meeting=meeting, organisation=organisation, attended=True))
                people_of[id(meeting)] = people
                day += dt.timedelta(days=rng.randint(3, 6))
    Meeting.objects.bulk_create(meetings)
    Invitation.objects.bulk_create(invitations)
    Meeting.people.through.objects.bulk_create(
        Meeting.people.through(meeting=meeting, person=person)
        for meeting in meetings
        for person in people_of[id(meeting)]
    )
