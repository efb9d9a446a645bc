// The one error type of the sync engine.
//
// Every public function of sync/ returns a Result<T>; none lets an exception escape.
// Each function's comment says which codes it can return. The codes are a closed list so
// that the server can map them to an HTTP status and the app to a message in one place
// each (server/ and client/ do that; sync/ never knows about HTTP or UI text).
#pragma once

#include <cassert>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace fika::sync {

enum class Code {
    Ok = 0,
    // Input that does not follow the rules: bad JSON, a wrong type, a missing field, an
    // unknown table or field, a value out of range, an id that is not a UUID.
    Invalid,
    // A record that does not exist (update, delete or read of an unknown id).
    NotFound,
    // The write is well-formed but the rules forbid it (changing a field that is fixed at
    // creation, writing outside the caller's buckets).
    Forbidden,
    // A clock that runs too far ahead of the receiver's (see Hlc, max_drift).
    ClockAhead,
    // The database file was written by a newer Fika; it is left untouched.
    SchemaTooNew,
    // The file is not a database or fails its integrity check; it is left untouched.
    Corrupt,
    // The database is busy for longer than the busy timeout.
    Busy,
    // Any other SQLite or I/O failure; the message carries SQLite's text.
    Storage,
    // A size limit (value length, changes per message, message bytes) was exceeded.
    TooLarge,
    // The database is encrypted and the key given is missing or not its key, or a key was
    // given for a plain file; it is left untouched.
    WrongKey,
};

// A stable, lower-case name used on the wire and in logs ("invalid", "not_found", ...).
std::string_view code_name(Code code);
// The inverse of code_name; `fallback` for a name this build does not know.
Code code_from_name(std::string_view name, Code fallback);

struct Error {
    Error() = default;
    Error(Code c, std::string m) : code(c), message(std::move(m)) {}

    Code code = Code::Ok;
    std::string message;  // in English: for logs, fika-cli and the wire
    // What a UI needs to say it in its own language, when one field is at fault: the
    // field ("cases.value") and the rule it broke - "required", "range" (min..max),
    // "type" (a value of the wrong kind), "too_long" (max bytes), "choice", "fixed" (a
    // field fixed at creation), "erased" (a record erased for a data-subject request).
    std::string field;
    std::string rule;
    std::int64_t min = 0, max = 0;
};

// An error about one field (see Error).
Error field_error(Code code, std::string message, std::string field, std::string rule, std::int64_t min = 0,
                  std::int64_t max = 0);

// Thrown inside sync/ and in the units built on it, and caught at a public boundary
// (guard()); a function returning Result never lets one escape. must() turns a Result
// back into one.
struct Failure {
    Error error;
};

[[noreturn]] inline void fail(Code code, std::string message) {
    throw Failure{Error{code, std::move(message)}};
}

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(Error error) : v_(std::move(error)) { assert(std::get<Error>(v_).code != Code::Ok); }

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    // By value, so `for (auto& x : *f())` over a temporary Result is safe.
    T value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T operator*() && { return std::move(*this).value(); }

    const Error& error() const { return std::get<1>(v_); }
    Code code() const { return ok() ? Code::Ok : error().code; }

private:
    std::variant<T, Error> v_;
};

struct Unit {};
using Status = Result<Unit>;
inline Status ok_status() { return Unit{}; }

// Runs fn, turning a Failure (or any std::exception, as Storage) into an Error result.
template <typename Fn>
auto guard(Fn&& fn) -> Result<decltype(fn())> {
    try {
        return fn();
    } catch (const Failure& f) {
        return f.error;
    } catch (const std::exception& e) {
        return Error{Code::Storage, e.what()};
    }
}

// The value of `r`, or its error thrown as a Failure: the inverse of guard(), for code that
// runs inside one (a unit that calls another's Result-returning functions).
template <typename T>
T must(Result<T> r) {
    if (!r.ok()) throw Failure{r.error()};
    return std::move(r).value();
}

template <typename Fn>
Status guard_status(Fn&& fn) {
    try {
        fn();
        return Unit{};
    } catch (const Failure& f) {
        return f.error;
    } catch (const std::exception& e) {
        return Error{Code::Storage, e.what()};
    }
}

}  // namespace fika::sync
