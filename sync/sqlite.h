// A thin RAII layer over the SQLite C API. Failures throw Failure (caught at the public
// boundary of sync/): SQLITE_BUSY becomes Busy, SQLITE_CORRUPT/NOTADB Corrupt, the rest
// Storage with SQLite's message.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "error.h"
#include "value.h"

namespace fika::sync {

[[noreturn]] void fail_sqlite(sqlite3* db, int rc, std::string_view what);

class Stmt {
public:
    Stmt() = default;
    Stmt(sqlite3* db, std::string_view sql);
    ~Stmt() { sqlite3_finalize(s_); }
    Stmt(Stmt&& o) noexcept : db_(o.db_), s_(o.s_) { o.s_ = nullptr; }
    Stmt& operator=(Stmt&& o) noexcept {
        if (this != &o) {
            sqlite3_finalize(s_);
            db_ = o.db_;
            s_ = o.s_;
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

    bool is_null(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
    bool is_blob(int col) const { return sqlite3_column_type(s_, col) == SQLITE_BLOB; }
    std::int64_t integer(int col) const { return sqlite3_column_int64(s_, col); }
    double real(int col) const { return sqlite3_column_double(s_, col); }
    std::string_view text(int col) const;
    std::string_view blob(int col) const;
    Value value(int col) const;

private:
    sqlite3* db_ = nullptr;
    sqlite3_stmt* s_ = nullptr;
};

class Db {
public:
    Db() = default;
    // Opens (and creates when allowed) a database file. Fails with Corrupt when the file
    // is not a database.
    Db(const std::string& path, bool create);
    ~Db();
    Db(Db&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
    Db& operator=(Db&& o) noexcept;
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    sqlite3* handle() const { return db_; }
    void exec(std::string_view sql);
    Stmt prepare(std::string_view sql) { return Stmt(db_, sql); }
    std::int64_t changes() const { return sqlite3_changes64(db_); }

private:
    sqlite3* db_ = nullptr;
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

// Double-quoted SQL identifier.
std::string quote_ident(std::string_view name);

}  // namespace fika::sync
