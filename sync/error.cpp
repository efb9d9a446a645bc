#include "error.h"

namespace fika::sync {

std::string_view code_name(Code code) {
    switch (code) {
        case Code::Ok: return "ok";
        case Code::Invalid: return "invalid";
        case Code::NotFound: return "not_found";
        case Code::Forbidden: return "forbidden";
        case Code::ClockAhead: return "clock_ahead";
        case Code::SchemaTooNew: return "schema_too_new";
        case Code::Corrupt: return "corrupt";
        case Code::Busy: return "busy";
        case Code::Storage: return "storage";
        case Code::TooLarge: return "too_large";
        case Code::WrongKey: return "wrong_key";
    }
    return "unknown";
}

Code code_from_name(std::string_view name, Code fallback) {
    for (Code c : {Code::Invalid, Code::NotFound, Code::Forbidden, Code::ClockAhead, Code::SchemaTooNew,
                   Code::Corrupt, Code::Busy, Code::Storage, Code::TooLarge, Code::WrongKey})
        if (code_name(c) == name) return c;
    return fallback;
}

Error field_error(Code code, std::string message, std::string field, std::string rule, std::int64_t min,
                  std::int64_t max) {
    Error e{code, std::move(message)};
    e.field = std::move(field);
    e.rule = std::move(rule);
    e.min = min;
    e.max = max;
    return e;
}

}  // namespace fika::sync
