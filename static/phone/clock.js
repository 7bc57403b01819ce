// Mission time: the phone shows every time in the mission's zone (from the plan), labelled, 24-hour, in the
// interface language, and says so when the phone's own clock is set to another zone.
import { currentLanguage, t } from "./i18n.js";
import { state } from "./state.js";

const PHONE_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

function missionZone() {
  return state.plan?.time_zone || undefined;
}

function zoneName() {
  const names = state.plan?.time_zone_names || {};
  return names[currentLanguage()] || names.en || state.plan?.time_zone || "";
}

// British English for "en": day before month, as the site prints dates (config/formats).
const LOCALES = { en: "en-GB" };

function parts(date, timeZone, options) {
  const locale = LOCALES[currentLanguage()] || currentLanguage();
  return new Intl.DateTimeFormat(locale, { ...options, hourCycle: "h23", timeZone }).format(date);
}

// "19 Sep, 14:05" in mission time (the zone is named once, on the home screen).
export function formatTime(iso) {
  if (!iso) return "";
  return parts(new Date(iso), missionZone(), { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
}

// Minutes east of UTC of `timeZone` at `date`.
export function offsetMinutes(date, timeZone) {
  const local = new Date(date.toLocaleString("en-US", { timeZone, hourCycle: "h23" }));
  const utc = new Date(date.toLocaleString("en-US", { timeZone: "UTC", hourCycle: "h23" }));
  return Math.round((local - utc) / 60000);
}

function offsetText(minutes) {
  const sign = minutes < 0 ? "−" : "+";
  const whole = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(whole / 60)).padStart(2, "0")}:${String(whole % 60).padStart(2, "0")}`;
}

// "Mission time: 14:05 (Astana time)".
export function missionClock(now = new Date()) {
  if (!missionZone()) return "";
  return t("mission_time", { time: parts(now, missionZone(), { hour: "2-digit", minute: "2-digit" }), zone: zoneName() });
}

// A warning when the phone's own zone is not the mission's (compared by their offsets now), else "".
export function zoneWarning(now = new Date()) {
  const zone = missionZone();
  if (!zone || !PHONE_ZONE) return "";
  const phone = offsetMinutes(now, PHONE_ZONE);
  if (phone === offsetMinutes(now, zone)) return "";
  return t("zone_differs", { phone: offsetText(phone), zone: zoneName() });
}

// "14:05" now in mission time: what the "Now" button of a time question fills in.
export function missionHourMinute(now = new Date()) {
  return parts(now, missionZone(), { hour: "2-digit", minute: "2-digit" });
}
