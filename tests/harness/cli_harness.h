// Runs the real fika-cli binary against a database file.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "server_harness.h"

#ifndef FIKA_CLI_BIN
#error "FIKA_CLI_BIN must name the fika-cli binary"
#endif

namespace fika::test {

struct CliResult {
    int status = -1;
    std::string out;
};

class Cli {
public:
    explicit Cli(std::string db) : db_(std::move(db)) {}
    const std::string& db() const { return db_; }

    CliResult run(std::vector<std::string> args) const {
        std::vector<std::string> argv = {FIKA_CLI_BIN, "--db", db_};
        argv.insert(argv.end(), args.begin(), args.end());
        auto [rc, out] = run_command(argv);
        return {rc, out};
    }

    // Runs a command that must succeed; returns its output without the final newline.
    std::string ok(std::vector<std::string> args) const {
        CliResult r = run(args);
        INFO("fika-cli " << join(args) << " -> " << r.status << ": " << r.out);
        REQUIRE(r.status == 0);
        while (!r.out.empty() && r.out.back() == '\n') r.out.pop_back();
        return r.out;
    }

    nlohmann::json json(std::vector<std::string> args) const {
        args.push_back("--json");
        std::string out = ok(args);
        auto j = nlohmann::json::parse(out, nullptr, false);
        INFO(out);
        REQUIRE(!j.is_discarded());
        return j;
    }

    static std::string join(const std::vector<std::string>& v) {
        std::string s;
        for (auto& a : v) s += (s.empty() ? "" : " ") + a;
        return s;
    }

private:
    std::string db_;
};

// A long-running fika-cli (watch): its standard output is collected as it comes.
class CliProcess {
public:
    CliProcess(const std::string& db, std::vector<std::string> args) {
        int out[2];
        cloexec_pipe(out);
        pid_ = fork();
        if (pid_ == 0) {
            dup2(out[1], 1);
            dup2(out[1], 2);
            std::vector<std::string> argv = {FIKA_CLI_BIN, "--db", db};
            argv.insert(argv.end(), args.begin(), args.end());
            exec_argv(argv);
        }
        close(out[1]);
        fd_ = out[0];
    }
    ~CliProcess() {
        stop();
        if (fd_ >= 0) close(fd_);
    }
    // Reads what has arrived; returns all output so far.
    const std::string& output(int wait_ms = 0) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
        do {
            pollfd p{fd_, POLLIN, 0};
            while (poll(&p, 1, 10) > 0) {
                char buf[4096];
                ssize_t n = read(fd_, buf, sizeof buf);
                if (n <= 0) break;
                out_.append(buf, static_cast<size_t>(n));
            }
        } while (std::chrono::steady_clock::now() < deadline);
        return out_;
    }
    // Waits until `pred(output)` holds or the time is up.
    template <typename Pred>
    bool wait_for(Pred pred, int ms) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        while (std::chrono::steady_clock::now() < deadline) {
            if (pred(output())) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return pred(output());
    }
    int stop(int sig = SIGTERM) {
        if (pid_ <= 0) return status_;
        status_ = stop_process(pid_, sig, [this] { output(); });
        output();
        pid_ = -1;
        return status_;
    }

private:
    pid_t pid_ = -1;
    int fd_ = -1;
    int status_ = -1;
    std::string out_;
};

}  // namespace fika::test
