// A thin RAII layer over the SQLite C API. Failures throw Failure (caught at the public
// boundary of sync/): SQLITE_BUSY becomes Busy, SQLITE_CORRUPT/NOTADB Corrupt, the rest
// Storage with SQLite's message.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "error.h"
#include "value.h"

namespace fika::sync {

[[noreturn]] void fail_sqlite(sqlite3* db, int rc, std::string_view what);

class StmtCache;

class Stmt {
public:
    Stmt() = default;
    Stmt(sqlite3* db, std::string_view sql);
    ~Stmt() { release(); }
    Stmt(Stmt&& o) noexcept : db_(o.db_), s_(o.s_), home_(std::move(o.home_)) { o.s_ = nullptr; }
    Stmt& operator=(Stmt&& o) noexcept {
        if (this != &o) {
            release();
            db_ = o.db_;
            s_ = o.s_;
            home_ = std::move(o.home_);
            o.s_ = nullptr;
        }
        return *this;
    }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    explicit operator bool() const { return s_ != nullptr; }

    Stmt& bind(int i, std::int64_t v);
    Stmt& bind(int i, std::uint64_t v) { return bind(i, static_cast<std::int64_t>(v)); }
    Stmt& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
    Stmt& bind(int i, double v);
    Stmt& bind(int i, std::string_view v);
    Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
    Stmt& bind_blob(int i, std::string_view v);
    Stmt& bind_null(int i);
    Stmt& bind_value(int i, const Value& v);
    // Binds without copying: `v` must outlive the next step()/reset(). For hot paths.
    Stmt& bind_value_ref(int i, const Value& v);
    Stmt& bind_blob_ref(int i, std::string_view v);
    Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }

    // true while a row is available; false when done. Throws on error.
    bool step();
    // Runs to completion (for statements without rows).
    void run() {
        while (step()) {
        }
    }
    // Ready to run again; bindings are kept (every caller binds every parameter anew).
    void reset();
    // run() then reset(), resetting on failure too: for statements prepared once and
    // run many times.
    void run_and_reset() {
        try {
            run();
        } catch (...) {
            reset();
            throw;
        }
        reset();
    }

    // Whether the statement only reads (sqlite3_stmt_readonly).
    bool read_only() const { return sqlite3_stmt_readonly(s_) != 0; }
    bool is_null(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
    bool is_blob(int col) const { return sqlite3_column_type(s_, col) == SQLITE_BLOB; }
    std::int64_t integer(int col) const { return sqlite3_column_int64(s_, col); }
    double real(int col) const { return sqlite3_column_double(s_, col); }
    std::string_view text(int col) const;
    std::string_view blob(int col) const;
    Value value(int col) const;

private:
    friend class StmtCache;
    // Finalizes the statement, or gives it back (reset, unbound) to the connection's cache.
    void release();

    sqlite3* db_ = nullptr;
    sqlite3_stmt* s_ = nullptr;
    std::shared_ptr<StmtCache> home_;  // the cache it came from, if any
};

// The statements a connection prepared, kept by their SQL text once they are done with
// (reset, bindings cleared) for the next prepare of the same text: a request that runs
// the same dozen statements no longer parses them each time (a sync on the server spent
// 14 % of its time in sqlite3_prepare). At most `kTexts` texts, the least recently used
// dropped first; a text asked for while its statement is out gets one more of its own.
// It lives as long as the longest of the connection and its statements: a statement given
// back after the connection closed is finalized.
class StmtCache : public std::enable_shared_from_this<StmtCache> {
public:
    static constexpr std::size_t kTexts = 128;
    explicit StmtCache(sqlite3* db) : db_(db) {}
    ~StmtCache() { clear(); }
    StmtCache(const StmtCache&) = delete;
    StmtCache& operator=(const StmtCache&) = delete;

    Stmt take(std::string_view sql);
    void give_back(sqlite3_stmt* s);
    // Finalizes every idle statement; those still out are finalized when they come back.
    void close();

private:
    struct Entry {
        std::string sql;
        std::vector<sqlite3_stmt*> idle;
    };
    void clear();

    std::mutex mu_;  // a statement may be given back on another thread than the next take
    sqlite3* db_;
    std::list<Entry> lru_;  // most recently used first
    std::unordered_map<std::string_view, std::list<Entry>::iterator> by_sql_;
};

class Db {
public:
    Db() = default;
    // Opens (and creates when allowed) a database file: encrypted when this process has
    // its key (crypt::use_key), through `vfs` when given. Fails with Corrupt when the file
    // is not a database, WrongKey when it is encrypted and the key is missing or wrong.
    Db(const std::string& path, bool create, const char* vfs = nullptr);
    ~Db();
    Db(Db&& o) noexcept : db_(o.db_), cache_(std::move(o.cache_)) { o.db_ = nullptr; }
    Db& operator=(Db&& o) noexcept;
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    sqlite3* handle() const { return db_; }
    void exec(std::string_view sql);
    // A statement for `sql`: one this connection prepared before and kept (StmtCache),
    // else a new one.
    Stmt prepare(std::string_view sql);
    // Runs one statement without rows through the kept statements (prepare): for the
    // short texts run again and again (BEGIN, COMMIT, a PRAGMA), which exec() would parse
    // each time - a device's sync runs a dozen of them.
    void run(std::string_view sql) { prepare(sql).run(); }
    std::int64_t changes() const { return sqlite3_changes64(db_); }
    // True when `path` is this database's file or one SQLite keeps beside it (-wal, -shm,
    // -journal), compared by device and inode. Such a file is never opened outside SQLite:
    // closing any descriptor on it drops every lock this process holds on it.
    bool is_own_file(const std::string& path) const;

private:
    sqlite3* db_ = nullptr;
    std::shared_ptr<StmtCache> cache_;
};

// BEGIN IMMEDIATE … COMMIT; rolls back when destroyed without commit().
class Transaction {
public:
    explicit Transaction(Db& db);
    ~Transaction();
    void commit();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

private:
    Db& db_;
    bool done_ = false;
};

// BEGIN (deferred) … COMMIT: the reads between see one state of the file, and take the
// file's read lock once (every statement outside a transaction takes and drops it: two
// fcntl calls on the WAL index each). Inside a transaction already open on the
// connection it does nothing: the reads join that one. Ends when destroyed.
class ReadTransaction {
public:
    explicit ReadTransaction(Db& db);
    ~ReadTransaction();
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;

private:
    Db& db_;
    bool open_ = false;
};

// Checkpoints a WAL-mode database off its writer's path. SQLite's automatic checkpoint
// runs inside the commit that grows the WAL past 1,000 pages: that commit then also copies
// the WAL into the database file and waits for the disk twice more (an upload of 100,000
// records spent ~0.4 s of its ~2.6 s in those commits). Instead, `watch(db)` replaces the
// automatic checkpoint on that connection with a hook that wakes this object's thread,
// which checkpoints through a connection of its own (PASSIVE: it never waits for, nor
// blocks, a reader or the writer). SQLite starts the WAL over at the next write once
// everything in it is in the database. Under a steady stream of commits (an upload, a
// first download) the thread never finds the WAL at rest, so once it reaches
// `kInlinePages` a commit checkpoints itself, as SQLite would have, copying only the
// last frames the thread had not reached yet: the WAL starts over and stays bounded.
//
// Small commits (fewer than `kSmallCommit` pages: a record or a few) wake the thread once
// when the WAL reaches `kPages`; the first small commit after the thread's checkpoint then
// checkpoints the few frames written since, inline, so that the WAL starts over at 1,000
// pages as SQLite's would. Beside a stream of small commits the thread never finds the
// WAL at rest: waking it after each commit delayed every commit's own wait for the disk,
// and a WAL that only starts over at `kInlinePages` grows the file each time, which makes
// each commit's wait longer (one write per transaction took 1.3-3.4x plain SQLite's time
// either way, 1.06-1.14x like this). Copying all 1,000 pages inline, as SQLite does, was
// as fast but stalled the commit that crossed it (a server's sync under its lock, the
// app's UI thread) for a whole checkpoint.
// Destroy it before the watched connection closes (that close then checkpoints the rest
// and removes the WAL, as usual).
class WalCheckpointer {
public:
    static constexpr int kPages = 1000;         // SQLite's default threshold
    static constexpr int kInlinePages = 3000;   // ~12 MiB of 4 KiB pages
    static constexpr int kSmallCommit = 16;     // pages a commit added to the WAL
    explicit WalCheckpointer(std::string path);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    void watch(Db& db);
    // Checkpoints done by the thread, and by commits themselves (for tests).
    std::uint64_t background_runs() const;
    std::uint64_t inline_runs() const;

private:
    static int hook(void* self, sqlite3* db, const char* name, int pages);
    void run();
    std::string path_;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    bool wanted_ = false, stop_ = false;
    int last_pages_ = 0;  // the WAL's size after the last commit
    bool small_woke_ = false;         // small commits woke the thread for this WAL
    std::uint64_t small_woke_at_ = 0;  // background_ when they did
    std::uint64_t background_ = 0, inline_ = 0;
    std::thread thread_;
};

// Double-quoted SQL identifier.
std::string quote_ident(std::string_view name);

}  // namespace fika::sync
