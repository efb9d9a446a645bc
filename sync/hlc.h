// Hybrid logical clocks, site ids and record ids.
//
// Clock encoding
// --------------
// An HLC value is an unsigned 64-bit integer: the upper 48 bits are milliseconds since the
// Unix epoch, the lower 16 bits a counter that orders events within one millisecond
// (a counter overflow simply carries into the millisecond part). Every cell of every
// record carries a Clock = (hlc, site). Clocks are ordered by hlc, then by site; the order
// is total, so every replica picks the same winner in a merge.
//
// A site is the 64-bit id of one replica (a device database or the server), chosen at
// random when the database is created. On the wire and in the database it is written as
// 16 lower-case hex digits, whose string order equals the numeric order.
//
// The clock rules (Hlc):
//  - local event: hlc = max(last + 1, wall_ms << 16)
//  - receive rule: last = max(last, remote), so the next local event beats everything seen.
//  - a remote clock more than max_drift ahead of our wall clock is refused (ClockAhead)
//    by the hub, so one device with a wrong date cannot win every merge for months.
//
// Record ids are UUIDv7 text (RFC 9562): 48-bit millisecond timestamp, version 7, random
// bits; lower-case, 36 characters. Sorting ids sorts records by creation time.
#pragma once

#include <cstdint>
#include <functional>
#include <random>
#include <optional>
#include <string>
#include <string_view>

namespace fika::sync {

using Site = std::uint64_t;

struct Clock {
    std::uint64_t hlc = 0;
    Site site = 0;

    bool is_zero() const { return hlc == 0 && site == 0; }
    friend auto operator<=>(const Clock&, const Clock&) = default;
};

constexpr int kCounterBits = 16;
inline std::uint64_t hlc_from_ms(std::uint64_t ms) { return ms << kCounterBits; }
inline std::uint64_t hlc_ms(std::uint64_t hlc) { return hlc >> kCounterBits; }
// The largest HLC the wire accepts: year ~10889 in milliseconds, well inside 48 bits.
constexpr std::uint64_t kMaxHlc = (std::uint64_t{1} << 63) - 1;

std::string site_to_string(Site site);
// Parses 16 lower-case hex digits; false on anything else.
bool parse_site(std::string_view text, Site& out);

// Milliseconds since the epoch. Injected everywhere so tests control time.
using WallClock = std::function<std::uint64_t()>;
WallClock system_wall_clock();

class Hlc {
public:
    explicit Hlc(WallClock wall = system_wall_clock()) : wall_(std::move(wall)) {}

    // A new clock value for a local event; strictly greater than any value returned or
    // observed before.
    std::uint64_t tick();
    // The receive rule.
    void observe(std::uint64_t remote) {
        if (remote > last_) last_ = remote;
    }
    std::uint64_t last() const { return last_; }
    // Moves the clock back to `to`. Only for recovering from a wall clock that ran ahead
    // (Store::rewind_clock), which restamps every cell that carries a later value.
    void rewind(std::uint64_t to) { last_ = to; }
    std::uint64_t wall_hlc() const { return hlc_from_ms(wall_()); }
    std::uint64_t wall_ms() const { return wall_(); }

private:
    WallClock wall_;
    std::uint64_t last_ = 0;
};

// Random source, injected so that tests replay.
using Rng = std::mt19937_64;

Site random_site(Rng& rng);
std::string new_uuid_v7(std::uint64_t ms, Rng& rng);
// The milliseconds a UUIDv7 was made at (its first 48 bits); nullopt for any other id.
std::optional<std::uint64_t> uuid_v7_ms(std::string_view id);
// Canonical lower-case UUID text (any version): 8-4-4-4-12 hex digits.
bool is_uuid(std::string_view text);

}  // namespace fika::sync
