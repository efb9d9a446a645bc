#include "pg_storage.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <unistd.h>
#include <sys/wait.h>

#include <algorithm>
#include <filesystem>

extern char** environ;

namespace fika::server {

using pg::Param;
using sync::fail;
using sync::must;

namespace {

const char* kUserCols = "id,name,role,disabled,created_at";

User row_user(const pg::Result& r, int row) {
    User u;
    u.id = r.text(row, 0);
    u.name = r.text(row, 1);
    u.role = parse_role(r.text(row, 2)).value_or(UserRole::Consultant);
    u.disabled = r.integer(row, 3) != 0;
    u.created_ms = static_cast<std::uint64_t>(r.integer(row, 4));
    return u;
}

Notification row_notification(const pg::Result& r, int i) {
    Notification n;
    n.n = r.integer(i, 0);
    n.user_id = r.text(i, 1);
    n.case_id = r.text(i, 2);
    n.payload = r.text(i, 3);
    n.created_ms = static_cast<std::uint64_t>(r.integer(i, 4));
    if (!r.null(i, 5)) n.read_ms = static_cast<std::uint64_t>(r.integer(i, 5));
    return n;
}

}  // namespace

// The layout of the server's tables: bump it with every change of migrate_server's DDL,
// which runs only when the database is behind it (see PgHub::migrate: DDL under traffic
// takes exclusive locks and can deadlock with merges).
constexpr int kPgServerSchema = 9;

namespace {

// The versions hub_meta says the database was written at: "schema.pg_schema.pg_server_schema"
// when any is behind this fika-server's, else "" (up to date, or a new database).
std::string behind(pg::Connection& db) {
    if (db.exec("SELECT to_regclass('hub_meta')").null(0, 0)) return "";
    auto at = [&](const char* key) {
        pg::Result r = db.exec("SELECT value FROM hub_meta WHERE key=$1", {key});
        return r.rows() ? std::atoi(std::string(r.text(0, 0)).c_str()) : 0;
    };
    int engine = at("schema"), hub = at("pg_schema"), server = at("pg_server_schema");
    if (engine >= sync::Schema::current().version() && hub >= kPgHubSchema && server >= kPgServerSchema) return "";
    return std::to_string(engine) + "." + std::to_string(hub) + "." + std::to_string(server);
}

}  // namespace

std::string PgStorage::layout() {
    return std::to_string(sync::Schema::current().version()) + "." + std::to_string(kPgHubSchema) + "." +
           std::to_string(kPgServerSchema);
}


Result<std::unique_ptr<PgStorage>> PgStorage::open(const std::string& conninfo, const PgHubOptions& opts) {
    return sync::guard([&] {
        // A database an older fika-server wrote is dumped aside before anything migrates
        // it. The migrations are transactions (PostgreSQL's DDL is transactional): one that
        // fails leaves the database as it was; the copy is for an upgrade taken back.
        std::string before;
        if (!opts.before_migration_dir.empty()) {
            pg::Connection probe(conninfo);
            if (std::string at = behind(probe); !at.empty()) {
                before = before_migration_path(opts.before_migration_dir, at, "dump");
                Status dumped = dump(conninfo, before);
                if (!dumped.ok())
                    sync::fail(sync::Code::Storage, "the database needs migrating and a copy of it could not be made first (" +
                                                        dumped.error().message + "); nothing was changed");
                std::fprintf(stderr, "fika-server: migrating the PostgreSQL database; a copy from before is %s\n",
                             before.c_str());
            }
        }
        std::unique_ptr<PgStorage> s(new PgStorage());
        try {
            s->open_hub(conninfo, opts);
            s->migrate_server();
        } catch (const sync::Failure& f) {
            if (before.empty()) throw;
            sync::fail(f.error.code, "migrating the PostgreSQL database failed (" + f.error.message +
                                         "); it is as it was (a copy from before: " + before +
                                         "). Run the previous fika-server, or report this");
        }
        return s;
    });
}

void PgStorage::migrate_server() {
    pg::Connection& db = connection();
    pg::Transaction t(db);
    pg::Result have = db.exec("SELECT value FROM hub_meta WHERE key='pg_server_schema'");
    int version = have.rows() ? std::atoi(std::string(have.text(0, 0)).c_str()) : 0;
    if (version > kPgServerSchema) sync::fail(sync::Code::SchemaTooNew, "the server's tables were written by a newer fika-server");
    if (version == kPgServerSchema) return t.commit();
    db.exec("SELECT pg_advisory_xact_lock(4607835)");
    db.run_script(
        "CREATE TABLE IF NOT EXISTS srv_users(id text PRIMARY KEY, name text UNIQUE NOT NULL, role text NOT NULL,"
        " disabled bigint NOT NULL DEFAULT 0, token_hash text NOT NULL, created_at bigint NOT NULL);"
        "CREATE INDEX IF NOT EXISTS srv_users_by_token ON srv_users(token_hash);"
        "CREATE TABLE IF NOT EXISTS srv_grants(user_id text NOT NULL, account_id text NOT NULL,"
        " PRIMARY KEY(user_id, account_id));"
        "CREATE TABLE IF NOT EXISTS srv_notifications(n bigserial PRIMARY KEY, user_id text NOT NULL,"
        " case_id text NOT NULL, payload text NOT NULL, created_at bigint NOT NULL, read_at bigint);"
        "CREATE INDEX IF NOT EXISTS srv_notifications_by_user ON srv_notifications(user_id, n);"
        "CREATE TABLE IF NOT EXISTS srv_notified(record_id text PRIMARY KEY);"
        "CREATE TABLE IF NOT EXISTS srv_webhook(n bigserial PRIMARY KEY, payload text NOT NULL,"
        " attempts bigint NOT NULL DEFAULT 0, next_at bigint NOT NULL, last_error text);"
        "CREATE TABLE IF NOT EXISTS srv_devices(site text PRIMARY KEY, user_id text NOT NULL,"
        " first_seen bigint NOT NULL, last_sync bigint NOT NULL, syncs bigint NOT NULL, user_agent text);"
        "CREATE TABLE IF NOT EXISTS srv_access(day text NOT NULL, who text NOT NULL, action text NOT NULL,"
        " subject text NOT NULL, times bigint NOT NULL, first_at bigint NOT NULL, last_at bigint NOT NULL,"
        " detail text NOT NULL DEFAULT '', PRIMARY KEY(day, who, action, subject));"
        "CREATE INDEX IF NOT EXISTS srv_access_by_subject ON srv_access(subject, last_at);"
        // The transaction that wrote the notification: the live channel's position.
        "ALTER TABLE srv_notifications ADD COLUMN IF NOT EXISTS xid xid8 NOT NULL DEFAULT pg_current_xact_id();"
        "CREATE INDEX IF NOT EXISTS srv_notifications_by_xid ON srv_notifications(xid);"
        "ALTER TABLE srv_devices ADD COLUMN IF NOT EXISTS pushed_upto bigint;"
        "ALTER TABLE srv_devices ADD COLUMN IF NOT EXISTS wiped_at bigint;"
        "ALTER TABLE srv_devices ADD COLUMN IF NOT EXISTS wipe_reason text;"
        // Enrolled devices and their codes (schema 5 of the embedded server).
        "ALTER TABLE srv_devices ADD COLUMN IF NOT EXISTS token_hash text;"
        "ALTER TABLE srv_devices ADD COLUMN IF NOT EXISTS name text;"
        "ALTER TABLE srv_devices ADD COLUMN IF NOT EXISTS platform text;"
        "ALTER TABLE srv_devices ADD COLUMN IF NOT EXISTS app_version text;"
        "ALTER TABLE srv_devices ADD COLUMN IF NOT EXISTS enrolled_at bigint;"
        "ALTER TABLE srv_devices ADD COLUMN IF NOT EXISTS revoked_at bigint;"
        "CREATE INDEX IF NOT EXISTS srv_devices_by_token ON srv_devices(token_hash) WHERE token_hash IS NOT NULL;"
        "CREATE INDEX IF NOT EXISTS srv_devices_by_user ON srv_devices(user_id);"
        "ALTER TABLE srv_devices ADD COLUMN IF NOT EXISTS signout_at bigint;"
        "CREATE TABLE IF NOT EXISTS srv_enrolments(code_hash text PRIMARY KEY, user_id text NOT NULL,"
        " created_at bigint NOT NULL, expires_at bigint NOT NULL, used_at bigint, used_by text);"
        // E-mail (schema 7 of the embedded server).
        "CREATE TABLE IF NOT EXISTS srv_mail_prefs(user_id text PRIMARY KEY, address text NOT NULL, mode text NOT NULL,"
        " hour bigint NOT NULL, utc_offset bigint NOT NULL, lang text NOT NULL, updated_at bigint NOT NULL);"
        "CREATE TABLE IF NOT EXISTS srv_mail(n bigserial PRIMARY KEY, user_id text NOT NULL, notification bigint NOT NULL UNIQUE,"
        " digest boolean NOT NULL, attempts bigint NOT NULL DEFAULT 0, next_at bigint NOT NULL, last_error text);"
        "CREATE INDEX IF NOT EXISTS srv_mail_due ON srv_mail(next_at);"
        "CREATE INDEX IF NOT EXISTS srv_mail_by_user ON srv_mail(user_id, digest);"
        "CREATE TABLE IF NOT EXISTS srv_content(bucket text NOT NULL, hash text NOT NULL, at bigint NOT NULL,"
        " PRIMARY KEY(bucket, hash));"
        "CREATE INDEX IF NOT EXISTS srv_content_by_hash ON srv_content(hash);"
        "CREATE INDEX IF NOT EXISTS srv_users_by_role ON srv_users(role, disabled)");
    db.exec("INSERT INTO hub_meta(key,value) VALUES('pg_server_schema',$1) ON CONFLICT(key) DO UPDATE SET value=$1",
            {std::to_string(kPgServerSchema)});
    t.commit();
}

pg::Connection& PgStorage::conn() {
    ensure_connected();
    return connection();
}

template <typename Fn>
Status PgStorage::write(Fn&& fn) {
    return sync::guard_status([&] { in_work(fn); });
}

namespace {
// Runs a PostgreSQL client program (its output to /dev/null); its exit status, or -1
// when it cannot be started.
int run_pg_tool(std::vector<std::string> argv) {
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    posix_spawn_file_actions_t quiet;
    posix_spawn_file_actions_init(&quiet);
    posix_spawn_file_actions_addopen(&quiet, 1, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    int rc = posix_spawn(&pid, args[0], &quiet, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&quiet);
    if (rc != 0) return -1;
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
}  // namespace

Status PgStorage::backup(const std::string& to) { return dump(conninfo(), to); }

Status PgStorage::dump(const std::string& conninfo, const std::string& to) {
    return sync::guard_status([&] {
        std::string tmp = to + ".partial";
        std::filesystem::remove(tmp);
        int rc = run_pg_tool({"/usr/bin/pg_dump", "--format=custom", "--file=" + tmp, "--dbname=" + conninfo});
        if (rc == -1) fail(sync::Code::Storage, "backup: cannot run pg_dump (apt-get install postgresql-client)");
        if (rc != 0) {
            std::filesystem::remove(tmp);
            fail(sync::Code::Storage, "backup to " + to + " failed: pg_dump exited with " + std::to_string(rc));
        }
        // Read back before it takes the name: pg_restore lists what the archive holds.
        if (run_pg_tool({"/usr/bin/pg_restore", "--list", tmp}) != 0) {
            std::filesystem::remove(tmp);
            fail(sync::Code::Storage, "backup to " + to + " was written but pg_restore cannot read it");
        }
        std::filesystem::rename(tmp, to);
    });
}

// ---- users -----------------------------------------------------------------------------------

Result<std::optional<TokenOwner>> PgStorage::token_owner(const std::string& hash) {
    std::lock_guard lock(auth_mu_);
    return sync::guard([&]() -> std::optional<TokenOwner> {
        if (hash.empty()) return std::nullopt;
        pg::Result r = auth_conn().exec(
            "SELECT id,name,role,disabled,created_at,'',0,0,'' FROM srv_users WHERE token_hash=$1"
            " UNION ALL SELECT u.id,u.name,u.role,u.disabled,u.created_at,d.site,coalesce(d.revoked_at,0),"
            " coalesce(d.wiped_at,0),coalesce(d.wipe_reason,'')"
            " FROM srv_devices d JOIN srv_users u ON u.id=d.user_id WHERE d.token_hash=$1",
            {hash});
        if (!r.rows()) return std::nullopt;
        TokenOwner o;
        o.user = row_user(r, 0);
        o.device_site = r.text(0, 5);
        o.revoked_ms = static_cast<std::uint64_t>(r.integer(0, 6));
        o.wiped_ms = static_cast<std::uint64_t>(r.integer(0, 7));
        o.wipe_reason = r.text(0, 8);
        return o;
    });
}

Result<std::optional<User>> PgStorage::user_named(const std::string& name) {
    return sync::guard([&]() -> std::optional<User> {
        pg::Result r = conn().exec(std::string("SELECT ") + kUserCols + " FROM srv_users WHERE name=$1", {name});
        if (!r.rows()) return std::nullopt;
        return row_user(r, 0);
    });
}

Result<std::optional<std::string>> PgStorage::user_name_of(const std::string& id) {
    return sync::guard([&]() -> std::optional<std::string> {
        pg::Result r = conn().exec("SELECT name FROM srv_users WHERE id=$1", {id});
        if (!r.rows()) return std::nullopt;
        return std::string(r.text(0, 0));
    });
}

Result<std::vector<User>> PgStorage::users() {
    return sync::guard([&] {
        std::vector<User> out;
        pg::Result r = conn().exec(std::string("SELECT ") + kUserCols + " FROM srv_users ORDER BY name");
        for (int i = 0; i < r.rows(); ++i) out.push_back(row_user(r, i));
        return out;
    });
}

Result<std::vector<User>> PgStorage::sellers() {
    return sync::guard([&] {
        std::vector<User> out;
        pg::Result r = conn().exec(std::string("SELECT ") + kUserCols +
                                         " FROM srv_users WHERE role='seller' AND disabled=0");
        for (int i = 0; i < r.rows(); ++i) out.push_back(row_user(r, i));
        return out;
    });
}

Status PgStorage::insert_user(const User& u, const std::string& token_hash) {
    return write([&] {
        conn().exec("INSERT INTO srv_users(id,name,role,token_hash,created_at) VALUES($1,$2,$3,$4,$5)",
                          {u.id, u.name, std::string(role_name(u.role)), token_hash, u.created_ms});
    });
}

Status PgStorage::set_disabled(const std::string& user_id, bool disabled) {
    return write([&] { conn().exec("UPDATE srv_users SET disabled=$1 WHERE id=$2", {disabled ? 1 : 0, user_id}); });
}

Result<std::string> PgStorage::secret(const std::string& name, const std::string& proposal) {
    return sync::guard([&] {
        std::string out;
        in_work([&] {
            // Two instances proposing at once: the first insert wins, both read it.
            conn().exec("INSERT INTO hub_meta(key,value) VALUES($1,$2) ON CONFLICT(key) DO NOTHING",
                        {"secret:" + name, proposal});
            out = std::string(conn().exec("SELECT value FROM hub_meta WHERE key=$1", {"secret:" + name}).text(0, 0));
        });
        return out;
    });
}

Status PgStorage::set_token_hash(const std::string& user_id, const std::string& hash) {
    return write([&] { conn().exec("UPDATE srv_users SET token_hash=$1 WHERE id=$2", {hash, user_id}); });
}

// ---- grants ----------------------------------------------------------------------------------

Result<std::set<std::string>> PgStorage::grants_of(const std::string& user_id) {
    return sync::guard([&] {
        std::set<std::string> out;
        pg::Result r = conn().exec("SELECT account_id FROM srv_grants WHERE user_id=$1", {user_id});
        for (int i = 0; i < r.rows(); ++i) out.insert(std::string(r.text(i, 0)));
        return out;
    });
}

Result<bool> PgStorage::has_grant(const std::string& user_id, const std::string& account_id) {
    return sync::guard([&] {
        return conn().exec("SELECT 1 FROM srv_grants WHERE user_id=$1 AND account_id=$2", {user_id, account_id}).rows() > 0;
    });
}

Status PgStorage::add_grant(const std::string& user_id, const std::string& account_id) {
    return write([&] {
        conn().exec("INSERT INTO srv_grants(user_id,account_id) VALUES($1,$2) ON CONFLICT DO NOTHING",
                          {user_id, account_id});
    });
}

Result<bool> PgStorage::remove_grant(const std::string& user_id, const std::string& account_id) {
    bool removed = false;
    Status st = write([&] {
        removed = conn().exec("DELETE FROM srv_grants WHERE user_id=$1 AND account_id=$2", {user_id, account_id})
                      .affected() > 0;
    });
    if (!st.ok()) return st.error();
    return removed;
}

// ---- devices ---------------------------------------------------------------------------------

Status PgStorage::devices_synced(const std::vector<DeviceSync>& syncs, std::uint64_t now_ms) {
    return write([&] {
        // One row per device (one statement may not change a row twice), in site order:
        // two instances lock the rows they share in the same order.
        struct Row {
            const std::string* user_id;
            const std::string* user_agent;
            std::optional<std::uint64_t> pushed_upto;
            std::int64_t syncs = 0;
        };
        std::map<std::string_view, Row> rows;
        for (const DeviceSync& s : syncs) {
            auto [it, fresh] = rows.try_emplace(s.site, Row{&s.user_id, &s.user_agent, s.pushed_upto});
            if (!fresh) {
                it->second.user_agent = &s.user_agent;
                if (s.pushed_upto) it->second.pushed_upto = s.pushed_upto;
            }
            it->second.syncs++;
        }
        if (rows.empty()) return;
        pg::ArrayBuilder site(pg::ArrayBuilder::Of::Text), user(pg::ArrayBuilder::Of::Text),
            count(pg::ArrayBuilder::Of::Bigint), agent(pg::ArrayBuilder::Of::Text), upto(pg::ArrayBuilder::Of::Bigint);
        for (const auto& [s, r] : rows) {
            site.add(s);
            user.add(std::string_view(*r.user_id));
            count.add(r.syncs);
            agent.add(std::string_view(*r.user_agent));
            if (r.pushed_upto) upto.add(static_cast<std::int64_t>(*r.pushed_upto));
            else upto.null();
        }
        conn().exec(
            "INSERT INTO srv_devices(site,user_id,first_seen,last_sync,syncs,user_agent,pushed_upto)"
            " SELECT unnest($1::text[]), unnest($2::text[]), $3::bigint, $3::bigint, unnest($4::bigint[]),"
            " unnest($5::text[]), unnest($6::bigint[])"
            " ON CONFLICT(site) DO UPDATE SET last_sync=EXCLUDED.last_sync, syncs=srv_devices.syncs+EXCLUDED.syncs,"
            " user_agent=EXCLUDED.user_agent, pushed_upto=coalesce(EXCLUDED.pushed_upto, srv_devices.pushed_upto)",
            {site.take(), user.take(), static_cast<std::int64_t>(now_ms), count.take(), agent.take(), upto.take()});
    });
}

Result<std::optional<std::uint64_t>> PgStorage::pushed_upto(const std::string& site) {
    return sync::guard([&]() -> std::optional<std::uint64_t> {
        pg::Result r = conn().exec("SELECT pushed_upto FROM srv_devices WHERE site=$1", {site});
        if (!r.rows() || r.null(0, 0)) return std::nullopt;
        return static_cast<std::uint64_t>(r.integer(0, 0));
    });
}

Result<std::vector<Device>> PgStorage::devices(const std::string& user_id) {
    return sync::guard([&] {
        std::vector<Device> out;
        pg::Result r = conn().exec(
            "SELECT d.site, coalesce(u.name,'?'), coalesce(d.user_agent,''), d.first_seen, d.last_sync, d.syncs,"
            " coalesce(d.wiped_at,0), coalesce(d.wipe_reason,''), coalesce(d.name,''), coalesce(d.platform,''),"
            " coalesce(d.app_version,''), coalesce(d.enrolled_at,0), coalesce(d.revoked_at,0), coalesce(d.signout_at,0)"
            " FROM srv_devices d LEFT JOIN srv_users u ON u.id=d.user_id WHERE $1='' OR d.user_id=$1"
            " ORDER BY d.last_sync DESC, d.first_seen DESC",
            {user_id});
        for (int i = 0; i < r.rows(); ++i) {
            Device d;
            d.site = r.text(i, 0);
            d.user_name = r.text(i, 1);
            d.user_agent = r.text(i, 2);
            d.first_seen_ms = static_cast<std::uint64_t>(r.integer(i, 3));
            d.last_sync_ms = static_cast<std::uint64_t>(r.integer(i, 4));
            d.syncs = static_cast<std::uint64_t>(r.integer(i, 5));
            d.wiped_ms = static_cast<std::uint64_t>(r.integer(i, 6));
            d.wipe_reason = r.text(i, 7);
            d.name = r.text(i, 8);
            d.platform = r.text(i, 9);
            d.app_version = r.text(i, 10);
            d.enrolled_ms = static_cast<std::uint64_t>(r.integer(i, 11));
            d.revoked_ms = static_cast<std::uint64_t>(r.integer(i, 12));
            d.signout_ms = static_cast<std::uint64_t>(r.integer(i, 13));
            out.push_back(std::move(d));
        }
        return out;
    });
}

Status PgStorage::enrol_device(const Device& d, const std::string& user_id, const std::string& token_hash,
                               std::uint64_t now_ms) {
    return write([&] {
        conn().exec(
            "INSERT INTO srv_devices(site,user_id,first_seen,last_sync,syncs,user_agent,token_hash,name,platform,"
            "app_version,enrolled_at) VALUES($1,$2,$3,0,0,$4,$5,$6,$7,$8,$3) ON CONFLICT(site) DO UPDATE SET"
            " user_id=$2, user_agent=$4, token_hash=$5, name=$6, platform=$7, app_version=$8, enrolled_at=$3,"
            " revoked_at=NULL, signout_at=NULL",
            {d.site, user_id, now_ms, d.user_agent, token_hash, d.name, d.platform, d.app_version});
    });
}

Status PgStorage::revoke_device(const std::string& site, std::uint64_t now_ms) {
    return write([&] {
        pg::Result r = conn().exec("SELECT token_hash IS NOT NULL FROM srv_devices WHERE site=$1 FOR UPDATE", {site});
        if (!r.rows()) sync::fail(sync::Code::NotFound, "no device " + site + " is known to this server");
        if (r.text(0, 0) != "t")
            sync::fail(sync::Code::Invalid,
                       "device " + site + " signs in with its user's token: rotate the user's token instead");
        conn().exec("UPDATE srv_devices SET revoked_at=coalesce(revoked_at,$1) WHERE site=$2", {now_ms, site});
    });
}

// ---- enrolment codes -------------------------------------------------------------------------

Status PgStorage::add_enrolment(const std::string& code_hash, const std::string& user_id, std::uint64_t now_ms,
                                std::uint64_t expires_ms) {
    return write([&] {
        conn().exec("DELETE FROM srv_enrolments WHERE expires_at < $1",
                    {now_ms - std::min<std::uint64_t>(now_ms, 86400000)});
        conn().exec("INSERT INTO srv_enrolments(code_hash,user_id,created_at,expires_at) VALUES($1,$2,$3,$4)",
                    {code_hash, user_id, now_ms, expires_ms});
    });
}

Result<std::optional<std::string>> PgStorage::use_enrolment(const std::string& code_hash, const std::string& site,
                                                            std::uint64_t now_ms) {
    std::optional<std::string> user;
    Status st = write([&] {
        pg::Result r = conn().exec(
            "UPDATE srv_enrolments SET used_at=$1, used_by=$2 WHERE code_hash=$3 AND used_at IS NULL"
            " AND expires_at > $1 RETURNING user_id",
            {now_ms, site, code_hash});
        if (r.rows()) user = std::string(r.text(0, 0));
    });
    if (!st.ok()) return st.error();
    return user;
}

Status PgStorage::wipe_device(const std::string& site, const std::string& reason, std::uint64_t now_ms) {
    return write([&] {
        if (conn().exec("UPDATE srv_devices SET wiped_at=coalesce(wiped_at,$1), wipe_reason=$2 WHERE site=$3",
                        {now_ms, reason, site})
                .affected() == 0)
            sync::fail(sync::Code::NotFound, "no device " + site + " has synced with this server");
    });
}

pg::Connection& PgStorage::auth_conn() {
    if (!auth_.healthy()) auth_ = pg::Connection(conninfo());  // reconnects after a lost connection
    return auth_;
}

// Read as token_owner is, on the same connection of its own: a sync's checks do not wait
// for another group's unit of work on the hub's connection. Sent together (pipeline
// mode): one round trip.
Result<SyncChecks> PgStorage::sync_checks(const std::string& site, const std::string& user_id, bool with_grants) {
    std::lock_guard lock(auth_mu_);
    return sync::guard([&] {
        std::vector<pg::Connection::Statement> statements;
        statements.push_back({"SELECT wiped_at IS NOT NULL, coalesce(wipe_reason,''), signout_at IS NOT NULL,"
                              " user_id, token_hash IS NOT NULL FROM srv_devices WHERE site=$1",
                              {site},
                              false});
        if (with_grants) statements.push_back({"SELECT account_id FROM srv_grants WHERE user_id=$1", {user_id}, false});
        std::vector<pg::Result> answers = auth_conn().exec_many(statements);
        SyncChecks out;
        const pg::Result& r = answers[0];
        if (r.rows()) {
            if (r.text(0, 0) == "t") out.orders.wiped = std::string(r.text(0, 1));
            out.orders.sign_out = r.text(0, 2) == "t";
            out.orders.user_id = r.text(0, 3);
            out.orders.enrolled = r.text(0, 4) == "t";
        }
        if (with_grants)
            for (int i = 0; i < answers[1].rows(); ++i) out.grants.emplace(answers[1].text(i, 0));
        return out;
    });
}

Status PgStorage::ask_sign_out(const std::string& site, std::uint64_t now_ms) {
    return write([&] {
        if (conn().exec("UPDATE srv_devices SET signout_at=coalesce(signout_at,$1) WHERE site=$2", {now_ms, site})
                .affected() == 0)
            sync::fail(sync::Code::NotFound, "no device " + site + " is known to this server");
    });
}

Status PgStorage::signed_out(const std::string& site, const std::string& user_id, std::uint64_t now_ms) {
    return write([&] {
        if (conn().exec("UPDATE srv_devices SET revoked_at=coalesce(revoked_at,$1)"
                        " WHERE site=$2 AND user_id=$3 AND signout_at IS NOT NULL",
                        {now_ms, site, user_id})
                .affected() == 0)
            sync::fail(sync::Code::NotFound, "no sign-out was asked of this device");
    });
}

// ---- notifications ---------------------------------------------------------------------------

Result<bool> PgStorage::mark_notified(const std::string& record_id) {
    bool first = false;
    Status st = write([&] {
        first = connection()
                    .exec("INSERT INTO srv_notified(record_id) VALUES($1) ON CONFLICT DO NOTHING", {record_id})
                    .affected() > 0;
    });
    if (!st.ok()) return st.error();
    return first;
}

Status PgStorage::mark_all_notified(const std::vector<std::string>& record_ids) {
    if (record_ids.empty()) return sync::ok_status();
    return write([&] {
        pg::ArrayBuilder ids(pg::ArrayBuilder::Of::Text);
        for (const std::string& id : record_ids) ids.add(id);
        connection().exec("INSERT INTO srv_notified(record_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING",
                          {ids.take()});
    });
}

Result<std::int64_t> PgStorage::add_notification(const std::string& user_id, const std::string& case_id,
                                                 const std::string& payload, std::uint64_t now_ms) {
    std::int64_t n = 0;
    Status st = write([&] {
        n = connection()
                .exec("INSERT INTO srv_notifications(user_id,case_id,payload,created_at) VALUES($1,$2,$3,$4) RETURNING n",
                      {user_id, case_id, payload, now_ms})
                .integer(0, 0);
        hint_at_commit();
    });
    if (!st.ok()) return st.error();
    return n;
}

Result<std::vector<Notification>> PgStorage::notifications(const std::string& user_id, bool unread_only,
                                                           std::size_t limit) {
    return sync::guard([&] {
        std::vector<Notification> out;
        pg::Result r = conn().exec(std::string("SELECT n,user_id,case_id,payload,created_at,read_at FROM "
                                                     "srv_notifications WHERE ($1='' OR user_id=$1)") +
                                             (unread_only ? " AND read_at IS NULL" : "") + " ORDER BY n DESC LIMIT $2",
                                         {user_id, static_cast<std::int64_t>(limit)});
        for (int i = 0; i < r.rows(); ++i) out.push_back(row_notification(r, i));
        return out;
    });
}

Result<std::size_t> PgStorage::mark_read(const std::string& user_id, const std::vector<std::int64_t>& ids,
                                         std::uint64_t now_ms) {
    std::size_t n = 0;
    Status st = write([&] {
        if (ids.empty()) {
            n = static_cast<std::size_t>(
                connection()
                    .exec("UPDATE srv_notifications SET read_at=$1 WHERE user_id=$2 AND read_at IS NULL", {now_ms, user_id})
                    .affected());
        } else {
            for (std::int64_t id : ids)
                n += static_cast<std::size_t>(
                    connection()
                        .exec("UPDATE srv_notifications SET read_at=$1 WHERE user_id=$2 AND n=$3 AND read_at IS NULL",
                              {now_ms, user_id, id})
                        .affected());
        }
    });
    if (!st.ok()) return st.error();
    return n;
}

Status PgStorage::forget_person_in_payloads(const std::string& contact_id) {
    return write([&] {
        for (const char* table : {"srv_notifications", "srv_webhook"})
            conn().exec(std::string("UPDATE ") + table +
                                  " SET payload=jsonb_set(payload::jsonb,'{contact,name}','\"[erased]\"')::text"
                                  " WHERE payload::jsonb #>> '{contact,id}' = $1",
                              {contact_id});
    });
}

// ---- the webhook queue -----------------------------------------------------------------------

Status PgStorage::queue_webhook(const std::string& payload, std::uint64_t now_ms) {
    return write([&] { conn().exec("INSERT INTO srv_webhook(payload,next_at) VALUES($1,$2)", {payload, now_ms}); });
}

Result<std::optional<WebhookItem>> PgStorage::next_webhook(std::uint64_t now_ms, std::uint64_t lease_ms) {
    std::optional<WebhookItem> item;
    Status st = write([&] {
        // SKIP LOCKED: an entry another instance is claiming right now is passed over, never
        // waited for; the lease is taken in the claim's own short transaction, never held
        // across the HTTP call.
        pg::Result r = conn().exec(
            "UPDATE srv_webhook SET next_at=$2 WHERE n=(SELECT n FROM srv_webhook WHERE next_at<=$1"
            " ORDER BY next_at, n LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING n, payload, attempts",
            {now_ms, now_ms + lease_ms});
        if (r.rows()) item = WebhookItem{r.integer(0, 0), std::string(r.text(0, 1)), static_cast<int>(r.integer(0, 2)), 0, {}};
    });
    if (!st.ok()) return st.error();
    return item;
}

Status PgStorage::webhook_done(std::int64_t n) {
    return write([&] { conn().exec("DELETE FROM srv_webhook WHERE n=$1", {n}); });
}

Status PgStorage::webhook_failed(std::int64_t n, std::uint64_t retry_at_ms, const std::string& error) {
    return write([&] {
        conn().exec("UPDATE srv_webhook SET attempts=attempts+1, next_at=$1, last_error=$2 WHERE n=$3",
                          {retry_at_ms, error.substr(0, 500), n});
    });
}

Result<std::vector<WebhookItem>> PgStorage::webhook_queue(std::size_t limit) {
    return sync::guard([&] {
        std::vector<WebhookItem> out;
        pg::Result r = conn().exec("SELECT n,payload,attempts,next_at,coalesce(last_error,'') FROM srv_webhook ORDER BY n LIMIT $1",
                                   {static_cast<std::int64_t>(limit)});
        for (int i = 0; i < r.rows(); ++i)
            out.push_back({r.integer(i, 0), std::string(r.text(i, 1)), static_cast<int>(r.integer(i, 2)),
                           static_cast<std::uint64_t>(r.integer(i, 3)), std::string(r.text(i, 4))});
        return out;
    });
}

// ---- e-mail ----------------------------------------------------------------------------------

Result<std::optional<MailPrefs>> PgStorage::mail_prefs(const std::string& user_id) {
    return sync::guard([&] {
        std::optional<MailPrefs> p;
        pg::Result r = conn().exec("SELECT address,mode,hour,utc_offset,lang,updated_at FROM srv_mail_prefs WHERE user_id=$1",
                                   {user_id});
        if (r.rows())
            p = MailPrefs{std::string(r.text(0, 0)), std::string(r.text(0, 1)), static_cast<int>(r.integer(0, 2)),
                          static_cast<int>(r.integer(0, 3)), std::string(r.text(0, 4)),
                          static_cast<std::uint64_t>(r.integer(0, 5))};
        return p;
    });
}

Status PgStorage::set_mail_prefs(const std::string& user_id, const MailPrefs& p) {
    return write([&] {
        conn().exec(
            "INSERT INTO srv_mail_prefs(user_id,address,mode,hour,utc_offset,lang,updated_at) VALUES($1,$2,$3,$4,$5,$6,$7)"
            " ON CONFLICT(user_id) DO UPDATE SET address=$2, mode=$3, hour=$4, utc_offset=$5, lang=$6, updated_at=$7",
            {user_id, p.address, p.mode, static_cast<std::int64_t>(p.hour), static_cast<std::int64_t>(p.utc_offset_min),
             p.lang, p.updated_ms});
    });
}

Result<bool> PgStorage::content_held(const std::string& bucket, const std::string& hash) {
    return sync::guard([&] { return conn().exec("SELECT 1 FROM srv_content WHERE bucket=$1 AND hash=$2", {bucket, hash}).rows() > 0; });
}

Status PgStorage::hold_content(const std::string& bucket, const std::string& hash, std::uint64_t now_ms) {
    return write([&] {
        conn().exec("INSERT INTO srv_content(bucket,hash,at) VALUES($1,$2,$3) ON CONFLICT DO NOTHING", {bucket, hash, now_ms});
    });
}

Result<bool> PgStorage::content_named(const std::string& hash) {
    return sync::guard([&] {
        return conn().exec("SELECT 1 FROM attachments WHERE sha256=$1 AND coalesce(erased,0)=0 LIMIT 1", {hash}).rows() > 0;
    });
}

Status PgStorage::forget_content(const std::string& hash) {
    return write([&] { conn().exec("DELETE FROM srv_content WHERE hash=$1", {hash}); });
}

Status PgStorage::queue_mail(std::int64_t notification, const std::string& user_id, bool digest, std::uint64_t due_ms) {
    return write([&] {
        conn().exec("INSERT INTO srv_mail(user_id,notification,digest,next_at) VALUES($1,$2,$3,$4)"
                    " ON CONFLICT(notification) DO NOTHING",
                    {user_id, notification, std::string(digest ? "true" : "false"), due_ms});
    });
}

Status PgStorage::requeue_mail(const std::string& user_id, bool digest, std::uint64_t due_ms, bool drop) {
    return write([&] {
        if (drop) conn().exec("DELETE FROM srv_mail WHERE user_id=$1", {user_id});
        else conn().exec("UPDATE srv_mail SET digest=$1, next_at=$2 WHERE user_id=$3",
                         {std::string(digest ? "true" : "false"), due_ms, user_id});
    });
}

namespace {
constexpr const char* kMailCols =
    "m.n, m.user_id, m.notification, m.digest::int, m.attempts, m.next_at, coalesce(m.last_error,''),"
    " coalesce(x.payload,''), coalesce(x.created_at,0)";

MailItem row_mail(const pg::Result& r, int i) {
    return MailItem{r.integer(i, 0), std::string(r.text(i, 1)), r.integer(i, 2), r.integer(i, 3) != 0,
                    static_cast<int>(r.integer(i, 4)), static_cast<std::uint64_t>(r.integer(i, 5)),
                    std::string(r.text(i, 6)), std::string(r.text(i, 7)), static_cast<std::uint64_t>(r.integer(i, 8))};
}
}  // namespace

Result<std::vector<MailItem>> PgStorage::next_mail(std::uint64_t now_ms, std::uint64_t lease_ms) {
    std::vector<MailItem> out;
    Status st = write([&] {
        // As next_webhook: SKIP LOCKED, a short transaction, the lease never held across
        // the SMTP conversation. A digest's entries are claimed together.
        pg::Result first = conn().exec(
            "SELECT n, user_id, digest::int FROM srv_mail WHERE next_at<=$1 ORDER BY next_at, n LIMIT 1 FOR UPDATE SKIP LOCKED",
            {now_ms});
        if (!first.rows()) return;
        bool digest = first.integer(0, 2) != 0;
        pg::Result claimed =
            digest ? conn().exec("UPDATE srv_mail SET next_at=$1 WHERE n IN (SELECT n FROM srv_mail WHERE user_id=$2 AND digest"
                                 " AND next_at<=$3 FOR UPDATE SKIP LOCKED) RETURNING n",
                                 {now_ms + lease_ms, std::string(first.text(0, 1)), now_ms})
                   : conn().exec("UPDATE srv_mail SET next_at=$1 WHERE n=$2 RETURNING n", {now_ms + lease_ms, first.integer(0, 0)});
        std::vector<std::int64_t> ns;
        for (int i = 0; i < claimed.rows(); ++i) ns.push_back(claimed.integer(i, 0));
        std::sort(ns.begin(), ns.end());
        for (std::int64_t id : ns) {
            pg::Result r = conn().exec(std::string("SELECT ") + kMailCols +
                                           " FROM srv_mail m LEFT JOIN srv_notifications x ON x.n=m.notification WHERE m.n=$1",
                                       {id});
            if (r.rows()) out.push_back(row_mail(r, 0));
        }
    });
    if (!st.ok()) return st.error();
    return out;
}

Status PgStorage::mail_done(const std::vector<std::int64_t>& ns) {
    return write([&] {
        for (std::int64_t n : ns) conn().exec("DELETE FROM srv_mail WHERE n=$1", {n});
    });
}

Status PgStorage::mail_failed(const std::vector<std::int64_t>& ns, std::uint64_t retry_at_ms, const std::string& error) {
    return write([&] {
        for (std::int64_t n : ns)
            conn().exec("UPDATE srv_mail SET attempts=attempts+1, next_at=$1, last_error=$2 WHERE n=$3",
                        {retry_at_ms, error.substr(0, 500), n});
    });
}

Result<std::vector<MailItem>> PgStorage::mail_queue(std::size_t limit) {
    return sync::guard([&] {
        std::vector<MailItem> out;
        pg::Result r = conn().exec(std::string("SELECT ") + kMailCols +
                                       " FROM srv_mail m LEFT JOIN srv_notifications x ON x.n=m.notification ORDER BY m.n LIMIT $1",
                                   {static_cast<std::int64_t>(limit)});
        for (int i = 0; i < r.rows(); ++i) out.push_back(row_mail(r, i));
        return out;
    });
}

// ---- the access log --------------------------------------------------------------------------

Status PgStorage::log_access(const AccessEntry& e) {
    return write([&] {
        conn().exec(
            "INSERT INTO srv_access(day,who,action,subject,times,first_at,last_at,detail) VALUES($1,$2,$3,$4,$5,$6,$7,$8)"
            " ON CONFLICT(day,who,action,subject) DO UPDATE SET times=srv_access.times+$5,"
            " last_at=greatest(srv_access.last_at,$7)",
            {e.day, e.who, e.action, e.subject, e.times, e.first_ms, e.last_ms, e.detail});
    });
}

Result<std::vector<AccessEntry>> PgStorage::access_log(const std::string& subject, const std::string& download_subject,
                                                       const std::string& who, std::size_t limit) {
    return sync::guard([&] {
        std::string where = "true";
        std::vector<Param> args;
        if (!subject.empty()) {
            where = "(subject=$1 OR (action='download' AND subject=$2))";
            args = {subject, download_subject};
        }
        if (!who.empty()) {
            args.emplace_back(who);
            where += " AND who=$" + std::to_string(args.size());
        }
        args.emplace_back(static_cast<std::int64_t>(limit));
        pg::Result r = conn().exec("SELECT day,who,action,subject,detail,times,first_at,last_at FROM srv_access WHERE " +
                                             where + " ORDER BY last_at DESC LIMIT $" + std::to_string(args.size()),
                                         args);
        std::vector<AccessEntry> out;
        for (int i = 0; i < r.rows(); ++i)
            out.push_back({std::string(r.text(i, 0)), std::string(r.text(i, 1)), std::string(r.text(i, 2)),
                           std::string(r.text(i, 3)), std::string(r.text(i, 4)), static_cast<std::uint64_t>(r.integer(i, 5)),
                           static_cast<std::uint64_t>(r.integer(i, 6)), static_cast<std::uint64_t>(r.integer(i, 7)), ""});
        return out;
    });
}

Result<ServerCounts> PgStorage::server_counts() {
    return sync::guard([&] {
        auto count = [&](const char* table) {
            return static_cast<std::size_t>(conn().exec(std::string("SELECT count(*) FROM ") + table).integer(0, 0));
        };
        ServerCounts c;
        c.users = count("srv_users");
        c.devices = count("srv_devices");
        c.notifications = count("srv_notifications");
        c.webhook_queue = count("srv_webhook");
        c.mail_queue = count("srv_mail");
        return c;
    });
}

// ---- the live channel --------------------------------------------------------------------------
//
// A position is pg_snapshot_xmin of a snapshot: every transaction below it has ended, so
// whatever commits later carries an id at or above it (hub_buckets.xid and
// srv_notifications.xid are the writing transaction's). A read returns the rows at or
// above the position it is given - some of them seen before, never one missed - and the
// xmin of its own snapshot as the next position (docs/ARCHITECTURE.md).

namespace {

std::uint64_t xid_of(std::string_view text) { return std::strtoull(std::string(text).c_str(), nullptr, 10); }

}  // namespace

pg::Connection& PgStorage::live_conn() {
    if (!live_.healthy()) live_ = pg::Connection(conninfo());
    return live_;
}

Result<LivePosition> PgStorage::live_position() {
    std::lock_guard lock(live_mu_);
    return sync::guard([&] {
        std::uint64_t x = xid_of(live_conn().exec("SELECT pg_snapshot_xmin(pg_current_snapshot())::text").text(0, 0));
        return LivePosition{x, x};
    });
}

Result<LiveBatch> PgStorage::live_changes(const LivePosition& since, const std::string& user_id) {
    std::lock_guard lock(live_mu_);
    return sync::guard([&] {
        pg::Connection& db = live_conn();
        pg::Transaction t(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        LiveBatch out;
        std::uint64_t x = xid_of(db.exec("SELECT pg_snapshot_xmin(pg_current_snapshot())::text").text(0, 0));
        out.next = LivePosition{std::max(x, since.changes), std::max(x, since.notifications)};
        pg::Result b = db.exec("SELECT bucket, seq FROM hub_buckets WHERE xid >= $1::text::xid8 AND bucket<>''",
                               {since.changes});
        for (int i = 0; i < b.rows(); ++i)
            out.buckets.emplace_back(std::string(b.text(i, 0)), static_cast<std::uint64_t>(b.integer(i, 1)));
        std::string q =
            "SELECT n,user_id,case_id,payload,created_at,read_at FROM srv_notifications WHERE xid >= $1::text::xid8";
        std::vector<pg::Param> params{since.notifications};
        if (!user_id.empty()) {
            q += " AND user_id=$2";
            params.emplace_back(user_id);
        }
        pg::Result n = db.exec(q + " ORDER BY n", params);
        for (int i = 0; i < n.rows(); ++i) out.notifications.push_back(row_notification(n, i));
        t.commit();
        return out;
    });
}

Result<double> PgStorage::feed_lag_s() {
    std::lock_guard lock(live_mu_);
    return sync::guard([&] {
        // Transaction ids are the cluster's: any database's writer holds every snapshot's xmin.
        pg::Result r = live_conn().exec(
            "SELECT coalesce(extract(epoch FROM clock_timestamp() - min(xact_start)), 0)::float8"
            " FROM pg_stat_activity WHERE backend_xid IS NOT NULL");
        return std::max(0.0, r.real(0, 0));
    });
}

std::unique_ptr<ChangeHints> PgStorage::hints() { return std::make_unique<PgHints>(conninfo()); }

// ---- hints: LISTEN fika_changes ----------------------------------------------------------------

PgHints::PgHints(std::string conninfo) : conninfo_(std::move(conninfo)) {
    if (::pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) wake_[0] = wake_[1] = -1;
}

PgHints::~PgHints() {
    for (int fd : wake_)
        if (fd >= 0) ::close(fd);
}

void PgHints::interrupt() {
    if (wake_[1] >= 0) [[maybe_unused]] auto n = ::write(wake_[1], "x", 1);
}

bool PgHints::wait(std::chrono::milliseconds timeout) {
    if (!db_.healthy()) {
        try {
            db_ = pg::Connection(conninfo_);
            db_.exec("LISTEN fika_changes");
            return true;  // hints sent meanwhile are lost: read anyway
        } catch (const sync::Failure&) {
            db_ = pg::Connection();
        }
    }
    pollfd fds[2] = {{db_.healthy() ? PQsocket(db_.handle()) : -1, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    int ready = ::poll(fds, 2, static_cast<int>(timeout.count()));
    if (ready > 0 && (fds[1].revents & POLLIN)) {
        char buf[64];
        while (::read(wake_[0], buf, sizeof buf) > 0) {
        }
    }
    bool hinted = false;
    if (db_.healthy() && ready > 0 && (fds[0].revents & (POLLIN | POLLERR | POLLHUP))) {
        if (!PQconsumeInput(db_.handle())) {
            db_ = pg::Connection();  // lost: connect again at the next wait
            return true;
        }
        while (PGnotify* n = PQnotifies(db_.handle())) {
            hinted = true;
            PQfreemem(n);
        }
    }
    return hinted;
}

}  // namespace fika::server
