#include "front_door.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace fika::server::http {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::uint64_t kListenTag = 0;
constexpr std::uint64_t kWakeTag = 1;
constexpr std::size_t kReadChunk = 64 * 1024;
constexpr std::size_t kDrainMax = 256 * 1024;     // bytes read and dropped while closing
constexpr milliseconds kLinger{1000};             // how long a closing connection is drained
constexpr milliseconds kEvictAge{1000};           // a request slower than this is evicted first
constexpr milliseconds kStopWriteWait{2000};      // writes while stopping end this long after stop()
constexpr milliseconds kAcceptPause{100};         // accepting rests this long after EMFILE and the like
constexpr std::size_t kLingerPerAddress = 32;     // closing connections one address may hold open

const char* status_text(int status) {
    switch (status) {
        case 100: return "Continue";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 408: return "Request Timeout";
        case 413: return "Payload Too Large";
        case 414: return "URI Too Long";
        case 415: return "Unsupported Media Type";
        case 417: return "Expectation Failed";
        case 429: return "Too Many Requests";
        case 431: return "Request Header Fields Too Large";
        case 501: return "Not Implemented";
        case 503: return "Service Unavailable";
        case 505: return "HTTP Version Not Supported";
        default: return status >= 500 ? "Internal Server Error" : "Error";
    }
}

std::string ip_of(const sockaddr_storage& sa, int& port) {
    char buf[INET6_ADDRSTRLEN] = {};
    if (sa.ss_family == AF_INET) {
        auto* in = reinterpret_cast<const sockaddr_in*>(&sa);
        inet_ntop(AF_INET, &in->sin_addr, buf, sizeof buf);
        port = ntohs(in->sin_port);
    } else if (sa.ss_family == AF_INET6) {
        auto* in6 = reinterpret_cast<const sockaddr_in6*>(&sa);
        inet_ntop(AF_INET6, &in6->sin6_addr, buf, sizeof buf);
        port = ntohs(in6->sin6_port);
        // An IPv4 peer on a dual-stack socket counts as its IPv4 address.
        std::string s = buf;
        if (s.rfind("::ffff:", 0) == 0 && s.find('.') != std::string::npos) return s.substr(7);
    }
    return buf;
}


// Connections' descriptors go above 1024 when the limit allows: select(), which
// cpp-httplib's client (the webhook) uses, cannot watch a descriptor past FD_SETSIZE, and
// a thousand open connections would otherwise push the webhook's socket there.
int move_high(int fd) {
    static const bool roomy = [] {
        rlimit r{};
        return getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur > 4096;
    }();
    if (!roomy || fd >= 1024) return fd;
    int high = fcntl(fd, F_DUPFD_CLOEXEC, 1024);
    if (high < 0) return fd;
    ::close(fd);
    return high;
}

}  // namespace

std::string serialize_refusal(const Response& r, bool close) {
    std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + status_text(r.status) + "\r\n";
    out += "Content-Type: application/json; charset=utf-8\r\n";
    out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
    for (const auto& [k, v] : r.headers) out += k + ": " + v + "\r\n";
    if (close) out += "Connection: close\r\n";
    out += "\r\n";
    out += r.body;
    return out;
}

struct FrontDoor::Impl {
    enum class State { Reading, Busy, Closing };

    struct Conn {
        std::uint64_t id = 0;
        int fd = -1;
        SSL* ssl = nullptr;
        bool tls_ready = false;  // handshake done
        bool want_write = false;
        std::string addr, laddr;
        int port = 0, lport = 0;
        RequestParser parser;
        std::string in;  // read, not yet given to the parser (a pipelined next request)
        State state = State::Reading;
        bool idle = true;            // no byte of the next request yet
        Clock::time_point since;     // the connection's start, or its current request's first byte
        Clock::time_point deadline;  // of the current phase
        std::size_t charged = 0;     // body bytes counted in `buffered`
        std::size_t drained = 0;
        bool counted = true;  // in `active` and per_addr (not once closing)
        bool lingering = false;
        std::size_t served = 0;  // requests answered on it
        std::string who;
        std::any principal;
        explicit Conn(FramingLimits l) : parser(l) {}
    };

    struct Job {
        std::shared_ptr<Conn> conn;
        Head head;
        std::string body;
    };

    // The worker's side of a connection.
    class Io final : public Connection {
    public:
        Io(Impl& impl, Conn& c) : impl_(impl), c_(c), whole_(Clock::now() + impl.opts.write_timeout * 4) {}
        bool write(const char* data, std::size_t size) override {
            while (size > 0 && ok_) {
                auto now = Clock::now();
                if (progress_.time_since_epoch().count() == 0) progress_ = now;
                Clock::time_point limit = progress_ + impl_.opts.write_timeout;
                if (!streaming_) limit = std::min(limit, whole_);
                if (impl_.stopping) limit = std::min(limit, impl_.stopped_at.load() + kStopWriteWait);
                if (now >= limit) return ok_ = false;
                ssize_t n;
                short wait_for = POLLOUT;
                if (c_.ssl) {
                    ERR_clear_error();
                    int w = SSL_write(c_.ssl, data, static_cast<int>(std::min<std::size_t>(size, 1 << 30)));
                    n = w;
                    if (w <= 0) {
                        int e = SSL_get_error(c_.ssl, w);
                        if (e == SSL_ERROR_WANT_READ) wait_for = POLLIN;
                        else if (e != SSL_ERROR_WANT_WRITE) return ok_ = false;
                    }
                } else {
                    n = ::send(c_.fd, data, size, MSG_NOSIGNAL);
                    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return ok_ = false;
                }
                if (n > 0) {
                    data += n;
                    size -= static_cast<std::size_t>(n);
                    progress_ = Clock::now();
                    continue;
                }
                // In slices, so that a stop() meanwhile shortens the wait.
                pollfd p{c_.fd, wait_for, 0};
                int ms = static_cast<int>(std::min<std::int64_t>(
                             250, std::chrono::duration_cast<milliseconds>(limit - now).count())) + 1;
                int r = ::poll(&p, 1, ms);
                if (r > 0 && (p.revents & (POLLERR | POLLHUP | POLLNVAL))) return ok_ = false;
            }
            return ok_;
        }
        bool alive() const override {
            if (!ok_) return false;
            pollfd p{c_.fd, POLLRDHUP, 0};
            if (::poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL))) return false;
            return true;
        }
        const std::string& remote_addr() const override { return c_.addr; }
        int remote_port() const override { return c_.port; }
        const std::string& local_addr() const override { return c_.laddr; }
        int local_port() const override { return c_.lport; }
        void streaming() override { streaming_ = true; }
        bool ok() const { return ok_; }

    private:
        Impl& impl_;
        Conn& c_;
        Clock::time_point whole_;
        Clock::time_point progress_{};
        bool streaming_ = false;
        bool ok_ = true;
    };

    FrontDoorOptions opts;
    HeadCheck check;
    Serve serve;
    SSL_CTX* tls = nullptr;
    bool tls_failed = false;
    int listen_fd = -1, ep = -1, wake_fd = -1, spare_fd = -1;
    std::size_t max_conns = 0;
    std::atomic<bool> stopping{false};
    std::atomic<Clock::time_point> stopped_at{Clock::time_point{}};
    std::atomic<bool> quit{false};  // workers end: set once the loop has no request left
    std::atomic<bool> is_running{false};
    std::size_t linger_budget = 1024;  // closing connections held open at once, in all
    std::size_t lingering = 0;
    std::unordered_map<std::string, std::size_t> lingering_per_addr;
    Clock::time_point accept_paused_until{};
    std::atomic<std::size_t> buffered{0};

    // The loop thread's own.
    std::unordered_map<std::uint64_t, std::shared_ptr<Conn>> conns;
    std::unordered_map<std::string, std::size_t> per_addr;  // connections not closing, per peer
    std::size_t active = 0;                                   // connections not closing
    std::uint64_t next_id = 2;
    Clock::time_point last_sweep;

    // Shared with the workers.
    std::mutex mu;
    std::condition_variable work_cv;
    std::deque<Job> jobs;
    std::vector<std::pair<std::shared_ptr<Conn>, bool>> returned;  // (connection, keep it)
    std::vector<std::thread> workers;

    mutable std::mutex stats_mu;
    FrontDoorStats snapshot;

    Impl(FrontDoorOptions o, HeadCheck c, Serve s) : opts(std::move(o)), check(std::move(c)), serve(std::move(s)) {
        if (!opts.tls_cert.empty()) {
            tls = SSL_CTX_new(TLS_server_method());
            if (!tls || SSL_CTX_use_certificate_chain_file(tls, opts.tls_cert.c_str()) != 1 ||
                SSL_CTX_use_PrivateKey_file(tls, opts.tls_key.c_str(), SSL_FILETYPE_PEM) != 1 ||
                SSL_CTX_check_private_key(tls) != 1) {
                tls_failed = true;
            } else {
                SSL_CTX_set_min_proto_version(tls, TLS1_2_VERSION);
                SSL_CTX_set_mode(tls, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
                // No session tickets: they are written after the handshake, when this loop
                // is only reading.
                SSL_CTX_set_num_tickets(tls, 0);
            }
        }
    }

    ~Impl() {
        for (auto& [id, c] : conns) release(*c);
        conns.clear();
        if (listen_fd >= 0) ::close(listen_fd);
        if (ep >= 0) ::close(ep);
        if (wake_fd >= 0) ::close(wake_fd);
        if (spare_fd >= 0) ::close(spare_fd);
        if (tls) SSL_CTX_free(tls);
    }

    void log(const std::string& line) {
        if (opts.log) opts.log(line);
    }

    void count_refusal(const std::string& code) {
        std::lock_guard lock(stats_mu);
        ++snapshot.refused[code];
    }

    // ---- connections ----------------------------------------------------------------

    void release(Conn& c) {
        if (c.lingering) {
            c.lingering = false;
            --lingering;
            if (auto it = lingering_per_addr.find(c.addr); it != lingering_per_addr.end() && --it->second == 0)
                lingering_per_addr.erase(it);
        }
        if (c.ssl) {
            SSL_free(c.ssl);
            c.ssl = nullptr;
        }
        if (c.fd >= 0) {
            ::close(c.fd);
            c.fd = -1;
        }
        if (c.charged) {
            buffered -= c.charged;
            c.charged = 0;
        }
    }

    void close_now(std::uint64_t id) {
        auto it = conns.find(id);
        if (it == conns.end()) return;
        Conn& c = *it->second;
        if (c.state != State::Busy) epoll_ctl(ep, EPOLL_CTL_DEL, c.fd, nullptr);
        uncount(c);
        release(c);
        c.state = State::Closing;  // a caller still holding it reads no more
        conns.erase(it);
    }

    void uncount(Conn& c) {
        if (!c.counted) return;
        c.counted = false;
        --active;
        if (auto pa = per_addr.find(c.addr); pa != per_addr.end() && --pa->second == 0) per_addr.erase(pa);
    }

    // From this thread, without waiting: a small answer fits the socket's buffer. False
    // when it did not go out whole (a peer that does not read); the caller then closes.
    bool send_now(Conn& c, const std::string& bytes) {
        if (c.ssl) {
            if (!c.tls_ready) return false;
            ERR_clear_error();
            return SSL_write(c.ssl, bytes.data(), static_cast<int>(bytes.size())) == static_cast<int>(bytes.size());
        }
        std::size_t off = 0;
        while (off < bytes.size()) {
            ssize_t n = ::send(c.fd, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
            if (n <= 0) return false;
            off += static_cast<std::size_t>(n);
        }
        return true;
    }

    // Stops writing and reads what the peer still sends for a moment, so that it reads the
    // answer instead of a reset, then closes.
    // Within a budget (in all, and per address): past it the connection closes at the
    // next sweep, so that refusals cannot pile up open descriptors outside every cap.
    void linger(Conn& c) {
        if (c.ssl && c.tls_ready) {
            ERR_clear_error();
            (void)SSL_shutdown(c.ssl);
        }
        ::shutdown(c.fd, SHUT_WR);
        uncount(c);
        c.state = State::Closing;
        c.drained = 0;
        std::size_t& mine = lingering_per_addr[c.addr];
        if (lingering >= linger_budget || mine >= kLingerPerAddress) {
            if (mine == 0) lingering_per_addr.erase(c.addr);
            c.deadline = Clock::now();
            return;
        }
        ++lingering;
        ++mine;
        c.lingering = true;
        c.deadline = Clock::now() + kLinger;
    }

    void refuse(Conn& c, const Response& r, const std::string& method, const std::string& path) {
        const std::string code = code_of(r);
        count_refusal(code);
        send_now(c, serialize_refusal(r, true));
        log(log_time() + " user=" + (c.who.empty() ? "-" : c.who) + " " + (method.empty() ? "-" : method) + " " +
            (path.empty() ? "-" : path) + " " + std::to_string(r.status) + " 0.0ms (" + c.addr + ": " + code + ")");
        linger(c);
    }

    static std::string code_of(const Response& r) {
        auto at = r.body.find("\"code\":\"");
        if (at == std::string::npos) return "error";
        at += 8;
        return r.body.substr(at, r.body.find('"', at) - at);
    }

    void refuse(Conn& c, int status, const std::string& code, const std::string& message,
                std::vector<std::pair<std::string, std::string>> headers = {}) {
        Response r = Response::error(status, code, message);
        r.headers = std::move(headers);
        const Head& h = c.parser.head();
        refuse(c, r, h.method, h.path());
    }

    // Makes room at a cap: the connection (of `addr`, or of anyone) still reading a request
    // that has waited longest - first one whose request has taken a second or more (slow),
    // then an idle one, then the oldest request under way - is told so and closed. The
    // newcomer always gets in unless every connection is being answered: a thousand slow
    // connections from one address can never lock out a quick client from it. False when
    // there was nothing to close.
    bool evict(const std::string* addr) {
        auto now = Clock::now();
        auto tier = [&](const Conn& c) { return !c.idle && now - c.since >= kEvictAge ? 0 : c.idle ? 1 : 2; };
        Conn* best = nullptr;
        for (auto& [id, c] : conns) {
            if (c->state != State::Reading || (addr && c->addr != *addr)) continue;
            if (!best || tier(*c) < tier(*best) || (tier(*c) == tier(*best) && c->since < best->since)) best = c.get();
        }
        if (!best) return false;
        refuse(*best, 429, "too_many_connections",
               "too many connections from " + best->addr + "; this one waited longest and was closed",
               {{"Retry-After", "1"}});
        {
            std::lock_guard lock(stats_mu);
            ++snapshot.evicted;
        }
        close_now(best->id);  // its place is needed now: no lingering
        return true;
    }

    void accept_all() {
        for (int i = 0; i < 256; ++i) {
            sockaddr_storage sa{};
            socklen_t len = sizeof sa;
            int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&sa), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0) {
                if (errno == EINTR || errno == ECONNABORTED) continue;
                if (errno == EAGAIN || errno == EWOULDBLOCK) return;
                if ((errno == EMFILE || errno == ENFILE) && spare_fd >= 0) {
                    // Out of descriptors: take the spare to accept and close this one.
                    ::close(spare_fd);
                    spare_fd = -1;
                    int drop = ::accept(listen_fd, nullptr, nullptr);
                    if (drop >= 0) ::close(drop);
                    spare_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
                    count_refusal("out_of_descriptors");
                }
                // The listening socket stays readable while the cause lasts: rest instead of
                // spinning; sweep() listens again (and takes a spare descriptor again).
                epoll_event none{};
                none.data.u64 = kListenTag;
                epoll_ctl(ep, EPOLL_CTL_MOD, listen_fd, &none);
                accept_paused_until = Clock::now() + kAcceptPause;
                return;
            }
            fd = move_high(fd);
            int one = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            auto c = std::make_shared<Conn>(opts.limits);
            c->id = next_id++;
            c->fd = fd;
            c->addr = ip_of(sa, c->port);
            sockaddr_storage la{};
            socklen_t llen = sizeof la;
            if (getsockname(fd, reinterpret_cast<sockaddr*>(&la), &llen) == 0) c->laddr = ip_of(la, c->lport);
            c->since = Clock::now();
            c->deadline = c->since + opts.header_timeout;
            if (tls) {
                c->ssl = SSL_new(tls);
                if (!c->ssl || SSL_set_fd(c->ssl, fd) != 1) {
                    release(*c);
                    continue;
                }
                SSL_set_accept_state(c->ssl);
            }
            {
                std::lock_guard lock(stats_mu);
                ++snapshot.accepted;
            }
            bool room = active < max_conns || evict(nullptr);
            const char* why = "too many connections to this server; retry in a moment";
            if (room && per_addr[c->addr] >= opts.max_per_address) {
                room = evict(&c->addr);
                why = "too many connections from your address; close idle ones and retry";
            }
            conns.emplace(c->id, c);
            ++per_addr[c->addr];
            ++active;
            epoll_event ev{};
            ev.events = EPOLLIN | EPOLLRDHUP;
            ev.data.u64 = c->id;
            epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
            if (!room) {
                if (c->ssl) close_now(c->id);  // no handshake yet: nothing can be said
                else refuse(*c, 429, "too_many_connections", why, {{"Retry-After", "1"}});
            }
        }
    }

    // Reads what has arrived (TLS: decrypts); false when the connection was closed.
    bool read_some(Conn& c) {
        char buf[kReadChunk];
        for (;;) {
            ssize_t n;
            if (c.ssl) {
                ERR_clear_error();
                int r = SSL_read(c.ssl, buf, sizeof buf);
                if (r > 0) {
                    c.tls_ready = true;
                    n = r;
                } else {
                    int e = SSL_get_error(c.ssl, r);
                    if (SSL_is_init_finished(c.ssl)) c.tls_ready = true;
                    bool ww = e == SSL_ERROR_WANT_WRITE;
                    if (ww != c.want_write) {
                        c.want_write = ww;
                        epoll_event ev{};
                        ev.events = EPOLLIN | EPOLLRDHUP | (ww ? EPOLLOUT : 0u);
                        ev.data.u64 = c.id;
                        epoll_ctl(ep, EPOLL_CTL_MOD, c.fd, &ev);
                    }
                    if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) return true;
                    return false;  // closed, or a TLS error
                }
            } else {
                n = ::recv(c.fd, buf, sizeof buf, 0);
                if (n == 0) return false;
                if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
            }
            if (c.state == State::Closing) {
                c.drained += static_cast<std::size_t>(n);
                if (c.drained > kDrainMax) return false;
                continue;
            }
            c.in.append(buf, static_cast<std::size_t>(n));
            parse(c);
            if (c.state != State::Reading) return c.state != State::Closing || c.fd >= 0;
            if (!c.ssl && static_cast<std::size_t>(n) < sizeof buf) return true;  // drained for now
        }
    }

    // Runs the parser over what has been read; hands a complete request to the workers.
    void parse(Conn& c) {
        for (;;) {
            std::size_t used = 0;
            auto step = c.parser.feed(c.in, used);
            c.in.erase(0, used);
            auto now = Clock::now();
            if (c.idle && c.parser.started()) {
                c.idle = false;
                // A new connection's head is due header_timeout after it opened; a kept-alive
                // one's, after its next request's first byte.
                if (c.served) {
                    c.since = now;
                    c.deadline = now + opts.header_timeout;
                }
            }
            if (std::size_t body = c.parser.body_size(); body > c.charged) {
                buffered += body - c.charged;
                c.charged = body;
                if (buffered > opts.max_buffered) {
                    return refuse(c, 503, "busy", "the server holds too many uploads at once; retry in a moment",
                                  {{"Retry-After", "2"}});
                }
            }
            switch (step) {
                case RequestParser::Step::NeedMore: return;
                case RequestParser::Step::Refused: {
                    const Refusal& r = c.parser.refusal();
                    return refuse(c, r.status, r.code, r.message);
                }
                case RequestParser::Step::HeadDone: {
                    const Head& h = c.parser.head();
                    c.who.clear();
                    c.principal.reset();
                    if (check) {
                        if (auto no = check(h, c.addr, c.who, c.principal)) return refuse(c, *no, h.method, h.path());
                    }
                    if (!h.chunked && h.content_length > opts.max_buffered - std::min(opts.max_buffered, buffered.load()))
                        return refuse(c, 503, "busy", "the server holds too many uploads at once; retry in a moment",
                                      {{"Retry-After", "2"}});
                    c.deadline = now + opts.body_timeout;
                    // If even this does not fit, the peer is not reading: close.
                    if (h.expect_continue && !send_now(c, "HTTP/1.1 100 Continue\r\n\r\n")) return close_now(c.id);
                    continue;
                }
                case RequestParser::Step::Done: return dispatch(c);
            }
        }
    }

    void dispatch(Conn& c) {
        if (stopping)
            return refuse(c, 503, "unavailable", "the server is stopping; retry in a moment", {{"Retry-After", "2"}});
        std::shared_ptr<Conn> self = conns.at(c.id);
        ++c.served;
        std::unique_lock lock(mu);
        if (jobs.size() >= opts.max_queue) {
            lock.unlock();
            return refuse(c, 503, "busy", "the server is busy; retry in a moment", {{"Retry-After", "1"}});
        }
        epoll_ctl(ep, EPOLL_CTL_DEL, c.fd, nullptr);
        c.state = State::Busy;
        jobs.push_back(Job{self, c.parser.head(), c.parser.take_body()});
        work_cv.notify_one();
    }

    void worker() {
        for (;;) {
            Job job;
            {
                std::unique_lock lock(mu);
                work_cv.wait(lock, [&] { return !jobs.empty() || quit; });
                if (jobs.empty()) return;
                job = std::move(jobs.front());
                jobs.pop_front();
            }
            Conn& c = *job.conn;
            Io io(*this, c);
            bool keep = false;
            try {
                keep = serve(io, job.head, std::move(job.body), std::move(c.principal), c.who);
            } catch (...) {
                keep = false;
            }
            keep = keep && io.ok() && job.head.keep_alive && !stopping;
            job.body.clear();
            if (c.charged) {
                buffered -= c.charged;
                c.charged = 0;
            }
            {
                std::lock_guard lock(mu);
                returned.emplace_back(std::move(job.conn), keep);
            }
            std::uint64_t one = 1;
            (void)!::write(wake_fd, &one, sizeof one);
        }
    }

    void take_returned() {
        std::vector<std::pair<std::shared_ptr<Conn>, bool>> back;
        {
            std::lock_guard lock(mu);
            back.swap(returned);
        }
        for (auto& [c, keep] : back) {
            c->want_write = false;  // the descriptor is registered afresh below
            if (!keep || stopping) {
                c->state = State::Reading;  // so that close_now unregisters nothing twice
                epoll_event ev{};
                ev.events = EPOLLIN | EPOLLRDHUP;
                ev.data.u64 = c->id;
                epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
                linger(*c);
                continue;
            }
            c->state = State::Reading;
            c->parser.reset();
            c->idle = true;
            c->who.clear();
            c->since = Clock::now();
            c->deadline = c->since + opts.idle_timeout;
            epoll_event ev{};
            ev.events = EPOLLIN | EPOLLRDHUP;
            ev.data.u64 = c->id;
            epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
            // A request that came right behind the last one, already read (or decrypted).
            parse(*c);
            if (c->state == State::Reading && c->ssl && !read_some(*c)) close_now(c->id);
        }
    }

    void sweep() {
        auto now = Clock::now();
        if (now - last_sweep < milliseconds(100)) return;
        last_sweep = now;
        if (listen_fd >= 0 && accept_paused_until != Clock::time_point{} && now >= accept_paused_until) {
            accept_paused_until = {};
            if (spare_fd < 0) spare_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
            epoll_event ev{};
            ev.events = EPOLLIN;
            ev.data.u64 = kListenTag;
            epoll_ctl(ep, EPOLL_CTL_MOD, listen_fd, &ev);
        }
        std::vector<std::uint64_t> expired;
        FrontDoorStats s;
        for (auto& [id, c] : conns) {
            switch (c->state) {
                case State::Reading: (c->idle ? s.idle : s.reading)++; break;
                case State::Busy: s.busy++; break;
                case State::Closing: s.closing++; break;
            }
            if (c->state != State::Busy && now >= c->deadline) expired.push_back(id);
        }
        for (std::uint64_t id : expired) {
            Conn& c = *conns.at(id);
            if (c.state == State::Reading && !c.idle) {
                bool head = !c.parser.head_done();
                char within[32];
                std::snprintf(within, sizeof within, "%g s",
                              static_cast<double>((head ? opts.header_timeout : opts.body_timeout).count()) / 1000.0);
                refuse(c, 408, head ? "header_timeout" : "body_timeout",
                       std::string(head ? "the request's head" : "the request's body") + " did not arrive within " + within);
                c.deadline = now + milliseconds(200);  // a short linger: it was slow already
            } else {
                close_now(id);
            }
        }
        s.open = conns.size();
        s.addresses = per_addr.size();
        s.buffered_bytes = buffered;
        {
            std::lock_guard lock(mu);
            s.queued = jobs.size();
        }
        std::lock_guard lock(stats_mu);
        s.accepted = snapshot.accepted;
        s.evicted = snapshot.evicted;
        s.refused = std::move(snapshot.refused);
        snapshot = std::move(s);
    }

    bool run() {
        if (listen_fd < 0) return false;
        is_running = true;
        for (std::size_t i = 0; i < std::max<std::size_t>(1, opts.threads); ++i)
            workers.emplace_back([this] { worker(); });
        std::vector<epoll_event> events(256);
        bool listening = true;
        for (;;) {
            if (stopping && listening) {
                epoll_ctl(ep, EPOLL_CTL_DEL, listen_fd, nullptr);
                ::close(listen_fd);
                listen_fd = -1;
                listening = false;
                std::vector<std::uint64_t> waiting;
                for (auto& [id, c] : conns)
                    if (c->state != State::Busy) waiting.push_back(id);
                for (std::uint64_t id : waiting) close_now(id);
                std::lock_guard lock(mu);
                work_cv.notify_all();
            }
            if (stopping) {
                bool busy = false;
                for (auto& [id, c] : conns) busy = busy || c->state == State::Busy;
                if (!busy) break;
            }
            int n = epoll_wait(ep, events.data(), static_cast<int>(events.size()), 100);
            for (int i = 0; i < n; ++i) {
                std::uint64_t tag = events[static_cast<std::size_t>(i)].data.u64;
                if (tag == kListenTag) {
                    if (!stopping) accept_all();
                    continue;
                }
                if (tag == kWakeTag) {
                    std::uint64_t v;
                    (void)!::read(wake_fd, &v, sizeof v);
                    take_returned();
                    continue;
                }
                auto it = conns.find(tag);
                if (it == conns.end()) continue;
                std::shared_ptr<Conn> c = it->second;
                if (c->state == State::Busy) continue;
                if (!read_some(*c)) close_now(c->id);
            }
            if (stopping) {
                // Connections that came back from a worker close now.
                std::vector<std::uint64_t> done;
                for (auto& [id, c] : conns)
                    if (c->state != State::Busy) done.push_back(id);
                for (std::uint64_t id : done) close_now(id);
            }
            sweep();
        }
        {
            std::lock_guard lock(mu);
            quit = true;
            work_cv.notify_all();
        }
        for (auto& w : workers) w.join();
        workers.clear();
        take_returned();
        for (auto& [id, c] : conns) release(*c);
        conns.clear();
        per_addr.clear();
        is_running = false;
        return true;
    }
};

FrontDoor::FrontDoor(FrontDoorOptions opts, HeadCheck check, Serve serve)
    : impl_(std::make_unique<Impl>(std::move(opts), std::move(check), std::move(serve))) {}

FrontDoor::~FrontDoor() = default;

bool FrontDoor::valid() const { return !impl_->tls_failed; }

int FrontDoor::bind(const std::string& host, int port) {
    Impl& m = *impl_;
    // As many connections as the system lets this process have: raise the soft limit.
    rlimit r{};
    if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        setrlimit(RLIMIT_NOFILE, &r);
    }
    std::size_t fds = getrlimit(RLIMIT_NOFILE, &r) == 0 ? static_cast<std::size_t>(r.rlim_cur) : 1024;
    m.linger_budget = std::clamp<std::size_t>(fds / 8, 16, 1024);
    m.max_conns = std::min(m.opts.max_connections, fds > 256 + m.linger_budget ? fds - 128 - m.linger_budget : fds / 2);

    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* res = nullptr;
    std::string service = std::to_string(port);
    if (getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &res) != 0) return -1;
    int fd = -1;
    for (addrinfo* a = res; a && fd < 0; a = a->ai_next) {
        fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (a->ai_family == AF_INET6) {
            int zero = 0;
            setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero);
        }
        if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, SOMAXCONN) != 0) {
            ::close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd < 0) return -1;
    sockaddr_storage sa{};
    socklen_t len = sizeof sa;
    getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len);
    int bound = 0;
    ip_of(sa, bound);
    m.listen_fd = fd;
    m.ep = epoll_create1(EPOLL_CLOEXEC);
    m.wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    m.spare_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = kListenTag;
    epoll_ctl(m.ep, EPOLL_CTL_ADD, fd, &ev);
    ev.data.u64 = kWakeTag;
    epoll_ctl(m.ep, EPOLL_CTL_ADD, m.wake_fd, &ev);
    return bound;
}

bool FrontDoor::run() { return impl_->run(); }

void FrontDoor::stop() {
    impl_->stopped_at = Clock::now();
    impl_->stopping = true;
    if (impl_->wake_fd >= 0) {
        std::uint64_t one = 1;
        (void)!::write(impl_->wake_fd, &one, sizeof one);
    }
}

bool FrontDoor::running() const { return impl_->is_running; }

FrontDoorStats FrontDoor::stats() const {
    std::lock_guard lock(impl_->stats_mu);
    return impl_->snapshot;
}

}  // namespace fika::server::http
