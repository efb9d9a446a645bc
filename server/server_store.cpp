#include "server_store.h"

#include "mail.h"

#include "pg_storage.h"

#include <map>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>

namespace fika::server {

using sync::fail;

// ---- the core --------------------------------------------------------------------------------

ServerStore::ServerStore(std::unique_ptr<Storage> storage, const ServerStoreOptions& opts)
    : storage_(std::move(storage)),
      hub_(storage_->hub()),
      data_(storage_->data()),
      auth_(hub_, data_),
      notifier_(hub_, data_, opts.webhook, opts.mail),
      log_(hub_, data_),
      admin_(hub_, data_, log_),
      sync_(hub_, data_, auth_, notifier_, log_, mu_, SyncOptions{opts.push_order_wait, opts.max_waiting_pushes}) {
    if (!opts.content_dir.empty()) {
        content_ = std::make_unique<ContentStore>(opts.content_dir);
        attachments_ = std::make_unique<Attachments>(hub_, data_, auth_, log_, *content_, mu_);
    }
}

ServerStore::~ServerStore() {
    // Downloads counted since the last write go to the log before the storage closes.
    std::lock_guard lock(mu_);
    try {
        auto work = hub_.begin();
        if (work.ok()) {
            log_.flush();
            (void)(*work)->commit();
        }
    } catch (...) {  // closing: nothing left to tell
    }
    storage_->closing();
}

Result<std::optional<TokenOwner>> ServerStore::token_owner(const std::string& token) {
    if (token.empty() || token.size() > 100) return std::optional<TokenOwner>{};
    return data_.token_owner(token_hash(token));
}

Result<std::pair<User, std::string>> ServerStore::add_user(const std::string& name, UserRole role) {
    std::lock_guard lock(mu_);
    return admin_.add_user(name, role);
}

Result<std::vector<User>> ServerStore::users() {
    std::lock_guard lock(mu_);
    return data_.users();
}

Result<User> ServerStore::user(const std::string& name) {
    std::lock_guard lock(mu_);
    return admin_.user(name);
}

Status ServerStore::set_disabled(const std::string& name, bool disabled) {
    std::lock_guard lock(mu_);
    return admin_.set_disabled(name, disabled);
}

Result<std::string> ServerStore::rotate_token(const std::string& name, bool none) {
    std::lock_guard lock(mu_);
    return admin_.rotate_token(name, none);
}

Result<Enrolment> ServerStore::new_enrolment(const std::string& name, std::uint64_t ttl_min) {
    std::lock_guard lock(mu_);
    return admin_.new_enrolment(name, ttl_min);
}

Result<std::optional<User>> ServerStore::redeem_code(const std::string& code, const std::string& used_by,
                                                    const std::function<bool(const User&)>& allowed) {
    std::lock_guard lock(mu_);
    return admin_.redeem_code(code, used_by, allowed);
}

Result<std::optional<std::pair<User, std::string>>> ServerStore::enrol(const EnrolRequest& req) {
    std::lock_guard lock(mu_);
    return admin_.enrol(req);
}

Result<std::vector<Device>> ServerStore::devices(const std::string& name) {
    std::lock_guard lock(mu_);
    return admin_.devices(name);
}

Status ServerStore::revoke_device(const std::string& site) {
    std::lock_guard lock(mu_);
    return admin_.revoke_device(site);
}

Result<std::vector<std::pair<Notification, std::string>>> ServerStore::all_notifications(std::size_t limit) {
    std::lock_guard lock(mu_);
    return sync::guard([&] {
        std::map<std::string, std::string> names;
        for (const User& u : must(data_.users())) names[u.id] = u.name;
        std::vector<std::pair<Notification, std::string>> out;
        for (Notification& n : must(data_.notifications("", false, limit))) {
            std::string name = names[n.user_id];
            out.emplace_back(std::move(n), std::move(name));
        }
        return out;
    });
}

Result<std::vector<WebhookItem>> ServerStore::webhook_queue(std::size_t limit) {
    std::lock_guard lock(mu_);
    return data_.webhook_queue(limit);
}

Result<std::vector<AccountAccess>> ServerStore::accounts(const std::string& query, std::size_t limit) {
    std::lock_guard lock(mu_);
    return admin_.accounts(query, limit);
}

Result<std::vector<PersonRef>> ServerStore::people(const std::string& query, std::size_t limit) {
    std::lock_guard lock(mu_);
    return admin_.people(query, limit);
}

Result<std::vector<AccountAccess>> ServerStore::access_of(const std::string& user_name) {
    std::lock_guard lock(mu_);
    return admin_.access_of(user_name);
}

Status ServerStore::grant(const std::string& user_name, const std::string& account_id) {
    std::lock_guard lock(mu_);
    return admin_.grant(user_name, account_id);
}

Status ServerStore::revoke(const std::string& user_name, const std::string& account_id) {
    std::lock_guard lock(mu_);
    return admin_.revoke(user_name, account_id);
}

Result<std::vector<std::string>> ServerStore::readable_buckets(const User& u) {
    std::lock_guard lock(mu_);
    return sync::guard([&] { return auth_.readable(u); });
}

bool ServerStore::can_read(const User& u, const std::string& bucket) {
    if (u.reads_everything() || bucket == sync::kGlobalBucket) return true;
    std::lock_guard lock(mu_);
    return auth_.can_read(u, bucket);
}

Status ServerStore::wipe_device(const std::string& site, const std::string& reason) {
    std::lock_guard lock(mu_);
    return admin_.wipe_device(site, reason);
}

Result<SyncChecks> ServerStore::sync_checks(const std::string& site, const User& u) {
    return data_.sync_checks(site, u.id, !u.reads_everything());  // a connection of its own, as token_owner's
}

Status ServerStore::ask_sign_out(const std::string& site) {
    std::lock_guard lock(mu_);
    return data_.ask_sign_out(site, hub_.now_ms());
}

Status ServerStore::signed_out(const User& u, const std::string& site) {
    std::lock_guard lock(mu_);
    return data_.signed_out(site, u.id, hub_.now_ms());
}

Result<SyncOutcome> ServerStore::sync(const User& u, const sync::SyncRequest& req, const DeviceInfo& device,
                                      const SyncChecks* checks) {
    return sync_.sync(u, req, device, checks);
}

Result<std::vector<Notification>> ServerStore::notifications(const User& u, bool unread_only, std::size_t limit) {
    std::lock_guard lock(mu_);
    return data_.notifications(u.id, unread_only, limit);
}

Result<std::size_t> ServerStore::mark_read(const User& u, const std::vector<std::int64_t>& ids) {
    std::lock_guard lock(mu_);
    return data_.mark_read(u.id, ids, hub_.now_ms());
}

Result<std::optional<WebhookItem>> ServerStore::next_webhook(std::uint64_t now_ms, std::uint64_t lease_ms) {
    std::lock_guard lock(mu_);
    return data_.next_webhook(now_ms, lease_ms);
}

Status ServerStore::webhook_done(std::int64_t n) {
    std::lock_guard lock(mu_);
    return data_.webhook_done(n);
}

Status ServerStore::webhook_failed(std::int64_t n, std::uint64_t retry_at_ms, const std::string& error) {
    std::lock_guard lock(mu_);
    return data_.webhook_failed(n, retry_at_ms, error);
}

Result<std::optional<MailPrefs>> ServerStore::mail_prefs(const User& u) {
    std::lock_guard lock(mu_);
    return data_.mail_prefs(u.id);
}

Result<MailPrefs> ServerStore::set_mail_prefs(const User& u, MailPrefs p) {
    if (std::string wrong = check_mail_prefs(p); !wrong.empty()) return Error{Code::Invalid, wrong};
    std::lock_guard lock(mu_);
    return sync::guard([&] {
        std::uint64_t now = hub_.now_ms();
        p.updated_ms = now;
        must(data_.set_mail_prefs(u.id, p));
        auto due = mail_due(p, now);
        must(data_.requeue_mail(u.id, due && due->first, due ? due->second : 0, !due));
        return p;
    });
}

Result<std::vector<MailItem>> ServerStore::next_mail(std::uint64_t now_ms, std::uint64_t lease_ms) {
    std::lock_guard lock(mu_);
    return data_.next_mail(now_ms, lease_ms);
}

Status ServerStore::mail_done(const std::vector<std::int64_t>& ns) {
    std::lock_guard lock(mu_);
    return data_.mail_done(ns);
}

Status ServerStore::mail_failed(const std::vector<std::int64_t>& ns, std::uint64_t retry_at_ms, const std::string& error) {
    std::lock_guard lock(mu_);
    return data_.mail_failed(ns, retry_at_ms, error);
}

Result<std::vector<MailItem>> ServerStore::mail_queue(std::size_t limit) {
    std::lock_guard lock(mu_);
    return data_.mail_queue(limit);
}

Result<std::string> ServerStore::export_person(const std::string& who, const std::string& contact_id) {
    std::lock_guard lock(mu_);
    return admin_.export_person(who, contact_id);
}

Result<std::vector<std::string>> ServerStore::erase_person(const std::string& who, const std::string& contact_id) {
    std::lock_guard lock(mu_);
    // The attachments about them: their content goes once the erasure has committed.
    std::vector<std::pair<std::string, std::string>> files;
    if (auto about = hub_.records_about(contact_id); about.ok())
        for (auto& [t, id] : *about)
            if (t->name == "attachments") files.emplace_back(t->name, id);
    auto done = admin_.erase_person(who, contact_id);
    if (done.ok() && attachments_ && !files.empty())
        if (auto gone = attachments_->erased(files); !gone.ok()) return gone.error();
    return done;
}

namespace {
Error no_content() { return Error{Code::Invalid, "this server keeps no attachments' content"}; }
}  // namespace

Result<AttachmentInfo> ServerStore::attachment(const User& u, const std::string& id) {
    if (!attachments_) return no_content();
    return attachments_->find(u, id);
}

Result<UploadState> ServerStore::upload_state(const AttachmentInfo& a) {
    if (!attachments_) return no_content();
    return attachments_->upload_state(a);
}

Result<UploadState> ServerStore::upload(const AttachmentInfo& a, std::uint64_t offset, std::string_view bytes) {
    if (!attachments_) return no_content();
    return attachments_->upload(a, offset, bytes);
}

Result<std::string> ServerStore::download(const User& u, const AttachmentInfo& a, std::uint64_t offset, std::size_t max) {
    if (!attachments_) return no_content();
    return attachments_->download(u, a, offset, max);
}

Result<std::vector<AccessEntry>> ServerStore::access_log(const std::string& person, const std::string& who,
                                                         std::size_t limit) {
    std::lock_guard lock(mu_);
    return sync::guard([&] { return log_.query(person, who, limit); });
}

Result<Stats> ServerStore::stats() {
    std::lock_guard lock(mu_);
    return admin_.stats();
}

Status ServerStore::backup(const std::string& path) {
    if (!content_) return storage_->backup(path);
    // Attachments' content goes to the pool beside the backup (content.h): before the
    // database (what it names exists now), and again after (what arrived meanwhile). The
    // backup's file then bears its start, as the pool's stamps do.
    const auto start = std::filesystem::file_time_type::clock::now();
    const auto pool = backup_content_pool(path);
    if (auto st = content_->save_to(pool, start); !st.ok()) return st.error();
    if (auto st = storage_->backup(path); !st.ok()) return st;
    if (auto st = content_->save_to(pool, start); !st.ok()) return st.error();
    std::error_code ec;
    std::filesystem::last_write_time(path, start, ec);
    return sync::Unit{};
}

std::filesystem::path backup_content_pool(const std::string& backup_path) {
    return std::filesystem::absolute(backup_path).parent_path() / "content";
}

Status ServerStore::check_output_file(const std::string& path) { return storage_->check_output_file(path); }

// ---- the embedded engine: one SQLite file ----------------------------------------------------

namespace {

class SqliteEngine final : public Storage {
public:
    SqliteEngine(std::unique_ptr<SqliteStorage> db, std::string data_dir)
        : db_(std::move(db)), data_dir_(std::move(data_dir)) {}
    sync::HubStore& hub() override { return *db_; }
    ServerData& data() override { return *db_; }
    Status backup(const std::string& path) override { return db_->backup(path); }
    Status check_output_file(const std::string& path) override { return db_->check_not_own_file(path); }
    void closing() override { write_state(data_dir_, db_->incarnation(), db_->hub_seq()); }
    std::string layout() const override { return SqliteStorage::layout(); }

private:
    std::unique_ptr<SqliteStorage> db_;
    std::string data_dir_;
};

StorageOptions storage_options(const ServerStoreOptions& opts) {
    StorageOptions o;
    o.wall = opts.wall;
    o.max_drift_ms = opts.max_drift_ms;
    o.integrity_check = opts.integrity_check;
    return o;
}

// At open: a database that went back gets a new incarnation; then the state is updated.
void check_state(const std::string& data_dir, sync::HubStore& hub) {
    auto [incarnation, seq] = read_state(data_dir);
    if (incarnation == hub.incarnation() && hub.hub_seq() < seq) {
        auto fresh = hub.new_incarnation();
        if (!fresh.ok()) throw sync::Failure{fresh.error()};
        std::fprintf(stderr,
                     "fika-server: this database ends at sequence %llu but has reached %llu before: it was put back "
                     "from a backup. New incarnation %s: devices will send again what it lacks.\n",
                     static_cast<unsigned long long>(hub.hub_seq()), static_cast<unsigned long long>(seq),
                     sync::site_to_string(*fresh).c_str());
    }
    write_state(data_dir, hub.incarnation(), hub.hub_seq());
}


// The engine for several instances: one PostgreSQL database.
class PgEngine final : public Storage {
public:
    explicit PgEngine(std::unique_ptr<PgStorage> db) : db_(std::move(db)) {}
    sync::HubStore& hub() override { return *db_; }
    ServerData& data() override { return *db_; }
    Status backup(const std::string& path) override { return db_->backup(path); }
    Status check_output_file(const std::string&) override { return sync::ok_status(); }  // no file of ours here
    std::string layout() const override { return PgStorage::layout(); }

private:
    std::unique_ptr<PgStorage> db_;
};

}  // namespace

bool is_pg_database(const std::string& db) {
    return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0 || db.find("host=") != std::string::npos ||
           db.find("dbname=") != std::string::npos;
}

Result<std::unique_ptr<ServerStore>> open_pg_store(const std::string& conninfo, const ServerStoreOptions& opts) {
    return sync::guard([&]() -> std::unique_ptr<ServerStore> {
        PgHubOptions o;
        o.wall = opts.wall;
        o.max_drift_ms = opts.max_drift_ms;
        o.before_migration_dir = opts.before_migration_dir;
        auto db = PgStorage::open(conninfo, o);
        if (!db.ok()) throw sync::Failure{db.error()};
        return std::make_unique<ServerStore>(std::make_unique<PgEngine>(std::move(db).value()), opts);
    });
}

Result<std::unique_ptr<ServerStore>> open_sqlite_store(const std::string& data_dir, const ServerStoreOptions& opts) {
    return sync::guard([&]() -> std::unique_ptr<ServerStore> {
        std::error_code ec;
        std::filesystem::create_directories(data_dir, ec);
        if (ec) fail(Code::Storage, "cannot create data directory " + data_dir + ": " + ec.message());
        auto db = SqliteStorage::open(database_path(data_dir), storage_options(opts), true);
        if (!db.ok()) throw sync::Failure{db.error()};
        check_state(data_dir, **db);
        return std::make_unique<ServerStore>(std::make_unique<SqliteEngine>(std::move(db).value(), data_dir), opts);
    });
}

DataLock::~DataLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the flock
}

Result<std::unique_ptr<DataLock>> lock_data_dir(const std::string& data_dir) {
    return sync::guard([&]() -> std::unique_ptr<DataLock> {
        std::error_code ec;
        std::filesystem::create_directories(data_dir, ec);
        std::string path = (std::filesystem::path(data_dir) / "fika-server.lock").string();
        int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) fail(Code::Storage, "cannot open " + path + ": " + std::strerror(errno));
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            char pid[32] = {};
            ssize_t n = ::pread(fd, pid, sizeof pid - 1, 0);
            ::close(fd);
            std::string who = n > 0 ? std::string(pid, static_cast<std::size_t>(n)) : std::string("?");
            while (!who.empty() && (who.back() == '\n' || who.back() == ' ')) who.pop_back();
            fail(Code::Busy, "a fika-server is serving " + data_dir + " (process " + who + "); stop it first");
        }
        std::string mine = std::to_string(::getpid()) + "\n";
        if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, mine.data(), mine.size(), 0) < 0) {
            // The lock holds; only the message naming the process would be missing.
        }
        return std::make_unique<DataLock>(fd);
    });
}


}  // namespace fika::server
