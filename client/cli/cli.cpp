// fika-cli: everything the app does, from a shell or a script. main.cpp calls run_cli().
#include "cli.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include <termios.h>
#include <unistd.h>

#include "attach.h"
#include "calendar.h"
#include "content_transfer.h"
#include "csv.h"
#include "duplicates.h"
#include "enrolment.h"
#include "export.h"
#include "records.h"
#include "rules.h"
#include "reports.h"
#include "store.h"
#include "sync_client.h"
#include "vault.h"

namespace fika::cli {

using json = nlohmann::json;
using sync::Code;

namespace {

const char* kUsage = R"(fika-cli — Fika from the command line (works offline; syncs when asked)

Usage: fika-cli [--db FILE] [--json] COMMAND [ARGS...]

  enrol LINK | enrol URL CODE    sign this device in with an enrolment code from your admin
                                 (or from your other device): the fika://enrol link, or the
                                 server's URL and the code (XXXX-XXXX-XXXX); the device's own
                                 token goes to the vault (encrypted database) or the database
  devices [--new-code] [--json]  your devices as the server knows them; --new-code: a code
                                 (15 minutes, single use) to sign in another device of yours
  connect URL TOKEN              remember the server and your user's token (before devices
                                 had codes; kept in the vault, or the database)
  add KIND --FIELD VALUE ...     create a record; prints its id
                                 KIND: account, contact, case, activity, note, follow-up,
                                 contact-plan, programme, talking-point
                                 e.g. add case --account ID --title "Data platform" --value 135000
                                      add activity --type conversation --account ID --note "coffee with Eva"
                                 --account, --contact, --case stand for account_id, contact_id, case_id
  set KIND ID FIELD=VALUE ...    change fields (FIELD= clears one); a case's stage=
                                 moves it as `move` does
  move CASE_ID STAGE [--reason TEXT]
                                 move a case through the pipeline: its stage change and
                                 (offer, won, lost) funnel activity are written with it
  delete KIND ID                 mark deleted (restore undoes it)
  restore KIND ID
  list KIND [--all] [--account ID] [--json]
                                 records of a kind (--all includes deleted ones)
  show KIND ID [--json]          one record with every field
  attach KIND ID FILE [--name NAME] [--limit-mb N]
                                 attach a file (a photo, a PDF) to an account, contact,
                                 case, activity or note; kept here at once, sent at the
                                 next sync (default limit 25 MB); prints its id
  attachments KIND ID [--all] [--json]
                                 a record's attachments: name, size, whether this device
                                 holds the content, whether it is on the server yet
  fetch ATTACHMENT_ID FILE       write an attachment's content to FILE, downloading it
                                 first when this device does not hold it
  resend ATTACHMENT_ID           send a file the server refused (over its limit or quota)
                                 again at the next sync
  sync [--json]                  push and pull until in step, then send attachments'
                                 content; exit 0 only when fully in sync
  status [--json]                server, user, last sync, changes waiting, conflicts, refused
  watch                          stay connected: sync whenever the server says so, print
                                 notifications as they arrive (Ctrl-C stops)
  conflicts [--all] [--json]     your values that lost to someone else's concurrent edit
  resolve N mine|theirs          re-apply your value, or keep theirs
  refused [--json]               your changes the server refused, with its reason
  retry N | dismiss N            send a refused change again, or drop it
  notifications [--unread] [--json]
                                 a seller's notifications (from the server)
  notifications read [N ... | --all]
  mail [--address A] [--mode instant|daily|none] [--hour H] [--lang en|sv|da] [--json]
                                 how you hear of notifications by e-mail: at once, a
                                 daily digest at H o'clock your time, or none (kept on
                                 the server; with no option, shows it)
  funnel [--from DATE] [--to DATE] [--user NAME] [--by-user] [--json]
                                 conversations, meetings, phone meetings, offers, won,
                                 lost, won value and conversion rates
  pipeline [--json]              live cases per stage: how many, their value and weighted
                                 value (by probability) per currency, and the open total
  roi [--json]                   each programme's return: its cost against the pipeline
                                 found in its period (cases captured then) and the
                                 earnings expected (won + open weighted by probability)
  export csv DIR                 accounts, contacts, cases, activities as CSV files
  export ical FILE               follow-ups as iCalendar to-dos (FILE - : standard output)
  export vcard CONTACT_ID FILE   a person as a vCard (FILE - : standard output)
  import csv FILE [--kind KIND]  create or update records from a CSV file; bad rows are
                                 reported by line number, good rows kept
  duplicates [--account ID] [--json]
                                 customers and people that are likely the same (same
                                 organisation number, e-mail or phone; similar name)
  merge contact KEEP_ID DROP_ID  merge two people at one customer: everything naming DROP
                                 moves to KEEP, KEEP gets DROP's details it lacks, DROP is
                                 deleted
  person export CONTACT_ID FILE  everything held about a person as JSON (a data-subject
                                 access request; FILE - : standard output)
  person erase CONTACT_ID --yes  erase a person: their name, contact details and the words
                                 of conversations, notes and follow-ups about them are
                                 cleared on every device at the next sync; cannot be undone
  protect                        encrypt the database at rest with a passphrase; its key
                                 and the server token move to a vault beside it (FILE.vault)
  passphrase                     change the passphrase of an encrypted database
  rekey                          re-encrypt the database with a new key
  signout [--discard-unsent]     send every change, then delete this device's data and token
                                 (refused while changes cannot be sent, unless told to lose them)

A device an admin wiped (fika-server device wipe) deletes its data at its next sync
without sending anything.

An encrypted database asks for its passphrase ($FIKA_PASSPHRASE, else on the terminal);
protect and passphrase ask for the new one twice ($FIKA_NEW_PASSPHRASE, else the terminal).

Options:
  --db FILE    the local database (default $FIKA_DB, else ~/.local/share/fika/fika.db)
  --json       machine-readable output
  --help       this text
  --version    the version

Exit status: 0 success; 1 error; 2 usage; 3 not fully in sync (sync).
)";

struct Args {
    std::vector<std::string> pos;
    std::map<std::string, std::string> opts;  // --name value
    std::set<std::string> flags;               // --name
};

constexpr int kOk = 0, kError = 1, kUsageError = 2, kNotInSync = 3;

struct Ctx {
    std::string db_path;
    bool json = false;
    std::optional<client::Vault> vault;  // an encrypted database's: its key and the token
    std::unique_ptr<sync::Store> store;
    std::FILE* out = stdout;
};

int error(const std::string& msg) {
    std::fprintf(stderr, "fika-cli: %s\n", msg.c_str());
    return kError;
}

int usage(const std::string& msg) {
    std::fprintf(stderr, "fika-cli: %s\n(see fika-cli --help)\n", msg.c_str());
    return kUsageError;
}

std::string default_db() {
    if (const char* d = std::getenv("FIKA_DB"); d && *d) return d;
    if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.local/share/fika/fika.db";
    return "fika.db";
}

std::string meta(Ctx& c, const std::string& key) {
    auto v = c.store->meta(key);
    return v.ok() && *v ? **v : "";
}

std::string when(std::uint64_t ms) {
    if (!ms) return "never";
    std::time_t t = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

std::string name_of(Ctx& c, const char* table, const sync::Value& id) {
    if (!std::holds_alternative<std::string>(id)) return "";
    auto r = c.store->get(table, std::get<std::string>(id));
    return r.ok() ? sync::to_display((*r)["name"]) : std::get<std::string>(id);
}

void print_json(Ctx& c, const json& j) { std::fprintf(c.out, "%s\n", j.dump(2).c_str()); }

std::optional<client::ServerConfig> server_config(Ctx& c) {
    std::string url = meta(c, "server_url");
    std::string token = c.vault ? c.vault->secrets().token : meta(c, "server_token");
    if (url.empty() || token.empty()) return std::nullopt;
    client::ServerConfig cfg;
    cfg.url = url;
    cfg.token = token;
    cfg.user_agent = client::user_agent("fika-cli");
    return cfg;
}

int no_server() { return error("no server configured: run 'fika-cli enrol LINK' (or 'connect URL TOKEN') first"); }

// Fills user_id / user_name / user_role from GET /v1/me when not known yet.
void learn_identity(Ctx& c, client::SyncClient& sc) {
    if (!meta(c, "user_id").empty()) return;
    auto me = sc.get("/v1/me");
    if (!me.ok()) return;
    json j = json::parse(*me.value, nullptr, false);
    if (!j.is_object()) return;
    (void)c.store->set_meta("user_id", j.value("id", ""));
    (void)c.store->set_meta("user_name", j.value("name", ""));
    (void)c.store->set_meta("user_role", j.value("role", ""));
}

// Keeps the server and this device's token, in the vault when there is one.
bool save_server(Ctx& c, const std::string& url, const std::string& token) {
    for (const char* k : {"user_id", "user_name", "user_role"}) (void)c.store->set_meta(k, "");
    bool saved = c.store->set_meta("server_url", url).ok();
    if (c.vault) {
        c.vault->secrets().token = token;
        return saved && c.vault->save().ok();
    }
    return saved && c.store->set_meta("server_token", token).ok();
}

// --- commands --------------------------------------------------------------------------------

int cmd_connect(Ctx& c, const Args& a) {
    if (a.pos.size() != 3) return usage("connect URL TOKEN");
    const std::string& url = a.pos[1];
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) return usage("the URL starts with http:// or https://");
    if (!save_server(c, url, a.pos[2])) return error("cannot save the server in " + c.db_path);
    client::SyncClient sc(*c.store, *server_config(c));
    auto me = sc.get("/v1/me");
    if (!me.ok()) {
        if (me.failure->kind == client::Failure::Kind::Permanent)
            return error("the server refused the token: " + me.failure->message);
        std::fprintf(c.out, "saved %s; the server cannot be reached now (%s) — work on, sync later\n", url.c_str(),
                     me.failure->message.c_str());
        return kOk;
    }
    learn_identity(c, sc);
    std::fprintf(c.out, "connected to %s as %s (%s)\n", url.c_str(), meta(c, "user_name").c_str(),
                 meta(c, "user_role").c_str());
    return kOk;
}

int cmd_enrol(Ctx& c, const Args& a) {
    const char* form = "enrol fika://enrol?server=...&code=... | enrol URL CODE";
    std::string url, code;
    if (a.pos.size() == 2) {
        auto link = sync::parse_enrol_link(a.pos[1]);
        if (!link) return usage(std::string("not an enrolment link: ") + form);
        url = link->server;
        code = link->code;
    } else if (a.pos.size() == 3) {
        url = a.pos[1];
        code = a.pos[2];
        if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
            return usage("the URL starts with http:// or https://");
        if (!sync::normal_enrol_code(code)) return usage("a code has 12 letters and digits: XXXX-XXXX-XXXX");
    } else {
        return usage(form);
    }
    client::ServerConfig cfg;
    cfg.url = url;
    cfg.user_agent = client::user_agent("fika-cli");
    auto got = client::enrol(cfg, code, c.store->site(), client::this_device());
    if (!got.ok()) {
        if (got.failure->status == 401) return error("the server does not know this code, or it was used or has expired: ask for a new one");
        return error("enrolment failed: " + got.failure->message);
    }
    // Changes waiting here go out under this device's user: not someone else's.
    std::string before = meta(c, "user_id");
    if (!before.empty() && before != got.value->user_id && c.store->pending_count() > 0)
        return error("this code is " + got.value->user_name + "'s, but changes by " + meta(c, "user_name") +
                     " are waiting on this device: ask your admin to revoke it and give a code for " + meta(c, "user_name"));
    if (!save_server(c, url, got.value->token)) return error("cannot save the server in " + c.db_path);
    (void)c.store->set_meta("user_id", got.value->user_id);
    (void)c.store->set_meta("user_name", got.value->user_name);
    (void)c.store->set_meta("user_role", got.value->role);
    if (c.json) {
        print_json(c, json{{"server", url}, {"user", got.value->user_name}, {"role", got.value->role},
                           {"site", sync::site_to_string(c.store->site())}});
        return kOk;
    }
    std::fprintf(c.out, "this device (%s) is signed in to %s as %s (%s)\n", sync::site_to_string(c.store->site()).c_str(),
                 url.c_str(), got.value->user_name.c_str(), got.value->role.c_str());
    return kOk;
}

int cmd_devices(Ctx& c, const Args& a) {
    auto cfg = server_config(c);
    if (!cfg) return no_server();
    client::SyncClient sc(*c.store, *cfg);
    if (a.flags.count("new-code")) {
        auto r = sc.post("/v1/enrol/codes", "{}");
        if (!r.ok()) return error("no code: " + r.failure->message);
        json j = json::parse(*r.value, nullptr, false);
        if (!j.is_object() || !j.contains("code")) return error("the server's answer is not a code");
        // The link names the server as this device reaches it.
        j["link"] = sync::enrol_link(cfg->url, j.value("code", ""));
        if (c.json) {
            print_json(c, j);
            return kOk;
        }
        std::fprintf(c.out, "enter this code on your other device within 15 minutes (once):\n\n    %s\n\nlink: %s\n",
                     j.value("code", "").c_str(), j.value("link", "").c_str());
        return kOk;
    }
    auto r = sc.get("/v1/devices");
    if (!r.ok()) return error("cannot list devices: " + r.failure->message);
    json j = json::parse(*r.value, nullptr, false);
    if (!j.is_object() || !j.contains("devices") || !j["devices"].is_array()) return error("the server's answer is not a list");
    if (c.json) {
        print_json(c, j);
        return kOk;
    }
    for (const auto& d : j["devices"]) {
        std::string state = d.value("wiped_ms", 0ull) ? "wiped" : d.value("revoked_ms", 0ull) ? "signed out" : "";
        std::fprintf(c.out, "%s%-16s %-20s %-8s %-8s last sync %s%s\n", d.value("this_device", false) ? "* " : "  ",
                     d.value("site", "").c_str(), d.value("name", "").substr(0, 20).c_str(),
                     d.value("platform", "").substr(0, 8).c_str(), d.value("app_version", "").substr(0, 8).c_str(),
                     when(d.value("last_sync_ms", 0ull)).c_str(), state.empty() ? "" : ("  (" + state + ")").c_str());
    }
    return kOk;
}

// Who acts: this device's user, now.
rules::Actor actor(Ctx& c) {
    auto v = c.store->meta("user_id");
    return rules::Actor{v.ok() && *v ? **v : std::string(), c.store->now_ms()};
}

// --flag value pairs to fields; the rules' defaults for a new record added.
sync::Result<sync::Fields> fields_from_opts(Ctx& c, const sync::TableDef& t, const std::map<std::string, std::string>& opts) {
    sync::Fields f;
    for (auto& [k, v] : opts) {
        if (k == "id") {
            f.emplace_back("id", sync::text(v));
            continue;
        }
        std::string name = client::field_for(t, k);
        if (name.empty()) return sync::Error{Code::Invalid, t.name + " has no field '" + k + "'"};
        auto val = client::parse_value(t, *t.field(name), v);
        if (!val.ok()) return val.error();
        f.emplace_back(name, *val);
    }
    rules::defaults_on_create(t, f, actor(c));
    if (!client::period_ok(f)) return sync::Error{Code::Invalid, "the period ends before it starts"};
    return f;
}

int cmd_add(Ctx& c, const Args& a) {
    if (a.pos.size() != 2) return usage("add KIND --FIELD VALUE ...");
    const sync::TableDef* t = client::table_for(a.pos[1]);
    if (!t) return usage("unknown kind '" + a.pos[1] + "'");
    auto fields = fields_from_opts(c, *t, a.opts);
    if (!fields.ok()) return error(fields.error().message);
    if (t->name == "notes" && a.flags.count("template")) rules::as_needs_analysis(*fields);
    auto id = c.store->create(t->name, *fields);
    if (!id.ok()) return error(id.error().message);
    if (c.json) print_json(c, {{"id", *id}});
    else std::fprintf(c.out, "%s\n", id->c_str());
    return kOk;
}


int cmd_set(Ctx& c, const Args& a) {
    if (a.pos.size() < 4) return usage("set KIND ID FIELD=VALUE ...");
    const sync::TableDef* t = client::table_for(a.pos[1]);
    if (!t) return usage("unknown kind '" + a.pos[1] + "'");
    sync::Fields f;
    for (std::size_t i = 3; i < a.pos.size(); ++i) {
        auto eq = a.pos[i].find('=');
        if (eq == std::string::npos) return usage("expected FIELD=VALUE, got '" + a.pos[i] + "'");
        std::string name = client::field_for(*t, a.pos[i].substr(0, eq));
        if (name.empty()) return error(t->name + " has no field '" + a.pos[i].substr(0, eq) + "'");
        auto v = client::parse_value(*t, *t->field(name), a.pos[i].substr(eq + 1));
        if (!v.ok()) return error(v.error().message);
        f.emplace_back(name, *v);
    }
    if (!client::period_ok(f)) return error("the period ends before it starts");
    // A case's stage moves by the product's rule, as in the app: its stage change and
    // funnel activity come with it; the other fields as given (rules::update_case).
    auto st = t->name == "cases" ? rules::update_case(*c.store, a.pos[2], std::move(f), actor(c))
                                 : c.store->update(t->name, a.pos[2], std::move(f));
    if (!st.ok()) return error(st.error().message);
    return kOk;
}

// move CASE_ID STAGE [--reason TEXT]: the pipeline's move, with its stage change and activity.
int cmd_move(Ctx& c, const Args& a) {
    if (a.pos.size() != 3) return usage("move CASE_ID STAGE [--reason TEXT]");
    auto moved = rules::move_stage(*c.store, a.pos[1], a.pos[2], a.opts.count("reason") ? a.opts.at("reason") : "", actor(c));
    if (!moved.ok()) return error(moved.error().message);
    if (!*moved) std::fprintf(c.out, "already %s\n", a.pos[2].c_str());
    return kOk;
}

int cmd_delete(Ctx& c, const Args& a, bool restore) {
    if (a.pos.size() != 3) return usage(std::string(restore ? "restore" : "delete") + " KIND ID");
    const sync::TableDef* t = client::table_for(a.pos[1]);
    if (!t) return usage("unknown kind '" + a.pos[1] + "'");
    auto st = restore ? c.store->restore(t->name, a.pos[2]) : c.store->remove(t->name, a.pos[2]);
    if (!st.ok()) return error(st.error().message);
    return kOk;
}

// A few columns that say what a record is, per kind.
std::vector<std::string> summary_fields(const sync::TableDef& t) {
    static const std::map<std::string, std::vector<std::string>> m = {
        {"accounts", {"name", "policy", "industry", "competitor_group"}},
        {"contacts", {"name", "title", "role", "account_id"}},
        {"cases", {"title", "stage", "value", "currency", "account_id"}},
        {"activities", {"date", "type", "direction", "account_id", "note"}},
        {"notes", {"kind", "account_id", "body"}},
        {"follow_ups", {"due", "status", "summary"}},
        {"contact_plans", {"planned_by", "status", "consultant", "contact_id"}},
        {"programmes", {"name", "cost", "currency", "period_start", "period_end"}},
        {"talking_points", {"style", "language", "body"}},
        {"users", {"name", "role", "style", "weekly_target"}},
        {"stage_changes", {"at", "from_stage", "to_stage", "case_id"}},
    };
    auto it = m.find(t.name);
    return it == m.end() ? std::vector<std::string>{} : it->second;
}

int cmd_list(Ctx& c, const Args& a) {
    if (a.pos.size() != 2) return usage("list KIND");
    const sync::TableDef* t = client::table_for(a.pos[1]);
    if (!t) return usage("unknown kind '" + a.pos[1] + "'");
    auto rows = c.store->all(t->name);
    if (!rows.ok()) return error(rows.error().message);
    bool all = a.flags.count("all");
    std::string account = a.opts.count("account") ? a.opts.at("account") : "";
    std::vector<const sync::Record*> shown;
    for (const sync::Record& r : *rows) {
        if (!all && r.deleted()) continue;
        if (!account.empty() && sync::Store::bucket_of(*t, r.id, r.values) != account) continue;
        shown.push_back(&r);
    }
    if (c.json) {
        json arr = json::array();
        for (auto* r : shown) arr.push_back(json::parse(sync::record_json(*r)));
        print_json(c, arr);
        return kOk;
    }
    std::vector<std::string> cols = summary_fields(*t);
    std::fprintf(c.out, "%-36s", "ID");
    for (auto& col : cols) std::fprintf(c.out, "  %-18s", col == "account_id" ? "ACCOUNT" : col.c_str());
    std::fprintf(c.out, "\n");
    for (auto* r : shown) {
        std::fprintf(c.out, "%-36s", r->id.c_str());
        for (auto& col : cols) {
            std::string v = col == "account_id" ? name_of(c, "accounts", (*r)[col])
                                                : client::format_value(*t->field(col), (*r)[col]);
            std::replace(v.begin(), v.end(), '\n', ' ');
            if (v.size() > 18) v = v.substr(0, 17) + "…";
            std::fprintf(c.out, "  %-18s", v.c_str());
        }
        if (r->deleted()) std::fprintf(c.out, "  (deleted)");
        std::fprintf(c.out, "\n");
    }
    return kOk;
}

int cmd_show(Ctx& c, const Args& a) {
    if (a.pos.size() != 3) return usage("show KIND ID");
    const sync::TableDef* t = client::table_for(a.pos[1]);
    if (!t) return usage("unknown kind '" + a.pos[1] + "'");
    auto r = c.store->get(t->name, a.pos[2]);
    if (!r.ok()) return error(r.error().message);
    if (c.json) {
        print_json(c, json::parse(sync::record_json(*r)));
        return kOk;
    }
    std::fprintf(c.out, "%-18s %s\n", "id", r->id.c_str());
    for (std::size_t i = 0; i < t->fields.size(); ++i)
        std::fprintf(c.out, "%-18s %s\n", t->fields[i].name.c_str(), client::format_value(t->fields[i], r->values[i]).c_str());
    return kOk;
}

// Deletes this device's copy: the database, its WAL and journal, and its vault.
void delete_local_data(Ctx& c) {
    c.store.reset();
    c.vault.reset();
    client::delete_device_files(c.db_path);
}

// The server says an admin wiped this device: its data goes at once, nothing is sent.
int wiped(Ctx& c, const client::Failure& f) {
    delete_local_data(c);
    return error("this device was wiped (" + f.message + "): its data is deleted; " + c.db_path + " is gone");
}

// A progress line on a terminal (stderr): records sent or received of the total and the
// time left, rewritten in place at most 10 times a second and cleared at the end. Nothing
// when stderr is not a terminal (piped, a script, --json).
class ProgressLine {
public:
    explicit ProgressLine(bool on) : on_(on) {}
    ~ProgressLine() { finish(); }
    void finish() {
        if (shown_) std::fputs("\r\033[K", stderr);
        shown_ = on_ = false;
    }
    void operator()(const client::SyncProgress& p) {
        if (!on_ || p.total < 200 || !pace_.due(p)) return;  // a quick sync needs no line
        shown_ = true;
        const bool up = p.phase == client::SyncProgress::Phase::Upload;
        std::string left = p.seconds_left < 3 ? std::string() : ", about " + duration(p.seconds_left) + " left";
        std::fprintf(stderr, "\r\033[K%s %zu of %zu records (%zu%%)%s", up ? "sending" : "receiving", p.done, p.total,
                     p.total ? p.done * 100 / p.total : 100, left.c_str());
        std::fflush(stderr);
    }

private:
    static std::string duration(double s) {
        if (s < 60) return std::to_string(static_cast<int>(s + 0.5)) + " s";
        return std::to_string(static_cast<int>(s / 60)) + " min " + std::to_string(static_cast<int>(s) % 60) + " s";
    }
    bool on_, shown_ = false;
    client::ProgressPace pace_;
};

int cmd_sync(Ctx& c) {
    auto cfg = server_config(c);
    if (!cfg) return no_server();
    client::SyncClient sc(*c.store, *cfg);
    learn_identity(c, sc);
    ProgressLine line(!c.json && isatty(fileno(stderr)));
    sc.on_progress([&line](const client::SyncProgress& p) { line(p); });
    auto r = sc.sync(3);
    line.finish();  // the line is cleared before the summary
    auto conflicts = c.store->conflicts();
    auto refused = c.store->refused();
    std::size_t n_conf = conflicts.ok() ? conflicts->size() : 0, n_ref = refused.ok() ? refused->size() : 0;
    if (!r.ok() && r.failure->wiped()) return wiped(c, *r.failure);
    if (!r.ok()) {
        if (c.json)
            print_json(c, {{"ok", false}, {"error", r.failure->code}, {"message", r.failure->message},
                           {"transient", r.failure->kind == client::Failure::Kind::Transient},
                           {"pending", c.store->pending_count()}});
        return error("sync failed: " + r.failure->message +
                     (r.failure->kind == client::Failure::Kind::Transient ? " (your changes are kept; try again later)" : ""));
    }
    (void)c.store->set_meta("last_sync_ms", std::to_string(c.store->now_ms()));
    const client::SyncReport& rep = *r.value;
    // Attachments' content, once their records are on the server.
    client::ContentTransfer transfer(*c.store, *cfg);
    auto up = transfer.upload_all();
    for (int i = 0; i < 3 && !up.ok() && up.failure->kind == client::Failure::Kind::Transient; ++i) {
        std::this_thread::sleep_for(client::SyncClient::backoff(i));
        up = transfer.upload_all();  // from where the server has each
    }
    // An admin asked this device to sign out: everything is sent now, so its data goes.
    if (rep.sign_out && rep.complete && c.store->pending_count() == 0) {
        (void)sc.confirm_signed_out();  // best effort: the token goes with the vault anyway
        delete_local_data(c);
        if (c.json) print_json(c, {{"ok", true}, {"signed_out", true}});
        else std::fprintf(c.out, "an admin signed this device out: everything was sent; its data and token are deleted\n");
        return kOk;
    }
    std::size_t files_up = up.ok() ? up.value->uploaded : 0, files_waiting = up.ok() ? up.value->waiting : [&] {
        auto q = c.store->uploads();
        return q.ok() ? q->size() : std::size_t{0};
    }();
    bool in_sync = rep.complete && n_ref == 0 && files_waiting == 0;
    if (c.json) {
        json refusals = json::array();
        for (auto& f : rep.refused)
            refusals.push_back({{"table", f.table}, {"id", f.id}, {"code", sync::code_name(f.error.code)}, {"message", f.error.message}});
        print_json(c, {{"ok", true}, {"in_sync", in_sync}, {"pushed", rep.pushed}, {"pulled", rep.pulled},
                       {"refused", refusals}, {"purged", rep.purged}, {"conflicts", n_conf},
                       {"pending", c.store->pending_count()}, {"round_trips", rep.round_trips},
                       {"server_restored", rep.hub_restored}, {"resent", rep.resent},
                       {"files_sent", files_up}, {"files_waiting", files_waiting}});
    } else {
        if (rep.hub_restored)
            std::fprintf(c.out,
                         "the server was restored from a backup: this device sent its %zu records again and "
                         "downloaded everything again\n",
                         rep.resent);
        std::fprintf(c.out, "synced: sent %zu, received %zu", rep.pushed, rep.pulled);
        if (!rep.refused.empty()) std::fprintf(c.out, ", %zu refused by the server", rep.refused.size());
        if (!rep.purged.empty()) std::fprintf(c.out, ", %zu customer(s) no longer shared with you removed", rep.purged.size());
        if (files_up) std::fprintf(c.out, ", %zu file(s) uploaded", files_up);
        std::fprintf(c.out, "\n");
        if (!up.ok()) std::fprintf(c.out, "%zu file(s) not sent: %s (they are kept; sync again later)\n", files_waiting, up.failure->message.c_str());
        else if (files_waiting) std::fprintf(c.out, "%zu file(s) not sent yet: fika-cli attachments KIND ID says why\n", files_waiting);
        for (auto& f : rep.refused) std::fprintf(c.out, "  refused %s %s: %s\n", f.table.c_str(), f.id.c_str(), f.error.message.c_str());
        if (n_conf) std::fprintf(c.out, "%zu conflict(s) to review: fika-cli conflicts\n", n_conf);
        if (n_ref) std::fprintf(c.out, "%zu refused change(s) waiting: fika-cli refused\n", n_ref);
    }
    return in_sync ? kOk : kNotInSync;
}

int cmd_status(Ctx& c) {
    auto conflicts = c.store->conflicts();
    auto refused = c.store->refused();
    std::uint64_t last = std::strtoull(meta(c, "last_sync_ms").c_str(), nullptr, 10);
    json j = {{"server", meta(c, "server_url")}, {"user", meta(c, "user_name")}, {"role", meta(c, "user_role")},
              {"pending", c.store->pending_count()}, {"last_sync_ms", last},
              {"conflicts", conflicts.ok() ? conflicts->size() : 0}, {"refused", refused.ok() ? refused->size() : 0},
              {"database", c.db_path}, {"encrypted", c.vault.has_value()},
              {"device", sync::site_to_string(c.store->site())}};
    if (c.json) {
        print_json(c, j);
        return kOk;
    }
    std::string server = meta(c, "server_url");
    std::fprintf(c.out, "server:    %s\n", server.empty() ? "none (offline only)" : server.c_str());
    if (!meta(c, "user_name").empty())
        std::fprintf(c.out, "user:      %s (%s)\n", meta(c, "user_name").c_str(), meta(c, "user_role").c_str());
    std::fprintf(c.out, "last sync: %s\n", when(last).c_str());
    std::fprintf(c.out, "waiting:   %zu change(s) to send\n", c.store->pending_count());
    std::fprintf(c.out, "conflicts: %zu\nrefused:   %zu\n", j["conflicts"].get<std::size_t>(), j["refused"].get<std::size_t>());
    std::fprintf(c.out, "database:  %s%s\n", c.db_path.c_str(), c.vault ? " (encrypted)" : "");
    std::fprintf(c.out, "device:    %s (the id an admin sees for this device)\n", sync::site_to_string(c.store->site()).c_str());
    return kOk;
}

std::atomic<bool> g_stop{false};

int cmd_watch(Ctx& c) {
    auto cfg = server_config(c);
    if (!cfg) return no_server();
    std::signal(SIGINT, [](int) { g_stop = true; });
    std::signal(SIGTERM, [](int) { g_stop = true; });
    client::SyncClient sc(*c.store, *cfg);
    learn_identity(c, sc);
    std::optional<client::Failure> wiped_by;
    auto sync_now = [&](const char* why) {
        auto r = sc.sync(5, &g_stop);
        if (r.ok()) {
            (void)c.store->set_meta("last_sync_ms", std::to_string(c.store->now_ms()));
            std::fprintf(c.out, "sync (%s): sent %zu, received %zu%s\n", why, r.value->pushed, r.value->pulled,
                         r.value->refused.empty() ? "" : ", some refused: fika-cli refused");
        } else if (r.failure->wiped()) {
            wiped_by = *r.failure;
            g_stop = true;
        } else {
            std::fprintf(c.out, "sync (%s) failed: %s\n", why, r.failure->message.c_str());
        }
        std::fflush(c.out);
    };
    std::fprintf(c.out, "watching %s (Ctrl-C stops)\n", cfg->url.c_str());
    std::fflush(c.out);
    client::SyncClient listener(*c.store, *cfg);
    auto ended = listener.listen(
        [&](const std::string& event, const std::string& data) {
            if (event == "notification") {
                json n = json::parse(data, nullptr, false);
                if (c.json) {
                    std::fprintf(c.out, "%s\n", data.c_str());
                } else if (n.is_object()) {
                    const json& p = n["payload"];
                    std::string kind = p.value("kind", "");
                    std::string title = p.contains("case") ? p["case"].value("title", "") : "";
                    std::string acct = p.contains("account") && p["account"].is_object() ? p["account"].value("name", "") : "";
                    std::string who = p.contains("found_by") ? p["found_by"].value("name", "") : "";
                    std::fprintf(c.out, "notification %lld: %s '%s' at %s (found by %s)%s\n",
                                 static_cast<long long>(n.value("n", 0LL)), kind == "new_case" ? "new case" : kind.c_str(),
                                 title.c_str(), acct.c_str(), who.c_str(),
                                 p.contains("flags") && !p["flags"].empty() ? (" " + p["flags"].dump()).c_str() : "");
                }
                std::fflush(c.out);
                sync_now("notification");
            } else if (event == "hello") {
                sync_now("connected");
            } else if (event == "changes") {
                sync_now("server changes");
            }
        },
        g_stop);
    if (wiped_by) return wiped(c, *wiped_by);
    if (ended) return error("watch ended: " + ended->message);
    return kOk;
}

// Signing out: everything not sent is sent first; then this device's data and its token
// are deleted. Refused when changes cannot be sent, unless --discard-unsent.
int cmd_signout(Ctx& c, const Args& a) {
    std::size_t pending = c.store->pending_count();
    if (auto cfg = server_config(c)) {
        client::SyncClient sc(*c.store, *cfg);
        auto r = sc.sync(5);
        if (!r.ok() && r.failure->wiped()) return wiped(c, *r.failure);
        pending = c.store->pending_count();
        if (pending > 0 && !a.flags.count("discard-unsent"))
            return error(std::to_string(pending) + " change(s) could not be sent (" +
                         (r.ok() ? std::string("refused or incomplete") : r.failure->message) +
                         "): nothing is deleted. Sign out when online, or add --discard-unsent to lose them");
    } else if (pending > 0 && !a.flags.count("discard-unsent")) {
        return error(std::to_string(pending) + " change(s) were never sent (no server): nothing is deleted. Add "
                     "--discard-unsent to lose them");
    }
    delete_local_data(c);
    std::fprintf(c.out, "signed out: this device's data%s and its token are deleted\n",
                 pending ? (" (with " + std::to_string(pending) + " unsent change(s))").c_str() : "");
    return kOk;
}

int cmd_conflicts(Ctx& c, const Args& a) {
    auto list = c.store->conflicts(a.flags.count("all") > 0);
    if (!list.ok()) return error(list.error().message);
    if (c.json) {
        json arr = json::array();
        for (const sync::Conflict& k : *list)
            arr.push_back({{"n", k.n}, {"table", k.table}, {"id", k.id}, {"field", k.field},
                           {"mine", sync::to_display(k.local_value)}, {"theirs", sync::to_display(k.remote_value)},
                           {"at_ms", k.at_ms}, {"resolution", k.resolution}});
        print_json(c, arr);
        return kOk;
    }
    if (list->empty()) std::fprintf(c.out, "no conflicts\n");
    for (const sync::Conflict& k : *list)
        std::fprintf(c.out, "%lld  %s %s .%s: mine '%s', theirs '%s'%s\n", static_cast<long long>(k.n), k.table.c_str(),
                     k.id.c_str(), k.field.c_str(), sync::to_display(k.local_value).c_str(),
                     sync::to_display(k.remote_value).c_str(), k.resolution.empty() ? "" : (" [" + k.resolution + "]").c_str());
    return kOk;
}

int cmd_resolve(Ctx& c, const Args& a) {
    if (a.pos.size() != 3 || (a.pos[2] != "mine" && a.pos[2] != "theirs")) return usage("resolve N mine|theirs");
    auto st = c.store->resolve_conflict(std::atoll(a.pos[1].c_str()), a.pos[2] == "mine");
    if (!st.ok()) return error(st.error().message);
    return kOk;
}

int cmd_refused(Ctx& c) {
    auto list = c.store->refused();
    if (!list.ok()) return error(list.error().message);
    if (c.json) {
        json arr = json::array();
        for (const sync::RefusedChange& r : *list)
            arr.push_back({{"n", r.n}, {"table", r.table}, {"id", r.id}, {"code", sync::code_name(r.error.code)},
                           {"message", r.error.message}, {"fields", json::parse(r.fields_json, nullptr, false)}});
        print_json(c, arr);
        return kOk;
    }
    if (list->empty()) std::fprintf(c.out, "no refused changes\n");
    for (const sync::RefusedChange& r : *list)
        std::fprintf(c.out, "%lld  %s %s: %s\n    %s\n", static_cast<long long>(r.n), r.table.c_str(), r.id.c_str(),
                     r.error.message.c_str(), r.fields_json.c_str());
    return kOk;
}

int cmd_refused_resolve(Ctx& c, const Args& a, bool retry) {
    if (a.pos.size() != 2) return usage(std::string(retry ? "retry" : "dismiss") + " N");
    auto st = c.store->resolve_refused(std::atoll(a.pos[1].c_str()), retry);
    if (!st.ok()) return error(st.error().message);
    return kOk;
}

int cmd_notifications(Ctx& c, const Args& a) {
    auto cfg = server_config(c);
    if (!cfg) return no_server();
    client::SyncClient sc(*c.store, *cfg);
    if (a.pos.size() >= 2 && a.pos[1] == "read") {
        json body;
        if (a.flags.count("all")) body["all"] = true;
        else {
            body["ids"] = json::array();
            for (std::size_t i = 2; i < a.pos.size(); ++i) body["ids"].push_back(std::atoll(a.pos[i].c_str()));
        }
        auto r = sc.post("/v1/notifications/read", body.dump());
        if (!r.ok()) return error(r.failure->message);
        if (c.json) std::fprintf(c.out, "%s\n", r.value->c_str());
        else std::fprintf(c.out, "marked %lld read\n", static_cast<long long>(json::parse(*r.value).value("marked", 0LL)));
        return kOk;
    }
    auto r = sc.get(std::string("/v1/notifications?limit=1000") + (a.flags.count("unread") ? "&unread=1" : ""));
    if (!r.ok()) return error("cannot fetch notifications: " + r.failure->message);
    json j = json::parse(*r.value, nullptr, false);
    if (!j.is_object()) return error("the server sent something unreadable");
    if (c.json) {
        print_json(c, j["notifications"]);
        return kOk;
    }
    if (j["notifications"].empty()) std::fprintf(c.out, "no notifications\n");
    for (auto& n : j["notifications"]) {
        const json& p = n["payload"];
        std::string title = p.contains("case") ? p["case"].value("title", "") : "";
        std::string acct = p.contains("account") && p["account"].is_object() ? p["account"].value("name", "") : "";
        std::string who = p.contains("found_by") ? p["found_by"].value("name", "") : "";
        std::fprintf(c.out, "%lld %s %s '%s' at %s (found by %s)%s\n", static_cast<long long>(n.value("n", 0LL)),
                     n.value("read", false) ? " " : "*", p.value("kind", "").c_str(), title.c_str(), acct.c_str(),
                     who.c_str(), p.contains("flags") && !p["flags"].empty() ? (" " + p["flags"].dump()).c_str() : "");
    }
    return kOk;
}

int cmd_mail(Ctx& c, const Args& a) {
    auto cfg = server_config(c);
    if (!cfg) return no_server();
    client::SyncClient sc(*c.store, *cfg);
    json body = json::object();
    for (const char* key : {"address", "mode", "lang"})
        if (a.opts.count(key)) body[key] = a.opts.at(key);
    if (a.opts.count("hour")) {
        const std::string& h = a.opts.at("hour");
        if (h.empty() || h.size() > 2 || h.find_first_not_of("0123456789") != std::string::npos || std::atoi(h.c_str()) > 23)
            return usage("--hour takes 0-23");
        body["hour"] = std::atoi(h.c_str());
    }
    auto r = body.empty() ? sc.get("/v1/me/mail") : [&] {
        // The digest's hour is in this machine's time zone, as it is now.
        std::time_t t = std::time(nullptr);
        std::tm tm{};
        localtime_r(&t, &tm);
        body["utc_offset_min"] = static_cast<int>(tm.tm_gmtoff / 60);
        return sc.put("/v1/me/mail", body.dump());
    }();
    if (!r.ok()) return error("mail: " + r.failure->message);
    json j = json::parse(*r.value, nullptr, false);
    if (!j.is_object()) return error("the server sent something unreadable");
    if (c.json) {
        print_json(c, j);
        return kOk;
    }
    std::string mode = j.value("mode", "none");
    if (mode == "none" || j.value("address", "").empty()) std::fprintf(c.out, "no mail\n");
    else if (mode == "daily")
        std::fprintf(c.out, "%s: a daily digest at %02d:00, in %s\n", j.value("address", "").c_str(), j.value("hour", 0),
                     j.value("lang", "en").c_str());
    else std::fprintf(c.out, "%s: each at once, in %s\n", j.value("address", "").c_str(), j.value("lang", "en").c_str());
    if (!j.value("server_sends_mail", false)) std::fprintf(c.out, "(this server sends no mail: its admin has not set it up)\n");
    return kOk;
}

std::string pct(const std::optional<double>& r) {
    if (!r) return "-";
    char b[16];
    std::snprintf(b, sizeof b, "%.1f%%", *r * 100);
    return b;
}

void print_funnel(Ctx& c, const client::Funnel& f, const std::string& title) {
    if (!title.empty()) std::fprintf(c.out, "%s\n", title.c_str());
    std::fprintf(c.out, "  conversations   %lld\n", static_cast<long long>(f.conversations));
    std::fprintf(c.out, "  meetings        %lld   (+ %lld phone meetings; %s of conversations)\n",
                 static_cast<long long>(f.meetings), static_cast<long long>(f.phone_meetings), pct(f.meeting_rate).c_str());
    std::fprintf(c.out, "  offers          %lld   (%s of meetings)\n", static_cast<long long>(f.offers), pct(f.offer_rate).c_str());
    std::fprintf(c.out, "  won             %lld   (%s of offers)\n", static_cast<long long>(f.won), pct(f.win_rate).c_str());
    std::fprintf(c.out, "  lost            %lld\n", static_cast<long long>(f.lost));
    for (auto& [cur, v] : f.won_value) std::fprintf(c.out, "  won value       %lld %s\n", static_cast<long long>(v), cur.c_str());
}

int cmd_funnel(Ctx& c, const Args& a) {
    client::FunnelQuery q;
    if (a.opts.count("from")) q.from = a.opts.at("from");
    if (a.opts.count("to")) q.to = a.opts.at("to");
    if (a.opts.count("user")) {
        std::string u = a.opts.at("user");
        if (!sync::is_uuid(u)) {
            std::string found;
            for (const sync::Record& r : *c.store->all("users"))
                if (sync::to_display(r["name"]) == u) found = r.id;
            if (found.empty()) return error("no user named " + u + " (sync first to know the users)");
            u = found;
        }
        q.user = u;
    }
    for (auto* d : {&q.from, &q.to})
        if (*d && (d->value().size() != 10 || (*d)->at(4) != '-')) return usage("dates are YYYY-MM-DD");
    if (a.flags.count("by-user")) {
        auto by = client::funnel_by_user(*c.store, q);
        if (!by.ok()) return error(by.error().message);
        std::map<std::string, std::string> names;
        for (const sync::Record& r : *c.store->all("users")) names[r.id] = sync::to_display(r["name"]);
        if (c.json) {
            json j = json::object();
            for (auto& [u, f] : *by) j[names.count(u) ? names[u] : (u.empty() ? "(unknown)" : u)] = json::parse(client::funnel_json(f));
            print_json(c, j);
        } else {
            for (auto& [u, f] : *by) print_funnel(c, f, names.count(u) ? names[u] : (u.empty() ? "(unknown)" : u));
        }
        return kOk;
    }
    auto f = client::funnel(*c.store, q);
    if (!f.ok()) return error(f.error().message);
    if (c.json) print_json(c, json::parse(client::funnel_json(*f)));
    else print_funnel(c, *f, "");
    return kOk;
}

int cmd_pipeline(Ctx& c) {
    auto p = rules::pipeline(*c.store);
    if (!p.ok()) return error(p.error().message);
    auto money = [](const std::map<std::string, std::int64_t>& m) {
        std::string out;
        for (auto& [cur, v] : m) out += (out.empty() ? "" : " + ") + std::to_string(v) + " " + cur;
        return out.empty() ? std::string("0") : out;
    };
    if (c.json) {
        json stages = json::array();
        for (const rules::StageSums& s : p->stages)
            stages.push_back({{"stage", s.stage}, {"cases", s.count}, {"value", s.value}, {"weighted", s.weighted}});
        print_json(c, {{"stages", stages}, {"open_value", p->open_value}, {"open_weighted", p->open_weighted}});
        return kOk;
    }
    std::fprintf(c.out, "%-12s %6s  %-24s %s\n", "STAGE", "CASES", "VALUE", "WEIGHTED");
    for (const rules::StageSums& s : p->stages)
        std::fprintf(c.out, "%-12s %6zu  %-24s %s\n", s.stage.c_str(), s.count, money(s.value).c_str(),
                     money(s.weighted).c_str());
    std::fprintf(c.out, "open         %6s  %-24s %s\n", "", money(p->open_value).c_str(), money(p->open_weighted).c_str());
    return kOk;
}

int cmd_roi(Ctx& c) {
    auto rs = client::programme_returns(*c.store);
    if (!rs.ok()) return error(rs.error().message);
    if (c.json) {
        print_json(c, json::parse(client::programme_returns_json(*rs)));
        return kOk;
    }
    if (rs->empty()) std::fprintf(c.out, "no programmes (add programme --name NAME --cost N --period_start DATE)\n");
    auto money = [](const std::map<std::string, std::int64_t>& m) {
        std::string out;
        for (auto& [cur, v] : m) out += (out.empty() ? "" : " + ") + std::to_string(v) + " " + cur;
        return out.empty() ? std::string("0") : out;
    };
    for (const client::ProgrammeReturn& r : *rs) {
        std::fprintf(c.out, "%s  (%s to %s)\n", r.name.c_str(), r.period_start.empty() ? "..." : r.period_start.c_str(),
                     r.period_end.empty() ? "..." : r.period_end.c_str());
        std::fprintf(c.out, "  cost            %lld %s\n", static_cast<long long>(r.cost), r.currency.c_str());
        std::fprintf(c.out, "  cases found     %lld   (%lld won, %lld lost)\n", static_cast<long long>(r.cases),
                     static_cast<long long>(r.won_cases), static_cast<long long>(r.lost_cases));
        std::fprintf(c.out, "  pipeline        %s\n", money(r.pipeline).c_str());
        char ratio[32] = "";
        if (r.return_ratio) std::snprintf(ratio, sizeof ratio, "   (%.1f x the cost)", *r.return_ratio);
        std::fprintf(c.out, "  earnings        %s%s\n", money(r.earnings).c_str(), ratio);
        const client::Funnel& f = r.funnel;
        std::fprintf(c.out, "  funnel          %lld conversations -> %lld meetings -> %lld offers -> %lld won\n",
                     static_cast<long long>(f.conversations), static_cast<long long>(f.meetings + f.phone_meetings),
                     static_cast<long long>(f.offers), static_cast<long long>(f.won));
    }
    return kOk;
}

// Writes `text` to FILE, or to standard output for "-".
int write_out(Ctx& c, const std::string& file, const std::string& text) {
    if (file == "-") {
        std::fwrite(text.data(), 1, text.size(), c.out);
        return kOk;
    }
    if (c.store)
        if (auto own = c.store->check_not_own_file(file); !own.ok()) return error(own.error().message);
    std::ofstream f(file, std::ios::binary);
    f << text;
    f.close();
    if (!f) return error("cannot write " + file);
    std::fprintf(c.out, "wrote %s\n", file.c_str());
    return kOk;
}

int cmd_export(Ctx& c, const Args& a) {
    const char* forms = "export csv DIR | export ical FILE | export vcard CONTACT_ID FILE";
    if (a.pos.size() == 3 && a.pos[1] == "ical") {
        auto now = static_cast<std::uint64_t>(std::time(nullptr)) * 1000;
        auto ics = client::follow_ups_ical(*c.store, now);
        if (!ics.ok()) return error(ics.error().message);
        return write_out(c, a.pos[2], *ics);
    }
    if (a.pos.size() == 4 && a.pos[1] == "vcard") {
        auto card = client::contact_vcard(*c.store, a.pos[2]);
        if (!card.ok()) return error(card.error().message);
        return write_out(c, a.pos[3], *card);
    }
    if (a.pos.size() != 3 || a.pos[1] != "csv") return usage(forms);
    auto files = client::export_csv(*c.store, a.pos[2]);
    if (!files.ok()) return error(files.error().message);
    for (auto& f : *files) std::fprintf(c.out, "wrote %s\n", f.c_str());
    return kOk;
}

int cmd_duplicates(Ctx& c, const Args& a) {
    std::string account = a.opts.count("account") ? a.opts.at("account") : "";
    std::vector<client::DuplicateGroup> groups;
    if (account.empty()) {
        auto accounts = client::find_duplicate_accounts(*c.store);
        if (!accounts.ok()) return error(accounts.error().message);
        groups = std::move(accounts).value();
    }
    auto people = client::find_duplicate_contacts(*c.store, account);
    if (!people.ok()) return error(people.error().message);
    groups.insert(groups.end(), people->begin(), people->end());
    auto name_of = [&](const std::string& table, const std::string& id) {
        auto r = c.store->get(table, id);
        return r.ok() ? sync::to_display((*r)["name"]) : id;
    };
    if (c.json) {
        json arr = json::array();
        for (auto& g : groups) {
            json ids = json::array();
            for (auto& id : g.ids) ids.push_back({{"id", id}, {"name", name_of(g.table, id)}});
            arr.push_back({{"kind", g.table == "accounts" ? "account" : "contact"}, {"reason", g.reason}, {"records", ids}});
        }
        print_json(c, arr);
        return kOk;
    }
    if (groups.empty()) std::fprintf(c.out, "no likely duplicates\n");
    for (auto& g : groups) {
        std::fprintf(c.out, "%s, %s:\n", g.table == "accounts" ? "customers" : "people", g.reason.c_str());
        for (auto& id : g.ids) std::fprintf(c.out, "  %s  %s\n", id.c_str(), name_of(g.table, id).c_str());
    }
    return kOk;
}

int cmd_merge(Ctx& c, const Args& a) {
    if (a.pos.size() != 4 || client::table_for(a.pos[1]) != c.store->schema().table("contacts"))
        return usage("merge contact KEEP_ID DROP_ID (customers cannot be merged: a record's customer is fixed)");
    auto moved = client::merge_contacts(*c.store, a.pos[2], a.pos[3]);
    if (!moved.ok()) return error(moved.error().message);
    std::fprintf(c.out, "merged %s into %s; %zu record(s) moved\n", a.pos[3].c_str(), a.pos[2].c_str(), *moved);
    return kOk;
}

int cmd_person(Ctx& c, const Args& a) {
    const char* forms = "person export CONTACT_ID FILE | person erase CONTACT_ID --yes";
    if (a.pos.size() == 4 && a.pos[1] == "export") {
        auto doc = sync::person_export(*c.store, a.pos[2]);
        if (!doc.ok()) return error(doc.error().message);
        return write_out(c, a.pos[3], *doc + "\n");
    }
    if (a.pos.size() != 3 || a.pos[1] != "erase") return usage(forms);
    if (!a.flags.count("yes"))
        return usage("erasing a person cannot be undone: add --yes to go ahead");
    auto done = c.store->erase_person(a.pos[2]);
    if (!done.ok()) return error(done.error().message);
    (void)c.store->drop_unused_content();  // files about them go at once
    if (c.json) {
        json recs = json::array();
        for (auto& [t, id] : done->records) recs.push_back({{"table", t}, {"id", id}});
        print_json(c, {{"erased", a.pos[2]}, {"records", recs}});
    } else {
        std::fprintf(c.out, "erased %s and %zu record(s) about them; run sync to erase them everywhere\n",
                     a.pos[2].c_str(), done->records.size() - 1);
    }
    return kOk;
}

// ---- attachments ------------------------------------------------------------------------

// The kind an attachment names ("case") for what a user typed ("case", "cases"); "" for
// a kind that takes none.
const char* kAttachKinds = "attachments go on an account, contact, case, activity or note";
std::string attach_kind(const std::string& typed) {
    const sync::TableDef* t = client::table_for(typed);
    return t ? rules::attachable_kind(t->name) : std::string();
}

int cmd_attach(Ctx& c, const Args& a) {
    if (a.pos.size() != 4) return usage("attach KIND ID FILE [--name NAME] [--limit-mb N]");
    std::string kind = attach_kind(a.pos[1]);
    if (kind.empty()) return usage(kAttachKinds);
    std::uint64_t limit = rules::kDefaultAttachmentLimit;
    if (a.opts.count("limit-mb")) {
        double mb = std::atof(a.opts.at("limit-mb").c_str());
        if (mb <= 0) return usage("--limit-mb takes megabytes");
        limit = static_cast<std::uint64_t>(mb * 1024 * 1024);
    }
    const std::string& file = a.pos[3];
    std::error_code ec;
    auto size = std::filesystem::file_size(file, ec);
    if (ec) return error("cannot read " + file + ": " + ec.message());
    // Refused before anything is read or stored.
    if (size > limit)
        return error(file + " has " + std::to_string(size / (1024 * 1024)) + " MB; attachments may have at most " +
                     std::to_string(limit / (1024 * 1024)) + " MB");
    if (auto own = c.store->check_not_own_file(file); !own.ok()) return error(own.error().message);
    std::FILE* f = std::fopen(file.c_str(), "rb");
    if (!f) return error("cannot read " + file);
    auto read = [f, &file](char* buf, std::size_t cap) -> sync::Result<std::size_t> {
        std::size_t got = 0;
        while (got < cap) {  // whole parts: a pipe or a slow disk may give less at a time
            std::size_t n = std::fread(buf + got, 1, cap - got, f);
            if (n == 0) break;
            got += n;
        }
        if (std::ferror(f)) return sync::Error{Code::Storage, "cannot read " + file};
        return got;
    };
    std::string name = a.opts.count("name") ? a.opts.at("name") : file;
    auto id = rules::attach(*c.store, kind, a.pos[2], name, "", read, limit, actor(c));
    std::fclose(f);
    if (!id.ok()) return error(id.error().message);
    if (c.json) print_json(c, {{"id", *id}});
    else std::fprintf(c.out, "%s\n", id->c_str());
    return kOk;
}

int cmd_attachments(Ctx& c, const Args& a) {
    if (a.pos.size() != 3) return usage("attachments KIND ID [--all] [--json]");
    std::string kind = attach_kind(a.pos[1]);
    if (kind.empty()) return usage(kAttachKinds);
    auto rows = c.store->all("attachments");
    if (!rows.ok()) return error(rows.error().message);
    auto queued = c.store->uploads();
    std::map<std::string, const sync::Store::Upload*> waiting;
    if (queued.ok())
        for (auto& u : *queued) waiting[u.attachment_id] = &u;
    json arr = json::array();
    for (const sync::Record& r : *rows) {
        if (r["record_id"] != sync::text(a.pos[2]) || r["record_kind"] != sync::text(kind)) continue;
        if (r.deleted() && !a.flags.count("all")) continue;
        std::string hash = std::holds_alternative<std::string>(r["sha256"]) ? std::get<std::string>(r["sha256"]) : "";
        auto held = c.store->content_have(hash);
        bool here = held.ok() && *held && (*held)->complete();
        json j = json::parse(sync::record_json(r));
        j["here"] = here;
        auto w = waiting.find(r.id);
        j["uploaded"] = w == waiting.end();
        if (w != waiting.end()) {
            j["upload_sent"] = w->second->sent;
            if (!w->second->failed.empty()) j["upload_refused"] = w->second->failed;
        }
        arr.push_back(j);
    }
    if (c.json) {
        print_json(c, arr);
        return kOk;
    }
    for (auto& j : arr) {
        std::string state = !j["uploaded"].get<bool>() ? (j.contains("upload_refused") ? "refused: " + j["upload_refused"].get<std::string>()
                                                                                       : "not sent yet")
                                                       : j["here"].get<bool>() ? "" : "not downloaded (fika-cli fetch)";
        std::fprintf(c.out, "%-36s  %-30s %10s  %s%s\n", j.value("id", "").c_str(), j.value("name", "").c_str(),
                     std::to_string(j.value("size", 0ll)).c_str(), state.c_str(), j.value("deleted", false) ? " (deleted)" : "");
    }
    return kOk;
}

int cmd_fetch(Ctx& c, const Args& a) {
    if (a.pos.size() != 3) return usage("fetch ATTACHMENT_ID FILE");
    auto r = c.store->get("attachments", a.pos[1]);
    if (!r.ok()) return error(r.error().message);
    if (r->deleted() && (*r)["erased"] == sync::Value{std::int64_t{1}}) return error("this attachment was erased");
    std::string hash = std::holds_alternative<std::string>((*r)["sha256"]) ? std::get<std::string>((*r)["sha256"]) : "";
    auto held = c.store->content_have(hash);
    if (!held.ok()) return error(held.error().message);
    if (!*held || !(*held)->complete()) {
        auto cfg = server_config(c);
        if (!cfg) return no_server();
        client::ContentTransfer t(*c.store, *cfg);
        auto got = t.fetch(a.pos[1]);
        if (!got.ok())
            return error(got.failure->code == "not_uploaded"
                             ? "its content is not on the server yet: the device that attached it has not sent it"
                             : "cannot download it: " + got.failure->message);
    }
    auto st = client::save_content(*c.store, hash, a.pos[2]);
    if (!st.ok()) return error(st.error().message);
    if (!c.json) std::fprintf(c.out, "%s\n", a.pos[2].c_str());
    else print_json(c, {{"file", a.pos[2]}, {"size", (*r)["size"] == sync::Value{} ? 0 : std::get<std::int64_t>((*r)["size"])}});
    return kOk;
}

int cmd_resend(Ctx& c, const Args& a) {
    if (a.pos.size() != 2) return usage("resend ATTACHMENT_ID");
    auto queue = c.store->uploads();
    if (!queue.ok()) return error(queue.error().message);
    auto it = std::find_if(queue->begin(), queue->end(), [&](const sync::Store::Upload& u) { return u.attachment_id == a.pos[1]; });
    if (it == queue->end()) return error("attachment " + a.pos[1] + " is not waiting to be sent from this device");
    if (auto st = c.store->upload_retry(a.pos[1]); !st.ok()) return error(st.error().message);
    if (!c.json) std::fprintf(c.out, "%s is sent again at the next sync\n", a.pos[1].c_str());
    else print_json(c, {{"resend", a.pos[1]}});
    return kOk;
}

int cmd_import(Ctx& c, const Args& a) {
    if (a.pos.size() != 3 || a.pos[1] != "csv") return usage("import csv FILE [--kind KIND]");
    std::string kind;
    if (a.opts.count("kind")) {
        const sync::TableDef* t = client::table_for(a.opts.at("kind"));
        if (!t) return usage("unknown kind '" + a.opts.at("kind") + "'");
        kind = t->name;
    }
    auto rep = client::import_csv(*c.store, a.pos[2], kind, actor(c));
    if (!rep.ok()) return error(rep.error().message);
    if (c.json) {
        json errs = json::array();
        for (auto& e : rep->errors) errs.push_back({{"line", e.line}, {"message", e.message}});
        print_json(c, {{"table", rep->table}, {"created", rep->created}, {"updated", rep->updated},
                       {"unchanged", rep->unchanged}, {"errors", errs}});
    } else {
        std::fprintf(c.out, "%s: %zu created, %zu updated, %zu unchanged, %zu bad row(s)\n", rep->table.c_str(), rep->created,
                     rep->updated, rep->unchanged, rep->errors.size());
        for (auto& e : rep->errors) std::fprintf(stderr, "  line %zu: %s\n", e.line, e.message.c_str());
    }
    return rep->errors.empty() ? kOk : kError;
}

// ---- the encrypted database ------------------------------------------------------------------

// A passphrase from `env`, else typed on the terminal without echo; nullopt when neither.
std::optional<std::string> read_passphrase(const char* env, const std::string& prompt) {
    if (const char* p = std::getenv(env); p && *p) return std::string(p);
    std::FILE* tty = std::fopen("/dev/tty", "r+");
    if (!tty) return std::nullopt;
    int fd = fileno(tty);
    termios old{};
    bool echo_off = tcgetattr(fd, &old) == 0;
    if (echo_off) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    std::fprintf(tty, "%s: ", prompt.c_str());
    std::fflush(tty);
    std::string line;
    for (int ch; (ch = std::fgetc(tty)) != EOF && ch != '\n';) line += static_cast<char>(ch);
    if (echo_off) tcsetattr(fd, TCSAFLUSH, &old);
    std::fprintf(tty, "\n");
    std::fclose(tty);
    return line;
}

// A new passphrase: from $FIKA_NEW_PASSPHRASE, else typed twice.
std::optional<std::string> new_passphrase(std::string& why) {
    auto p = read_passphrase("FIKA_NEW_PASSPHRASE", "New passphrase (at least 8 characters)");
    if (!p) {
        why = "no new passphrase: set FIKA_NEW_PASSPHRASE or run this in a terminal";
        return std::nullopt;
    }
    if (p->size() < 8) {
        why = "the passphrase is shorter than 8 characters";
        return std::nullopt;
    }
    if (!std::getenv("FIKA_NEW_PASSPHRASE") || !*std::getenv("FIKA_NEW_PASSPHRASE")) {
        auto again = read_passphrase("FIKA_NEW_PASSPHRASE", "The same again");
        if (!again || *again != *p) {
            why = "the two passphrases differ; nothing changed";
            return std::nullopt;
        }
    }
    return p;
}

int cmd_protect(Ctx& c) {
    std::string token;
    {
        auto kind = sync::crypt::inspect(c.db_path);
        if (kind == sync::crypt::FileKind::Encrypted) return error(c.db_path + " is encrypted already");
        if (kind == sync::crypt::FileKind::Plain) {
            auto store = sync::Store::open(c.db_path);
            if (!store.ok()) return error("cannot open " + c.db_path + ": " + store.error().message);
            auto t = (*store)->meta("server_token");
            if (t.ok() && *t) token = **t;
        }
    }
    std::string why;
    auto pass = new_passphrase(why);
    if (!pass) return error(why);
    auto v = client::protect_database(c.db_path, *pass, token);
    if (!v.ok()) return error("cannot encrypt " + c.db_path + ": " + v.error().message);
    std::fprintf(c.out, "%s is encrypted; its key%s are in %s, sealed with your passphrase\n", c.db_path.c_str(),
                 token.empty() ? "" : " and the server token", v->path().c_str());
    return kOk;
}

// Unlocks an encrypted database's vault (c.vault); kOk when there is nothing to unlock.
int unlock(Ctx& c) {
    const std::string vault = client::Vault::path_for(c.db_path);
    if (!std::filesystem::exists(vault)) {
        if (sync::crypt::inspect(c.db_path) == sync::crypt::FileKind::Encrypted)
            return error(c.db_path + " is encrypted, and its vault " + vault + " (its key) is missing");
        return kOk;
    }
    auto pass = read_passphrase("FIKA_PASSPHRASE", "Passphrase for " + c.db_path);
    if (!pass) return error(c.db_path + " is encrypted: set FIKA_PASSPHRASE or run this in a terminal");
    auto v = client::unlock_database(c.db_path, *pass);
    if (!v.ok()) return error("cannot unlock " + c.db_path + ": " + v.error().message);
    c.vault = std::move(v).value();
    return kOk;
}

int cmd_passphrase(Ctx& c) {
    if (!c.vault) return error(c.db_path + " is not encrypted: 'fika-cli protect' encrypts it");
    std::string why;
    auto pass = new_passphrase(why);
    if (!pass) return error(why);
    auto st = c.vault->change_passphrase(*pass);
    if (!st.ok()) return error("the passphrase is unchanged: " + st.error().message);
    std::fprintf(c.out, "passphrase changed\n");
    return kOk;
}

int cmd_rekey(Ctx& c) {
    if (!c.vault) return error(c.db_path + " is not encrypted: 'fika-cli protect' encrypts it");
    auto st = client::change_database_key(c.db_path, *c.vault);
    if (!st.ok()) return error("the key is unchanged: " + st.error().message);
    std::fprintf(c.out, "%s is encrypted with a new key\n", c.db_path.c_str());
    return kOk;
}

}  // namespace

int run_cli(int argc, char** argv) {
    Ctx c;
    c.db_path = default_db();
    Args a;
    static const std::set<std::string> kFlags = {"json", "all", "unread", "by-user", "template", "help", "yes",
                                                 "discard-unsent", "new-code", "version"};
    for (int i = 1; i < argc; ++i) {
        std::string s = argv[i];
        if (s == "-h") s = "--help";
        if (s.size() > 2 && s.rfind("--", 0) == 0) {
            std::string name = s.substr(2);
            if (name == "db") {
                if (i + 1 >= argc) return usage("--db needs a file");
                c.db_path = argv[++i];
            } else if (kFlags.count(name)) {
                a.flags.insert(name);
            } else {
                if (i + 1 >= argc) return usage("--" + name + " needs a value");
                a.opts[name] = argv[++i];
            }
        } else {
            a.pos.push_back(s);
        }
    }
    if (a.flags.count("help")) {
        std::fputs(kUsage, stdout);
        return kOk;
    }
    if (a.flags.count("version")) {
        std::printf("fika-cli %s\n", FIKA_VERSION);
        return kOk;
    }
    if (a.pos.empty()) {
        std::fputs(kUsage, stderr);
        return kUsageError;
    }
    c.json = a.flags.count("json") > 0;
    const std::string cmd = a.pos[0];
    static const std::set<std::string> known = {"connect", "enrol", "devices", "add", "set", "move", "delete", "restore", "list", "show", "sync",
                                                "status", "watch", "conflicts", "resolve", "refused", "retry", "dismiss",
                                                "notifications", "mail", "funnel", "pipeline", "roi", "export", "import", "person",
                                                "duplicates", "merge", "protect", "passphrase", "rekey", "signout", "attach", "attachments", "fetch", "resend"};
    if (!known.count(cmd)) return usage("unknown command '" + cmd + "'");
    std::error_code ec;
    auto parent = std::filesystem::path(c.db_path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (cmd == "protect") return cmd_protect(c);
    if (int rc = unlock(c); rc != kOk) return rc;
    if (cmd == "passphrase") return cmd_passphrase(c);
    if (cmd == "rekey") return cmd_rekey(c);
    auto store = sync::Store::open(c.db_path);
    if (!store.ok()) return error("cannot open " + c.db_path + ": " + store.error().message);
    c.store = std::move(store).value();
    if (cmd == "connect") return cmd_connect(c, a);
    if (cmd == "enrol") return cmd_enrol(c, a);
    if (cmd == "devices") return cmd_devices(c, a);
    if (cmd == "add") return cmd_add(c, a);
    if (cmd == "set") return cmd_set(c, a);
    if (cmd == "move") return cmd_move(c, a);
    if (cmd == "delete") return cmd_delete(c, a, false);
    if (cmd == "restore") return cmd_delete(c, a, true);
    if (cmd == "list") return cmd_list(c, a);
    if (cmd == "show") return cmd_show(c, a);
    if (cmd == "sync") return cmd_sync(c);
    if (cmd == "attach") return cmd_attach(c, a);
    if (cmd == "attachments") return cmd_attachments(c, a);
    if (cmd == "fetch") return cmd_fetch(c, a);
    if (cmd == "resend") return cmd_resend(c, a);
    if (cmd == "status") return cmd_status(c);
    if (cmd == "watch") return cmd_watch(c);
    if (cmd == "conflicts") return cmd_conflicts(c, a);
    if (cmd == "resolve") return cmd_resolve(c, a);
    if (cmd == "refused") return cmd_refused(c);
    if (cmd == "retry") return cmd_refused_resolve(c, a, true);
    if (cmd == "dismiss") return cmd_refused_resolve(c, a, false);
    if (cmd == "notifications") return cmd_notifications(c, a);
    if (cmd == "mail") return cmd_mail(c, a);
    if (cmd == "funnel") return cmd_funnel(c, a);
    if (cmd == "pipeline") return cmd_pipeline(c);
    if (cmd == "roi") return cmd_roi(c);
    if (cmd == "export") return cmd_export(c, a);
    if (cmd == "person") return cmd_person(c, a);
    if (cmd == "duplicates") return cmd_duplicates(c, a);
    if (cmd == "merge") return cmd_merge(c, a);
    if (cmd == "signout") return cmd_signout(c, a);
    return cmd_import(c, a);
}

}  // namespace fika::cli
