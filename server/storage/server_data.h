// The server's own data beside the hub: users and their token hashes, access grants,
// devices, notifications and the exactly-once guard, the webhook queue and the access
// log. Plain reads and writes, no policy: the units of the server (sync_service.h,
// authorization.h, notifications.h, admin.h) decide what to write.
//
// Every call runs inside the hub's open unit of work when there is one
// (sync::HubStore::begin): the server's rows commit with the merge they belong to, or not
// at all. Storage engines implement this interface together with the hub they share a
// transaction with: sqlite_storage.h (one SQLite file) today.
#pragma once

#include <chrono>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "error.h"

namespace fika::server {

using sync::Code;
using sync::Error;
using sync::Result;
using sync::Status;

enum class UserRole { Consultant, Seller, Admin };
std::string_view role_name(UserRole r);
std::optional<UserRole> parse_role(std::string_view s);

struct User {
    std::string id;  // UUID, also the id of the user's record in the synced `users` table
    std::string name;
    UserRole role = UserRole::Consultant;
    bool disabled = false;
    std::uint64_t created_ms = 0;
    // Set on the caller of a request signed with an enrolled device's own token: that
    // device's site id ("" for the user's own token). Such a token syncs that device only.
    std::string device_site;
    bool reads_everything() const { return role != UserRole::Consultant; }
};

struct Notification {
    std::int64_t n = 0;
    std::string user_id;
    std::string case_id;
    std::string payload;  // JSON object, see docs/protocol.md
    std::uint64_t created_ms = 0;
    std::optional<std::uint64_t> read_ms;
};

// One sync of a device, as the server notes it (ServerData::devices_synced).
struct DeviceSync {
    std::string site, user_id, user_agent;
    // The device pushed, up to this outbox position (the push's order across instances:
    // see pushed_upto).
    std::optional<std::uint64_t> pushed_upto;
};

// A device: a replica (its site id) that synced, or was enrolled with a code.
struct Device {
    std::string site, user_name, user_agent;
    std::uint64_t first_seen_ms = 0, last_sync_ms = 0, syncs = 0;  // last_sync_ms 0: never synced
    std::uint64_t wiped_ms = 0;  // 0: not wiped
    std::string wipe_reason;
    // What the device said of itself when it was enrolled (empty for a device that only
    // ever signed in with its user's token).
    std::string name, platform, app_version;
    std::uint64_t enrolled_ms = 0;  // 0: never enrolled: it signs in with its user's token
    std::uint64_t revoked_ms = 0;   // 0: its own token works
    std::uint64_t signout_ms = 0;   // an admin asked it to sign out (0: not)
};

// What an admin told a device to do, at its next sync.
struct DeviceOrders {
    std::optional<std::string> wiped;  // the reason, when wiped: delete everything, send nothing
    bool sign_out = false;             // send everything, then delete everything
    std::string user_id;               // whose device it is ("": never seen)
    bool enrolled = false;             // it has a token of its own (only that token syncs it)
};

// What a sync is checked against (ServerData::sync_checks).
struct SyncChecks {
    DeviceOrders orders;
    std::set<std::string> grants;  // read only when asked for
};

// Who a token belongs to: a user (their own token), or one enrolled device of a user
// (`device_site` set), which may since have been revoked or wiped.
struct TokenOwner {
    User user;
    std::string device_site;
    std::uint64_t revoked_ms = 0, wiped_ms = 0;
    std::string wipe_reason;
};

// One line of the access log: who did what to whose data, per day. "download": the
// user's devices were sent changes of an account (subject: the account id; `times`: how
// many syncs); "export" and "erase": a person's data (subject: the contact id).
struct AccessEntry {
    std::string day;  // YYYY-MM-DD, UTC
    std::string who, action, subject, detail;
    std::uint64_t times = 0, first_ms = 0, last_ms = 0;
    std::string subject_name;  // not kept: the customer's or person's name when read (AccessLog::query)
};

struct WebhookItem {
    std::int64_t n = 0;
    std::string payload;
    int attempts = 0;
    std::uint64_t next_at_ms = 0;  // webhook_queue's: when it is tried next
    std::string last_error;        // ... and why the last attempt failed
};

// How a user wants to hear of what they are notified of by e-mail (server/mail.h): at
// once, in a daily digest at `hour` o'clock of their time (UTC + `utc_offset_min`), or not.
struct MailPrefs {
    std::string address;          // "" = no mail
    std::string mode = "none";    // "instant", "daily" or "none"
    int hour = 8;                 // 0-23, the daily digest's hour in the user's time
    int utc_offset_min = 0;       // the user's time zone when they last said
    std::string lang = "en";      // the mail's language: en, sv, da
    std::uint64_t updated_ms = 0;
    bool wants_mail() const { return !address.empty() && mode != "none"; }
};

// A mail waiting to go out: one notification, to its user; `digest` ones of one user go
// out together in one mail.
struct MailItem {
    std::int64_t n = 0;
    std::string user_id;
    std::int64_t notification = 0;
    bool digest = false;
    int attempts = 0;
    std::uint64_t next_at_ms = 0;
    std::string last_error;
    std::string payload;  // the notification's, as it is now (a person erased since is erased here)
    std::uint64_t created_ms = 0;  // the notification's
};

// A place in what has changed, for the live channel (server/live.h): changes and
// notifications committed after it are found by live_changes. Its numbers mean what the
// engine says (SQLite: the hub's last sequence number and the last notification's number,
// both committed in order by its one writer; PostgreSQL: the oldest transaction that may
// still commit, pg_snapshot_xmin, in both). Compare positions of one engine only.
struct LivePosition {
    std::uint64_t changes = 0;
    std::uint64_t notifications = 0;
    // Whether everything before `o` is before this one too.
    bool covers(const LivePosition& o) const { return changes >= o.changes && notifications >= o.notifications; }
};

// What committed after a position: buckets with their newest seq, new notifications (any
// user's, in order), and the position to read from next. It may repeat something already
// returned from an earlier position (never miss one): readers drop what they have seen.
struct LiveBatch {
    std::vector<std::pair<std::string, std::uint64_t>> buckets;
    std::vector<Notification> notifications;
    LivePosition next;
};

// How many rows of each kind the server holds.
struct ServerCounts {
    std::size_t users = 0, devices = 0, notifications = 0, webhook_queue = 0, mail_queue = 0;
};

// Hints that another server instance on the same database committed something: a small
// signal, never the change itself (readers read the database). It may be lost (a dropped
// connection has no replay): wait() then answers true once reconnected, so the reader
// reads anyway.
class ChangeHints {
public:
    virtual ~ChangeHints() = default;
    // Waits up to `timeout`; true when a hint came (or may have been missed).
    virtual bool wait(std::chrono::milliseconds timeout) = 0;
    // Ends a wait now (from any thread).
    virtual void interrupt() = 0;
};

class ServerData {
public:
    virtual ~ServerData() = default;
    // Errors of every call: Storage, Busy (and Failure is thrown by none: they return).

    // ---- users ----------------------------------------------------------------------
    // Whose token has this hash: a user's own, or an enrolled device's (revoked and wiped
    // ones too, so the caller can say so). Safe to call from any thread at any time, also
    // while a unit of work is open on another (it reads through its own connection).
    virtual Result<std::optional<TokenOwner>> token_owner(const std::string& hash) = 0;
    virtual Result<std::optional<User>> user_named(const std::string& name) = 0;
    virtual Result<std::optional<std::string>> user_name_of(const std::string& id) = 0;
    virtual Result<std::vector<User>> users() = 0;
    // Enabled sellers: who is told of new cases.
    virtual Result<std::vector<User>> sellers() = 0;
    virtual Status insert_user(const User& u, const std::string& token_hash) = 0;
    virtual Status set_disabled(const std::string& user_id, bool disabled) = 0;
    // `hash` empty: the user has no token of their own any more (only enrolled devices).
    virtual Status set_token_hash(const std::string& user_id, const std::string& hash) = 0;

    // ---- enrolment codes --------------------------------------------------------------
    // Stores a code (its hash) for the user, usable until `expires_ms`; forgets codes that
    // expired more than a day ago.
    virtual Status add_enrolment(const std::string& code_hash, const std::string& user_id, std::uint64_t now_ms,
                                 std::uint64_t expires_ms) = 0;
    // Uses a code in one statement: the user it was made for when it exists, is unused
    // and has not expired at `now_ms` - then it is used, by `site`. Two instances given the
    // same code at once: one gets the user, the other nullopt.
    virtual Result<std::optional<std::string>> use_enrolment(const std::string& code_hash, const std::string& site,
                                                             std::uint64_t now_ms) = 0;

    // ---- grants (a consultant's readable accounts) -----------------------------------
    virtual Result<std::set<std::string>> grants_of(const std::string& user_id) = 0;
    virtual Result<bool> has_grant(const std::string& user_id, const std::string& account_id) = 0;
    virtual Status add_grant(const std::string& user_id, const std::string& account_id) = 0;
    // Returns whether there was one.
    virtual Result<bool> remove_grant(const std::string& user_id, const std::string& account_id) = 0;

    // ---- devices ----------------------------------------------------------------------
    // The syncs of a group, at `now_ms`: each device's last sync, count, user agent and
    // pushed position (the later sync of a device counts last). A known device stays its
    // first user's.
    virtual Status devices_synced(const std::vector<DeviceSync>& syncs, std::uint64_t now_ms) = 0;
    // The outbox position of the device's last merged push, if any.
    virtual Result<std::optional<std::uint64_t>> pushed_upto(const std::string& site) = 0;
    // Every device with its user's name (`user_id` nonempty: that user's only), the last
    // to sync first.
    virtual Result<std::vector<Device>> devices(const std::string& user_id = "") = 0;
    // The device `d.site` of the user gets its own token (hash): created, or (a device
    // that synced with its user's token) given one; its earlier token stops working.
    virtual Status enrol_device(const Device& d, const std::string& user_id, const std::string& token_hash,
                                std::uint64_t now_ms) = 0;
    // The device's own token stops working; the user's others are untouched. NotFound
    // for an unknown site, Invalid for a device that never had a token of its own.
    virtual Status revoke_device(const std::string& site, std::uint64_t now_ms) = 0;
    // A lost device: at its next sync it is told to delete what it holds, and nothing
    // from it is taken any more. NotFound for a device that never synced.
    virtual Status wipe_device(const std::string& site, const std::string& reason, std::uint64_t now_ms) = 0;
    // What a sync of device `site` by user `user_id` is checked against before it waits
    // for its group: what an admin told the device to do (nothing, for an unknown one)
    // and, when `with_grants`, the accounts the user is granted. Read as token_owner is,
    // on a connection of its own (what is committed, never the open unit of work's), and
    // in one round trip: on PostgreSQL each read was one, and a group's merges waited
    // for the grants' one per sync.
    virtual Result<SyncChecks> sync_checks(const std::string& site, const std::string& user_id, bool with_grants) = 0;
    Result<DeviceOrders> device_orders(const std::string& site) {
        auto c = sync_checks(site, {}, false);
        if (!c.ok()) return c.error();
        return std::move(c->orders);
    }
    // An admin asks the device to sign out: its syncs are still taken, and their answers
    // tell it to delete its data once everything is sent. NotFound for an unknown device.
    virtual Status ask_sign_out(const std::string& site, std::uint64_t now_ms) = 0;
    // The device, of this user, says it signed out as asked: its own token stops working.
    // NotFound when no sign-out was asked of that user's device.
    virtual Status signed_out(const std::string& site, const std::string& user_id, std::uint64_t now_ms) = 0;

    // ---- notifications ----------------------------------------------------------------
    // Marks a record as notified; false when it was already (the exactly-once guard).
    virtual Result<bool> mark_notified(const std::string& record_id) = 0;
    // Marks many at once (records that are never news: nobody to tell, or sent again).
    virtual Status mark_all_notified(const std::vector<std::string>& record_ids) = 0;
    virtual Result<std::int64_t> add_notification(const std::string& user_id, const std::string& case_id,
                                                  const std::string& payload, std::uint64_t now_ms) = 0;
    // Newest first; `user_id` empty: everyone's (the admin's view).
    virtual Result<std::vector<Notification>> notifications(const std::string& user_id, bool unread_only,
                                                            std::size_t limit) = 0;
    // ids empty: all of the user's unread. Returns how many were marked.
    virtual Result<std::size_t> mark_read(const std::string& user_id, const std::vector<std::int64_t>& ids,
                                          std::uint64_t now_ms) = 0;
    // The person's name leaves every notification and queued webhook payload naming them.
    virtual Status forget_person_in_payloads(const std::string& contact_id) = 0;

    // ---- the webhook queue ------------------------------------------------------------
    virtual Status queue_webhook(const std::string& payload, std::uint64_t now_ms) = 0;
    // Claims the oldest due entry: in the same statement it is not due again until
    // now + lease, so another instance does not take it meanwhile, and an instance that
    // dies while delivering it leaves it to be delivered again after the lease.
    virtual Result<std::optional<WebhookItem>> next_webhook(std::uint64_t now_ms, std::uint64_t lease_ms) = 0;
    virtual Status webhook_done(std::int64_t n) = 0;
    virtual Status webhook_failed(std::int64_t n, std::uint64_t retry_at_ms, const std::string& error) = 0;
    // What waits to be delivered, oldest first, with its attempts and last error.
    virtual Result<std::vector<WebhookItem>> webhook_queue(std::size_t limit) = 0;

    // ---- e-mail ---------------------------------------------------------------------------
    virtual Result<std::optional<MailPrefs>> mail_prefs(const std::string& user_id) = 0;
    virtual Status set_mail_prefs(const std::string& user_id, const MailPrefs& p) = 0;
    // Queues the notification `notification` for mail to its user, due at `due_ms`.
    virtual Status queue_mail(std::int64_t notification, const std::string& user_id, bool digest,
                              std::uint64_t due_ms) = 0;
    // The user changed how they hear: their waiting mail is due at `due_ms`, as a digest
    // or not; `drop`: it is dropped (they want none).
    virtual Status requeue_mail(const std::string& user_id, bool digest, std::uint64_t due_ms, bool drop) = 0;
    // Claims the oldest due mail, for `lease_ms` as next_webhook does; a digest entry
    // comes with every other due digest entry of its user (one mail), oldest first.
    virtual Result<std::vector<MailItem>> next_mail(std::uint64_t now_ms, std::uint64_t lease_ms) = 0;
    virtual Status mail_done(const std::vector<std::int64_t>& ns) = 0;
    virtual Status mail_failed(const std::vector<std::int64_t>& ns, std::uint64_t retry_at_ms,
                               const std::string& error) = 0;
    // What waits to go out, oldest first (payloads left out).
    virtual Result<std::vector<MailItem>> mail_queue(std::size_t limit) = 0;

    // ---- attachments' content (content.h) ------------------------------------------------
    // A customer (bucket) holds a content once the content of one of its attachments was
    // uploaded whole: reading it takes an attachment in that bucket, never the hash alone.
    virtual Result<bool> content_held(const std::string& bucket, const std::string& hash) = 0;
    virtual Status hold_content(const std::string& bucket, const std::string& hash, std::uint64_t now_ms) = 0;
    // Whether an attachment not erased (in the trash or not) names the content.
    virtual Result<bool> content_named(const std::string& hash) = 0;
    // The content is gone (erased): no bucket holds it any more.
    virtual Status forget_content(const std::string& hash) = 0;

    // ---- the access log ---------------------------------------------------------------
    // Adds `e.times` to the line (day, who, action, subject), creating it.
    virtual Status log_access(const AccessEntry& e) = 0;
    // Newest first. `subject` nonempty: the lines about it, and the downloads of
    // `download_subject` (a person's account); `who` nonempty: that user's lines only.
    virtual Result<std::vector<AccessEntry>> access_log(const std::string& subject,
                                                        const std::string& download_subject, const std::string& who,
                                                        std::size_t limit) = 0;

    virtual Result<ServerCounts> server_counts() = 0;

    // A secret of this database, the same for every instance serving it (the web
    // console's session key): `proposal` is stored under `name` the first time, and what
    // is stored is returned. Never sent to a device.
    virtual Result<std::string> secret(const std::string& name, const std::string& proposal) = 0;

    // ---- the live channel ---------------------------------------------------------------
    // Both safe from any thread at any time (they read through a connection of their own).
    // Where the changes stand now: live_changes(live_position()) finds only what commits
    // after this call.
    virtual Result<LivePosition> live_position() = 0;
    // What committed after `since` (see LiveBatch); `user_id` nonempty: only that user's
    // notifications.
    virtual Result<LiveBatch> live_changes(const LivePosition& since, const std::string& user_id) = 0;
    // How far back the oldest transaction still open on the database holds the live
    // channel's readers, in seconds (0 on an engine with one writer).
    virtual Result<double> feed_lag_s() { return 0.0; }
    // Hints of other instances' commits; nullptr when this storage has no other writer.
    virtual std::unique_ptr<ChangeHints> hints() { return nullptr; }
};

// Where a storage engine copies a database an older fika-server wrote before it migrates
// it: DIR/before-migration-YYYYMMDD-HHMMSSZ-schemaVERSIONS.EXT (a name the scheduled
// backups' rotation leaves alone; -2, -3... after it when taken twice in a second).
// Creates DIR.
inline std::string before_migration_path(const std::filesystem::path& dir, const std::string& versions,
                                         const std::string& ext) {
    std::filesystem::create_directories(dir);
    auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%SZ", &tm);
    std::string base = "before-migration-" + std::string(stamp) + "-schema" + versions;
    std::filesystem::path to = dir / (base + "." + ext);
    for (int n = 2; std::filesystem::exists(to); ++n) to = dir / (base + "-" + std::to_string(n) + "." + ext);
    return to.string();
}

}  // namespace fika::server
