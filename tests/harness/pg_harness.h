// A temporary PostgreSQL 15 cluster for a test (label pg): made with initdb in a short
// temporary directory, listening on a Unix socket there only (no TCP), stopped by its
// process id when the test ends, and removed. initdb and postgres refuse to run as root:
// as root the cluster belongs to the `postgres` user (runuser), otherwise to the caller.
// Fast and not crash-safe (fsync=off) unless asked: tests of durability ask.
#pragma once

#include <fcntl.h>
#include <pwd.h>
#include <sys/wait.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "process.h"

namespace fika::test {

class PgCluster {
public:
    static constexpr const char* kBin = "/usr/lib/postgresql/15/bin";

    explicit PgCluster(bool durable = false) {
        char tmpl[] = "/tmp/fpgXXXXXX";  // short: a socket path is limited to ~107 bytes
        check(mkdtemp(tmpl) != nullptr, "mkdtemp");
        dir_ = tmpl;
        const bool root = getuid() == 0;
        if (root) {
            struct passwd* pw = getpwnam("postgres");
            check(pw != nullptr, "no user postgres (apt-get install postgresql-15)");
            check(chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) == 0, "chown " + dir_);
        }
        auto [rc, out] = as_owner({std::string(kBin) + "/initdb", "-D", dir_ + "/data", "-A", "trust", "-U", "fika",
                                   "-E", "UTF8", "--locale=C", "--no-sync"});
        check(rc == 0, "initdb: " + out);
        opts_ = "-k " + dir_ + " -c listen_addresses= -c max_connections=60";
        if (!durable) opts_ += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        // More settings for a look inside (e.g. "-c log_min_duration_statement=0").
        if (const char* extra = std::getenv("FIKA_PG_OPTIONS")) opts_ += std::string(" ") + extra;
        start();
        watch();
        create_database("fika");
    }

    ~PgCluster() {
        stop();
        if (watchdog_fd_ >= 0) ::close(watchdog_fd_);  // the watchdog finds nothing left to do
        if (watchdog_pid_ > 0) ::waitpid(watchdog_pid_, nullptr, 0);
    }

    // A new empty database on this cluster; returns its connection string.
    std::string create_database(const std::string& name) {
        auto [rc, out] = run_command({"/usr/bin/psql", "-X", "-q", "-h", dir_, "-U", "fika", "-d", "postgres", "-c",
                                      "CREATE DATABASE " + name});
        check(rc == 0, "CREATE DATABASE " + name + ": " + out);
        return conninfo(name);
    }

    // The database restarting: a fast shutdown (connections close, running transactions
    // roll back), then the same cluster again on the same socket.
    void restart() {
        auto [rc, out] = as_owner({std::string(kBin) + "/pg_ctl", "-D", dir_ + "/data", "-w", "-m", "fast", "stop"});
        check(rc == 0, "pg_ctl stop: " + out);
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
            if (const char* keep = std::getenv("FIKA_PG_KEEP_LOG"))  // the server's log, kept there
                std::filesystem::copy_file(dir_ + "/log", keep, std::filesystem::copy_options::overwrite_existing, ec);
            std::filesystem::remove_all(dir_, ec);
            dir_.clear();
        }
    }

private:
    // A cluster that cannot be made fails the test (or the benchmark) with why.
    static void check(bool ok, const std::string& what) {
        if (!ok) throw std::runtime_error("PostgreSQL test cluster: " + what);
    }
    std::pair<int, std::string> as_owner(std::vector<std::string> argv) const {
        if (getuid() == 0) argv.insert(argv.begin(), {"/usr/sbin/runuser", "-u", "postgres", "--"});
        return run_command(argv);
    }
    void start() {
        auto [rc, out] = as_owner({std::string(kBin) + "/pg_ctl", "-D", dir_ + "/data", "-w", "-l", dir_ + "/log", "-o",
                                   opts_, "start"});
        check(rc == 0, "pg_ctl start: " + out + log());
        std::ifstream pidfile(dir_ + "/data/postmaster.pid");
        pidfile >> pid_;
        check(pid_ > 0, "no postmaster.pid");
    }

    // A watchdog process that stops the cluster (by the pid in its pid file, at once) and
    // removes its directory when this process ends without doing so - a crashed or killed
    // test leaves no PostgreSQL running. It waits for the end of a pipe only this process
    // holds (close-on-exec: the servers a test starts do not inherit it).
    void watch() {
        int p[2];
        check(::pipe2(p, O_CLOEXEC) == 0, "pipe");
        std::string script = "cat >/dev/null; f=" + dir_ + "/data/postmaster.pid; if [ -f $f ]; then kill -QUIT $(head -1 $f) 2>/dev/null; sleep 1; fi; rm -rf " + dir_;
        pid_t w = ::fork();
        if (w == 0) {
            ::dup2(p[0], 0);
            ::execl("/bin/sh", "sh", "-c", script.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        ::close(p[0]);
        watchdog_fd_ = p[1];
        watchdog_pid_ = w;
    }

    std::string dir_, opts_;
    pid_t pid_ = 0;
    int watchdog_fd_ = -1;
    pid_t watchdog_pid_ = 0;
};

// The server suites on PostgreSQL: FIKA_TEST_BACKEND=pg (CTest's pg label runs them so)
// makes every ServerProcess of the test serve a fresh database of one cluster per test.
inline bool pg_backend() {
    const char* b = std::getenv("FIKA_TEST_BACKEND");
    return b && std::string(b) == "pg";
}

inline PgCluster& shared_cluster() {
    static PgCluster cluster;
    return cluster;
}

}  // namespace fika::test
