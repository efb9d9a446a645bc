#include "console.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <nlohmann/json.hpp>

#include "admin_json.h"

namespace fika::server {
namespace {

using http::Request;
using http::Response;

std::string hex(const unsigned char* p, std::size_t n) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(n * 2);
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[p[i] >> 4];
        out += digits[p[i] & 15];
    }
    return out;
}

std::optional<std::string> unhex(std::string_view s) {
    if (s.size() % 2) return std::nullopt;
    std::string out;
    for (std::size_t i = 0; i < s.size(); i += 2) {
        auto nib = [](char c) -> int {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            return -1;
        };
        int hi = nib(s[i]), lo = nib(s[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
    }
    return out;
}

bool same(const std::string& a, const std::string& b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::size_t at = 0;
    for (std::size_t next; (next = s.find(sep, at)) != std::string::npos; at = next + 1) out.push_back(s.substr(at, next - at));
    out.push_back(s.substr(at));
    return out;
}

Response unauthorized(const std::string& why) { return Response::error(401, "unauthorized", why); }

}  // namespace

Console::Console(ServerStore& store, bool secure, sync::WallClock wall)
    : store_(store), secure_(secure), wall_(std::move(wall)) {}

void Console::harden(Response& out) {
    out.headers.emplace_back("Content-Security-Policy",
                             "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                             "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    out.headers.emplace_back("X-Content-Type-Options", "nosniff");
    out.headers.emplace_back("X-Frame-Options", "DENY");
    out.headers.emplace_back("Referrer-Policy", "no-referrer");
    out.headers.emplace_back("Cache-Control", "no-store");
}

Response Console::asset(const Request& r) const {
    std::string path = r.path == "/admin" || r.path == "/admin/" ? "/admin/index.html" : r.path;
    for (const ConsoleAsset& a : console_assets()) {
        if (a.path != path) continue;
        Response out;
        out.status = 200;
        out.content_type = std::string(a.type);
        out.body = std::string(a.body);
        harden(out);
        return out;
    }
    Response out = Response::error(404, "not_found", "no such page: " + r.path);
    harden(out);
    return out;
}

const std::string& Console::key() {
    std::lock_guard lock(mu_);
    if (key_.empty()) {
        unsigned char raw[32];
        if (RAND_bytes(raw, sizeof raw) != 1) sync::fail(sync::Code::Storage, "no randomness for the console's key");
        key_ = sync::must(store_.secret("console", hex(raw, sizeof raw)));
    }
    return key_;
}

std::string Console::mac(const std::string& text) {
    const std::string& k = key();
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    HMAC(EVP_sha256(), k.data(), static_cast<int>(k.size()), reinterpret_cast<const unsigned char*>(text.data()),
         text.size(), out, &n);
    return hex(out, n);
}

std::string Console::cookie_value(const Request& r) const {
    // "a=1; fika_console=...; b=2"
    for (std::string part : split(r.header("cookie"), ';')) {
        while (!part.empty() && part.front() == ' ') part.erase(0, 1);
        const std::string prefix = std::string(kCookie) + "=";
        if (part.rfind(prefix, 0) == 0) return part.substr(prefix.size());
    }
    return {};
}

Response Console::sign_in(const std::string& token) {
    auto owner = store_.token_owner(token);
    if (!owner.ok()) return Response::error(500, "storage", owner.error().message);
    if (!*owner || (*owner)->revoked_ms || (*owner)->wiped_ms) return unauthorized("unknown or rotated token");
    const User& u = (*owner)->user;
    if (u.disabled) return unauthorized("the account " + u.name + " is disabled");
    if (u.role != UserRole::Admin) return Response::error(403, "forbidden", "the console is for admins");
    return session_for(u);
}

Response Console::sign_in_with_code(const std::string& code) {
    auto u = store_.redeem_code(code, "console", [](const User& who) { return who.role == UserRole::Admin; });
    if (!u.ok()) {
        Response out = Response::error(u.error().code == sync::Code::Forbidden ? 403 : 500,
                                       u.error().code == sync::Code::Forbidden ? "forbidden" : "storage", u.error().message);
        harden(out);
        return out;
    }
    if (!*u) return unauthorized("this code is unknown, used or expired: ask for a new one");
    return session_for(**u);
}

Response Console::session_for(const User& u) {
    const std::uint64_t expires = wall_() + kSessionMs;
    std::string body = hex(reinterpret_cast<const unsigned char*>(u.name.data()), u.name.size()) + "." +
                       std::to_string(u.created_ms) + "." + std::to_string(expires);
    std::string value = body + "." + mac("session|" + body);
    Response out = Response::json(200, nlohmann::json{{"user", admin_json::user(u)}, {"csrf", mac("csrf|" + value)},
                                                      {"expires_in_s", kSessionMs / 1000}}
                                           .dump());
    out.headers.emplace_back("Set-Cookie", std::string(kCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                                               std::to_string(kSessionMs / 1000) + (secure_ ? "; Secure" : ""));
    harden(out);
    return out;
}

std::optional<User> Console::user_of(const Request& r) {
    std::string value = cookie_value(r);
    auto parts = split(value, '.');
    if (value.empty() || value.size() > 600 || parts.size() != 4) return std::nullopt;
    const std::string body = parts[0] + "." + parts[1] + "." + parts[2];
    if (!same(parts[3], mac("session|" + body))) return std::nullopt;
    auto name = unhex(parts[0]);
    std::uint64_t created = 0, expires = 0;
    try {
        created = std::stoull(parts[1]);
        expires = std::stoull(parts[2]);
    } catch (...) {
        return std::nullopt;
    }
    if (!name || expires <= wall_()) return std::nullopt;
    auto u = store_.user(*name);
    // The same user (not one made later with the name), still an enabled admin.
    if (!u.ok() || u->created_ms != created || u->disabled || u->role != UserRole::Admin) return std::nullopt;
    return *u;
}

bool Console::csrf_ok(const Request& r) {
    if (r.method == "GET" || r.method == "HEAD") return true;
    if (!same(r.header(kCsrfHeader), mac("csrf|" + cookie_value(r)))) return false;
    std::string origin = r.header("origin"), host = r.header("host");
    return origin.empty() || origin == (secure_ ? "https://" : "http://") + host;
}

Response Console::session(const Request& r) {
    auto u = user_of(r);
    // Nobody signed in is an answer, not an error (the page asks at every load).
    Response out = Response::json(200, u ? nlohmann::json{{"user", admin_json::user(*u)},
                                                           {"csrf", mac("csrf|" + cookie_value(r))}}
                                                 .dump()
                                           : std::string("{\"user\":null}"));
    harden(out);
    return out;
}

Response Console::sign_out() const {
    Response out = Response::json(200, "{\"signed_out\":true}");
    out.headers.emplace_back("Set-Cookie", std::string(kCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
                                               (secure_ ? "; Secure" : ""));
    harden(out);
    return out;
}

}  // namespace fika::server
