#include "server_store.h"

#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <deque>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "export.h"
#include "sqlite.h"

namespace fika::server {

using json = nlohmann::json;
using sync::fail;
using sync::Stmt;

std::string_view role_name(UserRole r) {
    switch (r) {
        case UserRole::Consultant: return "consultant";
        case UserRole::Seller: return "seller";
        case UserRole::Admin: return "admin";
    }
    return "?";
}

std::optional<UserRole> parse_role(std::string_view s) {
    if (s == "consultant") return UserRole::Consultant;
    if (s == "seller") return UserRole::Seller;
    if (s == "admin") return UserRole::Admin;
    return std::nullopt;
}

std::string database_path(const std::string& data_dir) {
    return (std::filesystem::path(data_dir) / "fika-server.db").string();
}

namespace {

constexpr int kServerSchema = 2;

std::string hex(const unsigned char* p, std::size_t n) {
    static const char* d = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(d[p[i] >> 4]);
        out.push_back(d[p[i] & 0xf]);
    }
    return out;
}

// 128 random bits, shown once: "fika_" + 32 hex digits.
std::string new_token() {
    unsigned char b[16];
    if (RAND_bytes(b, sizeof b) != 1) fail(Code::Storage, "no randomness for a token");
    return "fika_" + hex(b, sizeof b);
}

std::string token_hash(const std::string& token) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(token.data(), token.size(), md, &len, EVP_sha256(), nullptr) != 1)
        fail(Code::Storage, "sha256 failed");
    return hex(md, len);
}

bool valid_user_name(const std::string& n) {
    if (n.empty() || n.size() > 64) return false;
    for (char c : n)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '@'))
            return false;
    return true;
}

void migrate(sync::Db& db) {
    Stmt v = db.prepare("SELECT value FROM _meta WHERE key='server_schema'");
    int have = v.step() ? std::atoi(std::string(v.text(0)).c_str()) : 0;
    v.reset();
    if (have > kServerSchema)
        fail(Code::SchemaTooNew, "the server database was written by a newer fika-server");
    if (have == kServerSchema) return;
    sync::Transaction t(db);
    if (have < 1) db.exec(
        "CREATE TABLE srv_users(id TEXT PRIMARY KEY NOT NULL, name TEXT UNIQUE NOT NULL,"
        " role TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, token_hash TEXT NOT NULL,"
        " created_at INTEGER NOT NULL);"
        "CREATE INDEX srv_users_by_token ON srv_users(token_hash);"
        "CREATE TABLE srv_grants(user_id TEXT NOT NULL, account_id TEXT NOT NULL,"
        " PRIMARY KEY(user_id, account_id)) WITHOUT ROWID;"
        "CREATE TABLE srv_notifications(n INTEGER PRIMARY KEY, user_id TEXT NOT NULL,"
        " case_id TEXT NOT NULL, payload TEXT NOT NULL, created_at INTEGER NOT NULL,"
        " read_at INTEGER);"
        "CREATE INDEX srv_notifications_by_user ON srv_notifications(user_id, n);"
        "CREATE TABLE srv_notified(record_id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;"
        "CREATE TABLE srv_webhook(n INTEGER PRIMARY KEY, payload TEXT NOT NULL,"
        " attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL, last_error TEXT);"
        "CREATE TABLE srv_devices(site TEXT PRIMARY KEY NOT NULL, user_id TEXT NOT NULL,"
        " first_seen INTEGER NOT NULL, last_sync INTEGER NOT NULL, syncs INTEGER NOT NULL,"
        " user_agent TEXT) WITHOUT ROWID;"
        "INSERT OR REPLACE INTO _meta(key,value) VALUES('server_schema','1');");
    if (have < 2)
        db.exec(
            "CREATE TABLE srv_access(day TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL,"
            " subject TEXT NOT NULL, times INTEGER NOT NULL, first_at INTEGER NOT NULL,"
            " last_at INTEGER NOT NULL, detail TEXT NOT NULL DEFAULT '',"
            " PRIMARY KEY(day, who, action, subject)) WITHOUT ROWID;"
            "CREATE INDEX srv_access_by_subject ON srv_access(subject, last_at);"
            "INSERT OR REPLACE INTO _meta(key,value) VALUES('server_schema','2');");
    t.commit();
}

std::string str(const sync::Value& v) { return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : ""; }

json value_json(const sync::Value& v) {
    switch (v.index()) {
        case 1: return std::get<1>(v);
        case 2: return std::get<2>(v);
        case 3: return std::get<3>(v);
        default: return nullptr;
    }
}

// Copies a database file through SQLite's online backup API: the source is only read, in
// one read transaction (consistent while others write), the copy written at `to`. Returns
// SQLite's result code; `msg` says why on failure.
int copy_database(const std::string& from, const std::string& to, std::string& msg) {
    sqlite3* src = nullptr;
    sqlite3* dst = nullptr;
    int rc = sqlite3_open_v2(from.c_str(), &src, SQLITE_OPEN_READONLY, nullptr);
    if (rc == SQLITE_OK) rc = sqlite3_open_v2(to.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(src, 10000);
        sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
        if (!b) {
            rc = sqlite3_errcode(dst);
        } else {
            rc = sqlite3_backup_step(b, -1);
            sqlite3_backup_finish(b);
            if (rc == SQLITE_DONE) rc = SQLITE_OK;
        }
    }
    msg = rc == SQLITE_OK ? "" : sqlite3_errstr(rc);
    sqlite3_close_v2(src);
    sqlite3_close_v2(dst);
    return rc;
}

// DATA/fika-server.state: the incarnation and the highest sequence this data directory's
// database has had. A database whose sequence is below it (put back from a backup by
// hand, while the server was stopped) gets a new incarnation when it is opened.
std::string state_path(const std::string& data_dir) { return (std::filesystem::path(data_dir) / "fika-server.state").string(); }

std::pair<std::uint64_t, std::uint64_t> read_state(const std::string& data_dir) {
    std::ifstream in(state_path(data_dir));
    std::string key, value;
    std::uint64_t incarnation = 0, seq = 0;
    while (in >> key >> value) {
        if (key == "incarnation") sync::parse_site(value, incarnation);
        else if (key == "seq") seq = std::strtoull(value.c_str(), nullptr, 10);
    }
    return {incarnation, seq};
}

void write_state(const std::string& data_dir, std::uint64_t incarnation, std::uint64_t seq) {
    auto [had, had_seq] = read_state(data_dir);
    if (had == incarnation) seq = std::max(seq, had_seq);
    std::string tmp = state_path(data_dir) + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << "incarnation " << sync::site_to_string(incarnation) << "\nseq " << seq << "\n";
        if (!out) return;  // best effort: the check it serves is a second line of defence
    }
    std::error_code ec;
    std::filesystem::rename(tmp, state_path(data_dir), ec);
}

class SqliteServerStore final : public ServerStore {
public:
    SqliteServerStore(std::unique_ptr<sync::Store> hub, ServerStoreOptions opts, std::string path, std::string data_dir)
        : hub_(std::move(hub)), opts_(std::move(opts)), path_(std::move(path)), data_dir_(std::move(data_dir)) {}

    ~SqliteServerStore() override {
        // Downloads counted since the last write go to the log before the file closes.
        std::lock_guard lock(mu_);
        try {
            sync::Transaction t(db());
            flush_downloads();
            t.commit();
            write_state(data_dir_, hub_->incarnation(), hub_->hub_seq());
        } catch (...) {  // closing: nothing left to tell
        }
    }

    // Every request asks this first. It reads through a connection of its own (WAL:
    // readers never wait for the writer), so a request is authenticated, and then
    // received and decoded, while another sync holds the store's connection for its merge
    // and commit: an upload's next push is decoded while the one before is merged.
    Result<std::optional<User>> user_by_token(const std::string& token) override {
        std::lock_guard lock(auth_mu_);
        return sync::guard([&]() -> std::optional<User> {
            if (token.size() > 100) return std::nullopt;
            if (!auth_db_.handle()) auth_db_ = sync::Db(path_, false);
            if (!auth_q_) auth_q_ = auth_db_.prepare("SELECT id,name,role,disabled,created_at FROM srv_users WHERE token_hash=?");
            Stmt& q = *auth_q_;
            struct Reset {  // ends the read transaction whatever happens
                Stmt& q;
                ~Reset() { q.reset(); }
            } reset{q};
            q.bind(1, token_hash(token));
            if (!q.step()) return std::nullopt;
            return row_user(q);
        });
    }

    Result<std::pair<User, std::string>> add_user(const std::string& name, UserRole role) override {
        std::lock_guard lock(mu_);
        return sync::guard([&] {
            if (!valid_user_name(name))
                fail(Code::Invalid, "a user name is 1-64 letters, digits and . _ - @");
            Stmt exists = db().prepare("SELECT 1 FROM srv_users WHERE name=?");
            exists.bind(1, name);
            if (exists.step()) fail(Code::Invalid, "user " + name + " exists already");
            exists.reset();
            User u;
            sync::Rng rng(std::random_device{}());
            u.id = sync::new_uuid_v7(hub_->now_ms(), rng);
            u.name = name;
            u.role = role;
            u.created_ms = hub_->now_ms();
            std::string token = new_token();
            sync::Store::Batch batch(*hub_);
            Stmt ins = db().prepare(
                "INSERT INTO srv_users(id,name,role,token_hash,created_at) VALUES(?,?,?,?,?)");
            ins.bind(1, u.id).bind(2, name).bind(3, std::string(role_name(role)));
            ins.bind(4, token_hash(token)).bind(5, u.created_ms).run();
            // The synced directory every device reads (names of finders and owners).
            auto rec = hub_->create("users", {{"id", sync::text(u.id)},
                                              {"name", sync::text(name)},
                                              {"role", sync::text(std::string(role_name(role)))}});
            if (!rec.ok()) throw sync::Failure{rec.error()};
            Status st = batch.commit();
            if (!st.ok()) throw sync::Failure{st.error()};
            return std::make_pair(u, token);
        });
    }

    Result<std::vector<User>> users() override {
        std::lock_guard lock(mu_);
        return sync::guard([&] {
            std::vector<User> out;
            Stmt q = db().prepare("SELECT id,name,role,disabled,created_at FROM srv_users ORDER BY name");
            while (q.step()) out.push_back(row_user(q));
            return out;
        });
    }

    Result<User> user(const std::string& name) override {
        std::lock_guard lock(mu_);
        return sync::guard([&] { return find_user(name); });
    }

    Status set_disabled(const std::string& name, bool disabled) override {
        std::lock_guard lock(mu_);
        return sync::guard_status([&] {
            find_user(name);
            Stmt u = db().prepare("UPDATE srv_users SET disabled=? WHERE name=?");
            u.bind(1, disabled ? 1 : 0).bind(2, name).run();
        });
    }

    Result<std::string> rotate_token(const std::string& name) override {
        std::lock_guard lock(mu_);
        return sync::guard([&] {
            find_user(name);
            std::string token = new_token();
            Stmt u = db().prepare("UPDATE srv_users SET token_hash=? WHERE name=?");
            u.bind(1, token_hash(token)).bind(2, name).run();
            return token;
        });
    }

    Status grant(const std::string& user_name, const std::string& account_id) override {
        std::lock_guard lock(mu_);
        return sync::guard_status([&] {
            User u = find_user(user_name);
            if (!sync::is_uuid(account_id)) fail(Code::Invalid, "'" + account_id + "' is not an account id");
            Stmt ins = db().prepare("INSERT OR IGNORE INTO srv_grants(user_id,account_id) VALUES(?,?)");
            ins.bind(1, u.id).bind(2, account_id).run();
        });
    }

    Status revoke(const std::string& user_name, const std::string& account_id) override {
        std::lock_guard lock(mu_);
        return sync::guard_status([&] {
            User u = find_user(user_name);
            Stmt del = db().prepare("DELETE FROM srv_grants WHERE user_id=? AND account_id=?");
            del.bind(1, u.id).bind(2, account_id).run();
            if (db().changes() == 0)
                fail(Code::NotFound, user_name + " has no access to " + account_id);
        });
    }

    Result<std::vector<std::string>> readable_buckets(const User& u) override {
        std::lock_guard lock(mu_);
        return sync::guard([&] { return readable(u); });
    }

    bool can_read(const User& u, const std::string& bucket) override {
        if (u.reads_everything() || bucket == sync::kGlobalBucket) return true;
        std::lock_guard lock(mu_);
        try {
            Stmt q = db().prepare("SELECT 1 FROM srv_grants WHERE user_id=? AND account_id=?");
            q.bind(1, u.id).bind(2, bucket);
            return q.step();
        } catch (const sync::Failure&) {
            return false;
        }
    }

    // Syncs that arrive together are merged in one transaction with one commit (group
    // commit): the commit's fsync is what a sync waits for on a busy server, and one fsync
    // for many syncs keeps that wait short. Each sync's answer is built after the commit,
    // from what is on disk. A sync whose push follows another one of the same device (a
    // long upload) runs on its own, in order, once that one is merged.
    Result<SyncOutcome> sync(const User& u, const sync::SyncRequest& req, const DeviceInfo& device) override {
        if (req.has_push && req.push_follows) {
            std::unique_lock lock(mu_);
            auto waited = sync::guard_status([&] { wait_for_push(req.site, req.push_follows, lock); });
            if (!waited.ok()) return waited.error();
            SyncJob job{&u, &req, &device, {}};
            return std::move(run_group({&job}).front());
        }
        SyncJob job{&u, &req, &device, {}};
        std::unique_lock q(queue_mu_);
        queue_.push_back(&job);
        while (!job.result) {
            if (leading_) {
                group_done_.wait(q);
                continue;
            }
            // Lead one group: everything queued by now, this sync among it.
            leading_ = true;
            std::vector<SyncJob*> group;
            while (!queue_.empty() && group.size() < kMaxGroup) {
                group.push_back(queue_.front());
                queue_.pop_front();
            }
            q.unlock();
            std::vector<Result<SyncOutcome>> answers;
            try {
                std::lock_guard lock(mu_);
                answers = run_group(group);
            } catch (const std::exception& e) {  // out of memory: no sync may wait forever
                answers.assign(group.size(), Result<SyncOutcome>(Error{Code::Storage, e.what()}));
            }
            q.lock();
            for (std::size_t i = 0; i < group.size(); ++i) group[i]->result = std::move(answers[i]);
            leading_ = false;
            group_done_.notify_all();
        }
        return std::move(*job.result);
    }

    Result<std::vector<Notification>> notifications(const User& u, bool unread_only, std::size_t limit) override {
        std::lock_guard lock(mu_);
        return sync::guard([&] {
            std::vector<Notification> out;
            Stmt q = db().prepare(std::string("SELECT n,user_id,case_id,payload,created_at,read_at FROM "
                                              "srv_notifications WHERE user_id=?") +
                                  (unread_only ? " AND read_at IS NULL" : "") + " ORDER BY n DESC LIMIT ?");
            q.bind(1, u.id).bind(2, static_cast<std::int64_t>(limit));
            while (q.step()) out.push_back(row_notification(q));
            return out;
        });
    }

    Result<std::size_t> mark_read(const User& u, const std::vector<std::int64_t>& ids) override {
        std::lock_guard lock(mu_);
        return sync::guard([&] {
            std::size_t n = 0;
            sync::Transaction t(db());
            if (ids.empty()) {
                Stmt q = db().prepare("UPDATE srv_notifications SET read_at=? WHERE user_id=? AND read_at IS NULL");
                q.bind(1, hub_->now_ms()).bind(2, u.id).run();
                n = static_cast<std::size_t>(db().changes());
            } else {
                Stmt q = db().prepare(
                    "UPDATE srv_notifications SET read_at=? WHERE user_id=? AND n=? AND read_at IS NULL");
                for (std::int64_t id : ids) {
                    q.bind(1, hub_->now_ms()).bind(2, u.id).bind(3, id).run();
                    n += static_cast<std::size_t>(db().changes());
                    q.reset();
                }
            }
            t.commit();
            return n;
        });
    }

    Result<std::optional<WebhookItem>> next_webhook(std::uint64_t now_ms) override {
        std::lock_guard lock(mu_);
        return sync::guard([&]() -> std::optional<WebhookItem> {
            Stmt q = db().prepare(
                "SELECT n, payload, attempts FROM srv_webhook WHERE next_at<=? ORDER BY next_at, n LIMIT 1");
            q.bind(1, now_ms);
            if (!q.step()) return std::nullopt;
            return WebhookItem{q.integer(0), std::string(q.text(1)), static_cast<int>(q.integer(2))};
        });
    }

    Status webhook_done(std::int64_t n) override {
        std::lock_guard lock(mu_);
        return sync::guard_status([&] {
            Stmt q = db().prepare("DELETE FROM srv_webhook WHERE n=?");
            q.bind(1, n).run();
        });
    }

    Status webhook_failed(std::int64_t n, std::uint64_t retry_at_ms, const std::string& error) override {
        std::lock_guard lock(mu_);
        return sync::guard_status([&] {
            Stmt q = db().prepare("UPDATE srv_webhook SET attempts=attempts+1, next_at=?, last_error=? WHERE n=?");
            q.bind(1, retry_at_ms).bind(2, error.substr(0, 500)).bind(3, n).run();
        });
    }

    Result<Stats> stats() override {
        std::lock_guard lock(mu_);
        return sync::guard([&] {
            Stats s;
            auto count = [&](const std::string& sql) {
                Stmt q = db().prepare(sql);
                return q.step() ? static_cast<std::size_t>(q.integer(0)) : std::size_t{0};
            };
            s.users = count("SELECT count(*) FROM srv_users");
            s.devices = count("SELECT count(*) FROM srv_devices");
            s.buckets = count("SELECT count(*) FROM _buckets");
            s.notifications = count("SELECT count(*) FROM srv_notifications");
            s.webhook_queue = count("SELECT count(*) FROM srv_webhook");
            for (const sync::TableDef& t : hub_->schema().tables())
                s.records += count("SELECT count(*) FROM " + sync::quote_ident(t.name));
            s.db_bytes = count("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
            std::error_code ec;
            auto wal = std::filesystem::file_size(path_ + "-wal", ec);
            if (!ec) s.db_bytes += wal;
            s.hub_seq = hub_->hub_seq();
            Stmt d = db().prepare(
                "SELECT d.site, coalesce(u.name,'?'), coalesce(d.user_agent,''), d.first_seen, d.last_sync,"
                " d.syncs FROM srv_devices d LEFT JOIN srv_users u ON u.id=d.user_id ORDER BY d.last_sync DESC");
            while (d.step()) {
                Device dev;
                dev.site = d.text(0);
                dev.user_name = d.text(1);
                dev.user_agent = d.text(2);
                dev.first_seen_ms = static_cast<std::uint64_t>(d.integer(3));
                dev.last_sync_ms = static_cast<std::uint64_t>(d.integer(4));
                dev.syncs = static_cast<std::uint64_t>(d.integer(5));
                s.device_list.push_back(std::move(dev));
            }
            return s;
        });
    }

    Status backup(const std::string& path) override {
        // A separate read connection: WAL lets the server keep writing meanwhile, and
        // one backup step is one read transaction, so the copy is consistent.
        return sync::guard_status([&] {
            std::string tmp = path + ".partial";
            for (const std::string& p : {path, tmp})
                if (auto own = hub_->check_not_own_file(p); !own.ok()) throw sync::Failure{own.error()};
            std::filesystem::remove(tmp);
            std::string msg;
            if (copy_database(path_, tmp, msg) != SQLITE_OK) {
                std::filesystem::remove(tmp);
                fail(Code::Storage, "backup to " + path + " failed: " + msg);
            }
            std::filesystem::rename(tmp, path);
        });
    }

    Status check_output_file(const std::string& path) override { return hub_->check_not_own_file(path); }

private:
    sync::Db& db() { return hub_->db(); }

    static User row_user(const Stmt& q) {
        User u;
        u.id = q.text(0);
        u.name = q.text(1);
        u.role = parse_role(q.text(2)).value_or(UserRole::Consultant);
        u.disabled = q.integer(3) != 0;
        u.created_ms = static_cast<std::uint64_t>(q.integer(4));
        return u;
    }

    static Notification row_notification(const Stmt& q) {
        Notification n;
        n.n = q.integer(0);
        n.user_id = q.text(1);
        n.case_id = q.text(2);
        n.payload = q.text(3);
        n.created_ms = static_cast<std::uint64_t>(q.integer(4));
        if (!q.is_null(5)) n.read_ms = static_cast<std::uint64_t>(q.integer(5));
        return n;
    }

    User find_user(const std::string& name) {
        Stmt q = db().prepare("SELECT id,name,role,disabled,created_at FROM srv_users WHERE name=?");
        q.bind(1, name);
        if (!q.step()) fail(Code::NotFound, "no user named " + name);
        return row_user(q);
    }

    std::set<std::string> grants_of(const User& u) {
        std::set<std::string> out;
        Stmt q = db().prepare("SELECT account_id FROM srv_grants WHERE user_id=?");
        q.bind(1, u.id);
        while (q.step()) out.insert(std::string(q.text(0)));
        return out;
    }

    std::vector<std::string> readable(const User& u) {
        std::vector<std::string> out;
        auto seqs = hub_->bucket_seqs();
        if (!seqs.ok()) throw sync::Failure{seqs.error()};
        if (u.reads_everything()) {
            for (auto& [b, s] : *seqs) out.push_back(b);
        } else {
            std::set<std::string> g = grants_of(u);
            for (auto& [b, s] : *seqs)
                if (b == sync::kGlobalBucket || g.count(b)) out.push_back(b);
        }
        return out;
    }

    std::optional<Error> authorize(const User& u, std::set<std::string>& granted, const std::string& bucket,
                                   const sync::RecordChange& rc, bool creates) {
        const std::string& t = rc.table->name;
        if (bucket == sync::kGlobalBucket) {
            if (u.role == UserRole::Admin) return std::nullopt;
            if (t == "users") {
                bool own = rc.id == u.id && !creates;
                for (const auto& c : rc.cells) {
                    const std::string& f = rc.table->fields[static_cast<size_t>(c.field)].name;
                    own = own && (f == "style" || f == "weekly_target");
                }
                if (own) return std::nullopt;
                return Error{Code::Forbidden, "only an admin changes users; you may change your own style and weekly target"};
            }
            if (t == "programmes" && u.role == UserRole::Seller) return std::nullopt;
            return Error{Code::Forbidden, "only " + std::string(t == "programmes" ? "sellers and admins" : "admins") +
                                              " change " + t};
        }
        if (u.reads_everything() || granted.count(bucket)) return std::nullopt;
        if (creates && t == "accounts") {
            // A consultant who creates an account may work on it.
            Stmt ins = db().prepare("INSERT OR IGNORE INTO srv_grants(user_id,account_id) VALUES(?,?)");
            ins.bind(1, u.id).bind(2, rc.id).run();
            granted.insert(rc.id);
            return std::nullopt;
        }
        return Error{Code::Forbidden, "no access to account " + bucket};
    }

    std::vector<User> sellers() {
        std::vector<User> out;
        Stmt q = db().prepare("SELECT id,name,role,disabled,created_at FROM srv_users WHERE role='seller' AND disabled=0");
        while (q.step()) out.push_back(row_user(q));
        return out;
    }

    std::optional<sync::Record> record(const char* table, const std::string& id) {
        if (id.empty()) return std::nullopt;
        auto r = hub_->get(table, id);
        if (!r.ok()) return std::nullopt;
        return std::move(r).value();
    }

    std::string user_name_of(const std::string& id) {
        Stmt q = db().prepare("SELECT name FROM srv_users WHERE id=?");
        q.bind(1, id);
        return q.step() ? std::string(q.text(0)) : id;
    }

    // Flags of product.md's competitor rule for a record on `account`.
    std::vector<std::string> policy_flags(const sync::Record& account, bool new_account) {
        std::vector<std::string> flags;
        std::string policy = str(account["policy"]);
        if (!new_account && (policy == "inbound-only" || policy == "blocked"))
            flags.push_back("policy:" + policy);
        std::string group = str(account["competitor_group"]);
        if (new_account && !group.empty()) {
            Stmt q = db().prepare(
                "SELECT name FROM accounts WHERE competitor_group=? AND id<>? AND policy='active' "
                "AND coalesce(deleted,0)=0 LIMIT 1");
            q.bind(1, group).bind(2, account.id);
            if (q.step()) flags.push_back("competitor:" + group + ":" + std::string(q.text(0)));
        }
        return flags;
    }

    void notify_created(const User& pusher, const sync::TableDef& table, const std::string& id,
                        const std::vector<User>& to, Stmt& guard, std::vector<Notification>& out) {
        const std::string& t = table.name;
        if (t != "cases" && t != "accounts" && t != "activities") return;
        if (to.empty() && !opts_.webhook) {
            // Nobody to tell now; a case is still marked, so that it is never news later.
            if (t == "cases") {
                guard.bind(1, id).run();
                guard.reset();
            }
            return;
        }
        auto rec = record(t.c_str(), id);
        if (!rec) return;
        json payload;
        std::vector<std::string> flags;
        std::optional<sync::Record> account =
            t == "accounts" ? rec : record("accounts", str((*rec)["account_id"]));
        if (t == "cases") {
            payload["kind"] = "new_case";
            payload["case"] = {{"id", id}, {"title", value_json((*rec)["title"])},
                               {"value", value_json((*rec)["value"])}, {"currency", value_json((*rec)["currency"])},
                               {"stage", value_json((*rec)["stage"])}, {"need", value_json((*rec)["need"])}};
            if (account) flags = policy_flags(*account, false);
        } else if (t == "accounts") {
            flags = policy_flags(*rec, true);
            if (flags.empty()) return;  // only a new account in a competitor's group is news
            payload["kind"] = "competitor_account";
        } else {
            bool outbound = str((*rec)["direction"]) != "inbound";
            if (!outbound || !account) return;
            flags = policy_flags(*account, false);
            if (flags.empty()) return;  // outbound work on an inbound-only/blocked account
            payload["kind"] = "policy_activity";
            payload["activity"] = {{"id", id}, {"type", value_json((*rec)["type"])}, {"date", value_json((*rec)["date"])}};
        }
        // Exactly once per record, whatever retries happen.
        guard.bind(1, id).run();
        guard.reset();
        if (db().changes() == 0) return;

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
        payload["found_by"] = {{"id", finder}, {"name", user_name_of(finder)}};
        payload["flags"] = flags;
        payload["links"] = {{"case", t == "cases" ? "fika:cases/" + id : ""},
                            {"account", account ? "fika:accounts/" + account->id : ""},
                            {"contact", contact ? "fika:contacts/" + contact->id : ""},
                            {"found_by", "fika:users/" + finder}};
        std::string text = payload.dump();
        std::uint64_t now = hub_->now_ms();
        Stmt ins = db().prepare(
            "INSERT INTO srv_notifications(user_id,case_id,payload,created_at) VALUES(?,?,?,?) RETURNING n");
        for (const User& s : to) {
            ins.bind(1, s.id).bind(2, id).bind(3, text).bind(4, now);
            Notification n;
            if (ins.step()) n.n = ins.integer(0);
            ins.reset();
            n.user_id = s.id;
            n.case_id = id;
            n.payload = text;
            n.created_ms = now;
            out.push_back(std::move(n));
        }
        if (opts_.webhook) {
            Stmt w = db().prepare("INSERT INTO srv_webhook(payload,next_at) VALUES(?,?)");
            w.bind(1, text).bind(2, now).run();
        }
    }

    // ---- group commit -----------------------------------------------------------------

    struct SyncJob {
        const User* user;
        const sync::SyncRequest* req;
        const DeviceInfo* device;
        std::optional<Result<SyncOutcome>> result;  // set when answered
    };
    static constexpr std::size_t kMaxGroup = 64;

    // Merges the group's pushes and notes its devices in one transaction; a sync that
    // fails there gets its error and the others are merged again without it. Then each
    // answer: what was merged, and the pull. Holds mu_. Returns the answers in the group's
    // order (the caller hands them over: the jobs' owners read them under queue_mu_).
    std::vector<Result<SyncOutcome>> run_group(const std::vector<SyncJob*>& group) {
        std::vector<std::optional<Result<SyncOutcome>>> results(group.size());
        std::vector<std::size_t> live(group.size());
        for (std::size_t i = 0; i < live.size(); ++i) live[i] = i;
        std::vector<SyncOutcome> outs;
        while (!live.empty()) {
            outs.assign(live.size(), SyncOutcome{});
            std::size_t at = 0;
            // A group of pulls only notes its devices and downloads: nothing a device was
            // told is saved, so its commit need not wait for the disk (sync::Durability).
            bool pushes = false;
            for (std::size_t i : live) pushes = pushes || (group[i]->req->has_push && !group[i]->req->push.empty());
            Status merged = sync::guard_status([&] {
                sync::Store::Batch batch(*hub_, pushes ? sync::Durability::Full : sync::Durability::Redoable);
                for (at = 0; at < live.size(); ++at) {
                    const SyncJob& j = *group[live[at]];
                    merge_push(*j.user, *j.req, *j.device, outs[at]);
                }
                flush_downloads();
                Status st = batch.commit();
                if (!st.ok()) throw sync::Failure{st.error()};
                downloads_.clear();
            });
            if (merged.ok()) break;
            if (at >= live.size()) {  // the commit failed: nothing was merged
                for (std::size_t i : live) results[i] = merged.error();
                live.clear();
                break;
            }
            results[live[at]] = merged.error();
            live.erase(live.begin() + static_cast<long>(at));
        }
        for (std::size_t k = 0; k < live.size(); ++k) {
            const SyncJob& j = *group[live[k]];
            results[live[k]] = sync::guard([&] {
                answer(*j.user, *j.req, outs[k]);
                return std::move(outs[k]);
            });
        }
        std::vector<Result<SyncOutcome>> out;
        out.reserve(results.size());
        for (auto& r : results) out.push_back(std::move(*r));
        return out;
    }

    // One sync's push and its device's line, inside the group's transaction.
    void merge_push(const User& u, const sync::SyncRequest& req, const DeviceInfo& device, SyncOutcome& out) {
        // A device that has seen further than this database's sequence: the database went
        // back (put back from a backup by hand). A new incarnation makes every device send
        // again what it lacks and download from the start (Store::begin_resend).
        if (req.has_pull) {
            for (auto& [bucket, cursor] : req.cursors) {
                if (cursor.at <= hub_->hub_seq()) continue;
                auto fresh = hub_->new_incarnation();
                if (!fresh.ok()) throw sync::Failure{fresh.error()};
                std::fprintf(stderr,
                             "fika-server: a device has seen sequence %llu, but this database ends at %llu: it was "
                             "put back from a backup. New incarnation %s: devices will send again what it lacks.\n",
                             static_cast<unsigned long long>(cursor.at),
                             static_cast<unsigned long long>(hub_->hub_seq()),
                             sync::site_to_string(*fresh).c_str());
                break;
            }
        }
        if (req.has_push && !req.push.empty()) {
            std::set<std::string> granted = grants_of(u);  // an earlier push may have granted more
            sync::Authorize authz = [&](const std::string& bucket, const sync::RecordChange& rc,
                                        bool creates) { return authorize(u, granted, bucket, rc, creates); };
            auto applied = hub_->hub_apply(req.push, authz);
            if (!applied.ok()) throw sync::Failure{applied.error()};
            out.refused = applied->refused.size();
            out.accepted = req.push.size() - out.refused;
            out.response.refused = applied->refused;
            out.buckets_changed = applied->buckets_changed;
            for (auto& [table, id] : applied->erased)
                if (table->name == "contacts") forget_person(u.name, id);
            if (!applied->created.empty()) {
                Stmt guard = db().prepare("INSERT OR IGNORE INTO srv_notified(record_id) VALUES(?)");
                if (req.push_resent) {
                    // Sent again after a restore: its sellers heard of it before the restore.
                    for (auto& [table, id] : applied->created)
                        if (table->name == "cases") guard.bind(1, id).run_and_reset();
                } else {
                    std::vector<User> to = sellers();  // once per push, not per record
                    for (auto& [table, id] : applied->created)
                        notify_created(u, *table, id, to, guard, out.notifications);
                }
            }
        }
        if (!device_upsert_)
            device_upsert_ = db().prepare(
                "INSERT INTO srv_devices(site,user_id,first_seen,last_sync,syncs,user_agent) "
                "VALUES(?1,?2,?3,?3,1,?4) ON CONFLICT(site) DO UPDATE SET user_id=?2, last_sync=?3,"
                " syncs=syncs+1, user_agent=?4");
        Stmt& dev = *device_upsert_;
        dev.bind(1, sync::site_to_string(req.site)).bind(2, u.id).bind(3, hub_->now_ms());
        dev.bind(4, device.user_agent.substr(0, 200)).run_and_reset();
    }

    // One sync's answer, after its push was committed: the pull, without the echo.
    void answer(const User& u, const sync::SyncRequest& req, SyncOutcome& out) {
        if (req.has_push) pushed(req.site, req.push_upto);
        sync::SyncResponse& resp = out.response;
        resp.site = hub_->site();
        resp.hlc = std::max(hub_->hlc_last(), sync::hlc_from_ms(hub_->now_ms()));
        resp.push_upto = req.push_upto;
        if (req.has_hub) resp.hub = hub_->incarnation();
        // A device that synced with another incarnation: its cursors mean nothing here. It
        // sends everything again and downloads from the start (begin_resend), then pulls.
        const bool stranger = req.has_hub && req.hub != 0 && req.hub != hub_->incarnation();
        if (req.has_pull && !stranger) pull(u, req, resp);
        for (const sync::BucketPage& p : resp.pages)
            if (!p.changes.empty()) downloaded(u.name, p.bucket);
        // The cells this very push brought are on the device already: do not send them
        // back (an upload of N records would otherwise download them all again).
        if (req.has_push && !resp.pages.empty()) drop_echo(req, resp);
    }

    static void drop_echo(const sync::SyncRequest& req, sync::SyncResponse& resp) {
        std::unordered_map<std::string_view, const sync::RecordChange*> pushed;
        pushed.reserve(req.push.size());
        for (const sync::RecordChange& rc : req.push) pushed.emplace(rc.id, &rc);
        for (sync::BucketPage& p : resp.pages) {
            for (sync::RecordChange& rc : p.changes) {
                auto it = pushed.find(rc.id);
                if (it == pushed.end() || it->second->table != rc.table) continue;
                std::erase_if(rc.cells, [&](const sync::CellChange& c) {
                    for (const sync::CellChange& mine : it->second->cells)
                        if (mine.field == c.field && mine.clock == c.clock) return true;
                    return false;
                });
            }
            std::erase_if(p.changes, [](const sync::RecordChange& rc) { return rc.cells.empty(); });
        }
    }

    void pull(const User& u, const sync::SyncRequest& req, sync::SyncResponse& resp) {
        std::vector<std::string> buckets = readable(u);
        std::set<std::string> readable_set(buckets.begin(), buckets.end());
        for (auto& [b, c] : req.cursors)
            if (!readable_set.count(b)) resp.purge.push_back(b);
        auto seqs = hub_->bucket_seqs();
        if (!seqs.ok()) throw sync::Failure{seqs.error()};
        std::size_t budget = req.limit;
        for (const std::string& b : buckets) {
            auto it = req.cursors.find(b);
            sync::Cursor c = it == req.cursors.end() ? sync::Cursor{} : it->second;
            std::uint64_t seq = seqs->count(b) ? seqs->at(b) : 0;
            if (seq <= c.at && c.since == c.at) continue;  // up to date
            if (budget == 0) {
                resp.more = true;
                break;
            }
            // An incremental pull (since > 0) need not carry the device's own cells back:
            // it wrote them. A download from scratch (since = 0: a new device, a bucket
            // gained again, drift found by the checksum) carries everything.
            auto page = hub_->feed(b, c, budget, c.since > 0 ? req.site : 0);
            if (!page.ok()) throw sync::Failure{page.error()};
            sync::BucketPage p;
            p.bucket = b;
            p.from = c.at;
            p.to = page->to;
            p.more = page->more;
            p.checksum = page->checksum;
            budget -= std::min(budget, page->changes.size());
            p.changes = std::move(page->changes);
            if (p.more) resp.more = true;
            resp.pages.push_back(std::move(p));
        }
    }

    // ---- GDPR ---------------------------------------------------------------------------

    Result<std::string> export_person(const std::string& who, const std::string& contact_id) override {
        std::lock_guard lock(mu_);
        return sync::guard([&] {
            auto doc = sync::person_export(*hub_, contact_id);
            if (!doc.ok()) throw sync::Failure{doc.error()};
            sync::Transaction t(db());
            log_access(who, "export", contact_id, "");
            t.commit();
            return std::move(doc).value();
        });
    }

    Result<std::vector<std::string>> erase_person(const std::string& who, const std::string& contact_id) override {
        std::lock_guard lock(mu_);
        return sync::guard([&] {
            std::set<std::string> buckets;
            sync::Store::Batch batch(*hub_);
            auto done = hub_->erase_person(contact_id);
            if (!done.ok()) throw sync::Failure{done.error()};
            for (auto& [table, id] : done->records) {
                auto r = hub_->get(table, id);
                if (r.ok()) buckets.insert(std::string(sync::Store::bucket_of(*r->table, id, r->values)));
            }
            forget_person(who, contact_id);
            Status st = batch.commit();
            if (!st.ok()) throw sync::Failure{st.error()};
            return std::vector<std::string>(buckets.begin(), buckets.end());
        });
    }

    Result<std::vector<AccessEntry>> access_log(const std::string& person, const std::string& who,
                                                std::size_t limit) override {
        std::lock_guard lock(mu_);
        return sync::guard([&] {
            {
                sync::Transaction t(db());
                flush_downloads();
                t.commit();
                downloads_.clear();
            }
            std::string where = "1";
            std::vector<std::string> args;
            if (!person.empty()) {
                // Their exports and erasure, and every download of their account.
                auto c = hub_->get("contacts", person);
                std::string account = c.ok() ? str((*c)["account_id"]) : "";
                where = "(subject=? OR (action='download' AND subject=?))";
                args = {person, account};
            }
            if (!who.empty()) {
                where += " AND who=?";
                args.push_back(who);
            }
            Stmt q = db().prepare("SELECT day,who,action,subject,detail,times,first_at,last_at FROM srv_access WHERE " +
                                  where + " ORDER BY last_at DESC LIMIT ?");
            int i = 1;
            for (const std::string& a : args) q.bind(i++, a);
            q.bind(i, static_cast<std::int64_t>(limit));
            std::vector<AccessEntry> out;
            while (q.step())
                out.push_back({std::string(q.text(0)), std::string(q.text(1)), std::string(q.text(2)),
                               std::string(q.text(3)), std::string(q.text(4)), static_cast<std::uint64_t>(q.integer(5)),
                               static_cast<std::uint64_t>(q.integer(6)), static_cast<std::uint64_t>(q.integer(7))});
            return out;
        });
    }

    // An erased person's name leaves the notifications and queued webhooks that carried
    // it; the erasure is logged. Inside the caller's transaction.
    void forget_person(const std::string& who, const std::string& contact_id) {
        for (const char* table : {"srv_notifications", "srv_webhook"}) {
            Stmt u = db().prepare(std::string("UPDATE ") + table +
                                  " SET payload=json_set(payload,'$.contact.name','[erased]')"
                                  " WHERE json_valid(payload) AND json_extract(payload,'$.contact.id')=?");
            u.bind(1, contact_id).run();
        }
        log_access(who, "erase", contact_id, "");
    }

    void log_access(const std::string& who, const char* action, const std::string& subject, const std::string& detail,
                    std::uint64_t times = 1, std::uint64_t first = 0, std::uint64_t last = 0) {
        std::uint64_t now = hub_->now_ms();
        if (!first) first = now;
        if (!last) last = now;
        if (!access_upsert_)
            access_upsert_ = db().prepare(
                "INSERT INTO srv_access(day,who,action,subject,times,first_at,last_at,detail) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)"
                " ON CONFLICT(day,who,action,subject) DO UPDATE SET times=times+?5, last_at=max(last_at,?7)");
        Stmt& q = *access_upsert_;
        q.bind(1, sync::utc_text(static_cast<std::int64_t>(first / 1000), "%Y-%m-%d")).bind(2, who).bind(3, action);
        q.bind(4, subject).bind(5, times).bind(6, first).bind(7, last).bind(8, detail);
        q.run_and_reset();
    }

    // Downloads are counted in memory and written with the next write transaction (every
    // sync has one), so that logging them costs no commit of its own.
    void downloaded(const std::string& who, const std::string& bucket) {
        if (bucket == sync::kGlobalBucket) return;  // shared lists, not anybody's data
        std::uint64_t now = hub_->now_ms();
        Pending& p = downloads_[{who, bucket}];
        if (!p.times) p.first = now;
        ++p.times;
        p.last = now;
    }

    // Writes the counted downloads in the caller's transaction; the caller forgets them
    // (downloads_.clear()) once that transaction has committed.
    void flush_downloads() {
        for (auto& [key, p] : downloads_) log_access(key.first, "download", key.second, "", p.times, p.first, p.last);
    }

    // A device may send its next push before the last one is answered (an upload of
    // many records keeps both ends busy). Such a push names the one it follows and waits
    // here, without the lock, until that one is merged: a record created there may be
    // changed in this one. If it never comes (lost on the way, refused, or the server
    // restarted in between), the waiting push is answered "busy" and the device, which
    // saw the first one fail, syncs again later; nothing was merged out of order.
    // The one it follows is the device's last merged push, exactly: a device restored
    // from a backup numbers its outbox lower again, and a push up to 50 must not pass
    // because one up to 100 was merged before the restore.
    void wait_for_push(sync::Site site, std::uint64_t follows, std::unique_lock<std::mutex>& lock) {
        auto merged = [&] {
            auto it = merged_upto_.find(site);
            return it != merged_upto_.end() && it->second == follows;
        };
        if (merged()) return;
        if (waiting_pushes_ >= opts_.max_waiting_pushes)
            fail(Code::Busy, "too many pushes are waiting for the ones before them; sync again");
        ++waiting_pushes_;
        bool arrived = pushed_cv_.wait_for(lock, opts_.push_order_wait, merged);
        --waiting_pushes_;
        if (!arrived)
            fail(Code::Busy, "the push before this one (up to " + std::to_string(follows) +
                                 ") has not arrived; sync again");
    }

    void pushed(sync::Site site, std::uint64_t upto) {
        if (merged_upto_.size() >= 100000) merged_upto_.clear();  // bounded; only order in flight matters
        merged_upto_[site] = upto;
        pushed_cv_.notify_all();
    }

    std::unique_ptr<sync::Store> hub_;
    ServerStoreOptions opts_;
    std::string path_;
    std::string data_dir_;
    std::mutex mu_;  // one connection: every call holds it
    std::condition_variable pushed_cv_;
    struct Pending {
        std::uint64_t times = 0, first = 0, last = 0;
    };
    std::map<std::pair<std::string, std::string>, Pending> downloads_;  // (who, account) not yet logged
    std::optional<Stmt> access_upsert_;  // after hub_: destroyed before the connection
    std::optional<Stmt> device_upsert_;
    std::mutex auth_mu_;  // guards auth_db_ and auth_q_ (user_by_token), not mu_
    sync::Db auth_db_;
    std::optional<Stmt> auth_q_;
    std::mutex queue_mu_;  // guards queue_ and leading_ (never held with mu_ waited for)
    std::condition_variable group_done_;
    std::deque<SyncJob*> queue_;  // syncs waiting for the next group
    bool leading_ = false;        // a sync is running a group now
    std::unordered_map<sync::Site, std::uint64_t> merged_upto_;  // per device: its last merged push
    std::size_t waiting_pushes_ = 0;  // in wait_for_push now
};

}  // namespace

namespace {

std::unique_ptr<sync::Store> open_hub(const std::string& path, const ServerStoreOptions& opts, bool create) {
    sync::OpenOptions o;
    o.role = sync::Role::Hub;
    o.wall = opts.wall;
    o.max_drift_ms = opts.max_drift_ms;
    o.integrity_check = opts.integrity_check;
    o.create = create;
    auto hub = sync::Store::open(path, o);
    if (!hub.ok()) throw sync::Failure{hub.error()};
    migrate((*hub)->db());
    return std::move(hub).value();
}

// At open: a database that went back gets a new incarnation; then the state is updated.
void check_state(const std::string& data_dir, sync::Store& hub) {
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

std::string utc_stamp() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
    return buf;
}

}  // namespace

Result<std::unique_ptr<ServerStore>> open_sqlite_store(const std::string& data_dir, const ServerStoreOptions& opts) {
    return sync::guard([&]() -> std::unique_ptr<ServerStore> {
        std::error_code ec;
        std::filesystem::create_directories(data_dir, ec);
        if (ec) fail(Code::Storage, "cannot create data directory " + data_dir + ": " + ec.message());
        std::string path = database_path(data_dir);
        auto hub = open_hub(path, opts, true);
        check_state(data_dir, *hub);
        return std::make_unique<SqliteServerStore>(std::move(hub), opts, path, data_dir);
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

Result<RestoreReport> restore_sqlite_store(const std::string& data_dir, const std::string& backup) {
    return sync::guard([&]() -> RestoreReport {
        auto lock = lock_data_dir(data_dir);
        if (!lock.ok()) throw sync::Failure{lock.error()};
        struct stat st {};
        if (::stat(backup.c_str(), &st) != 0) fail(Code::NotFound, backup + ": no such file");
        if (!S_ISREG(st.st_mode)) fail(Code::Invalid, backup + " is not a file");
        const std::string target = database_path(data_dir), tmp = target + ".restoring";
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            struct stat t {};
            if (::stat((target + suffix).c_str(), &t) == 0 && t.st_dev == st.st_dev && t.st_ino == st.st_ino)
                fail(Code::Invalid, backup + " is the database in place; restore from a backup");
        }
        auto remove_tmp = [&] {
            for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(tmp + suffix);
        };
        remove_tmp();
        // A copy through SQLite (the backup file is only read), then checked and migrated:
        // nothing is replaced until the copy is known to be a good server database.
        {
            std::string msg;
            int rc = copy_database(backup, tmp, msg);
            if (rc != SQLITE_OK) {
                remove_tmp();
                fail((rc & 0xff) == SQLITE_NOTADB ? Code::Corrupt : Code::Storage, "cannot read " + backup + ": " + msg);
            }
        }
        RestoreReport rep;
        try {
            ServerStoreOptions o;
            auto hub = open_hub(tmp, o, false);
            auto fresh = hub->new_incarnation();
            if (!fresh.ok()) throw sync::Failure{fresh.error()};
            rep.incarnation = *fresh;
            rep.seq = hub->hub_seq();
            for (const sync::TableDef& t : hub->schema().tables()) {
                Stmt q = hub->db().prepare("SELECT count(*) FROM " + sync::quote_ident(t.name));
                if (q.step()) rep.records += static_cast<std::size_t>(q.integer(0));
            }
        } catch (const sync::Failure& f) {
            remove_tmp();
            fail(f.error.code == Code::Storage ? Code::Storage : Code::Corrupt,
                 backup + " is not a fika-server backup that this version can use: " + f.error.message);
        }
        struct stat cur {};
        if (::stat(target.c_str(), &cur) == 0) {
            // Fold the WAL into the file it replaces, so that the kept copy stands alone.
            sqlite3* db = nullptr;
            if (sqlite3_open_v2(target.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK)
                sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
            sqlite3_close_v2(db);
            rep.replaced = target + ".replaced-" + utc_stamp();
            std::filesystem::rename(target, rep.replaced);
            for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(target + suffix);
        }
        std::filesystem::rename(tmp, target);
        for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(tmp + suffix);
        write_state(data_dir, rep.incarnation, rep.seq);
        return rep;
    });
}

}  // namespace fika::server
