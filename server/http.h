// The HTTP boundary: cpp-httplib stays behind this file. Handlers are functions from a
// Request to a Response; they never throw (an escaping exception becomes a 500 with a
// JSON body). Every error response has the body {"error": {"code", "message"}}.
#pragma once

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
    std::string header(const std::string& lower_name) const;
    std::string bearer_token() const;
};

// Writes Server-Sent Events; false once the peer has gone.
struct EventSink {
    std::function<bool(const std::string&)> write;
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
struct Options {
    std::size_t max_body = 16u << 20;
    std::size_t threads = 16;
    std::string tls_cert, tls_key;
    std::function<void(const std::string& line)> log;
};

using Handler = std::function<Response(const Request&)>;

class Server {
public:
    explicit Server(Options opts);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    bool valid() const;  // false when TLS files could not be loaded
    // `pattern` is a regex over the path; other methods on it answer 405.
    void route(const std::string& method, const std::string& pattern, Handler handler);
    // Called before the handler of every route: return a response to stop there (401,
    // 429), or nothing to go on. `who` is what the log line names.
    void set_gate(std::function<std::optional<Response>(const Request&, std::string& who)> gate);

    // Binds to host:port (0: any free port). Returns the port, or -1.
    int bind(const std::string& host, int port);
    // Serves until stop(). Returns false when the server could not run.
    bool listen();
    void stop();
    bool running() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// An outgoing POST of a JSON body (the webhook). Returns the status, or 0 with `error`
// set when there was no answer.
int post_json(const std::string& url, const std::string& body, int timeout_s, std::string& error);

// Small JSON helpers shared by the handlers.
std::string json_escape(const std::string& s);

}  // namespace fika::server::http
