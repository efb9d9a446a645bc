// The embedded server's storage: one SQLite file, DATA/fika-server.db, holding the hub
// (sync::SqliteHub) and the server's own tables, which join the hub's transactions (they
// run on its connection, which only this class and the hub's own code touch).
//
// Server tables (see migrate() in sqlite_storage.cpp)
//   srv_users(id, name, role, disabled, token_hash, created_at)   token_hash '': none
//   srv_enrolments(code_hash, user_id, created_at, expires_at, used_at, used_by)
//                                                       enrolment codes (single use)
//   srv_grants(user_id, account_id)                     consultants' readable accounts
//   srv_notifications(n, user_id, case_id, payload, created_at, read_at)
//   srv_notified(record_id)                             one row per record ever notified:
//                                                       the exactly-once guard
//   srv_webhook(n, payload, attempts, next_at, last_error)  the outgoing webhook queue
//   srv_content(bucket, hash, at)                        the contents each customer holds
//                                                       (content.h): uploaded whole there
//   srv_mail_prefs(user_id, address, mode, hour, utc_offset, lang, updated_at)
//                                                       how each user hears by e-mail
//   srv_mail(n, user_id, notification, digest, attempts, next_at, last_error)
//                                                       mail waiting to go out, one row per
//                                                       notification (unique)
//   srv_devices(site, user_id, first_seen, last_sync, syncs, user_agent, pushed_upto,
//               wiped_at, wipe_reason, token_hash, name, platform, app_version,
//               enrolled_at, revoked_at, signout_at)    an enrolled device has a token_hash
//   srv_access(day, who, action, subject, times, first_at, last_at, detail)
//                                                       the access log (GDPR)
// Beside the file: DATA/fika-server.state (the incarnation and the highest sequence the
// database has had: a database found below it was put back by hand) and
// DATA/fika-server.lock (held by `serve`).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "server_data.h"
#include "sqlite.h"
#include "sqlite_hub.h"

namespace fika::server {

struct StorageOptions {
    sync::WallClock wall = sync::system_wall_clock();
    std::uint64_t max_drift_ms = 10 * 60 * 1000;
    bool integrity_check = true;
};

class SqliteStorage final : public sync::SqliteHub, public ServerData {
public:
    // Opens (creating when `create`) the database at `path`, migrating the server's tables.
    // Errors as sync::Store::open.
    static Result<std::unique_ptr<SqliteStorage>> open(const std::string& path, const StorageOptions& opts,
                                                       bool create = true);
    ~SqliteStorage() override;

    // An online, consistent copy of the whole database (SQLite's backup API), through a
    // connection of its own. Invalid when `to` is the database's own file.
    Status backup(const std::string& to);
    // The layout this fika-server writes, "engine.server" (as before-migration copies name it).
    static std::string layout();

    Result<std::optional<TokenOwner>> token_owner(const std::string& hash) override;
    Result<std::optional<User>> user_named(const std::string& name) override;
    Result<std::string> secret(const std::string& name, const std::string& proposal) override;
    Result<std::optional<std::string>> user_name_of(const std::string& id) override;
    Result<std::vector<User>> users() override;
    Result<std::vector<User>> sellers() override;
    Status insert_user(const User& u, const std::string& token_hash) override;
    Status set_disabled(const std::string& user_id, bool disabled) override;
    Status set_token_hash(const std::string& user_id, const std::string& hash) override;
    Result<std::set<std::string>> grants_of(const std::string& user_id) override;
    Result<bool> has_grant(const std::string& user_id, const std::string& account_id) override;
    Status add_grant(const std::string& user_id, const std::string& account_id) override;
    Result<bool> remove_grant(const std::string& user_id, const std::string& account_id) override;
    Status devices_synced(const std::vector<DeviceSync>& syncs, std::uint64_t now_ms) override;
    Result<std::optional<std::uint64_t>> pushed_upto(const std::string& site) override;
    Result<std::vector<Device>> devices(const std::string& user_id) override;
    Status enrol_device(const Device& d, const std::string& user_id, const std::string& token_hash,
                        std::uint64_t now_ms) override;
    Status revoke_device(const std::string& site, std::uint64_t now_ms) override;
    Status add_enrolment(const std::string& code_hash, const std::string& user_id, std::uint64_t now_ms,
                         std::uint64_t expires_ms) override;
    Result<std::optional<std::string>> use_enrolment(const std::string& code_hash, const std::string& site,
                                                     std::uint64_t now_ms) override;
    Status wipe_device(const std::string& site, const std::string& reason, std::uint64_t now_ms) override;
    Result<SyncChecks> sync_checks(const std::string& site, const std::string& user_id, bool with_grants) override;
    Status ask_sign_out(const std::string& site, std::uint64_t now_ms) override;
    Status signed_out(const std::string& site, const std::string& user_id, std::uint64_t now_ms) override;
    Result<bool> mark_notified(const std::string& record_id) override;
    Status mark_all_notified(const std::vector<std::string>& record_ids) override;
    Result<std::int64_t> add_notification(const std::string& user_id, const std::string& case_id,
                                          const std::string& payload, std::uint64_t now_ms) override;
    Result<std::vector<Notification>> notifications(const std::string& user_id, bool unread_only,
                                                    std::size_t limit) override;
    Result<std::size_t> mark_read(const std::string& user_id, const std::vector<std::int64_t>& ids,
                                  std::uint64_t now_ms) override;
    Status forget_person_in_payloads(const std::string& contact_id) override;
    Status queue_webhook(const std::string& payload, std::uint64_t now_ms) override;
    Result<std::optional<WebhookItem>> next_webhook(std::uint64_t now_ms, std::uint64_t lease_ms) override;
    Status webhook_done(std::int64_t n) override;
    Status webhook_failed(std::int64_t n, std::uint64_t retry_at_ms, const std::string& error) override;
    Result<std::vector<WebhookItem>> webhook_queue(std::size_t limit) override;
    Result<std::optional<MailPrefs>> mail_prefs(const std::string& user_id) override;
    Status set_mail_prefs(const std::string& user_id, const MailPrefs& p) override;
    Result<bool> content_held(const std::string& bucket, const std::string& hash) override;
    Status hold_content(const std::string& bucket, const std::string& hash, std::uint64_t now_ms) override;
    Status forget_content(const std::string& hash) override;
    Result<bool> content_named(const std::string& hash) override;
    Status queue_mail(std::int64_t notification, const std::string& user_id, bool digest, std::uint64_t due_ms) override;
    Status requeue_mail(const std::string& user_id, bool digest, std::uint64_t due_ms, bool drop) override;
    Result<std::vector<MailItem>> next_mail(std::uint64_t now_ms, std::uint64_t lease_ms) override;
    Status mail_done(const std::vector<std::int64_t>& ns) override;
    Status mail_failed(const std::vector<std::int64_t>& ns, std::uint64_t retry_at_ms, const std::string& error) override;
    Result<std::vector<MailItem>> mail_queue(std::size_t limit) override;
    Status log_access(const AccessEntry& e) override;
    Result<std::vector<AccessEntry>> access_log(const std::string& subject, const std::string& download_subject,
                                                const std::string& who, std::size_t limit) override;
    Result<ServerCounts> server_counts() override;
    Result<LivePosition> live_position() override;
    Result<LiveBatch> live_changes(const LivePosition& since, const std::string& user_id) override;

private:
    SqliteStorage() = default;
    // Runs fn in the open unit of work, or in a transaction of its own.
    template <typename Fn>
    Status write(Fn&& fn);

    std::optional<sync::Stmt> device_upsert_, access_upsert_, notified_, notification_insert_;
    std::mutex auth_mu_;  // guards auth_db_ and its statements (token_owner, sync_checks)
    sync::Db auth_db_;
    std::optional<sync::Stmt> auth_q_, orders_q_, grants_q_;
    sync::Db& auth_db();  // auth_db_, opened when first needed; auth_mu_ held
    std::mutex live_mu_;  // guards live_db_ (the live channel's reads)
    sync::Db live_db_;
};

std::string database_path(const std::string& data_dir);

// Copies a database file through SQLite's online backup API: the source is only read, in
// one read transaction (consistent while others write), the copy written at `to`. Returns
// SQLite's result code; `msg` says why on failure.
int copy_sqlite_database(const std::string& from, const std::string& to, std::string& msg);

// DATA/fika-server.state, read and written (see above).
std::pair<std::uint64_t, std::uint64_t> read_state(const std::string& data_dir);
void write_state(const std::string& data_dir, std::uint64_t incarnation, std::uint64_t seq);

}  // namespace fika::server
