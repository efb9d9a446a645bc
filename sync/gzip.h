// Gzip for the wire, at a fast level: compressing with zlib's default level (what
// cpp-httplib uses) made a 100,000-record first download take 10 s; level 2 takes it to
// 3 s for about 30% more bytes (docs/benchmarks.md). Shared by the server, the sync
// client, tests and benchmarks.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fika::sync {

// Bodies smaller than this go uncompressed: zlib's per-stream set-up costs more than the
// bytes saved (both ends use it).
constexpr std::size_t kGzipMinBytes = 1024;

// zlib's levels: 1 fastest, 9 smallest.
std::string gzip_compress(std::string_view in, int level = 2);

enum class GunzipResult { Ok, Malformed, TooLarge };

// Decompresses exactly one gzip member, strictly: its header, its data, and its 8-byte
// trailer (CRC-32 and length, both checked), with nothing after it; Malformed otherwise (a
// body cut short is not accepted as the part that arrived). TooLarge as soon as the
// output would pass `max_out`, before it is all held.
GunzipResult gzip_decompress(std::string_view in, std::size_t max_out, std::string& out);

}  // namespace fika::sync
