// The web console at /admin: its pages (compiled into the binary: server/console/), an
// admin's sign-in to a session cookie, and the checks on the requests that come with
// that cookie. The pages call the same JSON API (/v1/admin/...) as everything else,
// through the same gate; the cookie stands in for the bearer token there.
//
// The session is a signed cookie, not a row: `NAME.CREATED.EXPIRES.MAC`, the MAC an
// HMAC-SHA256 under a key kept in the database (the same for every instance), so any
// instance behind a load balancer accepts it. It ends when it expires (8 hours), when
// the admin signs out (the browser drops it), when the user is disabled or is no longer
// an admin. Writes must also carry the CSRF token (an HMAC of the cookie) in a header
// and, when the browser says where they come from, come from this origin.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "http.h"
#include "server_store.h"

namespace fika::server {

// A file of the console (generated from server/console/ at build time).
struct ConsoleAsset {
    std::string_view path;  // "/admin/console.js"
    std::string_view type;  // its Content-Type
    std::string_view body;
};
std::span<const ConsoleAsset> console_assets();

class Console {
public:
    static constexpr const char* kCookie = "fika_console";
    static constexpr const char* kCsrfHeader = "x-fika-csrf";
    static constexpr std::uint64_t kSessionMs = 8 * 3600 * 1000;

    // `secure`: the server speaks TLS (the cookie is Secure).
    Console(ServerStore& store, bool secure, sync::WallClock wall = sync::system_wall_clock());

    // GET /admin and its files: the page, its script and style, with the console's
    // security headers (a strict Content-Security-Policy); 404 for anything else.
    http::Response asset(const http::Request& r) const;
    // Signs in with a token: 200 and the cookie when it is an enabled admin's (their own
    // or an enrolled device's), else 401 (the caller slows wrong guesses).
    http::Response sign_in(const std::string& token);
    // Signs in with an enrolment code an admin was given (single use, as a device's).
    http::Response sign_in_with_code(const std::string& code);
    // Who is signed in and the CSRF token for writes ({"user": null} when nobody).
    http::Response session(const http::Request& r);
    // Clears the cookie.
    http::Response sign_out() const;

    // The admin the request's cookie names, if it is valid now.
    std::optional<User> user_of(const http::Request& r);
    // Whether a request that came with the cookie may change something: GET and HEAD
    // may; anything else needs the CSRF header and, when the browser sends an Origin,
    // this server's own.
    bool csrf_ok(const http::Request& r);

    // The security headers every console answer has.
    static void harden(http::Response& out);

private:
    http::Response session_for(const User& u);
    const std::string& key();
    std::string mac(const std::string& text);
    std::string cookie_value(const http::Request& r) const;

    ServerStore& store_;
    bool secure_;
    sync::WallClock wall_;
    std::mutex mu_;
    std::string key_;
};

}  // namespace fika::server
