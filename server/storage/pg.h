// A thin RAII layer over libpq (PostgreSQL's C client), for the server's PostgreSQL
// storage: a connection, statements with parameters, results, transactions. Failures
// throw sync::Failure, like the SQLite layer: serialization failures and deadlocks
// (SQLSTATE 40001, 40P01) become Busy (the unit of work is run again), a lost connection
// or an unreachable server Storage with libpq's message, a constraint Invalid.
//
// Parameters travel as text, except byte strings (bytea) and arrays, which are sent in binary;
// results as text (bytea in PostgreSQL's hex form), or in binary when asked.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "error.h"

namespace fika::server::pg {

// One parameter of a statement: NULL, text, or bytes sent in binary (a bytea, or an
// array that ArrayBuilder wrote in PostgreSQL's binary form).
class Param {
public:
    Param() = default;  // NULL
    Param(std::string text) : value_(std::move(text)) {}
    Param(const char* text) : value_(std::string(text)) {}
    Param(std::int64_t v) : value_(std::to_string(v)) {}
    Param(std::uint64_t v) : value_(std::to_string(v)) {}
    Param(int v) : value_(std::to_string(v)) {}
    Param(double v);
    static Param bytes(std::string b) {
        Param p(std::move(b));
        p.binary_ = true;
        return p;
    }
    bool null() const { return !value_.has_value(); }
    bool binary() const { return binary_; }
    const std::string& value() const { return *value_; }

private:
    std::optional<std::string> value_;
    bool binary_ = false;
};

class Result {
public:
    Result() = default;
    explicit Result(PGresult* r) : r_(r) {}
    ~Result() { PQclear(r_); }
    Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
    Result& operator=(Result&& o) noexcept {
        if (this != &o) {
            PQclear(r_);
            r_ = o.r_;
            o.r_ = nullptr;
        }
        return *this;
    }
    Result(const Result&) = delete;
    Result& operator=(const Result&) = delete;

    int rows() const { return r_ ? PQntuples(r_) : 0; }
    bool null(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }
    std::string_view text(int row, int col) const {
        return {PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col))};
    }
    std::int64_t integer(int row, int col) const;
    double real(int row, int col) const;
    // A bytea column, decoded from PostgreSQL's hex form.
    std::string bytes(int row, int col) const;
    // Rows an INSERT/UPDATE/DELETE touched.
    std::int64_t affected() const;

private:
    PGresult* r_ = nullptr;
};

class Connection {
public:
    Connection() = default;
    // Connects (a libpq connection string or URI: "host=/tmp/x dbname=fika", "postgresql://...").
    // Throws Failure (Storage) when the server cannot be reached.
    explicit Connection(const std::string& conninfo);
    ~Connection() { PQfinish(c_); }
    Connection(Connection&& o) noexcept
        : c_(o.c_),
          prepared_(std::move(o.prepared_)),
          in_flight_(std::move(o.in_flight_)),
          answered_(std::move(o.answered_)) {
        o.c_ = nullptr;
    }
    Connection& operator=(Connection&& o) noexcept {
        if (this != &o) {
            PQfinish(c_);
            c_ = o.c_;
            o.c_ = nullptr;
            prepared_ = std::move(o.prepared_);
            in_flight_ = std::move(o.in_flight_);
            answered_ = std::move(o.answered_);
        }
        return *this;
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    explicit operator bool() const { return c_ != nullptr; }
    bool healthy() const { return c_ && PQstatus(c_) == CONNECTION_OK; }
    // Runs one statement with parameters ($1, $2, ...). Throws Failure. The statement is
    // prepared on this connection the first time its text is seen and run by name after
    // that: PostgreSQL parses and plans it once per connection rather than at every call
    // (for the small statements of a sync, that was most of their cost). `binary_results`:
    // the answer in PostgreSQL's binary forms (no text conversion of numbers and bytes on
    // either side; Result reads both forms) - for columns of bigint, double precision,
    // text and bytea only.
    Result exec(std::string_view sql, const std::vector<Param>& params = {}, bool binary_results = false);
    // Several statements sent together (libpq's pipeline mode) and their answers read in
    // order: one round trip where exec() makes one each. Outside a transaction they are
    // one (PostgreSQL's implicit transaction up to the pipeline's sync): the first that
    // fails throws (as exec() would) once every answer is read, the ones after it did not
    // run and the ones before are undone. Inside one (a BEGIN before or among them), a
    // failure leaves it aborted until ROLLBACK, as exec() does.
    struct Statement {
        std::string sql;
        std::vector<Param> params;
        bool binary_results = false;
    };
    std::vector<Result> exec_many(const std::vector<Statement>& statements);
    // A statement sent without waiting for its answer (pipeline mode): the caller goes on
    // - builds the next one, say - while PostgreSQL runs it. drain() reads the answers of
    // all that were sent, in order, and throws the first failure as exec_many() does; every
    // other call here drains first (so a failure shows at the latest there).
    void send(const Statement& statement);
    std::vector<Result> drain();
    std::size_t in_flight() const { return in_flight_.size() + answered_.size(); }  // sent, not drained
    // Several statements without parameters (a migration). Throws Failure.
    void run_script(std::string_view sql);
    PGconn* handle() const { return c_; }

    // Statements prepared on this connection (exec, exec_many).
    std::size_t prepared_count() const { return prepared_.size(); }

private:
    // The name of `sql` prepared on this connection (preparing it now if it is new), or
    // nullptr once kMaxPrepared texts are prepared: the rest run unnamed, as before.
    const char* prepared(const std::string& sql, int params);
    static constexpr std::size_t kMaxPrepared = 512;

    // Sends one statement in pipeline mode (entered if need be), prepared as `name`.
    void send_prepared(const Statement& st, const char* name);

    PGconn* c_ = nullptr;
    std::unordered_map<std::string, std::string> prepared_;  // statement text -> its name
    std::vector<std::string> in_flight_;  // sent, answers not read: their texts, for errors
    std::vector<Result> answered_;        // sent and read (to prepare another), not yet drained
};

// BEGIN on construction, ROLLBACK on destruction unless commit() ran.
class Transaction {
public:
    explicit Transaction(Connection& c, const char* begin = "BEGIN");
    ~Transaction();
    void commit();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

private:
    Connection& c_;
    bool open_ = true;
};

// An array parameter in PostgreSQL's binary form, built element by element: with
// `unnest` one statement stores any number of rows. Binary, because PostgreSQL parses a
// text array ({"a",NULL,"\\x00ff"}) character by character - once statements were
// prepared, that was most of what binding an upload's rows cost - and the bytes need no
// escaping on either side.
// The statement names the array's type (`$1::text[]`), which must be the builder's.
class ArrayBuilder {
public:
    enum class Of { Text, Bigint, Real, Bytes };
    explicit ArrayBuilder(Of of);
    void add(std::string_view v);  // Text or Bytes
    void add(std::int64_t v);      // Bigint
    void add(double v);            // Real
    void null();
    std::size_t size() const { return count_; }
    Param take();

private:
    void start();
    void element(std::size_t length);
    Of of_;
    std::string data_;
    std::uint32_t count_ = 0;
    bool nulls_ = false;
};
// A quoted identifier ("name", doubling quotes).
std::string quote_ident(std::string_view name);

// A failure that was a unique constraint's (SQLSTATE 23505; Invalid like every constraint).
bool unique_violation(const sync::Error& e);

}  // namespace fika::server::pg
