#include "http.h"

#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <ctime>
#include <regex>
#include <set>

#include "gzip.h"

namespace fika::server::http {

namespace {

// Per request, on the worker thread that runs it: for the log line.
thread_local std::chrono::steady_clock::time_point t_start;
thread_local std::string t_who;

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
        case 415: return "unsupported_media_type";
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
        case 415: return "unsupported content type or encoding";
        default: return "request failed";
    }
}

std::string utc_now() {
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

}  // namespace

std::string json_escape(const std::string& s) {
    std::string out;
    out.reserve(s.size() + 2);
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
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
    std::unique_ptr<httplib::Server> svr;
    std::function<std::optional<Response>(const Request&, std::string&)> gate;
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
        return r;
    }

    static void write(const Response& out, httplib::Response& res, bool gzip_ok = false) {
        res.status = out.status;
        for (auto& [k, v] : out.headers) res.set_header(k, v);
        if (out.stream) {
            res.set_header("Cache-Control", "no-cache");
            res.set_header("X-Accel-Buffering", "no");
            auto stream = out.stream;
            res.set_chunked_content_provider("text/event-stream", [stream](size_t, httplib::DataSink& sink) {
                EventSink es{[&sink](const std::string& s) {
                    return sink.is_writable() && sink.write(s.data(), s.size());
                }};
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

    // Runs gate, body reading and handler; never throws.
    void run(const Handler& h, const httplib::Request& hr, httplib::Response& res,
             const httplib::ContentReader* reader) {
        Response out;
        try {
            Request r = convert(hr);
            std::string who = "-";
            if (gate) {
                if (auto stop = gate(r, who)) {
                    t_who = who;
                    if (reader) res.set_header("Connection", "close");  // the body was not read
                    write(*stop, res);
                    return;
                }
            }
            t_who = who;
            if (reader) {
                std::string enc = lower(r.header("content-encoding"));
                if (!enc.empty() && enc != "gzip" && enc != "identity") {
                    res.set_header("Connection", "close");
                    write(Response::error(415, "unsupported_media_type",
                                          "Content-Encoding '" + enc + "' is not supported; use gzip or none"),
                          res);
                    return;
                }
                bool too_big = false;
                std::string body;
                bool ok = (*reader)([&](const char* data, size_t len) {
                    if (body.size() + len > opts.max_body) {
                        too_big = true;
                        return false;
                    }
                    body.append(data, len);
                    return true;
                });
                std::string declared = r.header("content-length");
                if (!declared.empty() && std::strtoull(declared.c_str(), nullptr, 10) > opts.max_body) too_big = true;
                if (too_big) {
                    res.set_header("Connection", "close");
                    write(Response::error(413, "too_large",
                                          "the request body is larger than " + std::to_string(opts.max_body) +
                                              " bytes (after decompression); send fewer changes per request"),
                          res);
                    return;
                }
                if (!ok) {
                    res.set_header("Connection", "close");
                    write(Response::error(400, "bad_request", "the request body could not be read"), res);
                    return;
                }
                r.body = std::move(body);
            }
            out = h(r);
        } catch (const std::exception& e) {
            out = Response::error(500, "internal", std::string("internal error: ") + e.what());
        } catch (...) {
            out = Response::error(500, "internal", "internal error");
        }
        write(out, res, accepts_gzip(hr));
    }
};

namespace {
// cpp-httplib 0.11 listens with a backlog of 5, compiled into Debian's shared library.
// When more devices connect at once than that (a team opening their laptops at 8:00,
// fifty test clients), the kernel drops the last ACK of their handshakes: a device's
// request then waits a second for the handshake to be retried and may fail ("Read").
// Listening again on the same socket only widens the queue; the socket is found by the
// port it is bound to.
void widen_backlog(int port) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
        int fd = std::atoi(entry.path().filename().c_str());
        int listening = 0;
        socklen_t len = sizeof listening;
        if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) != 0 || !listening) continue;
        sockaddr_storage addr{};
        socklen_t alen = sizeof addr;
        if (getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &alen) != 0) continue;
        int p = addr.ss_family == AF_INET ? ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port)
                : addr.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port)
                                             : -1;
        if (p == port) ::listen(fd, SOMAXCONN);
    }
}
}  // namespace

Server::Server(Options opts) : impl_(std::make_unique<Impl>()) {
    impl_->opts = std::move(opts);
    if (!impl_->opts.tls_cert.empty())
        impl_->svr = std::make_unique<httplib::SSLServer>(impl_->opts.tls_cert.c_str(), impl_->opts.tls_key.c_str());
    else
        impl_->svr = std::make_unique<httplib::Server>();
    auto& svr = *impl_->svr;
    std::size_t threads = impl_->opts.threads;
    svr.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    svr.set_payload_max_length(impl_->opts.max_body);
    // Answers are written in pieces (headers, body): without this, Nagle's algorithm and
    // the client's delayed ACK add ~40 ms to every round trip.
    svr.set_tcp_nodelay(true);
    svr.set_read_timeout(30, 0);
    svr.set_write_timeout(30, 0);
    // An idle keep-alive connection holds a worker until this runs out, and stop() waits
    // for it: keep it short so that SIGTERM ends the server within seconds.
    svr.set_keep_alive_timeout(5);
    svr.set_keep_alive_max_count(1000);
    svr.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
        t_start = std::chrono::steady_clock::now();
        t_who.assign(1, '-');  // not = "-": GCC 12 -O2 warns (-Wrestrict) on a thread_local string
        return httplib::Server::HandlerResponse::Unhandled;
    });
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
    Impl* impl = impl_.get();
    svr.set_logger([impl](const httplib::Request& req, const httplib::Response& res) {
        if (!impl->opts.log) return;
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_start).count();
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.1fms", ms);
        impl->opts.log(utc_now() + " user=" + (t_who.empty() ? "-" : t_who) + " " + req.method + " " + req.path +
                       " " + std::to_string(res.status) + " " + buf);
    });
}

Server::~Server() = default;

bool Server::valid() const { return impl_->svr->is_valid(); }

void Server::route(const std::string& method, const std::string& pattern, Handler handler) {
    impl_->methods[pattern].insert(method);
    Impl* impl = impl_.get();
    auto& svr = *impl_->svr;
    if (method == "POST" || method == "PUT") {
        httplib::Server::HandlerWithContentReader h = [impl, handler](const httplib::Request& req, httplib::Response& res,
                                                                      const httplib::ContentReader& reader) {
            impl->run(handler, req, res, &reader);
        };
        if (method == "POST") svr.Post(pattern, h);
        else svr.Put(pattern, h);
        return;
    }
    httplib::Server::Handler h = [impl, handler](const httplib::Request& req, httplib::Response& res) {
        impl->run(handler, req, res, nullptr);
    };
    if (method == "GET") svr.Get(pattern, h);
    else if (method == "DELETE") svr.Delete(pattern, h);
}

void Server::set_gate(std::function<std::optional<Response>(const Request&, std::string&)> gate) {
    impl_->gate = std::move(gate);
}

int Server::bind(const std::string& host, int port) {
    auto& svr = *impl_->svr;
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
    int bound = port == 0 ? svr.bind_to_any_port(host) : (svr.bind_to_port(host, port) ? port : -1);
    if (bound > 0) widen_backlog(bound);
    return bound;
}

int post_json(const std::string& url, const std::string& body, int timeout_s, std::string& error) {
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
    auto res = cli.Post(path, body, "application/json");
    if (!res) {
        error = httplib::to_string(res.error());
        return 0;
    }
    return res->status;
}

bool Server::listen() { return impl_->svr->listen_after_bind(); }
void Server::stop() { impl_->svr->stop(); }
bool Server::running() const { return impl_->svr->is_running(); }

}  // namespace fika::server::http
