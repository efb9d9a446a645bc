#include "store.h"

#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <set>

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

const TableDef& table_or_fail(const Schema& s, std::string_view name) {
    const TableDef* t = s.table(name);
    if (!t) fail(Code::Invalid, "unknown table '" + std::string(name) + "'");
    return *t;
}

nlohmann::json value_json(const Value& v) {
    switch (v.index()) {
        case 0: return nullptr;
        case 1: return std::get<1>(v);
        case 2: return std::get<2>(v);
        default: return std::get<3>(v);
    }
}

Value json_value(const nlohmann::json& j) {
    if (j.is_null()) return std::monostate{};
    if (j.is_boolean()) return std::int64_t{j.get<bool>() ? 1 : 0};
    if (j.is_number_integer()) return j.get<std::int64_t>();
    if (j.is_number()) return j.get<double>();
    if (j.is_string()) return j.get<std::string>();
    return std::monostate{};
}

// An outbox row's record ids, 16 bytes each (a record id is a UUID in lower case, see
// is_uuid). Text joined by '\n' is the format rows had before; both are read.
constexpr std::size_t kPackedId = 16;

void pack_id(std::string& out, std::string_view id) {
    char bytes[16] = {};
    int k = 0, bad = id.size() != 36;
    for (std::size_t i = 0; i < id.size() && k < 32; ++i) {
        char c = id[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            bad |= c != '-';
            continue;
        }
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        bad |= v < 0;
        bytes[k / 2] = static_cast<char>(bytes[k / 2] | (k % 2 ? v & 0xf : (v & 0xf) << 4));
        ++k;
    }
    if (bad) fail(Code::Invalid, "'" + std::string(id) + "' is not a record id");
    out.append(bytes, 16);
}

std::string unpack_id(std::string_view p) {
    std::string id;
    id.reserve(36);
    for (int k = 0; k < 32; ++k) {
        if (k == 8 || k == 12 || k == 16 || k == 20) id += '-';
        auto b = static_cast<unsigned char>(p[static_cast<size_t>(k / 2)]);
        id += "0123456789abcdef"[k % 2 ? b & 0xf : b >> 4];
    }
    return id;
}

// The ids of the outbox row `q` is on, column `col`, in the order written.
std::vector<std::string> outbox_ids(const Stmt& q, int col) {
    std::vector<std::string> ids;
    if (q.is_blob(col)) {
        std::string_view p = q.blob(col);
        if (p.size() % kPackedId) fail(Code::Corrupt, "outbox: a row's ids are cut short");
        for (std::size_t at = 0; at < p.size(); at += kPackedId) ids.push_back(unpack_id(p.substr(at, kPackedId)));
        return ids;
    }
    std::string_view text = q.text(col);
    for (std::size_t start = 0; start <= text.size();) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        ids.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return ids;
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

struct Store::TableStmts {
    Stmt select, exists, insert, update, feed, purge_select, purge;
};

void Store::prepare_statements() {
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
        st->purge_select =
            db_.prepare("SELECT " + cols + "_clocks,_seq,id FROM " + name + " WHERE " + where);
        st->purge = db_.prepare("DELETE FROM " + name + " WHERE " + where);
        stmts_.push_back(std::move(st));
    }
    outbox_insert_ = db_.prepare("INSERT INTO _outbox(seq,tbl,id,mask,hlc) VALUES(?5,?1,?2,?3,?4)");
    outbox_top_ = db_.prepare("SELECT ifnull(max(seq),0) FROM _outbox");
    bucket_get_ = db_.prepare("SELECT checksum, seq FROM _buckets WHERE bucket=?");
    bucket_put_ = db_.prepare(
        "INSERT INTO _buckets(bucket,checksum,seq) VALUES(?1,?2,?3) ON CONFLICT(bucket) DO "
        "UPDATE SET checksum=?2, seq=?3");
    meta_put_ = db_.prepare("INSERT OR REPLACE INTO _meta(key,value) VALUES(?,?)");
    meta_get_ = db_.prepare(
        "SELECT key, value FROM _meta WHERE key IN ('seq','hlc','acked_hlc','outbox_floor','clock_epoch')");
}

// ---- opening and migrations --------------------------------------------------------------

namespace {

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

std::int64_t pragma_int(Db& db, const char* sql) {
    Stmt s = db.prepare(sql);
    return s.step() ? s.integer(0) : 0;
}

}  // namespace

Result<std::unique_ptr<Store>> Store::open(const std::string& path, OpenOptions opts) {
    return guard([&] {
        std::unique_ptr<Store> s(new Store());
        s->open_impl(path, opts);
        return s;
    });
}

Store::~Store() {
    // The checkpointer's connection before this one: the last to close checkpoints the rest.
    checkpointer_.reset();
    // Statements before the connection they belong to.
    stmts_.clear();
    outbox_insert_ = Stmt();
    bucket_get_ = Stmt();
    bucket_put_ = Stmt();
    meta_put_ = Stmt();
    meta_get_ = Stmt();
    outbox_top_ = Stmt();
}

void Store::open_impl(const std::string& path, const OpenOptions& opts) {
    role_ = opts.role;
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
        fresh = pragma_int(db_, "PRAGMA page_count") == 0;
    } catch (const Failure& f) {
        if (f.error.code == Code::Corrupt) fail(Code::Corrupt, path + " is not a Fika database (not an SQLite file)");
        throw;
    }
    int version = static_cast<int>(pragma_int(db_, "PRAGMA user_version"));
    if (!fresh) {
        std::int64_t app = pragma_int(db_, "PRAGMA application_id");
        std::int64_t n_tables = pragma_int(db_, "SELECT count(*) FROM sqlite_schema");
        if (app != kAppId && (version != 0 || n_tables != 0))
            fail(Code::Corrupt, path + " is an SQLite file but not a Fika database");
        if (version > schema_->version())
            fail(Code::SchemaTooNew, path + " was written by a newer Fika (schema " +
                                         std::to_string(version) + ", this build reads up to " +
                                         std::to_string(schema_->version()) + ")");
        if (opts.integrity_check) {
            Stmt chk = db_.prepare("PRAGMA quick_check");
            std::string first = chk.step() ? std::string(chk.text(0)) : "";
            if (first != "ok") fail(Code::Corrupt, path + " fails its integrity check: " + first);
        }
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
        if (role_ == Role::Hub) {
            auto it = meta.find("incarnation");
            if (it == meta.end() || !parse_site(it->second, incarnation_) || incarnation_ == 0) {
                do incarnation_ = random_site(rng_);
                while (incarnation_ == 0);
                Stmt put = db_.prepare("INSERT OR REPLACE INTO _meta(key,value) VALUES('incarnation',?)");
                put.bind(1, site_to_string(incarnation_)).run();
            }
        }
        acked_hlc_ = num("acked_hlc");
        outbox_floor_ = num("outbox_floor");
        clock_epoch_ = num("clock_epoch");
        seq_ = num("seq");
        saved_hlc_ = num("hlc");
        hlc_.observe(saved_hlc_);
        hlc_.observe(acked_hlc_);
        hlc_.observe(static_cast<std::uint64_t>(pragma_int(db_, "SELECT max(hlc) FROM _outbox")));
        t.commit();
    }
    prepare_statements();
}

// ---- transactions ---------------------------------------------------------------------------

// PRAGMA synchronous cannot change inside a transaction: a transaction's durability is
// set when it begins, and a Full write nested in a Redoable one syncs the WAL itself
// after the commit (sync_wal).
void Store::set_synchronous(bool full) {
    if (full == sync_full_) return;
    db_.exec(full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
    sync_full_ = full;
}

void Store::sync_wal() {
    sqlite3_file* wal = nullptr;
    int rc = sqlite3_file_control(db_.handle(), "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal);
    if (rc == SQLITE_OK && wal && wal->pMethods) rc = wal->pMethods->xSync(wal, SQLITE_SYNC_FULL);
    if (rc != SQLITE_OK) fail(Code::Storage, "the write-ahead log could not be synced to disk");
}

void Store::begin_write(Durability d) {
    if (batch_depth_ == 0) {
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
            while (meta_get_.step()) {
                std::uint64_t v = std::strtoull(std::string(meta_get_.text(1)).c_str(), nullptr, 10);
                std::string_view k = meta_get_.text(0);
                if (k == "seq") seq_ = std::max(seq_, v);
                else if (k == "hlc") hlc = v;
                else if (k == "acked_hlc") acked = v;
                else if (k == "outbox_floor") outbox_floor_ = std::max(outbox_floor_, v);
                else if (k == "clock_epoch") epoch = v;
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
            if (role_ == Role::Device) {
                outbox_top_.step();
                outbox_next_ = std::max(outbox_floor_, static_cast<std::uint64_t>(outbox_top_.integer(0))) + 1;
                outbox_top_.reset();
            }
        } catch (...) {
            meta_get_.reset();
            outbox_top_.reset();
            txn_.reset();
            set_synchronous(true);
            throw;
        }
    } else if (d == Durability::Full) {
        txn_full_ = true;
    }
    ++batch_depth_;
}

void Store::commit_write() {
    if (batch_depth_ > 1) {
        --batch_depth_;
        return;
    }
    try {
        flush_outbox();
        flush_checksums();
        if (hlc_.last() > saved_hlc_ && (role_ == Role::Hub || remote_seen_))
            put_meta("hlc", static_cast<std::int64_t>(hlc_.last()));
        txn_->commit();
    } catch (...) {
        abort_write();
        throw;
    }
    if (role_ == Role::Hub || remote_seen_) saved_hlc_ = std::max(saved_hlc_, hlc_.last());
    remote_seen_ = false;
    txn_.reset();
    batch_depth_ = 0;
    if (txn_full_ && !sync_full_) sync_wal();
    set_synchronous(true);
}

void Store::abort_write() {
    txn_.reset();  // rolls back
    try {
        set_synchronous(true);
    } catch (const Failure&) {  // the next begin_write sets it again
    }
    known_account_.clear();
    batch_depth_ = 0;
    remote_seen_ = false;
    clear_checksum_deltas();
    bucket_seq_delta_.clear();
    outbox_run_ = OutboxRun{};
    // Reload what the rollback undid.
    seq_ = 0;
    acked_hlc_ = 0;
    try {
        Stmt get = db_.prepare("SELECT key, value FROM _meta WHERE key IN ('seq','acked_hlc')");
        while (get.step()) {
            auto v = std::strtoull(std::string(get.text(1)).c_str(), nullptr, 10);
            (get.text(0) == "seq" ? seq_ : acked_hlc_) = v;
        }
    } catch (const Failure&) {
    }
}

namespace {
// Failures after which the transaction's content is unknown: the whole batch goes.
bool poisons_transaction(Code c) {
    return c == Code::Storage || c == Code::Busy || c == Code::Corrupt;
}
}  // namespace

// Runs fn inside the open batch, or in a transaction of its own. Rule failures (Invalid,
// NotFound, Forbidden, ...) are raised before anything is written, so they leave an open
// batch usable; a storage failure rolls the whole batch back.
template <typename Fn>
void Store::in_write(Fn&& fn, Durability d) {
    bool outer = batch_depth_ == 0;
    begin_write(d);
    try {
        fn();
    } catch (const Failure& f) {
        if (outer || poisons_transaction(f.error.code)) abort_write();
        else --batch_depth_;
        throw;
    } catch (...) {
        abort_write();
        throw;
    }
    commit_write();
}

Store::Batch::Batch(Store& s, Durability d) : s_(s) {
    try {
        s_.begin_write(d);
        open_ = true;
    } catch (const Failure& f) {
        error_ = f.error;
    }
}

Store::Batch::~Batch() {
    if (open_ && !done_ && s_.batch_depth_ > 0) s_.abort_write();
}

Status Store::Batch::commit() {
    if (!open_) return error_;
    if (done_) return Error{Code::Invalid, "batch already finished"};
    done_ = true;
    if (s_.batch_depth_ == 0)
        return Error{Code::Storage, "the batch was rolled back by an earlier storage failure"};
    return guard_status([&] { s_.commit_write(); });
}

void Store::put_meta(const std::string& key, std::int64_t v) {
    meta_put_.bind(1, key).bind(2, std::to_string(v)).run();
    meta_put_.reset();
}

Status Store::check_not_own_file(const std::string& path) const {
    if (!db_.is_own_file(path)) return ok_status();
    return Error{Code::Invalid, path + " is the database itself (or a file SQLite keeps beside it); choose another file"};
}

Result<std::optional<std::string>> Store::meta(const std::string& key) {
    return guard([&]() -> std::optional<std::string> {
        Stmt get = db_.prepare("SELECT value FROM _meta WHERE key=?");
        get.bind(1, key);
        if (!get.step()) return std::nullopt;
        return std::string(get.text(0));
    });
}

Status Store::remove_meta(const std::string& key) {
    return guard_status([&] {
        in_write([&] {
            Stmt del = db_.prepare("DELETE FROM _meta WHERE key=?");
            del.bind(1, key).run();
        });
    });
}

Status Store::set_meta(const std::string& key, const std::string& value) {
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

std::string_view Store::bucket_of(const TableDef& t, const std::string& id,
                                  const std::vector<Value>& values) {
    switch (t.bucket) {
        case BucketRule::Self: return id;
        case BucketRule::Global: return kGlobalBucket;
        case BucketRule::Field: {
            const Value& v = values[static_cast<size_t>(t.bucket_field)];
            return std::holds_alternative<std::string>(v) ? std::string_view(std::get<std::string>(v)) : "";
        }
    }
    return "";
}

std::uint64_t& Store::checksum_delta(std::string_view bucket) {
    if (last_delta_ && last_delta_->first == bucket) return last_delta_->second;
    last_delta_ = &*checksum_delta_.try_emplace(std::string(bucket)).first;
    return last_delta_->second;
}

void Store::clear_checksum_deltas() {
    checksum_delta_.clear();
    last_delta_ = nullptr;
}

std::optional<Record> Store::load(const TableDef& t, const std::string& id) {
    Stmt& s = stmts_[static_cast<size_t>(&t - schema_->tables().data())]->select;
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    Record r;
    r.table = &t;
    r.id = id;
    int n = static_cast<int>(t.fields.size());
    r.values.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) r.values.push_back(s.value(i));
    r.clocks = CellClocks::decode(s.blob(n), static_cast<size_t>(n));
    if (!s.is_null(n + 1)) r.seq = static_cast<std::uint64_t>(s.integer(n + 1));
    s.reset();
    return r;
}

void Store::store_row(const Record& r, bool insert) {
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

void Store::note_checksum(const std::string& bucket, const TableDef& t, const std::string& id,
                          int field, const Clock& old_clock, const Clock& new_clock) {
    std::uint64_t rh = record_hash(t.id, id);
    std::uint64_t d = cell_hash(rh, field, new_clock);
    if (!old_clock.is_zero()) d ^= cell_hash(rh, field, old_clock);
    checksum_delta(bucket) ^= d;
}

void Store::flush_checksums() {
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
    if (role_ == Role::Hub) put_meta("seq", static_cast<std::int64_t>(seq_));
}

// ---- local writes -----------------------------------------------------------------------------

bool Store::is_unpushed(const Cell& c) const {
    return role_ == Role::Device && c.clock.site == site_ && c.clock.hlc > acked_hlc_;
}

std::vector<std::pair<int, Value>> Store::resolve_fields(const TableDef& t, Fields& fields,
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

void Store::local_write(const TableDef& t, Record& r, bool insert, std::uint64_t mask,
                        const std::vector<std::pair<int, Value>>& sets) {
    Clock clock{hlc_.tick(), site_};
    std::string_view bucket = bucket_of(t, r.id, r.values);
    std::uint64_t delta = 0;
    std::uint64_t rh = record_hash(t.id, r.id);
    for (const auto& [i, v] : sets) {
        Cell& cell = r.clocks.cells[static_cast<size_t>(i)];
        if (cell.written()) delta ^= cell_hash(rh, i, cell.clock);
        delta ^= cell_hash(rh, i, clock);
        cell.base = is_unpushed(cell) ? cell.base : cell.clock;
        cell.clock = clock;
        if (!insert) r.values[static_cast<size_t>(i)] = v;  // create filled them already
    }
    checksum_delta(bucket) ^= delta;
    if (role_ == Role::Hub) {
        ++seq_;
        for (const auto& [i, v] : sets) r.clocks.cells[static_cast<size_t>(i)].seq = seq_;
        r.seq = seq_;
        bucket_seq_delta_[std::string(bucket)] = seq_;
    }
    store_row(r, insert);
    if (role_ == Role::Device) {
        OutboxRun& run = outbox_run_;
        std::size_t bytes = 0;
        for (const auto& [i, v] : sets)
            if (auto* text = std::get_if<std::string>(&v)) bytes += text->size();
        if (run.n && (run.tbl != t.id || run.mask != mask || run.n >= kOutboxRun || run.bytes + bytes > kOutboxRunBytes))
            flush_outbox();
        run.bytes += bytes;
        pack_id(run.ids, r.id);
        run.tbl = t.id;
        run.mask = mask;
        run.hlc = clock.hlc;
        ++run.n;
    }
}

void Store::flush_outbox() {
    OutboxRun& run = outbox_run_;
    if (!run.n) return;
    outbox_insert_.bind(1, run.tbl).bind_blob_ref(2, run.ids).bind(3, static_cast<std::int64_t>(run.mask));
    outbox_insert_.bind(4, run.hlc).bind(5, outbox_next_++);
    outbox_insert_.run_and_reset();
    run.n = 0;
    run.bytes = 0;
    run.ids.clear();
}

Result<std::string> Store::create(std::string_view table, Fields fields) {
    return guard([&] {
        const TableDef& t = table_or_fail(*schema_, table);
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
            else if (f.required) fail(Code::Invalid, t.name + "." + f.name + ": is required");
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

Status Store::update(std::string_view table, const std::string& id, Fields fields) {
    return guard_status([&] {
        const TableDef& t = table_or_fail(*schema_, table);
        auto sets = resolve_fields(t, fields);
        for (auto& [i, v] : sets)
            if (i == t.erased_field) fail(Code::Forbidden, t.name + ".erased is set only by erasing a person");
        in_write([&] {
            auto r = load(t, id);
            if (!r) fail(Code::NotFound, t.name + " " + id + " not found");
            if (t.erased(r->values)) fail(Code::Forbidden, erased_message(t, id));
            std::vector<std::pair<int, Value>> changed;
            std::uint64_t mask = 0;
            for (auto& [i, v] : sets) {
                const FieldDef& f = t.fields[static_cast<size_t>(i)];
                if (r->values[static_cast<size_t>(i)] == v) continue;  // no-op
                if (f.immutable)
                    fail(Code::Forbidden, t.name + "." + f.name + " is fixed at creation");
                changed.emplace_back(i, v);
                mask |= std::uint64_t{1} << i;
            }
            if (changed.empty()) return;
            local_write(t, *r, false, mask, changed);
        });
    });
}

std::string Store::erased_message(const TableDef& t, const std::string& id) {
    return t.name + " " + id + " was erased (a data-subject request): it takes no more changes";
}

void Store::forget_local_copies(const TableDef& t, const std::string& id) {
    for (const char* side : {"_conflicts", "_refused"}) {
        Stmt d = db_.prepare(std::string("DELETE FROM ") + side + " WHERE tbl=? AND id=?");
        d.bind(1, t.name).bind(2, id).run();
    }
}

Result<std::vector<std::pair<const TableDef*, std::string>>> Store::records_about(const std::string& contact_id) {
    return guard([&] {
        std::vector<std::pair<const TableDef*, std::string>> out;
        auto each = [&](const char* table, const char* where) {
            const TableDef& t = table_or_fail(*schema_, table);
            Stmt q = db_.prepare("SELECT id FROM " + quote_ident(t.name) + " WHERE " + where + " ORDER BY id");
            q.bind(1, contact_id);
            while (q.step()) out.emplace_back(&t, std::string(q.text(0)));
        };
        each("cases", "contact_id=?1");
        each("activities", "contact_id=?1");
        each("notes", "contact_id=?1");
        each("follow_ups", "related_kind='contact' AND related_id=?1");
        each("contact_plans", "contact_id=?1");
        return out;
    });
}

Result<Erasure> Store::erase_person(const std::string& contact_id) {
    return guard([&] {
        const TableDef& contacts = table_or_fail(*schema_, "contacts");
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

Status Store::remove(std::string_view table, const std::string& id) {
    return update(table, id, {{"deleted", std::int64_t{1}}});
}

Status Store::restore(std::string_view table, const std::string& id) {
    return update(table, id, {{"deleted", std::int64_t{0}}});
}

// ---- reads -----------------------------------------------------------------------------------

Result<Record> Store::get(std::string_view table, const std::string& id) {
    return guard([&] {
        const TableDef& t = table_or_fail(*schema_, table);
        auto r = load(t, id);
        if (!r) fail(Code::NotFound, t.name + " " + id + " not found");
        return std::move(*r);
    });
}

Result<std::vector<Record>> Store::all(std::string_view table) {
    return guard([&] {
        const TableDef& t = table_or_fail(*schema_, table);
        std::vector<Record> out;
        Stmt ids = db_.prepare("SELECT id FROM " + quote_ident(t.name) + " ORDER BY id");
        while (ids.step()) {
            auto r = load(t, std::string(ids.text(0)));
            if (r) out.push_back(std::move(*r));
        }
        return out;
    });
}

Result<std::string> Store::dump(bool with_clocks) {
    return guard([&] {
        std::string out;
        for (const TableDef& t : schema_->tables()) {
            auto rows = all(t.name);
            if (!rows) throw Failure{rows.error()};
            for (const Record& r : *rows) {
                out += t.name + " " + r.id;
                for (size_t i = 0; i < r.values.size(); ++i) {
                    const Value& v = r.values[i];
                    out += " | ";
                    out += "nids"[v.index()];
                    out += ":" + to_display(v);
                    if (with_clocks) {
                        const Cell& c = r.clocks.cells[i];
                        out += " @" + std::to_string(c.clock.hlc) + "." + site_to_string(c.clock.site);
                    }
                }
                out += "\n";
            }
        }
        return out;
    });
}

// ---- merge --------------------------------------------------------------------------------

std::optional<Error> Store::merge_record(const RecordChange& rc, bool hub,
                                         const Authorize* authorize, ApplyResult* result) {
    const TableDef& t = *rc.table;
    auto existing = load(t, rc.id);
    bool creates = !existing;
    Record r;
    if (existing) {
        r = std::move(*existing);
    } else {
        r.table = &t;
        r.id = rc.id;
        r.values.resize(t.fields.size());
        r.clocks.cells.resize(t.fields.size());
    }
    const bool was_erased = !creates && t.erased(r.values);
    std::string bucket;
    if (creates) {
        std::vector<Value> probe(t.fields.size());
        for (const CellChange& c : rc.cells) probe[static_cast<size_t>(c.field)] = c.value;
        bucket = bucket_of(t, rc.id, probe);
    } else {
        bucket = bucket_of(t, rc.id, r.values);
    }

    if (hub && !creates) {
        // A replay (a retried push, a device sending again after a restore): nothing in it
        // is newer than what the hub has, so there is nothing to take and nothing to refuse.
        bool news = false;
        for (const CellChange& c : rc.cells)
            news = news || c.clock > r.clocks.cells[static_cast<size_t>(c.field)].clock;
        if (!news) return std::nullopt;
    }
    if (hub) {
        if (creates && bucket.empty())
            return Error{Code::Invalid, t.name + " " + rc.id + ": a new record needs account_id"};
        std::uint64_t limit = hlc_from_ms(hlc_.wall_ms() + max_drift_ms_);
        for (const CellChange& c : rc.cells) {
            if (c.clock.hlc > limit)
                return Error{Code::ClockAhead,
                             t.name + " " + rc.id + ": the device clock is " +
                                 std::to_string((hlc_ms(c.clock.hlc) - hlc_.wall_ms()) / 1000) +
                                 " s ahead of the server's; fix the device's date and time"};
            const FieldDef& f = t.fields[static_cast<size_t>(c.field)];
            if (!creates && f.immutable && r.values[static_cast<size_t>(c.field)] != c.value &&
                c.clock > r.clocks.cells[static_cast<size_t>(c.field)].clock)
                return Error{Code::Forbidden, t.name + "." + f.name + " is fixed at creation"};
            // An erased record takes nothing new (a replay of what it has is harmless).
            if (!creates && was_erased && c.clock > r.clocks.cells[static_cast<size_t>(c.field)].clock)
                return Error{Code::Forbidden, erased_message(t, rc.id)};
        }
        if (authorize && *authorize) {
            if (auto refusal = (*authorize)(bucket, rc, creates)) return refusal;
        }
    }

    std::vector<int> won;
    remote_seen_ = true;
    // A device takes the hub's cells of an erased record whatever their clocks: its own
    // later ones were refused there, and keeping them would leave the bucket's checksum
    // off for good. No conflict is kept either (it would hold the erased values).
    bool device_erased = !hub && was_erased;
    for (const CellChange& c : rc.cells)
        device_erased = device_erased || (!hub && c.field == t.erased_field && c.value == Value{std::int64_t{1}});
    for (const CellChange& c : rc.cells) {
        hlc_.observe(c.clock.hlc);
        Cell& cur = r.clocks.cells[static_cast<size_t>(c.field)];
        Value& local = r.values[static_cast<size_t>(c.field)];
        if (device_erased) {
            if (c.clock == cur.clock && local == c.value) continue;
            note_checksum(bucket, t, rc.id, c.field, cur.clock, c.clock);
            cur.clock = c.clock;
            cur.base = c.base;
            local = c.value;
            won.push_back(c.field);
            continue;
        }
        if (c.field == t.erased_field) {
            // Erasure cannot be undone: the value is the OR of every write, the clock the
            // newest (a join, so replicas agree whatever order writes arrive in).
            bool stays = was_erased && c.value == Value{std::int64_t{0}};
            bool raises = !was_erased && c.value == Value{std::int64_t{1}};
            if (c.clock <= cur.clock && !raises) continue;
            if (stays || raises) {
                note_checksum(bucket, t, rc.id, c.field, cur.clock, std::max(cur.clock, c.clock));
                if (c.clock > cur.clock) {
                    cur.clock = c.clock;
                    cur.base = c.base;
                }
                local = std::int64_t{1};
                won.push_back(c.field);
                continue;
            }
        }
        if (c.clock <= cur.clock) continue;
        if (!hub && cur.written() && cur.clock.site == site_ && c.base != cur.clock &&
            local != c.value) {
            Stmt ins = db_.prepare(
                "INSERT INTO _conflicts(tbl,id,field,local_value,local_hlc,local_site,"
                "remote_value,remote_hlc,remote_site,at) VALUES(?,?,?,?,?,?,?,?,?,?)");
            ins.bind(1, t.name).bind(2, rc.id).bind(3, t.fields[static_cast<size_t>(c.field)].name);
            ins.bind_value(4, local).bind(5, cur.clock.hlc).bind(6, site_to_string(cur.clock.site));
            ins.bind_value(7, c.value).bind(8, c.clock.hlc).bind(9, site_to_string(c.clock.site));
            ins.bind(10, hlc_.wall_ms());
            ins.run();
        }
        note_checksum(bucket, t, rc.id, c.field, cur.clock, c.clock);
        cur.clock = c.clock;
        cur.base = c.base;
        local = c.value;
        won.push_back(c.field);
    }
    if (won.empty()) return std::nullopt;
    if (t.erased(r.values)) {
        // Every replica holds the erased values, whatever clocks its cells have.
        for (size_t i = 0; i < t.fields.size(); ++i)
            if (t.fields[i].personal) r.values[i] = erased_value(t.fields[i]);
        if (!hub || !was_erased) forget_local_copies(t, rc.id);
        if (!was_erased && result) result->erased.emplace_back(&t, rc.id);
    }
    // A device can learn a record's cells before the one naming its account (a late or
    // foreign delivery); its earlier cells were counted in bucket "" and move now.
    if (!creates && bucket.empty()) {
        std::string now(bucket_of(t, rc.id, r.values));
        if (!now.empty()) {
            for (size_t i = 0; i < r.clocks.cells.size(); ++i) {
                const Cell& c = r.clocks.cells[i];
                if (!c.written()) continue;
                std::uint64_t h = cell_hash(record_hash(t.id, rc.id), static_cast<int>(i), c.clock);
                checksum_delta(bucket) ^= h;  // every current cell was counted in ""
                checksum_delta(now) ^= h;
            }
            bucket = now;
        }
    }
    if (hub) {
        ++seq_;
        for (int f : won) r.clocks.cells[static_cast<size_t>(f)].seq = seq_;
        r.seq = seq_;
        bucket_seq_delta_[std::string(bucket)] = seq_;
    }
    store_row(r, creates);
    if (result) {
        result->records_changed++;
        result->cells_won += won.size();
        if (creates) result->created.emplace_back(&t, rc.id);
        result->buckets_changed.push_back(bucket);
    }
    return std::nullopt;
}

Status Store::apply(const std::vector<RecordChange>& changes) {
    return guard_status([&] {
        in_write([&] {
            for (const RecordChange& rc : changes) merge_record(rc, role_ == Role::Hub, nullptr, nullptr);
        });
    });
}

Result<ApplyResult> Store::hub_apply(const std::vector<RecordChange>& changes,
                                     const Authorize& authorize) {
    return guard([&] {
        if (role_ != Role::Hub) fail(Code::Invalid, "hub_apply on a device database");
        ApplyResult result;
        in_write([&] {
            for (const RecordChange& rc : changes)
                if (auto refusal = merge_record(rc, true, &authorize, &result))
                    result.refused.push_back({rc.table->name, rc.id, *refusal});
        });
        std::set<std::string> buckets(result.buckets_changed.begin(), result.buckets_changed.end());
        result.buckets_changed.assign(buckets.begin(), buckets.end());
        return result;
    });
}

// ---- device: push and pull -----------------------------------------------------------------

std::size_t Store::pending_count() {
    try {
        flush_outbox();
        // One row holds one or more record ids (see pack_id).
        return static_cast<std::size_t>(pragma_int(
            db_, "SELECT ifnull(sum(CASE typeof(id) WHEN 'blob' THEN length(id)/16"
                 " ELSE length(id)-length(replace(id,char(10),''))+1 END),0) FROM _outbox"));
    } catch (const Failure&) {
        return 0;
    }
}

Result<PushBatch> Store::pending(std::size_t max_writes, std::uint64_t after) {
    return guard([&] {
        flush_outbox();
        PushBatch batch;
        // A row names up to kOutboxRun records: rows are taken whole (acknowledgements
        // are by row), as many as fit in max_writes records, and at least one.
        Stmt q = db_.prepare("SELECT seq, tbl, id, mask FROM _outbox WHERE seq>? ORDER BY seq LIMIT ?");
        q.bind(1, static_cast<std::int64_t>(after));
        q.bind(2, static_cast<std::int64_t>(max_writes));
        // A batch is all resent rows or none: the hub takes a resent push as never news.
        auto [resend_from, resend_to] = resend_range();
        bool first_row = true;
        // Each record once, in the order first written, with the fields of all its writes.
        struct Written {
            const TableDef* table;
            std::uint64_t mask;
        };
        std::unordered_map<std::string, Written> written;  // by record id and table id
        written.reserve(std::min<std::size_t>(max_writes, 1u << 16));
        std::vector<std::pair<const std::string, Written>*> order;
        std::size_t records = 0;
        while (q.step()) {
            auto row = static_cast<std::uint64_t>(q.integer(0));
            bool resent = row >= resend_from && row <= resend_to;
            if (first_row) batch.resent = resent;
            else if (resent != batch.resent) break;
            first_row = false;
            std::vector<std::string> ids = outbox_ids(q, 2);
            std::size_t n = ids.size();
            if (records && records + n > max_writes) break;
            records += n;
            batch.upto = row;
            const TableDef* t = schema_->table_by_id(static_cast<int>(q.integer(1)));
            if (!t) continue;
            auto mask = static_cast<std::uint64_t>(q.integer(3));
            for (std::string& id : ids) {
                id.push_back(static_cast<char>(t->id));  // the key: record id, then table id
                auto [it, fresh] = written.try_emplace(std::move(id), Written{t, 0});
                it->second.mask |= mask;
                if (fresh) order.push_back(&*it);
            }
        }
        batch.changes.reserve(order.size());
        std::string id;
        for (auto* w : order) {
            const TableDef* t = w->second.table;
            id.assign(w->first, 0, w->first.size() - 1);
            auto r = load(*t, id);
            if (!r) continue;
            RecordChange rc{t, std::move(r->id), {}};
            for (size_t i = 0; i < t->fields.size(); ++i) {
                if (!(w->second.mask & (std::uint64_t{1} << i))) continue;
                const Cell& c = r->clocks.cells[i];
                // Own writes only (a cell overwritten by a remote write since is not ours to
                // send); a resent record carries every written cell, whoever wrote it.
                if (batch.resent ? !c.written() : c.clock.site != site_) continue;
                rc.cells.push_back({static_cast<int>(i), std::move(r->values[i]), c.clock, c.base, 0});
            }
            if (!rc.cells.empty()) batch.changes.push_back(std::move(rc));
        }
        return batch;
    });
}

namespace {
std::string own_values_json(const Record& r, Site site) {
    nlohmann::json j = nlohmann::json::object();
    for (size_t i = 0; i < r.values.size(); ++i)
        if (r.clocks.cells[i].clock.site == site) j[r.table->fields[i].name] = value_json(r.values[i]);
    return j.dump();
}
}  // namespace

Status Store::ack(std::uint64_t upto, const std::vector<Refusal>& refused) {
    return guard_status([&] {
        in_write([&] {
            flush_outbox();
            Stmt top = db_.prepare("SELECT max(hlc) FROM _outbox WHERE seq<=?");
            top.bind(1, upto);
            std::uint64_t h = top.step() ? static_cast<std::uint64_t>(top.integer(0)) : 0;
            top.reset();
            Stmt del = db_.prepare("DELETE FROM _outbox WHERE seq<=?");
            del.bind(1, upto).run();
            if (upto > outbox_floor_) {
                outbox_floor_ = upto;
                put_meta("outbox_floor", static_cast<std::int64_t>(upto));
            }
            if (h > acked_hlc_) {
                acked_hlc_ = h;
                put_meta("acked_hlc", static_cast<std::int64_t>(h));
            }
            auto [resend_from, resend_to] = resend_range();
            const bool resent = resend_to && upto >= resend_from && upto <= resend_to;
            if (resend_to && upto >= resend_to) {
                Stmt clear = db_.prepare("DELETE FROM _meta WHERE key IN ('resend_from','resend_to')");
                clear.run();
            }
            Stmt ins = db_.prepare(
                "INSERT INTO _refused(tbl,id,fields,code,message,at) VALUES(?,?,?,?,?,?)");
            for (const Refusal& f : refused) {
                const TableDef* t = schema_->table(f.table);
                if (!t) continue;
                auto r = load(*t, f.id);
                if (r && t->erased(r->values)) continue;  // nothing of an erased person is kept
                std::string own = r ? own_values_json(*r, site_) : "{}";
                // A resent copy of another user's record: its writer's devices restore it.
                if (resent && own == "{}") continue;
                ins.bind(1, f.table).bind(2, f.id).bind(3, own);
                ins.bind(4, code_name(f.error.code)).bind(5, f.error.message).bind(6, hlc_.wall_ms());
                ins.run();
                ins.reset();
            }
        }, Durability::Redoable);
    });
}

std::pair<std::uint64_t, std::uint64_t> Store::resend_range() {
    std::uint64_t from = 0, to = 0;
    Stmt q = db_.prepare("SELECT key, value FROM _meta WHERE key IN ('resend_from','resend_to')");
    while (q.step()) {
        std::uint64_t v = std::strtoull(std::string(q.text(1)).c_str(), nullptr, 10);
        (q.text(0) == "resend_from" ? from : to) = v;
    }
    return {from, to};
}

Result<std::size_t> Store::begin_resend(std::uint64_t hub) {
    return guard([&] {
        if (role_ != Role::Device) fail(Code::Invalid, "begin_resend on a hub");
        std::size_t queued = 0;
        in_write([&] {
            flush_outbox();
            const std::uint64_t from = outbox_next_;
            OutboxRun& run = outbox_run_;
            for (const TableDef& t : schema_->tables()) {
                const std::uint64_t all = t.fields.size() >= 64 ? ~std::uint64_t{0}
                                                                 : (std::uint64_t{1} << t.fields.size()) - 1;
                // Text per record, so that an outbox row stays within what one push carries.
                std::string bytes = "0";
                for (const FieldDef& f : t.fields)
                    if (f.type == FieldType::Text) bytes += "+ifnull(length(" + quote_ident(f.name) + "),0)";
                Stmt q = db_.prepare("SELECT id, " + bytes + " FROM " + quote_ident(t.name) + " ORDER BY id");
                while (q.step()) {
                    auto size = static_cast<std::size_t>(q.integer(1));
                    if (run.n && (run.tbl != t.id || run.n >= kOutboxRun || run.bytes + size > kOutboxRunBytes))
                        flush_outbox();
                    pack_id(run.ids, q.text(0));
                    run.tbl = t.id;
                    run.mask = all;
                    run.hlc = 0;  // moves no acknowledged position: nothing new is written
                    run.bytes += size;
                    ++run.n;
                    ++queued;
                }
            }
            flush_outbox();
            if (queued) {
                put_meta("resend_from", static_cast<std::int64_t>(from));
                put_meta("resend_to", static_cast<std::int64_t>(outbox_next_ - 1));
            }
            db_.exec("UPDATE _buckets SET since=0, cursor=0");
            Stmt put = db_.prepare("INSERT OR REPLACE INTO _meta(key,value) VALUES('hub_incarnation',?)");
            put.bind(1, site_to_string(hub)).run();
        });
        return queued;
    });
}

std::uint64_t Store::synced_hub() {
    auto v = meta("hub_incarnation");
    Site hub = 0;
    if (v.ok() && *v && parse_site(**v, hub)) return hub;
    return 0;
}

Status Store::set_synced_hub(std::uint64_t hub) { return set_meta("hub_incarnation", site_to_string(hub)); }

Result<std::uint64_t> Store::new_incarnation() {
    return guard([&] {
        if (role_ != Role::Hub) fail(Code::Invalid, "new_incarnation on a device");
        std::uint64_t next = 0;
        do next = random_site(rng_);
        while (next == 0 || next == incarnation_);
        in_write([&] {
            Stmt put = db_.prepare("INSERT OR REPLACE INTO _meta(key,value) VALUES('incarnation',?)");
            put.bind(1, site_to_string(next)).run();
        });
        incarnation_ = next;
        return next;
    });
}

Result<std::size_t> Store::rewind_clock(std::uint64_t reference) {
    return guard([&] {
        if (role_ != Role::Device) fail(Code::Invalid, "rewind_clock on a hub");
        std::size_t restamped = 0;
        std::uint64_t before = 0, written_epoch = 0;
        bool rewound = false;
        try {
            in_write([&] {
                before = hlc_.last();  // after begin_write adopted any other connection's rewind
                const std::uint64_t bound = std::max(reference, hlc_.wall_hlc());
                if (hlc_.last() <= bound + hlc_from_ms(60'000)) return;  // not ahead by more than a minute
                // The hub refuses a record change as a whole: every own cell of a record that
                // has one above `bound`, or that was refused as clock_ahead, goes out again
                // with a current clock (older own cells of such a record never reached the
                // hub either). What is above `bound` was never taken by the hub, or is taken
                // again harmlessly (a newer copy on the hub wins; it holds the same value).
                std::set<std::pair<std::string, std::string>> refused_ahead;
                Stmt rq = db_.prepare("SELECT tbl, id FROM _refused WHERE code=?");
                rq.bind(1, code_name(Code::ClockAhead));
                while (rq.step()) refused_ahead.emplace(std::string(rq.text(0)), std::string(rq.text(1)));
                hlc_.rewind(bound);
                rewound = true;
                acked_hlc_ = std::min(acked_hlc_, bound);
                put_meta("acked_hlc", static_cast<std::int64_t>(acked_hlc_));
                Stmt ob = db_.prepare("UPDATE _outbox SET hlc=?1 WHERE hlc>?1");
                ob.bind(1, bound).run();
                for (const TableDef& t : schema_->tables()) {
                    std::vector<std::string> ids;
                    Stmt q = db_.prepare("SELECT id FROM " + quote_ident(t.name));
                    while (q.step()) ids.emplace_back(q.text(0));
                    for (const std::string& id : ids) {
                        auto r = load(t, id);
                        if (!r) continue;
                        bool again = refused_ahead.count({t.name, id}) > 0;
                        std::vector<std::pair<int, Value>> sets;
                        std::uint64_t mask = 0;
                        for (size_t i = 0; i < r->clocks.cells.size() && i < t.fields.size(); ++i) {
                            const Clock& c = r->clocks.cells[i].clock;
                            if (c.site != site_) continue;
                            again = again || c.hlc > bound;
                            sets.emplace_back(static_cast<int>(i), r->values[i]);
                            mask |= std::uint64_t{1} << i;
                        }
                        if (!again || sets.empty()) continue;
                        local_write(t, *r, false, mask, sets);
                        ++restamped;
                    }
                }
                Stmt d = db_.prepare("DELETE FROM _refused WHERE code=?");
                d.bind(1, code_name(Code::ClockAhead)).run();
                put_meta("hlc", static_cast<std::int64_t>(hlc_.last()));
                saved_hlc_ = hlc_.last();
                written_epoch = clock_epoch_ + 1;
                put_meta("clock_epoch", static_cast<std::int64_t>(written_epoch));
            });
            if (written_epoch) clock_epoch_ = written_epoch;
        } catch (...) {
            if (rewound) hlc_.observe(before);  // rolled back: the later clocks are still in the file
            throw;
        }
        return restamped;
    });
}

Result<std::map<std::string, Cursor>> Store::cursors() {
    return guard([&] {
        std::map<std::string, Cursor> out;
        // Only buckets this device has pulled from: a bucket it merely wrote to (a new
        // account not pushed yet) has no cursor, and the hub must not be asked about it.
        Stmt q = db_.prepare("SELECT bucket, since, cursor FROM _buckets WHERE bucket<>'' AND pulled=1");
        while (q.step())
            out[std::string(q.text(0))] = Cursor{static_cast<std::uint64_t>(q.integer(1)),
                                                 static_cast<std::uint64_t>(q.integer(2))};
        return out;
    });
}

Result<Cursor> Store::apply_page(const std::string& bucket, const std::vector<RecordChange>& changes,
                                 std::uint64_t to, bool more) {
    return guard([&] {
        Cursor next;
        in_write([&] {
            Stmt get = db_.prepare("SELECT since FROM _buckets WHERE bucket=?");
            get.bind(1, bucket);
            Cursor before{get.step() ? static_cast<std::uint64_t>(get.integer(0)) : 0, 0};
            get.reset();
            for (const RecordChange& rc : changes) merge_record(rc, false, nullptr, nullptr);
            next = before.after_page(to, more);
            Stmt put = db_.prepare(
                "INSERT INTO _buckets(bucket,since,cursor,pulled) VALUES(?1,?2,?3,1) ON CONFLICT(bucket) "
                "DO UPDATE SET since=?2, cursor=?3, pulled=1");
            put.bind(1, bucket).bind(2, next.since).bind(3, next.at).run();
        }, Durability::Redoable);
        return next;
    });
}

Status Store::reset_cursor(const std::string& bucket) {
    return guard_status([&] {
        in_write([&] {
            Stmt put = db_.prepare("UPDATE _buckets SET cursor=0, since=0 WHERE bucket=?");
            put.bind(1, bucket).run();
        }, Durability::Redoable);
    });
}

Status Store::purge_bucket(const std::string& bucket) {
    return guard_status([&] {
        in_write([&] {
            Stmt ins = db_.prepare(
                "INSERT INTO _refused(tbl,id,fields,code,message,at) VALUES(?,?,?,?,?,?)");
            for (size_t ti = 0; ti < schema_->tables().size(); ++ti) {
                const TableDef& t = schema_->tables()[ti];
                if (t.bucket == BucketRule::Global) continue;
                TableStmts& st = *stmts_[ti];
                // Unsent words in the bucket are kept, as refused changes, before it goes.
                st.purge_select.bind(1, bucket);
                int n = static_cast<int>(t.fields.size());
                while (st.purge_select.step()) {
                    Record r;
                    r.table = &t;
                    r.id = std::string(st.purge_select.text(n + 2));
                    for (int i = 0; i < n; ++i) r.values.push_back(st.purge_select.value(i));
                    r.clocks = CellClocks::decode(st.purge_select.blob(n), static_cast<size_t>(n));
                    bool unsent = false;
                    for (const Cell& c : r.clocks.cells) unsent = unsent || is_unpushed(c);
                    if (!unsent) continue;
                    ins.bind(1, t.name).bind(2, r.id).bind(3, own_values_json(r, site_));
                    ins.bind(4, code_name(Code::Forbidden));
                    ins.bind(5, "access to this customer was removed before this change was sent");
                    ins.bind(6, hlc_.wall_ms());
                    ins.run();
                    ins.reset();
                }
                st.purge_select.reset();
                st.purge.bind(1, bucket).run();
                st.purge.reset();
            }
            Stmt del = db_.prepare("DELETE FROM _buckets WHERE bucket=?");
            del.bind(1, bucket).run();
            known_account_.clear();
        }, Durability::Redoable);
    });
}

Result<std::uint64_t> Store::bucket_checksum(const std::string& bucket) {
    return guard([&] {
        Stmt q = db_.prepare("SELECT checksum FROM _buckets WHERE bucket=?");
        q.bind(1, bucket);
        return q.step() ? static_cast<std::uint64_t>(q.integer(0)) : std::uint64_t{0};
    });
}

// ---- conflicts and refusals ------------------------------------------------------------------

Result<std::vector<Conflict>> Store::conflicts(bool include_resolved) {
    return guard([&] {
        std::vector<Conflict> out;
        Stmt q = db_.prepare(
            std::string("SELECT n,tbl,id,field,local_value,local_hlc,local_site,remote_value,"
                        "remote_hlc,remote_site,at,resolution FROM _conflicts") +
            (include_resolved ? "" : " WHERE resolution=''") + " ORDER BY n");
        while (q.step()) {
            Conflict c;
            c.n = q.integer(0);
            c.table = q.text(1);
            c.id = q.text(2);
            c.field = q.text(3);
            c.local_value = q.value(4);
            c.local_clock.hlc = static_cast<std::uint64_t>(q.integer(5));
            parse_site(q.text(6), c.local_clock.site);
            c.remote_value = q.value(7);
            c.remote_clock.hlc = static_cast<std::uint64_t>(q.integer(8));
            parse_site(q.text(9), c.remote_clock.site);
            c.at_ms = static_cast<std::uint64_t>(q.integer(10));
            c.resolution = q.text(11);
            out.push_back(std::move(c));
        }
        return out;
    });
}

Status Store::resolve_conflict(std::int64_t n, bool keep_mine) {
    return guard_status([&] {
        in_write([&] {
            Stmt q = db_.prepare(
                "SELECT tbl,id,field,local_value,resolution FROM _conflicts WHERE n=?");
            q.bind(1, n);
            if (!q.step()) fail(Code::NotFound, "conflict " + std::to_string(n) + " not found");
            std::string table(q.text(0)), id(q.text(1)), field(q.text(2));
            Value mine = q.value(3);
            if (!q.text(4).empty()) fail(Code::Invalid, "conflict " + std::to_string(n) + " is resolved already");
            q.reset();
            if (keep_mine) {
                const TableDef& t = table_or_fail(*schema_, table);
                auto r = load(t, id);
                if (!r) fail(Code::NotFound, table + " " + id + " not found");
                int i = t.field_index(field);
                if (i < 0) fail(Code::Invalid, "unknown field " + field);
                local_write(t, *r, false, std::uint64_t{1} << i, {{i, mine}});
            }
            Stmt u = db_.prepare("UPDATE _conflicts SET resolution=? WHERE n=?");
            u.bind(1, keep_mine ? "mine" : "theirs").bind(2, n).run();
        });
    });
}

// Dismissing a refusal: this device's refused cells of the record give way to the hub's
// version. They are forgotten (a record the hub never took goes altogether) and the
// bucket is downloaded again, which brings the hub's cells back; without this the
// device would keep values the hub does not have, and every later sync would find the
// bucket's checksum off and download it again. Newer writes not yet pushed are kept.
void Store::give_way(const TableDef& t, const std::string& id) {
    auto r = load(t, id);
    if (!r) return;
    std::string bucket(bucket_of(t, id, r->values));
    std::uint64_t rh = record_hash(t.id, id);
    auto theirs_or_new = [&](const Cell& c) { return c.clock.site != site_ || is_unpushed(c); };
    bool keep_row = false;
    for (const Cell& c : r->clocks.cells) keep_row = keep_row || (c.written() && theirs_or_new(c));
    if (!keep_row) {
        // Only this device's pushed cells: the record goes (the download brings it back if
        // the hub has it).
        for (size_t i = 0; i < r->clocks.cells.size(); ++i)
            if (r->clocks.cells[i].written())
                checksum_delta(bucket) ^= cell_hash(rh, static_cast<int>(i), r->clocks.cells[i].clock);
        Stmt del = db_.prepare("DELETE FROM " + quote_ident(t.name) + " WHERE id=?");
        del.bind(1, id).run();
    } else {
        // Others' cells stay, and so do the fields fixed at creation (the bucket among
        // them); this device's pushed values of the others give way.
        bool changed = false;
        for (size_t i = 0; i < r->clocks.cells.size() && i < t.fields.size(); ++i) {
            Cell& c = r->clocks.cells[i];
            if (!c.written() || theirs_or_new(c) || t.fields[i].immutable) continue;
            checksum_delta(bucket) ^= cell_hash(rh, static_cast<int>(i), c.clock);
            c = Cell{};
            r->values[i] = Value{};
            changed = true;
        }
        if (!changed) return;
        store_row(*r, false);
    }
    Stmt again = db_.prepare("UPDATE _buckets SET cursor=0, since=0 WHERE bucket=?");
    again.bind(1, bucket).run();
}

Result<std::vector<RefusedChange>> Store::refused() {
    return guard([&] {
        std::vector<RefusedChange> out;
        Stmt q = db_.prepare("SELECT n,tbl,id,fields,code,message,at FROM _refused ORDER BY n");
        while (q.step()) {
            RefusedChange r;
            r.n = q.integer(0);
            r.table = q.text(1);
            r.id = q.text(2);
            r.fields_json = q.text(3);
            r.error.code = code_from_name(q.text(4), Code::Forbidden);
            r.error.message = q.text(5);
            r.at_ms = static_cast<std::uint64_t>(q.integer(6));
            out.push_back(std::move(r));
        }
        return out;
    });
}

Status Store::resolve_refused(std::int64_t n, bool retry) {
    return guard_status([&] {
        in_write([&] {
            Stmt q = db_.prepare("SELECT tbl,id,fields FROM _refused WHERE n=?");
            q.bind(1, n);
            if (!q.step()) fail(Code::NotFound, "refused change " + std::to_string(n) + " not found");
            std::string table(q.text(0)), id(q.text(1)), fields(q.text(2));
            q.reset();
            if (retry) {
                const TableDef& t = table_or_fail(*schema_, table);
                auto j = nlohmann::json::parse(fields, nullptr, false);
                std::vector<std::pair<int, Value>> sets;
                std::uint64_t mask = 0;
                if (j.is_object())
                    for (auto& [k, v] : j.items()) {
                        int i = t.field_index(k);
                        if (i < 0) continue;
                        sets.emplace_back(i, json_value(v));
                        mask |= std::uint64_t{1} << i;
                    }
                auto r = load(t, id);
                bool insert = !r;
                if (!r) {
                    r.emplace();
                    r->table = &t;
                    r->id = id;
                    r->values.resize(t.fields.size());
                    r->clocks.cells.resize(t.fields.size());
                }
                if (insert)
                    for (auto& [i, v] : sets) r->values[static_cast<size_t>(i)] = v;
                if (!sets.empty()) local_write(t, *r, insert, mask, sets);
            } else if (const TableDef* t = schema_->table(table)) {
                give_way(*t, id);
            }
            Stmt d = db_.prepare("DELETE FROM _refused WHERE n=?");
            d.bind(1, n).run();
        });
    });
}

// ---- hub: feed -----------------------------------------------------------------------------

Result<std::map<std::string, std::uint64_t>> Store::bucket_seqs() {
    return guard([&] {
        std::map<std::string, std::uint64_t> out;
        Stmt q = db_.prepare("SELECT bucket, seq FROM _buckets WHERE bucket<>''");
        while (q.step()) out[std::string(q.text(0))] = static_cast<std::uint64_t>(q.integer(1));
        return out;
    });
}

Result<FeedPage> Store::feed(const std::string& bucket, Cursor cursor, std::size_t limit, Site skip_site) {
    return guard([&] {
        if (limit == 0) limit = 1;
        FeedPage page;
        struct Item {
            std::uint64_t seq;
            RecordChange rc;
        };
        std::vector<Item> items;
        bool global = bucket == kGlobalBucket;
        for (size_t ti = 0; ti < schema_->tables().size(); ++ti) {
            const TableDef& t = schema_->tables()[ti];
            if ((t.bucket == BucketRule::Global) != global) continue;
            Stmt& s = stmts_[ti]->feed;
            s.bind(1, bucket).bind(2, cursor.at).bind(3, static_cast<std::int64_t>(limit) + 1);
            int n = static_cast<int>(t.fields.size());
            while (s.step()) {
                Item it;
                it.seq = static_cast<std::uint64_t>(s.integer(n + 1));
                it.rc.table = &t;
                it.rc.id = std::string(s.text(n + 2));
                CellClocks cc = CellClocks::decode(s.blob(n), static_cast<size_t>(n));
                for (int i = 0; i < n; ++i) {
                    const Cell& c = cc.cells[static_cast<size_t>(i)];
                    if (!c.written() || c.seq <= cursor.since) continue;
                    if (skip_site != 0 && c.clock.site == skip_site) continue;
                    it.rc.cells.push_back({i, s.value(i), c.clock, c.base, c.seq});
                }
                items.push_back(std::move(it));
            }
            s.reset();
        }
        std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.seq < b.seq; });
        page.more = items.size() > limit;
        if (page.more) items.resize(limit);
        for (Item& it : items)
            if (!it.rc.cells.empty()) page.changes.push_back(std::move(it.rc));
        Stmt q = db_.prepare("SELECT seq, checksum FROM _buckets WHERE bucket=?");
        q.bind(1, bucket);
        std::uint64_t max_seq = cursor.at;
        if (q.step()) {
            max_seq = std::max(cursor.at, static_cast<std::uint64_t>(q.integer(0)));
            page.checksum = static_cast<std::uint64_t>(q.integer(1));
        }
        page.to = page.more ? items.back().seq : max_seq;
        return page;
    });
}

}  // namespace fika::sync
