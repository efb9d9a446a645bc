#include "hlc.h"

#include <array>
#include <chrono>

namespace fika::sync {

namespace {
constexpr char kHex[] = "0123456789abcdef";

// The value of a lower-case hex digit, -1 for anything else.
constexpr auto kHexValue = [] {
    std::array<signed char, 256> t{};
    t.fill(-1);
    for (int c = '0'; c <= '9'; ++c) t[static_cast<size_t>(c)] = static_cast<signed char>(c - '0');
    for (int c = 'a'; c <= 'f'; ++c) t[static_cast<size_t>(c)] = static_cast<signed char>(c - 'a' + 10);
    return t;
}();

int hex_value(char c) { return kHexValue[static_cast<unsigned char>(c)]; }
}  // namespace

std::string site_to_string(Site site) {
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i) {
        out[static_cast<size_t>(i)] = kHex[site & 0xf];
        site >>= 4;
    }
    return out;
}

bool parse_site(std::string_view text, Site& out) {
    if (text.size() != 16) return false;
    Site v = 0;
    for (char c : text) {
        int d = hex_value(c);
        if (d < 0) return false;
        v = (v << 4) | static_cast<Site>(d);
    }
    out = v;
    return true;
}

WallClock system_wall_clock() {
    return [] {
        using namespace std::chrono;
        return static_cast<std::uint64_t>(
            duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
    };
}

std::uint64_t Hlc::tick() {
    std::uint64_t wall = hlc_from_ms(wall_());
    last_ = wall > last_ + 1 ? wall : last_ + 1;
    return last_;
}

Site random_site(Rng& rng) {
    Site s = 0;
    while (s == 0) s = rng();
    return s;
}

std::string new_uuid_v7(std::uint64_t ms, Rng& rng) {
    unsigned char b[16];
    for (int i = 0; i < 6; ++i) b[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
    std::uint64_t r1 = rng(), r2 = rng();
    for (int i = 6; i < 16; ++i) {
        std::uint64_t& r = i < 11 ? r1 : r2;
        b[i] = static_cast<unsigned char>(r);
        r >>= 8;
    }
    b[6] = static_cast<unsigned char>(0x70 | (b[6] & 0x0f));  // version 7
    b[8] = static_cast<unsigned char>(0x80 | (b[8] & 0x3f));  // RFC 4122 variant
    std::string out;
    out.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
        out.push_back(kHex[b[i] >> 4]);
        out.push_back(kHex[b[i] & 0xf]);
    }
    return out;
}

std::optional<std::uint64_t> uuid_v7_ms(std::string_view id) {
    if (!is_uuid(id) || id[14] != '7') return std::nullopt;
    std::uint64_t ms = 0;
    for (std::size_t i : {0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12})
        ms = ms << 4 | static_cast<std::uint64_t>(hex_value(id[i]));
    return ms;
}

bool is_uuid(std::string_view t) {
    if (t.size() != 36 || t[8] != '-' || t[13] != '-' || t[18] != '-' || t[23] != '-') return false;
    constexpr std::uint64_t kDashes = (1ULL << 8) | (1ULL << 13) | (1ULL << 18) | (1ULL << 23);
    for (size_t i = 0; i < 36; ++i)
        if (!(kDashes >> i & 1) && hex_value(t[i]) < 0) return false;
    return true;
}

}  // namespace fika::sync
