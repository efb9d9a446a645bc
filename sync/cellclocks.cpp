#include "cellclocks.h"

namespace fika::sync {

namespace {

constexpr unsigned char kFormat1 = 0x01;
constexpr unsigned char kUniform = 0x02;
constexpr unsigned char kHasSeq = 0x80;

void put_varint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

struct Reader {
    std::string_view in;
    std::size_t pos = 0;

    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= in.size()) fail(Code::Corrupt, "cell clocks: truncated");
            auto b = static_cast<unsigned char>(in[pos++]);
            v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
            if (!(b & 0x80)) return v;
        }
        fail(Code::Corrupt, "cell clocks: varint too long");
    }
    std::uint64_t u64() {
        if (in.size() - pos < 8) fail(Code::Corrupt, "cell clocks: truncated");
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(in[pos++]);
        return v;
    }
};

}  // namespace

// The cells' one clock and seq when every written cell has the same ones and no base
// (a record created or pulled in one piece), and at most 64 cells.
static bool uniform(const std::vector<Cell>& cells, bool with_seq, Clock& clock, std::uint64_t& seq,
                    std::uint64_t& mask) {
    if (cells.size() > 64) return false;
    clock = {};
    seq = 0;
    mask = 0;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const Cell& c = cells[i];
        if (!c.base.is_zero()) return false;
        if (c.clock.is_zero()) {
            if (with_seq && c.seq) return false;
            continue;
        }
        if (mask == 0) {
            clock = c.clock;
            seq = with_seq ? c.seq : 0;
        } else if (c.clock != clock || (with_seq && c.seq != seq)) {
            return false;
        }
        mask |= std::uint64_t{1} << i;
    }
    return mask != 0;
}

std::string CellClocks::encode(bool with_seq) const {
    std::string out;
    encode_to(out, with_seq);
    return out;
}

void CellClocks::encode_to(std::string& out, bool with_seq) const {
    out.clear();
    Clock one;
    std::uint64_t one_seq = 0, mask = 0;
    if (uniform(cells, with_seq, one, one_seq, mask)) {
        char buf[1 + 16 + 3 * 10];
        std::size_t n = 0;
        auto varint = [&](std::uint64_t v) {
            while (v >= 0x80) {
                buf[n++] = static_cast<char>((v & 0x7f) | 0x80);
                v >>= 7;
            }
            buf[n++] = static_cast<char>(v);
        };
        buf[n++] = static_cast<char>(kUniform | (with_seq ? kHasSeq : 0));
        for (int i = 7; i >= 0; --i) buf[n++] = static_cast<char>(one.hlc >> (8 * i));
        for (int i = 7; i >= 0; --i) buf[n++] = static_cast<char>(one.site >> (8 * i));
        varint(cells.size());
        varint(mask);
        if (with_seq) varint(one_seq);
        out.assign(buf, n);
        return;
    }
    // Distinct clocks in first-use order; records rarely have more than a handful.
    Clock distinct[64];
    std::size_t n_distinct = 0;
    bool overflow = false;
    std::vector<Clock> more;  // only for records with more than 64 distinct clocks
    auto ref = [&](const Clock& c) -> std::uint64_t {
        if (c.is_zero()) return 0;
        for (std::size_t i = 0; i < n_distinct; ++i)
            if (distinct[i] == c) return i + 1;
        for (std::size_t i = 0; i < more.size(); ++i)
            if (more[i] == c) return 64 + i + 1;
        if (n_distinct < 64) {
            distinct[n_distinct++] = c;
            return n_distinct;
        }
        overflow = true;
        more.push_back(c);
        return 64 + more.size();
    };
    char refs_small[256];
    std::string refs_big;
    std::size_t refs_len = 0;
    bool small = cells.size() * (with_seq ? 12 : 4) < sizeof refs_small;
    auto put = [&](std::uint64_t v) {
        if (small) {
            while (v >= 0x80) {
                refs_small[refs_len++] = static_cast<char>((v & 0x7f) | 0x80);
                v >>= 7;
            }
            refs_small[refs_len++] = static_cast<char>(v);
        } else {
            put_varint(refs_big, v);
        }
    };
    for (const Cell& c : cells) {
        put(ref(c.clock));
        put(ref(c.base));
        if (with_seq) put(c.seq);
    }
    out.reserve(12 + (n_distinct + more.size()) * 16 + refs_len + refs_big.size());
    out.push_back(static_cast<char>(kFormat1 | (with_seq ? kHasSeq : 0)));
    put_varint(out, n_distinct + more.size());
    auto put_clock = [&](const Clock& c) {
        for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>(c.hlc >> (8 * i)));
        for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>(c.site >> (8 * i)));
    };
    for (std::size_t i = 0; i < n_distinct; ++i) put_clock(distinct[i]);
    if (overflow)
        for (const Clock& c : more) put_clock(c);
    put_varint(out, cells.size());
    if (small) out.append(refs_small, refs_len);
    else out += refs_big;
}

CellClocks CellClocks::decode(std::string_view blob, std::size_t n_fields) {
    CellClocks cc;
    if (blob.empty()) {
        cc.cells.resize(n_fields);
        return cc;
    }
    Reader r{blob};
    auto flags = static_cast<unsigned char>(blob[0]);
    r.pos = 1;
    if ((flags & 0x7f) != kFormat1 && (flags & 0x7f) != kUniform) fail(Code::Corrupt, "cell clocks: unknown format");
    bool with_seq = flags & kHasSeq;
    if ((flags & 0x7f) == kUniform) {
        Clock one;
        one.hlc = r.u64();
        one.site = r.u64();
        std::uint64_t n_cells = r.varint();
        std::uint64_t mask = r.varint();
        std::uint64_t seq = with_seq ? r.varint() : 0;
        if (n_cells > 64 || (n_cells < 64 && mask >> n_cells) || mask == 0 || one.is_zero())
            fail(Code::Corrupt, "cell clocks: bad uniform cells");
        if (r.pos != blob.size()) fail(Code::Corrupt, "cell clocks: trailing bytes");
        cc.cells.resize(std::max<std::size_t>(n_cells, n_fields));
        for (std::size_t i = 0; i < n_cells; ++i)
            if (mask & (std::uint64_t{1} << i)) cc.cells[i] = Cell{one, {}, seq};
        return cc;
    }
    std::uint64_t n_clocks = r.varint();
    if (n_clocks > 4096) fail(Code::Corrupt, "cell clocks: too many clocks");
    std::vector<Clock> distinct(n_clocks);
    for (auto& c : distinct) {
        c.hlc = r.u64();
        c.site = r.u64();
    }
    std::uint64_t n_cells = r.varint();
    if (n_cells > 4096) fail(Code::Corrupt, "cell clocks: too many cells");
    cc.cells.resize(std::max<std::size_t>(n_cells, n_fields));
    auto at = [&](std::uint64_t ref) -> Clock {
        if (ref == 0) return {};
        if (ref > distinct.size()) fail(Code::Corrupt, "cell clocks: bad reference");
        return distinct[ref - 1];
    };
    for (std::uint64_t i = 0; i < n_cells; ++i) {
        Cell& c = cc.cells[i];
        c.clock = at(r.varint());
        c.base = at(r.varint());
        if (with_seq) c.seq = r.varint();
    }
    if (r.pos != blob.size()) fail(Code::Corrupt, "cell clocks: trailing bytes");
    return cc;
}

}  // namespace fika::sync
