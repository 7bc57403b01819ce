// The interface language: strings come from the shell (every language at once), form labels from the checklists.
import { config } from "./config.js";

const KEY = "eom.language";
const listeners = new Set();
let language = [localStorage.getItem(KEY), document.documentElement.lang]
  .find((code) => config.languages.includes(code)) || config.languages[0];
document.documentElement.lang = language;

export function currentLanguage() {
  return language;
}

export function setLanguage(code) {
  if (!config.languages.includes(code) || code === language) return;
  language = code;
  localStorage.setItem(KEY, code);
  document.documentElement.lang = code;
  listeners.forEach((listener) => listener(code));
}

export function onLanguageChange(listener) {
  listeners.add(listener);
}

export function t(key, params = {}) {
  const text = config.strings[language]?.[key] || config.strings.en[key] || key;
  return text.replace(/\{(\w+)\}/g, (placeholder, name) => (name in params ? params[name] : placeholder));
}

// A question, a choice or a title: {"labels": {"en": ...}} or a bare {"en": ...}; English when untranslated.
export function label(item) {
  const labels = item.labels || item;
  return labels[language] || labels.en || item.code || item.value || "";
}
