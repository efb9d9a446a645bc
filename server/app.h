// fika-server's application: routes, the live event channel, metrics, rate limiting and
// the webhook and mail workers, over a ServerStore. main.cpp only parses the command line.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <chrono>
#include <string>
#include <vector>

#include "mail.h"
#include "server_store.h"

namespace fika::server {

struct Config {
    std::string host = "127.0.0.1";
    int port = 8787;  // 0: any free port (tests)
    std::string data_dir;
    std::string tls_cert, tls_key;
    std::string webhook_url;
    SmtpConfig smtp;  // e-mail to sellers (mail.h); its url "" = none
    std::size_t max_body = 16u << 20;
    std::size_t max_live = 64;        // open event streams
    double live_poll_s = 2;           // the live channel reads without a hint this often
    std::size_t workers = 16;         // threads for ordinary requests
    double rate_per_s = 50;           // requests per second and user, sustained
    double rate_burst = 200;          // ... and in a burst
    std::uint64_t max_drift_ms = 10 * 60 * 1000;
    std::uint64_t push_order_wait_ms = 10000;  // see ServerStoreOptions::push_order_wait
    int keepalive_s = 15;             // SSE comment interval
    bool quiet = false;               // no request log
    // The firm's policy for devices, in GET /v1/me: the app must lock itself after at
    // most this many idle minutes (0: the user decides).
    int require_app_lock_min = 0;
    // Where devices reach this server, for enrolment links (fika://enrol?server=...);
    // empty: the scheme and Host of the request that asked for the code.
    std::string public_url;
    // The front door (server/front_door.h, docs/protocol.md "Limits").
    double header_timeout_s = 10;     // a request's whole head
    double body_timeout_s = 60;       // its whole body, after the head
    double idle_timeout_s = 5;        // a kept-alive connection between requests
    std::size_t max_connections = 10000;
    std::size_t max_per_address = 256;
    std::size_t max_buffered = 256u << 20;  // request bodies held in memory, all together
    // Scheduled backups (backups.h): every 0 = none.
    std::chrono::seconds backup_every{0};
    int backup_keep = 14;
    std::string backup_dir;  // "" = DATA/backups
    std::uint64_t max_attachment = 25ull << 20;  // the largest attachment's content a device may upload
    std::uint64_t content_quota = 0;             // the most content kept (bytes; 0: no quota)
    std::uint64_t min_free = 512ull << 20;       // uploads may not leave less free on the content's disk
    bool backup_pg = false;  // pg_dump archives
};

// The access log as a JSON array (HTTP and `fika-server access log --json`).

class App {
public:
    App(Config cfg, std::unique_ptr<ServerStore> store);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // Binds; returns the port or -1 (message on stderr).
    int bind();
    // Serves until stop(); then finishes in-flight requests and the webhook worker.
    bool serve();
    // Safe from any thread (signal handling thread included).
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The default data directory: $FIKA_DATA, else $XDG_DATA_HOME/fika-server, else
// ~/.local/share/fika-server.
std::string default_data_dir();

}  // namespace fika::server
