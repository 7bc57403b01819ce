// The server's checks of answers (observers/checklists.py), run on the phone so mistakes show at once.
import { config } from "./config.js";
import { label, t } from "./i18n.js";

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isBlank(value) {
  if (value === undefined || value === null || value === "") return true;
  return typeof value === "object" && Object.keys(value).length === 0;  // an empty list or set of votes
}

function isRelevant(question, answers) {
  const condition = question.relevant;
  if (!condition) return true;
  const given = answers[condition.question];
  return Array.isArray(given) ? given.includes(condition.equals) : given === condition.equals;
}

// The answers the server should get: only questions asked (follow-ups whose condition holds), none blank.
export function relevantAnswers(questions, answers) {
  const kept = {};
  for (const question of questions) {
    const value = answers[question.code];
    if (isRelevant(question, kept) && !isBlank(value)) kept[question.code] = value;
  }
  return kept;
}

export function askedCodes(questions, answers) {
  const kept = relevantAnswers(questions, answers);
  return new Set(questions.filter((question) => isRelevant(question, kept)).map((question) => question.code));
}

function total(value) {
  return typeof value === "object" ? Object.values(value).reduce((sum, votes) => sum + votes, 0) : value;
}

function problemWith(question, value) {
  if (question.type === "votes") {
    const missing = question.contestants.filter((entry) => !Number.isInteger(value[entry.code]) || value[entry.code] < 0);
    if (missing.length) return t("err_votes", { names: missing.map((entry) => label(entry)).join(", ") });
  } else if (question.type === "integer") {
    if (typeof value !== "number" || !Number.isInteger(value)) return t("err_integer");
    if ("min" in question && value < question.min) return t("err_min", { min: question.min });
    if ("max" in question && value > question.max) return t("err_max", { max: question.max });
  } else if (question.type === "time" && !TIME.test(value)) {
    return t("err_time");
  } else if (question.type === "text" && value.length > config.textMaxLength) {
    return t("err_text_length", { max: config.textMaxLength });
  }
  return null;
}

// {question code: message} for what the server would refuse.
export function validate(questions, answers) {
  const asked = askedCodes(questions, answers);
  const kept = relevantAnswers(questions, answers);
  const byCode = Object.fromEntries(questions.map((question) => [question.code, question]));
  const errors = {};
  for (const question of questions) {
    if (!asked.has(question.code)) continue;
    const value = kept[question.code];
    if (isBlank(value)) {
      if (question.required) errors[question.code] = t("err_required");
    } else {
      const problem = problemWith(question, value);
      if (problem) errors[question.code] = problem;
    }
  }
  for (const [left, operator, right] of config.checks) {
    const a = kept[left];
    const b = kept[right];
    if (!byCode[left] || !byCode[right] || errors[left] || errors[right] || isBlank(a) || isBlank(b)) continue;
    if (operator === "<=" && a > b) errors[left] = t("err_not_more", { other: label(byCode[right]), value: b });
    if (operator === ">=" && a < b) errors[left] = t("err_not_less", { other: label(byCode[right]), value: b });
  }
  // The protocol's arithmetic (mission/results/lines.py SUMS), on the lines given.
  for (const [whole, parts] of config.sums) {
    const codes = [whole, ...parts];
    if (codes.some((code) => !byCode[code] || errors[code] || isBlank(kept[code]))) continue;
    const sum = parts.reduce((running, code) => running + total(kept[code]), 0);
    if (sum !== kept[whole]) errors[whole] = t("err_sum", { parts: parts.map((code) => label(byCode[code])).join(" + "), sum });
  }
  return errors;
}
