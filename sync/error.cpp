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
    }
    return "unknown";
}

}  // namespace fika::sync
