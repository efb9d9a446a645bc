#include "protocol.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <initializer_list>

namespace fika::sync {

using json = nlohmann::json;

namespace {

// ---- encoding -------------------------------------------------------------------------------
// Written straight into the output string: building a JSON DOM first cost more than
// everything else in a first download together (docs/benchmarks.md).

class Writer {
public:
    std::string out;

    void raw(std::string_view s) { out.append(s); }
    void ch(char c) { out.push_back(c); }
    void key(std::string_view k) {
        str(k);
        ch(':');
    }
    void u64(std::uint64_t v) {
        char buf[24];
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        out.append(buf, r.ptr);
    }
    void i64(std::int64_t v) {
        char buf[24];
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        out.append(buf, r.ptr);
    }
    void real(double v) {
        if (!std::isfinite(v)) {  // not representable in JSON (validation refuses them)
            raw("null");
            return;
        }
        char buf[32];
        auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest text that reads back exactly
        out.append(buf, r.ptr);
    }
    void boolean(bool b) { raw(b ? "true" : "false"); }
    // A JSON string. Text is valid UTF-8 (validated on every write), so only quotes,
    // backslashes and control characters need escaping.
    void str(std::string_view s) {
        ch('"');
        std::size_t start = 0;
        for (std::size_t i = 0; i < s.size(); ++i) {
            auto c = static_cast<unsigned char>(s[i]);
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            out.append(s.data() + start, i - start);
            start = i + 1;
            switch (c) {
                case '"': raw("\\\""); break;
                case '\\': raw("\\\\"); break;
                case '\n': raw("\\n"); break;
                case '\r': raw("\\r"); break;
                case '\t': raw("\\t"); break;
                case '\b': raw("\\b"); break;
                case '\f': raw("\\f"); break;
                default: {
                    static const char* hex = "0123456789abcdef";
                    char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                    out.append(u, 6);
                }
            }
        }
        out.append(s.data() + start, s.size() - start);
        ch('"');
    }
    void value(const FieldDef& f, const Value& v) {
        switch (v.index()) {
            case 0: raw("null"); break;
            case 1:
                if (f.type == FieldType::Bool) boolean(std::get<1>(v) != 0);
                else i64(std::get<1>(v));
                break;
            case 2: real(std::get<2>(v)); break;
            default: str(std::get<3>(v));
        }
    }
};

// Appends one change; false (and nothing appended) when no field of it is known to the peer.
bool encode_change(Writer& w, const RecordChange& rc, int peer_schema) {
    Clock clocks[64];
    std::vector<Clock> more;  // a record has at most a few dozen fields; this stays empty
    std::size_t nclocks = 0;
    auto at = [&](std::size_t i) -> const Clock& { return i < 64 ? clocks[i] : more[i - 64]; };
    auto ref = [&](const Clock& c) -> std::size_t {
        if (c.is_zero()) return 0;
        for (std::size_t i = 0; i < nclocks; ++i)
            if (at(i) == c) return i + 1;
        if (nclocks < 64) clocks[nclocks] = c;
        else more.push_back(c);
        return ++nclocks;
    };
    std::size_t mark = w.out.size();
    w.raw("{\"t\":");
    w.str(rc.table->name);
    w.raw(",\"id\":");
    w.str(rc.id);
    w.raw(",\"f\":{");
    bool any = false;
    for (const CellChange& c : rc.cells) {
        const FieldDef& fd = rc.table->fields[static_cast<size_t>(c.field)];
        if (fd.since > peer_schema) continue;
        if (any) w.ch(',');
        any = true;
        w.key(fd.name);
        w.ch('[');
        w.value(fd, c.value);
        w.ch(',');
        w.u64(ref(c.clock));
        w.ch(',');
        w.u64(ref(c.base));
        w.ch(']');
    }
    if (!any) {
        w.out.resize(mark);
        return false;
    }
    w.raw("},\"k\":[");
    for (std::size_t i = 0; i < nclocks; ++i) {
        if (i) w.ch(',');
        w.ch('[');
        w.u64(at(i).hlc);
        w.raw(",\"");
        w.raw(site_to_string(at(i).site));
        w.raw("\"]");
    }
    w.raw("]}");
    return true;
}

void encode_changes(Writer& w, const std::vector<RecordChange>& changes, int peer_schema = kSchemaVersion) {
    w.ch('[');
    bool first = true;
    for (const RecordChange& rc : changes) {
        if (rc.table->since > peer_schema) continue;
        if (!first) w.ch(',');
        std::size_t mark = w.out.size();
        if (encode_change(w, rc, peer_schema)) first = false;
        else w.out.resize(first ? mark : mark - 1);
    }
    w.ch(']');
}

std::string hex64(std::uint64_t v) { return site_to_string(v); }

void encode_header(Writer& w, int schema, Site site, std::uint64_t hlc) {
    w.raw("{\"v\":");
    w.i64(kProtocolVersion);
    w.raw(",\"schema\":");
    w.i64(schema);
    w.raw(",\"site\":\"");
    w.raw(site_to_string(site));
    w.raw("\",\"hlc\":");
    w.u64(hlc);
}

// ---- strict decoding helpers ----------------------------------------------------------------

[[noreturn]] void bad(const std::string& path, const std::string& what) {
    fail(Code::Invalid, path + ": " + what);
}

const char* kind(const json& j) {
    switch (j.type()) {
        case json::value_t::null: return "null";
        case json::value_t::object: return "an object";
        case json::value_t::array: return "an array";
        case json::value_t::string: return "a string";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::number_float: return "a fractional number";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "an integer";
        default: return "something else";
    }
}

void object(const json& j, const std::string& path, std::initializer_list<std::string_view> keys) {
    if (!j.is_object()) bad(path, std::string("expected an object, got ") + kind(j));
    for (auto it = j.begin(); it != j.end(); ++it) {
        bool known = false;
        for (auto k : keys) known = known || it.key() == k;
        if (!known) bad(path, "unknown field '" + it.key() + "'");
    }
}

const json& member(const json& j, const std::string& path, const char* key) {
    auto it = j.find(key);
    if (it == j.end()) bad(path, std::string("missing field '") + key + "'");
    return *it;
}

std::uint64_t as_uint(const json& j, const std::string& path, std::uint64_t max = kMaxHlc) {
    if (j.is_number_unsigned()) {
        auto v = j.get<std::uint64_t>();
        if (v > max) bad(path, "out of range");
        return v;
    }
    if (j.is_number_integer()) {
        auto v = j.get<std::int64_t>();
        if (v < 0) bad(path, "must not be negative");
        if (static_cast<std::uint64_t>(v) > max) bad(path, "out of range");
        return static_cast<std::uint64_t>(v);
    }
    bad(path, std::string("expected a non-negative integer, got ") + kind(j));
}

const std::string& as_string(const json& j, const std::string& path) {
    if (!j.is_string()) bad(path, std::string("expected a string, got ") + kind(j));
    return j.get_ref<const std::string&>();
}

bool as_bool(const json& j, const std::string& path) {
    if (!j.is_boolean()) bad(path, std::string("expected true or false, got ") + kind(j));
    return j.get<bool>();
}

Site as_site(const json& j, const std::string& path) {
    Site s = 0;
    if (!parse_site(as_string(j, path), s)) bad(path, "expected 16 lower-case hex digits");
    return s;
}

int as_version(const json& j, const std::string& path) {
    std::uint64_t v = as_uint(j, path, 1000000);
    return static_cast<int>(v);
}

Value decode_value(const TableDef& t, const FieldDef& f, const json& j, const std::string& path) {
    Value v;
    switch (j.type()) {
        case json::value_t::null: break;
        case json::value_t::boolean:
            if (f.type != FieldType::Bool) bad(path, std::string("expected ") + std::string(type_name(f.type)) + ", got a boolean");
            v = std::int64_t{j.get<bool>() ? 1 : 0};
            break;
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
            if (f.type == FieldType::Real) {
                v = j.get<double>();
            } else if (f.type == FieldType::Integer) {
                if (j.is_number_unsigned() && j.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
                    bad(path, "integer out of range");
                v = j.get<std::int64_t>();
            } else {
                bad(path, std::string("expected ") + std::string(type_name(f.type)) + ", got an integer");
            }
            break;
        case json::value_t::number_float:
            if (f.type != FieldType::Real) bad(path, std::string("expected ") + std::string(type_name(f.type)) + ", got a fractional number");
            v = j.get<double>();
            break;
        case json::value_t::string:
            if (f.type == FieldType::Integer || f.type == FieldType::Real || f.type == FieldType::Bool)
                bad(path, std::string("expected ") + std::string(type_name(f.type)) + ", got a string");
            v = j.get<std::string>();
            break;
        default: bad(path, std::string("expected a value, got ") + kind(j));
    }
    Status st = validate_value(t, f, v);
    if (!st) fail(st.error().code, path + ": " + st.error().message);
    return v;
}

RecordChange decode_change(const json& j, const std::string& path, const Schema& schema,
                           const Limits& limits) {
    object(j, path, {"t", "id", "k", "f"});
    RecordChange rc;
    const std::string& tname = as_string(member(j, path, "t"), path + ".t");
    rc.table = schema.table(tname);
    if (!rc.table) bad(path + ".t", "unknown table '" + tname + "'");
    rc.id = as_string(member(j, path, "id"), path + ".id");
    if (!is_uuid(rc.id)) bad(path + ".id", "expected a record id (UUID)");
    const json& k = member(j, path, "k");
    if (!k.is_array()) bad(path + ".k", std::string("expected an array, got ") + kind(k));
    if (k.size() > limits.max_clocks) fail(Code::TooLarge, path + ".k: too many clocks");
    std::vector<Clock> clocks;
    for (std::size_t i = 0; i < k.size(); ++i) {
        std::string p = path + ".k[" + std::to_string(i) + "]";
        if (!k[i].is_array() || k[i].size() != 2) bad(p, "expected [hlc, site]");
        Clock c{as_uint(k[i][0], p + "[0]"), as_site(k[i][1], p + "[1]")};
        if (c.hlc == 0) bad(p + "[0]", "a clock must be positive");
        clocks.push_back(c);
    }
    const json& f = member(j, path, "f");
    if (!f.is_object()) bad(path + ".f", std::string("expected an object, got ") + kind(f));
    if (f.empty()) bad(path + ".f", "a change must set at least one field");
    for (auto it = f.begin(); it != f.end(); ++it) {
        std::string p = path + ".f." + it.key();
        int idx = rc.table->field_index(it.key());
        if (idx < 0) bad(p, "unknown field '" + it.key() + "' in table " + rc.table->name);
        const json& cell = it.value();
        if (!cell.is_array() || cell.size() != 3) bad(p, "expected [value, clock, base]");
        CellChange c;
        c.field = idx;
        c.value = decode_value(*rc.table, rc.table->fields[static_cast<size_t>(idx)], cell[0], p + "[0]");
        std::uint64_t ci = as_uint(cell[1], p + "[1]", clocks.size());
        std::uint64_t bi = as_uint(cell[2], p + "[2]", clocks.size());
        if (ci == 0) bad(p + "[1]", "a cell needs a clock (1-based index into k)");
        c.clock = clocks[ci - 1];
        if (bi) c.base = clocks[bi - 1];
        rc.cells.push_back(std::move(c));
    }
    return rc;
}

std::vector<RecordChange> decode_changes(const json& j, const std::string& path,
                                         const Schema& schema, const Limits& limits) {
    if (!j.is_array()) bad(path, std::string("expected an array, got ") + kind(j));
    if (j.size() > limits.max_changes)
        fail(Code::TooLarge, path + ": more than " + std::to_string(limits.max_changes) +
                                 " changes in one message; send them in pages");
    std::vector<RecordChange> out;
    out.reserve(j.size());
    for (std::size_t i = 0; i < j.size(); ++i)
        out.push_back(decode_change(j[i], path + "[" + std::to_string(i) + "]", schema, limits));
    return out;
}

// nlohmann's parser recurses; refuse deep nesting before it sees the text.
void check_depth(std::string_view text, std::size_t max_depth) {
    std::size_t depth = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '[' || c == '{') {
            if (++depth > max_depth) fail(Code::Invalid, "JSON nested too deeply");
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
}

json parse(std::string_view text, const Limits& limits) {
    check_depth(text, limits.max_depth);
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) fail(Code::Invalid, "malformed JSON");
    return j;
}

void check_header(const json& j, int& schema) {
    int v = as_version(member(j, "message", "v"), "v");
    if (v != kProtocolVersion)
        fail(Code::Invalid, "v: protocol version " + std::to_string(v) + " is not supported (this peer speaks " +
                                std::to_string(kProtocolVersion) + ")");
    schema = as_version(member(j, "message", "schema"), "schema");
    if (schema < 1) bad("schema", "must be at least 1");
}

}  // namespace

bool valid_bucket(std::string_view b) { return b == kGlobalBucket || is_uuid(b); }

std::string encode_request(const SyncRequest& r) {
    Writer w;
    w.out.reserve(256 + r.push.size() * 512 + r.cursors.size() * 64);
    encode_header(w, r.schema, r.site, r.hlc);
    if (r.has_push) {
        w.raw(",\"push\":{\"upto\":");
        w.u64(r.push_upto);
        w.raw(",\"changes\":");
        encode_changes(w, r.push);
        w.ch('}');
    }
    if (r.has_pull) {
        w.raw(",\"pull\":{\"cursors\":{");
        bool first = true;
        for (auto& [b, cur] : r.cursors) {
            if (!first) w.ch(',');
            first = false;
            w.key(b);
            if (cur.since == cur.at) {
                w.u64(cur.at);
            } else {
                w.ch('[');
                w.u64(cur.since);
                w.ch(',');
                w.u64(cur.at);
                w.ch(']');
            }
        }
        w.raw("},\"limit\":");
        w.u64(r.limit);
        w.ch('}');
    }
    w.ch('}');
    return std::move(w.out);
}

std::string encode_response(const SyncResponse& r, int peer_schema) {
    Writer w;
    std::size_t n = 0;
    for (const BucketPage& p : r.pages) n += p.changes.size();
    w.out.reserve(512 + n * 512);
    encode_header(w, r.schema, r.site, r.hlc);
    w.raw(",\"push\":{\"upto\":");
    w.u64(r.push_upto);
    w.raw(",\"refused\":[");
    for (std::size_t i = 0; i < r.refused.size(); ++i) {
        const Refusal& f = r.refused[i];
        if (i) w.ch(',');
        w.raw("{\"t\":");
        w.str(f.table);
        w.raw(",\"id\":");
        w.str(f.id);
        w.raw(",\"code\":");
        w.str(code_name(f.error.code));
        w.raw(",\"message\":");
        w.str(f.error.message);
        w.ch('}');
    }
    w.raw("]},\"pages\":[");
    for (std::size_t i = 0; i < r.pages.size(); ++i) {
        const BucketPage& p = r.pages[i];
        if (i) w.ch(',');
        w.raw("{\"bucket\":");
        w.str(p.bucket);
        w.raw(",\"from\":");
        w.u64(p.from);
        w.raw(",\"to\":");
        w.u64(p.to);
        w.raw(",\"more\":");
        w.boolean(p.more);
        w.raw(",\"checksum\":\"");
        w.raw(hex64(p.checksum));
        w.raw("\",\"changes\":");
        encode_changes(w, p.changes, peer_schema);
        w.ch('}');
    }
    w.raw("],\"purge\":[");
    for (std::size_t i = 0; i < r.purge.size(); ++i) {
        if (i) w.ch(',');
        w.str(r.purge[i]);
    }
    w.raw("],\"more\":");
    w.boolean(r.more);
    w.ch('}');
    return std::move(w.out);
}

Result<SyncRequest> decode_request(std::string_view text, const Schema& schema, const Limits& limits) {
    return guard([&] {
        json j = parse(text, limits);
        object(j, "request", {"v", "schema", "site", "hlc", "push", "pull"});
        SyncRequest r;
        check_header(j, r.schema);
        r.site = as_site(member(j, "request", "site"), "site");
        r.hlc = as_uint(member(j, "request", "hlc"), "hlc");
        if (auto it = j.find("push"); it != j.end()) {
            object(*it, "push", {"upto", "changes"});
            r.has_push = true;
            r.push_upto = as_uint(member(*it, "push", "upto"), "push.upto", static_cast<std::uint64_t>(INT64_MAX));
            r.push = decode_changes(member(*it, "push", "changes"), "push.changes", schema, limits);
        }
        if (auto it = j.find("pull"); it != j.end()) {
            object(*it, "pull", {"cursors", "limit"});
            r.has_pull = true;
            const json& c = member(*it, "pull", "cursors");
            if (!c.is_object()) bad("pull.cursors", std::string("expected an object, got ") + kind(c));
            if (c.size() > limits.max_buckets) fail(Code::TooLarge, "pull.cursors: too many buckets");
            for (auto ci = c.begin(); ci != c.end(); ++ci) {
                if (!valid_bucket(ci.key())) bad("pull.cursors", "'" + ci.key() + "' is not a bucket");
                std::string p = "pull.cursors." + ci.key();
                constexpr auto kMax = static_cast<std::uint64_t>(INT64_MAX);
                Cursor cur;
                if (ci.value().is_array()) {
                    if (ci.value().size() != 2) bad(p, "expected a number or [since, at]");
                    cur.since = as_uint(ci.value()[0], p + "[0]", kMax);
                    cur.at = as_uint(ci.value()[1], p + "[1]", kMax);
                    if (cur.since > cur.at) bad(p, "since is after at");
                } else {
                    cur.at = cur.since = as_uint(ci.value(), p, kMax);
                }
                r.cursors[ci.key()] = cur;
            }
            if (auto li = it->find("limit"); li != it->end()) {
                r.limit = static_cast<std::size_t>(as_uint(*li, "pull.limit", limits.max_limit));
                if (r.limit == 0) bad("pull.limit", "must be at least 1");
            }
        }
        return r;
    });
}

Result<SyncResponse> decode_response(std::string_view text, const Schema& schema, const Limits& limits) {
    return guard([&] {
        json j = parse(text, limits);
        object(j, "response", {"v", "schema", "site", "hlc", "push", "pages", "purge", "more"});
        SyncResponse r;
        check_header(j, r.schema);
        r.site = as_site(member(j, "response", "site"), "site");
        r.hlc = as_uint(member(j, "response", "hlc"), "hlc");
        const json& push = member(j, "response", "push");
        object(push, "push", {"upto", "refused"});
        r.push_upto = as_uint(member(push, "push", "upto"), "push.upto", static_cast<std::uint64_t>(INT64_MAX));
        const json& refused = member(push, "push", "refused");
        if (!refused.is_array()) bad("push.refused", "expected an array");
        for (std::size_t i = 0; i < refused.size(); ++i) {
            std::string p = "push.refused[" + std::to_string(i) + "]";
            object(refused[i], p, {"t", "id", "code", "message"});
            Refusal f;
            f.table = as_string(member(refused[i], p, "t"), p + ".t");
            f.id = as_string(member(refused[i], p, "id"), p + ".id");
            const std::string& code = as_string(member(refused[i], p, "code"), p + ".code");
            f.error.code = code_from_name(code, Code::Forbidden);
            f.error.message = as_string(member(refused[i], p, "message"), p + ".message");
            r.refused.push_back(std::move(f));
        }
        const json& pages = member(j, "response", "pages");
        if (!pages.is_array()) bad("pages", "expected an array");
        if (pages.size() > limits.max_buckets) fail(Code::TooLarge, "pages: too many");
        for (std::size_t i = 0; i < pages.size(); ++i) {
            std::string p = "pages[" + std::to_string(i) + "]";
            object(pages[i], p, {"bucket", "from", "to", "more", "checksum", "changes"});
            BucketPage pg;
            pg.bucket = as_string(member(pages[i], p, "bucket"), p + ".bucket");
            if (!valid_bucket(pg.bucket)) bad(p + ".bucket", "not a bucket");
            pg.from = as_uint(member(pages[i], p, "from"), p + ".from", static_cast<std::uint64_t>(INT64_MAX));
            pg.to = as_uint(member(pages[i], p, "to"), p + ".to", static_cast<std::uint64_t>(INT64_MAX));
            if (pg.to < pg.from) bad(p + ".to", "is before from");
            pg.more = as_bool(member(pages[i], p, "more"), p + ".more");
            pg.checksum = as_site(member(pages[i], p, "checksum"), p + ".checksum");
            pg.changes = decode_changes(member(pages[i], p, "changes"), p + ".changes", schema, limits);
            r.pages.push_back(std::move(pg));
        }
        const json& purge = member(j, "response", "purge");
        if (!purge.is_array()) bad("purge", "expected an array");
        for (std::size_t i = 0; i < purge.size(); ++i) {
            const std::string& b = as_string(purge[i], "purge[" + std::to_string(i) + "]");
            if (!valid_bucket(b)) bad("purge[" + std::to_string(i) + "]", "not a bucket");
            r.purge.push_back(b);
        }
        r.more = as_bool(member(j, "response", "more"), "more");
        return r;
    });
}

}  // namespace fika::sync
