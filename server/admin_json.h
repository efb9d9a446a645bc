// The admin's answers as JSON: one shape whether asked over HTTP (/v1/admin/..., app.cpp)
// or on the command line (fika-server --json ..., main.cpp). docs/protocol.md lists them.
// Also a notification's shape, which the inbox and the live channel (live.cpp) share.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "admin.h"
#include "storage/server_data.h"

namespace fika::server::admin_json {

using json = nlohmann::json;

json user(const User& u);                                    // {id, name, role, disabled, created_ms}
json users(const std::vector<User>& us);                      // {"users": [user...]}
json added(const User& u, const std::string& token);          // {"user": user, "token"}
json disabled(const std::string& name, bool disabled);        // {"name", "disabled"}
json token(const std::string& name, const std::string& token);  // {"name", "token"}
json access(const std::string& user, const std::string& account, bool granted);  // {"user", "account", "access"}
json people(const std::vector<PersonRef>& ps);                 // {"people": [{id, name, account: {id, name}}]}
json accounts(const std::vector<AccountAccess>& as);           // {"accounts": [{id, name, granted: [names]}]}
json access_log(const std::vector<AccessEntry>& log);         // {"entries": [{day, who, action, subject, times, first_ms, last_ms}]}
json stats(const Stats& s);  // {users, devices: [device...], records, buckets, notifications, webhook_queue, database_bytes, hub_seq, feed_lag_s}
json backup(const std::string& path);                         // {"path"}
json wiped(const std::string& site, const std::string& reason);  // {"site", "wiped": true, "reason"}
json device(const Device& d);  // {site, user, name, platform, app_version, user_agent, first_seen_ms, last_sync_ms, syncs, enrolled_ms, revoked_ms, signout_ms, wiped_ms, wipe_reason}
json devices(const std::vector<Device>& ds);  // {"devices": [device...]}
json enrolment(const Enrolment& e, const std::string& link);  // {"code", "link", "user", "expires_ms"}
json revoked(const std::string& site);  // {"site", "revoked": true}
json sign_out_asked(const std::string& site);  // {"site", "sign_out": true}
json notification(const Notification& n);  // {n, case_id, created_ms, read, payload}
json all_notifications(const std::vector<std::pair<Notification, std::string>>& ns);  // {"notifications": [{... user}]}
json mail_prefs(const std::optional<MailPrefs>& p, bool configured);  // {address, mode, hour, utc_offset_min, lang, updated_ms, "server_sends_mail"}
json mail_queue(const std::vector<MailItem>& queue, const std::map<std::string, std::string>& names, bool configured);  // {"configured", "queue": [{n, user, digest, attempts, next_at_ms, last_error, payload}]}
json webhooks(const std::vector<WebhookItem>& queue, bool configured);  // {"configured", "queue": [{n, attempts, next_at_ms, last_error, payload}]}
json erased(const std::string& contact_id, const std::vector<std::string>& buckets);  // {"erased", "buckets"}

}  // namespace fika::server::admin_json
