// The day at a glance: what needs doing, the stations in visiting order on a map with distances, drafts.
import { missionClock, zoneWarning } from "./clock.js";
import { h, mount } from "./dom.js";
import { distanceText } from "./geo.js";
import { label, t } from "./i18n.js";
import { stationMap } from "./map.js";
import { formRow } from "./rows.js";
import { isLongTerm, state } from "./state.js";
import { forms, session } from "./store.js";

let map = null;

function actionButtons() {
  const kinds = isLongTerm() ? ["lto_weekly", "incident"] : ["incident", "tabulation"];
  return h("div", { class: "actions" }, kinds.filter((kind) => state.checklists[kind]).map((kind) => h("a", {
    href: `#/new/${kind}/none`,
    class: `button big ${kind === "incident" ? "incident" : "secondary"}`,
  }, kind === "incident" ? t("report_incident") : label(state.checklists[kind].title))));
}

// Where a station of the plan stands: sent back (by the core team, or refused by the server) comes first, then a
// draft, then forms waiting to be sent, then sent; null when nothing was started there.
export function stationMark(assignment, mine) {
  const here = mine.filter((form) => form.stationId === assignment.polling_station.id);
  const has = (status) => here.some((form) => form.status === status);
  if (assignment.sent === "sent_back" || has("attention")) return "sent_back";
  if (has("draft")) return "draft";
  if (has("queued")) return "waiting";
  if (assignment.sent === "sent" || has("sent")) return "sent";
  return null;
}

function stationCard({ order, purpose, polling_station: station }, mark) {
  return h("li", {}, h("a", { href: `#/station/${station.id}`, class: "station-card", "data-mark": mark || "none" },
    h("span", { class: `order purpose-${purpose}` }, order),
    h("span", { class: "station-text" },
      h("strong", {}, `${station.code} · ${station.name}`),
      h("span", { class: "muted" }, station.address),
      h("span", { class: "meta" }, h("span", { class: `tag purpose-${purpose}` }, t(`purpose_${purpose}`)),
        mark ? h("span", { class: `mark mark-${mark}` }, t(`mark_${mark}`)) : null,
        h("span", { class: "distance", "data-station": station.id }, distanceText(state.position, station))))));
}

function clockLine() {
  const warning = zoneWarning();
  return [
    h("p", { class: "muted small mission-clock", id: "mission-clock" }, missionClock()),
    warning ? h("p", { class: "card warn zone-warning", id: "zone-warning", role: "status" }, warning) : null,
  ];
}

export function showPosition() {
  for (const element of document.querySelectorAll(".distance[data-station]")) {
    const assignment = state.plan.assignments.find((item) => item.polling_station.id === Number(element.dataset.station));
    element.textContent = distanceText(state.position, assignment.polling_station);
  }
  map?.showPosition(state.position);
}

export async function renderHome() {
  const { plan } = state;
  const mine = await forms.mine();
  const drafts = mine.filter((form) => form.status === "draft");
  const attention = mine.filter((form) => form.status === "attention");
  const sentCount = mine.filter((form) => form.status === "sent").length;
  const area = plan.team.area.map((region) => region.name).join(", ");
  const marks = plan.assignments.map((assignment) => stationMark(assignment, mine));
  const done = marks.filter((mark) => mark === "sent").length;
  const mapBox = plan.assignments.length ? h("div", { class: "map", id: "map" }) : null;
  mount(
    ...clockLine(),
    attention.length ? h("section", { class: "card attention" }, h("h2", {}, t("needs_attention")), h("ul", { class: "list" }, attention.map(formRow))) : null,
    actionButtons(),
    h("section", {},
      isLongTerm() ? null : h("h2", {}, t("plan")),
      area ? h("p", { class: "muted" }, t("area", { regions: area })) : null,
      plan.assignments.length
        ? h("p", { class: "progress", id: "plan-progress" }, t("plan_progress", { done, total: plan.assignments.length }))
        : null,
      mapBox,
      plan.assignments.length
        ? h("ol", { class: "stations" }, plan.assignments.map((assignment, index) => stationCard(assignment, marks[index])))
        : (isLongTerm() ? null : h("p", { class: "muted" }, t("no_plan"))),
      plan.assignments.length && !state.position ? h("p", { class: "muted small" }, t("no_position")) : null),
    drafts.length ? h("section", {}, h("h2", {}, t("drafts")), h("ul", { class: "list" }, drafts.map(formRow))) : null,
    h("a", { href: "#/sent", class: "button secondary wide" }, `${t("sent_forms")} (${sentCount})`),
    h("p", { class: "signed-in" }, h("span", { class: "muted" }, session.username),
      h("button", { type: "button", class: "link", id: "logout" }, t("log_out"))),
  );
  map = mapBox ? stationMap(mapBox, plan.assignments, (id) => { location.hash = `#/station/${id}`; }) : null;
  map?.showPosition(state.position);
}
