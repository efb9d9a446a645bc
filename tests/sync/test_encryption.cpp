// Encryption at rest (sync/encrypted_vfs.h): what a thief who copies a device's files
// learns (nothing of a record), what a wrong key or an altered page does (a clear error,
// the file untouched), and that changing the key, or encrypting a plain database, survives
// being killed at any moment.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "encrypted_vfs.h"
#include "sqlite.h"
#include "store.h"
#include "testutil.h"

using namespace fika::sync;
using fika::test::TempDir;

namespace {

std::string slurp(const std::string& path) { return fika::test::file_bytes(path); }
std::string everything_in(const TempDir& dir) { return fika::test::bytes_under(dir.path()); }

// The same, read by another process (as a thief's copy would be): this one may hold
// connections to those files, and closing a descriptor of its own on one would drop its
// SQLite locks.
std::string everything_in_other_process(const TempDir& dir) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        std::string all = fika::test::bytes_under(dir.path());
        for (std::size_t off = 0; off < all.size();) {
            ssize_t n = write(fds[1], all.data() + off, all.size() - off);
            if (n <= 0) _exit(1);
            off += static_cast<std::size_t>(n);
        }
        _exit(0);
    }
    close(fds[1]);
    std::string got;
    char buf[65536];
    for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) got.append(buf, static_cast<std::size_t>(n));
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    REQUIRE((WIFEXITED(status) && WEXITSTATUS(status) == 0));
    return got;
}

crypt::Key key_of(std::uint8_t fill) {
    crypt::Key k{};
    k.fill(fill);
    k[0] = 0x42;
    return k;
}

// A consultant's words: each occurs in one record.
const std::vector<std::string> kWords = {"Zanzibar-strategy-4711", "Ouagadougou-merger-plan", "Kilimanjaro-budget-cut"};

// A replica with a few hundred accounts, notes naming kWords, and one deleted record whose
// words must not linger either. Leaves it open when `keep` is given.
void fill(const std::string& path, std::unique_ptr<Store>* keep = nullptr) {
    auto s = Store::open(path);
    REQUIRE(s.ok());
    for (int i = 0; i < 300; ++i)
        REQUIRE((*s)->create("accounts", {{"name", text("Customer number " + std::to_string(i) + " AB")}}).ok());
    for (const auto& w : kWords) REQUIRE((*s)->create("accounts", {{"name", text(w)}}).ok());
    if (keep) *keep = std::move(*s);
}

std::size_t count_accounts(Store& s) { return s.all("accounts")->size(); }

// Flips one byte of the closed file at `offset`.
void flip(const std::string& path, std::size_t offset) {
    std::string bytes = slurp(path);
    REQUIRE(offset < bytes.size());
    bytes[offset] = static_cast<char>(bytes[offset] ^ 0x5a);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// Opening the file, reading every record or SQLite's integrity check fails (with Corrupt
// or Storage: never a wrong key, never success).
bool reading_fails(const std::string& path) {
    auto s = Store::open(path);
    if (!s.ok()) {
        CHECK((s.code() == Code::Corrupt || s.code() == Code::Storage));
        return true;
    }
    if (!(*s)->all("accounts").ok()) return true;
    try {
        Db raw(path, false);
        Stmt chk = raw.prepare("PRAGMA integrity_check");
        return !chk.step() || chk.text(0) != "ok";
    } catch (const Failure& f) {
        CHECK(f.error.code != Code::WrongKey);
        return true;
    }
}

}  // namespace

TEST_CASE("an encrypted device database holds no plaintext of any record - a plain one does") {
    TempDir plain_dir, enc_dir;
    std::string plain = plain_dir.file("plain.db"), enc = enc_dir.file("enc.db");
    crypt::use_key(enc, key_of(7));
    std::unique_ptr<Store> open_plain, open_enc;
    fill(plain, &open_plain);
    fill(enc, &open_enc);
    // While open (the WAL holds the latest pages) and after a clean close.
    for (int pass = 0; pass < 2; ++pass) {
        INFO((pass == 0 ? "open" : "closed"));
        std::string p = everything_in_other_process(plain_dir), e = everything_in_other_process(enc_dir);
        for (const auto& w : kWords) {
            CHECK(p.find(w) != std::string::npos);  // the grep finds them where they are
            CHECK(e.find(w) == std::string::npos);
        }
        CHECK(e.find("Customer number") == std::string::npos);
        CHECK(e.find("SQLite format 3") == std::string::npos);
        CHECK(e.find("CREATE TABLE") == std::string::npos);  // not even the schema
        CHECK(crypt::inspect(enc) == crypt::FileKind::Encrypted);
        CHECK(crypt::inspect(plain) == crypt::FileKind::Plain);
        open_plain.reset();
        open_enc.reset();
    }
    auto again = Store::open(enc);
    REQUIRE(again.ok());
    CHECK(count_accounts(**again) == 303);
    crypt::forget_key(enc);
}

TEST_CASE("a missing or wrong key is a clear error and leaves the file untouched") {
    TempDir dir;
    std::string path = dir.file("enc.db");
    crypt::use_key(path, key_of(1));
    fill(path);
    std::string before = slurp(path);

    crypt::use_key(path, key_of(2));
    auto wrong = Store::open(path);
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.code() == Code::WrongKey);
    CHECK_THAT(wrong.error().message, Catch::Contains("another key"));

    crypt::forget_key(path);
    auto none = Store::open(path);
    REQUIRE_FALSE(none.ok());
    CHECK(none.code() == Code::WrongKey);
    CHECK_THAT(none.error().message, Catch::Contains("encrypted"));

    CHECK(slurp(path) == before);
    CHECK_FALSE(std::filesystem::exists(path + "-wal"));

    // A key given for a plain file: refused too (the app migrates it instead).
    std::string plain = dir.file("plain.db");
    fill(plain);
    crypt::use_key(plain, key_of(1));
    CHECK(Store::open(plain).code() == Code::WrongKey);
    crypt::forget_key(plain);
    CHECK(Store::open(plain).ok());

    crypt::use_key(path, key_of(1));
    auto right = Store::open(path);
    REQUIRE(right.ok());
    CHECK(count_accounts(**right) == 303);
    crypt::forget_key(path);
}

TEST_CASE("an altered page is an error - never silently different data") {
    TempDir dir;
    std::string path = dir.file("enc.db");
    crypt::use_key(path, key_of(3));
    fill(path);
    std::size_t size = std::filesystem::file_size(path);
    REQUIRE(size > 8 * 4096);

    // One byte in the middle of each page in turn (page 1 after its clear header included):
    // opening, or reading every record, fails with Corrupt or Storage; never a wrong answer.
    std::string pristine = slurp(path);
    int detected = 0, pages = static_cast<int>(size / 4096);
    for (int page = 0; page < pages; ++page) {
        std::ofstream(path, std::ios::binary | std::ios::trunc) << pristine;
        flip(path, static_cast<std::size_t>(page) * 4096 + 2000);
        bool failed = reading_fails(path);
        INFO("page " << page + 1);
        CHECK(failed);
        detected += failed;
    }
    CHECK(detected == pages);

    // The clear header's key check altered: the file is not this key's any more.
    std::ofstream(path, std::ios::binary | std::ios::trunc) << pristine;
    flip(path, 13);
    CHECK(Store::open(path).code() == Code::WrongKey);

    // Two pages swapped: each fails its tag (the page number is authenticated).
    std::string swapped = pristine;
    std::swap_ranges(swapped.begin() + 4096 * 3, swapped.begin() + 4096 * 4, swapped.begin() + 4096 * 5);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << swapped;
    CHECK(reading_fails(path));
    crypt::forget_key(path);
}

TEST_CASE("a rollback journal is encrypted too and a rollback through it restores every page") {
    TempDir dir;
    std::string path = dir.file("journal.db");
    crypt::use_key(path, key_of(4));
    Db db(path, true);
    db.exec("PRAGMA journal_mode=DELETE");
    db.exec("PRAGMA cache_size=10");  // small: the big change spills pages to the file
    db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
    db.exec("BEGIN");
    for (int i = 0; i < 2000; ++i) db.exec("INSERT INTO t(v) VALUES('Zanzibar-strategy-4711 row " + std::to_string(i) + "')");
    db.exec("COMMIT");
    db.exec("BEGIN");
    db.exec("UPDATE t SET v = 'changed ' || id");
    CHECK(std::filesystem::exists(path + "-journal"));
    CHECK(slurp(path + "-journal").find("Zanzibar") == std::string::npos);
    CHECK(slurp(path).find("changed") == std::string::npos);
    db.exec("ROLLBACK");
    Stmt q = db.prepare("SELECT count(*) FROM t WHERE v LIKE 'Zanzibar-strategy-4711 row %'");
    REQUIRE(q.step());
    CHECK(q.integer(0) == 2000);
    Stmt chk = db.prepare("PRAGMA integrity_check");
    REQUIRE(chk.step());
    CHECK(chk.text(0) == "ok");
    crypt::forget_key(path);
}

TEST_CASE("a plain database is encrypted in place - all records kept - and its key changed") {
    TempDir dir;
    std::string path = dir.file("device.db");
    fill(path);
    REQUIRE(crypt::inspect(path) == crypt::FileKind::Plain);

    auto k1 = key_of(10), k2 = key_of(11);
    REQUIRE(crypt::change_key(path, nullptr, k1).ok());
    CHECK(crypt::inspect(path) == crypt::FileKind::Encrypted);
    for (const auto& w : kWords) CHECK(everything_in(dir).find(w) == std::string::npos);
    {
        auto s = Store::open(path);
        REQUIRE(s.ok());
        CHECK(count_accounts(**s) == 303);
        REQUIRE((*s)->create("accounts", {{"name", text("after migration")}}).ok());
    }
    REQUIRE(crypt::change_key(path, &k1, k2).ok());
    {
        auto s = Store::open(path);
        REQUIRE(s.ok());
        CHECK(count_accounts(**s) == 304);
    }
    crypt::use_key(path, k1);
    CHECK(Store::open(path).code() == Code::WrongKey);
    // The old key given as the old one: refused, nothing changed.
    CHECK(crypt::change_key(path, &k1, key_of(12)).code() == Code::WrongKey);
    crypt::use_key(path, k2);
    CHECK(Store::open(path).ok());
    CHECK_FALSE(std::filesystem::exists(path + ".rekey"));
    crypt::forget_key(path);
}

TEST_CASE("kill -9 while the key changes leaves the old file with the old key or the new one with the new") {
    std::uint64_t seed = fika::test::test_seed("rekey crash");
    Rng rng(seed);
    TempDir dir;
    std::string path = dir.file("device.db");
    fill(path);
    // Keys 0 (plain), 1, 2, ...: round r moves from key r to key r + 1.
    auto key_n = [](int n) { return key_of(static_cast<std::uint8_t>(100 + n)); };
    // How long one change takes here: the kills land anywhere in 1.5 times that.
    std::int64_t took_us = 0;
    {
        std::string copy = dir.file("timing.db");
        std::filesystem::copy_file(path, copy);
        auto t0 = std::chrono::steady_clock::now();
        REQUIRE(crypt::change_key(copy, nullptr, key_n(99)).ok());
        took_us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
        crypt::forget_key(copy);
    }
    int current = 0, finished = 0, killed = 0;
    for (int round = 0; round < 16; ++round) {
        pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            crypt::Key old = key_n(current);
            Status st = crypt::change_key(path, current ? &old : nullptr, key_n(current + 1));
            _exit(st.ok() ? 0 : 1);
        }
        std::this_thread::sleep_for(std::chrono::microseconds(rng() % static_cast<std::uint64_t>(took_us * 3 / 2 + 1)));
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        if (WIFEXITED(status)) {
            REQUIRE(WEXITSTATUS(status) == 0);
            ++finished;
        } else {
            ++killed;
        }
        // The next start: clear what a crash left beside the file, then the file opens with
        // exactly one of the two keys and holds every record.
        crypt::recover_key_change(path);
        CHECK_FALSE(std::filesystem::exists(path + ".rekey"));
        int opened_with = -1;
        for (int k : {current, current + 1}) {
            if (k == 0) crypt::forget_key(path);
            else crypt::use_key(path, key_n(k));
            auto s = Store::open(path);
            if (!s.ok()) {
                CHECK(s.code() == Code::WrongKey);
                continue;
            }
            INFO("round " << round << " key " << k);
            CHECK(opened_with == -1);
            opened_with = k;
            CHECK(count_accounts(**s) == 303);
        }
        REQUIRE(opened_with >= 0);
        current = opened_with;
        crypt::forget_key(path);
    }
    std::printf("rekey crash: one change %lld us; %d finished, %d killed mid-way\n", static_cast<long long>(took_us),
                finished, killed);
    CHECK(killed > 0);
}
