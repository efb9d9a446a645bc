// The server's core, as the HTTP layer (app.h) and the admin command line (main.cpp) use
// it: a storage engine (the hub and the server's own data sharing its transactions) and
// the units written against it - the sync service (sync_service.h), authorisation
// (authorization.h), notifications (notifications.h), the access log (access_log.h) and
// the admin's commands (admin.h). One lock serialises the storage's use (one
// connection); a request is authenticated without it.
//
// The embedded engine: one SQLite file in the data directory (storage/sqlite_storage.h).
// Another engine (PostgreSQL, for several instances) implements Storage the same way.
#pragma once

#include <chrono>
#include <filesystem>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "access_log.h"
#include "admin.h"
#include "attachments.h"
#include "authorization.h"
#include "hub_store.h"
#include "notifications.h"
#include "protocol.h"
#include "storage/server_data.h"
#include "storage/sqlite_storage.h"
#include "sync_service.h"

namespace fika::server {

// A storage engine: the hub and the server's data, which join the hub's units of work.
class Storage {
public:
    virtual ~Storage() = default;
    virtual sync::HubStore& hub() = 0;
    virtual ServerData& data() = 0;
    // An online, consistent copy of the whole database. Invalid when `path` is the
    // database's own file.
    virtual Status backup(const std::string& path) = 0;
    // Invalid when `path` is one of the storage's own files (an export must not overwrite
    // the database, nor open it outside the database engine).
    virtual Status check_output_file(const std::string& path) = 0;
    // The server is closing (the last unit of work has committed).
    virtual void closing() {}
    // The database layout's version, as before-migration copies name it ("2.7").
    virtual std::string layout() const = 0;
};

struct ServerStoreOptions {
    sync::WallClock wall = sync::system_wall_clock();
    std::uint64_t max_drift_ms = 10 * 60 * 1000;
    bool webhook = false;  // queue new-case notifications for the webhook
    bool mail = false;     // ... and for e-mail (mail.h), to each seller who wants it
    bool integrity_check = true;
    // How long a push that follows another still unanswered one waits for it.
    std::chrono::milliseconds push_order_wait{10000};
    // How many such pushes may wait at once. Each holds a worker thread while it waits;
    // past this many the next is answered "busy" at once, so that the pushes they wait
    // for always find a free thread (fika-server: half its --workers).
    std::size_t max_waiting_pushes = 8;
    // PostgreSQL: where a database an older fika-server wrote is dumped before it is
    // migrated (fika-server: DATA/backups; the embedded file's copy goes beside it).
    std::string before_migration_dir;
    // Where attachments' content is kept (content.h); "" : this store takes none.
    std::string content_dir;
};

class ServerStore {
public:
    ServerStore(std::unique_ptr<Storage> storage, const ServerStoreOptions& opts);
    ~ServerStore();
    ServerStore(const ServerStore&) = delete;
    ServerStore& operator=(const ServerStore&) = delete;

    // Whose `token` is (a user's, or an enrolled device's: ServerData::token_owner);
    // nullopt for an unknown token. Never waits for a sync.
    Result<std::optional<TokenOwner>> token_owner(const std::string& token);
    // Admin commands (admin.h). Errors: NotFound (unknown user), Invalid, Storage, Busy.
    Result<std::pair<User, std::string>> add_user(const std::string& name, UserRole role);
    Result<std::vector<User>> users();
    Result<User> user(const std::string& name);
    Status set_disabled(const std::string& name, bool disabled);
    Result<std::string> rotate_token(const std::string& name, bool none = false);
    // Devices (admin.h): enrolment codes, their exchange, the list, revoking one.
    Result<Enrolment> new_enrolment(const std::string& name, std::uint64_t ttl_min);
    Result<std::optional<std::pair<User, std::string>>> enrol(const EnrolRequest& req);
    Result<std::optional<User>> redeem_code(const std::string& code, const std::string& used_by,
                                            const std::function<bool(const User&)>& allowed);
    Result<std::vector<Device>> devices(const std::string& name);
    Status revoke_device(const std::string& site);
    // Everyone's notifications, newest first, each with its user's name (the admin's view).
    Result<std::vector<std::pair<Notification, std::string>>> all_notifications(std::size_t limit);
    Result<std::vector<WebhookItem>> webhook_queue(std::size_t limit);
    Result<std::vector<AccountAccess>> accounts(const std::string& query, std::size_t limit);
    Result<std::vector<PersonRef>> people(const std::string& query, std::size_t limit);
    Result<std::vector<AccountAccess>> access_of(const std::string& user_name);
    Status grant(const std::string& user_name, const std::string& account_id);
    Status revoke(const std::string& user_name, const std::string& account_id);
    // The buckets a user may read: every bucket for sellers and admins.
    Result<std::vector<std::string>> readable_buckets(const User& u);
    bool can_read(const User& u, const std::string& bucket);

    // One round trip of the protocol for `u` (sync_service.h). `checks`: what
    // sync_checks(site, u) read for it, if the caller asked already.
    Result<SyncOutcome> sync(const User& u, const sync::SyncRequest& req, const DeviceInfo& device,
                             const SyncChecks* checks = nullptr);

    Result<std::vector<Notification>> notifications(const User& u, bool unread_only, std::size_t limit);
    // ids empty: all. Returns how many were marked.
    Result<std::size_t> mark_read(const User& u, const std::vector<std::int64_t>& ids);

    // The webhook queue: the oldest due entry, claimed for `lease_ms` (ServerData), then
    // done / failed (with back-off).
    Result<std::optional<WebhookItem>> next_webhook(std::uint64_t now_ms, std::uint64_t lease_ms = 60000);
    Status webhook_done(std::int64_t n);
    Status webhook_failed(std::int64_t n, std::uint64_t retry_at_ms, const std::string& error);

    // E-mail (mail.h): how the user hears (nullopt: never said); a change re-times or
    // drops their waiting mail. Invalid with the reason for preferences that do not hold.
    Result<std::optional<MailPrefs>> mail_prefs(const User& u);
    Result<MailPrefs> set_mail_prefs(const User& u, MailPrefs p);
    Result<std::vector<MailItem>> next_mail(std::uint64_t now_ms, std::uint64_t lease_ms);
    Status mail_done(const std::vector<std::int64_t>& ns);
    Status mail_failed(const std::vector<std::int64_t>& ns, std::uint64_t retry_at_ms, const std::string& error);
    Result<std::vector<MailItem>> mail_queue(std::size_t limit);

    // GDPR (admin.h, access_log.h). `who` is the admin's name for the log.
    Result<std::string> export_person(const std::string& who, const std::string& contact_id);
    Result<std::vector<std::string>> erase_person(const std::string& who, const std::string& contact_id);
    Result<std::vector<AccessEntry>> access_log(const std::string& person, const std::string& who, std::size_t limit);

    Result<Stats> stats();
    // Attachments' content (attachments.h). Unavailable-as-Invalid when this store keeps
    // none (no content directory).
    Result<AttachmentInfo> attachment(const User& u, const std::string& id);
    Result<UploadState> upload_state(const AttachmentInfo& a);
    Result<UploadState> upload(const AttachmentInfo& a, std::uint64_t offset, std::string_view bytes);
    Result<std::string> download(const User& u, const AttachmentInfo& a, std::uint64_t offset, std::size_t max);
    const ContentStore* content() const { return content_.get(); }
    Status wipe_device(const std::string& site, const std::string& reason);
    // What a sync of the device with this site id by `u` is checked against, read in one
    // go without waiting for a sync (ServerData::sync_checks): what an admin told the
    // device to do (wipe: a sync from it is refused; sign out: its syncs are taken and
    // answered "sign out"), and u's grants unless u reads every account.
    Result<SyncChecks> sync_checks(const std::string& site, const User& u);
    Status ask_sign_out(const std::string& site);
    Status signed_out(const User& u, const std::string& site);

    // The live channel (live.h). These never wait for a sync: the storage reads them
    // through connections of their own.
    std::uint64_t incarnation() const { return hub_.incarnation(); }
    Result<std::string> secret(const std::string& name, const std::string& proposal) {
        return data_.secret(name, proposal);
    }
    Result<LivePosition> live_position() { return data_.live_position(); }
    Result<LiveBatch> live_changes(const LivePosition& since, const std::string& user_id) {
        return data_.live_changes(since, user_id);
    }
    std::unique_ptr<ChangeHints> hints() { return data_.hints(); }
    void committed_elsewhere() { sync_.committed_elsewhere(); }  // a hint came (SyncService)

    // An online copy of the database to `path`, and attachments' content to the pool
    // beside it (backup_content_pool).
    Status backup(const std::string& path);
    std::string layout() const { return storage_->layout(); }
    Status check_output_file(const std::string& path);

private:
    std::unique_ptr<Storage> storage_;
    sync::HubStore& hub_;
    ServerData& data_;
    std::mutex mu_;  // one connection: every use of the storage holds it
    Authorization auth_;
    Notifier notifier_;
    AccessLog log_;
    Admin admin_;
    SyncService sync_;
    std::unique_ptr<ContentStore> content_;
    std::unique_ptr<Attachments> attachments_;
};

// Where the content of a backup's attachments is kept: BACKUP's directory/content.
std::filesystem::path backup_content_pool(const std::string& backup_path);

// Opens (creating when missing) DIR/fika-server.db. Errors as sync::Store::open.
Result<std::unique_ptr<ServerStore>> open_sqlite_store(const std::string& data_dir,
                                                       const ServerStoreOptions& opts = {});

// Opens the server on PostgreSQL (a postgresql:// URI or a libpq connection string),
// creating its tables when missing. Several instances may share the database. Errors:
// Storage (unreachable), SchemaTooNew.
Result<std::unique_ptr<ServerStore>> open_pg_store(const std::string& conninfo, const ServerStoreOptions& opts = {});
// Whether --db names a PostgreSQL database (postgresql://, postgres://, or "host=...").
bool is_pg_database(const std::string& db);

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
