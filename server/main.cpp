// fika-server: the command line. Everything else lives in the fika_server library.
#include <malloc.h>
#include <pthread.h>
#include <signal.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <cstring>
#include <filesystem>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include <pwd.h>
#include <qrencode.h>
#include <sys/stat.h>
#include <unistd.h>

#include "admin_json.h"
#include "app.h"
#include "backups.h"
#include "config_file.h"
#include "enrolment.h"
#include "mail.h"
#include "rules.h"
#include "service_manager.h"
#include "server_store.h"

using namespace fika::server;

namespace {

const char* kUsage = R"(fika-server — the Fika sync server

Usage: fika-server [--config FILE] [--data DIR] [--db DATABASE] [--content-dir DIR] COMMAND [ARGS...]

  --config FILE               settings to read first (the command line overrides them):
                              "name = value" lines, named as the options here without
                              their dashes (data, db and serve's); default $FIKA_CONFIG,
                              else /etc/fika/fika-server.conf when it exists; "none": none
  --data DIR                  the data directory (the SQLite database, backups, the lock)
  --db DATABASE               keep everything in PostgreSQL instead of DIR/fika-server.db:
                              a postgresql:// URI or a libpq string ("host=/run/postgresql
                              dbname=fika"); several servers may share one database
  --content-dir DIR           where attachments' content is kept (default DATA/content);
                              several servers on one database need one they all share

Commands:
  serve                       run the server (Ctrl-C or SIGTERM stops it gracefully)
      --listen HOST:PORT      where to listen (default 127.0.0.1:8787; port 0 picks one)
      --tls-cert FILE --tls-key FILE
                              serve HTTPS (PEM files); without them plain HTTP, which is
                              only sensible on loopback
      --webhook URL           POST every new case as JSON to URL (retried with back-off)
      --smtp URL              send sellers their notifications by e-mail, as each one
                              chose in the app (at once, a daily digest, or none):
                              smtp://HOST[:PORT] (STARTTLS) or smtps://HOST[:PORT]
      --smtp-from ADDRESS     the address mail comes from (needed with --smtp)
      --smtp-user NAME        sign in to the SMTP server as NAME (AUTH) ...
      --smtp-password-file FILE
                              ... with the password on FILE's first line (or
                              $FIKA_SMTP_PASSWORD)
      --smtp-tls required|try|none
                              STARTTLS on smtp:// (default required: no mail goes out
                              in clear text)
      --smtp-ca FILE          trust the SMTP server's certificate from this CA (PEM)
                              instead of the system's
      --max-body BYTES        largest request body after decompression (default 16777216)
      --max-live N            most open event streams (default 64)
      --require-app-lock MINUTES
                              every device's app must lock itself after at most this many
                              idle minutes, with a PIN or passphrase (told in /v1/me;
                              give every instance the same)
      --live-poll SECONDS     event streams also re-read what changed this often, in
                              case a hint from another instance was lost (default 2)
      --workers N             threads answering ordinary requests (default 16); a
                              connection holds none until its request has fully arrived
      --header-timeout SECONDS
                              a request's head must arrive within this (default 10)
      --body-timeout SECONDS  ... and its body within this after the head (default 60)
      --idle-timeout SECONDS  close a kept-alive connection idle this long (default 5)
      --max-connections N     open connections in all (default 10000, or what the
                              open-file limit allows)
      --max-per-address N     open connections from one address (default 256); past
                              it the one that waited longest is closed, or the newcomer
      --rate N                requests per second per user, sustained (default 50; 0 = off)
      --max-drift SECONDS     refuse device clocks further ahead than this (default 600)
      --order-wait SECONDS    how long a device's push that follows another still
                              unanswered one waits for it before "busy" (default 10)
      --public-url URL        where devices reach this server, for enrolment links
                              (default: the scheme and Host of the request)
      --backup-every DURATION take a backup on this schedule (90s, 30m, 24h, 7d): online,
                              checked after writing (read back), the last one's time and
                              result in /healthz and /metrics; on PostgreSQL pg_dump
                              archives - schedule them on one instance only
      --keep N                how many scheduled backups to keep (default 14)
      --backup-dir DIR        where they go (default DATA/backups)
      --max-attachment-mb N   largest attachment a device may upload (default 25)
      --content-quota-mb N    the most attachments' content the server keeps, in MB
                              (default 0: no quota); a new file past it is refused (413)
      --min-free-mb N         refuse uploads (507) that would leave less than N MB free
                              on the attachments' disk (default 512): photos never
                              fill the disk the database needs
      --quiet                 no request log
  user add NAME --role consultant|seller|admin
                              create a user; prints its token as the last line
  user list [--json]          every user, role and state
  user disable NAME           refuse the user's token at once (open streams close)
  user enable NAME
  user token NAME [--none]    issue a new token (the old one stops working); prints it.
                              --none: no token of the user's own at all - only devices
                              enrolled with a code sign in (docs/deployment.md)
  user enrol NAME [--ttl DURATION] [--url URL]
                              a single-use code that signs one new device in as NAME:
                              prints the code (XXXX-XXXX-XXXX), a fika:// link and, on a
                              terminal, its QR code. DURATION: 30m, 8h, 2d (default 24h,
                              at most 7d). URL: where devices reach this server
  access grant USER ACCOUNT_ID
  access revoke USER ACCOUNT_ID
                              give or take a consultant's access to one customer account
  access log [--person CONTACT_ID] [--user NAME] [--json]
                              who downloaded which customer's data (per user and day),
                              and every export and erasure of a person
  person export CONTACT_ID [FILE]
                              everything held about a person as JSON (GDPR access request)
  person erase CONTACT_ID --yes
                              erase a person everywhere (GDPR); cannot be undone
  backup FILE                 an online, consistent copy of the database (safe while serving),
                              read back before it takes its name
  backup list [--json]        the backups in the backup directory (scheduled ones and the
                              copies taken before a migration), oldest first
  restore FILE|NAME|latest    put a backup in place of the database (the server must be
                              stopped): a file, a name as backup list shows it, or the
                              newest scheduled one; the replaced one is kept beside it,
                              and devices send again, at their next sync, what the backup
                              lacks
  stats [--json]              users, devices and their last sync, records, database size
  device list [USER] [--json]  devices (of one user): name, platform, app version,
                              first seen, last sync, and whether enrolled, revoked, wiped
  device revoke SITE          an enrolled device's own token stops working (it keeps its
                              data and asks for a new code); the user's others go on
  device signout SITE         at its next sync the device sends everything it has not
                              sent, then deletes its data and its token
  device wipe SITE [--reason TEXT]
                              a lost device (SITE as stats lists it): at its next sync it
                              deletes its data without sending anything, and the server
                              takes nothing more from it (a disabled user's devices too)

Options:
  --data DIR                  the data directory (anywhere on the line); default
                              $FIKA_DATA, else $XDG_DATA_HOME/fika-server, else
                              ~/.local/share/fika-server
  --help                      this text
  --version                   the version

The same admin operations are HTTP endpoints for an admin token: see docs/protocol.md.
)";

int usage_error(const std::string& msg) {
    std::fprintf(stderr, "fika-server: %s\n(see fika-server --help)\n", msg.c_str());
    return 2;
}

// serve's options, for the configuration file (each is also a case in serve()).
constexpr OptionSpec kServeOptions[] = {
    {"listen", true},        {"tls-cert", true},        {"tls-key", true},         {"webhook", true},
    {"max-body", true},      {"max-live", true},        {"require-app-lock", true}, {"live-poll", true},
    {"workers", true},       {"rate", true},            {"max-drift", true},       {"header-timeout", true},
    {"body-timeout", true},  {"idle-timeout", true},    {"max-connections", true}, {"max-per-address", true},
    {"order-wait", true},    {"public-url", true},      {"backup-every", true},    {"keep", true},
    {"backup-dir", true},    {"quiet", false},          {"smtp", true},            {"smtp-from", true},
    {"smtp-user", true},     {"smtp-password-file", true}, {"smtp-tls", true},     {"smtp-ca", true},
    {"max-attachment-mb", true},
    {"min-free-mb", true},
    {"content-quota-mb", true},
};

int fail(const fika::sync::Error& e) {
    std::fprintf(stderr, "fika-server: %s\n", e.message.c_str());
    return 1;
}

std::string when(std::uint64_t ms) {
    if (!ms) return "never";
    std::time_t t = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%SZ", &tm);
    return buf;
}

// "30m", "8h", "2d" or a number of minutes, as minutes; nullopt for anything else.
// "90s", "30m", "8h", "2d"; a bare number is in `bare_unit` (s, m, h or d). nullopt for
// anything else (and for 0).
std::optional<std::chrono::seconds> parse_duration(const std::string& s, char bare_unit) {
    if (s.empty() || s.size() > 12) return std::nullopt;
    std::size_t digits = 0;
    while (digits < s.size() && std::isdigit(static_cast<unsigned char>(s[digits]))) ++digits;
    if (digits == 0 || digits + 1 < s.size()) return std::nullopt;
    std::uint64_t n = std::stoull(s.substr(0, digits));
    char unit = digits < s.size() ? s[digits] : bare_unit;
    std::uint64_t scale = unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600 : unit == 'd' ? 86400 : 0;
    if (scale == 0 || n == 0) return std::nullopt;
    return std::chrono::seconds(n * scale);
}

// A QR code of `text` on the terminal, two modules per character cell (light modules
// drawn, as on a dark terminal; phones' readers take either way round).
void print_qr(const std::string& text) {
    QRcode* qr = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr) return;
    const int n = qr->width, margin = 2;
    auto dark = [&](int x, int y) {
        return x >= 0 && y >= 0 && x < n && y < n && (qr->data[y * n + x] & 1);
    };
    for (int y = -margin; y < n + margin; y += 2) {
        std::string line = "    ";
        for (int x = -margin; x < n + margin; ++x) {
            bool top = !dark(x, y), bottom = !dark(x, y + 1);
            line += top && bottom ? "\u2588" : top ? "\u2580" : bottom ? "\u2584" : " ";
        }
        std::printf("%s\n", line.c_str());
    }
    QRcode_free(qr);
}

bool is_loopback(const std::string& host) {
    return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// An admin answer as JSON (admin_json.h: the same document the HTTP API returns).
int print_json(const nlohmann::json& j) {
    std::printf("%s\n", j.dump(2).c_str());
    return 0;
}

// The database --db names ("" : the data directory's SQLite file).
std::string g_db;
// --content-dir ("" : DATA/content).
std::string g_content_dir;
std::string content_dir(const std::string& data) { return g_content_dir.empty() ? data + "/content" : g_content_dir; }

// Where the store is, for messages (a PostgreSQL connection string is not shown: it may
// hold a password).
std::string where(const std::string& data) { return g_db.empty() ? database_path(data) : std::string("PostgreSQL (--db)"); }

Result<std::unique_ptr<ServerStore>> open_store(const std::string& data, const ServerStoreOptions& o) {
    return g_db.empty() ? open_sqlite_store(data, o) : open_pg_store(g_db, o);
}

std::unique_ptr<ServerStore> open_or_exit(const std::string& data, bool check, bool webhook) {
    ServerStoreOptions o;
    o.integrity_check = check;
    o.webhook = webhook;
    o.before_migration_dir = data + "/backups";
    o.content_dir = content_dir(data);
    auto s = open_store(data, o);
    if (!s.ok()) {
        std::fprintf(stderr, "fika-server: cannot open %s: %s\n", where(data).c_str(), s.error().message.c_str());
        std::exit(1);
    }
    return std::move(s).value();
}

// `args`: serve's options, the configuration file's first (`origin` names their lines).
int serve(const std::string& data, std::vector<std::string> args, const std::vector<std::string>& origin) {
    Config cfg;
    cfg.data_dir = data;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const std::size_t at = i;
        // A mistake in the configuration file names its line.
        auto bad = [&](const std::string& msg) {
            return usage_error(at < origin.size() ? origin[at] + ": " + msg : msg);
        };
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size()) throw std::runtime_error(a + " needs a value");
            return args[++i];
        };
        // A number, or an error that says which option wanted one.
        auto number = [&]() -> double {
            std::string v = value();
            char* end = nullptr;
            double d = std::strtod(v.c_str(), &end);
            if (v.empty() || *end != '\0' || !(d >= 0) || !(d <= 1e15))
                throw std::runtime_error((at < origin.size() ? origin[at] + ": " : "") + a + " takes a number, not \"" + v + "\"");
            return d;
        };
        auto count = [&]() { return static_cast<std::size_t>(number()); };
        if (a == "--listen") {
            std::string hp = value();
            auto colon = hp.rfind(':');
            if (colon == std::string::npos) return bad("--listen takes HOST:PORT");
            cfg.host = hp.substr(0, colon);
            if (cfg.host.size() > 2 && cfg.host.front() == '[' && cfg.host.back() == ']')
                cfg.host = cfg.host.substr(1, cfg.host.size() - 2);
            std::string port = hp.substr(colon + 1);
            if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
                std::stoi(port) > 65535)
                return bad("bad port in --listen (HOST:PORT, PORT 0-65535)");
            cfg.port = std::stoi(port);
        } else if (a == "--tls-cert") {
            cfg.tls_cert = value();
        } else if (a == "--tls-key") {
            cfg.tls_key = value();
        } else if (a == "--webhook") {
            cfg.webhook_url = value();
        } else if (a == "--max-body") {
            cfg.max_body = count();
        } else if (a == "--max-live") {
            cfg.max_live = count();
        } else if (a == "--require-app-lock") {
            cfg.require_app_lock_min = static_cast<int>(std::clamp(number(), 0.0, 24.0 * 60));
        } else if (a == "--live-poll") {
            cfg.live_poll_s = std::clamp(number(), 0.05, 3600.0);
        } else if (a == "--workers") {
            cfg.workers = std::max<std::size_t>(2, count());
        } else if (a == "--rate") {
            cfg.rate_per_s = number();
            cfg.rate_burst = std::max(10.0, cfg.rate_per_s * 4);
        } else if (a == "--max-drift") {
            cfg.max_drift_ms = static_cast<std::uint64_t>(number() * 1000);
        } else if (a == "--header-timeout") {
            cfg.header_timeout_s = std::clamp(number(), 0.1, 3600.0);
        } else if (a == "--body-timeout") {
            cfg.body_timeout_s = std::clamp(number(), 0.1, 3600.0);
        } else if (a == "--idle-timeout") {
            cfg.idle_timeout_s = std::clamp(number(), 1.0, 3600.0);
        } else if (a == "--max-connections") {
            cfg.max_connections = std::max<std::size_t>(16, count());
        } else if (a == "--max-per-address") {
            cfg.max_per_address = std::max<std::size_t>(2, count());
        } else if (a == "--order-wait") {
            cfg.push_order_wait_ms = static_cast<std::uint64_t>(std::clamp(number(), 0.0, 3600.0) * 1000);
        } else if (a == "--public-url") {
            cfg.public_url = value();
            if (cfg.public_url.rfind("http://", 0) != 0 && cfg.public_url.rfind("https://", 0) != 0)
                return bad("--public-url takes an http:// or https:// URL");
        } else if (a == "--backup-every") {
            auto every = parse_duration(value(), 's');
            if (!every) return bad("--backup-every takes a duration: 90s, 30m, 24h, 7d");
            cfg.backup_every = *every;
        } else if (a == "--keep") {
            cfg.backup_keep = static_cast<int>(std::min(number(), 1e6));
            if (cfg.backup_keep < 1) return bad("--keep takes how many backups to keep (1 or more)");
        } else if (a == "--backup-dir") {
            cfg.backup_dir = value();
        } else if (a == "--max-attachment-mb") {
            double mb = number();
            if (mb < 1 || mb > 1024 * 1024) return bad("--max-attachment-mb takes megabytes (1 or more)");
            cfg.max_attachment = static_cast<std::uint64_t>(mb * 1024 * 1024);
        } else if (a == "--content-quota-mb") {
            double mb = number();
            if (mb < 0 || mb > 1e12) return bad("--content-quota-mb takes megabytes (0: no quota)");
            cfg.content_quota = static_cast<std::uint64_t>(mb * 1024 * 1024);
        } else if (a == "--min-free-mb") {
            double mb = number();
            if (mb < 0 || mb > 1e12) return bad("--min-free-mb takes megabytes (0 or more)");
            cfg.min_free = static_cast<std::uint64_t>(mb * 1024 * 1024);
        } else if (a == "--smtp") {
            cfg.smtp.url = value();
            if (cfg.smtp.url.rfind("smtp://", 0) != 0 && cfg.smtp.url.rfind("smtps://", 0) != 0)
                return bad("--smtp takes smtp://HOST[:PORT] (STARTTLS) or smtps://HOST[:PORT] (TLS)");
        } else if (a == "--smtp-from") {
            cfg.smtp.from = value();
            if (!fika::rules::valid_mail_address(cfg.smtp.from)) return bad("--smtp-from takes one address: fika@example.com");
        } else if (a == "--smtp-user") {
            cfg.smtp.user = value();
        } else if (a == "--smtp-password-file") {
            std::string file = value();
            std::ifstream in(file);
            if (!in) return bad("--smtp-password-file: cannot read " + file);
            std::getline(in, cfg.smtp.password);
            while (!cfg.smtp.password.empty() && (cfg.smtp.password.back() == '\r' || cfg.smtp.password.back() == ' '))
                cfg.smtp.password.pop_back();
        } else if (a == "--smtp-tls") {
            cfg.smtp.tls = value();
            if (cfg.smtp.tls != "required" && cfg.smtp.tls != "try" && cfg.smtp.tls != "none")
                return bad("--smtp-tls takes required, try or none");
        } else if (a == "--smtp-ca") {
            cfg.smtp.ca_file = value();
            if (access(cfg.smtp.ca_file.c_str(), R_OK) != 0) return bad("--smtp-ca: cannot read " + cfg.smtp.ca_file);
        } else if (a == "--quiet") {
            cfg.quiet = true;
        } else {
            return bad("unknown option for serve: " + a);
        }
    }
    if (cfg.tls_cert.empty() != cfg.tls_key.empty()) return usage_error("--tls-cert and --tls-key go together");
    if (cfg.smtp.enabled() && cfg.smtp.from.empty())
        return usage_error("--smtp needs --smtp-from ADDRESS (the address mail comes from)");
    if (!cfg.smtp.enabled() && (!cfg.smtp.from.empty() || !cfg.smtp.user.empty()))
        return usage_error("--smtp-from and --smtp-user need --smtp URL");
    if (const char* pw = std::getenv("FIKA_SMTP_PASSWORD"); pw && *pw && cfg.smtp.password.empty()) cfg.smtp.password = pw;
    if (cfg.smtp.enabled() && !cfg.smtp.user.empty() && cfg.smtp.tls != "required" && cfg.smtp.url.rfind("smtps://", 0) != 0)
        std::fprintf(stderr, "fika-server: WARNING: --smtp-tls %s: the SMTP password may cross the network in clear text\n",
                     cfg.smtp.tls.c_str());
    cfg.backup_pg = is_pg_database(g_db);
    if (!cfg.webhook_url.empty() && cfg.webhook_url.rfind("http://", 0) != 0 && cfg.webhook_url.rfind("https://", 0) != 0)
        return usage_error("--webhook takes an http:// or https:// URL");

    // Signals go to one thread that stops the server; block them before any thread starts.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    signal(SIGPIPE, SIG_IGN);

    // One server per data directory; `restore` refuses while this is held.
    auto lock = lock_data_dir(data);
    if (!lock.ok()) return fail(lock.error());
    std::fprintf(stderr, "fika-server: opening %s (integrity check, migrations)\n", where(data).c_str());
    ServerStoreOptions so;
    so.webhook = !cfg.webhook_url.empty();
    so.mail = cfg.smtp.enabled();
    so.max_drift_ms = cfg.max_drift_ms;
    so.push_order_wait = std::chrono::milliseconds(cfg.push_order_wait_ms);
    so.max_waiting_pushes = std::max<std::size_t>(1, cfg.workers / 2);
    so.before_migration_dir = data + "/backups";
    so.content_dir = content_dir(data);
    auto store = open_store(data, so);
    if (!store.ok()) {
        std::fprintf(stderr, "fika-server: cannot open %s: %s\n", where(data).c_str(), store.error().message.c_str());
        return 1;
    }
    App app(cfg, std::move(store).value());
    int port = app.bind();
    if (port < 0) return 1;
    bool tls = !cfg.tls_cert.empty();
    if (!tls && !is_loopback(cfg.host))
        std::fprintf(stderr,
                     "fika-server: WARNING: listening on %s without TLS: tokens and data cross the network in "
                     "clear text. Use --tls-cert and --tls-key.\n",
                     cfg.host.c_str());
    std::printf("fika-server listening on %s://%s:%d (data: %s)\n", tls ? "https" : "http",
                cfg.host.find(':') != std::string::npos ? ("[" + cfg.host + "]").c_str() : cfg.host.c_str(), port,
                data.c_str());
    std::fflush(stdout);
    // Under systemd (Type=notify): started once it listens, its migrations done.
    notify_service_manager("READY=1\nSTATUS=listening on port " + std::to_string(port) + "\nMAINPID=" +
                           std::to_string(getpid()));

    std::thread signals([&app, set] {
        int sig = 0;
        sigwait(&set, &sig);
        std::fprintf(stderr, "fika-server: %s received, finishing requests and stopping\n",
                     sig == SIGINT ? "SIGINT" : "SIGTERM");
        notify_service_manager("STOPPING=1\nSTATUS=finishing requests and stopping");
        app.stop();
    });
    bool ok = app.serve();
    // The server has stopped (by a signal or otherwise): release the signal thread.
    pthread_kill(signals.native_handle(), SIGTERM);
    signals.join();
    std::fprintf(stderr, "fika-server: stopped; database closed cleanly\n");
    return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    // Two malloc arenas, not glibc's 8 per core: with a thread per connection each thread
    // got an arena of its own that kept what a large upload had freed (fika-bench S2 at
    // 100,000 records: server peak 384-432 MB with the default, 120 MB with two; the
    // same seconds). The work that allocates most runs under the one writer anyway.
    mallopt(M_ARENA_MAX, 2);
    // An arena grows and shrinks by 64 MiB of address space, not page by page. With the
    // default (the top trimmed back once 128 KiB or more are free there) every upload's
    // buffers were given back and faulted in again at the next message: S2 at 100,000
    // spent ~10 % of the server's CPU in page faults and mprotect (perf); with this its
    // CPU fell from 1.28-1.59 to 1.09-1.37 s (four alternating runs, docs/benchmarks.md).
    // Untouched address space costs no memory; the peak in S2 rose from ~95 to ~105 MB.
    mallopt(M_TOP_PAD, 64 << 20);
    // The configuration file first: what it says comes before the command line's.
    std::string config_path;
    bool config_named = false;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--config") == 0) {
            config_path = argv[i + 1];
            config_named = true;
        }
    if (!config_named) {
        const char* env = std::getenv("FIKA_CONFIG");
        config_named = env && *env;
        config_path = config_named ? env : (access(kDefaultConfigPath, F_OK) == 0 ? kDefaultConfigPath : "");
    }
    if (config_path == "none") config_path.clear();
    ConfigArgs config;
    if (!config_path.empty()) {
        auto read = read_config_file(config_path, kServeOptions);
        if (!read.ok()) {
            std::fprintf(stderr, "fika-server: %s\n", read.error().message.c_str());
            if (!config_named && access(config_path.c_str(), R_OK) != 0)
                std::fprintf(stderr, "(run it as the server's user - sudo -u fika fika-server ... - or name another "
                                     "file with --config FILE, or --config none)\n");
            return 2;
        }
        config = std::move(read).value();
    }
    // --data, else $FIKA_DATA, else the file's data, else the user's data directory.
    const char* env_data = std::getenv("FIKA_DATA");
    std::string data = !config.data.empty() && !(env_data && *env_data) ? config.data : default_data_dir();
    if (!config.db.empty()) g_db = config.db;
    if (!config.content_dir.empty()) g_content_dir = config.content_dir;
    if (!g_db.empty() && !is_pg_database(g_db))
        return usage_error(config_path + ": db: a postgresql:// URI or a libpq string (host=... dbname=...)");
    std::vector<std::string> args;
    bool json_out = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--config") {
            if (i + 1 >= argc) return usage_error("--config needs a file (or none)");
            ++i;
        } else if (a == "--data") {
            if (i + 1 >= argc) return usage_error("--data needs a directory");
            data = argv[++i];
        } else if (a == "--db") {
            if (i + 1 >= argc) return usage_error("--db needs a database");
            g_db = argv[++i];
            if (!is_pg_database(g_db)) return usage_error("--db: a postgresql:// URI or a libpq string (host=... dbname=...)");
        } else if (a == "--content-dir") {
            if (i + 1 >= argc) return usage_error("--content-dir needs a directory");
            g_content_dir = argv[++i];
        } else if (a == "--help" || a == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        } else if (a == "--version") {
            std::printf("fika-server %s\n", FIKA_VERSION);
            return 0;
        } else if (a == "--json") {
            json_out = true;
        } else {
            args.push_back(a);
        }
    }
    if (args.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    // root running a command on a data directory the service's user owns would leave
    // files there (the database's journal, a backup) that the service cannot write.
    struct stat dir_stat {};
    if (g_db.empty() && geteuid() == 0 && stat(data.c_str(), &dir_stat) == 0 && dir_stat.st_uid != 0) {
        const passwd* owner = getpwuid(dir_stat.st_uid);
        std::string who = owner ? owner->pw_name : std::to_string(dir_stat.st_uid);
        std::fprintf(stderr,
                     "fika-server: %s belongs to the user %s: run fika-server as %s (sudo -u %s fika-server ...), "
                     "so that what it writes stays theirs\n",
                     data.c_str(), who.c_str(), who.c_str(), who.c_str());
        return 2;
    }
    const std::string cmd = args[0];
    try {
        if (cmd == "serve") {
            std::vector<std::string> serve_args = config.serve;
            serve_args.insert(serve_args.end(), args.begin() + 1, args.end());
            return serve(data, std::move(serve_args), config.origin);
        }
        if (cmd == "user") {
            if (args.size() < 2) return usage_error("user add|list|disable|enable|token");
            const std::string& sub = args[1];
            if (sub == "list") {
                auto store = open_or_exit(data, false, false);
                auto users = store->users();
                if (!users.ok()) return fail(users.error());
                if (json_out) {
                    print_json(admin_json::users(*users));
                } else {
                    std::printf("%-24s %-11s %-9s %s\n", "NAME", "ROLE", "STATE", "ID");
                    for (const User& u : *users)
                        std::printf("%-24s %-11s %-9s %s\n", u.name.c_str(), std::string(role_name(u.role)).c_str(),
                                    u.disabled ? "disabled" : "active", u.id.c_str());
                }
                return 0;
            }
            if (args.size() < 3) return usage_error("user " + sub + " needs a NAME");
            const std::string& name = args[2];
            auto store = open_or_exit(data, false, false);
            if (sub == "add") {
                std::string role;
                for (std::size_t i = 3; i + 1 < args.size(); ++i)
                    if (args[i] == "--role") role = args[i + 1];
                auto r = parse_role(role);
                if (!r) return usage_error("user add NAME --role consultant|seller|admin");
                auto added = store->add_user(name, *r);
                if (!added.ok()) return fail(added.error());
                if (json_out) return print_json(admin_json::added(added->first, added->second));
                std::printf("created %s %s (%s)\ntoken, shown once — give it to the user:\n%s\n",
                            std::string(role_name(*r)).c_str(), name.c_str(), added->first.id.c_str(),
                            added->second.c_str());
                return 0;
            }
            if (sub == "disable" || sub == "enable") {
                auto st = store->set_disabled(name, sub == "disable");
                if (!st.ok()) return fail(st.error());
                if (json_out) return print_json(admin_json::disabled(name, sub == "disable"));
                std::printf("%s %s\n", name.c_str(), sub == "disable" ? "disabled" : "enabled");
                return 0;
            }
            if (sub == "token") {
                bool none = args.size() == 4 && args[3] == "--none";
                if (args.size() > 3 && !none) return usage_error("user token NAME [--none]");
                auto t = store->rotate_token(name, none);
                if (!t.ok()) return fail(t.error());
                if (json_out) return print_json(admin_json::token(name, *t));
                if (none) std::printf("%s has no token of their own now: only enrolled devices sign in\n", name.c_str());
                else std::printf("new token for %s (the old one no longer works):\n%s\n", name.c_str(), t->c_str());
                return 0;
            }
            if (sub == "enrol") {
                std::uint64_t ttl = kEnrolTtlDefaultMin;
                std::string url;
                for (std::size_t i = 3; i < args.size(); ++i) {
                    if (args[i] == "--ttl" && i + 1 < args.size()) {
                        auto t = parse_duration(args[++i], 'm');
                        if (!t || *t < std::chrono::minutes(1))
                            return usage_error("--ttl takes a duration such as 30m, 8h or 2d");
                        ttl = static_cast<std::uint64_t>(t->count() / 60);
                    } else if (args[i] == "--url" && i + 1 < args.size()) {
                        url = args[++i];
                        if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
                            return usage_error("--url takes an http:// or https:// URL");
                    } else {
                        return usage_error("user enrol NAME [--ttl DURATION] [--url URL]");
                    }
                }
                auto e = store->new_enrolment(name, ttl);
                if (!e.ok()) return fail(e.error());
                std::string link = url.empty() ? std::string() : fika::sync::enrol_link(url, e->code);
                if (json_out) return print_json(admin_json::enrolment(*e, link));
                std::printf("enrolment code for %s, single use, until %s:\n\n    %s\n\n", name.c_str(),
                            when(e->expires_ms).c_str(), e->code.c_str());
                if (link.empty()) {
                    std::printf("(with --url URL, where devices reach this server, also a link and a QR code)\n");
                } else {
                    std::printf("link: %s\n", link.c_str());
                    if (isatty(STDOUT_FILENO)) print_qr(link);
                }
                return 0;
            }
            return usage_error("unknown user command: " + sub);
        }
        if (cmd == "access" && args.size() >= 2 && args[1] == "log") {
            std::string person, who;
            for (std::size_t i = 2; i + 1 < args.size(); i += 2) {
                if (args[i] == "--person") person = args[i + 1];
                else if (args[i] == "--user") who = args[i + 1];
                else return usage_error("access log [--person CONTACT_ID] [--user NAME]");
            }
            if (args.size() % 2 != 0) return usage_error("access log [--person CONTACT_ID] [--user NAME]");
            auto store = open_or_exit(data, false, false);
            auto log = store->access_log(person, who, 10000);
            if (!log.ok()) return fail(log.error());
            if (json_out) return print_json(admin_json::access_log(*log));
            std::printf("%-10s  %-16s %-8s %-36s %-6s %s\n", "DAY", "WHO", "ACTION", "SUBJECT", "TIMES", "NAME");
            for (const AccessEntry& e : *log)
                std::printf("%-10s  %-16s %-8s %-36s %-6llu %s\n", e.day.c_str(), e.who.c_str(), e.action.c_str(),
                            e.subject.c_str(), static_cast<unsigned long long>(e.times), e.subject_name.c_str());
            return 0;
        }
        if (cmd == "person") {
            const char* forms = "person export CONTACT_ID [FILE] | person erase CONTACT_ID --yes";
            if (args.size() < 3) return usage_error(forms);
            auto store = open_or_exit(data, false, false);
            const std::string who = "(fika-server command)";
            if (args[1] == "export" && args.size() <= 4) {
                auto doc = store->export_person(who, args[2]);
                if (!doc.ok()) return fail(doc.error());
                if (args.size() == 3 || args[3] == "-") {
                    std::printf("%s\n", doc->c_str());
                    return 0;
                }
                if (auto own = store->check_output_file(args[3]); !own.ok()) return fail(own.error());
                std::ofstream f(args[3], std::ios::binary);
                f << *doc << "\n";
                f.close();
                if (!f) return fail(fika::sync::Error{fika::sync::Code::Storage, "cannot write " + args[3]});
                std::printf("wrote %s\n", args[3].c_str());
                return 0;
            }
            if (args[1] == "erase" && args.size() == 4 && args[3] == "--yes") {
                auto buckets = store->erase_person(who, args[2]);
                if (!buckets.ok()) return fail(buckets.error());
                if (json_out) return print_json(admin_json::erased(args[2], *buckets));
                std::printf("erased %s; every device clears them at its next sync\n", args[2].c_str());
                return 0;
            }
            if (args[1] == "erase") return usage_error("erasing a person cannot be undone: add --yes to go ahead");
            return usage_error(forms);
        }
        if (cmd == "access") {
            if (args.size() != 4 || (args[1] != "grant" && args[1] != "revoke"))
                return usage_error("access grant|revoke USER ACCOUNT_ID | access log [--person ID] [--user NAME]");
            auto store = open_or_exit(data, false, false);
            auto st = args[1] == "grant" ? store->grant(args[2], args[3]) : store->revoke(args[2], args[3]);
            if (!st.ok()) return fail(st.error());
            if (json_out) return print_json(admin_json::access(args[2], args[3], args[1] == "grant"));
            std::printf("%s %s access to %s\n", args[2].c_str(), args[1] == "grant" ? "now has" : "no longer has",
                        args[3].c_str());
            return 0;
        }
        if (cmd == "device" && args.size() >= 2 && args[1] == "list") {
            if (args.size() > 3) return usage_error("device list [USER]");
            auto store = open_or_exit(data, false, false);
            auto ds = store->devices(args.size() == 3 ? args[2] : std::string());
            if (!ds.ok()) return fail(ds.error());
            if (json_out) return print_json(admin_json::devices(*ds));
            std::printf("%-17s %-14s %-20s %-10s %-8s %-17s %-17s %s\n", "DEVICE", "USER", "NAME", "PLATFORM", "VERSION",
                        "FIRST SEEN", "LAST SYNC", "STATE");
            for (const Device& d : *ds) {
                std::string state = d.wiped_ms                    ? "wiped"
                                    : d.signout_ms && d.revoked_ms ? "signed out"
                                    : d.signout_ms                 ? "signing out"
                                    : d.revoked_ms                 ? "revoked"
                                    : d.enrolled_ms                ? "enrolled"
                                                                   : "user token";
                std::printf("%-17s %-14s %-20s %-10s %-8s %-17s %-17s %s\n", d.site.c_str(), d.user_name.c_str(),
                            d.name.substr(0, 20).c_str(), d.platform.substr(0, 10).c_str(), d.app_version.substr(0, 8).c_str(),
                            when(d.first_seen_ms).substr(0, 16).c_str(),
                            d.last_sync_ms ? when(d.last_sync_ms).substr(0, 16).c_str() : "never", state.c_str());
            }
            return 0;
        }
        if (cmd == "device" && args.size() == 3 && args[1] == "revoke") {
            auto store = open_or_exit(data, false, false);
            auto st = store->revoke_device(args[2]);
            if (!st.ok()) return fail(st.error());
            if (json_out) return print_json(admin_json::revoked(args[2]));
            std::printf("device %s is signed out: its token no longer works; it keeps its data until enrolled again\n",
                        args[2].c_str());
            return 0;
        }
        if (cmd == "device" && args.size() == 3 && args[1] == "signout") {
            auto store = open_or_exit(data, false, false);
            auto st = store->ask_sign_out(args[2]);
            if (!st.ok()) return fail(st.error());
            if (json_out) return print_json(admin_json::sign_out_asked(args[2]));
            std::printf("device %s is asked to sign out: at its next sync it sends everything, then deletes its data\n",
                        args[2].c_str());
            return 0;
        }
        if (cmd == "device") {
            // device wipe SITE [--reason TEXT]
            std::string reason;
            std::vector<std::string> rest;
            for (std::size_t i = 1; i < args.size(); ++i) {
                if (args[i] == "--reason" && i + 1 < args.size()) reason = args[++i];
                else rest.push_back(args[i]);
            }
            if (rest.size() != 2 || rest[0] != "wipe")
                return usage_error("device list [USER] | device revoke|signout SITE | device wipe SITE [--reason TEXT]");
            auto store = open_or_exit(data, false, false);
            auto st = store->wipe_device(rest[1], reason);
            if (!st.ok()) return fail(st.error());
            if (json_out) return print_json(admin_json::wiped(rest[1], reason));
            std::printf("device %s is wiped: at its next sync it deletes its data, and nothing from it is taken\n",
                        rest[1].c_str());
            return 0;
        }
        // Where the schedule puts backups: serve's --backup-dir from the settings file, else DATA/backups.
        auto backup_dir = [&] {
            for (std::size_t i = 0; i + 1 < config.serve.size(); ++i)
                if (config.serve[i] == "--backup-dir") return config.serve[i + 1];
            return (std::filesystem::path(data) / "backups").string();
        };
        if (cmd == "backup" && args.size() == 2 && args[1] == "list") {
            auto found = backups_in(backup_dir(), !g_db.empty(), true);
            nlohmann::json arr = nlohmann::json::array();
            if (!json_out)
                std::printf("backups in %s\n%-54s %12s  %s\n", backup_dir().c_str(), "NAME", "BYTES", "WRITTEN");
            for (const std::string& p : found) {
                std::error_code ec;
                auto size = std::filesystem::file_size(p, ec);
                auto t = std::filesystem::last_write_time(p, ec);
                std::uint64_t ms = ec ? 0 : static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                std::chrono::file_clock::to_sys(t).time_since_epoch()).count());
                std::string name = std::filesystem::path(p).filename().string();
                if (json_out) arr.push_back({{"name", name}, {"path", p}, {"bytes", size}, {"written_ms", ms}});
                else std::printf("%-54s %12llu  %s\n", name.c_str(), static_cast<unsigned long long>(size), when(ms).c_str());
            }
            if (json_out) return print_json({{"dir", backup_dir()}, {"backups", arr}});
            if (found.empty()) std::printf("(none yet: serve --backup-every 24h takes them)\n");
            return 0;
        }
        if (cmd == "backup") {
            if (args.size() != 2) return usage_error("backup FILE | backup list");
            auto store = open_or_exit(data, false, false);
            auto st = store->backup(args[1]);
            if (!st.ok()) return fail(st.error());
            if (json_out) return print_json(admin_json::backup(args[1]));
            std::printf("backed up %s to %s\n", where(data).c_str(), args[1].c_str());
            return 0;
        }
        if (cmd == "restore") {
            if (args.size() != 2) return usage_error("restore FILE | restore NAME (as backup list shows it) | restore latest");
            if (!g_db.empty())
                return usage_error("restore puts a SQLite backup in place; a PostgreSQL database is restored with "
                                   "pg_restore (docs/deployment.md)");
            // A path as given; else a name from `backup list`; "latest": the newest scheduled one.
            std::string from = args[1];
            std::error_code ec;
            if (from == "latest") {
                auto found = backups_in(backup_dir(), false);
                if (found.empty()) return fail({fika::sync::Code::NotFound, "no scheduled backup in " + backup_dir()});
                from = found.back();
            } else if (!std::filesystem::exists(from, ec) && from.find('/') == std::string::npos &&
                       std::filesystem::exists(std::filesystem::path(backup_dir()) / from, ec)) {
                from = (std::filesystem::path(backup_dir()) / from).string();
            } else if (!std::filesystem::exists(from, ec)) {
                return fail({fika::sync::Code::NotFound, from + ": no such file, nor a backup of that name in " +
                                                             backup_dir() + " (fika-server backup list shows them)"});
            }
            auto rep = restore_sqlite_store(data, from);
            if (!rep.ok()) return fail(rep.error());
            std::printf("restored %s from %s: %zu records, sequence %llu, incarnation %s\n", database_path(data).c_str(),
                        from.c_str(), rep->records, static_cast<unsigned long long>(rep->seq),
                        fika::sync::site_to_string(rep->incarnation).c_str());
            if (!rep->replaced.empty()) std::printf("the database it replaced is kept as %s\n", rep->replaced.c_str());
            // Attachments' content from the pool beside the backup (what the store lacks).
            if (auto pool = backup_content_pool(from); std::filesystem::exists(pool / "objects", ec)) {
                try {
                    ContentStore content(content_dir(data));
                    auto put = content.restore_from(pool);
                    if (!put.ok()) return fail(put.error());
                    std::printf("attachments' content: %zu file(s) put back from %s\n", *put, pool.c_str());
                } catch (const fika::sync::Failure& f) {
                    return fail(f.error);
                }
            }
            std::printf("at their next sync, devices send again what the backup lacks and download everything again\n");
            return 0;
        }
        if (cmd == "stats") {
            auto store = open_or_exit(data, false, false);
            auto s = store->stats();
            if (!s.ok()) return fail(s.error());
            if (json_out) {
                print_json(admin_json::stats(*s));
            } else {
                std::printf("users %zu, devices %zu, records %zu, buckets %zu, notifications %zu, webhook queue %zu\n",
                            s->users, s->devices, s->records, s->buckets, s->notifications, s->webhook_queue);
                std::printf("database %s: %.1f MiB\n", where(data).c_str(), s->db_bytes / 1048576.0);
                if (!s->device_list.empty()) std::printf("%-18s %-16s %-22s %s\n", "DEVICE", "USER", "LAST SYNC", "SYNCS");
                for (const Device& d : s->device_list)
                    std::printf("%-18s %-16s %-22s %llu%s\n", d.site.c_str(), d.user_name.c_str(), when(d.last_sync_ms).c_str(),
                                static_cast<unsigned long long>(d.syncs), d.wiped_ms ? "  (wiped)" : "");
            }
            return 0;
        }
    } catch (const std::exception& e) {
        return usage_error(e.what());
    }
    return usage_error("unknown command: " + cmd);
}
