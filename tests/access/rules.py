"""Who may open each URL the project routes: one rule per URL name, read by test_url_walk.py.

A rule says what kind of endpoint it is (how an anonymous caller is refused), which roles get through in the
mission the URL's objects belong to, which of the fixture's objects fill the URL, and what a role that gets
through receives on GET. Everything else is worked out: roles not listed get 403; a role of another mission
asking for an object gets 404 (403 if its role could not open the URL at all); anonymous callers are sent to
the login page (PAGE), get 401 (API, where a token would do) or 403 (SESSION_API, session only).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from observers.models import Role

PAGE, API, SESSION_API, PUBLIC = "page", "api", "session api", "public"
LOGIN = "login page"  # an answer that is a redirect to the login page

COORDINATOR = frozenset({Role.COORDINATOR})
CORE = frozenset({Role.COORDINATOR, Role.ANALYST})
OBSERVERS = frozenset({Role.LTO, Role.STO})
MEDIA = frozenset({Role.MEDIA_MONITOR})
MEMBERS = CORE | OBSERVERS | MEDIA
NOT_THEIR_TEAMS = frozenset({Role.LTO, Role.MEDIA_MONITOR})  # the fixture's forms are an STO team's


@dataclass(frozen=True)
class Rule:
    kind: str
    roles: frozenset = frozenset()
    # URL kwargs from one mission's objects (tests/access/conftest.py `_mission`): the URL names that mission's data.
    objects: Callable | None = None
    kwargs: dict = field(default_factory=dict)  # kwargs that name no object (an import kind)
    ok: int | str = 200  # what a role that gets through receives on GET (a status, or LOGIN)
    post_only: bool = False  # GET answers 405: refusals are checked with a POST
    hidden: frozenset = frozenset()  # roles that get through but may not see this object (another team's): 404
    query: str = ""


def pk(attribute: str) -> Callable:
    return lambda m: {"pk": getattr(m, attribute).pk}


def _submission(attribute: str) -> Callable:
    return lambda m: {"uuid": getattr(m, attribute).uuid}


def _section(m) -> dict:
    return {"pk": m.report.pk, "section_pk": m.section.pk}


def _recommendation(m) -> dict:
    return {"pk": m.report.pk, "recommendation_pk": m.recommendation.pk}


def _case_document(m) -> dict:
    return {"pk": m.case.pk, "document_pk": m.case_document.pk}


def _openrosa(attribute: str | None = None) -> Callable:
    """An OpenRosa address of a mission (and one of its forms): the mission is in the path."""
    return lambda m: {"slug": m.mission.slug, **({"pk": getattr(m, attribute).pk} if attribute else {})}


# A server address from a login card whose key is not (or no longer) valid: refused alike for everyone.
_DEAD_KEY = {"key": "revoked-or-never-issued", "slug": "mission-a"}
NOT_STO = CORE | MEDIA | {Role.LTO}  # OpenRosa serves each team the forms it fills: the voting form is an STO's
REGISTER = CORE | {Role.LTO}  # the register of complaints and appeals: the core team, and LTOs for their team
RULES: dict[str, Rule] = {
    # Public: the same answer for everyone.
    "healthz": Rule(PUBLIC),
    "livez": Rule(PUBLIC),
    "set_language": Rule(PUBLIC, ok=302),  # a GET changes nothing: back to the home page
    "login": Rule(PUBLIC),
    "logout": Rule(PUBLIC, ok=405),  # POST only; logging out needs no rights
    "api-token": Rule(PUBLIC, ok=405),  # POST only: the login
    "phone:app": Rule(PUBLIC),
    "phone:service-worker": Rule(PUBLIC),
    "phone:manifest": Rule(PUBLIC),
    "onboarding:login-link": Rule(PUBLIC, objects=lambda m: {"key": m.login_key}),  # GET only asks
    "accounts:login-code": Rule(PUBLIC, ok=LOGIN),  # without a password given first: back to the login page
    # Every member.
    "home:index": Rule(PAGE, MEMBERS),
    "home:mission-switch": Rule(PAGE, MEMBERS, post_only=True, ok=405),
    "accounts:index": Rule(PAGE, MEMBERS),
    "accounts:sign-out-everywhere": Rule(PAGE, MEMBERS, post_only=True, ok=405),
    "api-token-revoke": Rule(API, MEMBERS, post_only=True, ok=405),
    "api-token-from-session": Rule(SESSION_API, MEMBERS, post_only=True, ok=405),
    "schema": Rule(API, MEMBERS),
    "api-docs": Rule(API, MEMBERS),
    "api-submission-list": Rule(API, MEMBERS),
    "api-submission-detail": Rule(API, MEMBERS, objects=_submission("submission"), hidden=NOT_THEIR_TEAMS),
    "api-checklist-list": Rule(API, MEMBERS),
    "api-checklist-detail": Rule(API, MEMBERS, objects=pk("voting")),
    "api-attachments": Rule(API, MEMBERS, objects=_submission("counted"), hidden=NOT_THEIR_TEAMS),
    "api-attachment": Rule(
        API, MEMBERS, objects=lambda m: {"uuid": m.counted.uuid, "pk": m.attachment.pk}, hidden=NOT_THEIR_TEAMS
    ),
    # OpenRosa (ODK Collect, Enketo): a signed-in session or a password; the core team's form list is empty.
    "openrosa:form-list": Rule(API, MEMBERS, objects=_openrosa()),
    "openrosa:form": Rule(API, MEMBERS, objects=_openrosa("voting"), hidden=NOT_STO),
    "openrosa:manifest": Rule(API, MEMBERS, objects=_openrosa("voting"), hidden=NOT_STO),
    "openrosa:stations": Rule(API, MEMBERS, objects=_openrosa("voting"), hidden=NOT_STO),
    "openrosa:submission": Rule(API, MEMBERS, objects=_openrosa(), post_only=True, ok=405),
    "openrosa:key-form-list": Rule(PUBLIC, kwargs=_DEAD_KEY, ok=403),
    "openrosa:key-form": Rule(PUBLIC, kwargs={**_DEAD_KEY, "pk": 1}, ok=403),
    "openrosa:key-manifest": Rule(PUBLIC, kwargs={**_DEAD_KEY, "pk": 1}, ok=403),
    "openrosa:key-stations": Rule(PUBLIC, kwargs={**_DEAD_KEY, "pk": 1}, ok=403),
    "openrosa:key-submission": Rule(PUBLIC, kwargs=_DEAD_KEY, ok=403),
    # Observers in teams.
    "api-plan": Rule(API, OBSERVERS),
    # The core team.
    "api-compilation-list": Rule(API, CORE),
    "api-compilation-detail": Rule(API, CORE, objects=pk("compilation")),
    "api-compilation-pdf": Rule(API, CORE, objects=pk("compilation")),
    "api-report-list": Rule(API, CORE),
    "api-report-detail": Rule(API, CORE, objects=pk("report")),
    "nam-commission-list": Rule(API, CORE),
    "nam-commission-detail": Rule(API, CORE, objects=pk("commission")),
    "nam-composition-list": Rule(API, CORE),
    "nam-meeting-list": Rule(API, CORE),
    "nam-meeting-detail": Rule(API, CORE, objects=pk("meeting")),
    "documents:index": Rule(PAGE, CORE),
    "documents:compilation-status": Rule(PAGE, CORE),
    "documents:compilation-pdf": Rule(PAGE, CORE, objects=pk("compilation")),
    "documents:detail": Rule(PAGE, CORE, objects=pk("report")),
    "documents:compile": Rule(PAGE, CORE, objects=pk("report"), post_only=True, ok=405),
    "documents:mark": Rule(PAGE, CORE, objects=pk("report"), post_only=True, ok=405),
    "documents:preview": Rule(PAGE, CORE, objects=lambda m: {"pk": m.report.pk, "language": "kk"}),
    "documents:section-add": Rule(PAGE, CORE, objects=pk("report"), post_only=True, ok=405),
    "documents:section": Rule(PAGE, CORE, objects=_section),
    "documents:section-move": Rule(PAGE, CORE, objects=_section, post_only=True, ok=405),
    "documents:section-delete": Rule(PAGE, CORE, objects=_section, post_only=True, ok=405),
    "documents:recommendation-add": Rule(PAGE, CORE, objects=pk("report"), post_only=True, ok=405),
    "documents:recommendation": Rule(PAGE, CORE, objects=_recommendation),
    "documents:recommendation-move": Rule(PAGE, CORE, objects=_recommendation, post_only=True, ok=405),
    "documents:recommendation-delete": Rule(PAGE, CORE, objects=_recommendation, post_only=True, ok=405),
    "findings:index": Rule(PAGE, CORE),
    "findings:kind": Rule(PAGE, CORE, kwargs={"kind": "voting"}),
    "findings:submissions": Rule(PAGE, CORE),
    "findings:submission": Rule(PAGE, CORE, objects=pk("submission")),
    "findings:review": Rule(PAGE, CORE, objects=pk("submission"), post_only=True, ok=405),
    "results:index": Rule(PAGE, CORE),
    "results:count": Rule(PAGE, CORE, objects=pk("counted")),
    "results:photo": Rule(PAGE, CORE, objects=pk("attachment")),
    "results:official": Rule(PAGE, CORE),
    "results:imports": Rule(PAGE, CORE),
    "results:import": Rule(PAGE, CORE, objects=pk("results_import")),
    "monitor:index": Rule(PAGE, CORE),
    "monitor:data": Rule(PAGE, CORE),
    "exports:index": Rule(PAGE, CORE),
    "exports:submissions-csv": Rule(PAGE, CORE, query="?kind=voting"),
    "exports:submissions-xlsx": Rule(PAGE, CORE, query="?kind=voting"),
    "exports:stations-csv": Rule(PAGE, CORE),
    "exports:stations-geojson": Rule(PAGE, CORE),
    "exports:deployment-csv": Rule(PAGE, CORE),
    "exports:deployment-geojson": Rule(PAGE, CORE),
    "nam:commissions": Rule(PAGE, CORE),
    "nam:commission-create": Rule(PAGE, CORE),
    "nam:commission": Rule(PAGE, CORE, objects=pk("commission")),
    "nam:commission-edit": Rule(PAGE, CORE, objects=pk("commission")),
    "nam:member-create": Rule(PAGE, CORE, objects=pk("commission")),
    "nam:member-edit": Rule(PAGE, CORE, objects=pk("commission_member")),
    "nam:member-delete": Rule(PAGE, CORE, objects=pk("commission_member"), post_only=True, ok=405),
    "nam:composition": Rule(PAGE, CORE),
    "nam:organisations": Rule(PAGE, CORE),
    "nam:organisation-create": Rule(PAGE, CORE),
    "nam:organisation": Rule(PAGE, CORE, objects=pk("organisation")),
    "nam:organisation-edit": Rule(PAGE, CORE, objects=pk("organisation")),
    "nam:person-create": Rule(PAGE, CORE, objects=pk("organisation")),
    "nam:person-edit": Rule(PAGE, CORE, objects=pk("person")),
    "nam:meetings": Rule(PAGE, CORE),
    "nam:meeting-create": Rule(PAGE, CORE),
    "nam:meeting": Rule(PAGE, CORE, objects=pk("meeting")),
    "nam:meeting-edit": Rule(PAGE, CORE, objects=pk("meeting")),
    "nam:invitation-create": Rule(PAGE, CORE, objects=pk("meeting"), post_only=True, ok=405),
    "nam:invitation-attendance": Rule(PAGE, CORE, objects=pk("invitation"), post_only=True, ok=405),
    "nam:invitation-delete": Rule(PAGE, CORE, objects=pk("invitation"), post_only=True, ok=405),
    "deployment:coverage": Rule(PAGE, CORE),
    "deployment:stations": Rule(PAGE, CORE),
    "deployment:map": Rule(PAGE, CORE),
    "deployment:map-stations": Rule(PAGE, CORE),
    "deployment:map-view": Rule(PAGE, CORE),
    "deployment:map-route": Rule(PAGE, CORE, objects=pk("sto_team")),
    "checklists:list": Rule(PAGE, CORE),
    "checklists:import": Rule(PAGE, CORE),
    "checklists:detail": Rule(PAGE, CORE, objects=pk("voting")),
    "checklists:edit": Rule(PAGE, CORE, objects=pk("voting")),
    "checklists:xlsform": Rule(PAGE, CORE, objects=pk("voting")),
    "accounts:two-factor": Rule(PAGE, CORE),
    "accounts:recovery-codes": Rule(PAGE, CORE, post_only=True, ok=405),
    "cases:list": Rule(PAGE, REGISTER),
    "cases:create": Rule(PAGE, REGISTER),
    "cases:detail": Rule(PAGE, REGISTER, objects=pk("case")),
    "cases:edit": Rule(PAGE, REGISTER, objects=pk("case")),
    "cases:appeal": Rule(PAGE, REGISTER, objects=pk("case")),
    "cases:document-add": Rule(PAGE, REGISTER, objects=pk("case"), post_only=True, ok=405),
    "cases:document": Rule(PAGE, REGISTER, objects=_case_document),
    "api-case-list": Rule(API, REGISTER),
    "api-case-detail": Rule(API, REGISTER, objects=pk("case")),
    "candidates:index": Rule(PAGE, CORE),
    "candidates:list": Rule(PAGE, CORE),
    "record:index": Rule(PAGE, CORE),
    "followup:index": Rule(PAGE, CORE),
    "followup:assess": Rule(PAGE, CORE, objects=pk("prior_recommendation")),
    "drafting:section": Rule(PAGE, CORE, objects=_section, post_only=True, ok=405),
    "drafting:freeze": Rule(PAGE, CORE, objects=pk("report"), post_only=True, ok=405),
    "drafting:unfreeze": Rule(PAGE, CORE, objects=pk("report"), post_only=True, ok=405),
    "record:reports": Rule(PAGE, CORE, query="?start=2004-08-01&end=2004-09-30"),
    "record:meetings": Rule(PAGE, CORE),
    "record:meeting-create": Rule(PAGE, REGISTER),
    "record:report-period": Rule(PAGE, CORE, objects=pk("report")),
    # Coordinators only.
    "deployment:teams": Rule(PAGE, COORDINATOR),
    "deployment:team-new": Rule(PAGE, COORDINATOR, query="?kind=sto"),
    "deployment:team-edit": Rule(PAGE, COORDINATOR, objects=pk("sto_team")),
    "deployment:plan": Rule(PAGE, COORDINATOR),
    "deployment:plan-propose": Rule(PAGE, COORDINATOR, post_only=True, ok=405),
    "deployment:plan-publish": Rule(PAGE, COORDINATOR),  # GET asks first, showing what changes
    "deployment:plan-withdraw": Rule(PAGE, COORDINATOR),
    "deployment:proposal-status": Rule(PAGE, COORDINATOR, objects=pk("plan_proposal")),
    "deployment:proposal-apply": Rule(PAGE, COORDINATOR, objects=pk("plan_proposal"), post_only=True, ok=405),
    "deployment:proposal-discard": Rule(PAGE, COORDINATOR, objects=pk("plan_proposal"), post_only=True, ok=405),
    "deployment:sample": Rule(PAGE, COORDINATOR),
    "deployment:sample-draw": Rule(PAGE, COORDINATOR, post_only=True, ok=405),
    "deployment:sample-remove": Rule(PAGE, COORDINATOR, post_only=True, ok=405),
    "deployment:sample-replace": Rule(PAGE, COORDINATOR, post_only=True, ok=405),
    "deployment:team-plan": Rule(PAGE, COORDINATOR, objects=pk("sto_team")),
    "deployment:team-plan-add": Rule(PAGE, COORDINATOR, objects=pk("sto_team"), post_only=True, ok=405),
    "deployment:team-plan-pdf": Rule(PAGE, COORDINATOR, objects=pk("sto_team")),
    "deployment:region-plan-pdf": Rule(PAGE, COORDINATOR, objects=pk("region")),
    "deployment:assignment-remove": Rule(PAGE, COORDINATOR, objects=pk("assignment"), post_only=True, ok=405),
    "deployment:assignment-move": Rule(PAGE, COORDINATOR, objects=pk("assignment"), post_only=True, ok=405),
    "deployment:assignment-purpose": Rule(PAGE, COORDINATOR, objects=pk("assignment"), post_only=True, ok=405),
    "imports:index": Rule(PAGE, COORDINATOR),
    "imports:upload": Rule(PAGE, COORDINATOR, kwargs={"kind": "roster"}),
    "imports:map": Rule(PAGE, COORDINATOR, kwargs={"kind": "roster"}, ok=302),  # nothing uploaded: back to upload
    "imports:preview": Rule(PAGE, COORDINATOR, kwargs={"kind": "roster"}, ok=302),
    "imports:problems": Rule(PAGE, COORDINATOR, kwargs={"kind": "stations"}, ok=302),  # nothing uploaded
    "imports:problems-csv": Rule(PAGE, COORDINATOR, kwargs={"kind": "stations"}, ok=302),
    "imports:stations-done": Rule(PAGE, COORDINATOR),
    "imports:stations-undo": Rule(PAGE, COORDINATOR, ok=405, post_only=True),
    "onboarding:links": Rule(PAGE, COORDINATOR),
    "onboarding:cards": Rule(PAGE, COORDINATOR, post_only=True, ok=405),
    "onboarding:observer": Rule(PAGE, COORDINATOR, objects=lambda m: {"pk": m.members[Role.STO].pk}),
    "onboarding:links-revoke": Rule(
        PAGE, COORDINATOR, objects=lambda m: {"pk": m.members[Role.STO].pk}, post_only=True, ok=405
    ),
    "onboarding:link-revoke": Rule(
        PAGE,
        COORDINATOR,
        objects=lambda m: {"pk": m.members[Role.STO].pk, "link_pk": m.login_link.pk},
        post_only=True,
        ok=405,
    ),
    "onboarding:tokens-revoke": Rule(
        PAGE, COORDINATOR, objects=lambda m: {"pk": m.members[Role.STO].pk}, post_only=True, ok=405
    ),
    "audit:index": Rule(PAGE, COORDINATOR),
    "accounts:mission-security": Rule(PAGE, COORDINATOR),
    "retention:index": Rule(PAGE, COORDINATOR),
    "retention:close": Rule(PAGE, COORDINATOR, post_only=True, ok=405),
    "retention:erase": Rule(PAGE, COORDINATOR, post_only=True, ok=405),
    "operations:jobs": Rule(PAGE, COORDINATOR),
    "operations:jobs-retry": Rule(PAGE, COORDINATOR, post_only=True, ok=405),
    # Media monitoring: monitors code, the core team keeps the sample and reads.
    "media:code": Rule(PAGE, MEDIA),
    "media:recheck": Rule(PAGE, MEDIA, objects=pk("media_item")),
    "media:sample": Rule(PAGE, CORE),
    "media:sample-add": Rule(PAGE, CORE, kwargs={"what": "outlet"}, post_only=True, ok=405),
    "media:sample-edit": Rule(PAGE, CORE, objects=lambda m: {"what": "subject", "pk": m.subject.pk}),
    "media:assignment-delete": Rule(PAGE, CORE, objects=pk("media_assignment"), post_only=True, ok=405),
    "media:subjects-from-parties": Rule(PAGE, CORE, post_only=True, ok=405),
    "media:agreement": Rule(PAGE, CORE),
    "media:reconcile": Rule(PAGE, CORE, objects=pk("media_check"), post_only=True, ok=405),
    "media:results": Rule(PAGE, CORE),
    "media:items": Rule(PAGE, CORE),
}
