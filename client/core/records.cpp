#include "records.h"

#include <algorithm>
#include <cctype>
#include <ctime>

#include "export.h"

namespace fika::client {

namespace {
std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}
std::string dashes_to_underscores(std::string s) {
    std::replace(s.begin(), s.end(), '-', '_');
    return s;
}
}  // namespace

const sync::TableDef* table_for(const std::string& kind) {
    const sync::Schema& s = sync::Schema::current();
    std::string k = dashes_to_underscores(lower(kind));
    if (const sync::TableDef* t = s.table(k)) return t;
    if (const sync::TableDef* t = s.table(k + "s")) return t;
    if (k == "activity") return s.table("activities");
    if (k == "stage_change") return s.table("stage_changes");
    return nullptr;
}

std::string field_for(const sync::TableDef& t, const std::string& name) {
    std::string n = dashes_to_underscores(lower(name));
    while (!n.empty() && n[0] == '_') n.erase(0, 1);
    if (t.field(n)) return n;
    if (t.field(n + "_id")) return n + "_id";
    return "";
}

// One @ with something on each side, a dot in the domain, no spaces: what a typo most
// often breaks. (Not RFC 5322: real addresses are never refused.)
bool looks_like_email(const std::string& e) {
    auto at = e.find('@');
    return at != std::string::npos && at > 0 && e.find('@', at + 1) == std::string::npos &&
           e.find_first_of(" \t") == std::string::npos && e.find('.', at + 2) != std::string::npos && e.back() != '.';
}

sync::Result<sync::Value> parse_value(const sync::TableDef& t, const sync::FieldDef& f, const std::string& text) {
    auto bad = [&](const std::string& what) -> sync::Result<sync::Value> {
        return sync::Error{sync::Code::Invalid, t.name + "." + f.name + ": " + what + ", got '" + text + "'"};
    };
    if (text.empty()) return sync::Value{};
    switch (f.type) {
        case sync::FieldType::Integer: {
            std::string digits;
            for (char c : text)
                if (c != ' ' && c != '_') digits.push_back(c);
            if (digits.empty() || digits.size() > 19) return bad("expected a whole number");
            std::size_t i = digits[0] == '-' ? 1 : 0;
            if (i == digits.size()) return bad("expected a whole number");
            for (std::size_t k = i; k < digits.size(); ++k)
                if (!std::isdigit(static_cast<unsigned char>(digits[k]))) return bad("expected a whole number");
            return sync::Value{static_cast<std::int64_t>(std::stoll(digits))};
        }
        case sync::FieldType::Real: {
            try {
                std::size_t used = 0;
                double d = std::stod(text, &used);
                if (used != text.size()) return bad("expected a number");
                return sync::Value{d};
            } catch (...) {
                return bad("expected a number");
            }
        }
        case sync::FieldType::Bool: {
            std::string l = lower(text);
            if (l == "true" || l == "yes" || l == "1" || l == "ja" || l == "y") return sync::Value{std::int64_t{1}};
            if (l == "false" || l == "no" || l == "0" || l == "nej" || l == "n") return sync::Value{std::int64_t{0}};
            return bad("expected true or false");
        }
        default:
            if (f.name == "email" && !looks_like_email(text)) return bad("expected an e-mail address");
            return sync::Value{text};
    }
}

bool period_ok(const sync::Fields& fields) {
    auto text_of = [&](const char* n) -> std::string {
        for (auto& [k, v] : fields)
            if (k == n && std::holds_alternative<std::string>(v)) return std::get<std::string>(v);
        return {};
    };
    std::string from = text_of("period_start"), to = text_of("period_end");
    return from.empty() || to.empty() || from <= to;
}

std::string format_value(const sync::FieldDef& f, const sync::Value& v) {
    if (sync::is_null(v)) return "";
    if (f.type == sync::FieldType::Bool && std::holds_alternative<std::int64_t>(v))
        return std::get<std::int64_t>(v) ? "true" : "false";
    return sync::to_display(v);
}

std::string today() { return sync::utc_text(std::time(nullptr), "%Y-%m-%d"); }

}  // namespace fika::client
