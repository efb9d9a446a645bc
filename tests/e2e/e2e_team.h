// What the end-to-end tests share (label e2e): a team of fika-cli devices on one
// fika-server (three instances on PostgreSQL behind haproxy under FIKA_TEST_BACKEND=pg),
// haproxy with the configurations docs/ ships, and the checks that every replica agrees.
#pragma once

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>

#include "cli_harness.h"
#include "net.h"

namespace fika::test::e2e {

using json = nlohmann::json;

// One request, as written, to 127.0.0.1:port; the whole answer (HTTP/1.0: it ends with
// the connection).
inline std::string http_exchange(int port, const std::string& req) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string out;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
        if (::write(fd, req.data(), req.size()) == static_cast<ssize_t>(req.size())) {
            char buf[65536];
            ssize_t n;
            while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
        }
    }
    ::close(fd);
    return out;
}

// A plain GET to 127.0.0.1:port.
inline std::string http_get(int port, const std::string& path) {
    return http_exchange(port, "GET " + path + " HTTP/1.0\r\nHost: x\r\n\r\n");
}

// haproxy from Debian with one of the configurations docs/ ships, unchanged, TLS with a
// certificate made for the test (which devices trust through SSL_CERT_FILE, as they would
// a real one: no switch turns verification off). Stopped by its pid.
class Haproxy {
public:
    Haproxy(const std::string& config, const std::vector<std::pair<std::string, std::string>>& env) {
        const char* haproxy = "/usr/sbin/haproxy";
        REQUIRE(access(haproxy, X_OK) == 0);  // scripts/test.sh installs it
        cert_ = certs_.file("cert.pem");
        std::string key = certs_.file("key.pem"), pem = certs_.file("fika.pem");
        auto [rc, out] = fika::test::run_command(
            {"/bin/sh", "-c", "/usr/bin/openssl req -x509 -newkey rsa:2048 -nodes -keyout '" + key + "' -out '" + cert_ +
                                  "' -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2>/dev/null"});
        REQUIRE(rc == 0);
        REQUIRE(fika::test::run_command({"/bin/sh", "-c", "cat '" + cert_ + "' '" + key + "' > '" + pem + "'"}).first == 0);
        port_ = free_port();
        pid_ = fork();
        if (pid_ == 0) {
            setenv("FIKA_PROXY_BIND", ("127.0.0.1:" + std::to_string(port_)).c_str(), 1);
            setenv("FIKA_PROXY_CERT", pem.c_str(), 1);
            for (auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
            int devnull = open("/dev/null", O_WRONLY);
            dup2(devnull, 1);
            dup2(devnull, 2);
            std::string cfg = std::string(FIKA_SOURCE_DIR) + "/docs/" + config;
            execl(haproxy, "haproxy", "-f", cfg.c_str(), "-db", nullptr);
            _exit(127);
        }
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (!accepts(port_) && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        REQUIRE(accepts(port_));
        setenv("SSL_CERT_FILE", cert_.c_str(), 1);
    }
    ~Haproxy() {
        unsetenv("SSL_CERT_FILE");
        kill(pid_, SIGTERM);
        waitpid(pid_, nullptr, 0);
    }
    std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }

private:
    TempDir certs_;
    std::string cert_;
    int port_ = 0;
    pid_t pid_ = -1;
};


// The server the devices sync with. On PostgreSQL (FIKA_TEST_BACKEND=pg) it is three
// instances on one database behind haproxy with docs/haproxy-cluster.cfg, and the devices
// connect through haproxy; `srv` is the first instance (a test may kill it).
struct Team {
    ServerProcess srv;
    std::vector<std::unique_ptr<ServerProcess>> more;
    std::unique_ptr<Haproxy> proxy;
    TempDir dir;
    std::map<std::string, std::unique_ptr<Cli>> cli;
    std::map<std::string, std::string> token;

    explicit Team(std::vector<std::string> server_args = {"--rate", "0"}) : srv(server_args) {
        if (srv.db().empty()) return;
        std::vector<std::pair<std::string, std::string>> env{{"FIKA_SERVER_1", "127.0.0.1:" + std::to_string(srv.port())}};
        for (int i = 0; i < 2; ++i) {
            more.push_back(std::make_unique<ServerProcess>(server_args, srv.db()));
            env.emplace_back("FIKA_SERVER_" + std::to_string(i + 2), "127.0.0.1:" + std::to_string(more.back()->port()));
        }
        proxy = std::make_unique<Haproxy>("haproxy-cluster.cfg", env);
    }
    std::string url() const { return proxy ? proxy->url() : srv.url(); }

    Cli& add(const std::string& name, const std::string& role, const std::string& url_ = {}) {
        token[name] = srv.add_user(name, role);
        cli[name] = std::make_unique<Cli>(dir.file(name + ".db"));
        cli[name]->ok({"connect", url_.empty() ? url() : url_, token[name]});
        return *cli[name];
    }
    Cli& operator[](const std::string& name) { return *cli.at(name); }
    void grant(const std::string& user, const std::string& account) {
        auto [rc, out] = srv.admin({"access", "grant", user, account});
        REQUIRE(rc == 0);
    }
};

// Everything a device holds that everyone should agree on.
inline json snapshot(Cli& c) {
    json s;
    for (const char* k : {"accounts", "contacts", "cases", "activities", "notes"}) s[k] = c.json({"list", k, "--all"});
    return s;
}

// Syncs until the device says it is fully in sync (a few tries for a busy server).
inline void settle(Cli& c) {
    for (int i = 0; i < 10; ++i)
        if (c.run({"sync"}).status == 0) return;
    FAIL("device " << c.db() << " never got in sync: " << c.run({"sync"}).out);
}

// After a storm (kills, retries): everyone settles, the seller holds every case once
// (none lost, none twice), every consultant holds what the seller holds, and the
// seller's inbox has exactly one notification per case.
inline void check_once_each(Cli& seller, const std::vector<Cli*>& consultants, const std::set<std::string>& titles) {
    for (int round = 0; round < 2; ++round) {
        for (Cli* c : consultants) settle(*c);
        settle(seller);
    }
    json want = snapshot(seller);
    std::multiset<std::string> got;
    for (auto& c : want["cases"]) got.insert(c["title"].get<std::string>());
    CHECK(got.size() == titles.size());                              // none twice
    CHECK(std::set<std::string>(got.begin(), got.end()) == titles);  // none lost
    for (Cli* c : consultants) CHECK(snapshot(*c) == want);
    json ns = seller.json({"notifications"});
    std::multiset<std::string> notified;
    for (auto& n : ns) notified.insert(n["case_id"].get<std::string>());
    CHECK(notified.size() == titles.size());
    CHECK(std::set<std::string>(notified.begin(), notified.end()).size() == titles.size());
}


}  // namespace fika::test::e2e
