// The server's storage: users and tokens, access grants, notifications, the webhook
// queue, devices — and the hub replica of the sync engine that holds the synced data.
//
// This is the narrow interface the rest of the server talks to. SQLite (one file in the
// data directory, `fika-server.db`) is the embedded default; a PostgreSQL implementation
// for several server instances would implement the same interface.
//
// Server tables (in the same file as the hub's tables; see migrate() in server_store.cpp)
//   srv_users(id, name, role, disabled, token_hash, created_at)
//   srv_grants(user_id, account_id)                     consultants' readable accounts
//   srv_notifications(n, user_id, case_id, payload, created_at, read_at)
//   srv_notified(record_id)                             one row per case ever notified:
//                                                       the exactly-once guard
//   srv_webhook(n, payload, attempts, next_at, last_error)  the outgoing webhook queue
//   srv_devices(site, user_id, first_seen, last_sync, syncs, user_agent)
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "protocol.h"
#include "store.h"

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

struct Device {
    std::string site, user_name, user_agent;
    std::uint64_t first_seen_ms = 0, last_sync_ms = 0, syncs = 0;
};

struct Stats {
    std::size_t users = 0, devices = 0, records = 0, buckets = 0, notifications = 0;
    std::size_t webhook_queue = 0;
    std::uint64_t db_bytes = 0, hub_seq = 0;
    std::vector<Device> device_list;
};

// What one sync round trip did, for the live channel and metrics.
struct SyncOutcome {
    sync::SyncResponse response;
    std::size_t accepted = 0, refused = 0;
    std::vector<std::string> buckets_changed;
    std::vector<Notification> notifications;  // created by this push
};

// One line of the access log: who did what to whose data, per day. "download": the
// user's devices were sent changes of an account (subject: the account id; `times`: how
// many syncs); "export" and "erase": a person's data (subject: the contact id).
struct AccessEntry {
    std::string day;  // YYYY-MM-DD, UTC
    std::string who, action, subject, detail;
    std::uint64_t times = 0, first_ms = 0, last_ms = 0;
};

struct WebhookItem {
    std::int64_t n = 0;
    std::string payload;
    int attempts = 0;
};

struct DeviceInfo {
    std::string user_agent;
};

class ServerStore {
public:
    virtual ~ServerStore() = default;

    // Errors: NotFound (unknown user), Invalid (bad name or role), Storage, Busy.
    virtual Result<std::optional<User>> user_by_token(const std::string& token) = 0;
    // Returns the user and its token (shown once; only its hash is stored).
    virtual Result<std::pair<User, std::string>> add_user(const std::string& name, UserRole role) = 0;
    virtual Result<std::vector<User>> users() = 0;
    virtual Result<User> user(const std::string& name) = 0;
    virtual Status set_disabled(const std::string& name, bool disabled) = 0;
    virtual Result<std::string> rotate_token(const std::string& name) = 0;
    virtual Status grant(const std::string& user_name, const std::string& account_id) = 0;
    virtual Status revoke(const std::string& user_name, const std::string& account_id) = 0;
    // The buckets a user may read: every bucket for sellers and admins.
    virtual Result<std::vector<std::string>> readable_buckets(const User& u) = 0;
    virtual bool can_read(const User& u, const std::string& bucket) = 0;

    // One round trip of the protocol for `u`: merge the push (refusing what `u` may not
    // write), create the notifications of new cases, all in one transaction; then the
    // pages of every readable bucket after the client's cursors, and the buckets to purge.
    virtual Result<SyncOutcome> sync(const User& u, const sync::SyncRequest& req,
                                     const DeviceInfo& device) = 0;

    virtual Result<std::vector<Notification>> notifications(const User& u, bool unread_only,
                                                            std::size_t limit) = 0;
    // ids empty: all. Returns how many were marked.
    virtual Result<std::size_t> mark_read(const User& u, const std::vector<std::int64_t>& ids) = 0;

    // The webhook queue: the oldest due entry, then done / failed (with back-off).
    virtual Result<std::optional<WebhookItem>> next_webhook(std::uint64_t now_ms) = 0;
    virtual Status webhook_done(std::int64_t n) = 0;
    virtual Status webhook_failed(std::int64_t n, std::uint64_t retry_at_ms, const std::string& error) = 0;

    // GDPR, on the server's copy of everything. export_person: all held about a person
    // (sync::person_export) and logs "export". erase_person: sync::Store::erase_person on
    // the hub (every device follows at its next sync), clears the name from
    // notifications and queued webhooks, and logs "erase"; returns the buckets changed.
    // `who` is the admin's name for the log. Errors: NotFound, Storage.
    virtual Result<std::string> export_person(const std::string& who, const std::string& contact_id) = 0;
    virtual Result<std::vector<std::string>> erase_person(const std::string& who, const std::string& contact_id) = 0;
    // The access log, newest first: about a person (their exports and erasure, and the
    // downloads of their account), of one user, or everything; at most `limit` lines.
    virtual Result<std::vector<AccessEntry>> access_log(const std::string& person, const std::string& who,
                                                        std::size_t limit) = 0;

    virtual Result<Stats> stats() = 0;
    // An online, consistent copy of the whole database (SQLite backup API). Invalid when
    // `path` is the database's own file.
    virtual Status backup(const std::string& path) = 0;
    // Invalid when `path` is one of the store's own files (an export must not overwrite
    // the database, nor open it outside the database engine).
    virtual Status check_output_file(const std::string& path) = 0;
};

struct ServerStoreOptions {
    sync::WallClock wall = sync::system_wall_clock();
    std::uint64_t max_drift_ms = 10 * 60 * 1000;
    bool webhook = false;  // queue new-case notifications for the webhook
    bool integrity_check = true;
    // How long a push that follows another still unanswered one waits for it.
    std::chrono::milliseconds push_order_wait{10000};
    // How many such pushes may wait at once. Each holds a worker thread while it waits;
    // past this many the next is answered "busy" at once, so that the pushes they wait
    // for always find a free thread (fika-server: half its --workers).
    std::size_t max_waiting_pushes = 8;
};

// Opens (creating when missing) DIR/fika-server.db. Errors as Store::open.
Result<std::unique_ptr<ServerStore>> open_sqlite_store(const std::string& data_dir,
                                                       const ServerStoreOptions& opts = {});

std::string database_path(const std::string& data_dir);

// The data directory's serving lock (DATA/fika-server.lock, never the database itself):
// `serve` holds it for its whole run, so two servers never share a data directory and
// `restore` can tell that one runs. Released when destroyed.
class DataLock {
public:
    explicit DataLock(int fd) : fd_(fd) {}
    ~DataLock();
    DataLock(const DataLock&) = delete;
    DataLock& operator=(const DataLock&) = delete;

private:
    int fd_;
};
// Errors: Busy (a server runs on it; the message names its process), Storage.
Result<std::unique_ptr<DataLock>> lock_data_dir(const std::string& data_dir);

struct RestoreReport {
    std::string replaced;  // where the database that was in place is kept ("" if none)
    std::uint64_t seq = 0;
    std::size_t records = 0;
    std::uint64_t incarnation = 0;
};
// Puts the database in `backup` (a fika-server backup) in place of DATA's, with no server
// running on DATA: the copy is checked (a Fika server database that passes its integrity
// check, migrated to this version) before anything is replaced, gets a new incarnation
// (so every device sends again what the backup lacks and downloads from the start), and
// the database it replaces is kept as DATA/fika-server.db.replaced-TIMESTAMP.
// Errors: Busy (a server runs), NotFound, Corrupt (not a backup), Invalid, Storage.
Result<RestoreReport> restore_sqlite_store(const std::string& data_dir, const std::string& backup);

}  // namespace fika::server
