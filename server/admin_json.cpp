#include "admin_json.h"

namespace fika::server::admin_json {

json user(const User& u) {
    return {{"id", u.id}, {"name", u.name}, {"role", std::string(role_name(u.role))}, {"disabled", u.disabled},
            {"created_ms", u.created_ms}};
}

json users(const std::vector<User>& us) {
    json arr = json::array();
    for (const User& u : us) arr.push_back(user(u));
    return {{"users", arr}};
}

json added(const User& u, const std::string& token) { return {{"user", user(u)}, {"token", token}}; }

json disabled(const std::string& name, bool disabled) { return {{"name", name}, {"disabled", disabled}}; }

json token(const std::string& name, const std::string& token) { return {{"name", name}, {"token", token}}; }

json people(const std::vector<PersonRef>& ps) {
    json arr = json::array();
    for (const PersonRef& p : ps)
        arr.push_back({{"id", p.id}, {"name", p.name}, {"account", {{"id", p.account_id}, {"name", p.account_name}}}});
    return {{"people", arr}};
}

json accounts(const std::vector<AccountAccess>& as) {
    json arr = json::array();
    for (const AccountAccess& a : as) arr.push_back({{"id", a.id}, {"name", a.name}, {"granted", a.granted}});
    return {{"accounts", arr}};
}

json access(const std::string& user, const std::string& account, bool granted) {
    return {{"user", user}, {"account", account}, {"access", granted}};
}

json access_log(const std::vector<AccessEntry>& log) {
    json arr = json::array();
    for (const AccessEntry& e : log) {
        json j = {{"day", e.day},   {"who", e.who},           {"action", e.action}, {"subject", e.subject},
                  {"times", e.times}, {"first_ms", e.first_ms}, {"last_ms", e.last_ms}};
        if (!e.subject_name.empty()) j["subject_name"] = e.subject_name;
        arr.push_back(std::move(j));
    }
    return {{"entries", arr}};
}

json stats(const Stats& s) {
    return {{"users", s.users},
            {"devices", devices(s.device_list)["devices"]},
            {"records", s.records},
            {"buckets", s.buckets},
            {"notifications", s.notifications},
            {"webhook_queue", s.webhook_queue},
            {"mail_queue", s.mail_queue},
            {"database_bytes", s.db_bytes},
            {"hub_seq", s.hub_seq},
            {"feed_lag_s", s.feed_lag_s}};
}

json device(const Device& d) {
    return {{"site", d.site},
            {"user", d.user_name},
            {"name", d.name},
            {"platform", d.platform},
            {"app_version", d.app_version},
            {"user_agent", d.user_agent},
            {"first_seen_ms", d.first_seen_ms},
            {"last_sync_ms", d.last_sync_ms},
            {"syncs", d.syncs},
            {"enrolled_ms", d.enrolled_ms},
            {"revoked_ms", d.revoked_ms},
            {"signout_ms", d.signout_ms},
            {"wiped_ms", d.wiped_ms},
            {"wipe_reason", d.wipe_reason}};
}

json devices(const std::vector<Device>& ds) {
    json arr = json::array();
    for (const Device& d : ds) arr.push_back(device(d));
    return {{"devices", arr}};
}

json enrolment(const Enrolment& e, const std::string& link) {
    return {{"code", e.code}, {"link", link}, {"user", e.user_name}, {"expires_ms", e.expires_ms}};
}

json revoked(const std::string& site) { return {{"site", site}, {"revoked", true}}; }

json sign_out_asked(const std::string& site) { return {{"site", site}, {"sign_out", true}}; }

json backup(const std::string& path) { return {{"path", path}}; }

json wiped(const std::string& site, const std::string& reason) { return {{"site", site}, {"wiped", true}, {"reason", reason}}; }

json erased(const std::string& contact_id, const std::vector<std::string>& buckets) {
    return {{"erased", contact_id}, {"buckets", buckets}};
}

json notification(const Notification& n) {
    json payload = json::parse(n.payload, nullptr, false);
    return {{"n", n.n}, {"case_id", n.case_id}, {"created_ms", n.created_ms},
            {"read", n.read_ms.has_value()}, {"payload", payload.is_discarded() ? json(nullptr) : payload}};
}

json all_notifications(const std::vector<std::pair<Notification, std::string>>& ns) {
    json arr = json::array();
    for (const auto& [n, user] : ns) {
        json j = notification(n);
        j["user"] = user;
        arr.push_back(std::move(j));
    }
    return {{"notifications", arr}};
}

json mail_prefs(const std::optional<MailPrefs>& p, bool configured) {
    MailPrefs m = p.value_or(MailPrefs{});
    return {{"address", m.address}, {"mode", m.mode},       {"hour", m.hour},
            {"utc_offset_min", m.utc_offset_min}, {"lang", m.lang}, {"updated_ms", m.updated_ms},
            {"server_sends_mail", configured}};
}

json mail_queue(const std::vector<MailItem>& queue, const std::map<std::string, std::string>& names, bool configured) {
    json arr = json::array();
    for (const MailItem& m : queue) {
        json payload = json::parse(m.payload, nullptr, false);
        auto name = names.find(m.user_id);
        arr.push_back({{"n", m.n}, {"user", name == names.end() ? m.user_id : name->second}, {"digest", m.digest},
                       {"attempts", m.attempts}, {"next_at_ms", m.next_at_ms}, {"last_error", m.last_error},
                       {"payload", payload.is_discarded() ? json(nullptr) : payload}});
    }
    return {{"configured", configured}, {"queue", arr}};
}

json webhooks(const std::vector<WebhookItem>& queue, bool configured) {
    json arr = json::array();
    for (const WebhookItem& w : queue) {
        json payload = json::parse(w.payload, nullptr, false);
        arr.push_back({{"n", w.n}, {"attempts", w.attempts}, {"next_at_ms", w.next_at_ms}, {"last_error", w.last_error},
                       {"payload", payload.is_discarded() ? json(nullptr) : payload}});
    }
    return {{"configured", configured}, {"queue", arr}};
}

}  // namespace fika::server::admin_json
