// The phone app: routes between its pages, the bar (language, outbox, network), logging in and out.
import { config } from "./config.js";
import { request } from "./api.js";
import { h, mount } from "./dom.js";
import { renderForm, startForm } from "./form.js";
import { watchPosition } from "./geo.js";
import { renderHome, showPosition } from "./home.js";
import { currentLanguage, onLanguageChange, setLanguage, t } from "./i18n.js";
import { renderLogin, tokenFromSession } from "./login.js";
import { flush, onOutboxChange, onSessionExpired, refreshCounts, startOutbox } from "./outbox.js";
import { renderSent } from "./sent.js";
import { forget, loadDay, NotAnObserver, SessionExpired, state } from "./state.js";
import { renderStation } from "./station.js";
import { forms, saved, session } from "./store.js";

const ROUTES = [
  [/^#\/station\/(\d+)$/, (id) => renderStation(Number(id))],
  [/^#\/new\/(\w+)\/(\d+|none)$/, startForm],
  [/^#\/form\/([\w-]+)$/, renderForm],
  [/^#\/sent$/, renderSent],
];

function drawBar() {
  document.getElementById("appbar-title").textContent = state.plan ? t("team", { code: state.plan.team.code }) : t("app_name");
  document.getElementById("langs").replaceChildren(...config.languages.map((code) => h("button", {
    type: "button",
    class: code === currentLanguage() ? "current" : "",
    "aria-pressed": String(code === currentLanguage()),
    lang: code,
    onclick: () => setLanguage(code),
  }, code.toUpperCase())));
  const net = document.getElementById("net");
  net.textContent = t("offline");
  net.hidden = navigator.onLine;
}

function showCounts({ waiting }) {
  const badge = document.getElementById("outbox");
  badge.textContent = t("waiting", { n: waiting });
  badge.title = t("send_now");
  badge.hidden = waiting === 0;
}

function messagePage(text) {
  mount(h("section", { class: "card" }, h("p", {}, text), h("button", { type: "button", class: "link", id: "logout" }, t("log_out"))));
}

async function route(notice = "") {
  drawBar();
  if (!session.token && !notice && (await tokenFromSession())) return loggedIn();
  if (!session.token) return renderLogin(loggedIn, notice);
  if (!state.loaded) {
    try {
      await loadDay();
    } catch (error) {
      if (error instanceof SessionExpired) return expire();
      if (error instanceof NotAnObserver) return messagePage(`${t("not_an_observer")} ${error.message}`);
      return messagePage(t("login_needs_network"));
    }
    drawBar();
  }
  for (const [pattern, render] of ROUTES) {
    const match = location.hash.match(pattern);
    if (match) return render(...match.slice(1));
  }
  return renderHome();
}

async function loggedIn() {
  forget();
  history.replaceState(null, "", "#/");
  await route();
  await refreshCounts();
  flush();
}

function expire() {
  session.end();
  forget();
  return route(t("session_expired"));
}

async function logOut() {
  const waiting = (await forms.mine()).filter((form) => form.status === "queued").length;
  if (waiting && !confirm(t("confirm_logout", { n: waiting }))) return;
  request(config.api.revoke, { method: "POST" }).catch(() => {});
  session.end();
  forget();
  await saved.clear();
  if (window.caches) await caches.delete("eom-phone-api");
  showCounts({ waiting: 0 });
  history.replaceState(null, "", "#/");
  route();
}

window.addEventListener("hashchange", () => route());
window.addEventListener("online", drawBar);
window.addEventListener("offline", drawBar);
document.addEventListener("click", (event) => {
  if (event.target.closest("#logout")) logOut();
  if (event.target.closest("#outbox")) flush();
});
onLanguageChange(() => {
  const y = window.scrollY;
  route().then(() => window.scrollTo(0, y));
});
let lastCounts = null;
onOutboxChange((counts) => {
  showCounts(counts);
  // Lists on screen follow the outbox; a form being filled in is never redrawn under the observer's thumb.
  const changed = lastCounts !== null && JSON.stringify(counts) !== lastCounts;
  lastCounts = JSON.stringify(counts);
  if (changed && session.token && !location.hash.startsWith("#/form/")) route();
});
onSessionExpired(expire);
watchPosition((position) => {
  state.position = position;
  showPosition();
});
if ("serviceWorker" in navigator) navigator.serviceWorker.register(config.serviceWorker, { scope: config.scope });

await route();
startOutbox();
