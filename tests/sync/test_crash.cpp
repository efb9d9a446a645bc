// Crash test (tests/SPEC.md, property 2): a child process writes locally, merges remote
// pages and acknowledges pushes as fast as it can, reporting each commit on a pipe; the
// parent kills it with SIGKILL at a random moment, many times over. After every kill
// the file passes PRAGMA integrity_check, opens normally, and every write the child
// reported as committed is there exactly once.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "encrypted_vfs.h"
#include "sqlite.h"
#include "store.h"
#include "testutil.h"

using namespace fika::sync;

namespace {

// Remote records get ids the parent can recompute from their number.
std::string remote_id(std::uint64_t n) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "01900000-0000-7000-8000-%012llx", static_cast<unsigned long long>(n));
    return buf;
}

[[noreturn]] void child(const std::string& path, int fd, std::uint64_t start, std::uint64_t seed) {
    auto opened = Store::open(path);
    if (!opened.ok()) _exit(3);
    Store& s = **opened;
    Rng rng(seed);
    const TableDef* accounts = s.schema().table("accounts");
    int name = accounts->field_index("name");
    auto report = [&](char kind, std::uint64_t n) {
        char line[48];
        int len = std::snprintf(line, sizeof line, "%c %llu\n", kind, static_cast<unsigned long long>(n));
        if (write(fd, line, static_cast<size_t>(len)) != len) _exit(4);
    };
    for (std::uint64_t n = start;; ++n) {
        switch (rng() % 4) {
            case 0:
            case 1: {
                auto id = s.create("accounts", {{"name", text("local-" + std::to_string(n))}});
                if (!id.ok()) _exit(5);
                report('L', n);
                break;
            }
            case 2: {
                std::vector<RecordChange> page;
                for (int i = 0; i < 20; ++i, ++n) {
                    Clock c{hlc_from_ms(1'764'000'000'000) + n, 0x77};
                    page.push_back({accounts, remote_id(n), {{name, text("remote-" + std::to_string(n)), c, {}, 0}}});
                }
                --n;
                auto cur = s.apply_page("global", page, n, false);
                if (!cur.ok()) _exit(6);
                report('R', n);
                break;
            }
            case 3: {
                auto batch = s.pending(5);
                if (!batch.ok()) _exit(7);
                if (batch->upto && !s.ack(batch->upto, {}).ok()) _exit(8);
                break;
            }
        }
    }
}

}  // namespace

TEST_CASE("kill -9 at any moment loses no committed write and never corrupts the file") {
    // Plain, and encrypted at rest (sync/encrypted_vfs.h: the WAL's frames encrypted, crash
    // recovery reading them back through the cipher).
    const bool encrypted = GENERATE(false, true);
    std::uint64_t seed = fika::test::test_seed(encrypted ? "crash (encrypted)" : "crash");
    Rng rng(seed);
    fika::test::TempDir dir;
    std::string path = dir.file("crash.db");
    if (encrypted) crypt::use_key(path, crypt::random_key());
    { REQUIRE(Store::open(path).ok()); }

    std::set<std::uint64_t> local, remote;
    std::uint64_t next = 1;
    int kills = 0;
    const int rounds = 120;
    for (int round = 0; round < rounds; ++round) {
        int fds[2];
        REQUIRE(pipe(fds) == 0);
        pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            close(fds[0]);
            child(path, fds[1], next, rng());
        }
        close(fds[1]);
        // Let the writer get going (its first report), then kill it at a random moment.
        std::string reported;
        char buf[4096];
        auto first_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (reported.find('\n') == std::string::npos && std::chrono::steady_clock::now() < first_deadline) {
            pollfd p{fds[0], POLLIN, 0};
            if (poll(&p, 1, 50) > 0) {
                ssize_t got = read(fds[0], buf, sizeof buf);
                if (got <= 0) break;
                reported.append(buf, static_cast<size_t>(got));
            }
        }
        std::this_thread::sleep_for(std::chrono::microseconds(rng() % 30000));
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) ++kills;
        else FAIL("the writer stopped by itself, status " << status);
        ssize_t got;
        while ((got = read(fds[0], buf, sizeof buf)) > 0) reported.append(buf, static_cast<size_t>(got));
        close(fds[0]);
        // Only complete lines count: the last one may have been cut by the kill.
        std::size_t pos = 0, nl;
        while ((nl = reported.find('\n', pos)) != std::string::npos) {
            std::string line = reported.substr(pos, nl - pos);
            pos = nl + 1;
            std::uint64_t n = std::strtoull(line.c_str() + 2, nullptr, 10);
            if (line[0] == 'L') local.insert(n);
            else
                for (std::uint64_t k = n - 19; k <= n; ++k) remote.insert(k);
        }

        {
            Db raw(path, false);
            Stmt check = raw.prepare("PRAGMA integrity_check");
            REQUIRE(check.step());
            REQUIRE(check.text(0) == "ok");
        }
        auto opened = Store::open(path);
        INFO("round " << round << ": " << (opened.ok() ? "" : opened.error().message));
        REQUIRE(opened.ok());
        Store& s = **opened;
        std::map<std::string, int> names;
        std::uint64_t max_n = next;
        for (const Record& r : *s.all("accounts")) {
            std::string nm = std::get<std::string>(r["name"]);
            ++names[nm];
            max_n = std::max<std::uint64_t>(max_n, std::strtoull(nm.substr(nm.find('-') + 1).c_str(), nullptr, 10));
        }
        std::vector<std::string> twice, missing;
        for (auto& [nm, count] : names)
            if (count != 1) twice.push_back(nm);
        for (std::uint64_t n : local)
            if (!names.count("local-" + std::to_string(n))) missing.push_back("local-" + std::to_string(n));
        for (std::uint64_t n : remote)
            if (!names.count("remote-" + std::to_string(n)) || !s.get("accounts", remote_id(n)).ok())
                missing.push_back("remote-" + std::to_string(n));
        CHECK(twice == std::vector<std::string>{});
        CHECK(missing == std::vector<std::string>{});
        // Every queued write still points at its record.
        auto batch = s.pending(1000000);
        REQUIRE(batch.ok());
        next = max_n + 1;
    }
    std::printf("crash%s: %d kills, %zu local and %zu remote commits verified\n", encrypted ? " (encrypted)" : "", kills,
                local.size(), remote.size());
    CHECK(kills == rounds);
    CHECK(local.size() > 20);  // the child did real work (fewer under sanitizers)
    if (encrypted) {
        CHECK(crypt::inspect(path) == crypt::FileKind::Encrypted);
        crypt::forget_key(path);
    }
}

namespace {

// The app's shape: two connections to one file in one process (the UI's and the sync
// worker's), each a Store. Writes through both in turn, reporting each commit, after the
// parent said go; then waits to be killed.
[[noreturn]] void two_store_child(const std::string& path, int report_fd, int go_fd, int writes) {
    auto ui = Store::open(path);
    if (!ui.ok()) _exit(3);
    auto worker = Store::open(path);
    if (!worker.ok()) _exit(3);
    if (!(*ui)->create("accounts", {{"name", text("before")}}).ok()) _exit(5);
    if (write(report_fd, "ready\n", 6) != 6) _exit(4);
    char go = 0;
    if (read(go_fd, &go, 1) != 1) _exit(4);
    for (int n = 0; n < writes; ++n) {
        Store& s = n % 2 ? **worker : **ui;
        if (!s.create("accounts", {{"name", text("after-" + std::to_string(n))}}).ok()) _exit(5);
        char line[32];
        int len = std::snprintf(line, sizeof line, "%d\n", n);
        if (write(report_fd, line, static_cast<size_t>(len)) != len) _exit(4);
    }
    for (;;) pause();
}

// Reads lines from fd until one equals `want` or 10 s pass; returns everything read.
std::string read_until(int fd, const std::string& want) {
    std::string got;
    char buf[4096];
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        if (got.find(want) != std::string::npos) break;
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, 50) <= 0) continue;
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) break;
        got.append(buf, static_cast<size_t>(n));
    }
    return got;
}

}  // namespace

// Issue 18: the app lost saved work when any other process (sqlite3, fika-cli status, a
// backup or indexing tool) opened and closed its database. Opening the second store read
// the file's header with a stream of its own; closing that descriptor dropped every POSIX
// lock the process held on the file, so the other process's close checkpointed and
// deleted the WAL, and every later write went into a WAL without a name.
TEST_CASE("another process reading the database loses none of the app's writes - even after kill -9") {
    const bool encrypted = GENERATE(false, true);
    fika::test::TempDir dir;
    for (int round = 0; round < 3; ++round) {
        std::string path = dir.file("app-" + std::to_string(round) + ".db");
        if (encrypted) crypt::use_key(path, crypt::random_key());
        { REQUIRE(Store::open(path).ok()); }
        int report[2], go[2];
        REQUIRE(pipe(report) == 0);
        REQUIRE(pipe(go) == 0);
        const int writes = 50;
        pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            close(report[0]);
            close(go[1]);
            two_store_child(path, report[1], go[0], writes);
        }
        close(report[1]);
        close(go[0]);
        REQUIRE_THAT(read_until(report[0], "ready\n"), Catch::Contains("ready"));
        // Another process opens the file, reads and closes it: the sqlite3 shell (round 1,
        // when installed), else this one, which holds no connection to the file.
        if (round == 1 && access("/usr/bin/sqlite3", X_OK) == 0) {
            pid_t shell = fork();
            if (shell == 0) {
                int devnull = open("/dev/null", O_WRONLY);
                dup2(devnull, 1);
                execl("/usr/bin/sqlite3", "sqlite3", path.c_str(), "SELECT count(*) FROM accounts", nullptr);
                _exit(127);
            }
            int st = 0;
            waitpid(shell, &st, 0);
            REQUIRE(WIFEXITED(st));
            // An encrypted file is "not a database" to the shell: it opened, read and
            // closed it all the same.
            REQUIRE((WEXITSTATUS(st) == 0) != encrypted);
        } else {
            Db other(path, false);
            Stmt q = other.prepare("SELECT count(*) FROM accounts");
            REQUIRE(q.step());
        }
        CHECK(std::filesystem::exists(path + "-wal"));  // the app still holds it
        REQUIRE(write(go[1], "g", 1) == 1);
        std::string lines = read_until(report[0], std::to_string(writes - 1) + "\n");
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        close(report[0]);
        close(go[1]);
        REQUIRE(WIFSIGNALED(status));
        int acknowledged = 0;
        for (std::size_t pos = 0; pos < lines.size();) {
            std::size_t nl = lines.find('\n', pos);
            if (nl == std::string::npos) break;
            ++acknowledged;
            pos = nl + 1;
        }
        REQUIRE(acknowledged == writes);

        auto s = Store::open(path);
        REQUIRE(s.ok());
        std::set<std::string> names;
        for (const Record& r : *(*s)->all("accounts")) names.insert(std::get<std::string>(r["name"]));
        int found = 0;
        for (int n = 0; n < writes; ++n) found += names.count("after-" + std::to_string(n)) ? 1 : 0;
        INFO("round " << round << (encrypted ? " (encrypted)" : ""));
        CHECK(found == acknowledged);
        CHECK(names.count("before") == 1);
        crypt::forget_key(path);
    }
}
