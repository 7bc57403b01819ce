// What was sent: this phone's forms (queued, refused, sent) and, when online, the rest of the team's.
import { config } from "./config.js";
import { Offline, request } from "./api.js";
import { formatTime } from "./clock.js";
import { h, mount } from "./dom.js";
import { label, t } from "./i18n.js";
import { formRow } from "./rows.js";
import { state } from "./state.js";
import { forms } from "./store.js";

const NOT_DRAFT = ["queued", "attention", "sent"];

async function teamSubmissions() {
  try {
    const response = await request(config.api.submissions);
    return response.status === 200 ? response.data.results || response.data : [];
  } catch (error) {
    if (error instanceof Offline) return [];
    throw error;
  }
}

function kindTitle(kind) {
  return state.checklists[kind] ? label(state.checklists[kind].title) : kind;
}

export async function renderSent() {
  const mine = (await forms.mine()).filter((form) => NOT_DRAFT.includes(form.status));
  mine.sort((a, b) => (b.observedAt || "").localeCompare(a.observedAt || ""));
  const list = h("ul", { class: "list" }, mine.map(formRow));
  mount(
    h("a", { href: "#/", class: "back" }, `‹ ${t("back")}`),
    h("h1", {}, t("sent_forms")),
    mine.length ? list : h("p", { class: "muted", id: "nothing-sent" }, t("nothing_sent")),
  );
  const known = new Set(mine.map((form) => form.uuid));
  const others = (await teamSubmissions()).filter((submission) => !known.has(submission.uuid));
  if (!others.length) return;
  document.getElementById("nothing-sent")?.remove();
  document.getElementById("view").append(
    h("h2", {}, t("sent_by_team")),
    h("ul", { class: "list" }, others.map((submission) => h("li", {}, h("div", { class: "row-link" },
      h("span", { class: "row-top" }, h("strong", {}, kindTitle(submission.kind)),
        h("span", { class: "status status-sent" }, t("status_sent"))),
      h("span", { class: "muted" }, [submission.polling_station_code, formatTime(submission.observed_at)].filter(Boolean).join(" · ")))))),
  );
}
