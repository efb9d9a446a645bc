// The HTTP boundary: cpp-httplib stays behind this file. Handlers are functions from a
// Request to a Response; they never throw (an escaping exception becomes a 500 with a
// JSON body). Every error response has the body {"error": {"code", "message"}}.
// Connections are read by the server's own front door (front_door.h), which hands
// cpp-httplib only complete, well-framed requests.
#pragma once

#include <any>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fika::server::http {

struct Request {
    std::string method, path, body, remote_addr;
    std::map<std::string, std::string> params;    // query string
    std::vector<std::string> captures;            // regex groups of the route
    std::map<std::string, std::string> headers;   // lower-case names
    std::any principal;                           // what the gate decided (the user)
    std::string header(const std::string& lower_name) const;
    std::string bearer_token() const;
};

// Writes Server-Sent Events; false once the peer has gone.
struct EventSink {
    std::function<bool(const std::string&)> write;
    // False once the peer has closed the connection (checked without waiting).
    std::function<bool()> alive = [] { return true; };
};

struct Response {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    // For a stream (text/event-stream): runs on the worker thread until it returns.
    std::function<void(EventSink&)> stream;

    static Response json(int status, std::string body);
    static Response error(int status, std::string_view code, const std::string& message);
};

// The body limit applies after decompression, so a small gzip bomb is refused too.
// Deadlines and caps: see front_door.h and docs/protocol.md.
struct Options {
    std::size_t max_body = 16u << 20;
    std::size_t threads = 16;
    std::string tls_cert, tls_key;
    std::function<void(const std::string& line)> log;
    std::chrono::milliseconds header_timeout{10000};
    std::chrono::milliseconds body_timeout{60000};
    std::chrono::milliseconds idle_timeout{5000};
    std::chrono::milliseconds write_timeout{30000};
    std::size_t max_connections = 10000;
    std::size_t max_per_address = 256;
    std::size_t max_buffered = 256u << 20;
};

// What the front door counts, for /metrics.
struct ConnectionStats {
    std::size_t open = 0, reading = 0, idle = 0, busy = 0, closing = 0, addresses = 0;
    std::size_t buffered_bytes = 0, queued = 0;
    std::uint64_t accepted = 0, evicted = 0;
    std::map<std::string, std::uint64_t> refused;  // by code
};

using Handler = std::function<Response(const Request&)>;
// What a route's request body must be: JSON (the API), or bytes (attachments' content).
enum class BodyType { Json, Bytes };

class Server {
public:
    explicit Server(Options opts);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    bool valid() const;  // false when TLS files could not be loaded
    // `pattern` is a regex over the path; other methods on it answer 405.
    void route(const std::string& method, const std::string& pattern, Handler handler, BodyType body = BodyType::Json);
    // Called for every request to a route once its head has arrived, before its body is
    // read: return a response to refuse it (401, 429; the connection is then closed), or
    // nothing to go on. `who` is what the log line names; `principal` reaches the handler
    // as Request::principal. Runs on the front door's thread: keep it quick.
    void set_gate(std::function<std::optional<Response>(const Request&, std::string& who, std::any& principal)> gate);

    // Binds to host:port (0: any free port). Returns the port, or -1.
    int bind(const std::string& host, int port);
    // Serves until stop(). Returns false when the server could not run.
    bool listen();
    void stop();
    bool running() const;
    ConnectionStats connection_stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// An outgoing POST of a JSON body (the webhook). Returns the status, or 0 with `error`
// set when there was no answer.
// `delivery`: sent as X-Fika-Delivery, the same for every retry of one delivery, so a
// receiver can drop a repeat ("" : none).
int post_json(const std::string& url, const std::string& body, int timeout_s, std::string& error,
              const std::string& delivery = "");

// Small JSON helpers shared by the handlers. json_escape always gives valid UTF-8: bytes
// that are not (from a path, say) become U+FFFD.
std::string json_escape(const std::string& s);

// Now in UTC with milliseconds, as request log lines start.
std::string log_time();

// True for "application/json" with at most a charset=utf-8 parameter (any case).
bool is_json_type(const std::string& content_type);

}  // namespace fika::server::http
