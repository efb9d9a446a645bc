// Gzip for the wire (sync/gzip.h): what one end compresses any gzip reader reads, and a
// body that is cut short, garbled, followed by more, or larger than allowed is told apart
// and never returned as if it were whole.
#include <catch2/catch.hpp>
#include <zlib.h>

#include <string>

#include "gzip.h"
#include "hlc.h"

using namespace fika::sync;

namespace {

// The way a browser or `gzip -d` reads it: zlib, not the code under test.
std::string zlib_gunzip(const std::string& in) {
    z_stream zs{};
    REQUIRE(inflateInit2(&zs, 15 + 16) == Z_OK);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    std::string out;
    char buf[65536];
    int rc = Z_OK;
    while (rc == Z_OK) {
        zs.next_out = reinterpret_cast<Bytef*>(buf);
        zs.avail_out = sizeof buf;
        rc = inflate(&zs, Z_NO_FLUSH);
        out.append(buf, sizeof buf - zs.avail_out);
    }
    inflateEnd(&zs);
    REQUIRE(rc == Z_STREAM_END);
    return out;
}

// A page of a download, roughly: JSON with repeated names and some varied text.
std::string json_like(std::size_t bytes, std::uint64_t seed) {
    Rng rng(seed);
    static const char* words[] = {"data", "platform", "migration", "cloud", "integration", "support"};
    std::string s = "[";
    while (s.size() < bytes) {
        s += "{\"t\":\"cases\",\"id\":\"" + std::to_string(rng()) + "\",\"f\":{\"title\":[\"";
        for (int i = 0; i < 8; ++i) s += std::string(words[rng() % 6]) + " ";
        s += "\",1,0]}},";
    }
    s.back() = ']';
    return s;
}

void set_trailer_length(std::string& gz, std::uint32_t n) {
    for (int i = 0; i < 4; ++i) gz[gz.size() - 4 + static_cast<std::size_t>(i)] = static_cast<char>(n >> (8 * i) & 0xff);
}

}  // namespace

TEST_CASE("a gzip'd body comes back whole, and any gzip reader reads it") {
    for (std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{1000}, std::size_t{3'000'000}}) {
        const std::string text = json_like(size, size + 1).substr(0, size);
        for (int level : {1, 6, 12}) {
            INFO("size " << size << ", level " << level);
            const std::string gz = gzip_compress(text, level);
            CHECK(zlib_gunzip(gz) == text);
            std::string back = "left over";
            REQUIRE(gzip_decompress(gz, text.size(), back) == GunzipResult::Ok);
            CHECK(back == text);
        }
    }
    // The wire's level makes a page several times smaller.
    const std::string page = json_like(1'000'000, 7);
    CHECK(gzip_compress(page).size() * 4 < page.size());
}

TEST_CASE("a gzip body cut short, garbled or followed by more is malformed - never taken as whole") {
    const std::string text = json_like(200'000, 3);
    const std::string gz = gzip_compress(text);
    std::string out;
    for (std::size_t keep : {std::size_t{0}, std::size_t{5}, std::size_t{10}, gz.size() / 2, gz.size() - 8,
                             gz.size() - 4, gz.size() - 1}) {
        INFO("the first " << keep << " of " << gz.size() << " bytes");
        CHECK(gzip_decompress(gz.substr(0, keep), text.size() * 2, out) == GunzipResult::Malformed);
        CHECK(out.empty());
    }
    std::string bad_crc = gz;
    bad_crc[bad_crc.size() - 6] = static_cast<char>(bad_crc[bad_crc.size() - 6] ^ 0x40);
    CHECK(gzip_decompress(bad_crc, text.size() * 2, out) == GunzipResult::Malformed);
    std::string bad_data = gz;
    bad_data[bad_data.size() / 2] = static_cast<char>(bad_data[bad_data.size() / 2] ^ 0xff);
    CHECK(gzip_decompress(bad_data, text.size() * 2, out) == GunzipResult::Malformed);
    CHECK(gzip_decompress(gz + "x", text.size() * 2, out) == GunzipResult::Malformed);
    CHECK(gzip_decompress(gz + gz, text.size() * 2, out) == GunzipResult::Malformed);  // two members
    CHECK(gzip_decompress(text, text.size() * 2, out) == GunzipResult::Malformed);     // not gzip at all
    CHECK(out.empty());
}

TEST_CASE("a gzip body larger than allowed is too large, whatever its trailer claims") {
    const std::string text(5'000'000, ' ');
    std::string gz = gzip_compress(text);
    std::string out;
    CHECK(gzip_decompress(gz, text.size(), out) == GunzipResult::Ok);
    CHECK(gzip_decompress(gz, text.size() - 1, out) == GunzipResult::TooLarge);
    CHECK(out.empty());
    // A trailer that claims little, so the whole-body path would make little room: the
    // body is still inflated no further than the limit.
    set_trailer_length(gz, 100);
    CHECK(gzip_decompress(gz, 1'000'000, out) == GunzipResult::TooLarge);
    CHECK(gzip_decompress(gz, text.size(), out) == GunzipResult::Malformed);  // whole, but the trailer lies
    // A tiny body that claims to expand to the limit: no room is made for it.
    std::string small = gzip_compress("{}");
    set_trailer_length(small, 1'000'000);
    CHECK(gzip_decompress(small, 1'000'000, out) == GunzipResult::Malformed);
    CHECK(out.empty());
}
