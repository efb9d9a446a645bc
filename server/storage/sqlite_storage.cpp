#include "sqlite_storage.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "server_store.h"

namespace fika::server {

using sync::fail;
using sync::Stmt;

namespace {

// Resets a statement when it goes out of scope: its read transaction ends whatever happens.
struct ResetOnExit {
    Stmt& q;
    ~ResetOnExit() { q.reset(); }
};

constexpr int kServerSchema = 9;

// The server's tables, at `have` (from the hub's meta), brought to kServerSchema in the
// caller's transaction. Returns the version reached.
int migrate(sync::Db& db, int have) {
    if (have > kServerSchema)
        fail(Code::SchemaTooNew, "the server database was written by a newer fika-server");
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
        " user_agent TEXT) WITHOUT ROWID;");
    if (have < 2)
        db.exec(
            "CREATE TABLE srv_access(day TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL,"
            " subject TEXT NOT NULL, times INTEGER NOT NULL, first_at INTEGER NOT NULL,"
            " last_at INTEGER NOT NULL, detail TEXT NOT NULL DEFAULT '',"
            " PRIMARY KEY(day, who, action, subject)) WITHOUT ROWID;"
            "CREATE INDEX srv_access_by_subject ON srv_access(subject, last_at);");
    if (have < 3) db.exec("ALTER TABLE srv_devices ADD COLUMN pushed_upto INTEGER");
    if (have < 4)
        db.exec("ALTER TABLE srv_devices ADD COLUMN wiped_at INTEGER;"
                "ALTER TABLE srv_devices ADD COLUMN wipe_reason TEXT;");
    if (have < 5)
        db.exec(
            "ALTER TABLE srv_devices ADD COLUMN token_hash TEXT;"
            "ALTER TABLE srv_devices ADD COLUMN name TEXT;"
            "ALTER TABLE srv_devices ADD COLUMN platform TEXT;"
            "ALTER TABLE srv_devices ADD COLUMN app_version TEXT;"
            "ALTER TABLE srv_devices ADD COLUMN enrolled_at INTEGER;"
            "ALTER TABLE srv_devices ADD COLUMN revoked_at INTEGER;"
            "CREATE INDEX srv_devices_by_token ON srv_devices(token_hash) WHERE token_hash IS NOT NULL;"
            "CREATE INDEX srv_devices_by_user ON srv_devices(user_id);"
            "CREATE TABLE srv_enrolments(code_hash TEXT PRIMARY KEY NOT NULL, user_id TEXT NOT NULL,"
            " created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER, used_by TEXT) WITHOUT ROWID;");
    if (have < 6) db.exec("ALTER TABLE srv_devices ADD COLUMN signout_at INTEGER");
    if (have < 7)
        db.exec(
            "CREATE TABLE srv_mail_prefs(user_id TEXT PRIMARY KEY NOT NULL, address TEXT NOT NULL,"
            " mode TEXT NOT NULL, hour INTEGER NOT NULL, utc_offset INTEGER NOT NULL, lang TEXT NOT NULL,"
            " updated_at INTEGER NOT NULL) WITHOUT ROWID;"
            "CREATE TABLE srv_mail(n INTEGER PRIMARY KEY, user_id TEXT NOT NULL, notification INTEGER NOT NULL UNIQUE,"
            " digest INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL, last_error TEXT);"
            "CREATE INDEX srv_mail_due ON srv_mail(next_at);"
            "CREATE INDEX srv_mail_by_user ON srv_mail(user_id, digest);");
    if (have < 8)
        db.exec(
            "CREATE TABLE srv_content(bucket TEXT NOT NULL, hash TEXT NOT NULL, at INTEGER NOT NULL,"
            " PRIMARY KEY(bucket, hash)) WITHOUT ROWID;"
            "CREATE INDEX srv_content_by_hash ON srv_content(hash);");
    // Who to tell of a new case is read at every push that creates one: by role, not by
    // reading every user (a scan of 1,000 users was 15 % of a sync's time).
    if (have < 9) db.exec("CREATE INDEX srv_users_by_role ON srv_users(role, disabled);");
    return kServerSchema;
}

const char* kUserCols = "id,name,role,disabled,created_at";

User row_user(const Stmt& q) {
    User u;
    u.id = q.text(0);
    u.name = q.text(1);
    u.role = parse_role(q.text(2)).value_or(UserRole::Consultant);
    u.disabled = q.integer(3) != 0;
    u.created_ms = static_cast<std::uint64_t>(q.integer(4));
    return u;
}

Notification row_notification(const Stmt& q) {
    Notification n;
    n.n = q.integer(0);
    n.user_id = q.text(1);
    n.case_id = q.text(2);
    n.payload = q.text(3);
    n.created_ms = static_cast<std::uint64_t>(q.integer(4));
    if (!q.is_null(5)) n.read_ms = static_cast<std::uint64_t>(q.integer(5));
    return n;
}

}  // namespace

int copy_sqlite_database(const std::string& from, const std::string& to, std::string& msg) {
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

namespace {

std::string utc_stamp() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
    return buf;
}

std::string state_path(const std::string& data_dir) {
    return (std::filesystem::path(data_dir) / "fika-server.state").string();
}

}  // namespace

std::string database_path(const std::string& data_dir) {
    return (std::filesystem::path(data_dir) / "fika-server.db").string();
}

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

namespace {

// The versions a database file was written at (engine, server tables); {0, 0} for a new
// or empty file. Read before the store opens it (and migrates).
std::pair<int, int> written_at(const std::string& path) {
    auto at = sync::must(sync::SqliteReplica::peek(path, "server_schema"));
    return {at.first, at.second ? std::atoi(at.second->c_str()) : 0};
}

// A database an older fika-server wrote is copied aside before anything migrates it
// (DATA/backups/before-migration-...: not a name the scheduled backups rotate away): a
// migration that fails leaves the database as it was (each runs in a transaction), and an
// upgrade taken back has the copy. Returns its path ("" when nothing needs migrating).
std::string copy_before_migrating(const std::string& path) {
    auto [engine, server] = written_at(path);
    if (engine == 0 || (engine >= sync::kSchemaVersion && server >= kServerSchema)) return "";
    std::string to = before_migration_path(std::filesystem::path(path).parent_path() / "backups",
                                           std::to_string(engine) + "." + std::to_string(server), "db");
    std::string msg;
    if (copy_sqlite_database(path, to, msg) != SQLITE_OK) {
        std::filesystem::remove(to);
        fail(Code::Storage, "the database needs migrating and a copy of it could not be made first (" + msg +
                                "); nothing was changed");
    }
    return to;
}

}  // namespace

std::string SqliteStorage::layout() { return std::to_string(sync::kSchemaVersion) + "." + std::to_string(kServerSchema); }


Result<std::unique_ptr<SqliteStorage>> SqliteStorage::open(const std::string& path, const StorageOptions& opts,
                                                           bool create) {
    return sync::guard([&] {
        std::string before = copy_before_migrating(path);
        if (!before.empty()) std::fprintf(stderr, "fika-server: migrating %s; a copy from before is %s\n", path.c_str(), before.c_str());
        sync::OpenOptions o;
        o.wall = opts.wall;
        o.max_drift_ms = opts.max_drift_ms;
        o.integrity_check = opts.integrity_check;
        o.create = create;
        std::unique_ptr<SqliteStorage> s(new SqliteStorage());
        s->open_hub(path, o);
        auto have = sync::must(s->meta("server_schema"));
        int version = have ? std::atoi(have->c_str()) : 0;
        if (version != kServerSchema) {
            try {
                Batch batch(*s);
                migrate(s->db(), version);
                sync::must(s->set_meta("server_schema", std::to_string(kServerSchema)));
                sync::must(batch.commit());
            } catch (const sync::Failure& f) {
                if (f.error.code == Code::SchemaTooNew) throw;
                fail(f.error.code, "migrating the server's tables from version " + std::to_string(version) + " to " +
                                       std::to_string(kServerSchema) + " failed (" + f.error.message +
                                       "); the server's tables are as they were" +
                                       (before.empty() ? std::string() : " (a copy from before: " + before + ")") +
                                       ". Run the previous fika-server, or report this");
            }
        }
        return s;
    });
}

SqliteStorage::~SqliteStorage() {
    // Statements before the connections they belong to.
    device_upsert_.reset();
    access_upsert_.reset();
    notified_.reset();
    notification_insert_.reset();
    auth_q_.reset();
}

template <typename Fn>
Status SqliteStorage::write(Fn&& fn) {
    return sync::guard_status([&] { in_write(fn); });
}

Status SqliteStorage::backup(const std::string& to) {
    // A separate read connection: WAL lets the server keep writing meanwhile, and one
    // backup step is one read transaction, so the copy is consistent.
    return sync::guard_status([&] {
        std::string tmp = to + ".partial";
        for (const std::string& p : {to, tmp})
            if (auto own = check_not_own_file(p); !own.ok()) throw sync::Failure{own.error()};
        std::filesystem::remove(tmp);
        std::string msg;
        if (copy_sqlite_database(path(), tmp, msg) != SQLITE_OK) {
            std::filesystem::remove(tmp);
            fail(Code::Storage, "backup to " + to + " failed: " + msg);
        }
        // Read back before it takes the name: a copy that a restore could not use is no backup.
        std::string why;
        try {
            sync::Db copy(tmp, false);
            sync::Stmt chk = copy.prepare("PRAGMA quick_check");
            std::string first = chk.step() ? std::string(chk.text(0)) : "";
            if (first != "ok") why = "its integrity check fails: " + first;
        } catch (const sync::Failure& f) {
            why = f.error.message;
        }
        if (!why.empty()) {
            std::filesystem::remove(tmp);
            fail(Code::Storage, "backup to " + to + " was written but does not read back (" + why + ")");
        }
        std::filesystem::rename(tmp, to);
    });
}

// ---- users -----------------------------------------------------------------------------------

// Every request asks this first. It reads through a connection of its own (WAL: readers
// never wait for the writer), so a request is authenticated, and then received and
// decoded, while another sync holds the store's connection for its merge and commit.
Result<std::optional<TokenOwner>> SqliteStorage::token_owner(const std::string& hash) {
    std::lock_guard lock(auth_mu_);
    return sync::guard([&]() -> std::optional<TokenOwner> {
        if (hash.empty()) return std::nullopt;
        if (!auth_q_)
            auth_q_ = auth_db().prepare(
                "SELECT id,name,role,disabled,created_at,'',0,0,'' FROM srv_users WHERE token_hash=?1"
                " UNION ALL SELECT u.id,u.name,u.role,u.disabled,u.created_at,d.site,coalesce(d.revoked_at,0),"
                " coalesce(d.wiped_at,0),coalesce(d.wipe_reason,'')"
                " FROM srv_devices d JOIN srv_users u ON u.id=d.user_id WHERE d.token_hash=?1");
        Stmt& q = *auth_q_;
        ResetOnExit reset{q};
        q.bind(1, hash);
        if (!q.step()) return std::nullopt;
        TokenOwner o;
        o.user = row_user(q);
        o.device_site = q.text(5);
        o.revoked_ms = static_cast<std::uint64_t>(q.integer(6));
        o.wiped_ms = static_cast<std::uint64_t>(q.integer(7));
        o.wipe_reason = q.text(8);
        return o;
    });
}

Result<std::optional<User>> SqliteStorage::user_named(const std::string& name) {
    return sync::guard([&]() -> std::optional<User> {
        Stmt q = db().prepare(std::string("SELECT ") + kUserCols + " FROM srv_users WHERE name=?");
        q.bind(1, name);
        if (!q.step()) return std::nullopt;
        return row_user(q);
    });
}

Result<std::optional<std::string>> SqliteStorage::user_name_of(const std::string& id) {
    return sync::guard([&]() -> std::optional<std::string> {
        Stmt q = db().prepare("SELECT name FROM srv_users WHERE id=?");
        q.bind(1, id);
        if (!q.step()) return std::nullopt;
        return std::string(q.text(0));
    });
}

Result<std::vector<User>> SqliteStorage::users() {
    return sync::guard([&] {
        std::vector<User> out;
        Stmt q = db().prepare(std::string("SELECT ") + kUserCols + " FROM srv_users ORDER BY name");
        while (q.step()) out.push_back(row_user(q));
        return out;
    });
}

Result<std::vector<User>> SqliteStorage::sellers() {
    return sync::guard([&] {
        std::vector<User> out;
        Stmt q = db().prepare(std::string("SELECT ") + kUserCols +
                              " FROM srv_users WHERE role='seller' AND disabled=0");
        while (q.step()) out.push_back(row_user(q));
        return out;
    });
}

Status SqliteStorage::insert_user(const User& u, const std::string& token_hash) {
    return write([&] {
        Stmt ins = db().prepare("INSERT INTO srv_users(id,name,role,token_hash,created_at) VALUES(?,?,?,?,?)");
        ins.bind(1, u.id).bind(2, u.name).bind(3, std::string(role_name(u.role)));
        ins.bind(4, token_hash).bind(5, u.created_ms).run();
    });
}

Status SqliteStorage::set_disabled(const std::string& user_id, bool disabled) {
    return write([&] {
        Stmt q = db().prepare("UPDATE srv_users SET disabled=? WHERE id=?");
        q.bind(1, disabled ? 1 : 0).bind(2, user_id).run();
    });
}

Result<std::string> SqliteStorage::secret(const std::string& name, const std::string& proposal) {
    std::string out;
    Status st = write([&] {
        auto have = sync::must(meta("secret:" + name));
        if (!have) sync::must(set_meta("secret:" + name, proposal));
        out = have.value_or(proposal);
    });
    if (!st.ok()) return st.error();
    return out;
}

Status SqliteStorage::set_token_hash(const std::string& user_id, const std::string& hash) {
    return write([&] {
        Stmt q = db().prepare("UPDATE srv_users SET token_hash=? WHERE id=?");
        q.bind(1, hash).bind(2, user_id).run();
    });
}

// ---- grants ----------------------------------------------------------------------------------

Result<std::set<std::string>> SqliteStorage::grants_of(const std::string& user_id) {
    return sync::guard([&] {
        std::set<std::string> out;
        Stmt q = db().prepare("SELECT account_id FROM srv_grants WHERE user_id=?");
        q.bind(1, user_id);
        while (q.step()) out.insert(std::string(q.text(0)));
        return out;
    });
}

Result<bool> SqliteStorage::has_grant(const std::string& user_id, const std::string& account_id) {
    return sync::guard([&] {
        Stmt q = db().prepare("SELECT 1 FROM srv_grants WHERE user_id=? AND account_id=?");
        q.bind(1, user_id).bind(2, account_id);
        return q.step();
    });
}

Status SqliteStorage::add_grant(const std::string& user_id, const std::string& account_id) {
    return write([&] {
        Stmt ins = db().prepare("INSERT OR IGNORE INTO srv_grants(user_id,account_id) VALUES(?,?)");
        ins.bind(1, user_id).bind(2, account_id).run();
    });
}

Result<bool> SqliteStorage::remove_grant(const std::string& user_id, const std::string& account_id) {
    bool removed = false;
    Status st = write([&] {
        Stmt del = db().prepare("DELETE FROM srv_grants WHERE user_id=? AND account_id=?");
        del.bind(1, user_id).bind(2, account_id).run();
        removed = db().changes() > 0;
    });
    if (!st.ok()) return st.error();
    return removed;
}

// ---- devices ---------------------------------------------------------------------------------

Status SqliteStorage::devices_synced(const std::vector<DeviceSync>& syncs, std::uint64_t now_ms) {
    return write([&] {
        if (!device_upsert_)
            device_upsert_ = db().prepare(
                "INSERT INTO srv_devices(site,user_id,first_seen,last_sync,syncs,user_agent,pushed_upto) "
                "VALUES(?1,?2,?3,?3,1,?4,?5) ON CONFLICT(site) DO UPDATE SET last_sync=?3,"
                " syncs=syncs+1, user_agent=?4, pushed_upto=coalesce(?5,pushed_upto)");
        Stmt& dev = *device_upsert_;
        for (const DeviceSync& s : syncs) {
            dev.bind(1, s.site).bind(2, s.user_id).bind(3, now_ms).bind(4, s.user_agent);
            if (s.pushed_upto) dev.bind(5, *s.pushed_upto);
            else dev.bind_null(5);
            dev.run_and_reset();
        }
    });
}

Result<std::optional<std::uint64_t>> SqliteStorage::pushed_upto(const std::string& site) {
    return sync::guard([&]() -> std::optional<std::uint64_t> {
        Stmt q = db().prepare("SELECT pushed_upto FROM srv_devices WHERE site=?");
        q.bind(1, site);
        if (!q.step() || q.is_null(0)) return std::nullopt;
        return static_cast<std::uint64_t>(q.integer(0));
    });
}

Result<std::vector<Device>> SqliteStorage::devices(const std::string& user_id) {
    return sync::guard([&] {
        std::vector<Device> out;
        Stmt d = db().prepare(
            "SELECT d.site, coalesce(u.name,'?'), coalesce(d.user_agent,''), d.first_seen, d.last_sync,"
            " d.syncs, coalesce(d.wiped_at,0), coalesce(d.wipe_reason,''), coalesce(d.name,''),"
            " coalesce(d.platform,''), coalesce(d.app_version,''), coalesce(d.enrolled_at,0), coalesce(d.revoked_at,0),"
            " coalesce(d.signout_at,0) FROM srv_devices d LEFT JOIN srv_users u ON u.id=d.user_id WHERE ?1='' OR d.user_id=?1"
            " ORDER BY d.last_sync DESC, d.first_seen DESC");
        d.bind(1, user_id);
        while (d.step()) {
            Device dev;
            dev.site = d.text(0);
            dev.user_name = d.text(1);
            dev.user_agent = d.text(2);
            dev.first_seen_ms = static_cast<std::uint64_t>(d.integer(3));
            dev.last_sync_ms = static_cast<std::uint64_t>(d.integer(4));
            dev.syncs = static_cast<std::uint64_t>(d.integer(5));
            dev.wiped_ms = static_cast<std::uint64_t>(d.integer(6));
            dev.wipe_reason = d.text(7);
            dev.name = d.text(8);
            dev.platform = d.text(9);
            dev.app_version = d.text(10);
            dev.enrolled_ms = static_cast<std::uint64_t>(d.integer(11));
            dev.revoked_ms = static_cast<std::uint64_t>(d.integer(12));
            dev.signout_ms = static_cast<std::uint64_t>(d.integer(13));
            out.push_back(std::move(dev));
        }
        return out;
    });
}

Status SqliteStorage::enrol_device(const Device& d, const std::string& user_id, const std::string& token_hash,
                                   std::uint64_t now_ms) {
    return write([&] {
        Stmt q = db().prepare(
            "INSERT INTO srv_devices(site,user_id,first_seen,last_sync,syncs,user_agent,token_hash,name,platform,"
            "app_version,enrolled_at) VALUES(?1,?2,?3,0,0,?4,?5,?6,?7,?8,?3) ON CONFLICT(site) DO UPDATE SET"
            " user_id=?2, user_agent=?4, token_hash=?5, name=?6, platform=?7, app_version=?8, enrolled_at=?3,"
            " revoked_at=NULL, signout_at=NULL");
        q.bind(1, d.site).bind(2, user_id).bind(3, now_ms).bind(4, d.user_agent).bind(5, token_hash);
        q.bind(6, d.name).bind(7, d.platform).bind(8, d.app_version).run();
    });
}

Status SqliteStorage::revoke_device(const std::string& site, std::uint64_t now_ms) {
    return write([&] {
        Stmt q = db().prepare("SELECT token_hash IS NOT NULL FROM srv_devices WHERE site=?");
        q.bind(1, site);
        if (!q.step()) fail(Code::NotFound, "no device " + site + " is known to this server");
        if (q.integer(0) == 0)
            fail(Code::Invalid, "device " + site + " signs in with its user's token: rotate the user's token instead");
        q.reset();
        Stmt u = db().prepare("UPDATE srv_devices SET revoked_at=coalesce(revoked_at,?) WHERE site=?");
        u.bind(1, now_ms).bind(2, site).run();
    });
}

// ---- enrolment codes -------------------------------------------------------------------------

Status SqliteStorage::add_enrolment(const std::string& code_hash, const std::string& user_id, std::uint64_t now_ms,
                                    std::uint64_t expires_ms) {
    return write([&] {
        Stmt old = db().prepare("DELETE FROM srv_enrolments WHERE expires_at < ?");
        old.bind(1, now_ms - std::min<std::uint64_t>(now_ms, 86400000)).run();
        Stmt ins = db().prepare(
            "INSERT INTO srv_enrolments(code_hash,user_id,created_at,expires_at) VALUES(?,?,?,?)");
        ins.bind(1, code_hash).bind(2, user_id).bind(3, now_ms).bind(4, expires_ms).run();
    });
}

Result<std::optional<std::string>> SqliteStorage::use_enrolment(const std::string& code_hash, const std::string& site,
                                                                std::uint64_t now_ms) {
    std::optional<std::string> user;
    Status st = write([&] {
        Stmt q = db().prepare(
            "UPDATE srv_enrolments SET used_at=?1, used_by=?2 WHERE code_hash=?3 AND used_at IS NULL"
            " AND expires_at > ?1 RETURNING user_id");
        q.bind(1, now_ms).bind(2, site).bind(3, code_hash);
        if (q.step()) user = std::string(q.text(0));
        while (q.step()) {
        }
    });
    if (!st.ok()) return st.error();
    return user;
}

Status SqliteStorage::wipe_device(const std::string& site, const std::string& reason, std::uint64_t now_ms) {
    return sync::guard([&] {
        Stmt q = db().prepare("UPDATE srv_devices SET wiped_at=coalesce(wiped_at,?), wipe_reason=? WHERE site=?");
        q.bind(1, static_cast<std::int64_t>(now_ms)).bind(2, reason).bind(3, site).run_and_reset();
        if (db().changes() == 0) sync::fail(Code::NotFound, "no device " + site + " has synced with this server");
        return sync::Unit{};
    });
}

sync::Db& SqliteStorage::auth_db() {
    if (!auth_db_.handle()) auth_db_ = sync::Db(path(), false);
    return auth_db_;
}

// Read as token_owner is, through the same connection of its own: a sync's checks do not
// wait for another group's merge and commit on the store's connection.
Result<SyncChecks> SqliteStorage::sync_checks(const std::string& site, const std::string& user_id, bool with_grants) {
    std::lock_guard lock(auth_mu_);
    return sync::guard([&] {
        if (!orders_q_)
            orders_q_ = auth_db().prepare("SELECT wiped_at IS NOT NULL, coalesce(wipe_reason,''), signout_at IS NOT NULL,"
                                          " user_id, token_hash IS NOT NULL FROM srv_devices WHERE site=?");
        // Both reads in one read transaction: one state of the file.
        std::optional<sync::ReadTransaction> snapshot;
        if (with_grants) snapshot.emplace(auth_db());
        SyncChecks out;
        {
            Stmt& q = *orders_q_;
            ResetOnExit reset{q};
            q.bind(1, site);
            if (q.step()) {
                if (q.integer(0)) out.orders.wiped = std::string(q.text(1));
                out.orders.sign_out = q.integer(2) != 0;
                out.orders.user_id = q.text(3);
                out.orders.enrolled = q.integer(4) != 0;
            }
        }
        if (with_grants) {
            if (!grants_q_) grants_q_ = auth_db().prepare("SELECT account_id FROM srv_grants WHERE user_id=?");
            Stmt& q = *grants_q_;
            ResetOnExit reset{q};
            q.bind(1, user_id);
            while (q.step()) out.grants.emplace_hint(out.grants.end(), q.text(0));
        }
        return out;
    });
}

Status SqliteStorage::ask_sign_out(const std::string& site, std::uint64_t now_ms) {
    return write([&] {
        Stmt q = db().prepare("UPDATE srv_devices SET signout_at=coalesce(signout_at,?) WHERE site=?");
        q.bind(1, now_ms).bind(2, site).run();
        if (db().changes() == 0) fail(Code::NotFound, "no device " + site + " is known to this server");
    });
}

Status SqliteStorage::signed_out(const std::string& site, const std::string& user_id, std::uint64_t now_ms) {
    return write([&] {
        Stmt q = db().prepare("UPDATE srv_devices SET revoked_at=coalesce(revoked_at,?)"
                              " WHERE site=? AND user_id=? AND signout_at IS NOT NULL");
        q.bind(1, now_ms).bind(2, site).bind(3, user_id).run();
        if (db().changes() == 0) fail(Code::NotFound, "no sign-out was asked of this device");
    });
}

// ---- notifications ---------------------------------------------------------------------------

Result<bool> SqliteStorage::mark_notified(const std::string& record_id) {
    bool first = false;
    Status st = write([&] {
        if (!notified_) notified_ = db().prepare("INSERT OR IGNORE INTO srv_notified(record_id) VALUES(?)");
        notified_->bind(1, record_id).run_and_reset();
        first = db().changes() > 0;
    });
    if (!st.ok()) return st.error();
    return first;
}

Status SqliteStorage::mark_all_notified(const std::vector<std::string>& record_ids) {
    return write([&] {
        if (!notified_) notified_ = db().prepare("INSERT OR IGNORE INTO srv_notified(record_id) VALUES(?)");
        for (const std::string& id : record_ids) notified_->bind(1, id).run_and_reset();
    });
}

Result<std::int64_t> SqliteStorage::add_notification(const std::string& user_id, const std::string& case_id,
                                                     const std::string& payload, std::uint64_t now_ms) {
    std::int64_t n = 0;
    Status st = write([&] {
        if (!notification_insert_)
            notification_insert_ = db().prepare(
                "INSERT INTO srv_notifications(user_id,case_id,payload,created_at) VALUES(?,?,?,?) RETURNING n");
        Stmt& ins = *notification_insert_;
        ins.bind(1, user_id).bind(2, case_id).bind(3, payload).bind(4, now_ms);
        ResetOnExit reset{ins};
        if (ins.step()) n = ins.integer(0);
    });
    if (!st.ok()) return st.error();
    return n;
}

// The live channel reads through a connection of its own, in one read transaction: what
// it sees is committed, and (one writer) committed in the order of its numbers.
Result<LivePosition> SqliteStorage::live_position() {
    std::lock_guard lock(live_mu_);
    return sync::guard([&] {
        if (!live_db_.handle()) live_db_ = sync::Db(path(), false);
        sync::ReadTransaction end(live_db_);
        LivePosition p;
        p.changes = last_seq(live_db_);
        Stmt b = live_db_.prepare("SELECT coalesce(max(n),0) FROM srv_notifications");
        if (b.step()) p.notifications = static_cast<std::uint64_t>(b.integer(0));
        return p;
    });
}

Result<LiveBatch> SqliteStorage::live_changes(const LivePosition& since, const std::string& user_id) {
    std::lock_guard lock(live_mu_);
    return sync::guard([&] {
        if (!live_db_.handle()) live_db_ = sync::Db(path(), false);
        sync::ReadTransaction end(live_db_);
        LiveBatch out;
        out.next = since;
        out.buckets = buckets_after(live_db_, since.changes);
        for (const auto& b : out.buckets) out.next.changes = std::max(out.next.changes, b.second);
        Stmt b = live_db_.prepare(std::string("SELECT n,user_id,case_id,payload,created_at,read_at FROM "
                                              "srv_notifications WHERE n>?") +
                                  (user_id.empty() ? "" : " AND user_id=?") + " ORDER BY n");
        b.bind(1, since.notifications);
        if (!user_id.empty()) b.bind(2, user_id);
        while (b.step()) {
            out.notifications.push_back(row_notification(b));
            out.next.notifications = static_cast<std::uint64_t>(out.notifications.back().n);
        }
        return out;
    });
}

Result<std::vector<Notification>> SqliteStorage::notifications(const std::string& user_id, bool unread_only,
                                                               std::size_t limit) {
    return sync::guard([&] {
        std::vector<Notification> out;
        Stmt q = db().prepare(std::string("SELECT n,user_id,case_id,payload,created_at,read_at FROM "
                                          "srv_notifications WHERE (?1='' OR user_id=?1)") +
                              (unread_only ? " AND read_at IS NULL" : "") + " ORDER BY n DESC LIMIT ?2");
        q.bind(1, user_id).bind(2, static_cast<std::int64_t>(limit));
        while (q.step()) out.push_back(row_notification(q));
        return out;
    });
}

Result<std::size_t> SqliteStorage::mark_read(const std::string& user_id, const std::vector<std::int64_t>& ids,
                                             std::uint64_t now_ms) {
    std::size_t n = 0;
    Status st = write([&] {
        if (ids.empty()) {
            Stmt q = db().prepare("UPDATE srv_notifications SET read_at=? WHERE user_id=? AND read_at IS NULL");
            q.bind(1, now_ms).bind(2, user_id).run();
            n = static_cast<std::size_t>(db().changes());
        } else {
            Stmt q = db().prepare("UPDATE srv_notifications SET read_at=? WHERE user_id=? AND n=? AND read_at IS NULL");
            for (std::int64_t id : ids) {
                q.bind(1, now_ms).bind(2, user_id).bind(3, id).run();
                n += static_cast<std::size_t>(db().changes());
                q.reset();
            }
        }
    });
    if (!st.ok()) return st.error();
    return n;
}

Status SqliteStorage::forget_person_in_payloads(const std::string& contact_id) {
    return write([&] {
        for (const char* table : {"srv_notifications", "srv_webhook"}) {
            Stmt u = db().prepare(std::string("UPDATE ") + table +
                                  " SET payload=json_set(payload,'$.contact.name','[erased]')"
                                  " WHERE json_valid(payload) AND json_extract(payload,'$.contact.id')=?");
            u.bind(1, contact_id).run();
        }
    });
}

// ---- the webhook queue -----------------------------------------------------------------------

Status SqliteStorage::queue_webhook(const std::string& payload, std::uint64_t now_ms) {
    return write([&] {
        Stmt w = db().prepare("INSERT INTO srv_webhook(payload,next_at) VALUES(?,?)");
        w.bind(1, payload).bind(2, now_ms).run();
    });
}

Result<std::optional<WebhookItem>> SqliteStorage::next_webhook(std::uint64_t now_ms, std::uint64_t lease_ms) {
    std::optional<WebhookItem> item;
    Status st = write([&] {
        Stmt q = db().prepare(
            "UPDATE srv_webhook SET next_at=?2 WHERE n=(SELECT n FROM srv_webhook WHERE next_at<=?1"
            " ORDER BY next_at, n LIMIT 1) RETURNING n, payload, attempts");
        q.bind(1, now_ms).bind(2, now_ms + lease_ms);
        if (q.step()) item = WebhookItem{q.integer(0), std::string(q.text(1)), static_cast<int>(q.integer(2)), 0, {}};
    });
    if (!st.ok()) return st.error();
    return item;
}

Status SqliteStorage::webhook_done(std::int64_t n) {
    return write([&] {
        Stmt q = db().prepare("DELETE FROM srv_webhook WHERE n=?");
        q.bind(1, n).run();
    });
}

Status SqliteStorage::webhook_failed(std::int64_t n, std::uint64_t retry_at_ms, const std::string& error) {
    return write([&] {
        Stmt q = db().prepare("UPDATE srv_webhook SET attempts=attempts+1, next_at=?, last_error=? WHERE n=?");
        q.bind(1, retry_at_ms).bind(2, error.substr(0, 500)).bind(3, n).run();
    });
}

Result<std::vector<WebhookItem>> SqliteStorage::webhook_queue(std::size_t limit) {
    return sync::guard([&] {
        std::vector<WebhookItem> out;
        Stmt q = db().prepare("SELECT n,payload,attempts,next_at,coalesce(last_error,'') FROM srv_webhook ORDER BY n LIMIT ?");
        q.bind(1, static_cast<std::int64_t>(limit));
        while (q.step())
            out.push_back({q.integer(0), std::string(q.text(1)), static_cast<int>(q.integer(2)),
                           static_cast<std::uint64_t>(q.integer(3)), std::string(q.text(4))});
        return out;
    });
}

// ---- e-mail ----------------------------------------------------------------------------------

Result<std::optional<MailPrefs>> SqliteStorage::mail_prefs(const std::string& user_id) {
    return sync::guard([&] {
        std::optional<MailPrefs> p;
        Stmt q = db().prepare("SELECT address,mode,hour,utc_offset,lang,updated_at FROM srv_mail_prefs WHERE user_id=?");
        q.bind(1, user_id);
        if (q.step())
            p = MailPrefs{std::string(q.text(0)), std::string(q.text(1)), static_cast<int>(q.integer(2)),
                          static_cast<int>(q.integer(3)), std::string(q.text(4)), static_cast<std::uint64_t>(q.integer(5))};
        return p;
    });
}

Status SqliteStorage::set_mail_prefs(const std::string& user_id, const MailPrefs& p) {
    return write([&] {
        Stmt q = db().prepare(
            "INSERT INTO srv_mail_prefs(user_id,address,mode,hour,utc_offset,lang,updated_at) VALUES(?1,?2,?3,?4,?5,?6,?7)"
            " ON CONFLICT(user_id) DO UPDATE SET address=?2, mode=?3, hour=?4, utc_offset=?5, lang=?6, updated_at=?7");
        q.bind(1, user_id).bind(2, p.address).bind(3, p.mode).bind(4, static_cast<std::int64_t>(p.hour));
        q.bind(5, static_cast<std::int64_t>(p.utc_offset_min)).bind(6, p.lang).bind(7, p.updated_ms).run();
    });
}

Result<bool> SqliteStorage::content_held(const std::string& bucket, const std::string& hash) {
    return sync::guard([&] {
        Stmt q = db().prepare("SELECT 1 FROM srv_content WHERE bucket=? AND hash=?");
        q.bind(1, bucket).bind(2, hash);
        return q.step();
    });
}

Status SqliteStorage::hold_content(const std::string& bucket, const std::string& hash, std::uint64_t now_ms) {
    return write([&] {
        db().prepare("INSERT OR IGNORE INTO srv_content(bucket,hash,at) VALUES(?,?,?)").bind(1, bucket).bind(2, hash).bind(3, now_ms).run();
    });
}

Result<bool> SqliteStorage::content_named(const std::string& hash) {
    return sync::guard([&] {
        Stmt q = db().prepare("SELECT 1 FROM attachments WHERE sha256=? AND ifnull(erased,0)=0 LIMIT 1");
        q.bind(1, hash);
        return q.step();
    });
}

Status SqliteStorage::forget_content(const std::string& hash) {
    return write([&] { db().prepare("DELETE FROM srv_content WHERE hash=?").bind(1, hash).run(); });
}

Status SqliteStorage::queue_mail(std::int64_t notification, const std::string& user_id, bool digest,
                                 std::uint64_t due_ms) {
    return write([&] {
        Stmt q = db().prepare("INSERT OR IGNORE INTO srv_mail(user_id,notification,digest,next_at) VALUES(?,?,?,?)");
        q.bind(1, user_id).bind(2, notification).bind(3, static_cast<std::int64_t>(digest)).bind(4, due_ms).run();
    });
}

Status SqliteStorage::requeue_mail(const std::string& user_id, bool digest, std::uint64_t due_ms, bool drop) {
    return write([&] {
        if (drop) {
            Stmt q = db().prepare("DELETE FROM srv_mail WHERE user_id=?");
            q.bind(1, user_id).run();
            return;
        }
        Stmt q = db().prepare("UPDATE srv_mail SET digest=?, next_at=? WHERE user_id=?");
        q.bind(1, static_cast<std::int64_t>(digest)).bind(2, due_ms).bind(3, user_id).run();
    });
}

namespace {
constexpr const char* kMailCols =
    "m.n, m.user_id, m.notification, m.digest, m.attempts, m.next_at, coalesce(m.last_error,''),"
    " coalesce(x.payload,''), coalesce(x.created_at,0)";

MailItem row_mail(const Stmt& q) {
    return MailItem{q.integer(0), std::string(q.text(1)), q.integer(2), q.integer(3) != 0,
                    static_cast<int>(q.integer(4)), static_cast<std::uint64_t>(q.integer(5)), std::string(q.text(6)),
                    std::string(q.text(7)), static_cast<std::uint64_t>(q.integer(8))};
}
}  // namespace

Result<std::vector<MailItem>> SqliteStorage::next_mail(std::uint64_t now_ms, std::uint64_t lease_ms) {
    std::vector<MailItem> out;
    Status st = write([&] {
        Stmt first = db().prepare("SELECT n, user_id, digest FROM srv_mail WHERE next_at<=? ORDER BY next_at, n LIMIT 1");
        first.bind(1, now_ms);
        if (!first.step()) return;
        std::int64_t n = first.integer(0);
        std::string user = std::string(first.text(1));
        bool digest = first.integer(2) != 0;
        Stmt claim = db().prepare(digest ? "UPDATE srv_mail SET next_at=? WHERE user_id=? AND digest=1 AND next_at<=? RETURNING n"
                                         : "UPDATE srv_mail SET next_at=? WHERE n=? RETURNING n");
        claim.bind(1, now_ms + lease_ms);
        if (digest) claim.bind(2, user).bind(3, now_ms);
        else claim.bind(2, n);
        std::vector<std::int64_t> ns;
        while (claim.step()) ns.push_back(claim.integer(0));
        claim.reset();
        std::sort(ns.begin(), ns.end());
        Stmt q = db().prepare(std::string("SELECT ") + kMailCols +
                              " FROM srv_mail m LEFT JOIN srv_notifications x ON x.n=m.notification WHERE m.n=?");
        for (std::int64_t id : ns) {
            q.bind(1, id);
            if (q.step()) out.push_back(row_mail(q));
            q.reset();
        }
    });
    if (!st.ok()) return st.error();
    return out;
}

Status SqliteStorage::mail_done(const std::vector<std::int64_t>& ns) {
    return write([&] {
        Stmt q = db().prepare("DELETE FROM srv_mail WHERE n=?");
        for (std::int64_t n : ns) q.bind(1, n).run_and_reset();
    });
}

Status SqliteStorage::mail_failed(const std::vector<std::int64_t>& ns, std::uint64_t retry_at_ms,
                                  const std::string& error) {
    return write([&] {
        Stmt q = db().prepare("UPDATE srv_mail SET attempts=attempts+1, next_at=?, last_error=? WHERE n=?");
        for (std::int64_t n : ns) q.bind(1, retry_at_ms).bind(2, error.substr(0, 500)).bind(3, n).run_and_reset();
    });
}

Result<std::vector<MailItem>> SqliteStorage::mail_queue(std::size_t limit) {
    return sync::guard([&] {
        std::vector<MailItem> out;
        Stmt q = db().prepare(std::string("SELECT ") + kMailCols +
                              " FROM srv_mail m LEFT JOIN srv_notifications x ON x.n=m.notification ORDER BY m.n LIMIT ?");
        q.bind(1, static_cast<std::int64_t>(limit));
        while (q.step()) out.push_back(row_mail(q));
        return out;
    });
}

// ---- the access log --------------------------------------------------------------------------

Status SqliteStorage::log_access(const AccessEntry& e) {
    return write([&] {
        if (!access_upsert_)
            access_upsert_ = db().prepare(
                "INSERT INTO srv_access(day,who,action,subject,times,first_at,last_at,detail) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)"
                " ON CONFLICT(day,who,action,subject) DO UPDATE SET times=times+?5, last_at=max(last_at,?7)");
        Stmt& q = *access_upsert_;
        q.bind(1, e.day).bind(2, e.who).bind(3, e.action).bind(4, e.subject);
        q.bind(5, e.times).bind(6, e.first_ms).bind(7, e.last_ms).bind(8, e.detail);
        q.run_and_reset();
    });
}

Result<std::vector<AccessEntry>> SqliteStorage::access_log(const std::string& subject,
                                                           const std::string& download_subject,
                                                           const std::string& who, std::size_t limit) {
    return sync::guard([&] {
        std::string where = "1";
        std::vector<std::string> args;
        if (!subject.empty()) {
            where = "(subject=? OR (action='download' AND subject=?))";
            args = {subject, download_subject};
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
                           static_cast<std::uint64_t>(q.integer(6)), static_cast<std::uint64_t>(q.integer(7)), ""});
        return out;
    });
}

Result<ServerCounts> SqliteStorage::server_counts() {
    return sync::guard([&] {
        ServerCounts c;
        c.users = static_cast<std::size_t>(pragma_int("SELECT count(*) FROM srv_users"));
        c.devices = static_cast<std::size_t>(pragma_int("SELECT count(*) FROM srv_devices"));
        c.notifications = static_cast<std::size_t>(pragma_int("SELECT count(*) FROM srv_notifications"));
        c.webhook_queue = static_cast<std::size_t>(pragma_int("SELECT count(*) FROM srv_webhook"));
        c.mail_queue = static_cast<std::size_t>(pragma_int("SELECT count(*) FROM srv_mail"));
        return c;
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
            int rc = copy_sqlite_database(backup, tmp, msg);
            if (rc != SQLITE_OK) {
                remove_tmp();
                fail((rc & 0xff) == SQLITE_NOTADB ? Code::Corrupt : Code::Storage, "cannot read " + backup + ": " + msg);
            }
        }
        RestoreReport rep;
        try {
            auto opened = SqliteStorage::open(tmp, StorageOptions{}, false);
            if (!opened.ok()) throw sync::Failure{opened.error()};
            auto& hub = *opened;
            auto fresh = hub->new_incarnation();
            if (!fresh.ok()) throw sync::Failure{fresh.error()};
            rep.incarnation = *fresh;
            rep.seq = hub->hub_seq();
            auto counts = hub->counts();
            if (!counts.ok()) throw sync::Failure{counts.error()};
            rep.records = counts->records;
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
