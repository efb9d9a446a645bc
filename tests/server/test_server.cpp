// Integration tests of fika-server: the real binary on a free loopback port with a
// temporary data directory, driven over HTTP by real devices (Store + SyncClient) and by
// raw requests.
#include <catch2/catch.hpp>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <algorithm>
#include <set>
#include <thread>

#include "enrolment.h"
#include "gzip.h"
#include "device_harness.h"
#include "server_harness.h"
#include "sse.h"
#include "sqlite.h"
#include "sqlite_hub.h"
#include "store.h"
#include "sync_client.h"

using namespace fika;
using fika::test::ServerProcess;
using fika::test::TempDir;
using json = nlohmann::json;

namespace {

const std::string kMinimalSync = R"({"v":1,"schema":1,"site":"00000000000000aa","hlc":1,"pull":{"cursors":{}}})";

}  // namespace

using fika::test::auth;
using fika::test::body_json;
using fika::test::holds_within;
using Device = fika::test::SyncDevice;

// The backup files in dir, oldest first.
std::vector<std::string> backups_in(const std::string& dir) {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().filename().string().rfind("fika-", 0) == 0) out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

TEST_CASE("scheduled backups: one at start and then on schedule - each read back - the newest kept - their state in /healthz and /metrics") {
    TempDir dir;
    ServerProcess srv({"--rate", "0", "--backup-every", "1s", "--keep", "2", "--backup-dir", dir.path().string()});
    std::string tok = srv.add_user("karin", "consultant");
    httplib::Client c(srv.url());
    auto backup = [&] {
        auto h = c.Get("/healthz");
        REQUIRE(h);
        REQUIRE(h->status == 200);
        return body_json(h)["backup"];
    };
    // Three backups after karin was added (the path of the newest changes each time).
    std::set<std::string> seen;
    REQUIRE(holds_within([&] {
        json b = backup();
        if (b.contains("path")) seen.insert(b["path"].get<std::string>());
        return seen.size() >= 4;
    }, 20000));
    json b = backup();
    INFO(b.dump());
    CHECK(b["every_s"] == 1);
    CHECK(b["last_ok"] == true);
    CHECK(b["failures"] == 0);
    CHECK(b["kept"] == 2);
    CHECK(b["age_s"].get<int>() <= 3);
    CHECK_FALSE(b.contains("last_error"));
    auto m = c.Get("/metrics");
    REQUIRE(m);
    CHECK_THAT(m->body, Catch::Contains("fika_backup_last_ok 1"));
    CHECK_THAT(m->body, Catch::Contains("fika_backups_kept 2"));
    CHECK_THAT(m->body, Catch::Contains("fika_backup_failures_total 0"));
    CHECK_THAT(m->body, Catch::Contains("fika_backup_last_success_timestamp_seconds 17"));
    srv.stop();
    // Only the newest two are left, and the newest holds what the server held.
    auto files = backups_in(dir.path().string());
    REQUIRE(files.size() == 2);
    if (fika::test::pg_backend()) {
        auto [rc, listing] = fika::test::run_command({"/usr/bin/pg_restore", "--list", files.back()});
        CHECK(rc == 0);
        CHECK_THAT(listing, Catch::Contains("srv_users"));
    } else {
        fika::sync::Db copy(files.back(), false);
        fika::sync::Stmt users = copy.prepare("SELECT count(*) FROM srv_users WHERE name='karin'");
        REQUIRE(users.step());
        CHECK(users.integer(0) == 1);
    }
}

TEST_CASE("a scheduled backup that cannot be written is said in /healthz and /metrics - the server serves on - and it is tried again") {
    TempDir dir;
    std::string not_a_dir = (dir.path() / "a-file").string();
    std::ofstream(not_a_dir) << "in the way";
    ServerProcess srv({"--rate", "0", "--backup-every", "1s", "--backup-dir", not_a_dir});
    std::string tok = srv.add_user("karin", "consultant");
    httplib::Client c(srv.url());
    json b;
    REQUIRE(holds_within([&] {
        auto h = c.Get("/healthz");
        if (!h || h->status != 200) return false;
        b = body_json(h)["backup"];
        return b.value("failures", 0) >= 2;  // tried again, a second later
    }, 20000));
    INFO(b.dump());
    CHECK(b["last_ok"] == false);
    CHECK_FALSE(b["last_error"].get<std::string>().empty());
    CHECK_FALSE(b.contains("last_ok_at"));
    auto m = c.Get("/metrics");
    REQUIRE(m);
    CHECK_THAT(m->body, Catch::Contains("fika_backup_last_ok 0"));
    CHECK_THAT(m->body, Catch::Contains("fika_backup_last_success_timestamp_seconds 0"));
    auto me = c.Get("/v1/me", auth(tok));
    REQUIRE(me);
    CHECK(me->status == 200);
}

TEST_CASE("an older database is copied aside before it is migrated - a migration that fails leaves it as it was and the server refuses to start saying why") {
    if (fika::test::pg_backend()) return;  // the embedded database's file; PostgreSQL's: tests/server/test_pg.cpp
    ServerProcess srv({"--rate", "0"});
    std::string tok = srv.add_user("karin", "consultant");
    srv.stop();
    const std::string db = srv.data() + "/fika-server.db";
    auto server_schema = [](const std::string& path) {
        fika::sync::Db raw(path, false);
        fika::sync::Stmt v = raw.prepare("SELECT value FROM _meta WHERE key='server_schema'");
        return v.step() ? std::string(v.text(0)) : std::string();
    };
    {
        // As fika-server at server schema 5 left it (before devices could be signed out).
        fika::sync::Db raw(db, false);
        raw.exec("ALTER TABLE srv_devices DROP COLUMN signout_at");
        raw.exec("DROP TABLE srv_mail; DROP TABLE srv_mail_prefs");  // schema 7
        raw.exec("DROP TABLE srv_content");                          // schema 8
        raw.exec("DROP INDEX srv_users_by_role");                    // schema 9
        raw.exec("UPDATE _meta SET value='5' WHERE key='server_schema'");
    }
    srv.start();
    httplib::Client c(srv.url());
    auto me = c.Get("/v1/me", auth(tok));
    REQUIRE(me);
    CHECK(me->status == 200);
    auto h = c.Get("/healthz");
    REQUIRE(h);
    CHECK(body_json(h)["version"] == FIKA_VERSION);
    CHECK(body_json(h)["layout"] == "3.9");  // what the database is now, as the copy's name says what it was
    srv.stop();
    CHECK(server_schema(db) == "9");
    std::vector<std::string> copies;
    for (const auto& e : std::filesystem::directory_iterator(srv.data() + "/backups"))
        copies.push_back(e.path().string());
    REQUIRE(copies.size() == 1);
    CHECK_THAT(copies[0], Catch::Contains("before-migration-"));
    CHECK(server_schema(copies[0]) == "5");  // the database as it was
    CHECK_THAT(srv.log(), Catch::Contains("a copy from before is"));

    // A migration that fails: version 5 claimed again while its column is there already.
    {
        fika::sync::Db raw(db, false);
        raw.exec("UPDATE _meta SET value='5' WHERE key='server_schema'");
    }
    auto [rc, out] = fika::test::run_command({FIKA_SERVER_BIN, "--data", srv.data(), "serve", "--listen", "127.0.0.1:0"}, true);
    INFO(out);
    CHECK(rc != 0);
    CHECK_THAT(out, Catch::Contains("migrating the server's tables from version 5 to 9 failed"));
    CHECK_THAT(out, Catch::Contains("the server's tables are as they were"));
    CHECK_FALSE(Catch::Contains("listening on").match(out));
    CHECK(server_schema(db) == "5");
}

TEST_CASE("health - identity - metrics and the request log") {
    ServerProcess srv({"--rate", "0"});
    std::string tok = srv.add_user("sam", "seller");
    httplib::Client c(srv.url());
    auto h = c.Get("/healthz");
    REQUIRE(h);
    CHECK(h->status == 200);
    CHECK(body_json(h)["status"] == "ok");
    auto me = c.Get("/v1/me", auth(tok));
    REQUIRE(me);
    CHECK(me->status == 200);
    json j = body_json(me);
    CHECK(j["name"] == "sam");
    CHECK(j["role"] == "seller");
    CHECK(j["buckets"] == json::array({"global"}));
    auto m = c.Get("/metrics");
    REQUIRE(m);
    CHECK(m->status == 200);
    CHECK_THAT(m->body, Catch::Contains("fika_http_requests_total{route=\"/v1/me\",status=\"200\"} 1"));
    CHECK_THAT(m->body, Catch::Contains("fika_sync_duration_seconds_bucket"));
    CHECK_THAT(m->body, Catch::Contains("fika_live_connections 0"));
    CHECK_THAT(m->body, Catch::Contains("fika_feed_lag_seconds "));  // 0 on SQLite; PostgreSQL: the oldest writer
    CHECK_THAT(m->body, Catch::Contains("fika_database_bytes"));
    // One log line per request: time, user, method, path, status, milliseconds. The line
    // is written just after the answer is sent, so give it a moment.
    std::string line;
    for (int i = 0; i < 100 && line.empty(); ++i) {
        std::string log = srv.log();
        auto at = log.find("user=sam GET /v1/me 200 ");
        if (at != std::string::npos) {
            auto start = log.rfind('\n', at);
            line = log.substr(start == std::string::npos ? 0 : start + 1, log.find('\n', at) - (start == std::string::npos ? 0 : start + 1));
        } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    CHECK_THAT(line, Catch::Matches("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z user=sam GET /v1/me 200 [0-9.]+ms"));
}

TEST_CASE("large JSON answers come gzip'd when asked for - small ones and unasked ones plain") {
    ServerProcess srv({"--rate", "0", "--quiet"});
    std::string alice = srv.add_user("alice", "consultant");
    Device a(srv.url(), alice);
    std::string acme = a.account("Acme");
    for (int i = 0; i < 40; ++i)
        a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("Case " + std::to_string(i))}});
    a.sync();

    httplib::Client c(srv.url());
    c.set_decompress(false);  // see the bytes as they travel
    httplib::Headers gz = auth(alice);
    gz.emplace("Accept-Encoding", "gzip");
    auto big = c.Post("/v1/sync", gz, kMinimalSync, "application/json");  // downloads all 41 records
    REQUIRE(big);
    CHECK(big->status == 200);
    CHECK(big->get_header_value("Content-Encoding") == "gzip");
    CHECK(big->get_header_value("Content-Type") == "application/json; charset=utf-8");
    CHECK(big->body.rfind("\x1f\x8b", 0) == 0);  // compressed once: a gzip stream, not JSON

    auto small = c.Get("/v1/me", gz);
    REQUIRE(small);
    CHECK(small->get_header_value("Content-Encoding").empty());
    CHECK(json::parse(small->body)["name"] == "alice");

    auto plain = c.Post("/v1/sync", auth(alice), kMinimalSync, "application/json");
    REQUIRE(plain);
    CHECK(plain->get_header_value("Content-Encoding").empty());
    std::size_t records = 0;
    json answer = json::parse(plain->body);
    for (auto& page : answer["pages"])
        if (page["bucket"] == acme) records = page["changes"].size();
    CHECK(records == 41);  // the account and its 40 cases
}

TEST_CASE("devices converge through the server - a seller reads everything") {
    ServerProcess srv;
    std::string alice = srv.add_user("alice", "consultant");
    std::string bob = srv.add_user("bob", "consultant");
    std::string sam = srv.add_user("sam", "seller");
    Device a(srv.url(), alice), b(srv.url(), bob), s(srv.url(), sam);
    std::string acme = a.account("Acme");
    std::string cs = a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("Data platform")},
                                     {"value", std::int64_t{135000}}});
    auto rep = a.sync();
    CHECK(rep.complete);
    CHECK(rep.pushed == 2);
    CHECK(rep.refused.empty());
    CHECK(rep.redownloaded.empty());  // no false drift
    srv.admin({"access", "grant", "bob", acme});
    b.sync();
    CHECK(b.has("cases", cs));
    REQUIRE(b.store->update("cases", cs, {{"stage", sync::text("meeting")}}).ok());
    b.sync();
    a.sync();
    s.sync();
    CHECK(*a.store->dump(true) == *b.store->dump(true));
    CHECK(*a.store->dump(true) == *s.store->dump(true));
    CHECK(a.sync().redownloaded.empty());
    CHECK(s.sync().redownloaded.empty());
    CHECK(std::get<std::string>((*s.store->get("cases", cs))["stage"]) == "meeting");
}

TEST_CASE("isolation: a consultant never reads or writes an account it was not granted") {
    ServerProcess srv;
    std::string alice = srv.add_user("alice", "consultant");
    std::string bob = srv.add_user("bob", "consultant");
    Device a(srv.url(), alice), b(srv.url(), bob);
    std::string secret = a.account("Secret Corp");
    a.add("cases", {{"account_id", sync::text(secret)}, {"title", sync::text("Confidential")}});
    auto first = a.sync();
    REQUIRE(first.complete);
    // Creating the account granted it to her, within the push: the same answer already
    // brings her cursor in it (the pull reads the grants as the push left them).
    CHECK(first.round_trips == 1);
    CHECK(a.store->cursors()->count(secret) == 1);

    // Bob pulls with every trick: no cursor, a cursor of 0, a cursor naming the account.
    b.sync();
    CHECK(!b.has("accounts", secret));
    httplib::Client c(srv.url());
    json req = json::parse(kMinimalSync);
    req["pull"]["cursors"][secret] = 0;
    auto r = c.Post("/v1/sync", auth(bob), req.dump(), "application/json");
    json j = body_json(r);
    for (auto& p : j["pages"]) CHECK(p["bucket"] != secret);
    CHECK(j["purge"] == json::array({secret}));  // and the server tells him to forget it

    // Bob writes into it: refused, per change, with a reason; nothing is stored.
    sync::Store& bs = *b.store;
    const sync::TableDef* cases = bs.schema().table("cases");
    sync::RecordChange sneak{cases, "01900000-0000-7000-8000-0000000000ee",
                             {{cases->field_index("account_id"), sync::text(secret), {bs.hlc_last() + 1000, bs.site()}, {}, 0},
                              {cases->field_index("title"), sync::text("planted"), {bs.hlc_last() + 1000, bs.site()}, {}, 0}}};
    sync::SyncRequest sr;
    sr.site = bs.site();
    sr.hlc = bs.hlc_last();
    sr.has_push = true;
    sr.push_upto = 1;
    sr.push = {sneak};
    r = c.Post("/v1/sync", auth(bob), sync::encode_request(sr), "application/json");
    j = body_json(r);
    REQUIRE(j["push"]["refused"].size() == 1);
    CHECK(j["push"]["refused"][0]["code"] == "forbidden");
    CHECK_THAT(j["push"]["refused"][0]["message"].get<std::string>(), Catch::Contains("no access"));
    a.sync();
    CHECK(!a.has("cases", "01900000-0000-7000-8000-0000000000ee"));

    // Consultants cannot write the shared lists, nor other users' profiles.
    std::string tp = b.add("talking_points", {{"style", sync::text("direct")}, {"body", sync::text("Ask for the meeting")}});
    auto rep = b.sync();
    REQUIRE(rep.refused.size() == 1);
    CHECK(rep.refused[0].id == tp);
    CHECK(b.store->refused()->size() == 1);
}

TEST_CASE("granting access downloads the account - revoking it purges it") {
    ServerProcess srv;
    std::string alice = srv.add_user("alice", "consultant");
    std::string bob = srv.add_user("bob", "consultant");
    Device a(srv.url(), alice), b(srv.url(), bob);
    std::string acme = a.account("Acme");
    std::string contact = a.add("contacts", {{"account_id", sync::text(acme)}, {"name", sync::text("Eva")}});
    a.sync();
    b.sync();
    CHECK(!b.has("accounts", acme));
    auto [rc, out] = srv.admin({"access", "grant", "bob", acme});
    CHECK(rc == 0);
    b.sync();
    CHECK(b.has("accounts", acme));
    CHECK(b.has("contacts", contact));
    httplib::Client c(srv.url());
    auto adm = srv.add_user("root", "admin");
    auto r = c.Post("/v1/admin/access/revoke", auth(adm), json{{"user", "bob"}, {"account", acme}}.dump(), "application/json");
    REQUIRE(r);
    CHECK(r->status == 200);
    auto rep = b.sync();
    CHECK(rep.purged == std::vector<std::string>{acme});
    CHECK(!b.has("accounts", acme));
    CHECK(!b.has("contacts", contact));
}

TEST_CASE("a new case notifies every seller exactly once - however often the push is retried") {
    ServerProcess srv;
    std::string alice = srv.add_user("alice", "consultant");
    std::string sam = srv.add_user("sam", "seller");
    std::string sue = srv.add_user("sue", "seller");
    Device a(srv.url(), alice);
    std::string acme = a.account("Acme", {{"policy", sync::text("inbound-only")}});
    std::string eva = a.add("contacts", {{"account_id", sync::text(acme)}, {"name", sync::text("Eva")}});
    std::string cs = a.add("cases", {{"account_id", sync::text(acme)}, {"contact_id", sync::text(eva)},
                                     {"title", sync::text("Coffee-machine lead")}});
    // The same push three times (as if the answers were lost), then a normal sync.
    httplib::Client c(srv.url());
    a.push_again(c, alice, 3);
    a.sync();
    for (const std::string& tok : {sam, sue}) {
        auto r = c.Get("/v1/notifications", auth(tok));
        json j = body_json(r);
        REQUIRE(j["notifications"].size() == 1);
        json n = j["notifications"][0];
        CHECK(n["case_id"] == cs);
        CHECK(n["read"] == false);
        CHECK(n["payload"]["kind"] == "new_case");
        CHECK(n["payload"]["case"]["title"] == "Coffee-machine lead");
        CHECK(n["payload"]["account"]["name"] == "Acme");
        CHECK(n["payload"]["contact"]["name"] == "Eva");
        CHECK(n["payload"]["found_by"]["name"] == "alice");
        CHECK(n["payload"]["flags"] == json::array({"policy:inbound-only"}));
        CHECK(j["unread"] == 1);
    }
    // Marking read.
    auto r = c.Post("/v1/notifications/read", auth(sam), R"({"all":true})", "application/json");
    CHECK(body_json(r)["marked"] == 1);
    CHECK(body_json(c.Get("/v1/notifications?unread=1", auth(sam)))["notifications"].empty());
    CHECK(body_json(c.Get("/v1/notifications?unread=1", auth(sue)))["notifications"].size() == 1);
    // Consultants get none.
    CHECK(body_json(c.Get("/v1/notifications", auth(alice)))["notifications"].empty());
}

TEST_CASE("competitor rule: a new account beside an active customer in its group is flagged") {
    ServerProcess srv;
    std::string alice = srv.add_user("alice", "consultant");
    std::string sam = srv.add_user("sam", "seller");
    Device a(srv.url(), alice);
    a.account("Acme Bank", {{"competitor_group", sync::text("banks")}});
    a.sync();
    std::string rival = a.account("Rival Bank", {{"competitor_group", sync::text("banks")}});
    a.sync();
    httplib::Client c(srv.url());
    json j = body_json(c.Get("/v1/notifications", auth(sam)));
    REQUIRE(j["notifications"].size() == 1);
    CHECK(j["notifications"][0]["payload"]["kind"] == "competitor_account");
    CHECK(j["notifications"][0]["payload"]["account"]["id"] == rival);
    CHECK(j["notifications"][0]["payload"]["flags"][0] == "competitor:banks:Acme Bank");
}

TEST_CASE("the event stream tells a seller of a new case within 100 ms - and closes on revocation") {
    ServerProcess srv;
    std::string alice = srv.add_user("alice", "consultant");
    std::string sam = srv.add_user("sam", "seller");
    Device a(srv.url(), alice), s(srv.url(), sam);
    std::mutex mu;
    std::vector<std::pair<std::string, std::string>> events;
    std::vector<std::chrono::steady_clock::time_point> when;
    std::atomic<bool> stop{false};
    std::optional<client::Failure> ended;
    std::thread listener([&] {
        ended = s.client->listen(
            [&](const std::string& e, const std::string& d) {
                std::lock_guard lock(mu);
                events.emplace_back(e, d);
                when.push_back(std::chrono::steady_clock::now());
            },
            stop);
    });
    auto wait_for = [&](const std::string& name, int ms) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        while (std::chrono::steady_clock::now() < deadline) {
            {
                std::lock_guard lock(mu);
                for (std::size_t i = 0; i < events.size(); ++i)
                    if (events[i].first == name) return static_cast<int>(i);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        return -1;
    };
    REQUIRE(wait_for("hello", 5000) >= 0);
    std::string acme = a.account("Acme");
    std::string cs = a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("Live lead")}});
    auto pushed_at = std::chrono::steady_clock::now();
    a.sync();
    int i = wait_for("notification", 5000);
    REQUIRE(i >= 0);
    {
        std::lock_guard lock(mu);
        CHECK_THAT(events[static_cast<size_t>(i)].second, Catch::Contains(cs));
        // Delivery latency, from the start of the push to the event's arrival.
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(when[static_cast<size_t>(i)] - pushed_at).count();
        INFO("notification after " << ms << " ms (including the push itself)");
        CHECK(ms < 100 + 200);  // the push's own round trip is inside this window
    }
    REQUIRE(wait_for("changes", 2000) >= 0);

    // Disable the seller: the open stream ends with "revoked", at once.
    auto t0 = std::chrono::steady_clock::now();
    srv.admin({"user", "disable", "sam"});
    listener.join();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    REQUIRE(ended);
    CHECK(ended->code == "revoked");
    CHECK(ms < 3000);
    stop = true;
}

TEST_CASE("an event stream resumed with its last id is told what committed while it was away - a stranger's id means pull everything") {
    using fika::test::EventStream;
    using fika::test::SseEvent;
    using namespace std::chrono_literals;
    ServerProcess srv;
    std::string alice = srv.add_user("alice", "consultant");
    std::string sam = srv.add_user("sam", "seller");
    std::string bob = srv.add_user("bob", "consultant");
    Device a(srv.url(), alice);
    std::string acme = a.account("Acme");
    std::string first = a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("First")}});
    auto about = [](const std::string& type, const std::string& what) {
        return [type, what](const SseEvent& e) { return e.type == type && e.data.find(what) != std::string::npos; };
    };
    std::string id;
    {
        EventStream laptop(srv.url(), sam);
        REQUIRE(laptop.wait_for("hello", 5s) >= 0);
        a.sync();
        REQUIRE(laptop.wait_for(about("notification", first), 5s) >= 0);
        REQUIRE(laptop.wait_for(about("changes", acme), 5s) >= 0);
        id = laptop.last_id();
        REQUIRE(!id.empty());
    }
    // While Sam's laptop is away: a case in another account.
    std::string beta = a.account("Beta");
    std::string second = a.add("cases", {{"account_id", sync::text(beta)}, {"title", sync::text("Second")}});
    a.sync();
    {
        EventStream laptop(srv.url(), sam, id);
        REQUIRE(laptop.wait_for("hello", 5s) >= 0);
        CHECK(laptop.wait_for(about("notification", second), 5s) >= 0);
        CHECK(laptop.wait_for(about("changes", beta), 5s) >= 0);
        // It resumed rather than started over (on SQLite a position is exact; on
        // PostgreSQL a repeat is allowed, a miss never).
        if (srv.db().empty()) CHECK(laptop.wait_for(about("notification", first), 300ms) < 0);
        CHECK(!laptop.last_id().empty());
    }
    // An id this database never gave (another server's, or this one's before a restore):
    // every bucket the user reads counts as changed - and only those.
    {
        EventStream laptop(srv.url(), sam, "0123456789abcdef-5-5");
        CHECK(laptop.wait_for(about("changes", acme), 5s) >= 0);
        CHECK(laptop.wait_for(about("changes", beta), 5s) >= 0);
        EventStream stranger(srv.url(), bob, "0123456789abcdef-5-5");
        REQUIRE(stranger.wait_for("hello", 5s) >= 0);
        CHECK(stranger.wait_for(about("changes", acme), 500ms) < 0);
        for (const char* junk : {"garbage", "--", "-1-1", "0123456789abcdef-99999999999999999999999-1"}) {
            EventStream odd(srv.url(), sam, junk);
            CHECK(odd.wait_for("hello", 5s) >= 0);
        }
    }
}

TEST_CASE("an event stream cut off before any event resumes from where it opened - a case that committed in between is told") {
    // A seller's stream whose server dies (or whose network drops) before the first news:
    // the client reconnects seconds later, and what committed in those seconds must come.
    using fika::test::EventStream;
    using fika::test::SseEvent;
    using namespace std::chrono_literals;
    ServerProcess srv;
    std::string alice = srv.add_user("alice", "consultant");
    std::string sam = srv.add_user("sam", "seller");
    Device a(srv.url(), alice);
    std::string acme = a.account("Acme");
    a.sync();
    std::string id;
    {
        EventStream laptop(srv.url(), sam);
        REQUIRE(laptop.wait_for("hello", 5s) >= 0);
        id = laptop.last_id();  // the first event names where the stream opened
    }
    REQUIRE(!id.empty());
    std::string lead = a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("While away")}});
    a.sync();
    EventStream laptop(srv.url(), sam, id);
    CHECK(laptop.wait_for([&](const SseEvent& e) { return e.type == "notification" && e.data.find(lead) != std::string::npos; },
                          5s) >= 0);
    CHECK(laptop.wait_for([&](const SseEvent& e) { return e.type == "changes" && e.data.find(acme) != std::string::npos; },
                          5s) >= 0);
}

TEST_CASE("the webhook receives each new case - a dead or slow webhook never slows a sync") {
    // A receiver on loopback that blocks until released.
    httplib::Server receiver;
    std::mutex mu;
    std::condition_variable cv;
    bool release = false;
    std::vector<std::string> got, ids;
    receiver.Post("/hook", [&](const httplib::Request& req, httplib::Response& res) {
        std::unique_lock lock(mu);
        got.push_back(req.body);
        ids.push_back(req.get_header_value("X-Fika-Delivery"));
        cv.notify_all();
        cv.wait_for(lock, std::chrono::seconds(20), [&] { return release; });
        res.set_content("{}", "application/json");
    });
    int port = receiver.bind_to_any_port("127.0.0.1");
    std::thread rt([&] { receiver.listen_after_bind(); });
    {
        ServerProcess srv({"--webhook", "http://127.0.0.1:" + std::to_string(port) + "/hook"});
        std::string alice = srv.add_user("alice", "consultant");
        srv.add_user("sam", "seller");
        Device a(srv.url(), alice);
        std::string acme = a.account("Acme");
        std::string c1 = a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("First")}});
        a.sync();
        {
            std::unique_lock lock(mu);
            REQUIRE(cv.wait_for(lock, std::chrono::seconds(10), [&] { return !got.empty(); }));
            CHECK_THAT(got[0], Catch::Contains(c1));
        }
        // The receiver is now stuck on the first delivery; syncs go on regardless.
        for (int i = 0; i < 5; ++i) {
            a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("More " + std::to_string(i))}});
            auto t0 = std::chrono::steady_clock::now();
            a.sync();
            CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
        }
        {
            std::lock_guard lock(mu);
            release = true;
        }
        cv.notify_all();
        std::unique_lock lock(mu);
        CHECK(cv.wait_for(lock, std::chrono::seconds(15), [&] { return got.size() >= 6; }));
        // Each delivery names itself, the same for every retry (a receiver drops repeats).
        std::set<std::string> distinct(ids.begin(), ids.end());
        CHECK(distinct.size() == got.size());
        CHECK(std::all_of(ids.begin(), ids.end(), [](const std::string& id) { return id.rfind("fika-", 0) == 0; }));
    }
    receiver.stop();
    rt.join();

    // A dead webhook (nothing listens): syncs succeed, deliveries wait in the queue.
    ServerProcess srv({"--webhook", "http://127.0.0.1:" + std::to_string(port) + "/hook"});
    std::string alice = srv.add_user("alice", "consultant");
    srv.add_user("sam", "seller");
    Device a(srv.url(), alice);
    std::string acme = a.account("Acme");
    a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("Nobody hears")}});
    a.sync();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    auto [rc, out] = srv.admin({"stats", "--json"});
    CHECK(rc == 0);
    CHECK(json::parse(out)["webhook_queue"] == 1);
}

TEST_CASE("bad input gets the right status and a JSON error - and breaks nothing") {
    ServerProcess srv({"--max-body", "200000", "--rate", "0"});
    std::string tok = srv.add_user("alice", "consultant");
    std::string adm = srv.add_user("root", "admin");
    httplib::Client c(srv.url());
    json big = json::parse(kMinimalSync);
    big["pad"] = std::string(300000, 'x');
    std::string bomb = sync::gzip_compress(std::string(5'000'000, ' ') + kMinimalSync);
    struct Case {
        std::string what, method, path, token, body, type;
        httplib::Headers extra;
        int status;
        std::string code;
    };
    std::vector<Case> cases = {
        {"no token", "POST", "/v1/sync", "", kMinimalSync, "application/json", {}, 401, "unauthorized"},
        {"bad token", "POST", "/v1/sync", "fika_00000000000000000000000000000000", kMinimalSync, "application/json", {}, 401, "unauthorized"},
        {"garbage token", "GET", "/v1/me", "!! not a token ~", "", "", {}, 401, "unauthorized"},
        {"control characters in a header", "GET", "/v1/me", "\x01\x02 not a token", "", "", {}, 400, "bad_request"},
        {"malformed JSON", "POST", "/v1/sync", tok, "{\"v\":1,", "application/json", {}, 400, "invalid"},
        {"wrong type", "POST", "/v1/sync", tok, R"({"v":"1","schema":1,"site":"00000000000000aa","hlc":1})", "application/json", {}, 400, "invalid"},
        {"unknown field", "POST", "/v1/sync", tok, R"({"v":1,"schema":1,"site":"00000000000000aa","hlc":1,"x":2})", "application/json", {}, 400, "invalid"},
        {"too large", "POST", "/v1/sync", tok, big.dump(), "application/json", {}, 413, "too_large"},
        {"gzip bomb", "POST", "/v1/sync", tok, bomb, "application/json", {{"Content-Encoding", "gzip"}}, 413, "too_large"},
        {"unsupported encoding", "POST", "/v1/sync", tok, kMinimalSync, "application/json", {{"Content-Encoding", "zstd"}}, 415, "unsupported_media_type"},
        {"wrong content type", "POST", "/v1/sync", tok, kMinimalSync, "text/plain", {}, 415, "unsupported_media_type"},
        {"unknown path", "GET", "/v1/nothing", tok, "", "", {}, 404, "not_found"},
        {"wrong method", "GET", "/v1/sync", tok, "", "", {}, 405, "method_not_allowed"},
        {"admin route as consultant", "GET", "/v1/admin/users", tok, "", "", {}, 403, "forbidden"},
        {"admin body with unknown field", "POST", "/v1/admin/users", adm, R"({"name":"x","role":"seller","x":1})", "application/json", {}, 400, "invalid"},
        {"admin bad role", "POST", "/v1/admin/users", adm, R"({"name":"x","role":"king"})", "application/json", {}, 400, "invalid"},
        {"grant to unknown user", "POST", "/v1/admin/access/grant", adm, R"({"user":"nobody","account":"01900000-0000-7000-8000-000000000001"})", "application/json", {}, 404, "not_found"},
        {"backup path escape", "POST", "/v1/admin/backup", adm, R"({"name":"../../etc/x"})", "application/json", {}, 400, "invalid"},
        {"notifications bad limit", "GET", "/v1/notifications?limit=-3", tok, "", "", {}, 400, "invalid"},
    };
    for (const Case& k : cases) {
        INFO(k.what);
        httplib::Headers h = k.extra;
        if (!k.token.empty()) h.emplace("Authorization", "Bearer " + k.token);
        httplib::Result r = k.method == "GET" ? c.Get(k.path, h) : c.Post(k.path, h, k.body, k.type);
        REQUIRE(r);
        CHECK(r->status == k.status);
        json j = json::parse(r->body, nullptr, false);
        INFO(r->body);
        REQUIRE(j.is_object());
        CHECK(j["error"]["code"] == k.code);
        CHECK(!j["error"]["message"].get<std::string>().empty());
    }
    // The server is fine afterwards.
    Device d(srv.url(), tok);
    d.account("Still works");
    CHECK(d.sync().complete);
}

TEST_CASE("a client that floods gets 429 with Retry-After") {
    ServerProcess srv({"--rate", "5"});
    std::string tok = srv.add_user("alice", "consultant");
    httplib::Client c(srv.url());
    int limited = 0;
    std::string retry;
    for (int i = 0; i < 60; ++i) {
        auto r = c.Get("/v1/me", auth(tok));
        REQUIRE(r);
        if (r->status == 429) {
            ++limited;
            retry = r->get_header_value("Retry-After");
            CHECK(body_json(r)["error"]["code"] == "rate_limited");
        }
    }
    CHECK(limited > 0);
    CHECK(retry == "1");
}

TEST_CASE("a burst of connections waits in the listen queue instead of being dropped") {
    ServerProcess srv({"--rate", "0", "--quiet"});
    // While the server cannot accept (stopped), only the kernel's listen queue holds new
    // connections. cpp-httplib's own queue of 5 dropped the rest's handshakes: their
    // requests waited a second, then some failed.
    constexpr int kBurst = 64;
    REQUIRE(::kill(srv.pid(), SIGSTOP) == 0);
    std::vector<int> fds;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(srv.port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int i = 0; i < kBurst; ++i) {
        int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        REQUIRE(fd >= 0);
        ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        fds.push_back(fd);
    }
    // A handshake the queue takes completes at once (the kernel answers for the server).
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    int established = 0;
    for (int fd : fds) {
        pollfd p{fd, POLLOUT, 0};
        int err = 0;
        socklen_t len = sizeof err;
        if (::poll(&p, 1, 0) == 1 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0)
            ++established;  // a full queue drops the SYN: the connect is still under way
    }
    REQUIRE(::kill(srv.pid(), SIGCONT) == 0);
    for (int fd : fds) ::close(fd);
    CHECK(established == kBurst);
    // And the server still answers.
    httplib::Client c(srv.url());
    auto r = c.Get("/healthz");
    REQUIRE(r);
    CHECK(r->status == 200);
}

TEST_CASE("50 clients syncing at once all succeed") {
    ServerProcess srv({"--rate", "0", "--quiet"});
    std::vector<std::string> tokens;
    for (int i = 0; i < 50; ++i) tokens.push_back(srv.add_user("u" + std::to_string(i), i % 10 == 0 ? "seller" : "consultant"));
    std::vector<std::unique_ptr<Device>> devs;
    for (auto& t : tokens) devs.push_back(std::make_unique<Device>(srv.url(), t));
    for (auto& d : devs)
        for (int k = 0; k < 20; ++k) {
            std::string acct = d->account("Account " + std::to_string(k));
            d->add("cases", {{"account_id", sync::text(acct)}, {"title", sync::text("Case")}});
        }
    std::atomic<int> failures{0};
    std::vector<std::string> messages;
    std::mutex mu;
    std::vector<std::thread> threads;
    for (auto& d : devs)
        threads.emplace_back([&, dev = d.get()] {
            for (int round = 0; round < 3; ++round) {
                auto r = dev->client->sync_once();
                if (!r.ok() || !r.value->complete) {
                    ++failures;
                    std::lock_guard lock(mu);
                    messages.push_back(r.ok() ? "incomplete" : r.failure->code + ": " + r.failure->message);
                }
            }
        });
    for (auto& t : threads) t.join();
    INFO((messages.empty() ? "" : messages[0]));
    CHECK(failures == 0);
    CHECK(srv.log().find("database is locked") == std::string::npos);
    // Each consultant's syncs shared groups with sellers', whose answers read every
    // bucket: a consultant still got only its own accounts, none of the others'.
    for (std::size_t i = 0; i < devs.size(); ++i) {
        if (i % 10 == 0) continue;
        INFO("consultant u" << i);
        CHECK(devs[i]->store->all("accounts")->size() == 20);
        CHECK(devs[i]->store->all("cases")->size() == 20);
    }
    // Every seller has every consultant's 20 new cases as notifications... and the data.
    devs[0]->sync();
    CHECK(devs[0]->store->all("cases")->size() == 50 * 20);
}

TEST_CASE("backup while serving restores to an identical database and a restart keeps everything", "[sqlite]") {
    ServerProcess srv({"--rate", "0"});
    std::string alice = srv.add_user("alice", "consultant");
    Device a(srv.url(), alice);
    std::atomic<bool> stop{false};
    std::atomic<int> syncs{0};
    std::thread writer([&] {
        Device w(srv.url(), alice);
        while (!stop) {
            w.account("Busy " + std::to_string(syncs));
            if (w.client->sync_once().ok()) ++syncs;
        }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    std::string during = srv.data() + "/during.db";
    auto [rc, out] = srv.admin({"backup", during});
    CHECK(rc == 0);
    stop = true;
    writer.join();
    CHECK(syncs > 0);
    {
        sync::Db b(during, false);
        sync::Stmt chk = b.prepare("PRAGMA integrity_check");
        REQUIRE(chk.step());
        CHECK(chk.text(0) == "ok");
    }
    // Quiet now: a backup equals the live database, record for record.
    std::string after = srv.data() + "/after.db";
    REQUIRE(srv.admin({"backup", after}).first == 0);
    auto live = sync::SqliteHub::open(srv.data() + "/fika-server.db", {.create = false});
    REQUIRE(live.ok());
    auto copy = sync::SqliteHub::open(after, {.create = false});
    REQUIRE(copy.ok());
    CHECK(*(*live)->dump(true) == *(*copy)->dump(true));
    live = sync::Result<std::unique_ptr<sync::SqliteHub>>(sync::Error{sync::Code::Invalid, "closed"});

    // Restart: tokens and data survive.
    a.sync();
    std::size_t before = a.store->all("accounts")->size();
    CHECK(srv.stop() == 0);
    CHECK_THAT(srv.log(), Catch::Contains("stopped; database closed cleanly"));
    srv.start();
    Device fresh(srv.url(), alice);
    fresh.sync();
    CHECK(fresh.store->all("accounts")->size() == before);
}

// Issue 18: admin subcommands (and sqlite3, a backup tool) open the server's database from
// other processes while it serves; nothing the server acknowledged may be lost, even to a
// kill -9 right after.
TEST_CASE("admin commands and other readers of the database while serving lose no acknowledged write - even to kill -9") {
    ServerProcess srv({"--rate", "0"});
    std::string alice = srv.add_user("alice", "consultant");
    Device a(srv.url(), alice);
    std::vector<std::string> acknowledged;
    const bool have_sqlite3 = access("/usr/bin/sqlite3", X_OK) == 0;
    for (int i = 0; i < 40; ++i) {
        std::string id = a.account("Acknowledged " + std::to_string(i));
        a.sync();
        REQUIRE(a.store->pending(10)->changes.empty());
        acknowledged.push_back(id);
        if (i % 5 == 0) CHECK(srv.admin({"user", "list"}).first == 0);
        if (i % 5 == 1) CHECK(srv.admin({"stats"}).first == 0);
        if (i % 5 == 2) CHECK(srv.admin({"access", "log"}).first == 0);
        if (i % 5 == 3 && have_sqlite3 && srv.db().empty())
            CHECK(fika::test::run_command({"/usr/bin/sqlite3", srv.data() + "/fika-server.db", "SELECT count(*) FROM accounts"}).first == 0);
        if (i % 5 == 4) CHECK(srv.admin({"backup", srv.data() + "/b" + std::to_string(i) + ".db"}).first == 0);
    }
    const bool sqlite = srv.db().empty();  // else PostgreSQL (FIKA_TEST_BACKEND=pg)
    if (sqlite) CHECK(std::filesystem::exists(srv.data() + "/fika-server.db-wal"));  // the server still holds it
    CHECK(srv.stop(SIGKILL) == 128 + SIGKILL);
    if (sqlite) {
        sync::Db raw(srv.data() + "/fika-server.db", false);
        sync::Stmt chk = raw.prepare("PRAGMA integrity_check");
        REQUIRE(chk.step());
        CHECK(chk.text(0) == "ok");
    }
    srv.start();
    Device fresh(srv.url(), alice);
    fresh.sync();
    std::vector<std::string> missing;
    for (const std::string& id : acknowledged)
        if (!fresh.has("accounts", id)) missing.push_back(id);
    CHECK(missing == std::vector<std::string>{});
}

namespace {

// Every user record a device holds, as text (without engine columns), for comparing.
std::string user_data(sync::Store& s) {
    auto d = s.dump(false);
    REQUIRE(d.ok());
    return *d;
}

std::vector<std::string> notified_cases(const std::string& url, const std::string& token) {
    httplib::Client c(url);
    auto r = c.Get("/v1/notifications?limit=1000", auth(token));
    REQUIRE(r);
    REQUIRE(r->status == 200);
    std::vector<std::string> ids;
    json body = json::parse(r->body);
    for (auto& n : body["notifications"]) ids.push_back(n["case_id"].get<std::string>());
    return ids;
}

}  // namespace

// Issue 18: a server put back from a backup had devices diverge silently - what they
// synced after the backup stayed on them and never reached the server again, and what
// was made on the restored server never reached devices whose cursors were further on.
TEST_CASE("a server restored from a backup gets back everything devices synced since - nothing lost or doubled - each case notified once", "[sqlite]") {
    ServerProcess srv({"--rate", "0", "--quiet"});
    std::string alice = srv.add_user("alice", "consultant");
    std::string bob = srv.add_user("bob", "consultant");
    std::string sam = srv.add_user("sam", "seller");
    Device a(srv.url(), alice), b(srv.url(), bob), s(srv.url(), sam);
    std::string acme = a.account("Acme");
    std::string first = a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("Before the backup")}});
    a.sync();
    REQUIRE(srv.admin({"access", "grant", "bob", acme}).first == 0);
    b.sync();
    s.sync();
    std::string backup = srv.data() + "/nightly.db";
    REQUIRE(srv.admin({"backup", backup}).first == 0);

    // After the backup: work synced from two devices, an edit, and a case made offline.
    std::string second = a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("After the backup")}});
    REQUIRE(a.store->update("cases", first, {{"next_step", sync::text("Call Eva")}}).ok());
    std::string third = b.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("Bob's after the backup")}});
    std::string note = b.add("notes", {{"account_id", sync::text(acme)}, {"body", sync::text("Needs analysis")}});
    a.sync();
    b.sync();
    s.sync();
    std::vector<std::string> before_restore = notified_cases(srv.url(), sam);
    CHECK(before_restore.size() == 3);
    std::string offline = a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("Made offline")}});

    // Restore refuses while the server runs; then puts the backup in place and keeps the
    // database it replaced.
    auto [busy_rc, busy_out] = fika::test::run_command({"/bin/sh", "-c", std::string(FIKA_SERVER_BIN) + " --data '" +
                                                                             srv.data() + "' restore '" + backup + "' 2>&1"});
    CHECK(busy_rc == 1);
    CHECK_THAT(busy_out, Catch::Contains("stop it first"));
    REQUIRE(srv.stop() == 0);
    // What is not a backup is refused with a reason, and nothing is replaced.
    auto run_restore = [&](const std::string& file) {
        return fika::test::run_command({"/bin/sh", "-c", std::string(FIKA_SERVER_BIN) + " --data '" + srv.data() +
                                                             "' restore '" + file + "' 2>&1"});
    };
    {
        std::FILE* junk = std::fopen((srv.data() + "/junk.db").c_str(), "w");
        std::fputs("a shopping list, not a database\n", junk);
        std::fclose(junk);
        auto [jrc, jout] = run_restore(srv.data() + "/junk.db");
        CHECK(jrc == 1);
        CHECK_THAT(jout, Catch::Contains("junk.db"));
        auto [mrc, mout] = run_restore(srv.data() + "/missing.db");
        CHECK(mrc == 1);
        CHECK_THAT(mout, Catch::Contains("no such file"));
        auto [src, sout] = run_restore(srv.data() + "/fika-server.db");
        CHECK(src == 1);
        CHECK_THAT(sout, Catch::Contains("the database in place"));
        for (auto& e : std::filesystem::directory_iterator(srv.data()))
            CHECK(e.path().filename().string().rfind("fika-server.db.replaced-", 0) != 0);
    }
    auto [rc, out] = srv.admin({"restore", backup});
    INFO(out);
    REQUIRE(rc == 0);
    CHECK_THAT(out, Catch::Contains("kept as"));
    bool kept = false;
    for (auto& e : std::filesystem::directory_iterator(srv.data()))
        kept = kept || e.path().filename().string().rfind("fika-server.db.replaced-", 0) == 0;
    CHECK(kept);
    srv.start();

    // A case made on the restored server before any old device comes back.
    Device fresh(srv.url(), sam);
    fresh.sync();
    CHECK(!fresh.has("cases", second));
    std::string newer = fresh.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("Made after the restore")}});
    fresh.sync();

    // The devices come back: each notices the new incarnation by itself, sends everything
    // again and downloads from the start. Two rounds, so each sees the others' work.
    for (int round = 0; round < 2; ++round)
        for (Device* d : {&a, &b, &s, &fresh}) {
            auto rep = d->sync();
            if (round == 0 && d != &fresh) CHECK(rep.hub_restored);
            if (round == 1) CHECK(!rep.hub_restored);
        }
    for (const std::string& id : {first, second, third, offline, newer}) {
        INFO(id);
        for (Device* d : {&a, &b, &s, &fresh}) CHECK(d->has("cases", id));
    }
    CHECK(fresh.has("notes", note));
    CHECK((*fresh.store->get("cases", first))["next_step"] == sync::Value(sync::text("Call Eva")));
    // Every device holds the same data: the union, nothing twice.
    std::string expected = user_data(*fresh.store);
    for (Device* d : {&a, &b, &s}) CHECK(user_data(*d->store) == expected);
    CHECK(a.store->refused()->empty());
    CHECK(b.store->refused()->empty());
    // Notifications: the restored server had the first case's; the cases synced after the
    // backup were announced before the restore and are not announced again; the offline
    // case and the one made on the restored server are new.
    std::vector<std::string> after = notified_cases(srv.url(), sam);
    std::multiset<std::string> counted(after.begin(), after.end());
    CHECK(counted.count(first) == 1);
    CHECK(counted.count(second) == 0);
    CHECK(counted.count(third) == 0);
    CHECK(counted.count(offline) == 1);
    CHECK(counted.count(newer) == 1);
}

// The same when the backup was put in place by hand (cp) while the server was stopped:
// the server notices the sequence went back (its state file, or a device that has seen
// further), takes a new incarnation, and devices recover as above.
TEST_CASE("a restored server changes incarnation once - devices that come back after the first start over once, not once per device", "[sqlite]") {
    ServerProcess srv({"--rate", "0", "--quiet"});
    std::string alice = srv.add_user("alice", "consultant");
    std::string bob = srv.add_user("bob", "consultant");
    std::string carl = srv.add_user("carl", "consultant");
    Device a(srv.url(), alice), b(srv.url(), bob), c(srv.url(), carl);
    std::string north = a.account("North");
    std::string south = b.account("South");
    std::string west = c.account("West");
    for (Device* d : {&a, &b, &c}) REQUIRE(d->sync().complete);
    std::string backup = srv.data() + "/nightly.db";
    REQUIRE(srv.admin({"backup", backup}).first == 0);

    // After the backup each device writes in its own account, and each has seen past
    // what the others will send again: every one's cursor is ahead of the backup's end.
    auto add_cases = [](Device& d, const std::string& account, int n) {
        sync::Store::Batch batch(*d.store);
        for (int i = 0; i < n; ++i)
            d.add("cases", {{"account_id", sync::text(account)}, {"title", sync::text("After " + std::to_string(i))}});
        REQUIRE(batch.commit().ok());
    };
    add_cases(a, north, 50);
    REQUIRE(a.sync().complete);
    add_cases(b, south, 100);
    REQUIRE(b.sync().complete);
    add_cases(c, west, 150);
    REQUIRE(c.sync().complete);
    add_cases(a, north, 1);  // the newest number of all is in a's account
    REQUIRE(a.sync().complete);

    std::vector<std::string> held;
    for (Device* d : {&a, &b, &c}) held.push_back(user_data(*d->store));
    REQUIRE(srv.stop() == 0);
    REQUIRE(srv.admin({"restore", backup}).first == 0);
    srv.start();

    // The first back finds the database went back and starts it a new incarnation. The
    // others come from the old one: they start over in the new one, and their cursors,
    // ahead of its end as they are, do not make yet another.
    for (Device* d : {&a, &b, &c}) {
        auto rep = d->sync();
        REQUIRE(rep.complete);
        CHECK(rep.hub_restored);
    }
    for (Device* d : {&a, &b, &c}) {
        auto rep = d->sync();
        REQUIRE(rep.complete);
        CHECK(!rep.hub_restored);  // nobody starts over twice
        CHECK(rep.resent == 0);
    }
    // Each holds what it held before the restore: nothing lost, nothing twice.
    std::size_t k = 0;
    for (Device* d : {&a, &b, &c}) {
        CHECK(user_data(*d->store) == held[k++]);
        CHECK(d->store->refused()->empty());
    }
}

TEST_CASE("a database put back by hand is noticed - by the server's state or by a device that has seen further", "[sqlite]") {
    for (bool keep_state : {true, false}) {
        INFO((keep_state ? "with" : "without") << " the state file");
        ServerProcess srv({"--rate", "0", "--quiet"});
        std::string alice = srv.add_user("alice", "consultant");
        Device a(srv.url(), alice);
        std::string acme = a.account("Acme");
        a.sync();
        std::string backup = srv.data() + "/by-hand.db";
        REQUIRE(srv.admin({"backup", backup}).first == 0);
        std::string later = a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("Later")}});
        for (int i = 0; i < 5; ++i) (void)a.add("notes", {{"account_id", sync::text(acme)}, {"body", sync::text("note")}});
        a.sync();
        REQUIRE(srv.stop() == 0);
        std::filesystem::copy_file(backup, srv.data() + "/fika-server.db", std::filesystem::copy_options::overwrite_existing);
        if (!keep_state) std::filesystem::remove(srv.data() + "/fika-server.state");
        srv.start();
        auto rep = a.sync();
        CHECK(rep.hub_restored);
        Device other(srv.url(), alice);
        other.sync();
        CHECK(other.has("cases", later));
        CHECK(user_data(*other.store) == user_data(*a.store));
    }
}

TEST_CASE("TLS: with a certificate and key the server speaks HTTPS") {
    TempDir certs;
    std::string cert = certs.file("cert.pem"), key = certs.file("key.pem");
    auto [rc, out] = fika::test::run_command({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                                              "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1"});
    REQUIRE(rc == 0);
    ServerProcess srv({"--tls-cert", cert, "--tls-key", key});
    std::string tok = srv.add_user("alice", "consultant");
    httplib::SSLClient c("127.0.0.1", srv.port());
    c.enable_server_certificate_verification(false);
    auto r = c.Get("/v1/me", auth(tok));
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(body_json(r)["name"] == "alice");
    // The web console over it: its session cookie is Secure, so a browser never sends it
    // in clear text; its writes come from the https:// origin.
    const std::string root = srv.add_user("root", "admin");
    auto s = c.Post("/admin/session", json{{"token", root}}.dump(), "application/json");
    REQUIRE(s);
    REQUIRE(s->status == 200);
    const std::string set_cookie = s->get_header_value("Set-Cookie");
    CHECK_THAT(set_cookie, Catch::Contains("; Secure") && Catch::Contains("HttpOnly"));
    const std::string cookie = set_cookie.substr(0, set_cookie.find(';')), csrf = body_json(s)["csrf"];
    const std::string origin = "https://127.0.0.1:" + std::to_string(srv.port());
    auto ok = c.Post("/v1/admin/users", {{"Cookie", cookie}, {"X-Fika-CSRF", csrf}, {"Origin", origin}},
                     json{{"name", "sven"}, {"role", "seller"}}.dump(), "application/json");
    REQUIRE(ok);
    CHECK(ok->status == 201);
    auto downgraded = c.Post("/v1/admin/users", {{"Cookie", cookie}, {"X-Fika-CSRF", csrf}, {"Origin", "http://127.0.0.1:" + std::to_string(srv.port())}},
                             json{{"name", "eve"}, {"role", "seller"}}.dump(), "application/json");
    REQUIRE(downgraded);
    CHECK(downgraded->status == 403);
    // Plain HTTP to the TLS port gets nowhere.
    httplib::Client plain(srv.url());
    plain.set_read_timeout(2, 0);
    auto p = plain.Get("/healthz");
    CHECK((!p || p->status != 200));
}

TEST_CASE("a consultant's many new accounts pushed over several pages are all kept - none purged") {
    ServerProcess srv({"--rate", "0", "--quiet"});
    std::string alice = srv.add_user("alice", "consultant");
    // Several pushes: each next one is read while the one before is on the wire.
    Device a(srv.url(), alice, [](client::ServerConfig& c) { c.push_records = 300; });
    {
        sync::Store::Batch b(*a.store);
        for (int i = 0; i < 1300; ++i) a.account("Customer " + std::to_string(i));
        REQUIRE(b.commit().ok());
    }
    auto rep = a.sync();
    CHECK(rep.complete);
    CHECK(rep.purged.empty());
    CHECK(rep.refused.empty());
    CHECK(a.store->refused()->empty());
    CHECK(a.store->all("accounts")->size() == 1300);
    CHECK(rep.pushed == 1300);
    CHECK(rep.round_trips >= 5);
    CHECK(a.store->pending_count() == 0);
    // And they are hers on the server: another device of hers downloads them all.
    Device again(srv.url(), alice);
    again.sync();
    CHECK(again.store->all("accounts")->size() == 1300);
}

TEST_CASE("a download of many pages fetches the next while it applies one - and gets every record once") {
    ServerProcess srv({"--rate", "0", "--quiet"});
    std::string alice = srv.add_user("alice", "consultant");
    Device a(srv.url(), alice);
    std::string acme = a.account("Acme");
    std::vector<std::string> ids;
    {
        sync::Store::Batch b(*a.store);
        for (int i = 0; i < 1000; ++i)
            ids.push_back(a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("Case " + std::to_string(i))}}));
        REQUIRE(b.commit().ok());
    }
    a.sync();
    // Pages of 70 records: 15 round trips, each next one asked for ahead.
    Device b(srv.url(), alice, [](client::ServerConfig& c) { c.pull_records = 70; });
    auto rep = b.sync();
    CHECK(rep.complete);
    CHECK(rep.round_trips >= 15);
    CHECK(b.store->all("users")->size() == 1);
    CHECK(rep.pulled == 1002);  // the cases, the account, and alice in the list of users: each once
    CHECK(rep.redownloaded.empty());
    CHECK(b.store->all("cases")->size() == 1000);
    CHECK(b.store->bucket_checksum(acme).value() == a.store->bucket_checksum(acme).value());
    // A write made on the way (here: before the next sync) goes up and nothing comes twice.
    REQUIRE(b.store->update("cases", ids[500], {{"title", sync::text("Case 500, renamed")}}).ok());
    REQUIRE(a.store->update("cases", ids[7], {{"title", sync::text("Case 7, renamed")}}).ok());
    a.sync();
    auto second = b.sync();
    CHECK(second.pulled == 1);
    CHECK(second.pushed == 1);
    a.sync();
    CHECK(sync::to_display((*a.store->get("cases", ids[500]))["title"]) == "Case 500, renamed");
    CHECK(sync::to_display((*b.store->get("cases", ids[7]))["title"]) == "Case 7, renamed");
    CHECK(*a.store->dump(true) == *b.store->dump(true));
}

// A device whose disk fills while a sync's answer is stored: SQLite refuses the pages
// (SQLITE_FULL, here from max_page_count). The acknowledgement of its push and the pages
// are one commit, so neither is kept: what it wrote still counts as waiting, nothing of
// the page is half there, and once there is room the next sync sends the push again -
// which the server takes without change - and downloads everything once.
TEST_CASE("a device whose disk fills during a sync keeps what it wrote waiting - with room the next sync sends it once and gets everything") {
    ServerProcess srv({"--rate", "0", "--quiet"});
    std::string alice = srv.add_user("alice", "consultant");
    std::string sam = srv.add_user("sam", "seller");
    Device a(srv.url(), alice);
    std::string acme = a.account("Acme");
    const std::string note(2000, 'n');  // ~2 kB each: the page needs far more room than allowed below
    {
        sync::Store::Batch b(*a.store);
        for (int i = 0; i < 300; ++i)
            a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("Case " + std::to_string(i))},
                            {"need", sync::text(note)}});
        REQUIRE(b.commit().ok());
    }
    a.sync();
    // Alice's second device: a new customer and a case, then the disk fills.
    Device b(srv.url(), alice);
    std::string beta = b.account("Beta");
    std::string lead = b.add("cases", {{"account_id", sync::text(beta)}, {"title", sync::text("Lead at Beta")}});
    auto cap = [&](std::int64_t pages) {
        sync::Stmt st = b.store->read("PRAGMA max_page_count=" + std::to_string(pages));
        REQUIRE(st.step());
    };
    std::int64_t now = 0;
    {
        sync::Stmt pages = b.store->read("PRAGMA page_count");
        REQUIRE(pages.step());
        now = pages.integer(0);
    }
    cap(now + 8);
    auto failed = b.client->sync_once();
    REQUIRE_FALSE(failed.ok());
    INFO(failed.failure->message);
    CHECK_THAT(failed.failure->message, Catch::Contains("full"));
    CHECK(b.store->pending_count() == 2);        // still waiting to be sent, as far as the device knows
    CHECK(b.store->all("cases")->size() == 1);   // its own; nothing of the page half stored
    CHECK(b.has("cases", lead));
    // Room again.
    cap(1073741823);
    auto rep = b.sync();
    CHECK(rep.complete);
    CHECK(rep.pushed == 2);
    CHECK(b.store->pending_count() == 0);
    CHECK(b.store->all("cases")->size() == 301);
    a.sync();
    CHECK(a.store->all("cases")->size() == 301);
    CHECK(*a.store->dump(true) == *b.store->dump(true));
    // The server took the push twice and the seller hears of the case once.
    httplib::Client c(srv.url());
    json j = body_json(c.Get("/v1/notifications", auth(sam)));
    std::size_t told = 0;
    for (const json& n : j["notifications"]) told += n["case_id"] == lead ? 1 : 0;
    CHECK(told == 1);
}

TEST_CASE("a long upload is not read back to the device that sent it - what others wrote between its pushes still arrives") {
    ServerProcess srv({"--rate", "0", "--quiet"});
    std::string alice = srv.add_user("alice", "consultant");
    auto small = [](client::ServerConfig& c) {
        c.push_records = 128;  // two of the outbox's runs of 64
        c.pull_records = 50;
    };
    Device a(srv.url(), alice, small);
    std::string acme = a.account("Acme");
    a.sync();
    {
        sync::Store::Batch b(*a.store);
        for (int i = 0; i < 1000; ++i)
            a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("Case " + std::to_string(i))}});
        REQUIRE(b.commit().ok());
    }
    // Eight pushes, then one pull that finds nothing new: not 18 more pages of 50 of the
    // device's own records, each read on the server to send none of them.
    auto rep = a.sync();
    REQUIRE(rep.complete);
    CHECK(rep.pushed == 1000);
    CHECK(rep.pulled == 0);
    CHECK(rep.round_trips <= 10);
    CHECK(rep.redownloaded.empty());  // the empty page's checksum is the bucket's: no drift
    CHECK(a.store->bucket_checksum(acme).value() != 0);

    // Now another device of hers writes between two of the pushes: that case, and one
    // she changed, reach the uploading device all the same.
    Device b(srv.url(), alice);
    b.sync();
    const std::string changed = b.store->all("cases")->front().id;
    {
        sync::Store::Batch batch(*a.store);
        for (int i = 0; i < 1000; ++i)
            a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("More " + std::to_string(i))}});
        REQUIRE(batch.commit().ok());
    }
    std::string between;
    int steps = 0;
    a.client->on_progress([&](const client::SyncProgress& p) {
        if (p.phase != client::SyncProgress::Phase::Upload || ++steps != 4) return;
        between = b.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("Written between")}});
        REQUIRE(b.store->update("cases", changed, {{"title", sync::text("Renamed between")}}).ok());
        b.sync();
    });
    auto second = a.sync();
    REQUIRE(second.complete);
    CHECK(second.pushed == 1000);
    CHECK(second.pulled == 2);
    REQUIRE(!between.empty());
    CHECK(sync::to_display((*a.store->get("cases", between))["title"]) == "Written between");
    CHECK(sync::to_display((*a.store->get("cases", changed))["title"]) == "Renamed between");
    b.sync();
    CHECK(a.store->all("cases")->size() == 2001);
    CHECK(*a.store->dump(true) == *b.store->dump(true));
    CHECK(a.store->bucket_checksum(acme).value() == b.store->bucket_checksum(acme).value());
}

TEST_CASE("a long sync says how far it has come: records sent of those waiting - received of those the server counts - and the time left") {
    ServerProcess srv({"--rate", "0", "--quiet"});
    std::string alice = srv.add_user("alice", "consultant");
    // Pushes of 300 records: a 1,500-record upload goes in five and says so after each.
    Device a(srv.url(), alice, [](client::ServerConfig& c) { c.push_records = 300; });
    std::string acme = a.account("Acme");
    {
        sync::Store::Batch b(*a.store);
        for (int i = 0; i < 1500; ++i)
            a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("Case " + std::to_string(i))}});
        REQUIRE(b.commit().ok());
    }
    std::vector<client::SyncProgress> up;
    a.client->on_progress([&](const client::SyncProgress& p) { up.push_back(p); });
    auto sent = a.sync();
    REQUIRE(sent.complete);
    REQUIRE(up.size() >= 5);
    for (std::size_t i = 0; i < up.size(); ++i) {
        INFO("step " << i);
        CHECK(up[i].phase == client::SyncProgress::Phase::Upload);
        CHECK(up[i].total == 1501);  // the cases and the account
        if (i) CHECK(up[i].done >= up[i - 1].done);
    }
    CHECK(up.back().done == 1501);
    CHECK(up.back().seconds_left == 0);

    // A new device downloads in pages of 100: the first answer counts what is to come.
    Device b(srv.url(), alice, [](client::ServerConfig& c) { c.pull_records = 100; });
    std::vector<client::SyncProgress> down;
    b.client->on_progress([&](const client::SyncProgress& p) { down.push_back(p); });
    auto got = b.sync();
    REQUIRE(got.complete);
    REQUIRE(down.size() >= 15);
    for (std::size_t i = 0; i < down.size(); ++i) {
        INFO("step " << i << ": " << down[i].done << " of " << down[i].total);
        CHECK(down[i].phase == client::SyncProgress::Phase::Download);
        CHECK(down[i].total == got.pulled);  // the server's count was right from the first answer
        if (i) CHECK(down[i].done > down[i - 1].done);
    }
    CHECK(down.front().done == 100);
    CHECK(down.back().done == got.pulled);
    CHECK(down[1].seconds_left >= 0);

    // An everyday sync asks nothing to be counted and says nothing.
    a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("One more")}});
    a.sync();
    down.clear();
    CHECK(b.sync().pulled == 1);
    CHECK(down.empty());
}

TEST_CASE("a push that follows an unanswered one is merged after it - or answered busy if it never comes") {
    ServerProcess srv({"--rate", "0", "--quiet", "--order-wait", "1"});
    std::string alice = srv.add_user("alice", "consultant");
    Device a(srv.url(), alice);
    std::string acme = a.account("Acme");
    a.sync();
    // A case, then a change to it: two outbox entries, sent as two pushes.
    std::string cs = a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("Lead")}});
    REQUIRE(a.store->update("cases", cs, {{"title", sync::text("Lead, 3 machines")}}).ok());
    auto first = a.store->pending(1);
    REQUIRE(first.ok());
    auto second = a.store->pending(1, first->upto);
    REQUIRE(second.ok());
    REQUIRE(second->upto > first->upto);
    REQUIRE(second->changes.size() == 1);
    REQUIRE(second->changes[0].cells.size() == 1);  // the title only: alone it could not create the case
    auto request = [&](const sync::PushBatch& b, std::uint64_t follows) {
        sync::SyncRequest req;
        req.site = a.store->site();
        req.hlc = a.store->hlc_last();
        req.has_push = true;
        req.push_upto = b.upto;
        req.push_follows = follows;
        req.push = b.changes;
        return sync::encode_request(req);
    };

    // The second arrives first: it waits for the first, then both are merged.
    json second_answer;
    double waited_s = 0;
    std::thread later([&] {
        httplib::Client c(srv.url());
        auto t0 = std::chrono::steady_clock::now();
        auto r = c.Post("/v1/sync", auth(alice), request(*second, first->upto), "application/json");
        waited_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (r && r->status == 200) second_answer = json::parse(r->body, nullptr, false);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    httplib::Client c(srv.url());
    json first_answer = body_json(c.Post("/v1/sync", auth(alice), request(*first, 0), "application/json"));
    later.join();
    CHECK(waited_s >= 0.25);
    REQUIRE(second_answer.is_object());
    CHECK(first_answer["push"]["refused"].empty());
    CHECK(second_answer["push"]["refused"].empty());
    CHECK(second_answer["push"]["upto"] == second->upto);
    REQUIRE(a.store->ack(second->upto, {}).ok());
    Device other(srv.url(), alice);
    other.sync();
    auto got = other.store->get("cases", cs);
    REQUIRE(got.ok());
    CHECK(sync::to_display((*got)["title"]) == "Lead, 3 machines");

    // A push that follows one the server never sees is answered "busy" (try again): it
    // is not merged on its own.
    std::string cs2 = a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("Other")}});
    REQUIRE(a.store->update("cases", cs2, {{"title", sync::text("Other, later")}}).ok());
    auto lost = a.store->pending(1);
    auto orphan = a.store->pending(1, lost->upto);
    auto t0 = std::chrono::steady_clock::now();
    auto r = c.Post("/v1/sync", auth(alice), request(*orphan, lost->upto), "application/json");
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    REQUIRE(r);
    CHECK(r->status == 503);
    CHECK(body_json(r)["error"]["code"] == "busy");
    CHECK(s >= 0.9);
    CHECK(s < 5);
    // Nothing of it was merged; the device's next sync sends both in order.
    auto rep = a.sync();
    CHECK(rep.refused.empty());
    other.sync();
    CHECK(sync::to_display((*other.store->get("cases", cs2))["title"]) == "Other, later");

    // A device restored from a backup numbers its outbox lower than what was merged
    // before: a push following an early position waits for that very push, it does not
    // pass because later positions were merged.
    std::string cs3 = a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("Third")}});
    REQUIRE(a.store->update("cases", cs3, {{"title", sync::text("Third, later")}}).ok());
    auto head = a.store->pending(1);
    auto tail = a.store->pending(1, head->upto);
    r = c.Post("/v1/sync", auth(alice), request(*tail, 1), "application/json");
    REQUIRE(r);
    CHECK(r->status == 503);
    a.sync();
    other.sync();
    CHECK(sync::to_display((*other.store->get("cases", cs3))["title"]) == "Third, later");
}

TEST_CASE("waiting pushes are bounded - past half the workers the next is answered busy at once") {
    ServerProcess srv({"--rate", "0", "--quiet", "--order-wait", "3", "--workers", "2"});
    std::string alice = srv.add_user("alice", "consultant");
    // A push that follows one the server never sees, from device `d`.
    auto orphan = [&](Device& d) {
        std::string acme = d.account("Acme");
        std::string cs = d.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("Lead")}});
        REQUIRE(d.store->update("cases", cs, {{"title", sync::text("Lead, later")}}).ok());
        auto lost = d.store->pending(1);
        auto next = d.store->pending(1, lost->upto);
        sync::SyncRequest req;
        req.site = d.store->site();
        req.hlc = d.store->hlc_last();
        req.has_push = true;
        req.push_upto = next->upto;
        req.push_follows = lost->upto;
        req.push = next->changes;
        return sync::encode_request(req);
    };
    Device a(srv.url(), alice), b(srv.url(), alice);
    std::string from_a = orphan(a), from_b = orphan(b);
    int first_status = 0;
    std::thread waiting([&] {
        httplib::Client c(srv.url());
        c.set_read_timeout(10, 0);
        auto r = c.Post("/v1/sync", auth(alice), from_a, "application/json");
        first_status = r ? r->status : -1;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    httplib::Client c(srv.url());
    auto t0 = std::chrono::steady_clock::now();
    auto r = c.Post("/v1/sync", auth(alice), from_b, "application/json");
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    REQUIRE(r);
    CHECK(r->status == 503);
    CHECK(body_json(r)["error"]["message"].get<std::string>().find("too many pushes") != std::string::npos);
    CHECK(s < 2);  // not held for the 3 s wait
    // An ordinary sync still finds a thread meanwhile.
    auto health = c.Get("/healthz");
    REQUIRE(health);
    CHECK(health->status == 200);
    waiting.join();
    CHECK(first_status == 503);
    // Both devices get everything in on their next sync.
    CHECK(a.sync().refused.empty());
    CHECK(b.sync().refused.empty());
    CHECK(a.store->pending_count() == 0);
    CHECK(b.store->pending_count() == 0);
}

TEST_CASE("GDPR on the server: export - erasure reaches every device and every notification - an access log") {
    ServerProcess srv({"--rate", "0", "--quiet"});
    std::string alice = srv.add_user("alice", "consultant");
    std::string sam = srv.add_user("sam", "seller");
    std::string root = srv.add_user("root", "admin");
    Device a(srv.url(), alice);
    Device s(srv.url(), sam);
    std::string acme = a.account("Acme");
    std::string eva = a.add("contacts", {{"account_id", sync::text(acme)}, {"name", sync::text("Eva Lind")},
                                         {"email", sync::text("eva@acme.example")}});
    std::string ola = a.add("contacts", {{"account_id", sync::text(acme)}, {"name", sync::text("Ola Berg")}});
    a.add("cases", {{"account_id", sync::text(acme)}, {"contact_id", sync::text(eva)}, {"title", sync::text("Platform")}});
    a.add("cases", {{"account_id", sync::text(acme)}, {"contact_id", sync::text(ola)}, {"title", sync::text("Support")}});
    std::string talk = a.add("activities", {{"account_id", sync::text(acme)}, {"contact_id", sync::text(eva)},
                                            {"type", sync::text("conversation")}, {"date", sync::text("2026-11-20")},
                                            {"note", sync::text("Eva is changing jobs in spring")}});
    a.sync();
    s.sync();
    httplib::Client c(srv.url());
    auto names_in_notifications = [&] {
        std::set<std::string> names;
        json all = body_json(c.Get("/v1/notifications", auth(sam)));
        for (auto& n : all["notifications"])
            names.insert(n["payload"]["contact"]["name"].get<std::string>());
        return names;
    };
    CHECK(names_in_notifications() == std::set<std::string>{"Eva Lind", "Ola Berg"});

    // Only an admin may ask; the export holds everything about her.
    CHECK(c.Get("/v1/admin/people/" + eva, auth(alice))->status == 403);
    json doc = body_json(c.Get("/v1/admin/people/" + eva, auth(root)));
    CHECK(doc["person"]["name"] == "Eva Lind");
    CHECK(doc["account"]["name"] == "Acme");
    CHECK(doc["activities"][0]["note"] == "Eva is changing jobs in spring");
    CHECK(doc["cases"].size() == 1);
    CHECK(c.Get("/v1/admin/people/01900000-0000-7000-8000-0000000000ff", auth(root))->status == 404);

    // The admin erases Eva; the devices follow at their next sync.
    auto r = c.Post("/v1/admin/people/" + eva + "/erase", auth(root), "", "application/json");
    REQUIRE(r);
    CHECK(r->status == 200);
    a.sync();
    s.sync();
    for (Device* d : {&a, &s}) {
        auto e = d->store->get("contacts", eva);
        REQUIRE(e.ok());
        CHECK(sync::to_display((*e)["name"]) == "[erased]");
        CHECK(sync::is_null((*e)["email"]));
        CHECK(sync::is_null((*d->store->get("activities", talk))["note"]));
    }
    CHECK(a.store->update("contacts", eva, {{"name", sync::text("Eva")}}).code() == sync::Code::Forbidden);
    // A consultant erases Ola on her device; the server forgets his name too.
    REQUIRE(a.store->erase_person(ola).ok());
    auto rep = a.sync();
    CHECK(rep.refused.empty());
    CHECK(names_in_notifications() == std::set<std::string>{"[erased]"});
    auto erased_doc = body_json(c.Get("/v1/admin/people/" + ola, auth(root)));
    CHECK(erased_doc["person"]["name"] == "[erased]");

    // Who had her data: both devices downloaded Acme; root exported and erased her.
    json log = body_json(c.Get("/v1/admin/access-log?person=" + eva, auth(root)))["entries"];
    std::set<std::string> seen;
    for (auto& e : log) {
        seen.insert(e["who"].get<std::string>() + " " + e["action"].get<std::string>());
        // The admin reads names beside the ids: the customer downloaded, the person (erased now) exported.
        CHECK(e.value("subject_name", "") == (e["action"] == "download" ? "Acme" : "[erased]"));
    }
    CHECK(seen.count("alice download"));
    CHECK(seen.count("sam download"));
    CHECK(seen.count("root export"));
    CHECK(seen.count("root erase"));
    CHECK(!seen.count("alice erase"));  // that was Ola
    json by_alice = body_json(c.Get("/v1/admin/access-log?user=alice", auth(root)))["entries"];
    bool alice_erased_ola = false;
    for (auto& e : by_alice) alice_erased_ola |= e["action"] == "erase" && e["subject"] == ola;
    CHECK(alice_erased_ola);

    // The same from the command line, while the server runs.
    auto [rc, out] = srv.admin({"--json", "access", "log", "--person", eva});
    CHECK(rc == 0);
    CHECK(json::parse(out, nullptr, false)["entries"].size() == log.size());  // the same lines (downloads are per user and day)
    auto [rc2, out2] = srv.admin({"person", "erase", ola});
    CHECK(rc2 == 2);
}

TEST_CASE("a device whose date ran ahead syncs again by itself once its date is right") {
    ServerProcess srv({"--rate", "0", "--quiet"});
    std::string alice = srv.add_user("alice", "consultant");
    TempDir dir;
    std::atomic<std::int64_t> skew_ms{0};
    sync::OpenOptions o;
    o.wall = [&] {
        return static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count() +
            skew_ms.load());
    };
    auto store = sync::Store::open(dir.file("d.db"), o);
    REQUIRE(store.ok());
    client::ServerConfig cfg;
    cfg.url = srv.url();
    cfg.token = alice;
    client::SyncClient sc(**store, cfg);

    skew_ms = 400LL * 86'400'000;  // the device thinks it is next year
    auto acct = (*store)->create("accounts", {{"name", sync::text("Future AB")}});
    REQUIRE(acct.ok());
    auto r = sc.sync_once();
    REQUIRE(r.ok());
    REQUIRE(r.value->refused.size() == 1);
    CHECK(r.value->refused[0].error.code == sync::Code::ClockAhead);
    CHECK(r.value->restamped == 0);  // its date is still wrong: nothing to do but say so
    CHECK((*store)->refused()->size() == 1);

    skew_ms = 0;  // the date is put right
    r = sc.sync_once();
    REQUIRE(r.ok());
    CHECK(r.value->refused.empty());
    CHECK(r.value->restamped == 1);
    CHECK(r.value->complete);
    CHECK((*store)->refused()->empty());
    Device other(srv.url(), alice);
    other.sync();
    CHECK(other.has("accounts", *acct));
}

TEST_CASE("dismissing a refused change takes the server's version back - and the bucket is not downloaded again and again") {
    ServerProcess srv({"--rate", "0", "--quiet"});
    std::string alice = srv.add_user("alice", "consultant");
    std::string root = srv.add_user("root", "admin");
    Device a(srv.url(), alice);
    Device adm(srv.url(), root);
    std::string tp = adm.add("talking_points", {{"style", sync::text("direct")}, {"body", sync::text("Ask for the meeting")}});
    adm.sync();
    a.sync();
    // Alice may not edit the shared talking points: refused, kept on her device for review.
    REQUIRE(a.store->update("talking_points", tp, {{"body", sync::text("Never ask")}}).ok());
    std::string mine = a.add("talking_points", {{"style", sync::text("passive")}, {"body", sync::text("Listen")}});
    auto rep = a.sync();
    REQUIRE(rep.refused.size() == 2);
    auto kept = a.store->refused();
    REQUIRE(kept->size() == 2);
    // She dismisses both: her edit gives way to the server's text, her new one goes.
    for (auto& k : *kept) REQUIRE(a.store->resolve_refused(k.n, false).ok());
    rep = a.sync();
    CHECK(rep.complete);
    CHECK(sync::to_display((*a.store->get("talking_points", tp))["body"]) == "Ask for the meeting");
    CHECK(a.store->get("talking_points", mine).code() == sync::Code::NotFound);
    // In step with the server: the next syncs find no drift.
    for (int i = 0; i < 2; ++i) {
        rep = a.sync();
        CHECK(rep.redownloaded.empty());
    }
    CHECK(sync::to_display((*a.store->get("talking_points", tp))["body"]) == "Ask for the meeting");
}

TEST_CASE("an admin answer has one shape - the command line's --json and the HTTP API agree") {
    ServerProcess srv({"--rate", "0"});
    std::string alice = srv.add_user("alice", "consultant");
    std::string adm = srv.add_user("root", "admin");
    Device a(srv.url(), alice);
    a.account("Acme");
    a.sync();
    httplib::Client c(srv.url());
    auto http = [&](const char* path) {
        auto r = c.Get(path, auth(adm));
        REQUIRE(r);
        REQUIRE(r->status == 200);
        return json::parse(r->body);
    };
    auto cli = [&](std::vector<std::string> args) {
        args.insert(args.begin(), "--json");
        auto [rc, out] = srv.admin(args);
        REQUIRE(rc == 0);
        return json::parse(out);
    };
    CHECK(cli({"user", "list"}) == http("/v1/admin/users"));
    json stats = http("/v1/admin/stats");
    CHECK(stats.contains("live_connections"));  // only a serving server has them
    stats.erase("live_connections");
    json from_cli = cli({"stats"});
    CHECK(from_cli == stats);
    CHECK(cli({"access", "log"}) == http("/v1/admin/access-log"));
    // A write: the same keys either way.
    json token = cli({"user", "token", "alice"});
    CHECK(token["name"] == "alice");
    CHECK(token["token"].get<std::string>().rfind("fika_", 0) == 0);
    auto r = c.Post("/v1/admin/users/alice/token", auth(adm), "", "application/json");
    REQUIRE(r);
    CHECK(json::parse(r->body).size() == token.size());
}

namespace {

// An enrolment code made by the admin's command line: {code, link, user, expires_ms}.
json admin_code(const ServerProcess& srv, const std::string& user, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--json", "user", "enrol", user, "--url", srv.url()};
    args.insert(args.end(), extra.begin(), extra.end());
    auto [rc, out] = srv.admin(args);
    INFO(out);
    REQUIRE(rc == 0);
    return json::parse(out);
}

client::Outcome<client::Enrolled> enrol_device(const ServerProcess& srv, Device& d, const std::string& code,
                                               const std::string& name = "Maja's laptop") {
    client::ServerConfig cfg;
    cfg.url = srv.url();
    cfg.user_agent = "fika-app/9.8.7 (linux)";
    return client::enrol(cfg, code, d.store->site(), client::DeviceDescription{name, "linux", "9.8.7"});
}

json device_named(const json& list, const std::string& site) {
    for (const auto& d : list["devices"])
        if (d["site"] == site) return d;
    FAIL("no device " << site << " in " << list.dump());
    return {};
}

}  // namespace

TEST_CASE("a device signs in with a single-use enrolment code and gets a token of its own - revoking it leaves the user's others working") {
    ServerProcess srv;
    std::string admin = srv.add_user("ada", "admin");
    std::string maja_user_token = srv.add_user("maja", "consultant");
    httplib::Client http(srv.url());

    // The admin makes a code on the command line: a short code and a link naming the server.
    json code = admin_code(srv, "maja");
    std::string shown = code["code"];
    CHECK(shown.size() == 14);
    CHECK(shown[4] == '-');
    auto link = sync::parse_enrol_link(code["link"].get<std::string>());
    REQUIRE(link);
    CHECK(link->server == srv.url());
    CHECK(link->code == shown);
    CHECK(code["expires_ms"].get<std::uint64_t>() > static_cast<std::uint64_t>(std::time(nullptr)) * 1000 + 23 * 3600 * 1000);

    // The laptop exchanges it - typed sloppily (lower case, no dashes, O for 0) - for its own token.
    Device laptop(srv.url(), "");
    std::string sloppy;
    for (char ch : shown)
        if (ch != '-') sloppy.push_back(ch == '0' ? 'o' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    auto got = enrol_device(srv, laptop, sloppy);
    INFO((got.ok() ? "" : got.failure->message));
    REQUIRE(got.ok());
    CHECK(got.value->user_name == "maja");
    CHECK(got.value->role == "consultant");
    CHECK(got.value->token != maja_user_token);
    std::string laptop_token = got.value->token;

    // Single use: the same code again, from another device, is refused - and says nothing more.
    Device phone(srv.url(), "");
    auto again = enrol_device(srv, phone, shown, "Maja's phone");
    REQUIRE_FALSE(again.ok());
    CHECK(again.failure->status == 401);
    CHECK(again.failure->code == "bad_code");
    auto made_up = enrol_device(srv, phone, "ABCD-EFGH-JKMN");
    REQUIRE_FALSE(made_up.ok());
    CHECK(made_up.failure->code == "bad_code");

    // The laptop syncs with its own token.
    Device& laptop_synced = laptop;
    laptop.use_token(srv.url(), laptop_token);
    std::string acme = laptop.account("Acme");
    laptop.sync();

    // A code asked over HTTP (the admin API) signs in the phone.
    auto r = http.Post("/v1/admin/users/maja/enrol", auth(admin), R"({"ttl_minutes":30})", "application/json");
    REQUIRE(r);
    CHECK(r->status == 201);
    json phone_code = body_json(r);
    auto phone_in = enrol_device(srv, phone, phone_code["code"], "Maja's phone");
    REQUIRE(phone_in.ok());
    std::string phone_token = phone_in.value->token;
    phone.use_token(srv.url(), phone_token);
    phone.sync();
    CHECK(phone.has("accounts", acme));

    // The admin lists maja's devices: name, platform, app version, first seen, last sync.
    auto listed = http.Get("/v1/admin/devices?user=maja", auth(admin));
    json devices = body_json(listed);
    REQUIRE(devices["devices"].size() == 2);
    json lap = device_named(devices, sync::site_to_string(laptop_synced.store->site()));
    CHECK(lap["name"] == "Maja's laptop");
    CHECK(lap["platform"] == "linux");
    CHECK(lap["app_version"] == "9.8.7");
    CHECK(lap["user"] == "maja");
    CHECK(lap["first_seen_ms"].get<std::uint64_t>() > 0);
    CHECK(lap["last_sync_ms"].get<std::uint64_t>() >= lap["first_seen_ms"].get<std::uint64_t>());
    CHECK(lap["enrolled_ms"].get<std::uint64_t>() > 0);
    CHECK(lap["revoked_ms"] == 0);
    // ... and the command line says the same.
    auto [lrc, lout] = srv.admin({"device", "list", "maja"});
    CHECK(lrc == 0);
    CHECK_THAT(lout, Catch::Contains("Maja's phone") && Catch::Contains("enrolled") && Catch::Contains("9.8.7"));

    // A device's token syncs that device only: another replica with it is refused.
    Device thief(srv.url(), laptop_token);
    thief.account("Stolen");
    auto stolen = thief.client->sync_once();
    REQUIRE_FALSE(stolen.ok());
    CHECK(stolen.failure->status == 403);

    // A device stays its user's; its site id is no secret (every change carries it).
    std::string sven = srv.add_user("sven", "seller");
    std::string lap_site = sync::site_to_string(laptop_synced.store->site());
    std::string sync_as_laptop = R"({"v":1,"schema":1,"site":")" + lap_site + R"(","hlc":1,"pull":{"cursors":{}}})";
    r = http.Post("/v1/sync", auth(sven), sync_as_laptop, "application/json");
    REQUIRE(r);
    CHECK(r->status == 403);  // another user's token
    r = http.Post("/v1/sync", auth(maja_user_token), sync_as_laptop, "application/json");
    REQUIRE(r);
    CHECK(r->status == 403);  // the user's own token, for a device that has its own
    json svens = admin_code(srv, "sven");
    r = http.Post("/v1/enrol", json{{"code", svens["code"]}, {"site", lap_site}}.dump(), "application/json");
    REQUIRE(r);
    CHECK(r->status == 403);  // another user's code cannot take it
    laptop_synced.sync();     // its token still works
    Device svens_own(srv.url(), "");
    REQUIRE(enrol_device(srv, svens_own, svens["code"], "Sven's laptop").ok());  // the code stayed unused

    // The admin revokes the laptop: its token stops at once, told why; the phone and
    // maja's own token go on.
    r = http.Post("/v1/admin/devices/" + sync::site_to_string(laptop_synced.store->site()) + "/revoke", auth(admin), "", "application/json");
    REQUIRE(r);
    CHECK(r->status == 200);
    std::string after = laptop_synced.account("After revoke");
    auto refused = laptop_synced.client->sync_once();
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.failure->status == 401);
    CHECK(refused.failure->code == "revoked");
    CHECK(laptop_synced.store->pending_count() > 0);  // kept for when it is enrolled again
    std::string fine = phone.account("Still fine");
    phone.sync();
    Device old_style(srv.url(), maja_user_token);
    old_style.sync();
    // Revoking a device that signs in with its user's token is refused with a reason.
    auto [orc, oout] = srv.admin({"device", "revoke", sync::site_to_string(old_style.store->site())}, true);
    CHECK(orc != 0);
    CHECK_THAT(oout, Catch::Contains("user's token"));

    // Enrolled again with a new code, the laptop sends what waited.
    auto relap = enrol_device(srv, laptop_synced, admin_code(srv, "maja")["code"]);
    REQUIRE(relap.ok());
    laptop_synced.use_token(srv.url(), relap.value->token);
    laptop_synced.sync();
    CHECK(laptop_synced.store->pending_count() == 0);
    phone.sync();
    CHECK(phone.has("accounts", after));
    CHECK(laptop_synced.has("accounts", fine));
    CHECK(laptop_synced.store->pending_count() == 0);

    // Migration's end: maja's own token goes; enrolled devices keep working.
    auto [nrc, nout] = srv.admin({"user", "token", "maja", "--none"});
    CHECK(nrc == 0);
    auto gone = old_style.client->sync_once();
    REQUIRE_FALSE(gone.ok());
    CHECK(gone.failure->status == 401);
    phone.sync();

    // A device signed in makes a code for another device of its own (15 minutes).
    r = http.Post("/v1/enrol/codes", auth(phone_token), "{}", "application/json");
    REQUIRE(r);
    CHECK(r->status == 201);
    json own = body_json(r);
    CHECK(own["user"] == "maja");
    CHECK(own["expires_ms"].get<std::uint64_t>() <= static_cast<std::uint64_t>(std::time(nullptr) + 16 * 60) * 1000);
    Device tablet(srv.url(), "");
    REQUIRE(enrol_device(srv, tablet, own["code"], "Tablet").ok());
    // ... but not for anyone else, and a consultant cannot use the admin's.
    r = http.Post("/v1/admin/users/ada/enrol", auth(phone_token), "{}", "application/json");
    REQUIRE(r);
    CHECK(r->status == 403);
    r = http.Post("/v1/enrol/codes", auth(phone_token), R"({"ttl_minutes":600})", "application/json");
    REQUIRE(r);
    CHECK(r->status == 400);
    r = http.Get("/v1/devices", auth(phone_token));
    json mine = body_json(r);
    CHECK(mine["devices"].size() == 4);  // laptop, phone, tablet, and the one that used maja's token
    CHECK(device_named(mine, sync::site_to_string(phone.store->site()))["this_device"] == true);

    // A wiped device cannot be enrolled again; a disabled user's codes do nothing.
    auto [wrc, wout] = srv.admin({"device", "wipe", sync::site_to_string(phone.store->site())});
    CHECK(wrc == 0);
    auto rewipe = enrol_device(srv, phone, admin_code(srv, "maja")["code"]);
    REQUIRE_FALSE(rewipe.ok());
    CHECK(rewipe.failure->status == 403);
    json late = admin_code(srv, "maja");
    srv.admin({"user", "disable", "maja"});
    Device late_device(srv.url(), "");
    auto disabled = enrol_device(srv, late_device, late["code"]);
    REQUIRE_FALSE(disabled.ok());
    CHECK(disabled.failure->status == 403);
}

TEST_CASE("enrolment refuses bad bodies with a JSON error - and guessing codes is slowed down") {
    ServerProcess srv;
    srv.add_user("maja", "consultant");
    httplib::Client http(srv.url());
    for (const char* body : {"", "{", "[]", R"({"code":"ABCD-EFGH-JKMN"})", R"({"code":1,"site":"00000000000000aa"})",
                             R"({"code":"ABCD-EFGH-JKMN","site":"zz"})",
                             R"({"code":"ABCD-EFGH-JKMN","site":"00000000000000aa","extra":1})",
                             R"({"code":"ABCD-EFGH-JKMN","site":"00000000000000aa","name":"a\u0001b"})"}) {
        auto r = http.Post("/v1/enrol", body, "application/json");
        REQUIRE(r);
        INFO(body << " -> " << r->status << " " << r->body);
        CHECK(r->status == 400);
        CHECK(json::parse(r->body, nullptr, false).contains("error"));
    }
    // Right codes cost nothing: a firm enrolling a dozen devices through one address goes on.
    std::string admin = srv.add_user("ada", "admin");
    for (int i = 0; i < 12; ++i) {
        auto c = http.Post("/v1/admin/users/maja/enrol", auth(admin), "{}", "application/json");
        REQUIRE(c);
        json code = body_json(c);
        char site[17];
        std::snprintf(site, sizeof site, "%016x", 0x100 + i);
        auto r = http.Post("/v1/enrol", json{{"code", code["code"]}, {"site", site}}.dump(), "application/json");
        REQUIRE(r);
        INFO(r->body);
        CHECK(r->status == 201);
    }
    // A guesser at one address is slowed to one try per 5 seconds after ten.
    int limited = 0;
    for (int i = 0; i < 30; ++i) {
        auto r = http.Post("/v1/enrol", R"({"code":"ABCD-EFGH-JKMN","site":"00000000000000aa"})", "application/json");
        REQUIRE(r);
        if (r->status == 429) ++limited;
        else CHECK(r->status == 401);
    }
    CHECK(limited >= 15);
}

TEST_CASE("an admin asks a device to sign out: its next sync is taken and answered so - it confirms and its token stops - the user's other device goes on") {
    ServerProcess srv;
    std::string admin = srv.add_user("ada", "admin");
    std::string maja = srv.add_user("maja", "consultant");
    std::string sam = srv.add_user("sam", "seller");
    Device laptop(srv.url(), "");
    auto in = enrol_device(srv, laptop, admin_code(srv, "maja")["code"]);
    REQUIRE(in.ok());
    laptop.use_token(srv.url(), in.value->token);
    std::string acct = laptop.account("Signed-out AB");
    laptop.sync();
    std::string site = sync::site_to_string(laptop.store->site());
    // Asking an unknown device fails; confirming what was never asked is refused.
    CHECK(srv.admin({"device", "signout", "00000000000000ff"}).first != 0);
    httplib::Client http(srv.url());
    auto r = http.Post("/v1/devices/signed-out", auth(in.value->token), json{{"site", site}}.dump(), "application/json");
    REQUIRE(r);
    CHECK(r->status == 404);

    // Asked over HTTP; the laptop writes a note meanwhile: its next sync takes it and says "sign out".
    r = http.Post("/v1/admin/devices/" + site + "/signout", auth(admin), "", "application/json");
    REQUIRE(r);
    CHECK(r->status == 200);
    std::string note = laptop.add("notes", {{"account_id", sync::text(acct)}, {"body", sync::text("sent before leaving")}});
    auto rep = laptop.sync();
    CHECK(rep.sign_out);
    CHECK(rep.complete);
    CHECK(laptop.store->pending_count() == 0);
    Device seller(srv.url(), sam);
    seller.sync();
    CHECK(seller.has("notes", note));
    // Another user's token cannot confirm it; the device's own does, and its token then stops.
    r = http.Post("/v1/devices/signed-out", auth(sam), json{{"site", site}}.dump(), "application/json");
    REQUIRE(r);
    CHECK(r->status == 404);
    auto confirmed = laptop.client->confirm_signed_out();
    REQUIRE(confirmed.ok());
    auto after = laptop.client->sync_once();
    REQUIRE_FALSE(after.ok());
    CHECK(after.failure->code == "revoked");
    json list = body_json(http.Get("/v1/admin/devices?user=maja", auth(admin)));
    json d = device_named(list, site);
    CHECK(d["signout_ms"].get<std::uint64_t>() > 0);
    CHECK(d["revoked_ms"].get<std::uint64_t>() > 0);
    auto [lrc, lout] = srv.admin({"device", "list", "maja"});
    CHECK_THAT(lout, Catch::Contains("signed out"));
    // maja's own token (another device) goes on, and is not told to sign out.
    Device desk(srv.url(), maja);
    desk.account("Still here");
    CHECK_FALSE(desk.sync().sign_out);
}

TEST_CASE("the web console's session: an admin's token signs in - the cookie stands in for it - writes need the CSRF token - it ends when the admin is disabled") {
    ServerProcess srv({"--rate", "0"});
    const std::string root = srv.add_user("root", "admin"), karin = srv.add_user("karin", "consultant");
    httplib::Client c(srv.url());
    // The page itself: compiled in, with a strict Content-Security-Policy.
    auto page = c.Get("/admin");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK_THAT(page->get_header_value("Content-Type"), Catch::StartsWith("text/html"));
    CHECK_THAT(page->get_header_value("Content-Security-Policy"), Catch::Contains("default-src 'none'") &&
                                                                     Catch::Contains("script-src 'self'") &&
                                                                     Catch::Contains("frame-ancestors 'none'"));
    CHECK(page->get_header_value("X-Frame-Options") == "DENY");
    CHECK(c.Get("/admin/console.js")->status == 200);
    CHECK(c.Get("/admin/nothing.js")->status == 404);
    // Nobody signed in yet.
    auto none = c.Get("/admin/session");
    REQUIRE(none);
    CHECK(body_json(none)["user"].is_null());

    auto sign_in = [&](const std::string& token) {
        return c.Post("/admin/session", json{{"token", token}}.dump(), "application/json");
    };
    // Bad bodies: a JSON error, no cookie.
    for (const std::string& bad : {std::string("{\"token\": 5}"), std::string("not json"), std::string("{\"token\":\"a\",\"x\":1}"),
                                   std::string("{}")}) {
        auto r = c.Post("/admin/session", bad, "application/json");
        REQUIRE(r);
        INFO(bad << " -> " << r->status << " " << r->body);
        CHECK(r->status == 400);
        CHECK(body_json(r)["error"]["code"] == "invalid");
        CHECK(r->get_header_value("Set-Cookie").empty());
    }
    auto wrong = sign_in("fika_" + std::string(32, '0'));
    REQUIRE(wrong);
    CHECK(wrong->status == 401);
    CHECK(wrong->get_header_value("Set-Cookie").empty());
    auto consultant = sign_in(karin);
    REQUIRE(consultant);
    CHECK(consultant->status == 403);
    auto ok = sign_in(root);
    REQUIRE(ok);
    REQUIRE(ok->status == 200);
    const std::string set_cookie = ok->get_header_value("Set-Cookie");
    CHECK_THAT(set_cookie, Catch::Contains("HttpOnly") && Catch::Contains("SameSite=Strict") && Catch::Contains("Path=/"));
    CHECK_FALSE(Catch::Contains(root).match(set_cookie));  // the token itself is not in the cookie
    const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
    const std::string csrf = body_json(ok)["csrf"];

    // The cookie reads the admin API; a write also needs the CSRF token (and this origin).
    httplib::Headers with_cookie = {{"Cookie", cookie}};
    auto users = c.Get("/v1/admin/users", with_cookie);
    REQUIRE(users);
    CHECK(users->status == 200);
    CHECK(body_json(users)["users"].size() == 2);
    CHECK(c.Get("/v1/me", with_cookie)->status == 401);  // the console's cookie opens the admin API only
    const std::string add = json{{"name", "sven"}, {"role", "seller"}}.dump();
    auto no_csrf = c.Post("/v1/admin/users", with_cookie, add, "application/json");
    REQUIRE(no_csrf);
    CHECK(no_csrf->status == 403);
    CHECK(body_json(no_csrf)["error"]["code"] == "csrf");
    auto elsewhere = c.Post("/v1/admin/users", {{"Cookie", cookie}, {"X-Fika-CSRF", csrf}, {"Origin", "https://evil.example"}},
                            add, "application/json");
    REQUIRE(elsewhere);
    CHECK(elsewhere->status == 403);
    auto added = c.Post("/v1/admin/users", {{"Cookie", cookie}, {"X-Fika-CSRF", csrf}}, add, "application/json");
    REQUIRE(added);
    CHECK(added->status == 201);
    // A cookie with its signature altered, or naming another user, is nobody's.
    std::string forged = cookie;
    forged.back() = forged.back() == '0' ? '1' : '0';
    CHECK(c.Get("/v1/admin/users", httplib::Headers{{"Cookie", forged}})->status == 401);

    // The customer search behind the access page, and a grant through the cookie.
    Device laptop(srv.url(), root);
    const std::string acme = laptop.account("Acme Verkstad AB");
    laptop.account("Berg 100% & Söner");
    laptop.sync();
    laptop.add("contacts", {{"account_id", sync::text(acme)}, {"name", sync::text("Eva Lund")}});
    laptop.sync();
    auto people = c.Get("/v1/admin/people?q=lun", with_cookie);
    REQUIRE(people);
    REQUIRE(body_json(people)["people"].size() == 1);
    CHECK(body_json(people)["people"][0]["name"] == "Eva Lund");
    CHECK(body_json(people)["people"][0]["account"]["name"] == "Acme Verkstad AB");
    auto found = c.Get("/v1/admin/accounts?q=ACME", with_cookie);
    REQUIRE(found);
    REQUIRE(body_json(found)["accounts"].size() == 1);
    CHECK(body_json(found)["accounts"][0]["id"] == acme);
    CHECK(body_json(c.Get("/v1/admin/accounts?q=100%25", with_cookie))["accounts"].size() == 1);  // % is literal
    CHECK(body_json(c.Get("/v1/admin/accounts?q=", with_cookie))["accounts"].size() == 2);
    auto grant = c.Post("/v1/admin/access/grant", {{"Cookie", cookie}, {"X-Fika-CSRF", csrf}},
                        json{{"user", "karin"}, {"account", acme}}.dump(), "application/json");
    REQUIRE(grant);
    CHECK(grant->status == 200);
    auto access = c.Get("/v1/admin/access?user=karin", with_cookie);
    REQUIRE(access);
    CHECK(body_json(access)["accounts"][0]["name"] == "Acme Verkstad AB");
    CHECK(body_json(c.Get("/v1/admin/accounts?q=acme", with_cookie))["accounts"][0]["granted"] == json::array({"karin"}));

    // An enrolment code signs an admin in once; a consultant's is refused and stays unused.
    auto code_of = [&](const std::string& name) {
        auto [rc, out] = srv.admin({"--json", "user", "enrol", name});
        REQUIRE(rc == 0);
        return json::parse(out)["code"].get<std::string>();
    };
    const std::string root_code = code_of("root"), karin_code = code_of("karin");
    auto with_code = [&](const std::string& code) {
        return c.Post("/admin/session", json{{"code", code}}.dump(), "application/json");
    };
    auto by_code = with_code(root_code);
    REQUIRE(by_code);
    CHECK(by_code->status == 200);
    CHECK_THAT(by_code->get_header_value("Set-Cookie"), Catch::StartsWith("fika_console="));
    CHECK(with_code(root_code)->status == 401);  // single use
    auto karin_by_code = with_code(karin_code);
    REQUIRE(karin_by_code);
    CHECK(karin_by_code->status == 403);
    auto still = c.Post("/v1/enrol", json{{"code", karin_code}, {"site", "00000000000000aa"}}.dump(), "application/json");
    REQUIRE(still);
    CHECK(still->status == 201);  // the refused sign-in did not use it up
    CHECK(c.Post("/admin/session", json{{"code", root_code}, {"token", root}}.dump(), "application/json")->status == 400);

    // Every instance takes the same cookie: the key is the database's (a restart keeps it).
    srv.restart();
    httplib::Client again(srv.url());
    CHECK(again.Get("/v1/admin/users", with_cookie)->status == 200);
    // A disabled admin's session ends at once.
    REQUIRE(srv.admin({"user", "disable", "root"}).first == 0);
    CHECK(again.Get("/v1/admin/users", with_cookie)->status == 401);
    CHECK(body_json(again.Get("/admin/session", with_cookie))["user"].is_null());
    // Signing out clears the cookie in the browser.
    auto out = again.Post("/admin/session/end", with_cookie, "", "application/json");
    REQUIRE(out);
    CHECK_THAT(out->get_header_value("Set-Cookie"), Catch::Contains("Max-Age=0"));
}

TEST_CASE("the admin sees everyone's notifications and the webhook deliveries waiting with their errors") {
    // A webhook nobody listens on: every delivery fails and says why.
    ServerProcess srv({"--rate", "0", "--webhook", "http://127.0.0.1:1/fika"});
    const std::string root = srv.add_user("root", "admin"), sven = srv.add_user("sven", "seller");
    Device laptop(srv.url(), root);
    const std::string acme = laptop.account("Acme");
    laptop.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("New warehouse")}});
    laptop.sync();
    httplib::Client c(srv.url());
    auto ns = c.Get("/v1/admin/notifications", auth(root));
    REQUIRE(ns);
    REQUIRE(ns->status == 200);
    json list = body_json(ns)["notifications"];
    REQUIRE(list.size() == 1);
    CHECK(list[0]["user"] == "sven");
    CHECK(list[0]["payload"]["case"]["title"] == "New warehouse");
    CHECK(list[0]["read"] == false);
    CHECK(c.Get("/v1/admin/notifications", auth(sven))->status == 403);  // sellers read their own at /v1/notifications
    json hooks;
    bool failed = holds_within([&] {
        hooks = body_json(c.Get("/v1/admin/webhooks", auth(root)));
        return hooks["queue"].size() == 1 && !hooks["queue"][0]["last_error"].get<std::string>().empty();
    }, 10000);
    INFO(hooks.dump());
    REQUIRE(failed);
    CHECK(hooks["configured"] == true);
    CHECK(hooks["queue"][0]["attempts"].get<int>() >= 1);
    CHECK(hooks["queue"][0]["payload"]["case"]["title"] == "New warehouse");
    CHECK(hooks["queue"][0]["next_at_ms"].get<std::uint64_t>() > 0);
}
