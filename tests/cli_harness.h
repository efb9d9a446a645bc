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

}  // namespace fika::test
