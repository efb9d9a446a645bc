#include "protocol.h"

#include "json_reader.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <mutex>

namespace fika::sync {

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
        const char* const d = s.data();
        const std::size_t n = s.size();
        // Eight bytes at a time (a byte-wise test, SWAR, as the reader's), the last few padded
        // with a letter: a string with nothing to escape, nearly every one, is appended whole.
        constexpr std::uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
        auto plain = [](std::uint64_t w) {
            const std::uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
            return !((((q - ones) & ~q) | ((b - ones) & ~b) | ((w - ones * 0x20) & ~w)) & high);
        };
        std::size_t i = 0;
        std::uint64_t w;
        for (; i + 8 <= n; i += 8) {
            std::memcpy(&w, d + i, 8);
            if (!plain(w)) break;
        }
        if (i + 8 > n) {
            w = ones * 'a';
            if (n > i) std::memcpy(&w, d + i, n - i);
            if (plain(w)) {
                ch('"');
                out.append(d, n);
                ch('"');
                return;
            }
        }
        // Something to escape at i or after.
        ch('"');
        out.append(d, i);
        std::size_t start = i;
        for (; i < n; ++i) {
            auto c = static_cast<unsigned char>(d[i]);
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            out.append(d + start, i - start);
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
        out.append(d + start, n - start);
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

// ---- strict decoding ------------------------------------------------------------------------
// Paths name the place of an error ("push.changes[3].f.title[0]"). They are built only
// when there is an error: a first download decodes millions of values.

using jsonr::Kind;
using JValue = jsonr::Value;

struct Path {
    const Path* parent = nullptr;
    std::string_view name;  // ".name", or the root's name
    long index = -1;        // "[index]" when >= 0

    Path at(long i) const { return Path{this, {}, i}; }
    Path dot(std::string_view n) const { return Path{this, n, -1}; }
    std::string str() const {
        std::string s = parent ? parent->str() : std::string();
        if (index >= 0) return s + "[" + std::to_string(index) + "]";
        if (!s.empty()) s += ".";
        return s + std::string(name);
    }
};

[[noreturn]] void bad(const Path& path, const std::string& what) { fail(Code::Invalid, path.str() + ": " + what); }

const char* kind(const JValue& j) {
    switch (j.kind()) {
        case Kind::Null: return "null";
        case Kind::Object: return "an object";
        case Kind::Array: return "an array";
        case Kind::String: return "a string";
        case Kind::Bool: return "a boolean";
        case Kind::Real: return "a fractional number";
        case Kind::Int:
        case Kind::Uint: return "an integer";
    }
    return "something else";
}

// An object whose member names are all in `keys`, each at most once.
void object(const JValue& j, const Path& path, std::initializer_list<std::string_view> keys) {
    if (j.kind() != Kind::Object) bad(path, std::string("expected an object, got ") + kind(j));
    std::uint32_t seen = 0;
    JValue c = j.first_child();
    for (std::uint32_t i = 0; i < j.size(); ++i, c = c.next_sibling()) {
        std::uint32_t bit = 1;
        bool known = false;
        for (auto k : keys) {
            if (c.key() == k) {
                known = true;
                break;
            }
            bit <<= 1;
        }
        if (!known) bad(path, "unknown field '" + std::string(c.key()) + "'");
        if (seen & bit) bad(path, "field '" + std::string(c.key()) + "' appears twice");
        seen |= bit;
    }
}

JValue member(const JValue& j, const Path& path, const char* key) {
    JValue out = j;
    if (!j.find(key, out)) bad(path, std::string("missing field '") + key + "'");
    return out;
}

std::uint64_t as_uint(const JValue& j, const Path& path, std::uint64_t max = kMaxHlc) {
    if (j.kind() == Kind::Uint) {
        if (j.node().u > max) bad(path, "out of range");
        return j.node().u;
    }
    if (j.kind() == Kind::Int) bad(path, "must not be negative");
    bad(path, std::string("expected a non-negative integer, got ") + kind(j));
}

std::string_view as_string(const JValue& j, const Path& path) {
    if (j.kind() != Kind::String) bad(path, std::string("expected a string, got ") + kind(j));
    return j.node().text;
}

bool as_bool(const JValue& j, const Path& path) {
    if (j.kind() != Kind::Bool) bad(path, std::string("expected true or false, got ") + kind(j));
    return j.node().boolean;
}

Site as_site(const JValue& j, const Path& path) {
    Site s = 0;
    if (!parse_site(as_string(j, path), s)) bad(path, "expected 16 lower-case hex digits");
    return s;
}

int as_version(const JValue& j, const Path& path) { return static_cast<int>(as_uint(j, path, 1000000)); }

[[noreturn]] void wrong_type(const FieldDef& f, const Path& path, const char* got) {
    bad(path, std::string("expected ") + std::string(type_name(f.type)) + ", got " + got);
}

Value decode_value(const TableDef& t, const FieldDef& f, const JValue& j, const Path& path) {
    Value v;
    const jsonr::Node& n = j.node();
    switch (n.kind) {
        case Kind::Null: break;
        case Kind::Bool:
            if (f.type != FieldType::Bool) wrong_type(f, path, "a boolean");
            v = std::int64_t{n.boolean ? 1 : 0};
            break;
        case Kind::Int:
        case Kind::Uint:
            if (f.type == FieldType::Real) {
                v = n.kind == Kind::Int ? static_cast<double>(n.i) : static_cast<double>(n.u);
            } else if (f.type == FieldType::Integer) {
                if (n.kind == Kind::Uint && n.u > static_cast<std::uint64_t>(INT64_MAX)) bad(path, "integer out of range");
                v = n.kind == Kind::Int ? n.i : static_cast<std::int64_t>(n.u);
            } else {
                wrong_type(f, path, "an integer");
            }
            break;
        case Kind::Real:
            if (f.type != FieldType::Real) wrong_type(f, path, "a fractional number");
            v = n.d;
            break;
        case Kind::String:
            if (f.type == FieldType::Integer || f.type == FieldType::Real || f.type == FieldType::Bool)
                wrong_type(f, path, "a string");
            v = std::string(n.text);
            break;
        default: bad(path, std::string("expected a value, got ") + kind(j));
    }
    Status st = validate_value(t, f, v);
    if (!st) fail(st.error().code, path.str() + ": " + st.error().message);
    return v;
}

RecordChange decode_change(const JValue& j, const Path& path, const Schema& schema, const Limits& limits) {
    object(j, path, {"t", "id", "k", "f"});
    RecordChange rc;
    Path pt = path.dot("t");
    std::string_view tname = as_string(member(j, path, "t"), pt);
    rc.table = schema.table(std::string(tname));
    if (!rc.table) bad(pt, "unknown table '" + std::string(tname) + "'");
    Path pid = path.dot("id");
    rc.id = as_string(member(j, path, "id"), pid);
    if (!is_uuid(rc.id)) bad(pid, "expected a record id (UUID)");
    Path pk = path.dot("k");
    JValue k = member(j, path, "k");
    if (k.kind() != Kind::Array) bad(pk, std::string("expected an array, got ") + kind(k));
    if (k.size() > limits.max_clocks) fail(Code::TooLarge, pk.str() + ": too many clocks");
    Clock clocks[64];  // max_clocks is at most 64 (checked by the decoders)
    std::size_t nclocks = 0;
    JValue e = k.first_child();
    for (std::uint32_t i = 0; i < k.size(); ++i, e = e.next_sibling()) {
        Path p = pk.at(i);
        if (e.kind() != Kind::Array || e.size() != 2) bad(p, "expected [hlc, site]");
        JValue h = e.first_child();
        Clock c{as_uint(h, p.at(0)), as_site(h.next_sibling(), p.at(1))};
        if (c.hlc == 0) bad(p.at(0), "a clock must be positive");
        clocks[nclocks++] = c;
    }
    Path pf = path.dot("f");
    JValue f = member(j, path, "f");
    if (f.kind() != Kind::Object) bad(pf, std::string("expected an object, got ") + kind(f));
    if (f.size() == 0) bad(pf, "a change must set at least one field");
    rc.cells.reserve(f.size());
    std::vector<bool> seen(rc.table->fields.size());
    const auto& fields = rc.table->fields;
    std::size_t next = 0;  // encoders write cells in field order: try the one after the last first
    JValue cell = f.first_child();
    for (std::uint32_t i = 0; i < f.size(); ++i, cell = cell.next_sibling()) {
        Path p = pf.dot(cell.key());
        int idx = next < fields.size() && fields[next].name == cell.key() ? static_cast<int>(next)
                                                                          : rc.table->field_index(cell.key());
        next = static_cast<std::size_t>(idx) + 1;
        if (idx < 0) bad(p, "unknown field '" + std::string(cell.key()) + "' in table " + rc.table->name);
        if (seen[static_cast<std::size_t>(idx)]) bad(p, "the field appears twice");
        seen[static_cast<std::size_t>(idx)] = true;
        if (cell.kind() != Kind::Array || cell.size() != 3) bad(p, "expected [value, clock, base]");
        JValue v = cell.first_child();
        JValue ci = v.next_sibling();
        JValue bi = ci.next_sibling();
        CellChange c;
        c.field = idx;
        c.value = decode_value(*rc.table, rc.table->fields[static_cast<std::size_t>(idx)], v, p.at(0));
        std::uint64_t cn = as_uint(ci, p.at(1), nclocks);
        std::uint64_t bn = as_uint(bi, p.at(2), nclocks);
        if (cn == 0) bad(p.at(1), "a cell needs a clock (1-based index into k)");
        c.clock = clocks[cn - 1];
        if (bn) c.base = clocks[bn - 1];
        rc.cells.push_back(std::move(c));
    }
    return rc;
}

std::vector<RecordChange> decode_changes(const JValue& j, const Path& path, const Schema& schema,
                                         const Limits& limits) {
    if (j.kind() != Kind::Array) bad(path, std::string("expected an array, got ") + kind(j));
    if (j.size() > limits.max_changes)
        fail(Code::TooLarge, path.str() + ": more than " + std::to_string(limits.max_changes) +
                                 " changes in one message; send them in pages");
    std::vector<RecordChange> out;
    out.reserve(j.size());
    JValue c = j.first_child();
    for (std::uint32_t i = 0; i < j.size(); ++i, c = c.next_sibling())
        out.push_back(decode_change(c, path.at(i), schema, limits));
    return out;
}

// Bounds on the reader: a message may hold at most this many JSON values (a full page of
// changes is far below it).
constexpr std::size_t kMaxValues = 8'000'000;

// Messages are decoded into readers that are kept for the next message: a push or a page
// of 5,000 records is ~200,000 values (9.6 MB), and a fresh array for each message took a
// page fault per 4 KiB it touched - on a virtual machine 17 % of the server's time in an
// upload, and as much again of a device's in a first download. The readers are shared by
// all threads, a few kept (as many as decode at once in an upload or a download), each
// with at most kKeepValues: one kept per thread made a server with 16 workers hold
// 13 MB in each after an upload (peak 290 MB against 120 MB).
constexpr std::size_t kKeepValues = 1u << 18;  // 12 MiB of values
constexpr std::size_t kKeptReaders = 4;

class PooledDoc {
public:
    PooledDoc() : doc_(take()) {}
    ~PooledDoc() {
        doc_->done(kKeepValues);
        std::lock_guard lock(pool_mu());
        if (pool().size() < kKeptReaders) pool().push_back(std::move(doc_));
    }
    PooledDoc(const PooledDoc&) = delete;
    PooledDoc& operator=(const PooledDoc&) = delete;
    jsonr::Doc& doc() { return *doc_; }

private:
    static std::mutex& pool_mu() {
        static std::mutex mu;
        return mu;
    }
    static std::vector<std::unique_ptr<jsonr::Doc>>& pool() {
        static std::vector<std::unique_ptr<jsonr::Doc>> kept;
        return kept;
    }
    static std::unique_ptr<jsonr::Doc> take() {
        {
            std::lock_guard lock(pool_mu());
            if (!pool().empty()) {
                auto d = std::move(pool().back());
                pool().pop_back();
                return d;
            }
        }
        return std::make_unique<jsonr::Doc>();
    }
    std::unique_ptr<jsonr::Doc> doc_;
};

JValue parse(jsonr::Doc& doc, std::string_view text, const Limits& limits) {
    if (limits.max_clocks > 64) fail(Code::Invalid, "max_clocks above 64 is not supported");
    std::string error;
    if (!doc.parse(text, limits.max_depth, kMaxValues, error))
        fail(doc.too_large() ? Code::TooLarge : Code::Invalid, error);
    return doc.root();
}

void check_header(const JValue& j, int& schema) {
    Path pv{nullptr, "v"}, ps{nullptr, "schema"}, msg{nullptr, "message"};
    int v = as_version(member(j, msg, "v"), pv);
    if (v != kProtocolVersion)
        fail(Code::Invalid, "v: protocol version " + std::to_string(v) + " is not supported (this peer speaks " +
                                std::to_string(kProtocolVersion) + ")");
    schema = as_version(member(j, msg, "schema"), ps);
    if (schema < 1) bad(ps, "must be at least 1");
}
}  // namespace

bool valid_bucket(std::string_view b) { return b == kGlobalBucket || is_uuid(b); }

std::string encode_request(const SyncRequest& r) {
    Writer w;
    w.out.reserve(256 + r.push.size() * 512 + r.cursors.size() * 64);
    encode_header(w, r.schema, r.site, r.hlc);
    if (r.has_hub) {
        w.raw(",\"hub\":\"");
        w.raw(site_to_string(r.hub));
        w.ch('"');
    }
    if (r.has_push) {
        w.raw(",\"push\":{\"upto\":");
        w.u64(r.push_upto);
        if (r.push_follows) {
            w.raw(",\"follows\":");
            w.u64(r.push_follows);
        }
        if (r.push_resent) w.raw(",\"resent\":true");
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
        if (r.count) w.raw(",\"count\":true");
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
    if (r.hub) {
        w.raw(",\"hub\":\"");
        w.raw(site_to_string(r.hub));
        w.ch('"');
    }
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
    if (r.left) {
        w.raw(",\"left\":");
        w.u64(*r.left);
    }
    w.ch('}');
    return std::move(w.out);
}

Result<SyncRequest> decode_request(std::string_view text, const Schema& schema, const Limits& limits) {
    PooledDoc reader;
    return guard([&] {
        JValue j = parse(reader.doc(), text, limits);
        const Path request{nullptr, "request"}, push_p{nullptr, "push"}, pull_p{nullptr, "pull"};
        object(j, request, {"v", "schema", "site", "hlc", "hub", "push", "pull"});
        SyncRequest r;
        check_header(j, r.schema);
        r.site = as_site(member(j, request, "site"), Path{nullptr, "site"});
        r.hlc = as_uint(member(j, request, "hlc"), Path{nullptr, "hlc"});
        JValue hub = j;
        if (j.find("hub", hub)) {
            r.has_hub = true;
            r.hub = as_site(hub, Path{nullptr, "hub"});
        }
        constexpr auto kMax = static_cast<std::uint64_t>(INT64_MAX);
        JValue push = j;
        if (j.find("push", push)) {
            object(push, push_p, {"upto", "follows", "resent", "changes"});
            JValue resent = push;
            if (push.find("resent", resent)) r.push_resent = as_bool(resent, push_p.dot("resent"));
            r.has_push = true;
            r.push_upto = as_uint(member(push, push_p, "upto"), push_p.dot("upto"), kMax);
            JValue follows = push;
            if (push.find("follows", follows)) {
                r.push_follows = as_uint(follows, push_p.dot("follows"), kMax);
                if (r.push_follows >= r.push_upto) bad(push_p.dot("follows"), "must be before upto");
            }
            r.push = decode_changes(member(push, push_p, "changes"), push_p.dot("changes"), schema, limits);
        }
        JValue pull = j;
        if (j.find("pull", pull)) {
            object(pull, pull_p, {"cursors", "limit", "count"});
            r.has_pull = true;
            const Path pc = pull_p.dot("cursors");
            JValue c = member(pull, pull_p, "cursors");
            if (c.kind() != Kind::Object) bad(pc, std::string("expected an object, got ") + kind(c));
            if (c.size() > limits.max_buckets) fail(Code::TooLarge, "pull.cursors: too many buckets");
            JValue ci = c.first_child();
            for (std::uint32_t i = 0; i < c.size(); ++i, ci = ci.next_sibling()) {
                std::string bucket(ci.key());
                if (!valid_bucket(bucket)) bad(pc, "'" + bucket + "' is not a bucket");
                Path p = pc.dot(bucket);
                Cursor cur;
                if (ci.kind() == Kind::Array) {
                    if (ci.size() != 2) bad(p, "expected a number or [since, at]");
                    JValue s = ci.first_child();
                    cur.since = as_uint(s, p.at(0), kMax);
                    cur.at = as_uint(s.next_sibling(), p.at(1), kMax);
                    if (cur.since > cur.at) bad(p, "since is after at");
                } else {
                    cur.at = cur.since = as_uint(ci, p, kMax);
                }
                if (!r.cursors.emplace(std::move(bucket), cur).second) bad(p, "the bucket appears twice");
            }
            JValue li = pull;
            if (pull.find("limit", li)) {
                r.limit = static_cast<std::size_t>(as_uint(li, pull_p.dot("limit"), limits.max_limit));
                if (r.limit == 0) bad(pull_p.dot("limit"), "must be at least 1");
            }
            JValue count = pull;
            if (pull.find("count", count)) r.count = as_bool(count, pull_p.dot("count"));
        }
        return r;
    });
}

Result<SyncResponse> decode_response(std::string_view text, const Schema& schema, const Limits& limits) {
    PooledDoc reader;
    return guard([&] {
        JValue j = parse(reader.doc(), text, limits);
        const Path response{nullptr, "response"}, push_p{nullptr, "push"}, pages_p{nullptr, "pages"},
            purge_p{nullptr, "purge"};
        constexpr auto kMax = static_cast<std::uint64_t>(INT64_MAX);
        object(j, response, {"v", "schema", "site", "hlc", "hub", "push", "pages", "purge", "more", "left"});
        SyncResponse r;
        check_header(j, r.schema);
        r.site = as_site(member(j, response, "site"), Path{nullptr, "site"});
        r.hlc = as_uint(member(j, response, "hlc"), Path{nullptr, "hlc"});
        JValue hub = j;
        if (j.find("hub", hub)) {
            r.hub = as_site(hub, Path{nullptr, "hub"});
            if (r.hub == 0) bad(Path{nullptr, "hub"}, "an incarnation is never zero");
        }
        JValue push = member(j, response, "push");
        object(push, push_p, {"upto", "refused"});
        r.push_upto = as_uint(member(push, push_p, "upto"), push_p.dot("upto"), kMax);
        const Path pr = push_p.dot("refused");
        JValue refused = member(push, push_p, "refused");
        if (refused.kind() != Kind::Array) bad(pr, "expected an array");
        JValue e = refused.first_child();
        for (std::uint32_t i = 0; i < refused.size(); ++i, e = e.next_sibling()) {
            Path p = pr.at(i);
            object(e, p, {"t", "id", "code", "message"});
            Refusal f;
            f.table = as_string(member(e, p, "t"), p.dot("t"));
            f.id = as_string(member(e, p, "id"), p.dot("id"));
            f.error.code = code_from_name(std::string(as_string(member(e, p, "code"), p.dot("code"))), Code::Forbidden);
            f.error.message = as_string(member(e, p, "message"), p.dot("message"));
            r.refused.push_back(std::move(f));
        }
        JValue pages = member(j, response, "pages");
        if (pages.kind() != Kind::Array) bad(pages_p, "expected an array");
        if (pages.size() > limits.max_buckets) fail(Code::TooLarge, "pages: too many");
        JValue pg_j = pages.first_child();
        for (std::uint32_t i = 0; i < pages.size(); ++i, pg_j = pg_j.next_sibling()) {
            Path p = pages_p.at(i);
            object(pg_j, p, {"bucket", "from", "to", "more", "checksum", "changes"});
            BucketPage pg;
            pg.bucket = as_string(member(pg_j, p, "bucket"), p.dot("bucket"));
            if (!valid_bucket(pg.bucket)) bad(p.dot("bucket"), "not a bucket");
            pg.from = as_uint(member(pg_j, p, "from"), p.dot("from"), kMax);
            pg.to = as_uint(member(pg_j, p, "to"), p.dot("to"), kMax);
            if (pg.to < pg.from) bad(p.dot("to"), "is before from");
            pg.more = as_bool(member(pg_j, p, "more"), p.dot("more"));
            pg.checksum = as_site(member(pg_j, p, "checksum"), p.dot("checksum"));
            pg.changes = decode_changes(member(pg_j, p, "changes"), p.dot("changes"), schema, limits);
            r.pages.push_back(std::move(pg));
        }
        JValue purge = member(j, response, "purge");
        if (purge.kind() != Kind::Array) bad(purge_p, "expected an array");
        JValue b = purge.first_child();
        for (std::uint32_t i = 0; i < purge.size(); ++i, b = b.next_sibling()) {
            std::string_view name = as_string(b, purge_p.at(i));
            if (!valid_bucket(name)) bad(purge_p.at(i), "not a bucket");
            r.purge.emplace_back(name);
        }
        r.more = as_bool(member(j, response, "more"), Path{nullptr, "more"});
        JValue left = j;
        if (j.find("left", left)) r.left = as_uint(left, Path{nullptr, "left"}, kMax);
        return r;
    });
}

}  // namespace fika::sync
