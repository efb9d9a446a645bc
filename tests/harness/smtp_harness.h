// A real SMTP server for a test (tests/harness/smtp_server.py: Debian's aiosmtpd) on
// 127.0.0.1 and a port the kernel picks, with STARTTLS (a certificate made here, from a CA
// of its own) and AUTH when asked. Stopped by its process id; it also stops when the test
// process ends (its standard input is a pipe only the test holds).
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "process.h"
#include "testutil.h"

#ifndef FIKA_SOURCE_DIR
#error "FIKA_SOURCE_DIR must name the source tree"
#endif

namespace fika::test {

// One message as the SMTP server received it.
struct ReceivedMail {
    std::string raw;            // as sent
    nlohmann::json envelope;    // mail_from, rcpt_tos, tls, user
    std::string header(const std::string& name) const;  // the raw header's value (unfolded)
    std::string subject() const;                         // decoded (RFC 2047)
    std::string body() const;                            // decoded (base64)
};

struct SmtpOptions {
    bool tls = false;
    std::string user, password;
    int refuse = 0;  // the first N messages get "451 try again later"
    bool stall = false;  // connections are taken and never answered
};

class SmtpServer {
public:
    explicit SmtpServer(SmtpOptions o = {}) : opts_(std::move(o)) {
        if (opts_.tls) make_certificates();
        start();
    }
    ~SmtpServer() { stop(); }
    SmtpServer(const SmtpServer&) = delete;
    SmtpServer& operator=(const SmtpServer&) = delete;

    int port() const { return port_; }
    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
    // The CA that signed the server's certificate (for --smtp-ca).
    std::string ca() const { return dir_.file("ca.pem"); }

    // Every message received so far, in order.
    std::vector<ReceivedMail> received() const {
        std::vector<ReceivedMail> out;
        for (int n = 1;; ++n) {
            std::string base = dir_.file("mail/" + std::to_string(n));
            if (!std::filesystem::exists(base + ".eml")) break;
            ReceivedMail m;
            m.raw = read_all(base + ".eml");
            m.envelope = nlohmann::json::parse(read_all(base + ".json"));
            out.push_back(std::move(m));
        }
        return out;
    }

    void stop() {
        if (pid_ > 0) stop_process(pid_, SIGTERM);
        pid_ = -1;
        if (stdin_ >= 0) ::close(stdin_);
        stdin_ = -1;
    }

private:
    static std::string read_all(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }

    void make_certificates() {
        auto run = [](std::vector<std::string> argv) {
            auto [rc, out] = run_command(argv, true);
            if (rc != 0) throw std::runtime_error("openssl: " + out);
        };
        const std::string d = dir_.path().string();
        run({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", d + "/ca.key", "-out",
             d + "/ca.pem", "-days", "2", "-subj", "/CN=Fika test mail CA"});
        run({"/usr/bin/openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", d + "/key.pem", "-out",
             d + "/req.pem", "-subj", "/CN=127.0.0.1"});
        std::ofstream(d + "/ext.cnf") << "subjectAltName=IP:127.0.0.1\n";
        run({"/usr/bin/openssl", "x509", "-req", "-in", d + "/req.pem", "-CA", d + "/ca.pem", "-CAkey", d + "/ca.key",
             "-CAcreateserial", "-out", d + "/cert.pem", "-days", "2", "-extfile", d + "/ext.cnf"});
    }

    void start() {
        int in[2], out[2];
        cloexec_pipe(in);
        cloexec_pipe(out);
        std::vector<std::string> argv = {"/usr/bin/python3", std::string(FIKA_SOURCE_DIR) + "/tests/harness/smtp_server.py",
                                         "--dir", dir_.file("mail")};
        if (opts_.tls) argv.insert(argv.end(), {"--tls", dir_.file("cert.pem"), dir_.file("key.pem")});
        if (!opts_.user.empty()) argv.insert(argv.end(), {"--user", opts_.user, "--password", opts_.password});
        if (opts_.refuse) argv.insert(argv.end(), {"--refuse", std::to_string(opts_.refuse)});
        if (opts_.stall) argv.push_back("--stall");
        pid_ = fork();
        if (pid_ == 0) {
            dup2(in[0], 0);
            dup2(out[1], 1);
            exec_argv(argv);
        }
        close(in[0]);
        close(out[1]);
        stdin_ = in[1];
        std::string line;
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
            pollfd p{out[0], POLLIN, 0};
            if (poll(&p, 1, 100) > 0) {
                char buf[256];
                ssize_t n = read(out[0], buf, sizeof buf);
                if (n <= 0) break;
                line.append(buf, static_cast<std::size_t>(n));
            }
        }
        close(out[0]);
        if (line.rfind("port ", 0) != 0) {
            stop();
            throw std::runtime_error("the test SMTP server did not start: " + line);
        }
        port_ = std::stoi(line.substr(5));
    }

    SmtpOptions opts_;
    TempDir dir_;
    pid_t pid_ = -1;
    int stdin_ = -1;
    int port_ = 0;
};

namespace mail_detail {

inline std::string unbase64(const std::string& in) {
    static const std::string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned buf = 0;
    int bits = 0;
    for (char c : in) {
        auto at = chars.find(c);
        if (at == std::string::npos) continue;  // line breaks, padding
        buf = (buf << 6) | static_cast<unsigned>(at);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buf >> bits) & 0xFF));
        }
    }
    return out;
}

}  // namespace mail_detail

inline std::string ReceivedMail::header(const std::string& name) const {
    std::string head = raw.substr(0, raw.find("\r\n\r\n"));
    std::string want = name + ":";
    std::string value;
    bool in = false;
    std::istringstream lines(head);
    for (std::string l; std::getline(lines, l);) {
        if (!l.empty() && l.back() == '\r') l.pop_back();
        if (in && !l.empty() && (l[0] == ' ' || l[0] == '\t')) {
            value += l;
            continue;
        }
        if (in) break;
        if (l.size() >= want.size() && std::equal(want.begin(), want.end(), l.begin(),
                                                   [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
            in = true;
            value = l.substr(want.size());
        }
    }
    while (!value.empty() && value.front() == ' ') value.erase(value.begin());
    return value;
}

inline std::string ReceivedMail::subject() const {
    // =?UTF-8?B?...?= words, folded: their bytes joined.
    std::string s = header("Subject"), out;
    for (std::size_t at = s.find("=?UTF-8?B?"); at != std::string::npos; at = s.find("=?UTF-8?B?", at)) {
        auto end = s.find("?=", at + 10);
        out += mail_detail::unbase64(s.substr(at + 10, end - at - 10));
        at = end + 2;
    }
    return out.empty() ? s : out;
}

inline std::string ReceivedMail::body() const {
    auto at = raw.find("\r\n\r\n");
    std::string b = at == std::string::npos ? "" : raw.substr(at + 4);
    return header("Content-Transfer-Encoding") == "base64" ? mail_detail::unbase64(b) : b;
}

}  // namespace fika::test
