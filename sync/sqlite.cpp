#include "sqlite.h"

#include "encrypted_vfs.h"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>

namespace fika::sync {

void fail_sqlite(sqlite3* db, int rc, std::string_view what) {
    std::string msg(what);
    msg += ": ";
    msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    switch (rc & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED: fail(Code::Busy, msg);
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB: fail(Code::Corrupt, msg);
        case SQLITE_TOOBIG: fail(Code::TooLarge, msg);
        default: fail(Code::Storage, msg);
    }
}

Stmt::Stmt(sqlite3* db, std::string_view sql) : db_(db) {
    int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &s_, nullptr);
    if (rc != SQLITE_OK) fail_sqlite(db, rc, "prepare " + std::string(sql.substr(0, 80)));
}

void Stmt::release() {
    if (!s_) return;
    if (home_) home_->give_back(s_);
    else sqlite3_finalize(s_);
    s_ = nullptr;
    home_.reset();
}

Stmt StmtCache::take(std::string_view sql) {
    {
        std::lock_guard lock(mu_);
        if (!db_) fail(Code::Storage, "the database connection is closed");
        if (auto it = by_sql_.find(sql); it != by_sql_.end()) {
            lru_.splice(lru_.begin(), lru_, it->second);
            if (!it->second->idle.empty()) {
                Stmt out;
                out.db_ = db_;
                out.s_ = it->second->idle.back();
                it->second->idle.pop_back();
                out.home_ = shared_from_this();
                return out;
            }
        }
    }
    Stmt out(db_, sql);
    // Kept only when SQLite holds exactly this text (not a first statement of several).
    if (const char* kept = sqlite3_sql(out.s_); kept && std::string_view(kept) == sql) out.home_ = shared_from_this();
    return out;
}

void StmtCache::give_back(sqlite3_stmt* s) {
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    std::lock_guard lock(mu_);
    if (!db_) {
        sqlite3_finalize(s);
        return;
    }
    std::string_view sql = sqlite3_sql(s);
    auto it = by_sql_.find(sql);
    if (it == by_sql_.end()) {
        lru_.push_front(Entry{std::string(sql), {}});
        it = by_sql_.emplace(lru_.front().sql, lru_.begin()).first;
        while (lru_.size() > kTexts) {
            for (sqlite3_stmt* old : lru_.back().idle) sqlite3_finalize(old);
            by_sql_.erase(lru_.back().sql);
            lru_.pop_back();
        }
    }
    // More than a few of one text at rest means a burst of nested uses: keep four.
    if (it->second->idle.size() < 4) it->second->idle.push_back(s);
    else sqlite3_finalize(s);
}

void StmtCache::close() {
    std::lock_guard lock(mu_);
    clear();
    db_ = nullptr;
}

void StmtCache::clear() {
    for (Entry& e : lru_)
        for (sqlite3_stmt* s : e.idle) sqlite3_finalize(s);
    lru_.clear();
    by_sql_.clear();
}

Stmt Db::prepare(std::string_view sql) {
    if (!cache_) cache_ = std::make_shared<StmtCache>(db_);
    return cache_->take(sql);
}

Stmt& Stmt::bind(int i, std::int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
}
Stmt& Stmt::bind(int i, double v) {
    sqlite3_bind_double(s_, i, v);
    return *this;
}
Stmt& Stmt::bind(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
}
Stmt& Stmt::bind_blob(int i, std::string_view v) {
    sqlite3_bind_blob(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
}
Stmt& Stmt::bind_null(int i) {
    sqlite3_bind_null(s_, i);
    return *this;
}
Stmt& Stmt::bind_value(int i, const Value& v) {
    switch (v.index()) {
        case 0: return bind_null(i);
        case 1: return bind(i, std::get<1>(v));
        case 2: return bind(i, std::get<2>(v));
        default: return bind(i, std::string_view(std::get<3>(v)));
    }
}

bool Stmt::step() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) {
        sqlite3_reset(s_);
        return false;
    }
    sqlite3_reset(s_);
    fail_sqlite(db_, rc, "step");
}

void Stmt::reset() { sqlite3_reset(s_); }

Stmt& Stmt::bind_value_ref(int i, const Value& v) {
    if (auto* s = std::get_if<std::string>(&v)) {
        sqlite3_bind_text(s_, i, s->data(), static_cast<int>(s->size()), SQLITE_STATIC);
        return *this;
    }
    return bind_value(i, v);
}

Stmt& Stmt::bind_blob_ref(int i, std::string_view v) {
    sqlite3_bind_blob(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    return *this;
}

std::string_view Stmt::text(int col) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
    return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(s_, col)))
             : std::string_view();
}

std::string_view Stmt::blob(int col) const {
    auto* p = static_cast<const char*>(sqlite3_column_blob(s_, col));
    return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(s_, col)))
             : std::string_view();
}

Value Stmt::value(int col) const {
    switch (sqlite3_column_type(s_, col)) {
        case SQLITE_INTEGER: return integer(col);
        case SQLITE_FLOAT: return real(col);
        case SQLITE_TEXT:
        case SQLITE_BLOB: return std::string(text(col));
        default: return std::monostate{};
    }
}

namespace {

// FIKA_SQL_TRACE=MS prints every statement that ran for at least MS milliseconds to
// stderr with its time: where a slow screen or sync spends its time, without a profiler.
int print_slow(unsigned, void* limit_ns, void* stmt, void* ns) {
    auto took = *static_cast<sqlite3_int64*>(ns);
    if (took < *static_cast<sqlite3_int64*>(limit_ns)) return 0;
    char* sql = sqlite3_expanded_sql(static_cast<sqlite3_stmt*>(stmt));
    std::fprintf(stderr, "fika sql %.2f ms: %s\n", static_cast<double>(took) / 1e6, sql ? sql : "?");
    sqlite3_free(sql);
    return 0;
}

void trace_slow_statements(sqlite3* db) {
    static sqlite3_int64 limit_ns = [] {
        const char* v = std::getenv("FIKA_SQL_TRACE");
        return v && *v ? static_cast<sqlite3_int64>(std::atof(v) * 1e6) : -1;
    }();
    if (limit_ns >= 0) sqlite3_trace_v2(db, SQLITE_TRACE_PROFILE, print_slow, &limit_ns);
}

}  // namespace

Db::Db(const std::string& path, bool create, const char* vfs) {
    // SQLite's memory statistics take a global mutex on every allocation; nothing here
    // reads them. Must precede SQLite's initialisation; later calls are harmless no-ops.
    static const bool configured = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)configured;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    if (!vfs) vfs = crypt::vfs_for(path);
    (void)crypt::take_refusal();
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, vfs);
    if (rc != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        if (Error why = crypt::take_refusal(); why.code != Code::Ok) fail(why.code, why.message);
        fail((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT ? Code::Corrupt
                                                                          : Code::Storage,
             "open " + path + ": " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 10000);
    trace_slow_statements(db_);
    if (std::string_view(vfs) == crypt::kCryptVfs) {
        // Temporary tables, sorts and statement journals stay in memory: the keyed VFS
        // writes no temporary file. A new database leaves room for the cipher in each page.
        exec("PRAGMA temp_store=MEMORY");
        int reserve = crypt::kReserve;
        sqlite3_file_control(db_, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
    }
}

Db::~Db() {
    if (cache_) cache_->close();
    sqlite3_close_v2(db_);
}

bool Db::is_own_file(const std::string& path) const {
    struct stat target {};
    if (!db_ || ::stat(path.c_str(), &target) != 0) return false;
    const char* main = sqlite3_db_filename(db_, "main");
    if (!main || !*main) return false;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        struct stat st {};
        if (::stat((std::string(main) + suffix).c_str(), &st) == 0 && st.st_dev == target.st_dev &&
            st.st_ino == target.st_ino)
            return true;
    }
    return false;
}

Db& Db::operator=(Db&& o) noexcept {
    if (this != &o) {
        if (cache_) cache_->close();
        sqlite3_close_v2(db_);
        db_ = o.db_;
        cache_ = std::move(o.cache_);
        o.db_ = nullptr;
    }
    return *this;
}

void Db::exec(std::string_view sql) {
    std::string s(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        fail_sqlite(nullptr, rc, msg + " in " + s.substr(0, 80));
    }
}

Transaction::Transaction(Db& db) : db_(db) { db_.run("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    db_.run("COMMIT");
    done_ = true;
}

ReadTransaction::ReadTransaction(Db& db) : db_(db) {
    if (!sqlite3_get_autocommit(db_.handle())) return;  // joins the open one
    db_.run("BEGIN");
    open_ = true;
}

ReadTransaction::~ReadTransaction() {
    // A read has nothing to keep: COMMIT and ROLLBACK both only end it (ROLLBACK also
    // with a statement still stepping).
    if (open_ && sqlite3_exec(db_.handle(), "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

WalCheckpointer::WalCheckpointer(std::string path) : path_(std::move(path)), thread_([this] { run(); }) {}

WalCheckpointer::~WalCheckpointer() {
    {
        std::lock_guard lock(mu_);
        stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
}

void WalCheckpointer::watch(Db& db) { sqlite3_wal_hook(db.handle(), &WalCheckpointer::hook, this); }

int WalCheckpointer::hook(void* self, sqlite3* db, const char* name, int pages) {
    auto& me = *static_cast<WalCheckpointer*>(self);
    std::unique_lock lock(me.mu_);
    int grown = pages >= me.last_pages_ ? pages - me.last_pages_ : pages;  // or it started over
    if (pages < me.last_pages_) me.small_woke_ = false;
    me.last_pages_ = pages;
    if (pages >= kInlinePages) {
        ++me.inline_;
        lock.unlock();
        // What SQLite's own hook does at 1,000 pages, but by now the thread has copied all
        // but the last commits' frames. Its errors (busy) are not the commit's.
        sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (pages >= kPages && grown < kSmallCommit && me.small_woke_) {
        // The thread's checkpoint is done: the few frames since, here, and the WAL starts
        // over at the next commit. Until it is done, nothing.
        if (me.background_ == me.small_woke_at_) return SQLITE_OK;
        me.small_woke_ = false;
        ++me.inline_;
        lock.unlock();
        sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (pages >= kPages) {
        if (grown < kSmallCommit) {
            me.small_woke_ = true;
            me.small_woke_at_ = me.background_;
        }
        me.wanted_ = true;
        lock.unlock();
        me.cv_.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::run() {
    sqlite3* db = nullptr;
    std::unique_lock lock(mu_);
    for (;;) {
        cv_.wait(lock, [&] { return wanted_ || stop_; });
        if (stop_) break;
        wanted_ = false;
        lock.unlock();
        if (!db) {
            // A connection learns that the file is in WAL mode on its first read; until then
            // a checkpoint does nothing.
            if (sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                                crypt::vfs_for(path_)) != SQLITE_OK ||
                sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) != SQLITE_OK) {
                sqlite3_close_v2(db);  // the watched connection's commits fall back to inline
                db = nullptr;
            }
        }
        // Busy (another checkpoint is running) or any other failure leaves the work to the
        // next wake-up; the data is safe in the WAL either way.
        if (db) sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        lock.lock();
        ++background_;
    }
    lock.unlock();
    sqlite3_close_v2(db);
}

std::uint64_t WalCheckpointer::background_runs() const {
    std::lock_guard lock(mu_);
    return background_;
}

std::uint64_t WalCheckpointer::inline_runs() const {
    std::lock_guard lock(mu_);
    return inline_;
}

std::string quote_ident(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

}  // namespace fika::sync
