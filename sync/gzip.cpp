#include "gzip.h"

#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <new>
#include <stdexcept>

namespace fika::sync {

namespace {

struct FreeCompressor {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};
struct FreeDecompressor {
    void operator()(libdeflate_decompressor* d) const { libdeflate_free_decompressor(d); }
};

// One per thread and level: a compressor holds its hash tables (a few hundred KB), made
// once rather than at every body. libdeflate's objects are not to be shared by threads.
libdeflate_compressor* compressor(int level) {
    thread_local std::array<std::unique_ptr<libdeflate_compressor, FreeCompressor>, 13> by_level;
    auto& c = by_level[static_cast<std::size_t>(level)];
    if (!c) c.reset(libdeflate_alloc_compressor(level));
    if (!c) throw std::bad_alloc();
    return c.get();
}

libdeflate_decompressor* decompressor() {
    thread_local std::unique_ptr<libdeflate_decompressor, FreeDecompressor> d(libdeflate_alloc_decompressor());
    if (!d) throw std::bad_alloc();
    return d.get();
}

// zlib's streaming inflate: output is held only up to max_out, so a body that expands past
// it is known as such (TooLarge) before it is all held; a body cut short or garbled is
// Malformed. The fast path below falls back to it for every body it does not take.
GunzipResult gunzip_streaming(std::string_view in, std::size_t max_out, std::string& out) {
    out.clear();
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK) throw std::bad_alloc();  // 16: gzip only, not zlib
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    GunzipResult result = GunzipResult::Malformed;
    char buf[64 * 1024];
    for (;;) {
        zs.next_out = reinterpret_cast<Bytef*>(buf);
        zs.avail_out = sizeof buf;
        int rc = inflate(&zs, Z_NO_FLUSH);
        std::size_t got = sizeof buf - zs.avail_out;
        if (out.size() + got > max_out) {
            result = GunzipResult::TooLarge;
            break;
        }
        out.append(buf, got);
        if (rc == Z_STREAM_END) {
            // The trailer was read and checked by zlib; anything after it is not ours.
            result = zs.avail_in == 0 ? GunzipResult::Ok : GunzipResult::Malformed;
            break;
        }
        if (rc != Z_OK) break;  // Z_BUF_ERROR: the input ended before the trailer; or bad data
    }
    inflateEnd(&zs);
    if (result != GunzipResult::Ok) out.clear();
    return result;
}

}  // namespace

std::string gzip_compress(std::string_view in, int level) {
    libdeflate_compressor* c = compressor(std::clamp(level, 1, 12));
    std::string out(libdeflate_gzip_compress_bound(c, in.size()), '\0');
    std::size_t n = libdeflate_gzip_compress(c, in.data(), in.size(), out.data(), out.size());
    if (n == 0) throw std::runtime_error("gzip: the compressed body did not fit its bound");
    out.resize(n);
    return out;
}

GunzipResult gzip_decompress(std::string_view in, std::size_t max_out, std::string& out) {
    out.clear();
    // A gzip member ends with the length of its data (mod 2^32). Where that length is
    // possible - within max_out, and within DEFLATE's largest expansion (1032:1) of what
    // came - the whole body is inflated at once into exactly that room, by libdeflate,
    // which checks the header, the CRC-32 and the length. Everything else (a body cut
    // short, garbled, past max_out, or over 4 GiB) takes the streaming path, which tells
    // which of those it is.
    constexpr std::size_t kHeaderAndTrailer = 18;
    if (in.size() > kHeaderAndTrailer) {
        const auto* t = reinterpret_cast<const unsigned char*>(in.data() + in.size() - 4);
        const std::size_t claimed = std::size_t{t[0]} | std::size_t{t[1]} << 8 | std::size_t{t[2]} << 16 |
                                    std::size_t{t[3]} << 24;
        if (claimed <= max_out && claimed / 1032 <= in.size()) {
            out.resize(claimed);
            std::size_t in_used = 0, out_got = 0;
            auto r = libdeflate_gzip_decompress_ex(decompressor(), in.data(), in.size(), out.data(), out.size(),
                                                   &in_used, &out_got);
            if (r == LIBDEFLATE_SUCCESS && in_used == in.size() && out_got == claimed) return GunzipResult::Ok;
        }
    }
    return gunzip_streaming(in, max_out, out);
}

}  // namespace fika::sync
