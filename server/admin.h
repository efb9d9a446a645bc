// The admin's commands, the same for `fika-server user|grant|person|stats ...` and the
// HTTP /admin API: users and their tokens, grants, a person's export and erasure (GDPR),
// the statistics. Each runs in one unit of work of the hub.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "access_log.h"
#include "hub_store.h"
#include "storage/server_data.h"

namespace fika::server {

struct Stats {
    std::size_t users = 0, devices = 0, records = 0, buckets = 0, notifications = 0;
    std::size_t webhook_queue = 0, mail_queue = 0;
    std::uint64_t db_bytes = 0, hub_seq = 0;
    double feed_lag_s = 0;  // ServerData::feed_lag_s
    std::vector<Device> device_list;
};

// 128 random bits, shown once: "fika_" + 32 hex digits; and what is stored of one.
std::string new_token();
std::string token_hash(const std::string& token);
bool valid_user_name(const std::string& name);

// A new enrolment code (sync/enrolment.h), shown once; only its hash is stored.
struct Enrolment {
    std::string code;  // XXXX-XXXX-XXXX
    std::string user_name;
    std::uint64_t expires_ms = 0;
};

// What a device says of itself when it exchanges a code (POST /v1/enrol).
struct EnrolRequest {
    std::string code, site, name, platform, app_version, user_agent;
};

// How long a code may be used: 24 hours unless the admin says otherwise, at most 7 days.
inline constexpr std::uint64_t kEnrolTtlDefaultMin = 24 * 60;
inline constexpr std::uint64_t kEnrolTtlMaxMin = 7 * 24 * 60;

// A person (a contact) and the customer they belong to, for finding them by name.
struct PersonRef {
    std::string id, name, account_id, account_name;
};

// A customer account and the consultants granted it (sellers and admins read every one).
struct AccountAccess {
    std::string id, name;
    std::vector<std::string> granted;  // user names
};

class Admin {
public:
    Admin(sync::HubStore& hub, ServerData& data, AccessLog& log) : hub_(hub), data_(data), log_(log) {}

    // Errors: NotFound (unknown user), Invalid (bad name or role, a name taken), Storage, Busy.
    // Returns the user and its token (shown once; only its hash is stored). The user's
    // record in the synced `users` directory is written in the same unit of work.
    Result<std::pair<User, std::string>> add_user(const std::string& name, UserRole role);
    Result<User> user(const std::string& name);
    Status set_disabled(const std::string& name, bool disabled);
    // A new token for the user (shown once), or none at all (`none`): then only the user's
    // enrolled devices sign in.
    Result<std::string> rotate_token(const std::string& name, bool none = false);
    // A single-use code that signs one new device in as `name`, valid `ttl_min` minutes.
    // Errors: NotFound, Invalid (a disabled user, a ttl of 0 or past kEnrolTtlMaxMin).
    Result<Enrolment> new_enrolment(const std::string& name, std::uint64_t ttl_min);
    // Exchanges a code for the device's own token (shown once); nullopt for an unknown,
    // used or expired code (which of these is not told: a guesser learns nothing).
    // Errors: Invalid (a malformed request), Forbidden (a wiped device, a disabled user).
    Result<std::optional<std::pair<User, std::string>>> enrol(const EnrolRequest& req);
    // Uses a code to sign in somewhere that is not a device (the web console: `used_by`
    // "console"): its user, nullopt for an unknown, used or expired code. Errors:
    // Forbidden (a disabled user, or one whose role `allowed` refuses; the code stays unused).
    Result<std::optional<User>> redeem_code(const std::string& code, const std::string& used_by,
                                            const std::function<bool(const User&)>& allowed);
    // A user's devices (every device: name empty), with the app version their last sync
    // told. Errors: NotFound.
    Result<std::vector<Device>> devices(const std::string& name);
    // The device's own token stops working. Errors: NotFound, Invalid (no token of its own).
    Status revoke_device(const std::string& site);
    // Accounts whose name contains `query` (any case), name order, with who is granted each.
    Result<std::vector<AccountAccess>> accounts(const std::string& query, std::size_t limit);
    // People whose name contains `query` (any case), name order, with their customer.
    Result<std::vector<PersonRef>> people(const std::string& query, std::size_t limit);
    // The accounts a consultant is granted (an account not on the hub yet: its id, no name).
    Result<std::vector<AccountAccess>> access_of(const std::string& user_name);
    Status grant(const std::string& user_name, const std::string& account_id);
    Status revoke(const std::string& user_name, const std::string& account_id);

    // All held about a person (sync::person_export), logged as "export" by `who`.
    Result<std::string> export_person(const std::string& who, const std::string& contact_id);
    // Erases a person on the hub (every device follows at its next sync), clears their
    // name from notifications and queued webhooks, logs "erase"; returns the buckets changed.
    Result<std::vector<std::string>> erase_person(const std::string& who, const std::string& contact_id);
    Result<Stats> stats();
    // A lost device (by its site id, as `stats` lists it): told to delete its data at its
    // next sync; nothing from it is taken any more. Errors: NotFound (never synced).
    Status wipe_device(const std::string& site, const std::string& reason);

private:
    User find_user(const std::string& name);

    sync::HubStore& hub_;
    ServerData& data_;
    AccessLog& log_;
};

}  // namespace fika::server
