// fika-server against hostile clients (label server): raw sockets that frame requests
// wrongly, smuggle a request inside another's body, speak slowly, open a thousand
// connections, or send bodies every reader but one would accept. Every loop here is
// bounded in count and time; the server listens on 127.0.0.1 only.
#include <catch2/catch.hpp>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <sys/resource.h>

#include <atomic>
#include <thread>

#include "gzip.h"
#include "raw_http.h"
#include "server_harness.h"
#include "store.h"
#include "sync_client.h"

using namespace fika;
using fika::test::RawConn;
using fika::test::RawResponse;
using fika::test::ServerProcess;
using fika::test::TempDir;
using json = nlohmann::json;

namespace {

const std::string kMinimalSync = R"({"v":1,"schema":1,"site":"00000000000000aa","hlc":1,"pull":{"cursors":{}}})";

std::string error_code(const RawResponse& r) {
    json j = json::parse(r.body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("error")) return "(not a JSON error: " + r.body + ")";
    return j["error"]["code"].get<std::string>();
}

// A request the smuggler hides in a body: another user's token asking who it is.
std::string smuggled(const std::string& token) {
    return "GET /v1/me HTTP/1.1\r\nHost: fika\r\nAuthorization: Bearer " + token + "\r\n\r\n";
}

// As many open files as the hard limit allows (a thousand connections need them).
std::size_t raise_fd_limit() {
    rlimit r{};
    getrlimit(RLIMIT_NOFILE, &r);
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
    getrlimit(RLIMIT_NOFILE, &r);
    return static_cast<std::size_t>(r.rlim_cur);
}

std::string metrics(const ServerProcess& srv) {
    httplib::Client c(srv.url());
    auto r = c.Get("/metrics");
    return r ? r->body : std::string();
}

double metric(const std::string& text, const std::string& name) {
    auto at = text.find("\n" + name + " ");
    if (at == std::string::npos) return -1;
    return std::atof(text.c_str() + at + name.size() + 2);
}

}  // namespace

TEST_CASE("a refused request's unread body is never read as the next request") {
    ServerProcess srv({"--rate", "0", "--max-body", "4096", "--quiet"});
    std::string alice = srv.add_user("alice", "consultant");
    std::string sam = srv.add_user("sam", "seller");
    const std::string inner = smuggled(sam);
    struct Case {
        std::string what, head_extra;
        int status;
        std::string code;
    };
    std::vector<Case> cases = {
        {"no token", "", 401, "unauthorized"},
        {"a bad token", "Authorization: Bearer fika_0000000000000000000000000000dead\r\n", 401, "unauthorized"},
        {"an encoding nobody reads", "Authorization: Bearer " + alice + "\r\nContent-Encoding: br\r\n", 415,
         "unsupported_media_type"},
        {"a body that is not JSON", "Authorization: Bearer " + alice + "\r\n", 400, "invalid"},
    };
    for (const Case& k : cases) {
        INFO(k.what);
        RawConn c(srv.port());
        REQUIRE(c.ok());
        c.send("POST /v1/sync HTTP/1.1\r\nHost: fika\r\nContent-Type: application/json\r\n" + k.head_extra +
               "Content-Length: " + std::to_string(inner.size()) + "\r\n\r\n" + inner);
        auto rs = c.responses(1500);
        REQUIRE(rs.size() == 1);  // the body is never answered as a request of its own
        CHECK(rs[0].status == k.status);
        CHECK(error_code(rs[0]) == k.code);
        CHECK(rs[0].body.find("sam") == std::string::npos);
    }
    // A chunked body past the limit: 413 at once, and the rest of the stream is not
    // parsed as requests (one 50 MB body gave 18 answers before).
    {
        RawConn c(srv.port());
        std::string chunk(5000, 'x');
        c.send("POST /v1/sync HTTP/1.1\r\nHost: fika\r\nAuthorization: Bearer " + alice +
               "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        std::string stream;
        for (int i = 0; i < 20; ++i) stream += "1388\r\n" + chunk + "\r\n" + inner;
        c.send(stream);  // may fail part-way: the server closes after its answer
        auto rs = c.responses(1500);
        REQUIRE(rs.size() == 1);
        CHECK(rs[0].status == 413);
        CHECK(error_code(rs[0]) == "too_large");
        CHECK(rs[0].header("connection") == "close");
        CHECK(c.closed());
    }
    // A refusal said "Connection: close" and the server does close.
    {
        RawConn c(srv.port());
        c.send("POST /v1/sync HTTP/1.1\r\nHost: fika\r\nContent-Length: 4000\r\n\r\n");
        RawResponse r = c.response(1000);
        CHECK(r.status == 401);
        CHECK(r.header("connection") == "close");
        CHECK(c.wait_closed(2500));
    }
}

TEST_CASE("impossible framing is refused at once with a JSON error - never waited on") {
    ServerProcess srv({"--rate", "0", "--quiet"});
    std::string alice = srv.add_user("alice", "consultant");
    const std::string auth = "Authorization: Bearer " + alice + "\r\n";
    struct Case {
        std::string what, bytes;
        int status;
        std::string code;
    };
    std::vector<Case> cases = {
        {"Content-Length 10^15", "POST /v1/sync HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: 1000000000000000\r\n\r\n{}", 413, "too_large"},
        {"Content-Length -1", "POST /v1/sync HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: -1\r\n\r\n{}", 400, "bad_request"},
        {"Content-Length 2^64+1", "POST /v1/sync HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: 18446744073709551617\r\n\r\n{}", 413, "too_large"},
        {"two different Content-Lengths", "POST /v1/sync HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400, "bad_request"},
        {"Transfer-Encoding xchunked", "POST /v1/sync HTTP/1.1\r\nHost: x\r\n" + auth + "Transfer-Encoding: xchunked\r\n\r\n{}", 501, "not_implemented"},
        {"Transfer-Encoding chunked, identity", "POST /v1/sync HTTP/1.1\r\nHost: x\r\n" + auth + "Transfer-Encoding: chunked, identity\r\n\r\n{}", 501, "not_implemented"},
        {"Transfer-Encoding and Content-Length", "POST /v1/sync HTTP/1.1\r\nHost: x\r\n" + auth + "Transfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n{}", 400, "bad_request"},
        {"a chunk size that is not hex", "POST /v1/sync HTTP/1.1\r\nHost: x\r\n" + auth + "Transfer-Encoding: chunked\r\n\r\nzz\r\n", 400, "bad_request"},
        {"a header line with no colon", "GET /v1/me HTTP/1.1\r\nHost: x\r\n" + auth + "NoColonHere\r\n\r\n", 400, "bad_request"},
        {"a space before the colon", "GET /v1/me HTTP/1.1\r\nHost : x\r\n" + auth + "\r\n", 400, "bad_request"},
        {"a folded header", "GET /v1/me HTTP/1.1\r\nHost: x\r\n" + auth + "X-A: 1\r\n  folded\r\n\r\n", 400, "bad_request"},
        {"bare LF line ends", "GET /v1/me HTTP/1.1\nHost: x\n\n", 400, "bad_request"},
        {"two Authorization headers", "GET /v1/me HTTP/1.1\r\nHost: x\r\n" + auth + auth + "\r\n", 400, "bad_request"},
        {"HTTP/2.0", "GET /v1/me HTTP/2.0\r\nHost: x\r\n\r\n", 505, "http_version_not_supported"},
        {"a garbage request line", "HELLO\r\n\r\n", 400, "bad_request"},
        {"an absolute target", "GET http://x/v1/me HTTP/1.1\r\nHost: x\r\n\r\n", 400, "bad_request"},
        {"an unknown expectation", "POST /v1/sync HTTP/1.1\r\nHost: x\r\n" + auth + "Expect: 200-ok\r\nContent-Length: 2\r\n\r\n{}", 417, "expectation_failed"},
        {"a request line of 10,000 bytes", "GET /" + std::string(10000, 'a') + " HTTP/1.1\r\n\r\n", 414, "uri_too_long"},
        {"a header of 10,000 bytes", "GET /v1/me HTTP/1.1\r\nX-Big: " + std::string(10000, 'a') + "\r\n\r\n", 431, "headers_too_large"},
    };
    for (const Case& k : cases) {
        INFO(k.what);
        RawConn c(srv.port());
        REQUIRE(c.ok());
        auto t0 = std::chrono::steady_clock::now();
        c.send(k.bytes);
        RawResponse r = c.response(1000);
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
        CHECK(r.status == k.status);
        CHECK(error_code(r) == k.code);
        CHECK(ms < 1000);
        CHECK(c.wait_closed(2500));
    }
    // The server is fine, and counted what it refused.
    std::string m = metrics(srv);
    CHECK_THAT(m, Catch::Contains("fika_http_refused_total{reason=\"not_implemented\"} 2"));
    CHECK_THAT(m, Catch::Contains("fika_http_refused_total{reason=\"too_large\"} 2"));
}

TEST_CASE("a request's head and its body each have a total deadline - bytes trickling in do not extend it") {
    ServerProcess srv({"--rate", "0", "--quiet", "--header-timeout", "1", "--body-timeout", "1"});
    std::string alice = srv.add_user("alice", "consultant");
    // The head, a byte every 150 ms: refused about a second after its first byte.
    {
        RawConn c(srv.port());
        std::string head = "GET /v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + alice + "\r\n\r\n";
        auto t0 = std::chrono::steady_clock::now();
        std::size_t sent = 0;
        while (sent < head.size() && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(3)) {
            if (!c.send(head.substr(sent++, 1))) break;
            c.read_once(150);
            if (!c.unread().empty() || c.closed()) break;
        }
        RawResponse r = c.response(1500);
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
        CHECK(r.status == 408);
        CHECK(error_code(r) == "header_timeout");
        CHECK(ms >= 900);
        CHECK(ms < 1800);
        CHECK(sent < head.size());
    }
    // The head at once, then the body a byte every 150 ms.
    {
        RawConn c(srv.port());
        c.send("POST /v1/sync HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + alice +
               "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(kMinimalSync.size()) + "\r\n\r\n");
        auto t0 = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < kMinimalSync.size() && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(3); ++i) {
            if (!c.send(kMinimalSync.substr(i, 1))) break;
            c.read_once(150);
            if (!c.unread().empty() || c.closed()) break;
        }
        RawResponse r = c.response(1500);
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
        CHECK(r.status == 408);
        CHECK(error_code(r) == "body_timeout");
        CHECK(ms < 1800);
    }
    // A connection that sends nothing is closed without a word.
    {
        RawConn c(srv.port());
        CHECK(c.wait_closed(2500));
        CHECK(c.unread().empty());
    }
}

TEST_CASE("a thousand slow connections from one address leave a normal client's sync answered in under a second") {
    std::size_t fds = raise_fd_limit();
    const std::size_t slow = std::min<std::size_t>(1000, fds > 200 ? fds - 150 : 0);
    INFO("open-file limit " << fds << ": " << slow << " slow connections");
    REQUIRE(slow >= 500);
    ServerProcess srv({"--rate", "0", "--quiet", "--header-timeout", "4", "--body-timeout", "4", "--max-per-address", "300"});
    std::string alice = srv.add_user("alice", "consultant");
    // The normal client, from the same address as the attack (127.0.0.1).
    TempDir dir;
    auto store = sync::Store::open(dir.file("d.db"));
    REQUIRE(store.ok());
    client::ServerConfig cfg;
    cfg.url = srv.url();
    cfg.token = alice;
    client::SyncClient normal(**store, cfg);
    REQUIRE(normal.sync_once().ok());

    // Half send a head a byte at a time; half a whole head and then a body a byte at a time.
    std::vector<RawConn> conns;
    conns.reserve(slow);
    const std::string head = "GET /v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + alice + "\r\nX-Slow: ";
    const std::string post = "POST /v1/sync HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + alice +
                             "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n";
    for (std::size_t i = 0; i < slow; ++i) {
        conns.emplace_back(srv.port());
        if (conns.back().ok()) conns.back().send(i % 2 ? post : head.substr(0, 5));
    }
    std::size_t opened = 0;
    for (auto& c : conns) opened += c.ok() ? 1 : 0;
    CHECK(opened == slow);

    // For three seconds every slow connection sends one more byte a second; meanwhile the
    // normal client syncs and asks for health, and each answer comes in under a second.
    std::vector<double> sync_ms, health_ms;
    auto t0 = std::chrono::steady_clock::now();
    std::size_t step = 1;
    while (std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(3000)) {
        for (std::size_t i = 0; i < conns.size(); ++i)
            if (conns[i].ok() && !conns[i].closed()) conns[i].send(i % 2 ? "x" : "a");
        ++step;
        REQUIRE((**store).create("accounts", {{"name", sync::text("Normal " + std::to_string(step))}}).ok());
        auto s0 = std::chrono::steady_clock::now();
        auto rep = normal.sync_once();
        sync_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - s0).count());
        INFO((rep.ok() ? "" : rep.failure->code + ": " + rep.failure->message));
        CHECK(rep.ok());
        httplib::Client h(srv.url());
        h.set_read_timeout(2, 0);
        auto h0 = std::chrono::steady_clock::now();
        auto hr = h.Get("/healthz");
        health_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - h0).count());
        CHECK((hr && hr->status == 200));
        std::this_thread::sleep_for(std::chrono::milliseconds(700));
    }
    double worst_sync = *std::max_element(sync_ms.begin(), sync_ms.end());
    double worst_health = *std::max_element(health_ms.begin(), health_ms.end());
    std::printf("slow connections: %zu; normal syncs %zu, slowest %.1f ms; health slowest %.1f ms\n", slow,
                sync_ms.size(), worst_sync, worst_health);
    CHECK(worst_sync < 1000);
    CHECK(worst_health < 1000);

    // Past the cap, connections were refused "too many connections" (JSON, 429); the rest
    // are refused when their deadline passes (408). Every one of them was answered.
    std::map<int, int> statuses;
    for (auto& c : conns) {
        RawResponse r = c.response(3000);
        ++statuses[r.status];
    }
    for (auto& [status, n] : statuses) std::printf("  status %d: %d connections\n", status, n);
    CHECK(statuses[0] == 0);
    CHECK(statuses[429] > 0);
    CHECK(statuses[408] > 0);
    std::string m = metrics(srv);
    CHECK(metric(m, "fika_http_connections_evicted_total") > 0);
    CHECK_THAT(m, Catch::Contains("fika_http_refused_total{reason=\"too_many_connections\"}"));
    CHECK_THAT(m, Catch::Contains("fika_http_refused_total{reason=\"header_timeout\"}"));
    CHECK_THAT(m, Catch::Contains("fika_http_refused_total{reason=\"body_timeout\"}"));
}

TEST_CASE("an event stream's slot is freed as soon as its client goes away") {
    ServerProcess srv({"--rate", "0", "--quiet", "--max-live", "2"});
    std::string sam = srv.add_user("sam", "seller");
    const std::string get = "GET /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + sam + "\r\n\r\n";
    auto open_stream = [&](RawConn& c) {
        c.send(get);
        c.read_for(3000, "event: hello");
        return c.unread().find("event: hello") != std::string::npos;
    };
    RawConn a(srv.port()), b(srv.port());
    REQUIRE(open_stream(a));
    REQUIRE(open_stream(b));
    {
        RawConn full(srv.port());
        full.send(get);
        RawResponse r = full.response(2000);
        CHECK(r.status == 503);
    }
    CHECK(metric(metrics(srv), "fika_live_connections") == 2);
    a.close();  // the client goes away without a word
    auto t0 = std::chrono::steady_clock::now();
    double live = 2;
    while (live != 1 && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(3)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        live = metric(metrics(srv), "fika_live_connections");
    }
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    CHECK(live == 1);
    CHECK(ms < 1200);
    RawConn again(srv.port());
    CHECK(open_stream(again));
}

TEST_CASE("every endpoint reads its body with the same strict rules") {
    ServerProcess srv({"--rate", "0", "--quiet"});
    std::string root = srv.add_user("root", "admin");
    std::string c1 = srv.add_user("c1", "consultant");
    std::string c2 = srv.add_user("c2", "consultant");
    httplib::Client c(srv.url());
    httplib::Headers adm = {{"Authorization", "Bearer " + root}};
    const std::string account = "01900000-0000-7000-8000-000000000001";
    struct Case {
        std::string what, path, token, body;
    };
    std::vector<Case> cases = {
        {"grant naming the user twice", "/v1/admin/access/grant", root,
         R"({"user":"c1","account":")" + account + R"(","user":"c2"})"},
        {"a new user named twice", "/v1/admin/users", root, R"({"name":"x","role":"seller","name":"y"})"},
        {"a backup named twice", "/v1/admin/backup", root, R"({"name":"a.db","name":"b.db"})"},
        {"notifications read twice", "/v1/notifications/read", c1, R"({"all":false,"all":true})"},
        {"a nested repeated key", "/v1/notifications/read", c1, R"({"ids":[1],"x":{"a":1,"a":2}})"},
        {"not UTF-8", "/v1/admin/users", root, "{\"name\":\"\xff\xfe\",\"role\":\"seller\"}"},
    };
    for (const Case& k : cases) {
        INFO(k.what);
        auto r = c.Post(k.path, {{"Authorization", "Bearer " + k.token}}, k.body, "application/json");
        REQUIRE(r);
        CHECK(r->status == 400);
        json j = json::parse(r->body, nullptr, false);
        REQUIRE(j.is_object());
        CHECK(j["error"]["code"] == "invalid");
    }
    // Nothing was granted to either user.
    for (const std::string& t : {c1, c2}) {
        auto me = c.Get("/v1/me", {{"Authorization", "Bearer " + t}});
        REQUIRE(me);
        CHECK(me->body.find(account) == std::string::npos);
    }
    CHECK(c.Get("/v1/admin/users", adm)->body.find("\"y\"") == std::string::npos);
}

TEST_CASE("the edges: gzip without its trailer - lookalike JSON types - invalid UTF-8 in a path") {
    ServerProcess srv({"--rate", "0", "--quiet"});
    std::string alice = srv.add_user("alice", "consultant");
    std::string root = srv.add_user("root", "admin");
    httplib::Client c(srv.url());
    httplib::Headers h = {{"Authorization", "Bearer " + alice}};
    std::string gz = sync::gzip_compress(kMinimalSync);
    httplib::Headers hz = h;
    hz.emplace("Content-Encoding", "gzip");
    auto whole = c.Post("/v1/sync", hz, gz, "application/json");
    REQUIRE(whole);
    CHECK(whole->status == 200);
    auto cut = c.Post("/v1/sync", hz, gz.substr(0, gz.size() - 8), "application/json");
    REQUIRE(cut);
    CHECK(cut->status == 400);
    CHECK(json::parse(cut->body)["error"]["code"] == "bad_request");
    auto extra = c.Post("/v1/sync", hz, gz + "trailing", "application/json");
    REQUIRE(extra);
    CHECK(extra->status == 400);

    for (const char* type : {"application/jsonp", "application/json-patch+json", "text/json", "application/json; charset=latin1"}) {
        INFO(type);
        auto r = c.Post("/v1/sync", h, kMinimalSync, type);
        REQUIRE(r);
        CHECK(r->status == 415);
    }
    for (const char* type : {"application/json", "Application/JSON; charset=UTF-8"}) {
        INFO(type);
        auto r = c.Post("/v1/sync", h, kMinimalSync, type);
        REQUIRE(r);
        CHECK(r->status == 200);
    }
    // An error that names a path with bytes that are not UTF-8 is still valid JSON.
    RawConn raw(srv.port());
    raw.send("GET /v1/admin/people/%ff%fe%C3 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + root + "\r\n\r\n");
    RawResponse r = raw.response(2000);
    CHECK(r.status == 404);
    json j = json::parse(r.body, nullptr, false);  // nlohmann refuses invalid UTF-8
    CHECK(!j.is_discarded());
}

TEST_CASE("pipelined requests are answered in order - Expect 100-continue gets its 100 first") {
    ServerProcess srv({"--rate", "0", "--quiet"});
    std::string alice = srv.add_user("alice", "consultant");
    RawConn c(srv.port());
    c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + alice +
           "\r\n\r\nGET /nowhere HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + alice + "\r\n\r\n");
    RawResponse a = c.response(2000), b = c.response(2000), d = c.response(2000);
    CHECK(a.status == 200);
    CHECK_THAT(a.body, Catch::Contains("\"status\":\"ok\""));
    CHECK(b.status == 200);
    CHECK_THAT(b.body, Catch::Contains("alice"));
    CHECK(d.status == 404);
    CHECK(!c.closed());

    c.send("POST /v1/sync HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + alice +
           "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: " +
           std::to_string(kMinimalSync.size()) + "\r\n\r\n");
    RawResponse cont = c.response(2000);
    CHECK(cont.status == 100);
    c.send(kMinimalSync);
    RawResponse done = c.response(2000);
    CHECK(done.status == 200);
    // A well-formed chunked body, with a chunk extension and a trailer, is read whole.
    std::string half = kMinimalSync.substr(0, 20), rest = kMinimalSync.substr(20);
    char sizes[64];
    std::snprintf(sizes, sizeof sizes, "%zx;ext=1\r\n", half.size());
    std::string chunked = std::string(sizes) + half + "\r\n";
    std::snprintf(sizes, sizeof sizes, "%zx\r\n", rest.size());
    chunked += std::string(sizes) + rest + "\r\n0\r\nX-Trailer: ok\r\n\r\n";
    c.send("POST /v1/sync HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + alice +
           "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked);
    RawResponse viaChunks = c.response(2000);
    CHECK(viaChunks.status == 200);
    CHECK_THAT(viaChunks.body, Catch::Contains("\"pages\""));
    // HTTP/1.0 without keep-alive: answered, then closed.
    RawConn old(srv.port());
    old.send("GET /healthz HTTP/1.0\r\n\r\n");
    CHECK(old.response(2000).status == 200);
    CHECK(old.wait_closed(2000));
}
