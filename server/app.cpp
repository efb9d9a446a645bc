#include "app.h"

#include "admin_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

#include "backups.h"
#include "console.h"
#include "enrolment.h"
#include "export.h"
#include "http.h"
#include "live.h"
#include "json_reader.h"
#include "protocol.h"

namespace fika::server {

using json = nlohmann::json;
using http::Request;
using http::Response;
using SteadyClock = std::chrono::steady_clock;

std::string default_data_dir() {
    if (const char* d = std::getenv("FIKA_DATA"); d && *d) return d;
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) return std::string(x) + "/fika-server";
    if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.local/share/fika-server";
    return "fika-server-data";
}

namespace {

std::uint64_t now_ms() {
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count());
}

int http_status(Code c) {
    switch (c) {
        case Code::Invalid:
        case Code::ClockAhead: return 400;
        case Code::NotFound: return 404;
        case Code::Forbidden: return 403;
        case Code::TooLarge: return 413;
        case Code::Busy: return 503;
        default: return 500;
    }
}

Response from_error(const Error& e) {
    return Response::error(http_status(e.code), sync::code_name(e.code), e.message);
}



}  // namespace


namespace {

// The first key an object in `v` names twice, if any.
std::optional<std::string> repeated_key(sync::jsonr::Value v) {
    auto kind = v.kind();
    if (kind != sync::jsonr::Kind::Object && kind != sync::jsonr::Kind::Array) return std::nullopt;
    std::set<std::string_view> keys;
    sync::jsonr::Value child = v.first_child();
    for (std::uint32_t i = 0; i < v.size(); ++i, child = child.next_sibling()) {
        if (kind == sync::jsonr::Kind::Object && !keys.insert(child.key()).second) return std::string(child.key());
        if (auto inner = repeated_key(child)) return inner;
    }
    return std::nullopt;
}

// Parses a JSON object body with exactly the allowed keys. Every body is read by the
// strict reader /v1/sync uses (RFC 8259, UTF-8 only) and refused when an object names a
// key twice: with most readers the last would silently win ({"user":"c1",...,"user":"c2"}).
std::optional<Response> parse_body(const Request& r, json& out, std::initializer_list<const char*> allowed) {
    if (r.body.empty()) {
        out = json::object();
        return std::nullopt;
    }
    {
        sync::jsonr::Doc doc;
        std::string error;
        if (!doc.parse(r.body, 32, 100000, error)) return Response::error(400, "invalid", "the body is not JSON: " + error);
        if (auto twice = repeated_key(doc.root()))
            return Response::error(400, "invalid", "the body names '" + *twice + "' twice");
        doc.done(0);
    }
    out = json::parse(r.body, nullptr, false);
    if (out.is_discarded() || !out.is_object())
        return Response::error(400, "invalid", "the body must be a JSON object");
    for (auto it = out.begin(); it != out.end(); ++it) {
        bool ok = false;
        for (const char* k : allowed) ok = ok || it.key() == k;
        if (!ok) return Response::error(400, "invalid", "unknown field '" + it.key() + "'");
    }
    return std::nullopt;
}

std::optional<Response> string_field(const json& j, const char* key, std::string& out) {
    auto it = j.find(key);
    if (it == j.end()) return Response::error(400, "invalid", std::string("missing field '") + key + "'");
    if (!it->is_string()) return Response::error(400, "invalid", std::string(key) + ": expected a string");
    out = it->get<std::string>();
    return std::nullopt;
}

// ---- metrics (Prometheus text format) ---------------------------------------------------------

class Metrics {
public:
    void request(const std::string& route, int status) {
        std::lock_guard lock(mu_);
        ++requests_[{route, status}];
    }
    void sync_done(double seconds, std::size_t accepted, std::size_t refused, std::size_t notified) {
        std::lock_guard lock(mu_);
        for (std::size_t i = 0; i < kBounds.size(); ++i)
            if (seconds <= kBounds[i]) ++hist_[i];
        ++hist_count_;
        hist_sum_ += seconds;
        accepted_ += accepted;
        refused_ += refused;
        notifications_ += notified;
    }
    // `backup`: the scheduled backups' state, when they are scheduled.
    std::string render(std::size_t live, const Stats* stats, const http::ConnectionStats& conns,
                       std::uint64_t rate_limited, double rate, const BackupState* backup) {
        std::lock_guard lock(mu_);
        std::string o;
        auto gauge = [&](const char* name, const char* help, auto v) {
            o += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " gauge\n" + name + " " +
                 std::to_string(v) + "\n";
        };
        o += "# HELP fika_http_connections Open connections by state (reading a request, idle between requests,\n"
             "# answered by a worker, closing).\n# TYPE fika_http_connections gauge\n";
        for (auto [state, n] : {std::pair{"reading", conns.reading}, {"idle", conns.idle}, {"busy", conns.busy},
                                {"closing", conns.closing}})
            o += std::string("fika_http_connections{state=\"") + state + "\"} " + std::to_string(n) + "\n";
        gauge("fika_http_peer_addresses", "Distinct peer addresses with open connections.", conns.addresses);
        gauge("fika_http_buffered_bytes", "Request bytes held in memory, all connections together.", conns.buffered_bytes);
        gauge("fika_http_queued_requests", "Complete requests waiting for a worker.", conns.queued);
        o += "# HELP fika_http_connections_accepted_total Connections accepted.\n"
             "# TYPE fika_http_connections_accepted_total counter\nfika_http_connections_accepted_total " +
             std::to_string(conns.accepted) + "\n";
        o += "# HELP fika_http_connections_evicted_total Connections closed to make room at a connection cap.\n"
             "# TYPE fika_http_connections_evicted_total counter\nfika_http_connections_evicted_total " +
             std::to_string(conns.evicted) + "\n";
        o += "# HELP fika_http_refused_total Requests refused before a handler ran, by reason (framing, deadlines,\n"
             "# caps, authentication, rate limit).\n# TYPE fika_http_refused_total counter\n";
        for (auto& [code, n] : conns.refused)
            o += "fika_http_refused_total{reason=\"" + code + "\"} " + std::to_string(n) + "\n";
        o += "# HELP fika_rate_limited_total Requests refused by the per-user rate limit.\n"
             "# TYPE fika_rate_limited_total counter\nfika_rate_limited_total " + std::to_string(rate_limited) + "\n";
        gauge("fika_rate_limit_per_second", "Requests per second and user allowed, sustained (0: no limit).", rate);
        o += "# HELP fika_http_requests_total HTTP requests by route and status.\n";
        o += "# TYPE fika_http_requests_total counter\n";
        for (auto& [k, v] : requests_)
            o += "fika_http_requests_total{route=\"" + k.first + "\",status=\"" + std::to_string(k.second) + "\"} " +
                 std::to_string(v) + "\n";
        o += "# HELP fika_sync_duration_seconds Time to serve POST /v1/sync.\n";
        o += "# TYPE fika_sync_duration_seconds histogram\n";
        for (std::size_t i = 0; i < kBounds.size(); ++i) {
            char b[32];
            std::snprintf(b, sizeof b, "%g", kBounds[i]);
            o += "fika_sync_duration_seconds_bucket{le=\"" + std::string(b) + "\"} " + std::to_string(hist_[i]) + "\n";
        }
        o += "fika_sync_duration_seconds_bucket{le=\"+Inf\"} " + std::to_string(hist_count_) + "\n";
        char sum[32];
        std::snprintf(sum, sizeof sum, "%.6f", hist_sum_);
        o += "fika_sync_duration_seconds_sum " + std::string(sum) + "\n";
        o += "fika_sync_duration_seconds_count " + std::to_string(hist_count_) + "\n";
        o += "# HELP fika_changes_accepted_total Record changes merged from pushes.\n";
        o += "# TYPE fika_changes_accepted_total counter\nfika_changes_accepted_total " + std::to_string(accepted_) + "\n";
        o += "# HELP fika_changes_refused_total Record changes refused, with a reason, in pushes.\n";
        o += "# TYPE fika_changes_refused_total counter\nfika_changes_refused_total " + std::to_string(refused_) + "\n";
        o += "# HELP fika_notifications_total Notifications created for sellers.\n";
        o += "# TYPE fika_notifications_total counter\nfika_notifications_total " + std::to_string(notifications_) + "\n";
        o += "# HELP fika_live_connections Open event streams.\n";
        o += "# TYPE fika_live_connections gauge\nfika_live_connections " + std::to_string(live) + "\n";
        if (stats) {
            o += "# HELP fika_database_bytes Size of the server database (with its WAL).\n";
            o += "# TYPE fika_database_bytes gauge\nfika_database_bytes " + std::to_string(stats->db_bytes) + "\n";
            o += "# HELP fika_records Records in the synced tables.\n";
            o += "# TYPE fika_records gauge\nfika_records " + std::to_string(stats->records) + "\n";
            o += "# HELP fika_devices Devices that have synced.\n";
            o += "# TYPE fika_devices gauge\nfika_devices " + std::to_string(stats->devices) + "\n";
            gauge("fika_feed_lag_seconds",
                  "Age of the oldest transaction still open on the database: how far back it holds the live\n"
                  "# channel's readers (0 on the embedded database, which has one writer).",
                  stats->feed_lag_s);
            o += "# HELP fika_webhook_queue Webhook deliveries waiting.\n";
            o += "# TYPE fika_webhook_queue gauge\nfika_webhook_queue " + std::to_string(stats->webhook_queue) + "\n";
            o += "# HELP fika_mail_queue Mails waiting to go out (notifications by e-mail).\n";
            o += "# TYPE fika_mail_queue gauge\nfika_mail_queue " + std::to_string(stats->mail_queue) + "\n";
        }
        if (backup) {
            gauge("fika_backup_last_success_timestamp_seconds",
                  "When the last good scheduled backup was written (0: none).", backup->last_ok_at_ms / 1000);
            gauge("fika_backup_last_ok", "Whether the last scheduled backup was written and read back (1) or failed (0).",
                  backup->last_at_ms == 0 || backup->last_ok ? 1 : 0);
            gauge("fika_backup_last_duration_seconds", "How long the last scheduled backup took.", backup->last_seconds);
            gauge("fika_backup_last_bytes", "The size of the last good scheduled backup.", backup->last_bytes);
            gauge("fika_backups_kept", "Good backups in the backup directory.", backup->kept);
            o += "# HELP fika_backup_failures_total Scheduled backups that failed since the server started.\n"
                 "# TYPE fika_backup_failures_total counter\nfika_backup_failures_total " +
                 std::to_string(backup->failures) + "\n";
        }
        return o;
    }

private:
    static constexpr std::array<double, 11> kBounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    std::mutex mu_;
    std::map<std::pair<std::string, int>, std::uint64_t> requests_;
    std::array<std::uint64_t, kBounds.size()> hist_{};
    std::uint64_t hist_count_ = 0, accepted_ = 0, refused_ = 0, notifications_ = 0;
    double hist_sum_ = 0;
};

// ---- rate limiting: a token bucket per user ---------------------------------------------------

class RateLimiter {
public:
    RateLimiter(double rate, double burst) : rate_(rate), burst_(burst) {}
    bool allow(const std::string& key) { return take(key, true); }
    // Whether `key` has a token left, without taking it (spend() takes one later).
    bool has(const std::string& key) { return take(key, false); }
    void spend(const std::string& key) { (void)take(key, true); }
    std::uint64_t refused() {
        std::lock_guard lock(mu_);
        return refused_;
    }
    double rate() const { return rate_; }

private:
    bool take(const std::string& key, bool spend) {
        if (rate_ <= 0) return true;
        auto now = SteadyClock::now();
        std::lock_guard lock(mu_);
        auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now});
        Bucket& b = it->second;
        if (!fresh) {
            double dt = std::chrono::duration<double>(now - b.last).count();
            b.tokens = std::min(burst_, b.tokens + dt * rate_);
            b.last = now;
        }
        if (b.tokens < 1) {
            ++refused_;
            return false;
        }
        if (spend) b.tokens -= 1;
        return true;
    }
    struct Bucket {
        double tokens;
        SteadyClock::time_point last;
    };
    double rate_, burst_;
    std::mutex mu_;
    std::map<std::string, Bucket> buckets_;
    std::uint64_t refused_ = 0;
};

}  // namespace

// ---- the application --------------------------------------------------------------------------

struct App::Impl {
    Config cfg;
    std::unique_ptr<ServerStore> store;
    std::unique_ptr<http::Server> http;
    LiveHub live;
    Metrics metrics;
    RateLimiter limiter;
    RateLimiter enrol_limiter{0.2, 10};  // per address: 10 wrong codes, then one try per 5 s
    std::atomic<bool> stopping{false};
    std::thread webhook_thread;
    std::thread mail_thread;
    std::mutex webhook_mu;
    std::condition_variable webhook_cv;
    std::unique_ptr<BackupSchedule> backups;
    std::unique_ptr<Console> console;
    const SteadyClock::time_point started = SteadyClock::now();

    Impl(Config c, std::unique_ptr<ServerStore> s)
        : cfg(std::move(c)), store(std::move(s)), live(*store, cfg.max_live, std::chrono::milliseconds(static_cast<std::int64_t>(cfg.live_poll_s * 1000)), [this](const std::string& line) { log(line); }), limiter(cfg.rate_per_s, cfg.rate_burst),
          console(std::make_unique<Console>(*store, !cfg.tls_cert.empty())) {}

    void log(const std::string& line) {
        if (!cfg.quiet) std::fprintf(stderr, "%s\n", line.c_str());
    }

    // Authenticates every request but the public ones, from its head (before its body is
    // read), and counts it against the user's rate. Which routes need the admin role is
    // decided by the route that runs (route()), after cpp-httplib has decoded the path.
    std::optional<Response> gate(const Request& r, std::string& who, std::any& principal) {
        if (r.path == "/healthz" || r.path == "/metrics") return std::nullopt;
        // The console's pages and its sign-in; its calls of the admin API come below.
        if (r.path == "/admin" || r.path.rfind("/admin/", 0) == 0) {
            if (r.path == "/admin/session" && r.method == "POST" && !enrol_limiter.has(r.remote_addr)) {
                Response e = Response::error(429, "rate_limited", "too many wrong tokens from this address; try again in a few seconds");
                e.headers.emplace_back("Retry-After", "10");
                return e;
            }
            return std::nullopt;
        }
        if (r.path.rfind("/v1/admin/", 0) == 0 && r.bearer_token().empty() && !r.header("cookie").empty()) {
            // The console: its session cookie stands in for the token; a write also needs
            // the CSRF token and this origin.
            auto u = console->user_of(r);
            if (!u) return Response::error(401, "unauthorized", "the console's session has ended: sign in again");
            if (!console->csrf_ok(r))
                return Response::error(403, "csrf", "a write from the console needs its CSRF token and this server's origin");
            if (!limiter.allow(u->id)) {
                Response e = Response::error(429, "rate_limited", "too many requests; slow down and retry");
                e.headers.emplace_back("Retry-After", "1");
                return e;
            }
            who = u->name;
            principal = std::move(*u);
            return std::nullopt;
        }
        if (r.path == "/v1/enrol") {
            // No token yet: the code in the body is the credential. Wrong codes are slowed
            // per address (and 60 random bits, single use, hours at most, make guessing
            // hopeless); right ones cost nothing, so a firm enrolling everyone at once
            // through one proxy address is not held up.
            if (!enrol_limiter.has(r.remote_addr)) {
                Response e = Response::error(429, "rate_limited", "too many wrong codes from this address; try again in a few seconds");
                e.headers.emplace_back("Retry-After", "10");
                return e;
            }
            return std::nullopt;
        }
        std::string token = r.bearer_token();
        if (token.empty())
            return Response::error(401, "unauthorized", "send the token as 'Authorization: Bearer <token>'");
        auto o = store->token_owner(token);
        if (!o.ok()) return from_error(o.error());
        if (!*o) return Response::error(401, "unauthorized", "unknown or rotated token");
        const TokenOwner& owner = **o;
        who = owner.user.name;
        // A wiped device is told so whatever it asks; nothing further is taken from it.
        if (owner.wiped_ms)
            return Response::error(410, "wiped",
                                   "an admin wiped this device" + (owner.wipe_reason.empty() ? "" : ": " + owner.wipe_reason));
        if (owner.revoked_ms)
            return Response::error(401, "revoked", "an admin signed this device out: enrol it again with a new code");
        if (owner.user.disabled) {
            // A disabled user's devices are wiped as a lost one is (at their next sync).
            if (r.path == "/v1/sync")
                return Response::error(410, "wiped", "the account " + owner.user.name + " is disabled: this device's data is to be deleted");
            return Response::error(401, "unauthorized", "the account " + owner.user.name + " is disabled");
        }
        if (!limiter.allow(owner.user.id)) {
            Response e = Response::error(429, "rate_limited", "too many requests; slow down and retry");
            e.headers.emplace_back("Retry-After", "1");
            return e;
        }
        User u = owner.user;
        u.device_site = owner.device_site;
        principal = std::move(u);
        return std::nullopt;
    }

    // Where this server is reached, for enrolment links: --public-url, else the request's
    // own Host (behind a proxy that terminates TLS, set --public-url).
    std::string public_url(const Request& r) const {
        if (!cfg.public_url.empty()) return cfg.public_url;
        std::string host = r.header("host");
        if (host.empty()) host = cfg.host + ":" + std::to_string(cfg.port);
        return (cfg.tls_cert.empty() ? "http://" : "https://") + host;
    }

    // A new enrolment code for `name` as an answer: the code, its link, when it expires.
    Response enrolment_for(const Request& r, const std::string& name, std::uint64_t default_ttl,
                           std::uint64_t max_ttl) {
        json body;
        if (auto e = parse_body(r, body, {"ttl_minutes"})) return *e;
        std::uint64_t ttl = default_ttl;
        if (body.contains("ttl_minutes")) {
            if (!body["ttl_minutes"].is_number_unsigned() || body["ttl_minutes"].get<std::uint64_t>() == 0 ||
                body["ttl_minutes"].get<std::uint64_t>() > max_ttl)
                return Response::error(400, "invalid", "ttl_minutes: a number from 1 to " + std::to_string(max_ttl));
            ttl = body["ttl_minutes"].get<std::uint64_t>();
        }
        auto e = store->new_enrolment(name, ttl);
        if (!e.ok()) return from_error(e.error());
        return Response::json(201, admin_json::enrolment(*e, sync::enrol_link(public_url(r), e->code)).dump());
    }

    Response enrol(const Request& r) {
        Response out = enrol_answer(r);
        if (out.status >= 400 && out.status != 429 && out.status < 500) enrol_limiter.spend(r.remote_addr);
        return out;
    }

    Response enrol_answer(const Request& r) {
        json body;
        if (auto e = parse_body(r, body, {"code", "site", "name", "platform", "app_version"})) return *e;
        EnrolRequest req;
        if (auto e = string_field(body, "code", req.code)) return *e;
        if (auto e = string_field(body, "site", req.site)) return *e;
        for (auto [key, out] : {std::pair{"name", &req.name}, {"platform", &req.platform}, {"app_version", &req.app_version}})
            if (body.contains(key))
                if (auto e = string_field(body, key, *out)) return *e;
        req.user_agent = r.header("user-agent");
        auto done = store->enrol(req);
        if (!done.ok()) return from_error(done.error());
        if (!*done)
            return Response::error(401, "bad_code", "this code is unknown, used or expired: ask for a new one");
        auto& [u, token] = **done;
        log(u.name + " enrolled device " + u.device_site + (req.name.empty() ? "" : " (" + req.name + ")"));
        return Response::json(201, json{{"token", token}, {"user", admin_json::user(u)}, {"site", u.device_site}}.dump());
    }

    void route(const std::string& method, const std::string& pattern, const std::string& name,
               std::function<Response(const Request&, const User*)> h, bool authenticated = true,
               http::BodyType body = http::BodyType::Json) {
        const bool admin = pattern.rfind("/v1/admin/", 0) == 0;
        http->route(method, pattern, [this, name, h, authenticated, admin](const Request& r) {
            Response out;
            if (authenticated) {
                const User* u = std::any_cast<User>(&r.principal);
                if (!u) out = Response::error(401, "unauthorized", "unknown or rotated token");
                else if (admin && u->role != UserRole::Admin) out = Response::error(403, "forbidden", "this endpoint is for admins");
                else out = h(r, u);
            } else {
                out = h(r, nullptr);
            }
            metrics.request(name, out.status);
            return out;
        }, body);
    }

    void install_routes() {
        route("GET", "/healthz", "/healthz", [this](const Request&, const User*) {
            // Cheap (a load balancer asks every half second): the database answers.
            auto s = store->live_position();
            if (!s.ok()) return Response::error(503, "unavailable", s.error().message);
            json j = {{"status", "ok"}, {"version", FIKA_VERSION}, {"schema", sync::kSchemaVersion},
                      {"layout", store->layout()}, {"protocol", sync::kProtocolVersion},
                      {"uptime_s", std::chrono::duration_cast<std::chrono::seconds>(SteadyClock::now() - started).count()}};
            // The last scheduled backup: a failed one does not make the server unhealthy
            // to a load balancer (it still serves), but says so here and in /metrics.
            if (backups) {
                BackupState b = backups->state();
                json bj = {{"every_s", cfg.backup_every.count()}, {"kept", b.kept}, {"failures", b.failures}};
                if (b.last_ok_at_ms) {
                    bj["last_ok_at"] = sync::utc_text(b.last_ok_at_ms / 1000, "%Y-%m-%dT%H:%M:%SZ");
                    bj["age_s"] = (now_ms() - static_cast<std::uint64_t>(b.last_ok_at_ms)) / 1000;
                    bj["path"] = b.last_path;
                }
                if (b.last_at_ms) bj["last_ok"] = b.last_ok;
                if (!b.last_error.empty()) bj["last_error"] = b.last_error;
                j["backup"] = bj;
            }
            return Response::json(200, j.dump());
        }, false);

        route("GET", "/metrics", "/metrics", [this](const Request&, const User*) {
            auto s = store->stats();
            Response r;
            r.content_type = "text/plain; version=0.0.4";
            std::optional<BackupState> b;
            if (backups) b = backups->state();
            r.body = metrics.render(live.size(), s.ok() ? &*s : nullptr, http->connection_stats(), limiter.refused(),
                                    limiter.rate(), b ? &*b : nullptr);
            return r;
        }, false);

        route("GET", "/v1/me", "/v1/me", [this](const Request&, const User* u) {
            auto b = store->readable_buckets(*u);
            if (!b.ok()) return from_error(b.error());
            json j = admin_json::user(*u);
            j["buckets"] = *b;
            j["policy"] = {{"app_lock_minutes", cfg.require_app_lock_min}};
            return Response::json(200, j.dump());
        });

        // How the user hears of notifications by e-mail (mail.h).
        route("GET", "/v1/me/mail", "/v1/me/mail", [this](const Request&, const User* u) {
            auto p = store->mail_prefs(*u);
            if (!p.ok()) return from_error(p.error());
            return Response::json(200, admin_json::mail_prefs(*p, cfg.smtp.enabled()).dump());
        });
        route("PUT", "/v1/me/mail", "/v1/me/mail", [this](const Request& r, const User* u) {
            json body;
            if (auto e = parse_body(r, body, {"address", "mode", "hour", "utc_offset_min", "lang"})) return *e;
            auto now = store->mail_prefs(*u);
            if (!now.ok()) return from_error(now.error());
            MailPrefs p = now->value_or(MailPrefs{});
            // What is not named stays as it was.
            for (const char* key : {"address", "mode", "lang"}) {
                if (!body.contains(key)) continue;
                std::string v;
                if (auto e = string_field(body, key, v)) return *e;
                (std::string_view(key) == "address" ? p.address : std::string_view(key) == "mode" ? p.mode : p.lang) = v;
            }
            for (const char* key : {"hour", "utc_offset_min"}) {
                if (!body.contains(key)) continue;
                if (!body[key].is_number_integer()) return Response::error(400, "invalid", std::string(key) + ": expected a whole number");
                std::int64_t v = body[key].get<std::int64_t>();
                if (v < -100000 || v > 100000) return Response::error(400, "invalid", std::string(key) + ": out of range");
                (std::string_view(key) == "hour" ? p.hour : p.utc_offset_min) = static_cast<int>(v);
            }
            auto set = store->set_mail_prefs(*u, p);
            if (!set.ok()) return from_error(set.error());
            log(u->name + " now hears by e-mail: " + set->mode + (set->mode == "daily" ? " at " + std::to_string(set->hour) : ""));
            return Response::json(200, admin_json::mail_prefs(*set, cfg.smtp.enabled()).dump());
        });

        route("POST", "/v1/sync", "/v1/sync", [this](const Request& r, const User* u) { return sync(r, *u); });

        // Attachments' content (docs/protocol.md, "Attachments"): by the attachment's id,
        // which the caller must be able to read; chunks up and down, resumable.
        const std::string att = "/v1/attachments/([0-9a-f-]{1,64})";
        route("GET", att + "/upload", "/v1/attachments/{id}/upload", [this](const Request& r, const User* u) {
            auto a = store->attachment(*u, r.captures.at(0));
            if (!a.ok()) return from_error(a.error());
            auto s = store->upload_state(*a);
            if (!s.ok()) return from_error(s.error());
            return upload_answer(*s);
        });
        route("PUT", att + "/content", "/v1/attachments/{id}/content", [this](const Request& r, const User* u) {
            auto offset = offset_param(r);
            if (!offset) return Response::error(400, "invalid", "offset: expected the byte the chunk starts at (?offset=N)");
            auto a = store->attachment(*u, r.captures.at(0));
            if (!a.ok()) return from_error(a.error());
            if (a->size > cfg.max_attachment)
                return Response::error(413, "too_large", "this server takes attachments up to " +
                                                             std::to_string(cfg.max_attachment >> 20) + " MB; this one has " +
                                                             std::to_string(a->size) + " bytes");
            // The firm's quota, checked when a new content starts (one already kept costs
            // nothing more): the total is what the content directory holds.
            if (cfg.content_quota > 0 && *offset == 0 && store->content() && !store->content()->has(a->hash)) {
                auto all = store->content()->list();
                std::uint64_t total = 0;
                if (all.ok())
                    for (const auto& [hash, size] : *all) total += size;
                if (total + a->size > cfg.content_quota)
                    return Response::error(413, "over_quota",
                                           "the firm's attachments have used " + std::to_string(total >> 20) + " of their " +
                                               std::to_string(cfg.content_quota >> 20) +
                                               " MB on the server; this file does not fit: ask your admin");
            }
            // A disk nearly full refuses the upload before a byte is written: the device
            // keeps the file and tries again later; the database keeps its room.
            if (store->content()) {
                std::error_code ec;
                auto space = std::filesystem::space(store->content()->root(), ec);
                const std::uint64_t left = a->size > *offset ? a->size - *offset : 0;
                if (!ec && space.available < left + cfg.min_free)
                    return Response::error(507, "storage",
                                           "the server's disk for attachments is nearly full (" +
                                               std::to_string(space.available >> 20) + " MB free, " +
                                               std::to_string(cfg.min_free >> 20) + " MB kept free): ask your admin");
            }
            auto s = store->upload(*a, *offset, r.body);
            if (!s.ok()) {
                if (s.error().code == Code::Invalid) {
                    // Say where the server is, so the device resumes there.
                    auto at = store->upload_state(*a);
                    json j = {{"error", {{"code", "invalid"}, {"message", s.error().message}}}};
                    if (at.ok()) j["have"] = at->have;
                    return Response::json(409, j.dump());
                }
                if (s.error().code == Code::Storage) return Response::error(507, "storage", s.error().message);
                return from_error(s.error());
            }
            if (s->complete && *offset + r.body.size() == a->size && !r.body.empty())
                log(u->name + " uploaded attachment " + a->id + " (" + std::to_string(a->size) + " bytes)");
            return upload_answer(*s);
        }, true, http::BodyType::Bytes);
        route("GET", att + "/content", "/v1/attachments/{id}/content", [this](const Request& r, const User* u) {
            auto offset = offset_param(r);
            if (!offset) return Response::error(400, "invalid", "offset: expected the byte to start at (?offset=N)");
            std::size_t max = Attachments::kMaxChunk;
            if (auto it = r.params.find("max"); it != r.params.end()) {
                auto m = parse_uint(it->second);
                if (!m || *m == 0) return Response::error(400, "invalid", "max: expected a number of bytes");
                max = static_cast<std::size_t>(std::min<std::uint64_t>(*m, max));
            }
            auto a = store->attachment(*u, r.captures.at(0));
            if (!a.ok()) return from_error(a.error());
            auto bytes = store->download(*u, *a, *offset, max);
            if (!bytes.ok()) {
                if (bytes.error().code == Code::NotFound)
                    return Response::error(409, "not_uploaded", bytes.error().message);
                return from_error(bytes.error());
            }
            Response out;
            out.content_type = "application/octet-stream";
            out.body = std::move(*bytes);
            out.headers.emplace_back("Fika-Content-Size", std::to_string(a->size));
            out.headers.emplace_back("Fika-Content-Sha256", a->hash);
            return out;
        });

        // Devices: a code exchanged for a device's own token (no token needed), a code
        // for another device of one's own (15 minutes unless asked, at most an hour), and
        // one's own devices.
        route("POST", "/v1/enrol", "/v1/enrol", [this](const Request& r, const User*) { return enrol(r); }, false);
        route("POST", "/v1/enrol/codes", "/v1/enrol/codes", [this](const Request& r, const User* u) {
            return enrolment_for(r, u->name, 15, 60);
        });
        route("POST", "/v1/devices/signed-out", "/v1/devices/signed-out", [this](const Request& r, const User* u) {
            json body;
            if (auto e = parse_body(r, body, {"site"})) return *e;
            std::string site;
            if (auto e = string_field(body, "site", site)) return *e;
            if (!u->device_site.empty() && site != u->device_site)
                return Response::error(403, "forbidden", "this token belongs to another device");
            auto st = store->signed_out(*u, site);
            if (!st.ok()) return from_error(st.error());
            log(u->name + "'s device " + site + " signed out as asked");
            return Response::json(200, json{{"site", site}, {"signed_out", true}}.dump());
        });
        route("GET", "/v1/devices", "/v1/devices", [this](const Request&, const User* u) {
            auto ds = store->devices(u->name);
            if (!ds.ok()) return from_error(ds.error());
            json j = admin_json::devices(*ds);
            for (auto& d : j["devices"]) d["this_device"] = d["site"] == u->device_site;
            return Response::json(200, j.dump());
        });

        route("GET", "/v1/events", "/v1/events", [this](const Request& r, const User* u) { return events(r, *u); });

        route("GET", "/v1/notifications", "/v1/notifications", [this](const Request& r, const User* u) {
            bool unread = r.params.count("unread") && r.params.at("unread") != "0" && r.params.at("unread") != "false";
            std::size_t limit = 100;
            if (r.params.count("limit")) {
                char* end = nullptr;
                unsigned long v = std::strtoul(r.params.at("limit").c_str(), &end, 10);
                if (!end || *end || v == 0 || v > 1000)
                    return Response::error(400, "invalid", "limit: a number from 1 to 1000");
                limit = v;
            }
            auto ns = store->notifications(*u, unread, limit);
            if (!ns.ok()) return from_error(ns.error());
            auto all_unread = store->notifications(*u, true, 1000);
            json arr = json::array();
            for (const Notification& n : *ns) arr.push_back(admin_json::notification(n));
            return Response::json(200, json{{"notifications", arr},
                                            {"unread", all_unread.ok() ? all_unread->size() : 0}}.dump());
        });

        route("POST", "/v1/notifications/read", "/v1/notifications/read", [this](const Request& r, const User* u) {
            json body;
            if (auto e = parse_body(r, body, {"ids", "all"})) return *e;
            std::vector<std::int64_t> ids;
            bool all = body.contains("all") && body["all"].is_boolean() && body["all"].get<bool>();
            if (body.contains("all") && !body["all"].is_boolean())
                return Response::error(400, "invalid", "all: expected true or false");
            if (body.contains("ids")) {
                if (!body["ids"].is_array()) return Response::error(400, "invalid", "ids: expected an array of numbers");
                for (auto& v : body["ids"]) {
                    if (!v.is_number_integer()) return Response::error(400, "invalid", "ids: expected numbers");
                    ids.push_back(v.get<std::int64_t>());
                }
            }
            if (!all && ids.empty()) return Response::error(400, "invalid", "give ids or \"all\": true");
            auto n = store->mark_read(*u, all ? std::vector<std::int64_t>{} : ids);
            if (!n.ok()) return from_error(n.error());
            return Response::json(200, json{{"marked", *n}}.dump());
        });

        install_admin_routes();
        install_console_routes();
    }

    void install_console_routes() {
        route("GET", "/admin(/|/[a-z]+\\.(html|js|css|svg))?", "/admin", [this](const Request& r, const User*) {
            return console->asset(r);
        }, false);
        route("GET", "/admin/session", "/admin/session", [this](const Request& r, const User*) {
            return console->session(r);
        }, false);
        route("POST", "/admin/session", "/admin/session", [this](const Request& r, const User*) {
            // {"token": ...} or {"code": "XXXX-XXXX-XXXX"} (an enrolment code, single use).
            json body;
            std::string secret;
            if (auto e = parse_body(r, body, {"token", "code"})) return *e;
            const bool code = body.contains("code");
            if (code == body.contains("token")) return Response::error(400, "invalid", "give a token or a code");
            if (auto e = string_field(body, code ? "code" : "token", secret)) return *e;
            Response out = code ? console->sign_in_with_code(secret) : console->sign_in(secret);
            if (out.status == 401) enrol_limiter.spend(r.remote_addr);
            else if (out.status == 200) log("console: " + body_user(out) + " signed in from " + r.remote_addr);
            return out;
        }, false);
        route("POST", "/admin/session/end", "/admin/session/end", [this](const Request&, const User*) {
            return console->sign_out();
        }, false);
    }

    static std::string body_user(const Response& out) {
        auto j = json::parse(out.body, nullptr, false);
        return j.is_object() && j.contains("user") ? j["user"].value("name", "") : "";
    }

    void install_admin_routes() {
        route("GET", "/v1/admin/users", "/v1/admin/users", [this](const Request&, const User*) {
            auto us = store->users();
            if (!us.ok()) return from_error(us.error());
            return Response::json(200, admin_json::users(*us).dump());
        });
        route("POST", "/v1/admin/users", "/v1/admin/users", [this](const Request& r, const User*) {
            json body;
            if (auto e = parse_body(r, body, {"name", "role"})) return *e;
            std::string name, role;
            if (auto e = string_field(body, "name", name)) return *e;
            if (auto e = string_field(body, "role", role)) return *e;
            auto rr = parse_role(role);
            if (!rr) return Response::error(400, "invalid", "role: consultant, seller or admin");
            auto added = store->add_user(name, *rr);
            if (!added.ok()) return from_error(added.error());
            return Response::json(201, admin_json::added(added->first, added->second).dump());
        });
        route("POST", "/v1/admin/users/([^/]+)/(disable|enable|token|enrol)", "/v1/admin/users/{name}/{action}",
              [this](const Request& r, const User*) {
                  const std::string& name = r.captures.at(0);
                  const std::string& action = r.captures.at(1);
                  if (action == "enrol") return enrolment_for(r, name, kEnrolTtlDefaultMin, kEnrolTtlMaxMin);
                  if (action == "token") {
                      // {"none": true}: no token of the user's own any more (enrolled devices only).
                      json body;
                      if (auto e = parse_body(r, body, {"none"})) return *e;
                      if (body.contains("none") && !body["none"].is_boolean())
                          return Response::error(400, "invalid", "none: expected true or false");
                      bool none = body.value("none", false);
                      auto t = store->rotate_token(name, none);
                      if (!t.ok()) return from_error(t.error());
                      return Response::json(200, admin_json::token(name, *t).dump());
                  }
                  Status st = store->set_disabled(name, action == "disable");
                  if (!st.ok()) return from_error(st.error());
                  return Response::json(200, admin_json::disabled(name, action == "disable").dump());
              });
        route("GET", "/v1/admin/notifications", "/v1/admin/notifications", [this](const Request&, const User*) {
            auto ns = store->all_notifications(200);
            if (!ns.ok()) return from_error(ns.error());
            return Response::json(200, admin_json::all_notifications(*ns).dump());
        });
        route("GET", "/v1/admin/mail", "/v1/admin/mail", [this](const Request&, const User*) {
            auto q = store->mail_queue(200);
            auto us = store->users();
            if (!q.ok()) return from_error(q.error());
            if (!us.ok()) return from_error(us.error());
            std::map<std::string, std::string> names;
            for (const User& u : *us) names[u.id] = u.name;
            return Response::json(200, admin_json::mail_queue(*q, names, cfg.smtp.enabled()).dump());
        });
        route("GET", "/v1/admin/webhooks", "/v1/admin/webhooks", [this](const Request&, const User*) {
            auto q = store->webhook_queue(200);
            if (!q.ok()) return from_error(q.error());
            return Response::json(200, admin_json::webhooks(*q, !cfg.webhook_url.empty()).dump());
        });
        route("GET", "/v1/admin/people", "/v1/admin/people", [this](const Request& r, const User*) {
            std::string q = r.params.count("q") ? r.params.at("q") : "";
            auto ps = store->people(q.substr(0, 200), 50);
            if (!ps.ok()) return from_error(ps.error());
            return Response::json(200, admin_json::people(*ps).dump());
        });
        route("GET", "/v1/admin/accounts", "/v1/admin/accounts", [this](const Request& r, const User*) {
            std::string q = r.params.count("q") ? r.params.at("q") : "";
            auto as = store->accounts(q.substr(0, 200), 50);
            if (!as.ok()) return from_error(as.error());
            return Response::json(200, admin_json::accounts(*as).dump());
        });
        route("GET", "/v1/admin/access", "/v1/admin/access", [this](const Request& r, const User*) {
            if (!r.params.count("user")) return Response::error(400, "invalid", "user: whose access (?user=NAME)");
            auto as = store->access_of(r.params.at("user"));
            if (!as.ok()) return from_error(as.error());
            return Response::json(200, admin_json::accounts(*as).dump());
        });
        route("POST", "/v1/admin/access/(grant|revoke)", "/v1/admin/access/{action}", [this](const Request& r, const User*) {
            json body;
            if (auto e = parse_body(r, body, {"user", "account"})) return *e;
            std::string user, account;
            if (auto e = string_field(body, "user", user)) return *e;
            if (auto e = string_field(body, "account", account)) return *e;
            Status st = r.captures.at(0) == "grant" ? store->grant(user, account) : store->revoke(user, account);
            if (!st.ok()) return from_error(st.error());
            return Response::json(200, admin_json::access(user, account, r.captures.at(0) == "grant").dump());
        });
        route("POST", "/v1/admin/backup", "/v1/admin/backup", [this](const Request& r, const User*) {
            json body;
            if (auto e = parse_body(r, body, {"name"})) return *e;
            std::string name;
            if (auto e = string_field(body, "name", name)) return *e;
            static const std::regex safe("[A-Za-z0-9._-]{1,100}");
            if (!std::regex_match(name, safe) || name[0] == '.')
                return Response::error(400, "invalid", "name: letters, digits, . _ - (the file goes to DATA/backups/)");
            std::filesystem::path dir = std::filesystem::path(cfg.data_dir) / "backups";
            std::error_code ec;
            std::filesystem::create_directories(dir, ec);
            Status st = store->backup((dir / name).string());
            if (!st.ok()) return from_error(st.error());
            return Response::json(200, admin_json::backup((dir / name).string()).dump());
        });
        // GDPR: a person's data, their erasure, and who had access.
        route("GET", "/v1/admin/people/([^/]+)", "/v1/admin/people/{id}", [this](const Request& r, const User* u) {
            auto doc = store->export_person(u->name, r.captures.at(0));
            if (!doc.ok()) return from_error(doc.error());
            return Response::json(200, *doc);
        });
        route("POST", "/v1/admin/people/([^/]+)/erase", "/v1/admin/people/{id}/erase", [this](const Request& r, const User* u) {
            auto buckets = store->erase_person(u->name, r.captures.at(0));
            if (!buckets.ok()) return from_error(buckets.error());
            live.wake();
            return Response::json(200, admin_json::erased(r.captures.at(0), *buckets).dump());
        });
        route("GET", "/v1/admin/access-log", "/v1/admin/access-log", [this](const Request& r, const User*) {
            auto param = [&](const char* k) { return r.params.count(k) ? r.params.at(k) : std::string(); };
            auto log = store->access_log(param("person"), param("user"), 1000);
            if (!log.ok()) return from_error(log.error());
            return Response::json(200, admin_json::access_log(*log).dump());
        });
        route("POST", "/v1/admin/devices/([^/]+)/wipe", "/v1/admin/devices/{site}/wipe", [this](const Request& r, const User*) {
            std::string reason;
            if (!r.body.empty()) {
                json body;
                if (auto e = parse_body(r, body, {"reason"})) return *e;
                if (body.contains("reason"))
                    if (auto e = string_field(body, "reason", reason)) return *e;
            }
            const std::string& site = r.captures.at(0);
            auto st = store->wipe_device(site, reason.substr(0, 500));
            if (!st.ok()) return from_error(st.error());
            return Response::json(200, admin_json::wiped(site, reason).dump());
        });
        route("GET", "/v1/admin/devices", "/v1/admin/devices", [this](const Request& r, const User*) {
            auto ds = store->devices(r.params.count("user") ? r.params.at("user") : std::string());
            if (!ds.ok()) return from_error(ds.error());
            return Response::json(200, admin_json::devices(*ds).dump());
        });
        route("POST", "/v1/admin/devices/([^/]+)/(revoke|signout)", "/v1/admin/devices/{site}/{action}", [this](const Request& r, const User*) {
            const std::string& site = r.captures.at(0);
            bool revoke = r.captures.at(1) == "revoke";
            auto st = revoke ? store->revoke_device(site) : store->ask_sign_out(site);
            if (!st.ok()) return from_error(st.error());
            return Response::json(200, (revoke ? admin_json::revoked(site) : admin_json::sign_out_asked(site)).dump());
        });
        route("GET", "/v1/admin/stats", "/v1/admin/stats", [this](const Request&, const User*) {
            auto s = store->stats();
            if (!s.ok()) return from_error(s.error());
            json j = admin_json::stats(*s);
            j["live_connections"] = live.size();  // only a serving server has them
            return Response::json(200, j.dump());
        });
    }

    static std::optional<std::uint64_t> parse_uint(const std::string& s) {
        if (s.empty() || s.size() > 19) return std::nullopt;
        std::uint64_t v = 0;
        for (char c : s) {
            if (c < '0' || c > '9') return std::nullopt;
            v = v * 10 + static_cast<std::uint64_t>(c - '0');
        }
        return v;
    }
    static std::optional<std::uint64_t> offset_param(const Request& r) {
        auto it = r.params.find("offset");
        return it == r.params.end() ? std::nullopt : parse_uint(it->second);
    }
    static Response upload_answer(const UploadState& s) {
        return Response::json(200, json{{"have", s.have}, {"size", s.size}, {"complete", s.complete}}.dump());
    }

    Response sync(const Request& r, const User& u) {
        auto t0 = SteadyClock::now();
        if (!http::is_json_type(r.header("content-type")))
            return Response::error(415, "unsupported_media_type", "POST /v1/sync takes application/json");
        auto req = sync::decode_request(r.body, sync::Schema::current());
        if (!req.ok()) return from_error(req.error());
        // An enrolled device's token syncs that device only.
        if (!u.device_site.empty() && sync::site_to_string(req->site) != u.device_site)
            return Response::error(403, "forbidden", "this token belongs to another device");
        // A wiped device: nothing of what it sends is taken; it is told to delete its data.
        auto checks = store->sync_checks(sync::site_to_string(req->site), u);
        if (!checks.ok()) return from_error(checks.error());
        const DeviceOrders* orders = &checks->orders;
        if (orders->wiped)
            return Response::error(410, "wiped",
                                   "an admin wiped this device" + (orders->wiped->empty() ? "" : ": " + *orders->wiped));
        // A device is its user's: another user's token cannot sync it, and an enrolled one
        // syncs with its own token only (its site id is no secret: every change carries it).
        if (!orders->user_id.empty() && orders->user_id != u.id)
            return Response::error(403, "forbidden", "this device belongs to another user");
        if (orders->enrolled && u.device_site.empty())
            return Response::error(403, "forbidden", "this device signs in with its own token");
        auto out = store->sync(u, *req, DeviceInfo{r.header("user-agent")}, &*checks);
        if (!out.ok()) return from_error(out.error());
        // Tell the live channel after the commit.
        if (!out->buckets_changed.empty() || !out->notifications.empty()) live.wake();
        if (!out->notifications.empty() && !cfg.webhook_url.empty()) webhook_cv.notify_all();
        Response resp = Response::json(200, sync::encode_response(out->response, req->schema));
        // Asked to sign out: what it sent is kept; once it has nothing left to send it
        // deletes its data and says so (POST /v1/devices/signed-out).
        if (orders->sign_out) resp.headers.emplace_back("Fika-Sign-Out", "asked by an admin");
        metrics.sync_done(std::chrono::duration<double>(SteadyClock::now() - t0).count(), out->accepted,
                          out->refused, out->notifications.size());
        return resp;
    }

    Response events(const Request& r, const User& u) {
        std::string token = r.bearer_token();
        auto opened = live.open(u, token, r.header("last-event-id"));
        if (!opened.ok())
            return opened.error().code == Code::Busy ? Response::error(503, "unavailable", opened.error().message)
                                                     : from_error(opened.error());
        std::shared_ptr<LiveConn> conn = *opened;
        Response resp;
        resp.content_type = "text/event-stream";
        resp.stream = [this, conn](http::EventSink& sink) {
            auto close = [&] { live.close(conn); };
            if (!sink.write("retry: 2000\nevent: hello\ndata: " + json{{"user", conn->user.name}}.dump() +
                            "\nid: " + live.opened_id(*conn) + "\n\n")) {
                close();
                return;
            }
            auto last_write = SteadyClock::now();
            std::vector<std::string> events;
            while (live.wait(*conn, std::chrono::milliseconds(500), events)) {
                // A client that went away frees its slot within half a second.
                if (!sink.alive()) return close();
                for (const std::string& e : events) {
                    if (!sink.write(e)) return close();
                    last_write = SteadyClock::now();
                }
                // A disabled user or a rotated token ends the stream at once.
                auto still = store->token_owner(conn->token);
                if (still.ok() && (!*still || (*still)->user.disabled || (*still)->revoked_ms || (*still)->wiped_ms)) {
                    sink.write("event: revoked\ndata: {\"reason\":\"the token was revoked or the account disabled\"}\n\n");
                    return close();
                }
                if (SteadyClock::now() - last_write >= std::chrono::seconds(cfg.keepalive_s)) {
                    // The keep-alive carries the stream's position: a client that reconnects
                    // after a quiet hour does not ask for the whole hour again.
                    if (!sink.write("id: " + live.id_of(*conn) + "\n: keep-alive\n\n")) return close();
                    last_write = SteadyClock::now();
                }
            }
            close();
        };
        return resp;
    }

    // Sends what the mail queue holds (mail.h): one mail per claim - a notification, or a
    // user's digest - with back-off after a failure; a mail whose user no longer wants
    // mail is dropped.
    void mail_loop() {
        while (!stopping) {
            auto batch = store->next_mail(now_ms(), 120000);
            if (!batch.ok() || batch->empty()) {
                std::unique_lock lock(webhook_mu);
                webhook_cv.wait_for(lock, std::chrono::seconds(1), [this] { return stopping.load(); });
                continue;
            }
            std::vector<std::int64_t> ns;
            for (const MailItem& m : *batch) ns.push_back(m.n);
            const std::string& user_id = batch->front().user_id;
            User who;
            who.id = user_id;
            auto prefs = store->mail_prefs(who);
            if (!prefs.ok()) {
                (void)store->mail_failed(ns, now_ms() + 60000, prefs.error().message);
                continue;
            }
            if (!*prefs || !(*prefs)->wants_mail()) {
                (void)store->mail_done(ns);
                continue;
            }
            // Notifications gone since they were queued (none are deleted today): nothing to say.
            if (std::none_of(batch->begin(), batch->end(), [](const MailItem& m) { return !m.payload.empty(); })) {
                (void)store->mail_done(ns);
                continue;
            }
            const MailPrefs& p = **prefs;
            std::string id = "fika-mail-" + std::to_string(ns.front()) + "-" + std::to_string(ns.size());
            std::string message = mail_message(cfg.smtp, p.address, compose_mail(*batch, p.lang), id, now_ms());
            std::string error = send_mail(cfg.smtp, p.address, message, &stopping);
            if (error.empty()) {
                (void)store->mail_done(ns);
                log("mail to " + p.address + " sent (" + std::to_string(ns.size()) + " notification" +
                    (ns.size() == 1 ? "" : "s") + ")");
                continue;
            }
            int attempts = batch->front().attempts;
            std::uint64_t delay = std::min<std::uint64_t>(600000, 1000ull << std::min(attempts, 20));
            (void)store->mail_failed(ns, now_ms() + delay, error);
            log("mail to " + p.address + " failed (" + error + "), attempt " + std::to_string(attempts + 1) +
                ", retrying in " + std::to_string(delay / 1000) + " s");
        }
    }

    void webhook_loop() {
        while (!stopping) {
            // Claimed for a minute (far longer than one delivery's 5 s timeout): another
            // instance on the same database does not take it meanwhile.
            auto next = store->next_webhook(now_ms(), 60000);
            if (!next.ok() || !*next) {
                std::unique_lock lock(webhook_mu);
                webhook_cv.wait_for(lock, std::chrono::seconds(1), [this] { return stopping.load(); });
                continue;
            }
            const WebhookItem& item = **next;
            std::string error;
            int status = http::post_json(cfg.webhook_url, item.payload, 5, error, "fika-" + std::to_string(item.n));
            if (status >= 200 && status < 300) {
                (void)store->webhook_done(item.n);
                continue;
            }
            if (status) error = "HTTP " + std::to_string(status);
            // Exponential back-off: 1 s, 2 s, 4 s ... capped at 10 minutes; kept until delivered.
            std::uint64_t delay = std::min<std::uint64_t>(600000, 1000ull << std::min(item.attempts, 20));
            (void)store->webhook_failed(item.n, now_ms() + delay, error);
            log("webhook delivery failed (" + error + "), attempt " + std::to_string(item.attempts + 1) +
                ", retrying in " + std::to_string(delay / 1000) + " s");
        }
    }
};

App::App(Config cfg, std::unique_ptr<ServerStore> store)
    : impl_(std::make_unique<Impl>(std::move(cfg), std::move(store))) {
    http::Options o;
    o.max_body = impl_->cfg.max_body;
    // Every open event stream holds a worker thread: size the pool for both.
    o.threads = impl_->cfg.workers + impl_->cfg.max_live;
    auto ms = [](double s) { return std::chrono::milliseconds(static_cast<std::int64_t>(s * 1000)); };
    o.header_timeout = ms(impl_->cfg.header_timeout_s);
    o.body_timeout = ms(impl_->cfg.body_timeout_s);
    o.idle_timeout = ms(impl_->cfg.idle_timeout_s);
    o.max_connections = impl_->cfg.max_connections;
    o.max_per_address = impl_->cfg.max_per_address;
    o.max_buffered = impl_->cfg.max_buffered;
    o.tls_cert = impl_->cfg.tls_cert;
    o.tls_key = impl_->cfg.tls_key;
    Impl* impl = impl_.get();
    o.log = [impl](const std::string& line) { impl->log(line); };
    impl_->http = std::make_unique<http::Server>(o);
    impl_->http->set_gate(
        [impl](const Request& r, std::string& who, std::any& principal) { return impl->gate(r, who, principal); });
    impl_->install_routes();
}

App::~App() {
    stop();
    if (impl_->webhook_thread.joinable()) impl_->webhook_thread.join();
    if (impl_->mail_thread.joinable()) impl_->mail_thread.join();
}

int App::bind() {
    if (!impl_->http->valid()) {
        std::fprintf(stderr, "fika-server: cannot load the TLS certificate or key\n");
        return -1;
    }
    int port = impl_->http->bind(impl_->cfg.host, impl_->cfg.port);
    if (port < 0)
        std::fprintf(stderr, "fika-server: cannot listen on %s:%d\n", impl_->cfg.host.c_str(), impl_->cfg.port);
    return port;
}

bool App::serve() {
    impl_->live.start();
    if (impl_->cfg.backup_every.count() > 0) {
        BackupPlan plan{impl_->cfg.backup_every, impl_->cfg.backup_keep, impl_->cfg.backup_dir, impl_->cfg.backup_pg};
        if (plan.dir.empty()) plan.dir = (std::filesystem::path(impl_->cfg.data_dir) / "backups").string();
        impl_->backups = std::make_unique<BackupSchedule>(*impl_->store, plan, impl_->cfg.quiet);
        impl_->backups->start();
    }
    if (!impl_->cfg.webhook_url.empty()) impl_->webhook_thread = std::thread([this] { impl_->webhook_loop(); });
    if (impl_->cfg.smtp.enabled()) impl_->mail_thread = std::thread([this] { impl_->mail_loop(); });
    bool ok = impl_->http->listen();
    impl_->stopping = true;
    impl_->live.shutdown();
    impl_->webhook_cv.notify_all();
    if (impl_->webhook_thread.joinable()) impl_->webhook_thread.join();
    if (impl_->mail_thread.joinable()) impl_->mail_thread.join();
    if (impl_->backups) impl_->backups->stop();  // a backup under way finishes first
    return ok;
}

void App::stop() {
    impl_->stopping = true;
    impl_->live.shutdown();  // event streams end, so their workers are free to finish
    impl_->webhook_cv.notify_all();
    impl_->http->stop();
}

}  // namespace fika::server
