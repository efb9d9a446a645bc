#include "notifications.h"

#include <nlohmann/json.hpp>

#include <optional>

#include "mail.h"
#include "rules.h"

namespace fika::server {

using sync::must;

using json = nlohmann::json;

namespace {


std::string str(const sync::Value& v) { return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : ""; }

json value_json(const sync::Value& v) {
    switch (v.index()) {
        case 1: return std::get<1>(v);
        case 2: return std::get<2>(v);
        case 3: return std::get<3>(v);
        default: return nullptr;
    }
}

}  // namespace

void Notifier::merged(const User& pusher, const sync::ApplyResult& applied, bool resent,
                      std::optional<std::vector<User>>& sellers, std::vector<Notification>& out) {
    if (applied.created.empty()) return;
    std::vector<User> to;
    if (!resent) {
        if (!sellers) sellers = must(data_.sellers());  // once per unit of work, not per push
        to = *sellers;
    }
    // Nobody to tell: nothing to mark either. A record is created here only when the hub
    // has no row of its id, and the hub never removes a row (an erasure keeps it), so these
    // cases cannot be news later; a restore from a backup takes the marks back with the rows.
    // (Marking them cost an upload of 100,000 cases on PostgreSQL 0.4 s of its CPU.)
    if (to.empty() && !webhook_ && !resent) return;
    if (resent) {
        // Sent again after a restore: its sellers heard of it before the restore.
        std::vector<std::string> cases;
        for (auto& [table, id] : applied.created)
            if (table->name == "cases") cases.push_back(id);
        must(data_.mark_all_notified(cases));
        return;
    }
    Prefs prefs;
    if (mail_)
        for (const User& s : to) prefs[s.id] = must(data_.mail_prefs(s.id));
    for (auto& [table, id] : applied.created) created(pusher, *table, id, to, prefs, out);
}

void Notifier::created(const User& pusher, const sync::TableDef& table, const std::string& id,
                       const std::vector<User>& to, const Prefs& prefs, std::vector<Notification>& out) {
    const std::string& t = table.name;
    if (t != "cases" && t != "accounts" && t != "activities") return;
    auto record = [&](const char* tbl, const std::string& rid) -> std::optional<sync::Record> {
        if (rid.empty()) return std::nullopt;
        auto r = hub_.get(tbl, rid);
        if (!r.ok()) return std::nullopt;
        return std::move(r).value();
    };
    // Another live, active account of the same competitor group (the competitor rule).
    auto active_rival = [&](const sync::Record& account) -> std::optional<std::string> {
        auto rivals = must(rules::active_rivals(hub_, str(account["competitor_group"]), account.id, 1));
        if (rivals.empty()) return std::nullopt;
        return rivals.front();
    };
    auto rec = record(t.c_str(), id);
    if (!rec) return;
    json payload;
    std::vector<std::string> flags;
    std::optional<sync::Record> account = t == "accounts" ? rec : record("accounts", str((*rec)["account_id"]));
    if (t == "cases") {
        payload["kind"] = "new_case";
        payload["case"] = {{"id", id}, {"title", value_json((*rec)["title"])},
                           {"value", value_json((*rec)["value"])}, {"currency", value_json((*rec)["currency"])},
                           {"stage", value_json((*rec)["stage"])}, {"need", value_json((*rec)["need"])}};
        if (account) flags = rules::policy_flags(str((*account)["policy"]), "", std::nullopt, false);
    } else if (t == "accounts") {
        std::string group = str((*rec)["competitor_group"]);
        flags = rules::policy_flags(str((*rec)["policy"]), group, group.empty() ? std::nullopt : active_rival(*rec), true);
        if (flags.empty()) return;  // only a new account in a competitor's group is news
        payload["kind"] = "competitor_account";
    } else {
        bool outbound = str((*rec)["direction"]) != "inbound";
        if (!outbound || !account) return;
        flags = rules::policy_flags(str((*account)["policy"]), "", std::nullopt, false);
        if (flags.empty()) return;  // outbound work on an inbound-only/blocked account
        payload["kind"] = "policy_activity";
        payload["activity"] = {{"id", id}, {"type", value_json((*rec)["type"])}, {"date", value_json((*rec)["date"])}};
    }
    // Exactly once per record, whatever retries happen.
    if (!must(data_.mark_notified(id))) return;

    if (account)
        payload["account"] = {{"id", account->id}, {"name", value_json((*account)["name"])},
                              {"policy", value_json((*account)["policy"])},
                              {"competitor_group", value_json((*account)["competitor_group"])}};
    auto contact = record("contacts", str((*rec)["contact_id"]));
    payload["contact"] = contact ? json{{"id", contact->id}, {"name", value_json((*contact)["name"])},
                                        {"role", value_json((*contact)["role"])}}
                                 : json(nullptr);
    std::string finder = str((*rec)["found_by"]);
    if (finder.empty()) finder = str((*rec)["by_user"]);
    if (finder.empty()) finder = pusher.id;
    payload["found_by"] = {{"id", finder}, {"name", must(data_.user_name_of(finder)).value_or(finder)}};
    payload["flags"] = flags;
    payload["links"] = {{"case", t == "cases" ? "fika:cases/" + id : ""},
                        {"account", account ? "fika:accounts/" + account->id : ""},
                        {"contact", contact ? "fika:contacts/" + contact->id : ""},
                        {"found_by", "fika:users/" + finder}};
    std::string text = payload.dump();
    std::uint64_t now = hub_.now_ms();
    for (const User& s : to) {
        Notification n;
        n.n = must(data_.add_notification(s.id, id, text, now));
        n.user_id = s.id;
        n.case_id = id;
        n.payload = text;
        n.created_ms = now;
        // Mail too, in the same unit of work: exactly one per notification.
        if (auto p = prefs.find(s.id); p != prefs.end() && p->second)
            if (auto due = mail_due(*p->second, now)) must(data_.queue_mail(n.n, s.id, due->first, due->second));
        out.push_back(std::move(n));
    }
    if (webhook_) {
        must(data_.queue_webhook(text, now));
    }
}

}  // namespace fika::server
