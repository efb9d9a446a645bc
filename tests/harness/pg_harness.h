// A temporary PostgreSQL 15 cluster for a test (label pg): made with initdb in a short
// temporary directory, listening on a Unix socket there only (no TCP), stopped by its
// process id when the test ends, and removed. initdb and postgres refuse to run as root:
// as root the cluster belongs to the `postgres` user (runuser), otherwise to the caller.
// Fast and not crash-safe (fsync=off) unless asked: tests of durability ask.
#pragma once

#include <catch2/catch.hpp>

#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "server_harness.h"

namespace fika::test {

class PgCluster {
public:
    static constexpr const char* kBin = "/usr/lib/postgresql/15/bin";

    explicit PgCluster(bool durable = false) {
        char tmpl[] = "/tmp/fpgXXXXXX";  // short: a socket path is limited to ~107 bytes
        REQUIRE(mkdtemp(tmpl) != nullptr);
        dir_ = tmpl;
        const bool root = getuid() == 0;
        if (root) {
            struct passwd* pw = getpwnam("postgres");
            REQUIRE(pw != nullptr);  // the postgresql package makes this user
            REQUIRE(chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) == 0);
        }
        auto [rc, out] = as_owner({std::string(kBin) + "/initdb", "-D", dir_ + "/data", "-A", "trust", "-U", "fika",
                                   "-E", "UTF8", "--locale=C", "--no-sync"});
        INFO(out);
        REQUIRE(rc == 0);
        opts_ = "-k " + dir_ + " -c listen_addresses= -c max_connections=60";
        if (!durable) opts_ += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        start();
        auto [rc3, out3] = run_command({"/usr/bin/psql", "-X", "-q", "-h", dir_, "-U", "fika", "-d", "postgres", "-c",
                                        "CREATE DATABASE fika"});
        INFO(out3);
        REQUIRE(rc3 == 0);
    }

    ~PgCluster() { stop(); }

    // The database restarting: a fast shutdown (connections close, running transactions
    // roll back), then the same cluster again on the same socket.
    void restart() {
        auto [rc, out] = as_owner({std::string(kBin) + "/pg_ctl", "-D", dir_ + "/data", "-w", "-m", "fast", "stop"});
        INFO(out);
        REQUIRE(rc == 0);
        start();
    }
    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    // The libpq connection string of the test database (or another one).
    std::string conninfo(const std::string& db = "fika") const { return "host=" + dir_ + " user=fika dbname=" + db; }
    const std::string& dir() const { return dir_; }
    pid_t pid() const { return pid_; }
    std::string log() const {
        std::ifstream in(dir_ + "/log");
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }

    // Fast shutdown (SIGINT: running transactions roll back, connections close), by pid,
    // waiting up to 20 s; then the directory goes.
    void stop() {
        if (pid_ > 0) {
            ::kill(pid_, SIGINT);
            auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
            while (::kill(pid_, 0) == 0 && std::chrono::steady_clock::now() < until)
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            if (::kill(pid_, 0) == 0) ::kill(pid_, SIGKILL);
            pid_ = 0;
        }
        if (!dir_.empty()) {
            std::error_code ec;
            std::filesystem::remove_all(dir_, ec);
            dir_.clear();
        }
    }

private:
    std::pair<int, std::string> as_owner(std::vector<std::string> argv) const {
        if (getuid() == 0) argv.insert(argv.begin(), {"/usr/sbin/runuser", "-u", "postgres", "--"});
        return run_command(argv);
    }
    void start() {
        auto [rc, out] = as_owner({std::string(kBin) + "/pg_ctl", "-D", dir_ + "/data", "-w", "-l", dir_ + "/log", "-o",
                                   opts_, "start"});
        INFO(out << log());
        REQUIRE(rc == 0);
        std::ifstream pidfile(dir_ + "/data/postmaster.pid");
        pidfile >> pid_;
        REQUIRE(pid_ > 0);
    }

    std::string dir_, opts_;
    pid_t pid_ = 0;
};

}  // namespace fika::test
