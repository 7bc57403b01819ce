// Logging in once (needs the network); the token then lets the phone work offline until it expires.
import { config } from "./config.js";
import { Offline, request } from "./api.js";
import { h, mount } from "./dom.js";
import { t } from "./i18n.js";
import { session } from "./store.js";

// After a one-time login link the browser holds a session but the app no token: trade one for the other.
export async function tokenFromSession() {
  const csrf = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
  if (!csrf) return false;
  try {
    const response = await fetch(config.api.tokenFromSession, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": decodeURIComponent(csrf[1]) },
    });
    if (response.status !== 200) return false;
    session.start((await response.json()).token, session.username || "");
    return true;
  } catch {
    return false; // offline: the login form says so
  }
}

export function renderLogin(onLoggedIn, notice = "") {
  const message = h("p", { class: "form-summary", role: "alert", hidden: !notice }, notice);
  const username = h("input", { name: "username", id: "username", autocomplete: "username", autocapitalize: "none", required: true, value: session.username || "" });
  const password = h("input", { name: "password", id: "password", type: "password", autocomplete: "current-password", required: true });
  const button = h("button", { type: "submit", class: "primary wide" }, t("log_in"));
  const fail = (text) => {
    message.textContent = text;
    message.hidden = false;
    button.disabled = false;
  };
  const submit = async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      const response = await request(config.api.token, { method: "POST", json: { username: username.value.trim(), password: password.value } });
      if (response.status !== 200) return fail(t("wrong_login"));
      session.start(response.data.token, username.value.trim());
      await onLoggedIn();
    } catch (error) {
      if (!(error instanceof Offline)) throw error;
      fail(t("login_needs_network"));
    }
  };
  mount(h("form", { class: "card login", onsubmit: submit },
    h("img", { src: document.querySelector('link[rel="icon"]').href, alt: "", width: 72, height: 72 }),
    h("h1", {}, t("log_in")),
    message,
    h("label", { for: "username" }, t("username")), username,
    h("label", { for: "password" }, t("password")), password,
    button));
}
