// The day's plan and the form definitions: from the server when it answers, else the last copy kept here
// (the service worker keeps one too, but it is not there on the very first visit).
import { config } from "./config.js";
import { detailOf, Offline, request } from "./api.js";
import { saved } from "./store.js";

export class SessionExpired extends Error {}
export class NotAnObserver extends Error {}

export const state = { plan: null, checklists: {}, position: null, loaded: false };

async function read(url, key) {
  try {
    const response = await request(url);
    if (response.status === 401) throw new SessionExpired();
    if (response.status === 403) throw new NotAnObserver(detailOf(response.data));
    if (response.status === 200) {
      await saved.set(key, response.data);
      return response.data;
    }
  } catch (error) {
    if (!(error instanceof Offline)) throw error;
  }
  const copy = await saved.get(key);
  if (copy === undefined) throw new Offline(`no copy of ${key}`);
  return copy;
}

export async function loadDay() {
  const [plan, checklists] = await Promise.all([read(config.api.plan, "plan"), read(config.api.checklists, "checklists")]);
  state.plan = plan;
  state.checklists = Object.fromEntries((checklists.results || checklists).map((checklist) => [checklist.kind, checklist]));
  state.loaded = true;
}

export function forget() {
  Object.assign(state, { plan: null, checklists: {}, loaded: false });
}

export function isLongTerm() {
  return state.plan?.team.kind === "lto";
}

export function assignmentOf(stationId) {
  return state.plan?.assignments.find((assignment) => assignment.polling_station.id === stationId);
}

export function stationTitle(station) {
  return `${station.code} · ${station.name}`;
}
