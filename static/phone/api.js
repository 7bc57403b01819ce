// Talking to the server: the token in a header, never cookies; a network failure is an Offline error.
import { currentLanguage } from "./i18n.js";
import { session } from "./store.js";

export class Offline extends Error {}

export async function request(url, { method = "GET", json, formData, timeoutMs = 20000 } = {}) {
  const headers = { Accept: "application/json", "Accept-Language": currentLanguage() };
  if (session.token) headers.Authorization = `Token ${session.token}`;
  let body = formData;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  }
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  let response;
  try {
    response = await fetch(url, { method, headers, body, credentials: "omit", signal: abort.signal });
  } catch (error) {
    throw new Offline(error.message);
  } finally {
    clearTimeout(timer);
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    // An empty or non-JSON answer (a proxy's error page): the status says enough.
  }
  return { status: response.status, data };
}

// DRF errors are {"detail": "..."} or {field: ["..."]}: one readable line.
export function detailOf(data) {
  if (!data) return "";
  if (typeof data.detail === "string") return data.detail;
  return Object.entries(data)
    .map(([field, problems]) => `${field}: ${Array.isArray(problems) ? problems.join(" ") : JSON.stringify(problems)}`)
    .join("; ");
}
