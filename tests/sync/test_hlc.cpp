#include <catch2/catch.hpp>

#include <set>

#include "hlc.h"

using namespace fika::sync;

TEST_CASE("hlc ticks strictly increase even when the wall clock stands still or goes back") {
    std::uint64_t wall = 1'700'000'000'000;
    Hlc h([&] { return wall; });
    std::uint64_t a = h.tick();
    CHECK(hlc_ms(a) == wall);
    std::uint64_t b = h.tick();
    CHECK(b == a + 1);  // same millisecond: the counter moves
    wall -= 5000;       // the clock is set back
    std::uint64_t c = h.tick();
    CHECK(c > b);
    wall += 10000;
    std::uint64_t d = h.tick();
    CHECK(d == hlc_from_ms(wall));
}

TEST_CASE("hlc receive rule: the next local event beats every clock seen") {
    std::uint64_t wall = 1'000;
    Hlc h([&] { return wall; });
    std::uint64_t remote = hlc_from_ms(5'000) + 7;  // a peer far ahead
    h.observe(remote);
    CHECK(h.tick() == remote + 1);
    h.observe(hlc_from_ms(10));  // older clocks change nothing
    CHECK(h.tick() == remote + 2);
}

TEST_CASE("clock order is total: hlc first - then site") {
    Clock a{10, 1}, b{10, 2}, c{11, 0};
    CHECK(a < b);
    CHECK(b < c);
    CHECK(a < c);
    CHECK(!(a < a));
}

TEST_CASE("site ids round-trip as 16 hex digits whose text order is their numeric order") {
    Site s = 0;
    REQUIRE(parse_site(site_to_string(0xfedcba9876543210ULL), s));
    CHECK(s == 0xfedcba9876543210ULL);
    CHECK(site_to_string(1) < site_to_string(0x10));
    CHECK(!parse_site("FEDCBA9876543210", s));  // upper case refused
    CHECK(!parse_site("123", s));
    CHECK(!parse_site("zzzzzzzzzzzzzzzz", s));
}

TEST_CASE("uuid v7 ids are well-formed - unique and sort by creation time") {
    Rng rng(42);
    std::set<std::string> seen;
    std::string prev;
    for (std::uint64_t ms = 1'700'000'000'000; ms < 1'700'000'000'000 + 1000; ++ms) {
        std::string id = new_uuid_v7(ms, rng);
        REQUIRE(is_uuid(id));
        CHECK(id[14] == '7');
        CHECK(std::string("89ab").find(id[19]) != std::string::npos);
        CHECK(id > prev);
        CHECK(uuid_v7_ms(id) == ms);  // the capture time reads back (programmes date cases by it)
        prev = id;
        seen.insert(id);
    }
    CHECK(seen.size() == 1000);
    CHECK(!is_uuid("0192-not-a-uuid"));
    CHECK(!is_uuid("0192a4b0-0000-7000-8000-00000000000G"));
    CHECK(!uuid_v7_ms("0192a4b0-0000-4000-8000-000000000000"));  // a v4 id carries no time
    CHECK(!uuid_v7_ms("0192A4B0-0000-7000-8000-000000000000"));
}
