// The server's own accept loop: every connection is read here, by one thread with epoll,
// until a whole request - head and body - has arrived within its deadlines and passed the
// framing rules (http_framing.h); only then does a worker thread see it. cpp-httplib 0.11
// gives every connection a worker thread from its first byte and has only a per-read
// timeout, so a few dozen connections sending a byte every few seconds held every worker;
// it answered a refusal and then read the unread body as the next request (request
// smuggling behind a proxy that shares connections). Here:
//
//   - a connection costs a buffer, not a thread, until its request is complete;
//   - the head has a total deadline (header_timeout, from its first byte or from the
//     connection's start), the body another (body_timeout, from the end of the head); a
//     kept-alive connection with no request is closed after idle_timeout;
//   - a request is checked on its head (HeadCheck: authentication, rate limit) before its
//     body is read; a refusal, like every framing error, is answered and the connection
//     closed for real (lingering: the answer is read before the close);
//   - connections are capped per address and in all; at a cap the connection of that
//     address (or any) whose request has waited longest (slow ones first, then idle ones)
//     is told "too many connections" and closed to make room for the newcomer;
//   - bodies held in memory are capped in all (max_buffered), so many large uploads at
//     once are answered "busy" instead of exhausting memory;
//   - TLS is terminated here (OpenSSL, non-blocking), so slow handshakes cost no thread.
//
// A worker answers through Connection (blocking writes with a progress deadline and, but
// for event streams, a deadline for the whole answer). This file knows sockets and
// OpenSSL, not cpp-httplib: http.cpp runs httplib's request processing over Connection.
#pragma once

#include <any>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "http.h"
#include "http_framing.h"

namespace fika::server::http {

struct FrontDoorOptions {
    FramingLimits limits;
    std::chrono::milliseconds header_timeout{10000};  // the whole head
    std::chrono::milliseconds body_timeout{60000};    // the whole body, after the head
    std::chrono::milliseconds idle_timeout{5000};     // a kept-alive connection between requests
    std::chrono::milliseconds write_timeout{30000};   // an answer makes progress; whole answer: 4x
    std::size_t max_connections = 10000;              // at most the open-file limit allows
    std::size_t max_per_address = 256;
    std::size_t max_buffered = 256u << 20;  // request bytes held in memory, all connections together
    std::size_t threads = 16;               // workers
    std::size_t max_queue = 1024;           // complete requests waiting for a worker
    std::string tls_cert, tls_key;          // PEM files; empty: plain HTTP
    std::function<void(const std::string& line)> log;
};

// A connection as the worker answering a request on it sees it.
class Connection {
public:
    virtual ~Connection() = default;
    // Writes all of it, waiting for the peer up to the deadlines; false when the peer has
    // gone or is too slow (the connection is then closed).
    virtual bool write(const char* data, std::size_t size) = 0;
    // False once the peer has closed or reset the connection. Does not wait.
    virtual bool alive() const = 0;
    virtual const std::string& remote_addr() const = 0;
    virtual int remote_port() const = 0;
    virtual const std::string& local_addr() const = 0;
    virtual int local_port() const = 0;
    // The answer is an event stream: no deadline for the whole answer (each write keeps its own).
    virtual void streaming() = 0;
};

struct FrontDoorStats {
    std::size_t open = 0, reading = 0, idle = 0, busy = 0, closing = 0;  // connections now
    std::size_t addresses = 0;                                           // distinct peers now
    std::size_t buffered_bytes = 0, queued = 0;
    std::uint64_t accepted = 0, evicted = 0;
    std::map<std::string, std::uint64_t> refused;  // by code: too_many_connections, header_timeout, ...
};

class FrontDoor {
public:
    // Decides on a request from its head, before any of its body is read: a response
    // refuses it. `who` (for the log) and `principal` go with the request to Serve.
    using HeadCheck = std::function<std::optional<Response>(const Head& head, const std::string& remote_addr,
                                                            std::string& who, std::any& principal)>;
    // Answers a complete request on a worker thread. False: close the connection after it.
    using Serve = std::function<bool(Connection& conn, const Head& head, std::string body, std::any principal,
                                     const std::string& who)>;

    FrontDoor(FrontDoorOptions opts, HeadCheck check, Serve serve);
    ~FrontDoor();
    FrontDoor(const FrontDoor&) = delete;
    FrontDoor& operator=(const FrontDoor&) = delete;

    // False when the TLS certificate or key could not be loaded.
    bool valid() const;
    // Binds and listens (backlog: the system's maximum); returns the port, or -1.
    int bind(const std::string& host, int port);
    // Runs the accept loop on this thread and the workers on theirs until stop(); then
    // lets the requests in progress finish. False when it could not run.
    bool run();
    // From any thread.
    void stop();
    bool running() const;
    FrontDoorStats stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// An HTTP/1.1 answer with a JSON body, as bytes (for refusals sent before a worker runs).
std::string serialize_refusal(const Response& r, bool close);

}  // namespace fika::server::http
