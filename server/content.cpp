#include "content.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "content_hash.h"

namespace fika::server {

namespace fs = std::filesystem;
using sync::Code;
using sync::fail;
using sync::must;

namespace {

// An open file, closed (and its lock dropped) at scope's end.
struct Fd {
    int fd = -1;
    explicit Fd(int f) : fd(f) {}
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
};

[[noreturn]] void io_failure(const std::string& what) {
    int e = errno;
    fail(Code::Storage, what + ": " + (e == ENOSPC ? std::string("the server's disk is full") : std::strerror(e)));
}

bool safe_key(const std::string& key) {
    if (key.empty() || key.size() > 64) return false;
    for (char c : key)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-')) return false;
    return true;
}

void sync_dir(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

}  // namespace

ContentStore::ContentStore(fs::path root) : root_(std::move(root)) {
    std::error_code ec;
    fs::create_directories(root_ / "objects", ec);
    if (!ec) fs::create_directories(root_ / "uploads", ec);
    if (ec) fail(Code::Storage, "cannot make the content directory " + root_.string() + ": " + ec.message());
}

fs::path ContentStore::object(const std::string& hash) const {
    if (!sync::is_content_hash(hash)) fail(Code::Invalid, "not a content hash: " + hash);
    return root_ / "objects" / hash.substr(0, 2) / hash;
}

fs::path ContentStore::upload(const std::string& key) const {
    if (!safe_key(key)) fail(Code::Invalid, "not an attachment id: " + key);
    return root_ / "uploads" / key;
}

sync::Result<std::uint64_t> ContentStore::staged(const std::string& key) {
    return sync::guard([&] {
        struct stat st{};
        if (::stat(upload(key).c_str(), &st) != 0) return std::uint64_t{0};
        return static_cast<std::uint64_t>(st.st_size);
    });
}

sync::Result<std::uint64_t> ContentStore::stage(const std::string& key, std::uint64_t offset, std::string_view bytes) {
    return sync::guard([&] {
        fs::path p = upload(key);
        Fd f(::open(p.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
        if (f.fd < 0) io_failure("cannot stage an upload");
        // One writer at a time, whichever instance the chunk reached.
        if (::flock(f.fd, LOCK_EX) != 0) io_failure("cannot lock an upload");
        struct stat st{};
        if (::fstat(f.fd, &st) != 0) io_failure("cannot read an upload");
        auto have = static_cast<std::uint64_t>(st.st_size);
        if (offset != have) fail(Code::Invalid, "offset " + std::to_string(offset) + " but the server has " + std::to_string(have));
        std::size_t done = 0;
        while (done < bytes.size()) {
            ssize_t n = ::pwrite(f.fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(have + done));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                int e = errno;
                (void)!::ftruncate(f.fd, static_cast<off_t>(have));  // nothing of a chunk half written
                errno = e;
                io_failure("cannot store an upload");
            }
            done += static_cast<std::size_t>(n);
        }
        if (::fdatasync(f.fd) != 0) {
            int e = errno;
            (void)!::ftruncate(f.fd, static_cast<off_t>(have));
            errno = e;
            io_failure("cannot store an upload");
        }
        return have + bytes.size();
    });
}

sync::Status ContentStore::finish(const std::string& key, const std::string& hash, std::uint64_t size) {
    return sync::guard_status([&] {
        fs::path p = upload(key), to = object(hash);
        Fd f(::open(p.c_str(), O_RDONLY | O_CLOEXEC));
        if (f.fd < 0) fail(Code::NotFound, "nothing staged for " + key);
        if (::flock(f.fd, LOCK_EX) != 0) io_failure("cannot lock an upload");
        sync::Sha256 sha;
        std::vector<char> buf(1 << 20);
        std::uint64_t total = 0;
        for (;;) {
            ssize_t n = ::read(f.fd, buf.data(), buf.size());
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) io_failure("cannot read an upload");
            if (n == 0) break;
            sha.update(std::string_view(buf.data(), static_cast<std::size_t>(n)));
            total += static_cast<std::uint64_t>(n);
        }
        if (total != size || sha.hex() != hash) {
            ::unlink(p.c_str());
            fail(Code::Invalid, "the uploaded bytes are not the attachment's content (its size or SHA-256 differs): upload it again");
        }
        if (has(hash)) {  // the same content is here already
            ::unlink(p.c_str());
            return;
        }
        std::error_code ec;
        fs::create_directories(to.parent_path(), ec);
        if (ec) fail(Code::Storage, "cannot store a content: " + ec.message());
        if (::rename(p.c_str(), to.c_str()) != 0) io_failure("cannot store a content");
        sync_dir(to.parent_path());
        sync_dir(p.parent_path());
    });
}

void ContentStore::discard(const std::string& key) {
    if (safe_key(key)) ::unlink(upload(key).c_str());
}

bool ContentStore::has(const std::string& hash) const {
    if (!sync::is_content_hash(hash)) return false;
    struct stat st{};
    return ::stat(object(hash).c_str(), &st) == 0;
}

sync::Result<std::uint64_t> ContentStore::size(const std::string& hash) const {
    return sync::guard([&] {
        struct stat st{};
        if (::stat(object(hash).c_str(), &st) != 0) fail(Code::NotFound, "no content " + hash);
        return static_cast<std::uint64_t>(st.st_size);
    });
}

sync::Result<std::string> ContentStore::read(const std::string& hash, std::uint64_t offset, std::size_t max) {
    return sync::guard([&] {
        Fd f(::open(object(hash).c_str(), O_RDONLY | O_CLOEXEC));
        if (f.fd < 0) fail(Code::NotFound, "no content " + hash);
        std::string out(max, '\0');
        std::size_t got = 0;
        while (got < max) {
            ssize_t n = ::pread(f.fd, out.data() + got, max - got, static_cast<off_t>(offset + got));
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) io_failure("cannot read a content");
            if (n == 0) break;
            got += static_cast<std::size_t>(n);
        }
        out.resize(got);
        return out;
    });
}

bool ContentStore::remove(const std::string& hash) {
    if (!sync::is_content_hash(hash)) return false;
    fs::path p = object(hash);
    bool was = ::unlink(p.c_str()) == 0;
    if (was) sync_dir(p.parent_path());
    return was;
}

sync::Result<std::vector<std::pair<std::string, std::uint64_t>>> ContentStore::list() const {
    return sync::guard([&] {
        std::vector<std::pair<std::string, std::uint64_t>> out;
        std::error_code ec;
        for (auto& e : fs::recursive_directory_iterator(root_ / "objects", ec)) {
            if (!e.is_regular_file()) continue;
            std::string name = e.path().filename().string();
            if (sync::is_content_hash(name)) out.emplace_back(name, static_cast<std::uint64_t>(e.file_size()));
        }
        if (ec) fail(Code::Storage, "cannot list contents: " + ec.message());
        return out;
    });
}

namespace {

// Links `from` to `to`, or copies it through a temporary name when they are on different
// file systems; `to`'s directory is made.
void place(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::create_directories(to.parent_path(), ec);
    if (ec) fail(Code::Storage, "cannot make " + to.parent_path().string() + ": " + ec.message());
    if (::link(from.c_str(), to.c_str()) == 0 || errno == EEXIST) return;
    fs::path tmp = to;
    tmp += ".part";
    fs::copy_file(from, tmp, fs::copy_options::overwrite_existing, ec);
    if (!ec) fs::rename(tmp, to, ec);
    if (ec) {
        fs::remove(tmp, ec);
        fail(Code::Storage, "cannot copy " + from.string() + " to " + to.string() + ": " + ec.message());
    }
}

fs::path pool_object(const fs::path& pool, const std::string& hash) { return pool / "objects" / hash.substr(0, 2) / hash; }

}  // namespace

sync::Result<std::size_t> ContentStore::save_to(const fs::path& pool, fs::file_time_type stamp) const {
    return sync::guard([&] {
        std::size_t added = 0;
        for (auto& [hash, bytes] : must(list())) {
            fs::path to = pool_object(pool, hash);
            std::error_code ec;
            if (!fs::exists(to, ec)) {
                place(object(hash), to);
                ++added;
            }
            // A hard link shares the live file's times: the stamp is the pool's record, and
            // the live file's time means nothing to the server.
            fs::last_write_time(to, stamp, ec);
        }
        return added;
    });
}

sync::Result<std::size_t> ContentStore::restore_from(const fs::path& pool) {
    return sync::guard([&] {
        std::size_t put = 0;
        std::error_code ec;
        for (auto& e : fs::recursive_directory_iterator(pool / "objects", ec)) {
            std::string name = e.path().filename().string();
            if (!e.is_regular_file() || !sync::is_content_hash(name) || has(name)) continue;
            place(e.path(), object(name));
            ++put;
        }
        return put;
    });
}

sync::Result<std::size_t> ContentStore::prune(const fs::path& pool, fs::file_time_type oldest) const {
    return sync::guard([&] {
        std::size_t dropped = 0;
        std::error_code ec;
        std::vector<fs::path> gone;
        for (auto& e : fs::recursive_directory_iterator(pool / "objects", ec)) {
            std::string name = e.path().filename().string();
            if (!e.is_regular_file() || !sync::is_content_hash(name) || has(name)) continue;
            std::error_code tec;
            if (fs::last_write_time(e.path(), tec) < oldest && !tec) gone.push_back(e.path());
        }
        for (auto& p : gone)
            if (fs::remove(p, ec)) ++dropped;
        return dropped;
    });
}

}  // namespace fika::server
