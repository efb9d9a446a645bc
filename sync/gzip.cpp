#include "gzip.h"

#include <zlib.h>

#include <stdexcept>

namespace fika::sync {

std::string gzip_compress(std::string_view in, int level) {
    z_stream zs{};
    // windowBits 15 + 16: a gzip header and trailer rather than a bare zlib stream.
    if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::bad_alloc();
    std::string out(deflateBound(&zs, static_cast<uLong>(in.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&zs, Z_FINISH);  // the bound makes one call enough
    out.resize(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) throw std::runtime_error("gzip: deflate did not finish");
    return out;
}

GunzipResult gzip_decompress(std::string_view in, std::size_t max_out, std::string& out) {
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

}  // namespace fika::sync
