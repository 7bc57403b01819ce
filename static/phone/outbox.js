// Forms waiting to be sent. Each keeps the UUID it got when started, so a resend after a lost answer is
// recognised by the server (200) and never stored twice. 200/201 clear a form; 400/403/409 set it aside
// for the observer to fix; a network failure, a timeout or a 5xx keeps it queued and retries with backoff.
import { config } from "./config.js";
import { detailOf, Offline, request } from "./api.js";
import { forms, session } from "./store.js";

const FIRST_RETRY_MS = 5000;
const LAST_RETRY_MS = 5 * 60 * 1000;
const REFUSED = [400, 403, 409];
const PHOTO_REFUSED = [400, 403, 404, 413];
const listeners = new Set();
const sessionListeners = new Set();
let failures = 0;
let retryTimer = null;
let running = null;
let runAgain = false;

export function onOutboxChange(listener) {
  listeners.add(listener);
}

export function onSessionExpired(listener) {
  sessionListeners.add(listener);
}

async function notify() {
  const mine = await forms.mine();
  const counts = {
    waiting: mine.filter((form) => form.status === "queued").length,
    attention: mine.filter((form) => form.status === "attention").length,
    sent: mine.filter((form) => form.status === "sent").length,
  };
  listeners.forEach((listener) => listener(counts));
  return counts;
}

export function refreshCounts() {
  return notify();
}

function payload(form) {
  return {
    uuid: form.uuid,
    checklist: form.checklist.id,
    polling_station: form.stationId,
    answers: form.answers,
    observed_at: form.observedAt,
  };
}

// One form: "done" (sent or set aside), "retry" (try later) or "auth" (the token is no longer accepted).
async function deliver(form) {
  if (!form.accepted) {
    const response = await request(config.api.submissions, { method: "POST", json: payload(form) });
    if (response.status === 401) return "auth";
    if (REFUSED.includes(response.status)) {
      Object.assign(form, { status: "attention", error: { status: response.status, data: response.data } });
      await forms.put(form);
      return "done";
    }
    if (response.status !== 200 && response.status !== 201) return "retry";
    Object.assign(form, { accepted: true, error: null });
    await forms.put(form);
  }
  for (const photo of form.photos.filter((item) => item.status === "pending")) {
    const formData = new FormData();
    formData.append("file", photo.blob, photo.name);
    const url = `${config.api.submissions}${form.uuid}/attachments/`;
    const response = await request(url, { method: "POST", formData, timeoutMs: 120000 });
    if (response.status === 401) return "auth";
    if (PHOTO_REFUSED.includes(response.status)) Object.assign(photo, { status: "refused", error: detailOf(response.data) });
    else if (response.status === 200 || response.status === 201) Object.assign(photo, { status: "sent", blob: null });
    else return "retry";
    await forms.put(form);
  }
  Object.assign(form, { status: "sent", sentAt: new Date().toISOString() });
  await forms.put(form);
  return "done";
}

async function sendAll() {
  clearTimeout(retryTimer);
  if (!session.token) return;
  let outcome = "done";
  const queued = (await forms.mine()).filter((form) => form.status === "queued");
  queued.sort((a, b) => a.observedAt.localeCompare(b.observedAt));
  for (const form of queued) {
    try {
      outcome = await deliver(form);
    } catch (error) {
      if (!(error instanceof Offline)) throw error;
      outcome = "retry";
    }
    if (outcome !== "done") break;
  }
  failures = outcome === "retry" ? failures + 1 : 0;
  if (outcome === "auth") sessionListeners.forEach((listener) => listener());
  const counts = await notify();
  if (counts.waiting && outcome === "retry") {
    const delay = Math.min(FIRST_RETRY_MS * 2 ** (failures - 1), LAST_RETRY_MS);
    retryTimer = setTimeout(flush, delay * (0.75 + Math.random() / 2));
  }
}

function sendAllLocked() {
  return navigator.locks ? navigator.locks.request("eom-outbox", sendAll) : sendAll();
}

// Send what is queued; one run at a time (also across tabs), and once more if asked while running.
export function flush() {
  if (running) {
    runAgain = true;
    return running;
  }
  running = (async () => {
    do {
      runAgain = false;
      await sendAllLocked();
    } while (runAgain);
  })().finally(() => { running = null; });
  return running;
}

export async function enqueue(form) {
  Object.assign(form, { status: "queued", accepted: false, error: null });
  form.observedAt ||= new Date().toISOString();
  await forms.put(form);
  await notify();
  return flush();
}

export function startOutbox() {
  window.addEventListener("online", () => { failures = 0; flush(); });
  document.addEventListener("visibilitychange", () => { if (!document.hidden) flush(); });
  flush();
}
