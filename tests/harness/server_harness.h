// Starts the real fika-server binary on 127.0.0.1 with a free port and a temporary data
// directory, and stops it by its process id (SIGTERM, then SIGKILL after 10 s). With
// FIKA_TEST_BACKEND=pg it serves a fresh database on a PostgreSQL cluster of the test's
// own (pg_harness.h) instead of the data directory's SQLite file.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "pg_harness.h"
#include "process.h"
#include "testutil.h"

#ifndef FIKA_SERVER_BIN
#error "FIKA_SERVER_BIN must name the fika-server binary"
#endif

namespace fika::test {

class ServerProcess {
public:
    // `db`: a PostgreSQL database to serve, shared with other instances (else a fresh one
    // under FIKA_TEST_BACKEND=pg, or the data directory's SQLite file).
    explicit ServerProcess(std::vector<std::string> extra = {}, std::string db = {})
        : db_(std::move(db)), extra_(std::move(extra)) {
        if (db_.empty() && pg_backend()) {
            static int made = 0;
            db_ = shared_cluster().create_database("fika_s" + std::to_string(++made));
        }
        start();
    }
    ~ServerProcess() { stop(); }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    int port() const { return port_; }
    std::string data() const { return dir_.path().string(); }
    // The --db it serves: a PostgreSQL connection string, or "" (DATA's SQLite file).
    const std::string& db() const { return db_; }
    // Where attachments' content is kept: DATA/content on SQLite; on PostgreSQL one
    // directory per database, which every instance serving it shares (docs/deployment.md),
    // in the cluster's own directory (gone with it).
    std::string content_dir() const {
        if (db_.empty()) return data() + "/content";
        auto word = [&](const std::string& key) {
            auto at = db_.find(key + "=");
            return at == std::string::npos ? std::string() : db_.substr(at + key.size() + 1, db_.find(' ', at) - at - key.size() - 1);
        };
        return word("host") + "/content-" + word("dbname");
    }
    pid_t pid() const { return pid_; }

    // `with_stderr`: its messages too (an error's reason).
    std::pair<int, std::string> admin(std::vector<std::string> args, bool with_stderr = false) const {
        std::vector<std::string> argv = {FIKA_SERVER_BIN, "--data", data()};
        if (!db_.empty()) argv.insert(argv.end(), {"--db", db_, "--content-dir", content_dir()});
        argv.insert(argv.end(), args.begin(), args.end());
        return run_command(argv, with_stderr);
    }

    // Creates a user with the admin command; returns its token (the last line).
    std::string add_user(const std::string& name, const std::string& role) const {
        auto [rc, out] = admin({"user", "add", name, "--role", role});
        if (rc != 0) throw std::runtime_error("user add failed: " + out);
        while (!out.empty() && out.back() == '\n') out.pop_back();
        return out.substr(out.rfind('\n') + 1);
    }

    void start(int attempt = 0) {
        int out[2];
        cloexec_pipe(out);
        std::string log = dir_.file("server.log");
        pid_ = fork();
        if (pid_ == 0) {
            dup2(out[1], 1);
            int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
            if (fd >= 0) dup2(fd, 2);
            std::vector<std::string> argv = {FIKA_SERVER_BIN, "--data", data()};
            if (!db_.empty()) argv.insert(argv.end(), {"--db", db_, "--content-dir", content_dir()});
            argv.insert(argv.end(), {"serve", "--listen", "127.0.0.1:" + std::to_string(port_)});
            argv.insert(argv.end(), extra_.begin(), extra_.end());
            exec_argv(argv);
        }
        close(out[1]);
        // The first line names the port: "fika-server listening on http://127.0.0.1:PORT ...".
        std::string line;
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
            pollfd p{out[0], POLLIN, 0};
            if (poll(&p, 1, 100) > 0) {
                char buf[512];
                ssize_t n = read(out[0], buf, sizeof buf);
                if (n <= 0) break;
                line.append(buf, static_cast<size_t>(n));
            }
        }
        close(out[0]);
        auto at = line.find("127.0.0.1:");
        if (at == std::string::npos) {
            stop(SIGKILL);
            // Started again on its old port, which a client's connection may hold as its own
            // end for a moment (test ports are in the ephemeral range): try again shortly.
            if (port_ != 0 && attempt < 50) {
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
                return start(attempt + 1);
            }
            throw std::runtime_error("fika-server did not start: " + line + this->log());
        }
        port_ = std::atoi(line.c_str() + at + 10);
    }

    // SIGTERM and wait; returns the exit status (-1 when it had to be killed).
    int stop(int sig = SIGTERM) {
        if (pid_ <= 0) return 0;
        int status = stop_process(pid_, sig);
        pid_ = -1;
        return status;
    }

    // Starts again on the same port and data directory.
    void restart() {
        stop();
        start();
    }
    // Starts again on the same data with other serve options (stopped first).
    void restart_with(std::vector<std::string> extra) {
        stop();
        extra_ = std::move(extra);
        start();
    }

    std::string log() const {
        std::FILE* f = std::fopen(dir_.file("server.log").c_str(), "r");
        if (!f) return {};
        std::string s;
        char buf[4096];
        size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
        std::fclose(f);
        return s;
    }

private:
    TempDir dir_;
    std::string db_;  // the PostgreSQL database it serves (pg_backend()), else its data directory's
    std::vector<std::string> extra_;
    pid_t pid_ = -1;
    int port_ = 0;
};

}  // namespace fika::test
