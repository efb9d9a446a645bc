#include "sqlite_replica.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <set>

#include "export.h"
#include "merge.h"

namespace fika::sync {

namespace {

// PRAGMA application_id of a Fika database: "FIKA".
constexpr std::int64_t kAppId = 0x46494b41;

std::uint64_t mix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::string sql_type(FieldType t) {
    switch (t) {
        case FieldType::Integer:
        case FieldType::Bool: return "INTEGER";
        case FieldType::Real: return "REAL";
        default: return "TEXT";
    }
}

void create_table_sql(Db& db, const TableDef& t, int version) {
    std::string sql = "CREATE TABLE " + quote_ident(t.name) + "(id TEXT PRIMARY KEY NOT NULL";
    for (const FieldDef& f : t.fields)
        if (f.since <= version) sql += "," + quote_ident(f.name) + " " + sql_type(f.type);
    sql += ",_clocks BLOB,_seq INTEGER)";
    db.exec(sql);
    // One index serves both roles: devices look records up by account, the hub reads a
    // bucket's feed by (account, seq).
    if (t.bucket == BucketRule::Field) {
        const std::string& bf = t.fields[static_cast<size_t>(t.bucket_field)].name;
        db.exec("CREATE INDEX " + quote_ident(t.name + "_by_bucket") + " ON " +
                quote_ident(t.name) + "(" + quote_ident(bf) + ",_seq)");
    } else if (t.bucket == BucketRule::Global) {
        db.exec("CREATE INDEX " + quote_ident(t.name + "_by_seq") + " ON " + quote_ident(t.name) +
                "(_seq)");
    }
}

// Migration `version` for `schema`: side tables at 1, then the user tables and columns
// introduced at this version.
void migrate_to(Db& db, const Schema& schema, int version) {
    if (version == 1) {
        db.exec(
            "CREATE TABLE _meta(key TEXT PRIMARY KEY NOT NULL, value) WITHOUT ROWID;"
            "CREATE TABLE _outbox(seq INTEGER PRIMARY KEY, tbl INTEGER NOT NULL,"
            " id TEXT NOT NULL, mask INTEGER NOT NULL, hlc INTEGER NOT NULL);"
            "CREATE TABLE _conflicts(n INTEGER PRIMARY KEY, tbl TEXT NOT NULL, id TEXT NOT NULL,"
            " field TEXT NOT NULL, local_value, local_hlc INTEGER, local_site TEXT,"
            " remote_value, remote_hlc INTEGER, remote_site TEXT, at INTEGER,"
            " resolution TEXT NOT NULL DEFAULT '');"
            "CREATE TABLE _refused(n INTEGER PRIMARY KEY, tbl TEXT NOT NULL, id TEXT NOT NULL,"
            " fields TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL, at INTEGER);"
            "CREATE TABLE _buckets(bucket TEXT PRIMARY KEY NOT NULL, pulled INTEGER NOT NULL"
            " DEFAULT 0, since INTEGER NOT NULL DEFAULT 0, cursor INTEGER NOT NULL DEFAULT 0,"
            " seq INTEGER NOT NULL DEFAULT 0, checksum INTEGER NOT NULL DEFAULT 0)"
            " WITHOUT ROWID;");
    }
    if (version == 3)
        // Attachments' content on a device (store_content.cpp): what it holds of each
        // content, in parts; what it must still upload, and how far the server has it.
        db.exec(
            "CREATE TABLE _content(hash TEXT NOT NULL, part INTEGER NOT NULL, data BLOB NOT NULL,"
            " PRIMARY KEY(hash, part)) WITHOUT ROWID;"
            "CREATE TABLE _content_have(hash TEXT PRIMARY KEY NOT NULL, size INTEGER NOT NULL,"
            " have INTEGER NOT NULL) WITHOUT ROWID;"
            "CREATE TABLE _uploads(attachment_id TEXT PRIMARY KEY NOT NULL, hash TEXT NOT NULL,"
            " size INTEGER NOT NULL, sent INTEGER NOT NULL DEFAULT 0, failed TEXT) WITHOUT ROWID;");
    for (const TableDef& t : schema.tables()) {
        if (t.since == version) {
            create_table_sql(db, t, version);
        } else if (t.since < version) {
            for (const FieldDef& f : t.fields)
                if (f.since == version)
                    db.exec("ALTER TABLE " + quote_ident(t.name) + " ADD COLUMN " +
                            quote_ident(f.name) + " " + sql_type(f.type));
        }
    }
}

}  // namespace

std::uint64_t record_hash(int table_id, std::string_view id) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char ch : id) {
        h ^= static_cast<unsigned char>(ch);
        h *= 0x100000001b3ULL;
    }
    return mix64(h ^ (static_cast<std::uint64_t>(table_id) << 32));
}

std::uint64_t cell_hash(std::uint64_t record, int field, const Clock& c) {
    std::uint64_t h = mix64(record ^ static_cast<std::uint64_t>(field));
    h = mix64(h ^ c.hlc);
    return mix64(h ^ c.site);
}

// ---- prepared statements per table -------------------------------------------------------

struct SqliteReplica::TableStmts {
    Stmt select, exists, insert, update, feed, count_after, purge_select, purge, walk;
};

void SqliteReplica::prepare_statements() {
    stmts_.clear();
    for (const TableDef& t : schema_->tables()) {
        auto st = std::make_unique<TableStmts>();
        std::string cols, qs, sets;
        for (const FieldDef& f : t.fields) {
            cols += quote_ident(f.name) + ",";
            qs += "?,";
            sets += quote_ident(f.name) + "=?,";
        }
        std::string name = quote_ident(t.name);
        st->select = db_.prepare("SELECT " + cols + "_clocks,_seq FROM " + name + " WHERE id=?");
        st->exists = db_.prepare("SELECT 1 FROM " + name + " WHERE id=?");
        st->walk = db_.prepare("SELECT " + cols + "_clocks,_seq,id FROM " + name + " WHERE id>=? ORDER BY id");
        st->insert = db_.prepare("INSERT INTO " + name + "(" + cols + "_clocks,_seq,id) VALUES(" +
                                 qs + "?,?,?)");
        st->update = db_.prepare("UPDATE " + name + " SET " + sets + "_clocks=?,_seq=? WHERE id=?");
        std::string where;
        switch (t.bucket) {
            case BucketRule::Self: where = "id=?1"; break;
            case BucketRule::Field:
                where = quote_ident(t.fields[static_cast<size_t>(t.bucket_field)].name) + "=?1";
                break;
            case BucketRule::Global: where = "?1='global'"; break;
        }
        st->feed = db_.prepare("SELECT " + cols + "_clocks,_seq,id FROM " + name + " WHERE " +
                               where + " AND _seq>?2 ORDER BY _seq LIMIT ?3");
        st->count_after = db_.prepare("SELECT count(*) FROM " + name + " WHERE " + where + " AND _seq>?2");
        st->purge_select =
            db_.prepare("SELECT " + cols + "_clocks,_seq,id FROM " + name + " WHERE " + where);
        st->purge = db_.prepare("DELETE FROM " + name + " WHERE " + where);
        stmts_.push_back(std::move(st));
    }
    bucket_get_ = db_.prepare("SELECT checksum, seq FROM _buckets WHERE bucket=?");
    bucket_put_ = db_.prepare(
        "INSERT INTO _buckets(bucket,checksum,seq) VALUES(?1,?2,?3) ON CONFLICT(bucket) DO "
        "UPDATE SET checksum=?2, seq=?3");
    meta_put_ = db_.prepare("INSERT OR REPLACE INTO _meta(key,value) VALUES(?,?)");
    // One lookup per key, not `key IN (...)`: SQLite builds a temporary b-tree for an IN
    // list each time the statement runs (8 us against 2 us here), and every write
    // transaction runs this one.
    meta_get_ = db_.prepare(
        "SELECT (SELECT value FROM _meta WHERE key='seq'), (SELECT value FROM _meta WHERE key='hlc'),"
        " (SELECT value FROM _meta WHERE key='acked_hlc'), (SELECT value FROM _meta WHERE key='outbox_floor'),"
        " (SELECT value FROM _meta WHERE key='clock_epoch')");
}

std::int64_t SqliteReplica::pragma_int(const char* sql) {
    Stmt s = db_.prepare(sql);
    return s.step() ? s.integer(0) : 0;
}

const TableDef& SqliteReplica::table_or_fail(std::string_view name) const {
    const TableDef* t = schema_->table(name);
    if (!t) fail(Code::Invalid, "unknown table '" + std::string(name) + "'");
    return *t;
}

Stmt& SqliteReplica::feed_stmt(const TableDef& t) {
    return stmts_[static_cast<size_t>(&t - schema_->tables().data())]->feed;
}

Stmt& SqliteReplica::count_after_stmt(const TableDef& t) {
    return stmts_[static_cast<size_t>(&t - schema_->tables().data())]->count_after;
}

Stmt& SqliteReplica::purge_select_stmt(const TableDef& t) {
    return stmts_[static_cast<size_t>(&t - schema_->tables().data())]->purge_select;
}

Stmt& SqliteReplica::purge_stmt(const TableDef& t) {
    return stmts_[static_cast<size_t>(&t - schema_->tables().data())]->purge;
}

std::vector<SqliteReplica::Known> SqliteReplica::read_ahead(const std::vector<RecordChange>& changes) {
    std::vector<Known> known(changes.size());
    Wanted wanted;
    wanted.reserve(changes.size());
    for (const RecordChange& c : changes) wanted.emplace_back(c.table, c.id);
    std::vector<bool> looked = load_many(wanted, [&](std::size_t i, Record&& r) {
        known[i].state = Known::State::Stored;
        known[i].record = std::move(r);
    });
    for (std::size_t i = 0; i < known.size(); ++i)
        if (looked[i] && known[i].state == Known::State::Unknown) known[i].state = Known::State::New;
    return known;
}

SqliteReplica::Target SqliteReplica::load_for_merge(const RecordChange& rc, Known& known) {
    const TableDef& t = *rc.table;
    Target out;
    std::optional<Record> existing;
    if (known.state == Known::State::Unknown) existing = load(t, rc.id);
    else if (known.state == Known::State::Stored) existing = std::move(known.record);
    if (existing) {
        out.record = std::move(*existing);
        out.bucket = bucket_of(t, rc.id, out.record.values);
        return out;
    }
    out.creates = true;
    out.record.table = &t;
    out.record.id = rc.id;
    out.record.values.resize(t.fields.size());
    out.record.clocks.cells.resize(t.fields.size());
    // Only the field naming the bucket matters here: the rest stay null (no copies of text).
    std::vector<Value> probe(t.fields.size());
    for (const CellChange& c : rc.cells)
        if (c.field == t.bucket_field) probe[static_cast<size_t>(c.field)] = c.value;
    out.bucket = bucket_of(t, rc.id, probe);
    return out;
}

std::string SqliteReplica::rehome(const std::string& bucket, const Record& r) {
    if (!bucket.empty()) return bucket;
    std::string now(bucket_of(*r.table, r.id, r.values));
    if (now.empty()) return bucket;
    std::uint64_t rh = record_hash(r.table->id, r.id);
    for (size_t i = 0; i < r.clocks.cells.size(); ++i) {
        const Cell& c = r.clocks.cells[i];
        if (!c.written()) continue;
        std::uint64_t h = cell_hash(rh, static_cast<int>(i), c.clock);
        checksum_delta(bucket) ^= h;  // every current cell was counted in ""
        checksum_delta(now) ^= h;
    }
    return now;
}

// ---- opening and migrations --------------------------------------------------------------

SqliteReplica::SqliteReplica(Role role) : role_(role) {}

SqliteReplica::~SqliteReplica() {
    // The checkpointer's connection before this one: the last to close checkpoints the rest.
    checkpointer_.reset();
    // Statements before the connection they belong to.
    stmts_.clear();
    bucket_get_ = Stmt();
    bucket_put_ = Stmt();
    meta_put_ = Stmt();
    meta_get_ = Stmt();
}

void SqliteReplica::open_impl(const std::string& path, const OpenOptions& opts) {
    path_ = path;
    if (opts.schema) schema_ = opts.schema;
    hlc_ = Hlc(opts.wall);
    max_drift_ms_ = opts.max_drift_ms;
    std::uint64_t seed = opts.seed;
    if (seed == 0) {
        std::random_device rd;
        seed = (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
    }
    rng_.seed(seed);

    // Nothing but SQLite ever opens the file. Closing any descriptor on a file drops every
    // POSIX lock this process holds on it, and SQLite's locks are what tell another
    // process's last connection that it may not checkpoint and delete the WAL: a second
    // connection of this process (the app's UI beside its sync worker) opened after a plain
    // read of the header would leave the first writing into a WAL that no longer has a name
    // (SQLite's "How To Corrupt An SQLite Database File", 2.2). stat() opens nothing, and
    // SQLite itself refuses a file that is not a database before writing a byte to it.
    {
        struct stat st {};
        if (::stat(path.c_str(), &st) == 0) {
            if (!S_ISREG(st.st_mode)) fail(Code::Invalid, path + " is not a file");
        } else if (!opts.create) {
            fail(Code::NotFound, path + ": no such database");
        }
    }
    db_ = Db(path, opts.create);
    bool fresh = false;
    try {
        // Reads the header (through the WAL: a new database's first page may be only there).
        fresh = pragma_int("PRAGMA page_count") == 0;
    } catch (const Failure& f) {
        if (f.error.code == Code::Corrupt) fail(Code::Corrupt, path + " is not a Fika database (not an SQLite file)");
        throw;
    }
    int version = static_cast<int>(pragma_int("PRAGMA user_version"));
    if (!fresh) {
        std::int64_t app = pragma_int("PRAGMA application_id");
        std::int64_t n_tables = pragma_int("SELECT count(*) FROM sqlite_schema");
        if (app != kAppId && (version != 0 || n_tables != 0))
            fail(Code::Corrupt, path + " is an SQLite file but not a Fika database");
        if (version > schema_->version())
            fail(Code::SchemaTooNew, path + " was written by a newer Fika (schema " +
                                         std::to_string(version) + ", this build reads up to " +
                                         std::to_string(schema_->version()) + ")");
        if (opts.integrity_check) must(check_integrity());
    }
    db_.exec("PRAGMA journal_mode=WAL");
    // A WAL that grew during an upload is cut back when it starts over.
    db_.exec("PRAGMA journal_size_limit=4194304");
    if (opts.background_checkpoint) {
        checkpointer_ = std::make_unique<WalCheckpointer>(path);
        checkpointer_->watch(db_);
    }
    // FULL: a commit is on disk before the write is acknowledged (power loss included).
    db_.exec("PRAGMA synchronous=FULL");
    db_.exec("PRAGMA foreign_keys=OFF");
    // Deleted and overwritten content is zeroed in the pages it leaves (an erased
    // person's words do not linger in free space); FAST costs no extra I/O.
    db_.exec("PRAGMA secure_delete=FAST");
    db_.exec("PRAGMA cache_size=-32768");  // 32 MiB: big batches stay in memory until commit

    for (int v = version + 1; v <= schema_->version(); ++v) {
        Transaction t(db_);
        migrate_to(db_, *schema_, v);
        if (v == 1) db_.exec("PRAGMA application_id=" + std::to_string(kAppId));
        // A device upgraded past its old schema downloads everything again: the hub left
        // out the fields it did not know yet (see encode_response).
        if (v > 1) db_.exec("UPDATE _buckets SET since=0, cursor=0");
        db_.exec("PRAGMA user_version=" + std::to_string(v));
        t.commit();
    }

    // Identity and clocks.
    std::string role_name = role_ == Role::Hub ? "hub" : "device";
    {
        Transaction t(db_);
        Stmt get = db_.prepare("SELECT key, value FROM _meta");
        std::map<std::string, std::string> meta;
        while (get.step()) meta[std::string(get.text(0))] = std::string(get.text(1));
        if (meta.count("role") && meta["role"] != role_name)
            fail(Code::Invalid, path + " belongs to a " + meta["role"] + ", not a " + role_name);
        if (!meta.count("site") || !parse_site(meta["site"], site_)) {
            site_ = random_site(rng_);
            Stmt put = db_.prepare("INSERT OR REPLACE INTO _meta(key,value) VALUES(?,?)");
            put.bind(1, "site").bind(2, site_to_string(site_)).run();
            put.reset();
            put.bind(1, "role").bind(2, role_name).run();
        }
        auto num = [&](const char* k) -> std::uint64_t {
            auto it = meta.find(k);
            return it == meta.end() ? 0 : std::strtoull(it->second.c_str(), nullptr, 10);
        };
        opened(meta);
        acked_hlc_ = num("acked_hlc");
        outbox_floor_ = num("outbox_floor");
        clock_epoch_ = num("clock_epoch");
        seq_ = num("seq");
        saved_hlc_ = num("hlc");
        hlc_.observe(saved_hlc_);
        hlc_.observe(acked_hlc_);
        // Every commit keeps the clock's high-water mark in _meta ("hlc"), so the outbox is
        // not read through at open (1,000,000 unsent changes: ~150 ms). Its newest row is
        // still looked at (one step down the key): a binary from before wrote rows without
        // the mark, each with a clock above the one before (begin_write observes the mark).
        hlc_.observe(static_cast<std::uint64_t>(pragma_int("SELECT hlc FROM _outbox ORDER BY seq DESC LIMIT 1")));
        if (!meta.count("hlc_kept")) {
            // A file written before the mark was kept: once, the whole outbox.
            hlc_.observe(static_cast<std::uint64_t>(pragma_int("SELECT max(hlc) FROM _outbox")));
            Stmt put = db_.prepare("INSERT OR REPLACE INTO _meta(key,value) VALUES(?,?)");
            put.bind(1, "hlc").bind(2, std::to_string(hlc_.last())).run();
            put.reset();
            put.bind(1, "hlc_kept").bind(2, "1").run();
            saved_hlc_ = hlc_.last();
        }
        t.commit();
    }
    prepare_statements();
    prepare_role();
}

// ---- transactions ---------------------------------------------------------------------------

// PRAGMA synchronous cannot change inside a transaction: a transaction's durability is
// set when it begins, and a Full write nested in a Redoable one syncs the WAL itself
// after the commit (sync_wal).
void SqliteReplica::set_synchronous(bool full) {
    if (full == sync_full_) return;
    db_.run(full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
    sync_full_ = full;
}

void SqliteReplica::sync_wal() {
    sqlite3_file* wal = nullptr;
    int rc = sqlite3_file_control(db_.handle(), "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal);
    if (rc == SQLITE_OK && wal && wal->pMethods) rc = wal->pMethods->xSync(wal, SQLITE_SYNC_FULL);
    if (rc != SQLITE_OK) fail(Code::Storage, "the write-ahead log could not be synced to disk");
}

SqliteReplica::Reading::Reading(SqliteReplica& s) : s_(s) {
    if (s_.batch_depth_ > 0 || s_.reading_) return;
    s_.reading_.emplace(s_.db_);
    s_.reading_owner_ = this;
}

SqliteReplica::Reading::~Reading() {
    if (s_.reading_owner_ != this) return;  // never opened one, or a write ended it
    s_.reading_.reset();
    s_.reading_owner_ = nullptr;
}

void SqliteReplica::begin_write(Durability d) {
    if (batch_depth_ == 0) {
        reading_.reset();  // a Reading's transaction ends: this one takes the write lock
        reading_owner_ = nullptr;
        set_synchronous(d == Durability::Full);
        txn_full_ = d == Durability::Full;
        try {
            txn_ = std::make_unique<Transaction>(db_);
        } catch (...) {
            set_synchronous(true);
            throw;
        }
        clear_checksum_deltas();
        bucket_seq_delta_.clear();
        // Another connection to this file (an admin command on the server; the sync worker
        // beside the app's UI) may have written since: the sequence, the clock and the
        // acknowledged position continue from what the file says, inside the write lock.
        try {
            std::uint64_t hlc = 0, acked = 0, epoch = 0;
            if (meta_get_.step()) {
                // A key not written yet reads as NULL: 0 (the values are decimal text).
                auto at = [&](int col) { return static_cast<std::uint64_t>(meta_get_.integer(col)); };
                seq_ = std::max<std::uint64_t>(seq_, at(0));
                hlc = at(1);
                acked = at(2);
                outbox_floor_ = std::max<std::uint64_t>(outbox_floor_, at(3));
                epoch = at(4);
                meta_get_.reset();
            }
            if (epoch > clock_epoch_) {
                // Another connection rewound the clock (rewind_clock): adopt, do not merge.
                clock_epoch_ = epoch;
                hlc_.rewind(hlc);
                saved_hlc_ = hlc;
                acked_hlc_ = acked;
            } else {
                hlc_.observe(hlc);
                acked_hlc_ = std::max(acked_hlc_, acked);
            }
            began();
        } catch (...) {
            meta_get_.reset();
            txn_.reset();
            set_synchronous(true);
            throw;
        }
    } else if (d == Durability::Full) {
        txn_full_ = true;
    }
    ++batch_depth_;
}

void SqliteReplica::commit_write() {
    if (batch_depth_ > 1) {
        --batch_depth_;
        return;
    }
    try {
        committing();
        flush_checksums();
        // The mark is the clock itself: begin_write observed what other connections saved.
        if (hlc_.last() > saved_hlc_) put_meta("hlc", static_cast<std::int64_t>(hlc_.last()));
        txn_->commit();
    } catch (...) {
        abort_write();
        throw;
    }
    saved_hlc_ = std::max(saved_hlc_, hlc_.last());
    txn_.reset();
    batch_depth_ = 0;
    if (txn_full_ && !sync_full_) sync_wal();
    set_synchronous(true);
}

void SqliteReplica::abort_write() {
    txn_.reset();  // rolls back
    try {
        set_synchronous(true);
    } catch (const Failure&) {  // the next begin_write sets it again
    }
    known_account_.clear();
    batch_depth_ = 0;
    clear_checksum_deltas();
    bucket_seq_delta_.clear();
    rolled_back();
    // Reload what the rollback undid.
    seq_ = 0;
    acked_hlc_ = 0;
    try {
        Stmt get = db_.prepare(
            "SELECT (SELECT value FROM _meta WHERE key='seq'), (SELECT value FROM _meta WHERE key='acked_hlc')");
        if (get.step()) {
            seq_ = static_cast<std::uint64_t>(get.integer(0));
            acked_hlc_ = static_cast<std::uint64_t>(get.integer(1));
            get.reset();
        }
    } catch (const Failure&) {
    }
}

SqliteReplica::Batch::Batch(SqliteReplica& s, Durability d) : s_(s) {
    try {
        s_.begin_write(d);
        open_ = true;
    } catch (const Failure& f) {
        error_ = f.error;
    }
}

SqliteReplica::Batch::~Batch() {
    if (open_ && !done_ && s_.batch_depth_ > 0) s_.abort_write();
}

Status SqliteReplica::Batch::commit() {
    if (!open_) return error_;
    if (done_) return Error{Code::Invalid, "batch already finished"};
    done_ = true;
    if (s_.batch_depth_ == 0)
        return Error{Code::Storage, "the batch was rolled back by an earlier storage failure"};
    return guard_status([&] { s_.commit_write(); });
}

void SqliteReplica::put_meta(const std::string& key, std::int64_t v) { put_meta(key, std::to_string(v)); }

void SqliteReplica::put_meta(const std::string& key, const std::string& v) {
    meta_put_.bind(1, key).bind(2, v).run();
    meta_put_.reset();
}

Status SqliteReplica::check_not_own_file(const std::string& path) const {
    if (!db_.is_own_file(path)) return ok_status();
    return Error{Code::Invalid, path + " is the database itself (or a file SQLite keeps beside it); choose another file"};
}

Result<std::pair<int, std::optional<std::string>>> SqliteReplica::peek(const std::string& path,
                                                                      const std::string& meta_key) {
    return guard([&]() -> std::pair<int, std::optional<std::string>> {
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0 || st.st_size == 0) return {0, std::nullopt};
        Db db(path, false);
        Stmt v = db.prepare("PRAGMA user_version");
        int version = v.step() ? static_cast<int>(v.integer(0)) : 0;
        if (version == 0) return {0, std::nullopt};
        try {
            Stmt m = db.prepare("SELECT value FROM _meta WHERE key=?");
            m.bind(1, meta_key);
            if (m.step()) return {version, std::string(m.text(0))};
        } catch (const Failure&) {
            // Not a Fika file after all: opening it as a store says so.
        }
        return {version, std::nullopt};
    });
}

namespace {
void quick_check(Db& db, const std::string& path) {
    Stmt chk = db.prepare("PRAGMA quick_check");
    std::string first = chk.step() ? std::string(chk.text(0)) : "";
    if (first != "ok") fail(Code::Corrupt, path + " fails its integrity check: " + first);
}
}  // namespace

Status SqliteReplica::check_integrity() {
    return guard_status([&] { quick_check(db_, path_); });
}

Status SqliteReplica::check_integrity(const std::string& path, const std::atomic<bool>* stop) {
    return guard_status([&] {
        Db db(path, false);
        // Asked every 10,000 virtual machine steps whether to give up (SQLITE_INTERRUPT).
        if (stop)
            sqlite3_progress_handler(db.handle(), 10000, [](void* flag) -> int {
                return static_cast<const std::atomic<bool>*>(flag)->load() ? 1 : 0;
            }, const_cast<std::atomic<bool>*>(stop));
        quick_check(db, path);
    });
}

Result<std::optional<std::string>> SqliteReplica::meta(const std::string& key) {
    return guard([&]() -> std::optional<std::string> {
        Stmt get = db_.prepare("SELECT value FROM _meta WHERE key=?");
        get.bind(1, key);
        if (!get.step()) return std::nullopt;
        return std::string(get.text(0));
    });
}

Status SqliteReplica::remove_meta(const std::string& key) {
    return guard_status([&] {
        in_write([&] {
            Stmt del = db_.prepare("DELETE FROM _meta WHERE key=?");
            del.bind(1, key).run();
        });
    });
}

Status SqliteReplica::set_meta(const std::string& key, const std::string& value) {
    return guard_status([&] {
        in_write([&] {
            Stmt put = db_.prepare("INSERT OR REPLACE INTO _meta(key,value) VALUES(?,?)");
            put.bind(1, key).bind(2, value).run();
        });
    });
}

// ---- rows ---------------------------------------------------------------------------------

const Value& Record::operator[](std::string_view field) const {
    static const Value null;
    int i = table ? table->field_index(field) : -1;
    return i < 0 ? null : values[static_cast<size_t>(i)];
}

bool Record::deleted() const {
    const Value& v = values[static_cast<size_t>(table->deleted_field)];
    return std::holds_alternative<std::int64_t>(v) && std::get<std::int64_t>(v) != 0;
}


std::uint64_t& SqliteReplica::checksum_delta(std::string_view bucket) {
    if (last_delta_ && last_delta_->first == bucket) return last_delta_->second;
    last_delta_ = &*checksum_delta_.try_emplace(std::string(bucket)).first;
    return last_delta_->second;
}

void SqliteReplica::clear_checksum_deltas() {
    checksum_delta_.clear();
    last_delta_ = nullptr;
}

namespace {

// A record from a row of SELECT <fields>,_clocks,_seq[,id].
Record row_record(const TableDef& t, const Stmt& s, std::string id) {
    Record r;
    r.table = &t;
    r.id = std::move(id);
    int n = static_cast<int>(t.fields.size());
    r.values.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) r.values.push_back(s.value(i));
    r.clocks = CellClocks::decode(s.blob(n), static_cast<size_t>(n));
    if (!s.is_null(n + 1)) r.seq = static_cast<std::uint64_t>(s.integer(n + 1));
    return r;
}

}  // namespace

std::optional<Record> SqliteReplica::load(const TableDef& t, const std::string& id) {
    Stmt& s = stmts_[static_cast<size_t>(&t - schema_->tables().data())]->select;
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    Record r = row_record(t, s, id);
    s.reset();
    return r;
}

std::vector<bool> SqliteReplica::load_many(const Wanted& wanted,
                                           const std::function<void(std::size_t, Record&&)>& found) {
    std::vector<bool> looked(wanted.size());
    std::map<const TableDef*, std::vector<std::pair<std::string_view, std::size_t>>> by_table;
    for (std::size_t i = 0; i < wanted.size(); ++i) by_table[wanted[i].first].emplace_back(wanted[i].second, i);
    std::vector<std::string_view> ids;
    std::vector<std::size_t> places;
    for (auto& [t, named] : by_table) {
        // A device's records are named in the order they were made, and their ids (UUIDv7)
        // begin with the time: an outbox or an upload is usually in order already.
        if (!std::is_sorted(named.begin(), named.end())) std::sort(named.begin(), named.end());
        ids.clear();
        places.clear();
        for (std::size_t k = 0; k < named.size(); ++k) {
            bool twice = (k > 0 && named[k - 1].first == named[k].first) ||
                         (k + 1 < named.size() && named[k + 1].first == named[k].first);
            if (twice) continue;
            ids.push_back(named[k].first);
            places.push_back(named[k].second);
            looked[named[k].second] = true;
        }
        load_sorted(*t, ids, [&](std::size_t k, Record&& r) { found(places[k], std::move(r)); });
    }
    return looked;
}

void SqliteReplica::load_sorted(const TableDef& t, const std::vector<std::string_view>& ids,
                                const std::function<void(std::size_t, Record&&)>& found) {
    // Rows passed over without one wanted before the walk seeks again: a batch of records
    // far apart costs a seek each, as lookups would, plus at most this many rows.
    constexpr int kMaxSkipped = 4;
    Stmt& s = stmts_[static_cast<size_t>(&t - schema_->tables().data())]->walk;
    const int id_col = static_cast<int>(t.fields.size()) + 2;
    std::size_t i = 0;
    try {
        while (i < ids.size()) {
            s.bind(1, ids[i]);
            int skipped = 0;
            bool rows = false;
            while (i < ids.size() && s.step()) {
                rows = true;
                std::string_view at = s.text(id_col);
                // Every row from the seek on is seen in order: an id below this row is not stored.
                while (i < ids.size() && ids[i] < at) ++i;
                if (i == ids.size()) break;
                if (ids[i] == at) {
                    found(i, row_record(t, s, std::string(ids[i])));
                    ++i;
                    skipped = 0;
                } else if (++skipped > kMaxSkipped) {
                    break;
                }
            }
            s.reset();
            if (!rows) break;  // nothing stored from ids[i] on
        }
    } catch (...) {
        s.reset();
        throw;
    }
}

void SqliteReplica::store_row(const Record& r, bool insert) {
    const TableDef& t = *r.table;
    TableStmts& st = *stmts_[static_cast<size_t>(&t - schema_->tables().data())];
    Stmt& s = insert ? st.insert : st.update;
    int i = 1;
    for (const Value& v : r.values) s.bind_value_ref(i++, v);
    r.clocks.encode_to(clock_blob_, role_ == Role::Hub);
    s.bind_blob_ref(i++, clock_blob_);
    if (r.seq) s.bind(i++, *r.seq);
    else s.bind_null(i++);
    s.bind(i, std::string_view(r.id));
    try {
        s.run();
    } catch (const Failure&) {
        s.reset();
        if (insert && sqlite3_extended_errcode(db_.handle()) == SQLITE_CONSTRAINT_PRIMARYKEY)
            fail(Code::Invalid, t.name + " " + r.id + " exists already");
        throw;
    }
    s.reset();
}

void SqliteReplica::note_checksums(const std::string& bucket, const TableDef& t, const std::string& id,
                                   const std::vector<merge::Taken>& taken) {
    if (taken.empty()) return;
    const std::uint64_t rh = record_hash(t.id, id);
    std::uint64_t d = 0;
    for (const merge::Taken& k : taken) {
        d ^= cell_hash(rh, k.field, k.after);
        if (!k.before.is_zero()) d ^= cell_hash(rh, k.field, k.before);
    }
    checksum_delta(bucket) ^= d;
}

void SqliteReplica::flush_checksums() {
    if (checksum_delta_.empty() && bucket_seq_delta_.empty()) return;
    Stmt& get = bucket_get_;
    Stmt& put = bucket_put_;
    std::set<std::string> buckets;
    for (auto& [b, d] : checksum_delta_) buckets.insert(b);
    for (auto& [b, s] : bucket_seq_delta_) buckets.insert(b);
    for (const std::string& b : buckets) {
        get.bind(1, b);
        std::uint64_t sum = 0, seq = 0;
        if (get.step()) {
            sum = static_cast<std::uint64_t>(get.integer(0));
            seq = static_cast<std::uint64_t>(get.integer(1));
        }
        get.reset();
        auto cd = checksum_delta_.find(b);
        if (cd != checksum_delta_.end()) sum ^= cd->second;
        auto sd = bucket_seq_delta_.find(b);
        if (sd != bucket_seq_delta_.end()) seq = std::max(seq, sd->second);
        put.bind(1, b).bind(2, sum).bind(3, seq).run();
        put.reset();
    }
    clear_checksum_deltas();
    bucket_seq_delta_.clear();
}

// ---- local writes -----------------------------------------------------------------------------

std::vector<std::pair<int, Value>> SqliteReplica::resolve_fields(const TableDef& t, Fields& fields,
                                                         bool skip_id) {
    std::vector<std::pair<int, Value>> out;
    out.reserve(t.fields.size());
    std::uint64_t seen = 0;
    for (auto& [name, value] : fields) {
        if (skip_id && name == "id") continue;
        int i = t.field_index(name);
        if (i < 0) fail(Code::Invalid, t.name + ": unknown field '" + name + "'");
        if (seen & (std::uint64_t{1} << i)) fail(Code::Invalid, t.name + "." + name + ": given twice");
        seen |= std::uint64_t{1} << i;
        const FieldDef& f = t.fields[static_cast<size_t>(i)];
        out.emplace_back(i, std::move(value));
        Value& v = out.back().second;
        if (f.type == FieldType::Real && std::holds_alternative<std::int64_t>(v))
            v = static_cast<double>(std::get<std::int64_t>(v));
        Status st = validate_value(t, f, v);
        if (!st) throw Failure{st.error()};
    }
    return out;
}

void SqliteReplica::local_write(const TableDef& t, Record& r, bool insert, std::uint64_t mask,
                        const std::vector<std::pair<int, Value>>& sets) {
    Clock clock{hlc_.tick(), site_};
    std::string_view bucket = bucket_of(t, r.id, r.values);
    std::uint64_t delta = 0;
    std::uint64_t rh = record_hash(t.id, r.id);
    for (const auto& [i, v] : sets) {
        Cell& cell = r.clocks.cells[static_cast<size_t>(i)];
        if (cell.written()) delta ^= cell_hash(rh, i, cell.clock);
        delta ^= cell_hash(rh, i, clock);
        cell.base = unpushed(cell) ? cell.base : cell.clock;
        cell.clock = clock;
        if (!insert) r.values[static_cast<size_t>(i)] = v;  // create filled them already
    }
    checksum_delta(bucket) ^= delta;
    wrote_locally(t, r, bucket, mask, sets, clock);
    store_row(r, insert);
}

Result<std::string> SqliteReplica::create(std::string_view table, Fields fields) {
    return guard([&] {
        const TableDef& t = table_or_fail(table);
        std::string id;
        for (auto& [name, value] : fields) {
            if (name != "id") continue;
            auto* s = std::get_if<std::string>(&value);
            if (!s || !is_uuid(*s)) fail(Code::Invalid, t.name + ".id: expected a record id");
            id = std::move(*s);
        }
        auto sets = resolve_fields(t, fields, !id.empty());
        for (auto& [i, v] : sets)
            if (i == t.erased_field && v != Value{std::int64_t{0}})
                fail(Code::Forbidden, t.name + ".erased is set only by erasing a person");
        // Defaults for what the caller left out.
        std::uint64_t given = 0;
        for (auto& [i, v] : sets) given |= std::uint64_t{1} << i;
        for (size_t i = 0; i < t.fields.size(); ++i) {
            const FieldDef& f = t.fields[i];
            if (given & (std::uint64_t{1} << i)) continue;
            if (!is_null(f.fallback)) sets.emplace_back(static_cast<int>(i), f.fallback);
            else if (f.required)
                throw Failure{field_error(Code::Invalid, t.name + "." + f.name + ": is required", t.name + "." + f.name,
                                          "required")};
        }
        std::erase_if(sets, [](const auto& s) { return is_null(s.second); });
        std::uint64_t mask = 0;
        for (auto& [i, v] : sets) mask |= std::uint64_t{1} << i;

        Record r;
        r.table = &t;
        r.values.resize(t.fields.size());
        r.clocks.cells.resize(t.fields.size());
        for (auto& [i, v] : sets) r.values[static_cast<size_t>(i)] = std::move(v);
        if (t.bucket == BucketRule::Field) {
            const auto& acct = std::get<std::string>(r.values[static_cast<size_t>(t.bucket_field)]);
            if (acct != known_account_) {
                const TableDef& accounts = *schema_->table("accounts");
                Stmt& ex = stmts_[static_cast<size_t>(&accounts - schema_->tables().data())]->exists;
                ex.bind(1, acct);
                bool found = ex.step();
                ex.reset();
                if (!found) fail(Code::NotFound, t.name + ".account_id: no account " + acct);
                known_account_ = acct;  // accounts are never removed but by a purge
            }
        }
        in_write([&] {
            r.id = id.empty() ? new_uuid_v7(hlc_.wall_ms(), rng_) : std::move(id);
            local_write(t, r, true, mask, sets);
        });
        return r.id;
    });
}

Status SqliteReplica::update(std::string_view table, const std::string& id, Fields fields) {
    return guard_status([&] {
        const TableDef& t = table_or_fail(table);
        auto sets = resolve_fields(t, fields);
        for (auto& [i, v] : sets)
            if (i == t.erased_field) fail(Code::Forbidden, t.name + ".erased is set only by erasing a person");
        in_write([&] {
            auto r = load(t, id);
            if (!r) fail(Code::NotFound, t.name + " " + id + " not found");
            if (t.erased(r->values))
                throw Failure{field_error(Code::Forbidden, merge::erased_message(t, id), t.name, "erased")};
            std::vector<std::pair<int, Value>> changed;
            std::uint64_t mask = 0;
            for (auto& [i, v] : sets) {
                const FieldDef& f = t.fields[static_cast<size_t>(i)];
                if (r->values[static_cast<size_t>(i)] == v) continue;  // no-op
                if (f.immutable)
                    throw Failure{field_error(Code::Forbidden, t.name + "." + f.name + " is fixed at creation",
                                              t.name + "." + f.name, "fixed")};
                changed.emplace_back(i, v);
                mask |= std::uint64_t{1} << i;
            }
            if (changed.empty()) return;
            local_write(t, *r, false, mask, changed);
        });
    });
}

Result<std::vector<std::pair<const TableDef*, std::string>>> SqliteReplica::records_about(const std::string& contact_id) {
    return guard([&] {
        std::vector<std::pair<const TableDef*, std::string>> out;
        auto each = [&](const char* table, const char* where) {
            const TableDef& t = table_or_fail(table);
            Stmt q = db_.prepare("SELECT id FROM " + quote_ident(t.name) + " WHERE " + where + " ORDER BY id");
            q.bind(1, contact_id);
            while (q.step()) out.emplace_back(&t, std::string(q.text(0)));
        };
        each("cases", "contact_id=?1");
        each("activities", "contact_id=?1");
        each("notes", "contact_id=?1");
        each("follow_ups", "related_kind='contact' AND related_id=?1");
        each("contact_plans", "contact_id=?1");
        each("attachments", "contact_id=?1");
        return out;
    });
}

Result<Erasure> SqliteReplica::erase_person(const std::string& contact_id) {
    return guard([&] {
        const TableDef& contacts = table_or_fail("contacts");
        Erasure out;
        in_write([&] {
            if (!load(contacts, contact_id)) fail(Code::NotFound, "contacts " + contact_id + " not found");
            auto wipe = [&](const TableDef& t, const std::string& id, bool erase) {
                auto r = load(t, id);
                if (!r) return;
                std::vector<std::pair<int, Value>> sets;
                std::uint64_t mask = 0;
                auto set = [&](int i, Value v) {
                    if (r->values[static_cast<size_t>(i)] == v) return;
                    r->values[static_cast<size_t>(i)] = v;
                    sets.emplace_back(i, std::move(v));
                    mask |= std::uint64_t{1} << i;
                };
                if (erase) {
                    for (size_t i = 0; i < t.fields.size(); ++i)
                        if (t.fields[i].personal) set(static_cast<int>(i), erased_value(t.fields[i]));
                    set(t.erased_field, std::int64_t{1});
                }
                set(t.deleted_field, std::int64_t{1});
                if (!sets.empty()) local_write(t, *r, false, mask, sets);
                forget_local_copies(t, id);
                out.records.emplace_back(t.name, id);
            };
            auto about = records_about(contact_id);
            if (!about.ok()) throw Failure{about.error()};
            for (auto& [t, id] : *about)
                if (t->name != "cases") wipe(*t, id, t->erased_field >= 0);  // a case is the firm's, not theirs
            wipe(contacts, contact_id, true);
        });
        return out;
    });
}

Status SqliteReplica::remove(std::string_view table, const std::string& id) {
    return update(table, id, {{"deleted", std::int64_t{1}}});
}

Status SqliteReplica::restore(std::string_view table, const std::string& id) {
    return update(table, id, {{"deleted", std::int64_t{0}}});
}

// ---- reads -----------------------------------------------------------------------------------

Result<Record> SqliteReplica::get(std::string_view table, const std::string& id) {
    return guard([&] {
        const TableDef& t = table_or_fail(table);
        auto r = load(t, id);
        if (!r) fail(Code::NotFound, t.name + " " + id + " not found");
        return std::move(*r);
    });
}

Result<std::vector<Record>> SqliteReplica::all(std::string_view table) {
    return guard([&] {
        const TableDef& t = table_or_fail(table);
        std::vector<Record> out;
        Stmt ids = db_.prepare("SELECT id FROM " + quote_ident(t.name) + " ORDER BY id");
        while (ids.step()) {
            auto r = load(t, std::string(ids.text(0)));
            if (r) out.push_back(std::move(*r));
        }
        return out;
    });
}

Result<std::string> SqliteReplica::dump(bool with_clocks) {
    return guard([&] {
        std::string out;
        for (const TableDef& t : schema_->tables()) {
            auto rows = all(t.name);
            if (!rows) throw Failure{rows.error()};
            for (const Record& r : *rows) out += dump_line(r, with_clocks);
        }
        return out;
    });
}

}  // namespace fika::sync
