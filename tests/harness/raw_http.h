// A raw HTTP/1.1 client for tests that speak to the server slowly and wrongly: a socket
// on loopback (from any 127.x address), bytes sent as given, answers read with a
// deadline and split into responses by their own framing.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <string>
#include <vector>

namespace fika::test {

struct RawResponse {
    int status = 0;
    std::string head;  // status line and headers
    std::string body;
    std::string header(const std::string& lower_name) const {
        std::string h = head;
        for (char& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto at = h.find("\r\n" + lower_name + ":");
        if (at == std::string::npos) return {};
        at += 3 + lower_name.size();
        auto end = h.find("\r\n", at);
        std::string v = head.substr(at, end - at);
        while (!v.empty() && v.front() == ' ') v.erase(0, 1);
        return v;
    }
};

class RawConn {
public:
    // Connects to 127.0.0.1:port from `from` (another loopback address makes another peer).
    explicit RawConn(int port, const std::string& from = "127.0.0.1") {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd_ < 0) return;
        sockaddr_in src{};
        src.sin_family = AF_INET;
        inet_pton(AF_INET, from.c_str(), &src.sin_addr);
        ::bind(fd_, reinterpret_cast<sockaddr*>(&src), sizeof src);
        sockaddr_in dst{};
        dst.sin_family = AF_INET;
        dst.sin_port = htons(static_cast<uint16_t>(port));
        inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&dst), sizeof dst) != 0) {
            ::close(fd_);
            fd_ = -1;
        }
    }
    ~RawConn() { close(); }
    RawConn(const RawConn&) = delete;
    RawConn& operator=(const RawConn&) = delete;
    RawConn(RawConn&& o) noexcept : fd_(o.fd_), in_(std::move(o.in_)), eof_(o.eof_) { o.fd_ = -1; }

    bool ok() const { return fd_ >= 0; }
    int fd() const { return fd_; }
    void close() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

    // False when the peer has closed or reset the connection.
    bool send(const std::string& bytes) {
        std::size_t off = 0;
        while (off < bytes.size()) {
            ssize_t n = ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
            if (n <= 0) return false;
            off += static_cast<std::size_t>(n);
        }
        return true;
    }

    // Reads whatever arrives until `ms` pass, EOF, or `until` is in what was read.
    void read_for(int ms, const std::string& until = {}) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        char buf[65536];
        while (!eof_) {
            if (!until.empty() && in_.find(until) != std::string::npos) return;
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
            if (left <= 0) return;
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(left)) <= 0) continue;
            ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) {
                eof_ = true;
                return;
            }
            in_.append(buf, static_cast<std::size_t>(n));
        }
    }

    // Reads until the peer closes (or `ms` pass); true when it closed.
    bool wait_closed(int ms) {
        read_for(ms);
        return eof_;
    }

    // The next whole response, read within `ms`; status 0 when none came.
    RawResponse response(int ms = 5000) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        for (;;) {
            RawResponse r;
            std::size_t used = parse(r);
            if (used) {
                in_.erase(0, used);
                return r;
            }
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
            if (eof_ || left <= 0) return {};
            read_once(static_cast<int>(left));
        }
    }

    // Waits up to `ms` for bytes and reads what is there.
    void read_once(int ms) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, ms) <= 0) return;
        char buf[65536];
        ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
        if (n <= 0) eof_ = true;
        else in_.append(buf, static_cast<std::size_t>(n));
    }

    // Every response that arrives within `ms` (or until EOF).
    std::vector<RawResponse> responses(int ms) {
        read_for(ms);
        std::vector<RawResponse> out;
        for (;;) {
            RawResponse r;
            std::size_t used = parse(r);
            if (!used) break;
            in_.erase(0, used);
            out.push_back(r);
        }
        return out;
    }

    const std::string& unread() const { return in_; }
    bool closed() const { return eof_; }

private:
    // One response from the front of in_: its length, or 0 when incomplete.
    std::size_t parse(RawResponse& r) {
        auto end = in_.find("\r\n\r\n");
        if (end == std::string::npos || in_.compare(0, 9, "HTTP/1.1 ") != 0) return 0;
        r.head = in_.substr(0, end + 2);
        r.status = std::atoi(in_.c_str() + 9);
        std::size_t pos = end + 4;
        if (r.status == 100) return pos;
        std::string te = r.header("transfer-encoding");
        if (te == "chunked") {
            for (;;) {
                auto nl = in_.find("\r\n", pos);
                if (nl == std::string::npos) return 0;
                std::size_t n = std::stoul(in_.substr(pos, nl - pos), nullptr, 16);
                if (in_.size() < nl + 2 + n + 2) return 0;
                r.body.append(in_, nl + 2, n);
                pos = nl + 2 + n + 2;
                if (n == 0) return pos;
            }
        }
        std::size_t len = std::strtoul(r.header("content-length").c_str(), nullptr, 10);
        if (in_.size() < pos + len) return 0;
        r.body = in_.substr(pos, len);
        return pos + len;
    }

    int fd_ = -1;
    std::string in_;
    bool eof_ = false;
};

}  // namespace fika::test
