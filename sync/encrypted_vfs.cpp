#include "encrypted_vfs.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "sqlite.h"

namespace fika::sync::crypt {
namespace {

constexpr std::uint8_t kMagic[8] = {'F', 'i', 'k', 'a', 'G', 'C', 'M', 1};
constexpr std::uint8_t kSqliteMagic[16] = {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f',
                                           'o', 'r', 'm', 'a', 't', ' ', '3', 0};
constexpr int kNonce = 12;
constexpr int kTag = 16;
static_assert(kNonce + kTag == kReserve);
constexpr int kHeader = 16;          // the file header at the start of page 1
constexpr int kWalHeader = 32;       // SQLite's WAL header
constexpr int kWalFrameHeader = 24;  // SQLite's WAL frame header

std::uint32_t get32(const std::uint8_t* p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}
void put32(std::uint8_t* p, std::uint32_t v) {
    p[0] = std::uint8_t(v >> 24);
    p[1] = std::uint8_t(v >> 16);
    p[2] = std::uint8_t(v >> 8);
    p[3] = std::uint8_t(v);
}
bool valid_page_size(std::int64_t n) { return n >= 512 && n <= 65536 && (n & (n - 1)) == 0; }
bool all_zero(const std::uint8_t* p, std::size_t n) {
    return std::all_of(p, p + n, [](std::uint8_t b) { return b == 0; });
}

struct KeyEntry {
    Key key{};
    std::array<std::uint8_t, 4> check{};
    std::atomic<int> page_size{0};  // of the database file, once known
};

std::array<std::uint8_t, 4> key_check(const Key& key) {
    static constexpr char kLabel[] = "fika/gcm key check";
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(kLabel),
         sizeof kLabel - 1, mac, &len);
    return {mac[0], mac[1], mac[2], mac[3]};
}

std::mutex g_mu;
std::map<std::string, std::shared_ptr<KeyEntry>> g_keys;  // by canonical path
thread_local Error t_refusal;

// The name SQLite gives a file (symbolic links resolved): realpath of the file, or of its
// directory when it does not exist yet.
std::string canonical(const std::string& path) {
    char buf[PATH_MAX];
    if (::realpath(path.c_str(), buf)) return buf;
    std::string dir = ".", base = path;
    if (auto slash = path.rfind('/'); slash != std::string::npos) {
        dir = slash == 0 ? "/" : path.substr(0, slash);
        base = path.substr(slash + 1);
    }
    if (!::realpath(dir.c_str(), buf)) return path;
    std::string d(buf);
    return (d == "/" ? "" : d) + "/" + base;
}

std::shared_ptr<KeyEntry> lookup(const char* db_name) {
    if (!db_name) return nullptr;
    std::string c = canonical(db_name);
    std::lock_guard lk(g_mu);
    auto it = g_keys.find(c);
    return it == g_keys.end() ? nullptr : it->second;
}

int refuse(Code code, std::string why) {
    t_refusal = Error{code, std::move(why)};
    return SQLITE_NOTADB;
}

// ---- the cipher ----------------------------------------------------------------------

enum class Kind { Main, Wal, Journal };

// One open file of a keyed database (the part SQLite allocates is CryptFile; this is its
// C++ state).
struct State {
    Kind kind = Kind::Main;
    std::string name;
    std::shared_ptr<KeyEntry> key;
    int page_size = 0;  // WAL and journal: from their own header, else the database's
    EVP_CIPHER_CTX* enc = nullptr;
    EVP_CIPHER_CTX* dec = nullptr;
    std::vector<std::uint8_t> scratch;
    // The last small write (a WAL frame header, a journal record's page number): the page
    // written next is that page.
    sqlite3_int64 last_small_off = -1;
    std::uint32_t last_small_pgno = 0;

    ~State() {
        EVP_CIPHER_CTX_free(enc);
        EVP_CIPHER_CTX_free(dec);
    }

    int page() const {
        if (page_size) return page_size;
        return key->page_size.load(std::memory_order_relaxed);
    }

    std::array<std::uint8_t, kHeader> header(int p) const {
        std::array<std::uint8_t, kHeader> h{};
        std::memcpy(h.data(), kMagic, sizeof kMagic);
        h[8] = std::uint8_t((p == 65536 ? 1 : p) >> 8);
        h[9] = std::uint8_t(p == 65536 ? 1 : p);
        h[10] = kReserve;
        std::memcpy(h.data() + 12, key->check.data(), 4);
        return h;
    }

    // Encrypts page `pgno` (p bytes at `in`) into `out`. False when the page cannot be
    // encrypted (page 1 without SQLite's magic or without the reserved bytes).
    bool encrypt(const std::uint8_t* in, std::uint8_t* out, int p, std::uint32_t pgno) {
        const int end = p - kReserve;
        int start = 0;
        auto h = header(p);
        if (pgno == 1) {
            if (std::memcmp(in, kSqliteMagic, sizeof kSqliteMagic) != 0 || in[20] != kReserve) return false;
            std::memcpy(out, h.data(), kHeader);
            start = kHeader;
        }
        std::uint8_t* nonce = out + end;
        if (RAND_bytes(nonce, kNonce) != 1) return false;
        std::uint8_t aad[4 + kHeader];
        put32(aad, pgno);
        std::memcpy(aad + 4, h.data(), kHeader);
        int len = 0;
        return EVP_EncryptInit_ex(enc, nullptr, nullptr, nullptr, nonce) == 1 &&
               EVP_EncryptUpdate(enc, nullptr, &len, aad, sizeof aad) == 1 &&
               EVP_EncryptUpdate(enc, out + start, &len, in + start, end - start) == 1 &&
               EVP_EncryptFinal_ex(enc, out + end, &len) == 1 &&
               EVP_CIPHER_CTX_ctrl(enc, EVP_CTRL_GCM_GET_TAG, kTag, out + end + kNonce) == 1;
    }

    // Decrypts page `pgno` in place. False when its tag fails (altered, damaged, another
    // key's, or another place's page).
    bool decrypt(std::uint8_t* buf, int p, std::uint32_t pgno) {
        const int end = p - kReserve;
        int start = 0;
        auto h = header(p);
        if (pgno == 1) {
            if (std::memcmp(buf, h.data(), kHeader) != 0) return false;
            start = kHeader;
        }
        std::uint8_t aad[4 + kHeader];
        put32(aad, pgno);
        std::memcpy(aad + 4, h.data(), kHeader);
        std::uint8_t tag[kTag];
        std::memcpy(tag, buf + end + kNonce, kTag);
        int len = 0;
        bool ok = EVP_DecryptInit_ex(dec, nullptr, nullptr, nullptr, buf + end) == 1 &&
                  EVP_DecryptUpdate(dec, nullptr, &len, aad, sizeof aad) == 1 &&
                  EVP_DecryptUpdate(dec, buf + start, &len, buf + start, end - start) == 1 &&
                  EVP_CIPHER_CTX_ctrl(dec, EVP_CTRL_GCM_SET_TAG, kTag, tag) == 1 &&
                  EVP_DecryptFinal_ex(dec, buf + end, &len) == 1;
        if (!ok) return false;
        if (pgno == 1) std::memcpy(buf, kSqliteMagic, sizeof kSqliteMagic);
        std::memset(buf + end, 0, kReserve);
        return true;
    }
};

struct CryptFile {
    sqlite3_file base;
    State* st;
    sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(this) + real_offset()); }
    static constexpr std::size_t real_offset() { return (sizeof(sqlite3_file) + sizeof(State*) + 15) & ~std::size_t(15); }
};

// The VFS below: SQLite's default at the time of each call (a test may wrap it), or the
// one there was at registration when the default's files would not fit.
sqlite3_vfs* g_first_base = nullptr;
int g_real_size = 0;  // room for the file of the VFS below
sqlite3_vfs g_plain_vfs;
sqlite3_vfs g_crypt_vfs;

sqlite3_vfs* base() {
    sqlite3_vfs* v = sqlite3_vfs_find(nullptr);
    return v && v->szOsFile <= g_real_size && v != &g_plain_vfs && v != &g_crypt_vfs ? v : g_first_base;
}

State& st_of(sqlite3_file* f) { return *reinterpret_cast<CryptFile*>(f)->st; }
sqlite3_file* real_of(sqlite3_file* f) { return reinterpret_cast<CryptFile*>(f)->real(); }

int raw_read(sqlite3_file* f, void* buf, int amt, sqlite3_int64 off) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xRead(r, buf, amt, off);
}
int raw_write(sqlite3_file* f, const void* buf, int amt, sqlite3_int64 off) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xWrite(r, buf, amt, off);
}

// The page number of the page about to be written or read at `off` in a WAL or journal:
// from the frame header (the record's first 4 bytes) `back` bytes before it.
int pgno_before(sqlite3_file* f, sqlite3_int64 off, int back, std::uint32_t& pgno) {
    State& st = st_of(f);
    if (st.last_small_off == off - back) {
        pgno = st.last_small_pgno;
        return SQLITE_OK;
    }
    std::uint8_t b[4];
    int rc = raw_read(f, b, 4, off - back);
    if (rc != SQLITE_OK) return rc == SQLITE_IOERR_SHORT_READ ? SQLITE_IOERR_DATA : rc;
    pgno = get32(b);
    return SQLITE_OK;
}

// A WAL's or a journal's page size: from its own header, else the database's.
int log_page_size(sqlite3_file* f) {
    State& st = st_of(f);
    if (st.page_size) return st.page_size;
    std::uint8_t h[28];
    int at = st.kind == Kind::Wal ? 8 : 24;
    if (raw_read(f, h, 28, 0) == SQLITE_OK && valid_page_size(get32(h + at))) st.page_size = static_cast<int>(get32(h + at));
    return st.page();
}

// The database's page size when this connection does not know it yet (another connection
// or process created the file since it opened): from the file header.
int main_page_size(sqlite3_file* f) {
    State& st = st_of(f);
    if (int p = st.page()) return p;
    std::uint8_t h[kHeader];
    if (raw_read(f, h, kHeader, 0) != SQLITE_OK || std::memcmp(h, kMagic, sizeof kMagic) != 0) return 0;
    int p = (h[8] << 8) | h[9];
    if (p == 1) p = 65536;
    if (valid_page_size(p)) st.key->page_size.store(p, std::memory_order_relaxed);
    return st.page();
}

// ---- io methods of a keyed file --------------------------------------------------------

int x_close(sqlite3_file* f) {
    sqlite3_file* r = real_of(f);
    int rc = r->pMethods ? r->pMethods->xClose(r) : SQLITE_OK;
    delete reinterpret_cast<CryptFile*>(f)->st;
    reinterpret_cast<CryptFile*>(f)->st = nullptr;
    return rc;
}

int main_read(sqlite3_file* f, void* out, int amt, sqlite3_int64 off) {
    State& st = st_of(f);
    const int p = main_page_size(f);
    if (!p) return raw_read(f, out, amt, off);  // an empty file: SQLite reads zeros
    auto* dst = static_cast<std::uint8_t*>(out);
    int result = SQLITE_OK;
    for (sqlite3_int64 pos = off; pos < off + amt;) {
        sqlite3_int64 page_off = pos / p * p;
        auto pgno = static_cast<std::uint32_t>(pos / p + 1);
        int from = static_cast<int>(pos - page_off);
        int n = static_cast<int>(std::min<sqlite3_int64>(p - from, off + amt - pos));
        bool whole = from == 0 && n == p;
        std::uint8_t* page = whole ? dst + (pos - off) : (st.scratch.resize(p), st.scratch.data());
        int rc = raw_read(f, page, p, page_off);
        if (rc == SQLITE_IOERR_SHORT_READ && all_zero(page, p)) {
            result = rc;  // past the end: zeros, as SQLite expects
        } else if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ) {
            return rc;
        } else if (rc == SQLITE_IOERR_SHORT_READ || !st.decrypt(page, p, pgno)) {
            sqlite3_log(SQLITE_IOERR_DATA, "%s: page %u fails its authentication (altered, damaged or another key's)",
                        st.name.c_str(), pgno);
            return SQLITE_IOERR_DATA;
        }
        if (!whole) std::memcpy(dst + (pos - off), page + from, n);
        pos += n;
    }
    return result;
}

int main_write(sqlite3_file* f, const void* in, int amt, sqlite3_int64 off) {
    State& st = st_of(f);
    int p = main_page_size(f);
    // A new file: SQLite writes whole pages only, and not always page 1 first (a big
    // transaction spills pages from its cache as it goes): the first write's size is the
    // page size.
    if (!p && valid_page_size(amt) && off % amt == 0) {
        st.key->page_size.store(amt, std::memory_order_relaxed);
        p = amt;
    }
    if (!p || amt != p || off % p != 0) {
        sqlite3_log(SQLITE_IOERR_WRITE, "%s: a write of %d bytes at %lld is not one page", st.name.c_str(), amt,
                    static_cast<long long>(off));
        return SQLITE_IOERR_WRITE;
    }
    st.scratch.resize(p);
    if (!st.encrypt(static_cast<const std::uint8_t*>(in), st.scratch.data(), p, static_cast<std::uint32_t>(off / p + 1))) {
        sqlite3_log(SQLITE_IOERR_WRITE, "%s: page 1 has no room for the cipher (reserved bytes not %d)", st.name.c_str(),
                    kReserve);
        return SQLITE_IOERR_WRITE;
    }
    return raw_write(f, st.scratch.data(), p, off);
}

// Where page data sits in a WAL or a journal: the page that starts at `page_off`, whose
// number is `back` bytes before it. For a WAL: frames of 24 + p bytes after a 32-byte
// header. For a journal: records (4-byte page number, page, 4-byte checksum) that start
// 8-aligned after the sector-aligned header, so a page starts at 4 mod 8 and nothing else
// of a page's size does.
struct LogGeometry {
    int p = 0;
    int back = 0;
    // The page whose data covers byte `pos`, if any: its first byte's offset.
    bool page_at(Kind kind, sqlite3_int64 pos, sqlite3_int64& page_off) const {
        if (kind == Kind::Wal) {
            if (pos < kWalHeader) return false;
            sqlite3_int64 frame = kWalFrameHeader + p;
            sqlite3_int64 in = (pos - kWalHeader) % frame;
            if (in < kWalFrameHeader) return false;
            page_off = pos - in + kWalFrameHeader;
            return true;
        }
        return false;  // journals: only whole-page reads and writes at 4 mod 8 (below)
    }
};

int log_write(sqlite3_file* f, const void* in, int amt, sqlite3_int64 off) {
    State& st = st_of(f);
    const auto* src = static_cast<const std::uint8_t*>(in);
    if (st.kind == Kind::Wal && off == 0 && amt >= kWalHeader && valid_page_size(get32(src + 8)))
        st.page_size = static_cast<int>(get32(src + 8));
    const int p = log_page_size(f);
    const int back = st.kind == Kind::Wal ? kWalFrameHeader : 4;
    if (amt == back) {  // a WAL frame's header; a journal record's page number (or checksum)
        st.last_small_off = off;
        st.last_small_pgno = get32(src);
        return raw_write(f, in, amt, off);
    }
    bool page = false;
    if (p && st.kind == Kind::Journal) page = amt == p && off >= 4 && off % 8 == 4;
    if (p && st.kind == Kind::Wal) {
        LogGeometry g{p, back};
        sqlite3_int64 first = 0, last = 0;
        bool a = g.page_at(Kind::Wal, off, first), b = g.page_at(Kind::Wal, off + amt - 1, last);
        if (a && first == off && amt == p) {
            page = true;
        } else if (!a && !b && amt <= kWalFrameHeader) {
            page = false;  // a header, or part of one
        } else if (off >= kWalHeader && (off - kWalHeader) % (back + p) == 0 && amt == back + p) {
            // A whole frame in one write.
            std::vector<std::uint8_t> frame(src, src + amt);
            if (!st.encrypt(src + back, frame.data() + back, p, get32(src))) return SQLITE_IOERR_WRITE;
            return raw_write(f, frame.data(), amt, off);
        } else if (off >= kWalHeader || off + amt > kWalHeader) {
            sqlite3_log(SQLITE_IOERR_WRITE, "%s: a WAL write of %d bytes at %lld splits a page", st.name.c_str(), amt,
                        static_cast<long long>(off));
            return SQLITE_IOERR_WRITE;
        }
    }
    if (!page) return raw_write(f, in, amt, off);
    std::uint32_t pgno = 0;
    if (int rc = pgno_before(f, off, back, pgno); rc != SQLITE_OK) return rc;
    st.scratch.resize(p);
    if (!st.encrypt(src, st.scratch.data(), p, pgno)) return SQLITE_IOERR_WRITE;
    return raw_write(f, st.scratch.data(), p, off);
}

int log_read(sqlite3_file* f, void* out, int amt, sqlite3_int64 off) {
    State& st = st_of(f);
    int rc = raw_read(f, out, amt, off);
    if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ) return rc;
    const int p = log_page_size(f);
    if (!p) return rc;
    auto* dst = static_cast<std::uint8_t*>(out);
    const int back = st.kind == Kind::Wal ? kWalFrameHeader : 4;
    if (st.kind == Kind::Journal) {
        if (amt != p || off < 4 || off % 8 != 4) return rc;  // headers, page numbers, checksums
        if (rc == SQLITE_IOERR_SHORT_READ && all_zero(dst, p)) return rc;
        std::uint32_t pgno = 0;
        if (int r = pgno_before(f, off, back, pgno); r != SQLITE_OK) return r;
        if (rc == SQLITE_OK && st.decrypt(dst, p, pgno)) return SQLITE_OK;
        sqlite3_log(SQLITE_IOERR_DATA, "%s: a page fails its authentication", st.name.c_str());
        return SQLITE_IOERR_DATA;
    }
    // The WAL: decrypt every page the read covers.
    LogGeometry g{p, back};
    for (sqlite3_int64 pos = off; pos < off + amt;) {
        sqlite3_int64 page_off = 0;
        if (!g.page_at(Kind::Wal, pos, page_off)) {  // the WAL's header or a frame's
            pos = pos < kWalHeader ? kWalHeader : pos + kWalFrameHeader - (pos - kWalHeader) % (kWalFrameHeader + p);
            continue;
        }
        const sqlite3_int64 page_end = page_off + p;
        const bool whole = page_off >= off && page_end <= off + amt;
        // Recovery reads frames whole, header included: a frame that fails its tag then
        // reaches SQLite still encrypted and fails SQLite's checksum, ending the log there
        // like a frame a crash tore.
        const bool with_header = whole && page_off - back >= off;
        std::uint8_t* page = whole ? dst + (page_off - off) : (st.scratch.resize(p), st.scratch.data());
        int r = SQLITE_OK;
        if (!whole) r = raw_read(f, page, p, page_off);
        std::uint32_t pgno = 0;
        if (with_header) pgno = get32(page - back);
        else if (int e = pgno_before(f, page_off, back, pgno); e != SQLITE_OK) return e;
        bool zero_tail = (rc == SQLITE_IOERR_SHORT_READ || r == SQLITE_IOERR_SHORT_READ) && all_zero(page, p);
        if (r != SQLITE_OK && r != SQLITE_IOERR_SHORT_READ) return r;
        if (!zero_tail && !st.decrypt(page, p, pgno) && !with_header) {
            sqlite3_log(SQLITE_IOERR_DATA, "%s: page %u of a WAL frame fails its authentication", st.name.c_str(), pgno);
            return SQLITE_IOERR_DATA;
        }
        if (!whole) {
            sqlite3_int64 from = std::max(off, page_off), to = std::min(off + amt, page_end);
            std::memcpy(dst + (from - off), page + (from - page_off), static_cast<std::size_t>(to - from));
        }
        pos = page_end;
    }
    return rc;
}

int x_read(sqlite3_file* f, void* out, int amt, sqlite3_int64 off) {
    return st_of(f).kind == Kind::Main ? main_read(f, out, amt, off) : log_read(f, out, amt, off);
}
int x_write(sqlite3_file* f, const void* in, int amt, sqlite3_int64 off) {
    return st_of(f).kind == Kind::Main ? main_write(f, in, amt, off) : log_write(f, in, amt, off);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xTruncate(r, size);
}
int x_sync(sqlite3_file* f, int flags) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xSync(r, flags);
}
int x_file_size(sqlite3_file* f, sqlite3_int64* size) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xFileSize(r, size);
}
int x_lock(sqlite3_file* f, int l) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xLock(r, l);
}
int x_unlock(sqlite3_file* f, int l) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xUnlock(r, l);
}
int x_check_reserved(sqlite3_file* f, int* out) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xCheckReservedLock(r, out);
}
int x_file_control(sqlite3_file* f, int op, void* arg) {
    sqlite3_file* r = real_of(f);
    if (op == SQLITE_FCNTL_VFSNAME) {
        *static_cast<char**>(arg) = sqlite3_mprintf("%s", kCryptVfs);
        return SQLITE_OK;
    }
    return r->pMethods->xFileControl(r, op, arg);
}
int x_sector_size(sqlite3_file* f) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xSectorSize(r);
}
int x_device_characteristics(sqlite3_file* f) {
    sqlite3_file* r = real_of(f);
    // Never memory-mapped (version 2 methods have no xFetch): SQLite must read through here.
    return r->pMethods->xDeviceCharacteristics(r);
}
int x_shm_map(sqlite3_file* f, int pg, int pgsz, int extend, void volatile** pp) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xShmMap(r, pg, pgsz, extend, pp);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xShmLock(r, offset, n, flags);
}
void x_shm_barrier(sqlite3_file* f) {
    sqlite3_file* r = real_of(f);
    r->pMethods->xShmBarrier(r);
}
int x_shm_unmap(sqlite3_file* f, int del) {
    sqlite3_file* r = real_of(f);
    return r->pMethods->xShmUnmap(r, del);
}

const sqlite3_io_methods kMethods = {
    2,  // no xFetch/xUnfetch: never memory-mapped, every page passes through x_read
    x_close,        x_read,        x_write,     x_truncate,    x_sync,
    x_file_size,    x_lock,        x_unlock,    x_check_reserved,
    x_file_control, x_sector_size, x_device_characteristics,
    x_shm_map,      x_shm_lock,    x_shm_barrier, x_shm_unmap,
    nullptr,        nullptr,
};

// ---- the VFSs ---------------------------------------------------------------------------

// A plain open of a file that starts with the encrypted header: refused, with the reason.
int refuse_if_encrypted(sqlite3_file* f, const char* name) {
    std::uint8_t h[kHeader];
    if (f->pMethods->xRead(f, h, kHeader, 0) == SQLITE_OK && std::memcmp(h, kMagic, sizeof kMagic) == 0) {
        f->pMethods->xClose(f);
        f->pMethods = nullptr;
        return refuse(Code::WrongKey, std::string(name) + " is encrypted: it opens only with its key");
    }
    return SQLITE_OK;
}

int plain_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
    sqlite3_vfs* b = base();
    int rc = b->xOpen(b, name, f, flags, out_flags);
    if (rc == SQLITE_OK && name && (flags & SQLITE_OPEN_MAIN_DB)) rc = refuse_if_encrypted(f, name);
    return rc;
}

int crypt_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
    const bool main = flags & SQLITE_OPEN_MAIN_DB, wal = flags & SQLITE_OPEN_WAL,
               journal = flags & SQLITE_OPEN_MAIN_JOURNAL;
    if (!name || !(main || wal || journal)) {
        // Temporary databases, statement journals, sorter files: a keyed connection keeps
        // them in memory (temp_store=MEMORY). Never write one to disk.
        sqlite3_log(SQLITE_CANTOPEN, "fika-gcm: refused a temporary file on disk (flags %x)", flags);
        return SQLITE_CANTOPEN;
    }
    std::shared_ptr<KeyEntry> key = lookup(main ? name : sqlite3_filename_database(name));
    if (!key) return plain_open(nullptr, name, f, flags, out_flags);

    auto* cf = reinterpret_cast<CryptFile*>(f);
    cf->base.pMethods = nullptr;
    sqlite3_file* real = cf->real();
    sqlite3_vfs* b = base();
    int rc = b->xOpen(b, name, real, flags, out_flags);
    if (rc != SQLITE_OK) return rc;
    auto st = std::make_unique<State>();
    st->kind = main ? Kind::Main : wal ? Kind::Wal : Kind::Journal;
    st->name = name;
    st->key = std::move(key);
    st->enc = EVP_CIPHER_CTX_new();
    st->dec = EVP_CIPHER_CTX_new();
    if (!st->enc || !st->dec || EVP_EncryptInit_ex(st->enc, EVP_aes_256_gcm(), nullptr, st->key->key.data(), nullptr) != 1 ||
        EVP_DecryptInit_ex(st->dec, EVP_aes_256_gcm(), nullptr, st->key->key.data(), nullptr) != 1) {
        real->pMethods->xClose(real);
        return SQLITE_CANTOPEN;
    }
    if (main) {
        std::uint8_t h[kHeader];
        int r = real->pMethods->xRead(real, h, kHeader, 0);
        std::string why;
        Code code = Code::WrongKey;
        if (r == SQLITE_OK && std::memcmp(h, kMagic, sizeof kMagic) == 0) {
            int p = (h[8] << 8) | h[9];
            if (p == 1) p = 65536;
            if (std::memcmp(h + 12, st->key->check.data(), 4) != 0) {
                why = std::string(name) + " is encrypted with another key";
            } else if (!valid_page_size(p) || h[10] != kReserve) {
                code = Code::Corrupt;
                why = std::string(name) + " has a damaged encryption header";
            } else {
                st->key->page_size.store(p, std::memory_order_relaxed);
            }
        } else if (r == SQLITE_OK && std::memcmp(h, kSqliteMagic, sizeof kSqliteMagic) == 0) {
            why = std::string(name) + " is not encrypted (a plain SQLite file), but a key was given";
        } else if (!all_zero(h, kHeader) && (r == SQLITE_OK || r == SQLITE_IOERR_SHORT_READ)) {
            // (All zeros: a new file whose first transaction was cut before page 1 was
            // written; SQLite rolls it back, as it would a plain one.)
            code = Code::Corrupt;
            why = std::string(name) + " is not a database";
        } else if (r != SQLITE_IOERR_SHORT_READ) {
            real->pMethods->xClose(real);
            return r;
        }
        if (!why.empty()) {
            real->pMethods->xClose(real);
            return refuse(code, why);
        }
    }
    cf->st = st.release();
    cf->base.pMethods = &kMethods;
    return SQLITE_OK;
}

int v_delete(sqlite3_vfs*, const char* name, int sync_dir) { return base()->xDelete(base(), name, sync_dir); }
int v_access(sqlite3_vfs*, const char* name, int flags, int* out) { return base()->xAccess(base(), name, flags, out); }
int v_full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
    return base()->xFullPathname(base(), name, n, out);
}
void* v_dl_open(sqlite3_vfs*, const char* name) { return base()->xDlOpen(base(), name); }
void v_dl_error(sqlite3_vfs*, int n, char* out) { base()->xDlError(base(), n, out); }
void (*v_dl_sym(sqlite3_vfs*, void* h, const char* sym))(void) { return base()->xDlSym(base(), h, sym); }
void v_dl_close(sqlite3_vfs*, void* h) { base()->xDlClose(base(), h); }
int v_randomness(sqlite3_vfs*, int n, char* out) { return base()->xRandomness(base(), n, out); }
int v_sleep(sqlite3_vfs*, int us) { return base()->xSleep(base(), us); }
int v_current_time(sqlite3_vfs*, double* t) { return base()->xCurrentTime(base(), t); }
int v_last_error(sqlite3_vfs*, int n, char* out) { return base()->xGetLastError(base(), n, out); }
int v_current_time64(sqlite3_vfs*, sqlite3_int64* t) { return base()->xCurrentTimeInt64(base(), t); }

void register_vfs() {
    static const bool done = [] {
        sqlite3_initialize();
        // SQLite's own (a wrapper a test installed as the default may not outlive us).
        g_first_base = sqlite3_vfs_find("unix");
        if (!g_first_base) g_first_base = sqlite3_vfs_find(nullptr);
        g_real_size = std::max(g_first_base->szOsFile, 512);
        for (sqlite3_vfs* v : {&g_plain_vfs, &g_crypt_vfs}) {
            *v = sqlite3_vfs{};
            v->iVersion = 2;
            v->mxPathname = g_first_base->mxPathname;
            v->xDelete = v_delete;
            v->xAccess = v_access;
            v->xFullPathname = v_full_pathname;
            v->xDlOpen = v_dl_open;
            v->xDlError = v_dl_error;
            v->xDlSym = v_dl_sym;
            v->xDlClose = v_dl_close;
            v->xRandomness = v_randomness;
            v->xSleep = v_sleep;
            v->xCurrentTime = v_current_time;
            v->xGetLastError = v_last_error;
            v->xCurrentTimeInt64 = v_current_time64;
        }
        g_plain_vfs.zName = kPlainVfs;
        g_plain_vfs.szOsFile = g_real_size;
        g_plain_vfs.xOpen = plain_open;
        g_crypt_vfs.zName = kCryptVfs;
        g_crypt_vfs.szOsFile = static_cast<int>(CryptFile::real_offset()) + g_real_size;
        g_crypt_vfs.xOpen = crypt_open;
        sqlite3_vfs_register(&g_plain_vfs, 0);
        sqlite3_vfs_register(&g_crypt_vfs, 0);
        return true;
    }();
    (void)done;
}

void fsync_path(const std::string& path, int flags) {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) fail(Code::Storage, "open " + path + ": " + std::strerror(errno));
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) fail(Code::Storage, "fsync " + path + ": " + std::strerror(errno));
}

std::string dir_of(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

bool exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

}  // namespace

Key random_key() {
    Key k{};
    if (RAND_bytes(k.data(), static_cast<int>(k.size())) != 1) fail(Code::Storage, "no random bytes for a key");
    return k;
}

const char* vfs_for(const std::string& path) {
    register_vfs();
    return has_key(path) ? kCryptVfs : kPlainVfs;
}

void use_key(const std::string& path, const Key& key) {
    register_vfs();
    auto e = std::make_shared<KeyEntry>();
    e->key = key;
    e->check = key_check(key);
    std::lock_guard lk(g_mu);
    g_keys[canonical(path)] = std::move(e);
}

void forget_key(const std::string& path) {
    std::lock_guard lk(g_mu);
    g_keys.erase(canonical(path));
}

bool has_key(const std::string& path) {
    std::lock_guard lk(g_mu);
    return g_keys.count(canonical(path)) > 0;
}

namespace {
// The first 16 bytes of the file (fewer when it is shorter), -1 when it cannot be read.
ssize_t read_header(const std::string& path, std::uint8_t (&h)[kHeader]) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno == ENOENT ? -2 : -1;
    ssize_t n = ::pread(fd, h, sizeof h, 0);
    ::close(fd);
    return n;
}
}  // namespace

bool is_encrypted_with(const std::string& path, const Key& key) {
    std::uint8_t h[kHeader] = {};
    return read_header(path, h) == kHeader && std::memcmp(h, kMagic, sizeof kMagic) == 0 &&
           std::memcmp(h + 12, key_check(key).data(), 4) == 0;
}

FileKind inspect(const std::string& path) {
    std::uint8_t h[kHeader] = {};
    ssize_t n = read_header(path, h);
    if (n == -2) return FileKind::Missing;
    if (n < 0) return FileKind::Other;
    if (n == 0) return FileKind::Empty;
    if (n != kHeader) return FileKind::Other;
    if (std::memcmp(h, kMagic, sizeof kMagic) == 0) return FileKind::Encrypted;
    if (std::memcmp(h, kSqliteMagic, sizeof kSqliteMagic) == 0) return FileKind::Plain;
    return FileKind::Other;
}

Error take_refusal() {
    Error e = std::move(t_refusal);
    t_refusal = Error{};
    return e;
}

void recover_key_change(const std::string& path) {
    for (const char* suffix : {".rekey", ".rekey-wal", ".rekey-shm", ".rekey-journal"})
        ::unlink((path + suffix).c_str());
}

Status change_key(const std::string& path, const Key* old_key, const Key& new_key) {
    return guard([&] {
        register_vfs();
        recover_key_change(path);
        const std::string tmp = path + ".rekey";
        if (old_key) use_key(path, *old_key);
        else forget_key(path);
        use_key(tmp, new_key);
        try {
            {
                // Through the keyed VFS (a plain source passes through it untouched), so
                // that VACUUM INTO writes the copy through it too.
                Db src(path, false, kCryptVfs);
                // Another process with the file open is waited for (busy timeout) and then
                // refused: it would go on writing into the old file.
                src.exec("PRAGMA locking_mode=EXCLUSIVE");
                src.exec("BEGIN EXCLUSIVE");
                src.exec("COMMIT");
                int reserve = kReserve;
                sqlite3_file_control(src.handle(), "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
                src.exec("VACUUM INTO '" + [&] {
                    std::string q;
                    for (char c : tmp) q += c == '\'' ? std::string("''") : std::string(1, c);
                    return q;
                }() + "'");
            }
            if (exists(path + "-wal")) {
                struct stat st {};
                if (::stat((path + "-wal").c_str(), &st) == 0 && st.st_size > 0)
                    fail(Code::Storage, path + " still has a write-ahead log: is another process using it?");
            }
            {
                Db dst(tmp, false);
                Stmt chk = dst.prepare("PRAGMA quick_check");
                std::string first = chk.step() ? std::string(chk.text(0)) : "";
                if (first != "ok") fail(Code::Corrupt, "the re-encrypted copy of " + path + " fails its check: " + first);
            }
            fsync_path(tmp, O_RDONLY);
            if (::rename(tmp.c_str(), path.c_str()) != 0)
                fail(Code::Storage, "rename " + tmp + ": " + std::strerror(errno));
            fsync_path(dir_of(path), O_RDONLY | O_DIRECTORY);
        } catch (...) {
            forget_key(tmp);
            recover_key_change(path);
            if (old_key) use_key(path, *old_key);
            else forget_key(path);
            throw;
        }
        forget_key(tmp);
        use_key(path, new_key);
        return Unit{};
    });
}

}  // namespace fika::sync::crypt
