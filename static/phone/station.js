// One station of the plan: where it is, the form planned for it, other forms, what was already filled here.
import { h, mount } from "./dom.js";
import { distanceText } from "./geo.js";
import { label, t } from "./i18n.js";
import { formRow } from "./rows.js";
import { assignmentOf, state } from "./state.js";
import { forms } from "./store.js";

const STATION_KINDS = ["opening", "voting", "counting"];

export async function renderStation(stationId) {
  const assignment = assignmentOf(stationId);
  if (!assignment) {
    location.replace("#/");
    return;
  }
  const { polling_station: station, purpose, order } = assignment;
  const others = [...STATION_KINDS.filter((kind) => kind !== purpose), "incident"].filter((kind) => state.checklists[kind]);
  const here = (await forms.mine()).filter((form) => form.stationId === stationId);
  const mapsUrl = `https://www.openstreetmap.org/?mlat=${station.latitude}&mlon=${station.longitude}#map=17/${station.latitude}/${station.longitude}`;
  mount(
    h("a", { href: "#/", class: "back" }, `‹ ${t("back")}`),
    h("section", { class: "card station-head" },
      h("p", { class: "meta" }, h("span", { class: `tag purpose-${purpose}` }, `${order} · ${t(`purpose_${purpose}`)}`),
        h("span", { class: "distance", "data-station": station.id }, distanceText(state.position, station))),
      h("h1", {}, `${station.code} · ${station.name}`),
      h("p", {}, station.address),
      station.latitude !== null ? h("a", { href: mapsUrl, target: "_blank", rel: "noopener", class: "button secondary" }, t("open_map")) : h("p", { class: "muted" }, t("no_coordinates"))),
    state.checklists[purpose]
      ? h("a", { href: `#/new/${purpose}/${station.id}`, class: "button big primary wide" }, label(state.checklists[purpose].title))
      : null,
    h("h2", {}, t("other_forms")),
    h("div", { class: "actions" }, others.map((kind) => h("a", {
      href: `#/new/${kind}/${station.id}`,
      class: `button ${kind === "incident" ? "incident" : "secondary"}`,
    }, kind === "incident" ? t("report_incident") : label(state.checklists[kind].title)))),
    here.length ? h("ul", { class: "list" }, here.map(formRow)) : null,
  );
}
