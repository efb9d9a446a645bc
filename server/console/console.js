// The Fika console: plain JavaScript, no build step, served by fika-server at /admin.
// It signs in with an admin's token (POST /admin/session sets an HttpOnly cookie; the
// token is never kept here) and then calls the admin JSON API (/v1/admin/...) with that
// cookie and, for writes, the CSRF token the session gave. Everything it shows is set
// as text, never as HTML.

const T = {
  en: { "new_case": "new case", "competitor_account": "competitor's customer", "policy_activity": "activity against policy" },
  sv: {
    "Search people by name": "Sök personer på namn", "download": "nedladdning", "export": "export", "erase": "radering",
    "Notifications": "Aviseringar", "Sent": "Skickad", "To": "Till", "Kind": "Typ", "About": "Gäller", "Flags": "Flaggor",
    "read": "läst", "unread": "oläst", "new_case": "nytt ärende", "competitor_account": "konkurrents kund",
    "policy_activity": "aktivitet mot policy", "No notifications yet.": "Inga aviseringar än.",
    "Webhook deliveries": "Webhook-leveranser", "Attempts": "Försök", "Next attempt": "Nästa försök", "Last error": "Senaste fel",
    "Waiting to be delivered (delivered ones leave the queue):": "Väntar på leverans (levererade lämnar kön):",
    "No webhook is set (serve --webhook URL).": "Ingen webhook är inställd (serve --webhook URL).", "Nothing waiting.": "Inget väntar.",
    "Health": "Hälsa", "Users": "Användare", "Devices": "Enheter", "Access": "Åtkomst", "Privacy": "Integritet",
    "Sign out": "Logga ut", "Sign in": "Logga in", "Admin token": "Administratörstoken",
    "Sign in with an admin's token (fika-server user add NAME --role admin prints one) or an enrolment code (fika-server user enrol NAME).":
      "Logga in med en administratörs token (fika-server user add NAMN --role admin skriver ut en) eller en inloggningskod (fika-server user enrol NAMN).",
    "Admin token or enrolment code": "Administratörstoken eller inloggningskod",
    "Status": "Status", "Version": "Version", "Schema": "Schema", "Uptime": "Drifttid",
    "Database size": "Databasens storlek", "Records": "Poster", "Devices seen": "Enheter", "Live streams": "Öppna strömmar",
    "Mail queue": "E-postkö", "Mail to sellers": "E-post till säljare", "Digest": "Sammanfattning", "At once": "Direkt",
    "Waiting to be sent (sent ones leave the queue):": "Väntar på att skickas (skickade lämnar kön):",
    "No mail server is set (serve --smtp URL).": "Ingen e-postserver är inställd (serve --smtp URL).",
    "Webhook queue": "Webhook-kö", "Feed lag": "Flödets fördröjning", "Last backup": "Senaste säkerhetskopia",
    "Backups": "Säkerhetskopior", "none yet": "ingen än", "not scheduled": "inte schemalagd", "failed": "misslyckades",
    "ago": "sedan", "Add a user": "Lägg till användare", "Name": "Namn", "Role": "Roll", "Add": "Lägg till",
    "consultant": "konsult", "seller": "säljare", "admin": "administratör", "State": "Läge", "Created": "Skapad",
    "active": "aktiv", "disabled": "avstängd", "Disable": "Stäng av", "Enable": "Aktivera", "New token": "Ny token",
    "Enrolment code": "Inloggningskod", "Shown once: copy it now.": "Visas en gång: kopiera den nu.",
    "Token for": "Token för", "Code for": "Kod för", "Link": "Länk", "Expires": "Går ut", "Done": "Klar",
    "User": "Användare", "Device": "Enhet", "Platform": "Plattform", "App version": "Appversion",
    "Last sync": "Senaste synk", "Revoke": "Återkalla", "Sign out device": "Logga ut enheten", "Wipe": "Rensa",
    "revoked": "återkallad", "wiped": "rensad", "signing out": "loggas ut", "enrolled": "inloggad med kod",
    "user token": "användarens token", "All users": "Alla användare", "Consultant": "Konsult",
    "Granted accounts": "Tilldelade kunder", "Search customers by name": "Sök kunder på namn", "Search": "Sök",
    "Grant": "Ge åtkomst", "Who has access": "Vem har åtkomst", "No consultants yet.": "Inga konsulter än.",
    "Nothing granted.": "Ingen åtkomst tilldelad.", "No matches.": "Inga träffar.", "Customer": "Kund",
    "Access log": "Åtkomstlogg", "Show": "Visa", "Day": "Dag",
    "Who": "Vem", "Action": "Åtgärd", "Subject": "Gäller", "Times": "Gånger", "Export person": "Exportera person",
    "Erase person": "Radera person", "Export": "Exportera", "Erase": "Radera",
    "Erase this person everywhere? This cannot be undone.": "Radera personen överallt? Det går inte att ångra.",
    "Wipe this device at its next sync? Its unsent changes are lost.":
      "Rensa enheten vid nästa synk? Det den inte har skickat går förlorat.",
    "Reason (optional)": "Anledning (frivillig)", "Saved": "Sparat", "Signed out": "Utloggad",
    "The session ended: sign in again.": "Sessionen tog slut: logga in igen.", "never": "aldrig",
    "Nothing logged.": "Inget loggat.", "Saved as a file": "Sparad som fil",
  },
  da: {
    "Search people by name": "Søg personer efter navn", "download": "download", "export": "eksport", "erase": "sletning",
    "Notifications": "Notifikationer", "Sent": "Sendt", "To": "Til", "Kind": "Type", "About": "Vedrører", "Flags": "Flag",
    "read": "læst", "unread": "ulæst", "new_case": "ny sag", "competitor_account": "konkurrents kunde",
    "policy_activity": "aktivitet mod politik", "No notifications yet.": "Ingen notifikationer endnu.",
    "Webhook deliveries": "Webhook-leverancer", "Attempts": "Forsøg", "Next attempt": "Næste forsøg", "Last error": "Seneste fejl",
    "Waiting to be delivered (delivered ones leave the queue):": "Venter på levering (leverede forlader køen):",
    "No webhook is set (serve --webhook URL).": "Der er ingen webhook (serve --webhook URL).", "Nothing waiting.": "Intet venter.",
    "Health": "Tilstand", "Users": "Brugere", "Devices": "Enheder", "Access": "Adgang", "Privacy": "Privatliv",
    "Sign out": "Log ud", "Sign in": "Log ind", "Admin token": "Administrator-token",
    "Sign in with an admin's token (fika-server user add NAME --role admin prints one) or an enrolment code (fika-server user enrol NAME).":
      "Log ind med en administrators token (fika-server user add NAVN --role admin udskriver en) eller en tilmeldingskode (fika-server user enrol NAVN).",
    "Admin token or enrolment code": "Administrator-token eller tilmeldingskode",
    "Status": "Status", "Version": "Version", "Schema": "Skema", "Uptime": "Oppetid",
    "Database size": "Databasens størrelse", "Records": "Poster", "Devices seen": "Enheder", "Live streams": "Åbne strømme",
    "Mail queue": "Mailkø", "Mail to sellers": "Mail til sælgere", "Digest": "Samlet", "At once": "Med det samme",
    "Waiting to be sent (sent ones leave the queue):": "Venter på at blive sendt (sendte forlader køen):",
    "No mail server is set (serve --smtp URL).": "Der er ingen mailserver (serve --smtp URL).",
    "Webhook queue": "Webhook-kø", "Feed lag": "Forsinkelse", "Last backup": "Seneste sikkerhedskopi",
    "Backups": "Sikkerhedskopier", "none yet": "ingen endnu", "not scheduled": "ikke planlagt", "failed": "mislykkedes",
    "ago": "siden", "Add a user": "Tilføj bruger", "Name": "Navn", "Role": "Rolle", "Add": "Tilføj",
    "consultant": "konsulent", "seller": "sælger", "admin": "administrator", "State": "Tilstand", "Created": "Oprettet",
    "active": "aktiv", "disabled": "deaktiveret", "Disable": "Deaktivér", "Enable": "Aktivér", "New token": "Ny token",
    "Enrolment code": "Tilmeldingskode", "Shown once: copy it now.": "Vises én gang: kopiér den nu.",
    "Token for": "Token til", "Code for": "Kode til", "Link": "Link", "Expires": "Udløber", "Done": "Færdig",
    "User": "Bruger", "Device": "Enhed", "Platform": "Platform", "App version": "App-version",
    "Last sync": "Seneste synk", "Revoke": "Tilbagekald", "Sign out device": "Log enheden ud", "Wipe": "Slet",
    "revoked": "tilbagekaldt", "wiped": "slettet", "signing out": "logges ud", "enrolled": "tilmeldt med kode",
    "user token": "brugerens token", "All users": "Alle brugere", "Consultant": "Konsulent",
    "Granted accounts": "Tildelte kunder", "Search customers by name": "Søg kunder efter navn", "Search": "Søg",
    "Grant": "Giv adgang", "Who has access": "Hvem har adgang", "No consultants yet.": "Ingen konsulenter endnu.",
    "Nothing granted.": "Ingen adgang tildelt.", "No matches.": "Ingen resultater.", "Customer": "Kunde",
    "Access log": "Adgangslog", "Show": "Vis", "Day": "Dag",
    "Who": "Hvem", "Action": "Handling", "Subject": "Vedrører", "Times": "Gange", "Export person": "Eksportér person",
    "Erase person": "Slet person", "Export": "Eksportér", "Erase": "Slet",
    "Erase this person everywhere? This cannot be undone.": "Slet personen overalt? Det kan ikke fortrydes.",
    "Wipe this device at its next sync? Its unsent changes are lost.":
      "Slet enheden ved næste synk? Det, den ikke har sendt, går tabt.",
    "Reason (optional)": "Årsag (valgfri)", "Saved": "Gemt", "Signed out": "Logget ud",
    "The session ended: sign in again.": "Sessionen er udløbet: log ind igen.", "never": "aldrig",
    "Nothing logged.": "Intet logget.", "Saved as a file": "Gemt som fil",
  },
};

let lang = localStorage.getItem("fika.lang") || (navigator.language || "en").slice(0, 2);
if (!["en", "sv", "da"].includes(lang)) lang = "en";
const t = (s) => (T[lang] && T[lang][s]) || s;

let csrf = "";
let me = null;

// An element with attributes and children (strings become text nodes).
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "text") el.textContent = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

// Appends children to an element as h() does (nulls and falses left out).
function put(el, ...children) {
  el.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}

function toast(text) {
  const el = document.getElementById("toast");
  el.textContent = text;
  el.classList.add("shown");
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => el.classList.remove("shown"), 2500);
}

class ApiError extends Error {
  constructor(status, code, message) { super(message); this.status = status; this.code = code; }
}

async function api(method, path, body) {
  const headers = {};
  if (method !== "GET") headers["X-Fika-CSRF"] = csrf;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(path, { method, headers, credentials: "same-origin",
                                  body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = (data && data.error) || {};
    if (res.status === 401 && path.startsWith("/v1/admin/")) { showSignIn(t("The session ended: sign in again.")); }
    throw new ApiError(res.status, e.code || "error", e.message || res.statusText);
  }
  return data;
}

const when = (ms) => ms ? new Date(ms).toLocaleString(lang) : t("never");
function duration(s) {
  s = Math.round(s);
  if (s < 90) return s + " s";
  if (s < 5400) return Math.round(s / 60) + " min";
  if (s < 129600) return Math.round(s / 3600) + " h";
  return Math.round(s / 86400) + " d";
}
const bytes = (n) => n < 1048576 ? (n / 1024).toFixed(0) + " KiB" : (n / 1048576).toFixed(1) + " MiB";

function card(label, value, tone) {
  return h("div", { class: "card" + (tone ? " " + tone : ""), "data-card": label },
           h("div", { class: "label", text: t(label) }), h("div", { class: "value", text: String(value) }));
}

function table(columns, rows) {
  return h("div", { class: "table-wrap" },
    h("table", {},
      h("thead", {}, h("tr", {}, columns.map((c) => h("th", { text: t(c) })))),
      h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((c, i) =>
        c instanceof Node ? c : h("td", { "data-label": t(columns[i]), text: String(c ?? "") })))))));
}

const actions = (...buttons) => h("td", { class: "actions" }, buttons);
const errorLine = (e) => h("p", { class: "error", role: "alert", text: e.message });

// What a new token or code looks like: shown once, in a box to copy from.
function secretBox(title, lines) {
  const box = h("div", { class: "secret", id: "secret", role: "alert" },
    h("strong", { text: title }), h("div", { class: "muted", text: t("Shown once: copy it now.") }),
    lines.map(([label, value]) => [h("span", { class: "muted", text: t(label) }), h("code", { "data-secret": label, text: value })]),
    h("button", { class: "quiet", onclick: () => box.remove(), text: t("Done") }));
  return box;
}

// ---- pages ------------------------------------------------------------------------------

async function healthPage(main) {
  const [health, stats] = await Promise.all([api("GET", "/healthz"), api("GET", "/v1/admin/stats")]);
  const b = health.backup;
  const backup = !b ? t("not scheduled")
    : b.last_ok_at ? duration(b.age_s) + " " + t("ago") + (b.last_ok === false ? " (" + t("failed") + ")" : "")
    : b.failures ? t("failed") : t("none yet");
  put(main, h("h1", { text: t("Health") }),
    h("div", { class: "cards" },
      card("Status", health.status, health.status === "ok" ? "good" : "bad"),
      card("Version", health.version), card("Schema", health.layout || health.schema), card("Uptime", duration(health.uptime_s)),
      card("Database size", bytes(stats.database_bytes)), card("Users", stats.users),
      card("Devices seen", stats.devices.length), card("Records", stats.records),
      card("Live streams", stats.live_connections ?? 0), card("Webhook queue", stats.webhook_queue), card("Mail queue", stats.mail_queue ?? 0),
      card("Feed lag", stats.feed_lag_s.toFixed(1) + " s"),
      card("Last backup", backup, b && (b.last_ok === false || (!b.last_ok_at && b.failures)) ? "bad" : ""),
      b ? card("Backups", b.kept) : null),
    b && b.last_error ? h("p", { class: "error", text: b.last_error }) : null);
}

async function usersPage(main) {
  const { users } = await api("GET", "/v1/admin/users");
  const out = h("div", { id: "out" });
  const name = h("input", { name: "name", required: true, maxlength: 64, autocomplete: "off", "aria-label": t("Name") });
  const role = h("select", { name: "role", "aria-label": t("Role") },
                 ["consultant", "seller", "admin"].map((r) => h("option", { value: r, text: t(r) })));
  const form = h("form", { class: "inline", id: "add-user" },
    h("label", {}, t("Name"), name), h("label", {}, t("Role"), role), h("button", { type: "submit", text: t("Add") }));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const r = await api("POST", "/v1/admin/users", { name: name.value.trim(), role: role.value });
      await render();
      document.getElementById("out").append(secretBox(t("Token for") + " " + r.user.name, [["Token", r.token]]));
    } catch (e) { out.replaceChildren(errorLine(e)); }
  });
  const act = (u, action, body) => async () => {
    try {
      const r = await api("POST", `/v1/admin/users/${encodeURIComponent(u.name)}/${action}`, body);
      await render();
      const slot = document.getElementById("out");
      if (action === "token") slot.append(secretBox(t("Token for") + " " + u.name, [["Token", r.token]]));
      if (action === "enrol") slot.append(secretBox(t("Code for") + " " + u.name,
        [["Enrolment code", r.code], ["Link", r.link], ["Expires", when(r.expires_ms)]]));
      if (action === "disable" || action === "enable") toast(t("Saved"));
    } catch (e) { document.getElementById("out").replaceChildren(errorLine(e)); }
  };
  put(main, h("h1", { text: t("Users") }),
    h("div", { class: "panel" }, h("h2", { text: t("Add a user") }), form), out,
    table(["Name", "Role", "State", "Created", ""], users.map((u) => [
      u.name, t(u.role), u.disabled ? t("disabled") : t("active"), when(u.created_ms),
      actions(
        h("button", { class: "quiet", "data-user": u.name, "data-action": u.disabled ? "enable" : "disable",
                      onclick: act(u, u.disabled ? "enable" : "disable"), text: t(u.disabled ? "Enable" : "Disable") }),
        h("button", { class: "quiet", "data-user": u.name, "data-action": "token", onclick: act(u, "token", {}),
                      text: t("New token") }),
        h("button", { class: "quiet", "data-user": u.name, "data-action": "enrol", onclick: act(u, "enrol", {}),
                      disabled: u.disabled, text: t("Enrolment code") }),
        h("a", { href: "#/devices?user=" + encodeURIComponent(u.name), text: t("Devices") })),
    ])));
}

function deviceState(d) {
  if (d.wiped_ms) return t("wiped");
  if (d.revoked_ms) return t("revoked");
  if (d.signout_ms) return t("signing out");
  return d.enrolled_ms ? t("enrolled") : t("user token");
}

async function devicesPage(main, params) {
  const [{ users }, { devices }] = await Promise.all([
    api("GET", "/v1/admin/users"),
    api("GET", "/v1/admin/devices" + (params.get("user") ? "?user=" + encodeURIComponent(params.get("user")) : ""))]);
  const pick = h("select", { id: "device-user", "aria-label": t("User") },
    h("option", { value: "", text: t("All users") }),
    users.map((u) => h("option", { value: u.name, selected: u.name === params.get("user"), text: u.name })));
  pick.addEventListener("change", () => { location.hash = "#/devices" + (pick.value ? "?user=" + encodeURIComponent(pick.value) : ""); });
  const out = h("div", { id: "out" });
  const act = (d, action) => async () => {
    let body;
    if (action === "wipe") {
      if (!confirm(t("Wipe this device at its next sync? Its unsent changes are lost."))) return;
      body = { reason: prompt(t("Reason (optional)")) || "" };
    }
    try { await api("POST", `/v1/admin/devices/${encodeURIComponent(d.site)}/${action}`, body); toast(t("Saved")); await render(); }
    catch (e) { out.replaceChildren(errorLine(e)); }
  };
  put(main, h("h1", { text: t("Devices") }), h("div", { class: "panel" }, h("label", {}, t("User"), pick)), out,
    table(["Device", "User", "Name", "Platform", "App version", "Last sync", "State", ""], devices.map((d) => [
      d.site, d.user, d.name, d.platform, d.app_version, when(d.last_sync_ms), deviceState(d),
      actions(
        d.enrolled_ms && !d.revoked_ms ? h("button", { class: "quiet", "data-action": "revoke", onclick: act(d, "revoke"), text: t("Revoke") }) : null,
        !d.wiped_ms && !d.signout_ms ? h("button", { class: "quiet", "data-action": "signout", onclick: act(d, "signout"), text: t("Sign out device") }) : null,
        !d.wiped_ms ? h("button", { class: "danger", "data-action": "wipe", onclick: act(d, "wipe"), text: t("Wipe") }) : null),
    ])));
}

async function accessPage(main, params) {
  const { users } = await api("GET", "/v1/admin/users");
  const consultants = users.filter((u) => u.role === "consultant");
  put(main, h("h1", { text: t("Access") }));
  if (!consultants.length) { put(main, h("p", { class: "muted", text: t("No consultants yet.") })); return; }
  const who = params.get("user") && consultants.some((u) => u.name === params.get("user")) ? params.get("user") : consultants[0].name;
  const pick = h("select", { id: "access-user", "aria-label": t("Consultant") },
    consultants.map((u) => h("option", { value: u.name, selected: u.name === who, text: u.name })));
  pick.addEventListener("change", () => { location.hash = "#/access?user=" + encodeURIComponent(pick.value); });
  const q = h("input", { id: "account-search", type: "search", value: params.get("q") || "", "aria-label": t("Search customers by name") });
  const search = h("form", { class: "inline", id: "search-form" }, h("label", {}, t("Search customers by name"), q),
                   h("button", { type: "submit", text: t("Search") }));
  search.addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.hash = "#/access?user=" + encodeURIComponent(who) + "&q=" + encodeURIComponent(q.value);
  });
  const out = h("div", { id: "out" });
  const change = (action, account) => async () => {
    try { await api("POST", "/v1/admin/access/" + action, { user: who, account }); toast(t("Saved")); await render(); }
    catch (e) { out.replaceChildren(errorLine(e)); }
  };
  const [granted, found] = await Promise.all([
    api("GET", "/v1/admin/access?user=" + encodeURIComponent(who)),
    api("GET", "/v1/admin/accounts?q=" + encodeURIComponent(q.value))]);
  const has = new Set(granted.accounts.map((a) => a.id));
  put(main, h("div", { class: "panel" }, h("label", {}, t("Consultant"), pick)), out,
    h("h2", { text: t("Granted accounts") }),
    granted.accounts.length ? table(["Customer", ""], granted.accounts.map((a) => [a.name || a.id,
      actions(h("button", { class: "quiet", "data-account": a.id, "data-action": "revoke", onclick: change("revoke", a.id), text: t("Revoke") }))]))
      : h("p", { class: "muted", text: t("Nothing granted.") }),
    h("h2", { text: t("Search customers by name") }), search,
    found.accounts.length ? table(["Customer", "Who has access", ""], found.accounts.map((a) => [a.name, a.granted.join(", "),
      actions(h("button", { "data-account": a.id, "data-action": "grant", disabled: has.has(a.id), onclick: change("grant", a.id), text: t("Grant") }))]))
      : h("p", { class: "muted", text: t("No matches.") }));
}

async function privacyPage(main, params) {
  const q = params.get("q") || "", person = params.get("person") || "";
  const [log, found] = await Promise.all([
    api("GET", "/v1/admin/access-log" + (person ? "?person=" + encodeURIComponent(person) : "")),
    q ? api("GET", "/v1/admin/people?q=" + encodeURIComponent(q)) : Promise.resolve({ people: [] })]);
  const box = h("input", { id: "person-search", type: "search", value: q, autocomplete: "off", "aria-label": t("Search people by name") });
  const form = h("form", { class: "inline", id: "people-form" }, h("label", {}, t("Search people by name"), box),
                 h("button", { type: "submit", text: t("Search") }));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); location.hash = "#/privacy?q=" + encodeURIComponent(box.value.trim()); });
  const out = h("div", { id: "out" });
  const exportPerson = (p) => async () => {
    try {
      const doc = await api("GET", "/v1/admin/people/" + encodeURIComponent(p.id));
      const blob = new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" });
      const a = h("a", { href: URL.createObjectURL(blob), download: "person-" + p.id + ".json" });
      document.body.append(a); a.click(); a.remove();
      out.replaceChildren(h("pre", { class: "json", id: "export-json", text: JSON.stringify(doc, null, 2) }));
      toast(t("Saved as a file"));
    } catch (e) { out.replaceChildren(errorLine(e)); }
  };
  const erasePerson = (p) => async () => {
    if (!confirm(t("Erase this person everywhere? This cannot be undone.") + "\n\n" + p.name + " (" + p.account.name + ")")) return;
    try { await api("POST", "/v1/admin/people/" + encodeURIComponent(p.id) + "/erase", {}); toast(t("Saved")); await render(); }
    catch (e) { out.replaceChildren(errorLine(e)); }
  };
  const chosen = found.people.find((p) => p.id === person);
  put(main, h("h1", { text: t("Privacy") }), h("div", { class: "panel" }, form),
    q ? (found.people.length ? table(["Name", "Customer", ""], found.people.map((p) => [p.name, p.account.name, actions(
      h("button", { class: "quiet", "data-person": p.id, "data-action": "log",
                    onclick: () => { location.hash = "#/privacy?q=" + encodeURIComponent(q) + "&person=" + encodeURIComponent(p.id); },
                    text: t("Access log") }),
      h("button", { class: "quiet", "data-person": p.id, "data-action": "export", onclick: exportPerson(p), text: t("Export") }),
      h("button", { class: "danger", "data-person": p.id, "data-action": "erase", onclick: erasePerson(p), text: t("Erase") }))]))
      : h("p", { class: "muted", text: t("No matches.") })) : null,
    out,
    h("h2", { text: t("Access log") + (person ? ": " + (chosen ? chosen.name : person) : "") }),
    log.entries.length ? table(["Day", "Who", "Action", "Subject", "Times"], log.entries.map((e) => [e.day, e.who, t(e.action), e.subject_name ? h("td", { "data-label": t("Subject"), title: e.subject, text: e.subject_name }) : e.subject, e.times]))
      : h("p", { class: "muted", text: t("Nothing logged.") }));
}

// What a notification or a webhook delivery is about, in one line.
function about(p) {
  if (!p) return "";
  const what = p.case ? p.case.title : p.activity ? p.activity.type : p.account ? p.account.name : "";
  return [what, p.account && p.case ? p.account.name : "", p.found_by ? "(" + p.found_by.name + ")" : ""].filter(Boolean).join(" · ");
}

async function notificationsPage(main) {
  const [{ notifications }, hooks, mail] = await Promise.all([api("GET", "/v1/admin/notifications"), api("GET", "/v1/admin/webhooks"),
                                                             api("GET", "/v1/admin/mail")]);
  put(main, h("h1", { text: t("Notifications") }),
    notifications.length ? table(["Sent", "To", "Kind", "About", "Flags", "State"], notifications.map((n) => [
      when(n.created_ms), n.user, t((n.payload && n.payload.kind) || ""), about(n.payload),
      ((n.payload && n.payload.flags) || []).join(", "), n.read ? t("read") : t("unread")]))
      : h("p", { class: "muted", text: t("No notifications yet.") }),
    h("h2", { text: t("Webhook deliveries") }),
    h("p", { class: "muted", id: "webhook-state", text: hooks.configured ? t("Waiting to be delivered (delivered ones leave the queue):")
                                                                      : t("No webhook is set (serve --webhook URL).") }),
    hooks.queue.length ? table(["About", "Attempts", "Next attempt", "Last error"], hooks.queue.map((w) => [
      about(w.payload), w.attempts, when(w.next_at_ms),
      h("td", { "data-label": t("Last error"), class: w.last_error ? "state-off" : "", text: w.last_error || "-" })]))
      : h("p", { class: "muted", text: t("Nothing waiting.") }),
    h("h2", { text: t("Mail to sellers") }),
    h("p", { class: "muted", id: "mail-state", text: mail.configured ? t("Waiting to be sent (sent ones leave the queue):")
                                                                    : t("No mail server is set (serve --smtp URL).") }),
    mail.queue.length ? table(["To", "About", "Kind", "Attempts", "Next attempt", "Last error"], mail.queue.map((m) => [
      m.user, about(m.payload), m.digest ? t("Digest") : t("At once"), m.attempts, when(m.next_at_ms),
      h("td", { "data-label": t("Last error"), class: m.last_error ? "state-off" : "", text: m.last_error || "-" })]))
      : h("p", { class: "muted", text: t("Nothing waiting.") }));
}

const pages = { health: healthPage, users: usersPage, devices: devicesPage, access: accessPage, privacy: privacyPage,
                notifications: notificationsPage };

// ---- the frame ---------------------------------------------------------------------------

function translateFrame() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
  document.getElementById("lang").value = lang;
}

function showSignIn(message) {
  me = null;
  csrf = "";
  document.getElementById("nav").hidden = true;
  document.getElementById("signout").hidden = true;
  document.getElementById("who").textContent = "";
  const token = h("input", { id: "token", type: "password", autocomplete: "current-password", required: true,
                             "aria-label": t("Admin token or enrolment code") });
  const err = h("div", { id: "signin-error" });
  const form = h("form", { id: "signin" }, h("label", {}, t("Admin token or enrolment code"), token), h("button", { type: "submit", text: t("Sign in") }), err);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      // An enrolment code (XXXX-XXXX-XXXX) or a token.
      const v = token.value.trim();
      const s = await api("POST", "/admin/session", /^[a-z0-9]{4}-?[a-z0-9]{4}-?[a-z0-9]{4}$/i.test(v) ? { code: v } : { token: v });
      token.value = "";
      signedIn(s);
      if (!location.hash || location.hash === "#/") location.hash = "#/health"; else render();
    } catch (e) { err.replaceChildren(errorLine(e)); }
  });
  document.getElementById("main").replaceChildren(h("div", { class: "signin panel" },
    h("h1", { text: t("Sign in") }), h("p", { class: "muted", text: t("Sign in with an admin's token (fika-server user add NAME --role admin prints one) or an enrolment code (fika-server user enrol NAME).") }),
    message ? h("p", { class: "error", text: message }) : null, form));
  token.focus();
}

function signedIn(s) {
  me = s.user;
  csrf = s.csrf;
  document.getElementById("nav").hidden = false;
  document.getElementById("signout").hidden = false;
  document.getElementById("who").textContent = me.name;
}

async function render() {
  if (!me) return;
  const [name, query] = (location.hash.replace(/^#\/?/, "") || "health").split("?");
  const page = pages[name] ? name : "health";
  for (const a of document.querySelectorAll("#nav a")) {
    if (a.dataset.page === page) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  const main = h("div", { id: "page", "data-page": page, "data-hash": location.hash });
  try {
    await pages[page](main, new URLSearchParams(query || ""));
  } catch (e) {
    if (!me) return;  // signed out meanwhile: the sign-in form is showing
    put(main, errorLine(e));
  }
  document.title = t(page.charAt(0).toUpperCase() + page.slice(1)) + " - Fika";
  document.getElementById("main").replaceChildren(main);
}

async function start() {
  translateFrame();
  document.getElementById("lang").addEventListener("change", (ev) => {
    lang = ev.target.value;
    localStorage.setItem("fika.lang", lang);
    translateFrame();
    if (me) render(); else showSignIn();
  });
  document.getElementById("signout").addEventListener("click", async () => {
    await api("POST", "/admin/session/end").catch(() => {});
    showSignIn(t("Signed out"));
  });
  window.addEventListener("hashchange", render);
  try {
    const s = await api("GET", "/admin/session");
    if (!s.user) return showSignIn();
    signedIn(s);
    render();
  } catch (e) {
    showSignIn(e.message);
  }
}

start();
