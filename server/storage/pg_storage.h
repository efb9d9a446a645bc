// The server's storage on PostgreSQL (issue 21): the hub (PgHub) and the server's own
// tables in one database, the latter joining the hub's units of work on its connection.
// Several fika-server instances may share the database.
//
// Server tables (created at open): srv_users, srv_grants, srv_notifications, srv_notified
// (the exactly-once guard: a primary key), srv_webhook, srv_devices, srv_enrolments, srv_access - as the
// SQLite storage's (sqlite_storage.h), in PostgreSQL's types; srv_notifications also
// keeps the writing transaction's id (xid8) for the live channel.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "pg.h"
#include "pg_hub.h"
#include "server_data.h"

namespace fika::server {

class PgStorage final : public PgHub, public ServerData {
public:
    static Result<std::unique_ptr<PgStorage>> open(const std::string& conninfo, const PgHubOptions& opts = {});

    // pg_dump's custom format of the whole database, at `to` (restore: pg_restore).
    Status backup(const std::string& to);
    // The layout this fika-server writes, "engine.hub.server" (as before-migration dumps name it).
    static std::string layout();
    // pg_dump's archive of the database `conninfo` names, read back (pg_restore --list)
    // before it takes the name `to`.
    static Status dump(const std::string& conninfo, const std::string& to);

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
    Result<double> feed_lag_s() override;
    std::unique_ptr<ChangeHints> hints() override;

private:
    PgStorage() = default;
    void migrate_server();
    // The hub's connection, connected again first if it broke outside a unit of work.
    pg::Connection& conn();
    template <typename Fn>
    Status write(Fn&& fn);

    pg::Connection& live_conn();

    std::mutex auth_mu_;  // guards auth_ (token_owner's and sync_checks' own connection)
    pg::Connection auth_;
    pg::Connection& auth_conn();  // auth_, connected again if it broke; auth_mu_ held
    std::mutex live_mu_;  // guards live_ (the live channel's reads)
    pg::Connection live_;
};

// Hints of other instances' commits (ServerData::hints): LISTEN fika_changes on a
// connection of its own, connected again after it breaks.
class PgHints final : public ChangeHints {
public:
    explicit PgHints(std::string conninfo);
    ~PgHints() override;
    bool wait(std::chrono::milliseconds timeout) override;
    void interrupt() override;

private:
    std::string conninfo_;
    pg::Connection db_;
    int wake_[2] = {-1, -1};  // interrupt() writes, wait() polls
};

}  // namespace fika::server
