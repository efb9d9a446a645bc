// A TCP proxy on 127.0.0.1 that counts the bytes that cross it and, when asked, delays
// and cuts short the server's answers (tests and benchmarks use it): each
// connection's answers are delayed by up to max_delay_ms per chunk, and with
// probability cut_percent the connection is closed after a random number of answer bytes.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

namespace fika::test {

class FaultProxy {
public:
    FaultProxy(int upstream_port, std::uint64_t seed) : upstream_(upstream_port), rng_(seed) {
        listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = 0;
        if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || listen(listen_fd_, 64) != 0)
            throw std::runtime_error("proxy: cannot listen");
        socklen_t len = sizeof a;
        getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
        acceptor_ = std::thread([this] { accept_loop(); });
    }

    ~FaultProxy() {
        stop_ = true;
        shutdown(listen_fd_, SHUT_RDWR);
        close(listen_fd_);
        acceptor_.join();
        std::lock_guard lock(mu_);
        for (auto& t : workers_) t.join();
    }

    int port() const { return port_; }
    std::atomic<int> cut_percent{30};
    std::atomic<int> max_delay_ms{120};
    // While true, answers wait here (the server has done its part; the client has not heard).
    std::atomic<bool> hold_answers{false};
    // A cut connection closes after a random number of answer bytes below this: keep it
    // under the size of the smallest answer a test expects, or cuts may never happen.
    std::atomic<int> cut_within{3000};
    // When set, a cut connection closes after a random number of request bytes below this
    // instead (an upload cut short mid-body); answers then pass whole.
    std::atomic<int> cut_up_within{0};
    std::atomic<int> connections{0}, cuts{0};
    // Bytes that crossed the proxy, each way (request and answer bytes, headers included).
    std::atomic<std::uint64_t> bytes_up{0}, bytes_down{0};
    void reset_counts() {
        bytes_up = 0;
        bytes_down = 0;
    }

private:
    void accept_loop() {
        while (!stop_) {
            pollfd p{listen_fd_, POLLIN, 0};
            if (poll(&p, 1, 50) <= 0) continue;
            int c = accept(listen_fd_, nullptr, nullptr);
            if (c < 0) continue;
            ++connections;
            std::uint64_t seed;
            {
                std::lock_guard lock(mu_);
                seed = rng_();
            }
            std::lock_guard lock(mu_);
            workers_.emplace_back([this, c, seed] { serve(c, seed); });
        }
    }

    void serve(int client, std::uint64_t seed) {
        std::mt19937_64 rng(seed);
        int up = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(static_cast<std::uint16_t>(upstream_));
        if (connect(up, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
            close(up);
            close(client);
            return;
        }
        // Forward each piece at once, as the two ends do (Nagle's algorithm here would
        // hold a request's body behind its headers until a delayed ACK: ~40 ms).
        int one = 1;
        setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        setsockopt(up, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        bool cut = static_cast<int>(rng() % 100) < cut_percent.load();
        std::size_t cut_after = rng() % static_cast<std::size_t>(std::max(1, cut_within.load()));
        const int up_within = cut_up_within.load();
        std::size_t cut_up_after = up_within > 0 ? rng() % static_cast<std::size_t>(up_within) : 0;
        std::size_t answered = 0, sent_up = 0;
        char buf[8192];
        while (!stop_) {
            pollfd p[2] = {{client, POLLIN, 0}, {up, POLLIN, 0}};
            if (poll(p, 2, 50) <= 0) continue;
            // Forwards `n` bytes read into buf to `to`, counting them in `done`; when this
            // connection is cut in this direction, only up to `cut_at` and then false.
            auto forward = [&](int to, ssize_t n, bool cutting, std::size_t cut_at, std::size_t& done,
                               std::atomic<std::uint64_t>& total) {
                std::size_t send = static_cast<std::size_t>(n);
                if (cutting && done + send > cut_at) {
                    send = cut_at - done;
                    if (send) (void)!write(to, buf, send);
                    ++cuts;
                    return false;
                }
                if (write(to, buf, send) != n) return false;
                done += send;
                total += send;
                return true;
            };
            if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
                ssize_t n = read(client, buf, sizeof buf);
                if (n <= 0 || !forward(up, n, cut && up_within > 0, cut_up_after, sent_up, bytes_up)) break;
            }
            if (p[1].revents & (POLLIN | POLLHUP | POLLERR)) {
                ssize_t n = read(up, buf, sizeof buf);
                if (n <= 0) break;
                if (int d = max_delay_ms.load(); d > 0)
                    std::this_thread::sleep_for(std::chrono::milliseconds(rng() % static_cast<unsigned>(d)));
                while (hold_answers && !stop_) std::this_thread::sleep_for(std::chrono::milliseconds(5));
                if (!forward(client, n, cut && up_within == 0, cut_after, answered, bytes_down)) break;
            }
        }
        shutdown(client, SHUT_RDWR);
        shutdown(up, SHUT_RDWR);
        close(client);
        close(up);
    }

    int upstream_;
    int listen_fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::mutex mu_;
    std::mt19937_64 rng_;
    std::thread acceptor_;
    std::vector<std::thread> workers_;
};

}  // namespace fika::test
