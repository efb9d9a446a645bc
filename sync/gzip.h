// Gzip for the wire, at a fast level: compressing with zlib's default level (what
// cpp-httplib uses) made a 100,000-record first download take 10 s; a fast level takes it
// to 3 s for about 30% more bytes (docs/benchmarks.md). The bodies are whole in memory, so
// libdeflate's whole-buffer coder does it: at its level 1 twice as fast as zlib's level 2
// for smaller output, and inflating 2.5x as fast (docs/benchmarks.md, 2026-12-06). Any
// gzip reader reads it. Shared by the server, the sync client, tests and benchmarks.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fika::sync {

// Bodies smaller than this go uncompressed: zlib's per-stream set-up costs more than the
// bytes saved (both ends use it).
constexpr std::size_t kGzipMinBytes = 1024;

// libdeflate's levels: 1 fastest, 12 smallest (outside that range: the nearest).
std::string gzip_compress(std::string_view in, int level = 1);

enum class GunzipResult { Ok, Malformed, TooLarge };

// Decompresses exactly one gzip member, strictly: its header, its data, and its 8-byte
// trailer (CRC-32 and length, both checked), with nothing after it; Malformed otherwise (a
// body cut short is not accepted as the part that arrived). TooLarge as soon as the
// output would pass `max_out`, before it is all held.
GunzipResult gzip_decompress(std::string_view in, std::size_t max_out, std::string& out);

}  // namespace fika::sync
