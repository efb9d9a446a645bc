// The value of one cell: NULL, a 64-bit integer, a double or UTF-8 text.
// Booleans are integers 0/1; dates and times are ISO 8601 text (see schema.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace fika::sync {

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

inline bool is_null(const Value& v) { return v.index() == 0; }
inline Value text(std::string s) { return Value{std::move(s)}; }
inline Value integer(std::int64_t i) { return Value{i}; }

// Human-readable rendering for messages and the CLI ("NULL", 42, 1.5, text as is).
std::string to_display(const Value& v);

bool valid_utf8(std::string_view s);

}  // namespace fika::sync
