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

}  // namespace fika::sync
