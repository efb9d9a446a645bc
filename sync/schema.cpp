#include "schema.h"

#include "hlc.h"

#include <cmath>
#include <cstdio>
#include <cstring>

namespace fika::sync {

namespace {

// Small builders so the model below reads like a table.
FieldDef text_f(std::string name, std::size_t max_len, bool required = false) {
    FieldDef f;
    f.name = std::move(name);
    f.type = FieldType::Text;
    f.max_len = max_len;
    f.required = required;
    return f;
}
FieldDef int_f(std::string name, std::int64_t min, std::int64_t max) {
    FieldDef f;
    f.name = std::move(name);
    f.type = FieldType::Integer;
    f.min = min;
    f.max = max;
    return f;
}
FieldDef bool_f(std::string name, bool fallback) {
    FieldDef f;
    f.name = std::move(name);
    f.type = FieldType::Bool;
    f.fallback = std::int64_t{fallback ? 1 : 0};
    return f;
}
FieldDef typed_f(std::string name, FieldType type, bool required = false) {
    FieldDef f;
    f.name = std::move(name);
    f.type = type;
    f.required = required;
    return f;
}
FieldDef enum_f(std::string name, std::vector<std::string> choices, std::string fallback = {},
                bool required = false) {
    FieldDef f;
    f.name = std::move(name);
    f.type = FieldType::Enum;
    f.choices = std::move(choices);
    if (!fallback.empty()) f.fallback = fallback;
    f.required = required;
    return f;
}
FieldDef fixed(FieldDef f) {
    f.immutable = true;
    return f;
}
FieldDef account_ref() { return fixed(typed_f("account_id", FieldType::Ref, true)); }
FieldDef personal(FieldDef f) {
    f.personal = true;
    return f;
}

// Adds `erased` (schema 2) to a table with personal fields.
void erasable(TableDef& t) {
    FieldDef f = bool_f("erased", false);
    f.since = 2;
    t.fields.push_back(std::move(f));
    t.erased_field = t.field_index("erased");
}

const std::vector<std::string> kStages = {"spotted", "qualified", "meeting", "offer",
                                          "negotiation", "won", "lost"};
const std::vector<std::string> kCurrencies = {"DKK", "SEK", "NOK", "EUR"};
const std::vector<std::string> kStyles = {"passive", "neutral", "direct"};

TableDef make_table(int id, std::string name, BucketRule bucket, std::vector<FieldDef> fields) {
    TableDef t;
    t.id = id;
    t.name = std::move(name);
    t.bucket = bucket;
    fields.push_back(bool_f("deleted", false));
    t.fields = std::move(fields);
    t.deleted_field = t.field_index("deleted");
    if (bucket == BucketRule::Field) t.bucket_field = t.field_index("account_id");
    return t;
}

std::vector<TableDef> model() {
    std::vector<TableDef> m;
    m.push_back(make_table(1, "accounts", BucketRule::Self,
                           {text_f("name", 200, true), text_f("org_number", 32),
                            text_f("industry", 100), text_f("competitor_group", 100),
                            enum_f("policy", {"active", "inbound-only", "blocked"}, "active"),
                            int_f("yearly_revenue", 0, INT64_MAX), text_f("owner", 64)}));
    m.push_back(make_table(
        2, "contacts", BucketRule::Field,
        {account_ref(), personal(text_f("name", 200, true)), personal(text_f("title", 200)),
         personal(text_f("email", 254)), personal(text_f("phone", 64)),
         enum_f("role", {"decision-maker", "project-owner", "influencer", "user", "other"},
                "other"),
         bool_f("met", false)}));
    m.push_back(make_table(
        3, "cases", BucketRule::Field,
        {account_ref(), typed_f("contact_id", FieldType::Ref), text_f("title", 500, true),
         text_f("need", 20000), int_f("value", 0, INT64_MAX),
         enum_f("currency", kCurrencies, "DKK"), enum_f("stage", kStages, "spotted"),
         int_f("probability", 0, 100), fixed(text_f("found_by", 64)), text_f("owner", 64),
         text_f("next_step", 1000), typed_f("follow_up", FieldType::Date),
         text_f("lost_reason", 1000)}));
    // Append-only: every field but `deleted` is fixed at creation.
    m.push_back(make_table(4, "stage_changes", BucketRule::Field,
                           {account_ref(), fixed(typed_f("case_id", FieldType::Ref, true)),
                            fixed(enum_f("from_stage", kStages)),
                            fixed(enum_f("to_stage", kStages, {}, true)),
                            fixed(typed_f("at", FieldType::DateTime, true)),
                            fixed(text_f("by_user", 64))}));
    // Append-only as far as the numbers go: type, direction, date and author are fixed;
    // the outcome and note can be completed later.
    m.push_back(make_table(
        5, "activities", BucketRule::Field,
        {fixed(enum_f("type",
                      {"conversation", "meeting", "phone-meeting", "offer", "won", "lost", "other"},
                      {}, true)),
         fixed(enum_f("direction", {"outbound", "inbound"}, "outbound")), account_ref(),
         typed_f("contact_id", FieldType::Ref), typed_f("case_id", FieldType::Ref),
         fixed(typed_f("date", FieldType::Date, true)), personal(text_f("outcome", 1000)),
         personal(text_f("note", 100000)), fixed(text_f("by_user", 64))}));
    m.push_back(make_table(6, "notes", BucketRule::Field,
                           {account_ref(), typed_f("contact_id", FieldType::Ref),
                            typed_f("case_id", FieldType::Ref),
                            enum_f("kind", {"free", "needs-analysis"}, "free"),
                            personal(text_f("body", 200000, true)), fixed(text_f("by_user", 64))}));
    m.push_back(make_table(
        7, "follow_ups", BucketRule::Field,
        {account_ref(), personal(text_f("summary", 500, true)), typed_f("due", FieldType::Date),
         enum_f("status", {"open", "done", "cancelled"}, "open"),
         enum_f("related_kind", {"account", "contact", "case"}),
         typed_f("related_id", FieldType::Ref), text_f("assignee", 64)}));
    m.push_back(make_table(8, "contact_plans", BucketRule::Field,
                           {account_ref(), text_f("consultant", 64, true),
                            typed_f("contact_id", FieldType::Ref, true),
                            typed_f("planned_by", FieldType::Date),
                            enum_f("status", {"planned", "done", "cancelled"}, "planned")}));
    m.push_back(make_table(9, "programmes", BucketRule::Global,
                           {text_f("name", 200, true), int_f("cost", 0, INT64_MAX),
                            enum_f("currency", kCurrencies, "DKK"),
                            typed_f("period_start", FieldType::Date),
                            typed_f("period_end", FieldType::Date)}));
    m.push_back(make_table(10, "talking_points", BucketRule::Global,
                           {enum_f("style", kStyles, {}, true), text_f("body", 2000, true),
                            enum_f("language", {"en", "sv", "da"}, "en")}));
    m.push_back(make_table(
        11, "users", BucketRule::Global,
        {text_f("name", 200, true),
         enum_f("role", {"consultant", "seller", "admin"}, "consultant"),
         enum_f("style", kStyles, "neutral"), int_f("weekly_target", 0, 1000)}));
    for (TableDef& t : m)
        if (t.name == "contacts" || t.name == "activities" || t.name == "notes" || t.name == "follow_ups")
            erasable(t);
    // Schema 3: a photo or file on a record. The record says what the content is (its
    // SHA-256 and size, fixed at creation) and what it is attached to; the content itself
    // travels apart (docs/protocol.md, "Attachments"). `contact_id` is the person it is
    // about (the contact it is on, or the contact of the record it is on): erasing them
    // erases it. Deleting it puts it in the trash; its content stays until it is erased.
    TableDef att = make_table(
        12, "attachments", BucketRule::Field,
        {account_ref(),
         fixed(enum_f("record_kind", {"account", "contact", "case", "activity", "note"}, {}, true)),
         fixed(typed_f("record_id", FieldType::Ref, true)), fixed(typed_f("contact_id", FieldType::Ref)),
         personal(text_f("name", 255, true)), fixed(text_f("type", 100)),
         fixed(int_f("size", 0, INT64_MAX)), fixed(text_f("sha256", 64)), fixed(text_f("by_user", 64))});
    att.fields[static_cast<size_t>(att.field_index("size"))].required = true;
    att.fields[static_cast<size_t>(att.field_index("sha256"))].required = true;
    erasable(att);
    att.since = 3;
    for (FieldDef& f : att.fields) f.since = 3;
    m.push_back(std::move(att));
    return m;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int num(std::string_view s, size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
        if (!is_digit(s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool valid_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    int y = num(s, 0, 4), m = num(s, 5, 2), d = num(s, 8, 2);
    if (y < 1 || m < 1 || m > 12 || d < 1) return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max_d = days[m - 1] + (m == 2 && leap ? 1 : 0);
    return d <= max_d;
}

bool valid_datetime(std::string_view s) {
    // YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DDTHH:MM:SS.mmmZ
    if (s.size() != 20 && s.size() != 24) return false;
    if (!valid_date(s.substr(0, 10)) || s[10] != 'T' || s[13] != ':' || s[16] != ':') return false;
    int h = num(s, 11, 2), mi = num(s, 14, 2), se = num(s, 17, 2);
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60) return false;
    if (s.size() == 24 && (s[19] != '.' || num(s, 20, 3) < 0)) return false;
    return s.back() == 'Z';
}

}  // namespace

std::string_view type_name(FieldType t) {
    switch (t) {
        case FieldType::Text: return "text";
        case FieldType::Integer: return "integer";
        case FieldType::Real: return "number";
        case FieldType::Bool: return "boolean";
        case FieldType::Date: return "date (YYYY-MM-DD)";
        case FieldType::DateTime: return "UTC time (YYYY-MM-DDTHH:MM:SSZ)";
        case FieldType::Enum: return "choice";
        case FieldType::Ref: return "record id";
    }
    return "?";
}

int TableDef::field_index(std::string_view n) const {
    for (size_t i = 0; i < fields.size(); ++i)
        if (fields[i].name == n) return static_cast<int>(i);
    return -1;
}

bool TableDef::erased(const std::vector<Value>& values) const {
    if (erased_field < 0) return false;
    const Value& v = values[static_cast<size_t>(erased_field)];
    return std::holds_alternative<std::int64_t>(v) && std::get<std::int64_t>(v) != 0;
}

Value erased_value(const FieldDef& f) {
    if (f.required && f.type == FieldType::Text) return std::string("[erased]");
    return Value{};
}

const FieldDef* TableDef::field(std::string_view n) const {
    int i = field_index(n);
    return i < 0 ? nullptr : &fields[static_cast<size_t>(i)];
}

Schema::Schema(std::vector<TableDef> tables, int version)
    : tables_(std::move(tables)), version_(version) {}

const Schema& Schema::current() {
    static const Schema s(model(), kSchemaVersion);
    return s;
}

const TableDef* Schema::table(std::string_view name) const {
    for (const auto& t : tables_)
        if (t.name == name) return &t;
    return nullptr;
}

const TableDef* Schema::table_by_id(int id) const {
    for (const auto& t : tables_)
        if (t.id == id) return &t;
    return nullptr;
}

std::optional<int> default_probability(std::string_view stage) {
    static const std::pair<std::string_view, int> table[] = {
        {"spotted", 10}, {"qualified", 25}, {"meeting", 40}, {"offer", 60},
        {"negotiation", 80}, {"won", 100}, {"lost", 0}};
    for (auto& [s, p] : table)
        if (s == stage) return p;
    return std::nullopt;
}

Status validate_value(const TableDef& table, const FieldDef& f, const Value& v) {
    // Named only when refused: every incoming value passes through here.
    auto name = [&] { return table.name + "." + f.name; };
    auto bad = [&](std::string what, const char* rule = "type") -> Status {
        return field_error(Code::Invalid, name() + ": " + what, name(), rule);
    };
    if (is_null(v)) {
        if (f.required) return bad("is required", "required");
        return ok_status();
    }
    switch (f.type) {
        case FieldType::Integer: {
            auto* i = std::get_if<std::int64_t>(&v);
            if (!i) return bad("expected an integer");
            if (*i < f.min || *i > f.max)
                return field_error(Code::Invalid,
                                   name() + ": must be between " + std::to_string(f.min) + " and " + std::to_string(f.max),
                                   name(), "range", f.min, f.max);
            return ok_status();
        }
        case FieldType::Bool: {
            auto* i = std::get_if<std::int64_t>(&v);
            if (!i || (*i != 0 && *i != 1)) return bad("expected true or false");
            return ok_status();
        }
        case FieldType::Real: {
            auto* d = std::get_if<double>(&v);
            auto* i = std::get_if<std::int64_t>(&v);
            if (i) return ok_status();
            if (!d || !std::isfinite(*d)) return bad("expected a finite number");
            return ok_status();
        }
        default: break;
    }
    auto* s = std::get_if<std::string>(&v);
    if (!s) return bad(std::string("expected ") + std::string(type_name(f.type)));
    std::size_t limit = f.max_len ? f.max_len : 256;
    if (f.type == FieldType::Text && s->size() > limit)
        return field_error(Code::TooLarge, name() + ": longer than " + std::to_string(limit) + " bytes", name(), "too_long",
                           0, static_cast<std::int64_t>(limit));
    if (s->size() > kMaxTextBytes)
        return field_error(Code::TooLarge, name(), name(), "too_long", 0, static_cast<std::int64_t>(kMaxTextBytes));
    if (!valid_utf8(*s)) return bad("is not valid UTF-8");
    switch (f.type) {
        case FieldType::Date:
            if (!valid_date(*s)) return bad("expected a date YYYY-MM-DD, got '" + *s + "'");
            break;
        case FieldType::DateTime:
            if (!valid_datetime(*s))
                return bad("expected a UTC time YYYY-MM-DDTHH:MM:SSZ, got '" + *s + "'");
            break;
        case FieldType::Enum: {
            bool found = false;
            for (auto& c : f.choices) found = found || c == *s;
            if (!found) {
                std::string list;
                for (auto& c : f.choices) list += (list.empty() ? "" : ", ") + c;
                return bad("'" + *s + "' is not one of " + list, "choice");
            }
            break;
        }
        case FieldType::Ref:
            if (!is_uuid(*s)) return bad("expected a record id, got '" + *s + "'");
            break;
        default: break;
    }
    return ok_status();
}

std::string to_display(const Value& v) {
    switch (v.index()) {
        case 0: return "";
        case 1: return std::to_string(std::get<1>(v));
        case 2: {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.17g", std::get<2>(v));
            return buf;
        }
        default: return std::get<3>(v);
    }
}

bool valid_utf8(std::string_view s) {
    size_t i = 0, n = s.size();
    while (i < n) {
        // ASCII fast path: eight bytes at a time.
        while (i + 8 <= n) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            if (w & 0x8080808080808080ULL) break;
            i += 8;
        }
        if (i >= n) break;
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len;
        std::uint32_t cp;
        if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F;
        else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F;
        else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07;
        else return false;
        if (i + len > n) return false;
        for (size_t k = 1; k < len; ++k) {
            auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

}  // namespace fika::sync
