// A form in a list: its title, station, time and state; drafts and refused forms open for editing.
import { formatTime } from "./clock.js";
import { h } from "./dom.js";
import { label, t } from "./i18n.js";

const EDITABLE = ["draft", "attention"];

export function formTitle(form) {
  return label(form.checklist.title || {}) || form.checklist.kind;
}

export function formRow(form) {
  const photosWaiting = (form.photos || []).filter((photo) => photo.status === "pending").length;
  const refused = (form.photos || []).filter((photo) => photo.status === "refused");
  const content = [
    h("span", { class: "row-top" }, h("strong", {}, formTitle(form)),
      h("span", { class: `status status-${form.status}` }, t(`status_${form.status}`))),
    h("span", { class: "muted" }, [form.stationLabel, formatTime(form.observedAt || form.startedAt)].filter(Boolean).join(" · ")),
    photosWaiting && form.accepted ? h("span", { class: "muted" }, `+ ${photosWaiting} ${t("photo_waiting")}`) : null,
    refused.map((photo) => h("span", { class: "error" }, t("photo_refused", { detail: photo.error }))),
  ];
  return h("li", {}, EDITABLE.includes(form.status)
    ? h("a", { href: `#/form/${form.uuid}`, class: "row-link" }, content)
    : h("div", { class: "row-link" }, content));
}
