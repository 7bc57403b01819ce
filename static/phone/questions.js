// One question of a checklist as touch-friendly inputs, and reading the answers back.
import { missionHourMinute } from "./clock.js";
import { config } from "./config.js";
import { h } from "./dom.js";
import { label, t } from "./i18n.js";

const YES_NO = ["yes", "no", "na"];

function choicesOf(question) {
  if (question.type === "yes_no") return YES_NO.map((value) => ({ value, text: t(value) }));
  return question.choices.map((choice) => ({ value: choice.value, text: label(choice) }));
}

function options(question, inputType, layout) {
  return h("div", { class: layout }, choicesOf(question).map(({ value, text }) => h("label", { class: "option" },
    h("input", { type: inputType, name: `q-${question.code}`, value }),
    h("span", {}, text))));
}

function timeInput(question) {
  const input = h("input", { type: "time", name: `q-${question.code}`, id: `q-${question.code}-input` });
  const now = () => {
    input.value = missionHourMinute();  // mission time, whatever zone the phone is set to
    input.dispatchEvent(new Event("input", { bubbles: true }));
  };
  return h("div", { class: "with-button" }, input, h("button", { type: "button", class: "secondary", onclick: now }, t("now")));
}

function inputFor(question) {
  const name = `q-${question.code}`;
  const id = `${name}-input`;
  switch (question.type) {
    case "yes_no": return options(question, "radio", "segmented");
    case "single": return options(question, "radio", "choices");
    case "multiple": return options(question, "checkbox", "choices");
    case "integer": return h("input", { type: "number", inputmode: "numeric", step: 1, name, id, min: question.min, max: question.max });
    case "time": return timeInput(question);
    case "votes": return h("div", { class: "votes" }, question.contestants.map((contestant) => h("label", { class: "vote" },
      h("span", {}, label(contestant)),
      h("input", { type: "number", inputmode: "numeric", step: 1, min: 0, name, "data-contestant": contestant.code }))));
    default: return h("textarea", { name, id, rows: 3, maxlength: config.textMaxLength });
  }
}

export function questionField(question) {
  const grouped = ["yes_no", "single", "multiple", "votes"].includes(question.type);
  const title = [label(question), question.required ? h("span", { class: "required", title: t("required") }, " *") : null];
  const titleId = `q-${question.code}-title`;
  return h("div", { class: "question", "data-code": question.code, id: `q-${question.code}`, role: grouped ? "group" : null, "aria-labelledby": grouped ? titleId : null },
    grouped ? h("p", { class: "question-title", id: titleId }, title) : h("label", { for: `q-${question.code}-input` }, title),
    inputFor(question),
    h("p", { class: "question-error", role: "alert", hidden: true }));
}

function wholeOrText(text) {
  const value = text.trim();
  return /^-?\d+$/.test(value) ? Number(value) : value;
}

export function readAnswers(root, questions) {
  const answers = {};
  for (const question of questions) {
    const inputs = [...root.querySelectorAll(`[name="q-${question.code}"]`)];
    if (question.type === "multiple") {
      answers[question.code] = inputs.filter((input) => input.checked).map((input) => input.value);
    } else if (question.type === "votes") {
      const given = inputs.filter((input) => input.value.trim() !== "");
      answers[question.code] = Object.fromEntries(given.map((input) => [input.dataset.contestant, wholeOrText(input.value)]));
    } else if (question.type === "yes_no" || question.type === "single") {
      const chosen = inputs.find((input) => input.checked);
      if (chosen) answers[question.code] = chosen.value;
    } else {
      const value = inputs[0].value.trim();
      // A whole number goes as a number; anything else stays text so the check can say what is wrong.
      answers[question.code] = question.type === "integer" ? wholeOrText(value) : value;
    }
  }
  return answers;
}

export function fillAnswers(root, questions, answers) {
  for (const question of questions) {
    const value = answers[question.code];
    if (value === undefined) continue;
    for (const input of root.querySelectorAll(`[name="q-${question.code}"]`)) {
      if (input.dataset.contestant) {
        input.value = value[input.dataset.contestant] ?? "";
      } else if (input.type === "radio" || input.type === "checkbox") {
        input.checked = Array.isArray(value) ? value.includes(input.value) : input.value === value;
      } else {
        input.value = value;
      }
    }
  }
}
