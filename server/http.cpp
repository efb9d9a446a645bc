#include "http.h"

#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <set>

#include "front_door.h"
#include "gzip.h"

namespace fika::server::http {

namespace {

// The request a worker thread is answering, set by the front door's Serve around
// cpp-httplib's processing of it.
struct Current {
    Connection* conn = nullptr;
    std::string* body = nullptr;  // as it arrived (still compressed, if it was)
    std::any* principal = nullptr;
    bool close_after = false;     // a handler's answer said Connection: close
    std::chrono::steady_clock::time_point start;
    std::string who;
};
thread_local Current* t_cur = nullptr;

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string status_code_name(int status) {
    switch (status) {
        case 400: return "bad_request";
        case 401: return "unauthorized";
        case 403: return "forbidden";
        case 404: return "not_found";
        case 405: return "method_not_allowed";
        case 413: return "too_large";
        case 414: return "uri_too_long";
        case 415: return "unsupported_media_type";
        case 416: return "bad_range";
        case 429: return "rate_limited";
        case 503: return "unavailable";
        default: return status >= 500 ? "internal" : "error";
    }
}

std::string status_message(int status) {
    switch (status) {
        case 400: return "the request could not be read";
        case 404: return "no such endpoint";
        case 405: return "method not allowed on this endpoint";
        case 413: return "the request body is too large";
        case 414: return "the request target is too long";
        case 415: return "unsupported content type or encoding";
        default: return "request failed";
    }
}


// The length of the UTF-8 sequence at s[i], or 0 when it is not a valid one (overlong
// forms, surrogates and values past U+10FFFF are not).
std::size_t utf8_length(const std::string& s, std::size_t i) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    unsigned char c = b(0);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((b(k) & 0xc0) != 0x80) return 0;
    if (n == 2 && c < 0xc2) return 0;
    if (n == 3) {
        unsigned cp = ((c & 0x0fu) << 12) | ((b(1) & 0x3fu) << 6) | (b(2) & 0x3fu);
        if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
    }
    if (n == 4) {
        unsigned cp = ((c & 0x07u) << 18) | ((b(1) & 0x3fu) << 12) | ((b(2) & 0x3fu) << 6) | (b(3) & 0x3fu);
        if (cp < 0x10000 || cp > 0x10ffff) return 0;
    }
    return n;
}

// The request's head as cpp-httplib reads it: the request line and headers as they
// arrived, without the framing the front door has already dealt with. The body is not
// in it: handlers take it from the front door (Current::body), so cpp-httplib never
// reads, decompresses or frames a body itself.
std::string head_for_httplib(const Head& h) {
    std::string out = h.method + " " + h.target + " " + h.version + "\r\n";
    for (const auto& [k, v] : h.headers) {
        if (k == "content-length" || k == "transfer-encoding" || k == "expect") continue;
        out += k;
        out += ": ";
        out += v;
        out += "\r\n";
    }
    out += "Content-Length: 0\r\n\r\n";
    return out;
}

// A stream over one request: reads its head, writes to the connection.
class RequestStream final : public httplib::Stream {
public:
    RequestStream(Connection& c, std::string head) : c_(c), head_(std::move(head)) {}
    bool is_readable() const override { return true; }
    bool is_writable() const override { return c_.alive(); }
    ssize_t read(char* ptr, size_t size) override {
        size_t n = std::min(size, head_.size() - pos_);
        std::memcpy(ptr, head_.data() + pos_, n);
        pos_ += n;
        return static_cast<ssize_t>(n);
    }
    ssize_t write(const char* ptr, size_t size) override { return c_.write(ptr, size) ? static_cast<ssize_t>(size) : -1; }
    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = c_.remote_addr();
        port = c_.remote_port();
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        ip = c_.local_addr();
        port = c_.local_port();
    }
    // cpp-httplib asks only to guard select(), which this stream never uses.
    socket_t socket() const override { return INVALID_SOCKET; }

private:
    Connection& c_;
    std::string head_;
    size_t pos_ = 0;
};

// cpp-httplib's request processing, routing and answer writing, run over a stream the
// front door gives it (process_request is protected, meant for this).
class Router final : public httplib::Server {
public:
    bool answer(httplib::Stream& s, bool close_connection, bool& connection_closed) {
        return process_request(s, close_connection, connection_closed, nullptr);
    }
    // cpp-httplib ends a chunked answer (an event stream) when its listening socket is
    // gone; it has none here (the front door listens), so it is marked present while the
    // front door serves. Nothing of cpp-httplib's uses the value otherwise.
    void serving(bool on) { svr_sock_ = on ? 0 : INVALID_SOCKET; }
};

}  // namespace

std::string log_time() {
    using namespace std::chrono;
    auto now = system_clock::now();
    std::time_t t = system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[80];
    auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    return buf;
}

std::string json_escape(const std::string& s) {
    std::string out;
    out.reserve(s.size() + 2);
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            std::size_t n = utf8_length(s, i);
            if (n == 0) {
                out += "\xef\xbf\xbd";  // U+FFFD for a byte that is not UTF-8
                ++i;
            } else {
                out.append(s, i, n);
                i += n;
            }
            continue;
        }
        ++i;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    char b[8];
                    std::snprintf(b, sizeof b, "\\u%04x", c);
                    out += b;
                } else {
                    out.push_back(static_cast<char>(c));
                }
        }
    }
    return out;
}

bool is_json_type(const std::string& content_type) {
    std::string t = lower(content_type);
    auto trim = [](std::string x) {
        while (!x.empty() && (x.front() == ' ' || x.front() == '\t')) x.erase(0, 1);
        while (!x.empty() && (x.back() == ' ' || x.back() == '\t')) x.pop_back();
        return x;
    };
    std::size_t semi = t.find(';');
    if (trim(t.substr(0, semi)) != "application/json") return false;
    while (semi != std::string::npos) {
        std::size_t next = t.find(';', semi + 1);
        std::string param = trim(t.substr(semi + 1, next == std::string::npos ? std::string::npos : next - semi - 1));
        if (param != "charset=utf-8" && param != "charset=\"utf-8\"") return false;
        semi = next;
    }
    return true;
}

std::string Request::header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

std::string Request::bearer_token() const {
    std::string h = header("authorization");
    const std::string prefix = "Bearer ";
    if (h.size() <= prefix.size() || h.compare(0, prefix.size(), prefix) != 0) return {};
    return h.substr(prefix.size());
}

Response Response::json(int status, std::string body) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

Response Response::error(int status, std::string_view code, const std::string& message) {
    return json(status, "{\"error\":{\"code\":\"" + json_escape(std::string(code)) + "\",\"message\":\"" +
                            json_escape(message) + "\"}}");
}

struct Server::Impl {
    Options opts;
    Router router;
    std::unique_ptr<FrontDoor> door;
    std::function<std::optional<Response>(const Request&, std::string&, std::any&)> gate;
    std::map<std::string, std::set<std::string>> methods;  // pattern -> methods
    bool finalized = false;

    Request convert(const httplib::Request& hr) {
        Request r;
        r.method = hr.method;
        r.path = hr.path;
        r.remote_addr = hr.remote_addr;
        for (auto& [k, v] : hr.params) r.params[k] = v;
        for (auto& [k, v] : hr.headers) r.headers[lower(k)] = v;
        for (std::size_t i = 1; i < hr.matches.size(); ++i) r.captures.push_back(hr.matches[i].str());
        if (t_cur && t_cur->principal) r.principal = std::move(*t_cur->principal);
        return r;
    }

    static void write(const Response& out, httplib::Response& res, bool gzip_ok = false) {
        res.status = out.status;
        for (auto& [k, v] : out.headers) res.set_header(k, v);
        if (out.stream) {
            res.set_header("Cache-Control", "no-cache");
            res.set_header("X-Accel-Buffering", "no");
            if (t_cur) t_cur->conn->streaming();
            auto stream = out.stream;
            res.set_chunked_content_provider("text/event-stream", [stream](size_t, httplib::DataSink& sink) {
                Connection* conn = t_cur ? t_cur->conn : nullptr;
                EventSink es{[&sink](const std::string& s) { return sink.is_writable() && sink.write(s.data(), s.size()); },
                             [conn] { return !conn || conn->alive(); }};
                stream(es);
                sink.done();
                return true;
            });
            return;
        }
        // JSON answers are compressed here, at a fast level (sync/gzip.h), not by
        // cpp-httplib (which uses zlib's default level, several times slower on a first
        // download). httplib compresses only bare "application/json", so the charset
        // parameter also keeps it from compressing a second time.
        if (out.content_type == "application/json") {
            std::string type = "application/json; charset=utf-8";
            if (gzip_ok && out.body.size() >= sync::kGzipMinBytes) {
                res.set_header("Content-Encoding", "gzip");
                res.set_header("Vary", "Accept-Encoding");
                res.set_content(sync::gzip_compress(out.body), type);
            } else {
                res.set_content(out.body, type);
            }
            return;
        }
        res.set_content(out.body, out.content_type);
    }

    static bool accepts_gzip(const httplib::Request& hr) {
        return lower(hr.get_header_value("Accept-Encoding")).find("gzip") != std::string::npos;
    }

    static void refuse_and_close(httplib::Response& res, const Response& e) {
        if (t_cur) t_cur->close_after = true;
        res.set_header("Connection", "close");
        write(e, res);
    }

    // The handler of a route, with its body decoded; never throws.
    void run(const Handler& h, const httplib::Request& hr, httplib::Response& res, BodyType body_type) {
        Response out;
        try {
            Request r = convert(hr);
            std::string raw = t_cur && t_cur->body ? std::move(*t_cur->body) : std::string();
            if (!raw.empty()) {
                std::string enc = lower(r.header("content-encoding"));
                if (enc == "gzip") {
                    auto got = sync::gzip_decompress(raw, opts.max_body, r.body);
                    if (got == sync::GunzipResult::TooLarge)
                        return refuse_and_close(res, Response::error(413, "too_large",
                                                                     "the request body is larger than " +
                                                                         std::to_string(opts.max_body) +
                                                                         " bytes (after decompression); send fewer changes per request"));
                    if (got == sync::GunzipResult::Malformed)
                        return refuse_and_close(res, Response::error(400, "bad_request",
                                                                     "the gzip body is malformed or cut short (its trailer is missing)"));
                } else if (enc.empty() || enc == "identity") {
                    r.body = std::move(raw);
                } else {
                    return refuse_and_close(res, Response::error(415, "unsupported_media_type",
                                                                 "Content-Encoding '" + enc + "' is not supported; use gzip or none"));
                }
                if (body_type == BodyType::Json && !is_json_type(r.header("content-type")))
                    return refuse_and_close(res, Response::error(415, "unsupported_media_type",
                                                                 "the body must be sent as Content-Type: application/json"));
                if (body_type == BodyType::Bytes && lower(r.header("content-type")) != "application/octet-stream")
                    return refuse_and_close(res, Response::error(415, "unsupported_media_type",
                                                                 "the body must be sent as Content-Type: application/octet-stream"));
            }
            out = h(r);
        } catch (const std::exception& e) {
            out = Response::error(500, "internal", std::string("internal error: ") + e.what());
        } catch (...) {
            out = Response::error(500, "internal", "internal error");
        }
        write(out, res, accepts_gzip(hr));
    }

    // One complete request from the front door, on a worker thread.
    bool serve(Connection& conn, const Head& head, std::string body, std::any principal, const std::string& who) {
        Current cur;
        cur.conn = &conn;
        cur.body = &body;
        cur.principal = &principal;
        cur.start = std::chrono::steady_clock::now();
        cur.who = who.empty() ? "-" : who;
        t_cur = &cur;
        RequestStream stream(conn, head_for_httplib(head));
        bool closed = false;
        bool ok = router.answer(stream, !head.keep_alive, closed);
        t_cur = nullptr;
        return ok && !closed && !cur.close_after;
    }
};

Server::Server(Options opts) : impl_(std::make_unique<Impl>()) {
    impl_->opts = std::move(opts);
    Impl* impl = impl_.get();
    auto& svr = impl_->router;
    svr.set_keep_alive_timeout(std::max<time_t>(1, static_cast<time_t>(impl_->opts.idle_timeout.count() / 1000)));
    svr.set_keep_alive_max_count(1000);
    httplib::Server::HandlerWithResponse on_error = [](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        Response e = Response::error(res.status, status_code_name(res.status), status_message(res.status));
        res.set_content(e.body, e.content_type);
        return httplib::Server::HandlerResponse::Handled;
    };
    svr.set_error_handler(on_error);
    svr.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        res.status = 500;
        Response e = Response::error(500, "internal", "internal error");
        res.set_content(e.body, e.content_type);
    });
    svr.set_logger([impl](const httplib::Request& req, const httplib::Response& res) {
        if (!impl->opts.log || !t_cur) return;
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_cur->start).count();
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.1fms", ms);
        impl->opts.log(log_time() + " user=" + t_cur->who + " " + req.method + " " + json_escape(req.path) + " " +
                       std::to_string(res.status) + " " + buf);
    });

    FrontDoorOptions fo;
    fo.limits.max_body = impl_->opts.max_body;
    fo.header_timeout = impl_->opts.header_timeout;
    fo.body_timeout = impl_->opts.body_timeout;
    fo.idle_timeout = impl_->opts.idle_timeout;
    fo.write_timeout = impl_->opts.write_timeout;
    fo.max_connections = impl_->opts.max_connections;
    fo.max_per_address = impl_->opts.max_per_address;
    fo.max_buffered = impl_->opts.max_buffered;
    fo.threads = impl_->opts.threads;
    fo.tls_cert = impl_->opts.tls_cert;
    fo.tls_key = impl_->opts.tls_key;
    fo.log = impl_->opts.log;
    auto check = [impl](const Head& h, const std::string& addr, std::string& who,
                        std::any& principal) -> std::optional<Response> {
        if (!impl->gate) return std::nullopt;
        Request r;
        r.method = h.method;
        r.path = h.path();
        r.remote_addr = addr;
        for (const auto& [k, v] : h.headers) r.headers.emplace(k, v);
        return impl->gate(r, who, principal);
    };
    auto serve = [impl](Connection& conn, const Head& head, std::string body, std::any principal,
                        const std::string& who) { return impl->serve(conn, head, std::move(body), std::move(principal), who); };
    impl_->door = std::make_unique<FrontDoor>(std::move(fo), check, serve);
}

Server::~Server() { impl_->router.serving(false); }

bool Server::valid() const { return impl_->door->valid(); }

void Server::route(const std::string& method, const std::string& pattern, Handler handler, BodyType body) {
    impl_->methods[pattern].insert(method);
    Impl* impl = impl_.get();
    auto& svr = impl_->router;
    httplib::Server::Handler h = [impl, handler, body](const httplib::Request& req, httplib::Response& res) {
        impl->run(handler, req, res, body);
    };
    if (method == "GET") svr.Get(pattern, h);
    else if (method == "POST") svr.Post(pattern, h);
    else if (method == "PUT") svr.Put(pattern, h);
    else if (method == "DELETE") svr.Delete(pattern, h);
}

void Server::set_gate(std::function<std::optional<Response>(const Request&, std::string&, std::any&)> gate) {
    impl_->gate = std::move(gate);
}

int Server::bind(const std::string& host, int port) {
    auto& svr = impl_->router;
    if (!impl_->finalized) {
        impl_->finalized = true;
        // 405 for the other methods of every known path.
        for (auto& [pattern, allowed] : impl_->methods) {
            std::string allow;
            for (auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
            auto not_allowed = [allow](const httplib::Request&, httplib::Response& res) {
                res.status = 405;
                res.set_header("Allow", allow);
                Response e = Response::error(405, "method_not_allowed", "use " + allow + " on this endpoint");
                res.set_content(e.body, e.content_type);
            };
            for (const char* m : {"GET", "POST", "PUT", "DELETE", "PATCH"}) {
                if (allowed.count(m)) continue;
                std::string mm = m;
                if (mm == "GET") svr.Get(pattern, not_allowed);
                else if (mm == "POST") svr.Post(pattern, not_allowed);
                else if (mm == "PUT") svr.Put(pattern, not_allowed);
                else if (mm == "DELETE") svr.Delete(pattern, not_allowed);
                else svr.Patch(pattern, not_allowed);
            }
        }
    }
    return impl_->door->bind(host, port);
}

int post_json(const std::string& url, const std::string& body, int timeout_s, std::string& error,
              const std::string& delivery) {
    // scheme://host[:port]/path
    auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos) {
        error = "the webhook URL needs http:// or https://";
        return 0;
    }
    auto path_start = url.find('/', scheme_end + 3);
    std::string base = path_start == std::string::npos ? url : url.substr(0, path_start);
    std::string path = path_start == std::string::npos ? "/" : url.substr(path_start);
    httplib::Client cli(base);
    cli.set_connection_timeout(timeout_s, 0);
    cli.set_read_timeout(timeout_s, 0);
    cli.set_write_timeout(timeout_s, 0);
    httplib::Headers headers;
    if (!delivery.empty()) headers.emplace("X-Fika-Delivery", delivery);
    auto res = cli.Post(path, headers, body, "application/json");
    if (!res) {
        // httplib names the step ("Connection", "Read"); say what happened at it.
        switch (res.error()) {
            case httplib::Error::Connection: error = "cannot connect to " + base; break;
            case httplib::Error::Read: error = "no answer from " + base + " (timed out or closed)"; break;
            case httplib::Error::Write: error = "sending to " + base + " failed"; break;
            case httplib::Error::SSLConnection: error = "TLS with " + base + " failed"; break;
            case httplib::Error::SSLServerVerification: error = base + "'s certificate was not accepted"; break;
            default: error = httplib::to_string(res.error()) + " error with " + base; break;
        }
        return 0;
    }
    return res->status;
}

bool Server::listen() {
    impl_->router.serving(true);
    bool ok = impl_->door->run();
    impl_->router.serving(false);
    return ok;
}

void Server::stop() {
    impl_->router.serving(false);  // event streams end
    impl_->door->stop();
}

bool Server::running() const { return impl_->door->running(); }

ConnectionStats Server::connection_stats() const {
    FrontDoorStats f = impl_->door->stats();
    ConnectionStats s;
    s.open = f.open;
    s.reading = f.reading;
    s.idle = f.idle;
    s.busy = f.busy;
    s.closing = f.closing;
    s.addresses = f.addresses;
    s.buffered_bytes = f.buffered_bytes;
    s.queued = f.queued;
    s.accepted = f.accepted;
    s.evicted = f.evicted;
    s.refused = std::move(f.refused);
    return s;
}

}  // namespace fika::server::http
