#include "pg.h"

#include <bit>

#include <charconv>
#include <cstdio>
#include <cstring>

namespace fika::server::pg {

using sync::Code;
using sync::fail;

namespace {

// The Failure of a result that is not a success.
[[noreturn]] void fail_result(PGconn* c, PGresult* r, std::string_view what) {
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlstate = state ? state : "";
    std::string msg = r && PQresultErrorMessage(r)[0] ? PQresultErrorMessage(r) : (c ? PQerrorMessage(c) : "no connection");
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    PQclear(r);
    Code code = Code::Storage;
    if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") code = Code::Busy;  // retry the unit
    else if (sqlstate.rfind("23", 0) == 0 || sqlstate.rfind("22", 0) == 0) code = Code::Invalid;
    else if (sqlstate == "53100") code = Code::Storage;  // disk full
    std::string text = "PostgreSQL";
    if (!sqlstate.empty()) text += " (" + sqlstate + ")";
    text += ": " + msg;
    if (!what.empty()) text += " [" + std::string(what.substr(0, 80)) + "]";
    fail(code, text);
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

Param::Param(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    value_ = buf;
}

namespace {
// A binary result's big-endian integer of 2, 4 or 8 bytes.
std::uint64_t big_endian(std::string_view b) {
    std::uint64_t v = 0;
    for (unsigned char c : b) v = v << 8 | c;
    return v;
}
}  // namespace

std::int64_t Result::integer(int row, int col) const {
    std::string_view t = text(row, col);
    if (PQfformat(r_, col) == 1) {
        std::uint64_t u = big_endian(t);
        switch (t.size()) {
            case 2: return static_cast<std::int16_t>(u);
            case 4: return static_cast<std::int32_t>(u);
            default: return static_cast<std::int64_t>(u);
        }
    }
    std::int64_t v = 0;
    std::from_chars(t.data(), t.data() + t.size(), v);
    return v;
}

double Result::real(int row, int col) const {
    if (PQfformat(r_, col) == 1) {
        std::string_view t = text(row, col);
        std::uint64_t u = big_endian(t);
        if (t.size() == 4) return static_cast<double>(std::bit_cast<float>(static_cast<std::uint32_t>(u)));
        return std::bit_cast<double>(u);
    }
    return std::strtod(PQgetvalue(r_, row, col), nullptr);
}

std::string Result::bytes(int row, int col) const {
    std::string_view t = text(row, col);
    if (PQfformat(r_, col) == 1) return std::string(t);
    std::string out;
    if (t.size() >= 2 && t[0] == '\\' && t[1] == 'x') {
        out.reserve((t.size() - 2) / 2);
        for (std::size_t i = 2; i + 1 < t.size(); i += 2) {
            int hi = hex_digit(t[i]), lo = hex_digit(t[i + 1]);
            if (hi < 0 || lo < 0) fail(Code::Corrupt, "PostgreSQL: a byte string is not in hex form");
            out.push_back(static_cast<char>(hi << 4 | lo));
        }
        return out;
    }
    fail(Code::Corrupt, "PostgreSQL: a byte string is not in hex form (set bytea_output to hex)");
}

std::int64_t Result::affected() const {
    const char* n = PQcmdTuples(r_);
    return n && *n ? std::strtoll(n, nullptr, 10) : 0;
}

Connection::Connection(const std::string& conninfo) {
    c_ = PQconnectdb(conninfo.c_str());
    if (!c_ || PQstatus(c_) != CONNECTION_OK) {
        std::string msg = c_ ? PQerrorMessage(c_) : "out of memory";
        while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
        PQfinish(c_);
        c_ = nullptr;
        fail(Code::Storage, "cannot reach PostgreSQL: " + msg);
    }
    // Quiet notices (CREATE ... IF NOT EXISTS); bytea in hex; times in UTC.
    PQsetNoticeProcessor(c_, [](void*, const char*) {}, nullptr);
    run_script("SET client_min_messages=warning; SET bytea_output=hex; SET TIME ZONE 'UTC'");
}

const char* Connection::prepared(const std::string& sql, int params) {
    if (auto it = prepared_.find(sql); it != prepared_.end()) return it->second.c_str();
    if (prepared_.size() >= kMaxPrepared) return nullptr;
    if (!in_flight_.empty()) {  // PQprepare waits for its answer: not in pipeline mode
        std::vector<Result> early = drain();
        for (Result& r : early) answered_.push_back(std::move(r));
    }
    std::string name = "fika_" + std::to_string(prepared_.size());
    // A failure here (a statement PostgreSQL cannot run, an aborted transaction, a lost
    // connection) is the one the statement itself would have met; nothing is remembered.
    PGresult* r = PQprepare(c_, name.c_str(), sql.c_str(), params, nullptr);
    if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) fail_result(c_, r, sql);
    PQclear(r);
    return prepared_.emplace(sql, std::move(name)).first->second.c_str();
}

Result Connection::exec(std::string_view sql, const std::vector<Param>& params, bool binary_results) {
    if (!c_) fail(Code::Storage, "PostgreSQL: not connected");
    drain();
    std::string text(sql);
    const char* name = prepared(text, static_cast<int>(params.size()));
    std::vector<const char*> values(params.size());
    std::vector<int> lengths(params.size()), formats(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
        if (params[i].null()) continue;
        values[i] = params[i].value().data();
        lengths[i] = static_cast<int>(params[i].value().size());
        formats[i] = params[i].binary() ? 1 : 0;
    }
    PGresult* r = name ? PQexecPrepared(c_, name, static_cast<int>(params.size()), values.data(), lengths.data(),
                                        formats.data(), binary_results ? 1 : 0)
                       : PQexecParams(c_, text.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                                      lengths.data(), formats.data(), binary_results ? 1 : 0);
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail_result(c_, r, sql);
    return Result(r);
}

std::vector<Result> Connection::exec_many(const std::vector<Statement>& statements) {
    if (!c_) fail(Code::Storage, "PostgreSQL: not connected");
    drain();
    // New texts are prepared first, each in a round trip of its own (once per connection).
    std::vector<const char*> names;
    names.reserve(statements.size());
    for (const Statement& st : statements) names.push_back(prepared(st.sql, static_cast<int>(st.params.size())));
    for (std::size_t k = 0; k < statements.size(); ++k) send_prepared(statements[k], names[k]);
    return drain();
}

void Connection::send(const Statement& statement) {
    if (!c_) fail(Code::Storage, "PostgreSQL: not connected");
    const char* name = prepared(statement.sql, static_cast<int>(statement.params.size()));
    send_prepared(statement, name);
    // Out to PostgreSQL now (libpq holds small messages back until a sync otherwise).
    if (PQflush(c_) != 0) fail(Code::Storage, std::string("PostgreSQL: ") + PQerrorMessage(c_));
}

void Connection::send_prepared(const Statement& st, const char* name) {
    if (in_flight_.empty() && PQenterPipelineMode(c_) != 1)
        fail(Code::Storage, std::string("PostgreSQL: ") + PQerrorMessage(c_));
    std::vector<const char*> values(st.params.size());
    std::vector<int> lengths(st.params.size()), formats(st.params.size());
    for (std::size_t i = 0; i < st.params.size(); ++i) {
        if (st.params[i].null()) continue;
        values[i] = st.params[i].value().data();
        lengths[i] = static_cast<int>(st.params[i].value().size());
        formats[i] = st.params[i].binary() ? 1 : 0;
    }
    const int sent = name ? PQsendQueryPrepared(c_, name, static_cast<int>(st.params.size()), values.data(),
                                                lengths.data(), formats.data(), st.binary_results ? 1 : 0)
                          : PQsendQueryParams(c_, st.sql.c_str(), static_cast<int>(st.params.size()), nullptr,
                                              values.data(), lengths.data(), formats.data(), st.binary_results ? 1 : 0);
    if (sent != 1) {
        std::string msg = std::string("PostgreSQL: ") + PQerrorMessage(c_);
        if (in_flight_.empty()) PQexitPipelineMode(c_);
        else drain();  // what was sent before is answered (a failure there is the one to tell)
        fail(Code::Storage, msg);
    }
    in_flight_.push_back(st.sql.substr(0, 80));
}

std::vector<Result> Connection::drain() {
    std::vector<Result> out = std::move(answered_);  // read already, to prepare a statement
    answered_.clear();
    if (in_flight_.empty()) return out;
    std::vector<std::string> texts = std::move(in_flight_);
    in_flight_.clear();
    struct Leave {
        PGconn* c;
        ~Leave() { PQexitPipelineMode(c); }
    } leave{c_};
    if (PQpipelineSync(c_) != 1) fail(Code::Storage, std::string("PostgreSQL: ") + PQerrorMessage(c_));
    out.reserve(out.size() + texts.size());
    PGresult* failed = nullptr;
    std::string_view failed_sql;
    bool lost = false;
    // Every answer is read, up to the pipeline's end, whatever failed on the way: the
    // connection is then ready for the next statement.
    for (std::size_t i = 0; i < texts.size(); ++i) {
        PGresult* r = PQgetResult(c_);
        if (!r) {  // the connection broke
            lost = true;
            break;
        }
        ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) out.emplace_back(r);
        else if (!failed && st != PGRES_PIPELINE_ABORTED) {
            failed = r;
            failed_sql = texts[i];
        } else PQclear(r);
        while (PGresult* extra = PQgetResult(c_)) PQclear(extra);  // the NULL that ends each answer
    }
    if (!lost) {
        PGresult* sync = PQgetResult(c_);
        if (!sync || PQresultStatus(sync) != PGRES_PIPELINE_SYNC) lost = true;
        PQclear(sync);
    }
    if (failed) fail_result(c_, failed, failed_sql);
    if (lost) fail(Code::Storage, std::string("PostgreSQL: ") + PQerrorMessage(c_));
    return out;
}

void Connection::run_script(std::string_view sql) {
    if (!c_) fail(Code::Storage, "PostgreSQL: not connected");
    drain();
    std::string text(sql);
    PGresult* r = PQexec(c_, text.c_str());
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail_result(c_, r, sql);
    PQclear(r);
}

Transaction::Transaction(Connection& c, const char* begin) : c_(c) { c_.run_script(begin); }

Transaction::~Transaction() {
    if (!open_) return;
    try {
        c_.run_script("ROLLBACK");
    } catch (const sync::Failure&) {  // a lost connection rolls back by itself
    }
}

void Transaction::commit() {
    c_.run_script("COMMIT");
    open_ = false;
}

namespace {
void put32(std::string& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>(v >> shift & 0xff);
}
void put64(std::string& out, std::uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>(v >> shift & 0xff);
}
// PostgreSQL's type ids (pg_type.oid) of the elements.
std::uint32_t element_oid(ArrayBuilder::Of of) {
    switch (of) {
        case ArrayBuilder::Of::Text: return 25;
        case ArrayBuilder::Of::Bigint: return 20;
        case ArrayBuilder::Of::Real: return 701;
        case ArrayBuilder::Of::Bytes: return 17;
    }
    return 0;
}
}  // namespace

ArrayBuilder::ArrayBuilder(Of of) : of_(of) { start(); }

void ArrayBuilder::start() {
    // The header: dimensions (1), has-nulls, the element type, then the one dimension's
    // length and lower bound (1). take() fills in has-nulls and the length.
    data_.clear();
    count_ = 0;
    nulls_ = false;
    put32(data_, 1);
    put32(data_, 0);
    put32(data_, element_oid(of_));
    put32(data_, 0);
    put32(data_, 1);
}

void ArrayBuilder::element(std::size_t length) {
    if (length > 0x7fffffff) fail(Code::Invalid, "PostgreSQL: an array element is too large");
    put32(data_, static_cast<std::uint32_t>(length));
    ++count_;
}

void ArrayBuilder::add(std::string_view v) {
    if (of_ != Of::Text && of_ != Of::Bytes) fail(Code::Invalid, "PostgreSQL: a text element in a number array");
    element(v.size());
    data_.append(v);
}

void ArrayBuilder::add(std::int64_t v) {
    if (of_ != Of::Bigint) fail(Code::Invalid, "PostgreSQL: an integer element in an array of another type");
    element(8);
    put64(data_, static_cast<std::uint64_t>(v));
}

void ArrayBuilder::add(double v) {
    if (of_ != Of::Real) fail(Code::Invalid, "PostgreSQL: a real element in an array of another type");
    element(8);
    put64(data_, std::bit_cast<std::uint64_t>(v));
}

void ArrayBuilder::null() {
    put32(data_, 0xffffffff);  // length -1
    ++count_;
    nulls_ = true;
}

Param ArrayBuilder::take() {
    std::string out = std::move(data_);
    if (count_ == 0) {
        out.resize(12);  // an empty array has no dimensions
        out[3] = 0;
    } else {
        std::string n;
        put32(n, count_);
        out.replace(12, 4, n);
        out[7] = nulls_ ? 1 : 0;
    }
    start();
    return Param::bytes(std::move(out));
}

bool unique_violation(const sync::Error& e) {
    // fail_result's text: "PostgreSQL (SQLSTATE): ..."
    return e.code == Code::Invalid && e.message.rfind("PostgreSQL (23505)", 0) == 0;
}

std::string quote_ident(std::string_view name) {
    std::string out = "\"";
    for (char ch : name) {
        if (ch == '"') out += '"';
        out += ch;
    }
    return out + "\"";
}

}  // namespace fika::server::pg
