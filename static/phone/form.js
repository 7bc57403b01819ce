// Filling in a checklist: one page, follow-ups appear when their condition holds, every change kept as a
// draft, checked on the phone before it goes to the outbox, the server's refusals shown by the questions.
import { formatTime } from "./clock.js";
import { h, mount, toast } from "./dom.js";
import { label, t } from "./i18n.js";
import { enqueue } from "./outbox.js";
import { preparePhoto } from "./photos.js";
import { fillAnswers, questionField, readAnswers } from "./questions.js";
import { config } from "./config.js";
import { formTitle } from "./rows.js";
import { assignmentOf, state, stationTitle } from "./state.js";
import { forms, newUuid, session } from "./store.js";
import { askedCodes, relevantAnswers, validate } from "./validate.js";

const STATION_KINDS = ["opening", "voting", "counting"];
const PHOTO_KINDS = ["counting", "incident"];
const EDITABLE = ["draft", "attention"];
const WAIT_FOR_SERVER_MS = 10000;

// The votes questions ask for the contestants on the station's ballot; one whose ballot has nobody is left out.
function withBallot(questions, ballot) {
  return questions
    .map((question) => (question.type === "votes"
      ? { ...question, contestants: ballot.filter((entry) => entry.kind === config.votesKinds[question.code]) }
      : question))
    .filter((question) => question.type !== "votes" || question.contestants.length);
}

export async function startForm(kind, stationParam) {
  const checklist = state.checklists[kind];
  const stationId = stationParam === "none" ? null : Number(stationParam);
  const station = stationId === null ? null : assignmentOf(stationId)?.polling_station;
  if (!checklist || (STATION_KINDS.includes(kind) && !station)) {
    location.replace("#/");
    return;
  }
  const form = {
    uuid: newUuid(),
    owner: session.username,
    status: "draft",
    checklist: {
      id: checklist.id, kind, version: checklist.version, title: checklist.title,
      questions: withBallot(checklist.questions, station?.ballot || []),
    },
    stationId: station ? station.id : null,
    stationLabel: station ? stationTitle(station) : "",
    answers: {},
    photos: [],
    startedAt: new Date().toISOString(),
  };
  await forms.put(form);
  location.replace(`#/form/${form.uuid}`);
}

// What the server said, by question, and the rest as lines for the top of the form.
function serverErrors(error) {
  if (!error) return { byQuestion: {}, general: [] };
  if (error.status === 409) return { byQuestion: {}, general: [t("conflict")] };
  const { answers = {}, ...rest } = error.data || {};
  const byQuestion = Object.fromEntries(Object.entries(answers).map(([code, problems]) => [code, [].concat(problems).join(" ")]));
  const general = Object.entries(rest).map(([field, problems]) => t("server_refused", {
    detail: field === "detail" ? problems : `${field}: ${[].concat(problems).join(" ")}`,
  }));
  if (Object.keys(byQuestion).length) general.unshift(t("server_fix"));
  return { byQuestion, general };
}

function setError(field, message) {
  const box = field.querySelector(".question-error");
  box.textContent = message || "";
  box.hidden = !message;
  field.classList.toggle("has-error", Boolean(message));
}

function showErrors(view, errors) {
  for (const field of view.querySelectorAll(".question[data-code]")) setError(field, errors[field.dataset.code]);
}

function showAsked(view, questions, answers) {
  const asked = askedCodes(questions, answers);
  for (const field of view.querySelectorAll(".question[data-code]")) field.hidden = !asked.has(field.dataset.code);
  for (const heading of view.querySelectorAll(".section")) {
    heading.hidden = !heading.dataset.codes.split(" ").some((code) => asked.has(code));
  }
  numberSections(view);
}

// A long checklist says where the observer is: "Section 2 of 5" on each heading (of the sections asked) and in
// a bar that stays at the top while scrolling.
function numberSections(view) {
  const shown = [...view.querySelectorAll(".section")].filter((heading) => !heading.hidden);
  shown.forEach((heading, index) => {
    heading.querySelector(".section-of").textContent = t("section_of", { n: index + 1, total: shown.length });
  });
  showWhere(view);
}

function showWhere(view) {
  const bar = view.querySelector(".form-where");
  if (!bar) return;
  const shown = [...view.querySelectorAll(".section")].filter((heading) => !heading.hidden);
  if (shown.length < 2) {
    bar.hidden = true;
    return;
  }
  const passed = shown.filter((heading) => heading.getBoundingClientRect().top <= bar.getBoundingClientRect().bottom + 8);
  const current = passed.length ? passed[passed.length - 1] : shown[0];
  const index = shown.indexOf(current);
  bar.hidden = false;
  bar.textContent = `${t("section_of", { n: index + 1, total: shown.length })} · ${current.dataset.title}`;
}

function questionList(questions) {
  const items = [];
  let heading = null;
  for (const question of questions) {
    if (question.section) {
      heading = h("h2", { class: "section", "data-codes": "", "data-title": label(question.section) },
        h("span", { class: "section-of" }), label(question.section));
      items.push(heading);
    }
    if (heading) heading.dataset.codes = `${heading.dataset.codes} ${question.code}`.trim();
    items.push(questionField(question));
  }
  return items;
}

function stationPicker(form, save) {
  const stations = state.plan?.assignments.map((assignment) => assignment.polling_station) || [];
  if (STATION_KINDS.includes(form.checklist.kind) || !stations.length) return null;
  const select = h("select", { id: "station-select", onchange: () => {
    const station = stations.find((item) => item.id === Number(select.value));
    Object.assign(form, { stationId: station ? station.id : null, stationLabel: station ? stationTitle(station) : "" });
    save();
  } },
  h("option", { value: "" }, t("no_station")),
  stations.map((station) => h("option", { value: station.id, selected: station.id === form.stationId }, stationTitle(station))));
  return h("div", { class: "question" }, h("label", { for: "station-select" }, t("station")), select);
}

function photoBlock(form, save) {
  if (!PHOTO_KINDS.includes(form.checklist.kind)) return null;
  const list = h("ul", { class: "photos" });
  const error = h("p", { class: "question-error", hidden: true });
  const draw = () => list.replaceChildren(...form.photos.map((photo) => h("li", {},
    photo.type.startsWith("image/") ? h("img", { src: URL.createObjectURL(photo.blob), alt: photo.name }) : h("span", { class: "file" }, "PDF"),
    h("span", { class: "photo-name" }, photo.name),
    h("button", { type: "button", class: "secondary", onclick: () => {
      form.photos = form.photos.filter((item) => item !== photo);
      save();
      draw();
    } }, t("remove")))));
  const input = h("input", { type: "file", accept: "image/*,application/pdf", id: "photo-input", class: "visually-hidden", onchange: async () => {
    error.hidden = true;
    for (const file of input.files) {
      try {
        form.photos.push({ id: newUuid(), status: "pending", ...(await preparePhoto(file)) });
      } catch (refusal) {
        error.textContent = t("photo_refused", { detail: refusal.message });
        error.hidden = false;
      }
    }
    input.value = "";
    save();
    draw();
  } });
  draw();
  return h("div", { class: "question photo-question" },
    h("p", { class: "question-title" }, t(form.checklist.kind === "counting" ? "photo" : "photo_incident")),
    list, input, h("label", { for: "photo-input", class: "button secondary" }, t("add_photo")), error);
}

async function send(view, form, questions) {
  const answers = readAnswers(view, questions);
  const errors = validate(questions, answers);
  showErrors(view, errors);
  const summary = view.querySelector(".form-summary");
  if (Object.keys(errors).length) {
    summary.replaceChildren(t("fix_errors"));
    summary.hidden = false;
    view.querySelector(".has-error, .form-summary").scrollIntoView({ behavior: "smooth", block: "center" });
    return;
  }
  if (form.error?.status === 409) {
    // The server holds a different form under this UUID: this one is new.
    await forms.remove(form.uuid);
    Object.assign(form, { uuid: newUuid(), observedAt: null });
  }
  form.answers = relevantAnswers(questions, answers);
  view.querySelector("button.primary").disabled = true;
  const timeout = new Promise((resolve) => { setTimeout(resolve, WAIT_FOR_SERVER_MS); });
  await Promise.race([enqueue(form), timeout]);
  const outcome = await forms.get(form.uuid);
  if (outcome.status === "attention") {
    location.replace(`#/form/${form.uuid}`);
    renderForm(form.uuid);
    return;
  }
  toast(outcome.status === "sent" ? t("sent_ok") : t("queued_offline"), outcome.status === "sent" ? "good" : "info");
  location.hash = "#/";
}

export async function renderForm(uuid) {
  const form = await forms.get(uuid);
  if (!form || form.owner !== session.username || !EDITABLE.includes(form.status)) {
    location.replace("#/");
    return;
  }
  const { questions } = form.checklist;
  const save = () => forms.put(form);
  const fromServer = serverErrors(form.error);
  const summary = h("div", { class: "form-summary", role: "alert", hidden: !fromServer.general.length }, fromServer.general.join(" "));
  const view = h("form", { class: "checklist", novalidate: true, onsubmit: (event) => { event.preventDefault(); send(view, form, questions); } },
    h("div", { class: "form-head" },
      h("a", { href: "#/", class: "back" }, `‹ ${t("back")}`),
      h("h1", {}, formTitle(form)),
      form.stationLabel ? h("p", { class: "muted" }, form.stationLabel) : null,
      h("p", { class: "muted small" }, `v${form.checklist.version} · ${formatTime(form.startedAt)}`)),
    h("p", { class: "form-where muted", id: "form-where", "aria-live": "polite", hidden: true }),
    summary,
    stationPicker(form, save),
    questionList(questions),
    photoBlock(form, save),
    h("button", { type: "button", class: "link danger", onclick: async () => {
      if (!confirm(t("confirm_delete"))) return;
      await forms.remove(form.uuid);
      location.hash = "#/";
    } }, t("delete_draft")),
    h("div", { class: "form-actions" },
      h("a", { href: "#/", class: "button secondary" }, t("save_draft")),
      h("button", { type: "submit", class: "primary" }, t("send"))));
  fillAnswers(view, questions, form.answers);
  showAsked(view, questions, form.answers);
  showErrors(view, fromServer.byQuestion);
  view.addEventListener("input", (event) => {
    form.answers = readAnswers(view, questions);
    showAsked(view, questions, form.answers);
    const field = event.target.closest(".question[data-code]");
    if (field) setError(field, null);
    save();
  });
  mount(view);
  showWhere(view);
  const onScroll = () => {
    if (!view.isConnected) {
      window.removeEventListener("scroll", onScroll);
      return;
    }
    showWhere(view);
  };
  window.addEventListener("scroll", onScroll, { passive: true });
}
