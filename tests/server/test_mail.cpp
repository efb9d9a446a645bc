// Sellers told of new cases by e-mail (server/mail.h), through a real SMTP server the test
// starts (Debian's aiosmtpd, tests/harness/smtp_harness.h) with STARTTLS and AUTH: at
// once or in a daily digest, in the seller's language, exactly one mail per
// notification, retried while the mail server has trouble, never from bad preferences.
#include <catch2/catch.hpp>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <ctime>
#include <set>
#include <fstream>

#include "device_harness.h"
#include "server_harness.h"
#include "smtp_harness.h"

using namespace fika;
using fika::test::auth;
using fika::test::body_json;
using fika::test::holds_within;
using fika::test::ServerProcess;
using fika::test::SmtpOptions;
using fika::test::SmtpServer;
using fika::test::TempDir;
using Device = fika::test::SyncDevice;
using json = nlohmann::json;

namespace {

// The server's options for mail through `smtp`, signing in as fika with a password file.
std::vector<std::string> mail_options(const SmtpServer& smtp, const TempDir& dir, bool with_auth = true) {
    std::vector<std::string> o = {"--smtp", smtp.url(), "--smtp-from", "fika@firm.example", "--smtp-ca", smtp.ca()};
    if (with_auth) {
        std::ofstream(dir.file("smtp-password")) << "s3cret\n";
        o.insert(o.end(), {"--smtp-user", "fika", "--smtp-password-file", dir.file("smtp-password")});
    }
    return o;
}

json put_mail(httplib::Client& c, const std::string& token, const json& body, int expect = 200) {
    auto r = c.Put("/v1/me/mail", auth(token), body.dump(), "application/json");
    REQUIRE(r);
    INFO(r->body);
    CHECK(r->status == expect);
    return body_json(r);
}

}  // namespace

TEST_CASE("a seller who wants mail at once gets one mail per new case - over STARTTLS with AUTH - in Swedish - once however often the push is retried") {
    SmtpServer smtp({.tls = true, .user = "fika", .password = "s3cret", .refuse = 0, .stall = false});
    TempDir dir;
    ServerProcess srv(mail_options(smtp, dir));
    httplib::Client c(srv.url());
    std::string alice = srv.add_user("alice", "consultant");
    std::string sam = srv.add_user("sam", "seller");
    std::string sue = srv.add_user("sue", "seller");  // never said: no mail
    std::string sid = srv.add_user("sid", "seller");

    // How they hear: sam at once in Swedish, sid not at all. What the server says back.
    json before = body_json(c.Get("/v1/me/mail", auth(sam)));
    CHECK(before["mode"] == "none");
    CHECK(before["server_sends_mail"] == true);
    json set = put_mail(c, sam, {{"address", "sam@firm.example"}, {"mode", "instant"}, {"lang", "sv"}});
    CHECK(set["mode"] == "instant");
    CHECK(set["lang"] == "sv");
    CHECK(body_json(c.Get("/v1/me/mail", auth(sam)))["address"] == "sam@firm.example");
    put_mail(c, sid, {{"address", "sid@firm.example"}, {"mode", "none"}});

    Device a(srv.url(), alice);
    std::string acme = a.account("Acme", {{"policy", sync::text("inbound-only")}});
    std::string eva = a.add("contacts", {{"account_id", sync::text(acme)}, {"name", sync::text("Eva Lund")},
                                         {"role", sync::text("decision-maker")}});
    std::string cs = a.add("cases", {{"account_id", sync::text(acme)}, {"contact_id", sync::text(eva)},
                                     {"title", sync::text("Kaffemaskin på plan 3")}, {"need", sync::text("ny lagerlokal")}});
    a.push_again(c, alice, 3);
    a.sync();

    REQUIRE(holds_within([&] { return smtp.received().size() >= 1; }, 20000));
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // a second mail would have come by now
    auto mails = smtp.received();
    REQUIRE(mails.size() == 1);
    const auto& m = mails[0];
    CHECK(m.envelope["rcpt_tos"] == json::array({"sam@firm.example"}));
    CHECK(m.envelope["mail_from"] == "fika@firm.example");
    CHECK(m.envelope["tls"] == true);
    CHECK(m.envelope["user"] == "fika");
    CHECK(m.header("To") == "<sam@firm.example>");
    CHECK(m.subject() == "Nytt ärende: Kaffemaskin på plan 3 (Acme)");
    std::string body = m.body();
    INFO(body);
    CHECK(body.find("Kund: Acme\n") != std::string::npos);
    CHECK(body.find("Kontakt: Eva Lund (decision-maker)\n") != std::string::npos);
    CHECK(body.find("Hittat av: alice\n") != std::string::npos);
    CHECK(body.find("Behov: ny lagerlokal\n") != std::string::npos);
    CHECK(body.find("Varning: kunden tar bara emot inkommande arbete\n") != std::string::npos);
    CHECK(body.find("Öppna i Fika: fika://case/" + cs + "\n") != std::string::npos);
    CHECK(!m.header("Message-ID").empty());
    CHECK(!m.header("Date").empty());

    // Nothing waits; the admin sees so.
    std::string root = srv.add_user("root", "admin");
    json q = body_json(c.Get("/v1/admin/mail", auth(root)));
    CHECK(q["configured"] == true);
    CHECK(q["queue"].empty());
}

TEST_CASE("a daily digest waits for the seller's hour - changing to at once sends what waits - none drops it") {
    SmtpServer smtp({.tls = true, .user = {}, .password = {}, .refuse = 0, .stall = false});
    TempDir dir;
    ServerProcess srv(mail_options(smtp, dir, false));
    httplib::Client c(srv.url());
    std::string alice = srv.add_user("alice", "consultant");
    std::string sam = srv.add_user("sam", "seller");
    std::string sue = srv.add_user("sue", "seller");
    std::string root = srv.add_user("root", "admin");
    // 07:00 in UTC+2 (05:00 UTC): the next one after now.
    put_mail(c, sam, {{"address", "sam@firm.example"}, {"mode", "daily"}, {"hour", 7}, {"utc_offset_min", 120}});
    put_mail(c, sue, {{"address", "sue@firm.example"}, {"mode", "daily"}, {"hour", 7}, {"utc_offset_min", 120}});

    Device a(srv.url(), alice);
    std::string acme = a.account("Acme");
    a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("First")}});
    a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("Second")}});
    a.sync();

    json q = body_json(c.Get("/v1/admin/mail", auth(root)));
    REQUIRE(q["queue"].size() == 4);
    std::int64_t now_s = std::time(nullptr);
    std::int64_t want = ((now_s - 5 * 3600) / 86400 + 1) * 86400 + 5 * 3600;  // the next 05:00 UTC
    for (const json& e : q["queue"]) {
        CHECK(e["digest"] == true);
        CHECK(e["next_at_ms"].get<std::int64_t>() == want * 1000);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    CHECK(smtp.received().empty());

    // Sam wants them now: both go, one mail each. Sue wants none: hers are dropped.
    put_mail(c, sam, {{"mode", "instant"}});
    put_mail(c, sue, {{"mode", "none"}});
    REQUIRE(holds_within([&] { return smtp.received().size() >= 2; }, 20000));
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    auto mails = smtp.received();
    REQUIRE(mails.size() == 2);
    std::set<std::string> subjects;
    for (auto& m : mails) {
        CHECK(m.envelope["rcpt_tos"] == json::array({"sam@firm.example"}));
        subjects.insert(m.subject());
    }
    CHECK(subjects == std::set<std::string>{"New case: First (Acme)", "New case: Second (Acme)"});
    CHECK(body_json(c.Get("/v1/admin/mail", auth(root)))["queue"].empty());
}

TEST_CASE("mail the SMTP server refuses waits with its error - goes out once it takes it - a wrong password is said") {
    SmtpServer smtp({.tls = true, .user = "fika", .password = "s3cret", .refuse = 1, .stall = false});
    TempDir dir;
    ServerProcess srv(mail_options(smtp, dir));
    httplib::Client c(srv.url());
    std::string alice = srv.add_user("alice", "consultant");
    std::string sam = srv.add_user("sam", "seller");
    std::string root = srv.add_user("root", "admin");
    put_mail(c, sam, {{"address", "sam@firm.example"}, {"mode", "instant"}});
    Device a(srv.url(), alice);
    std::string acme = a.account("Acme");
    a.add("cases", {{"account_id", sync::text(acme)}, {"title", sync::text("Retried")}});
    a.sync();
    // The first try is refused (451); the retry a second later is taken: one mail.
    REQUIRE(holds_within([&] { return smtp.received().size() >= 1; }, 20000));
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    REQUIRE(smtp.received().size() == 1);
    CHECK(smtp.received()[0].subject() == "New case: Retried (Acme)");
    CHECK(srv.log().find("mail to sam@firm.example failed") != std::string::npos);

    // A server given a wrong password: the mail waits, its error shown to the admin.
    TempDir dir2;
    auto opts = mail_options(smtp, dir2);
    std::ofstream(dir2.file("smtp-password")) << "not-it\n";
    ServerProcess srv2(opts);
    httplib::Client c2(srv2.url());
    std::string bob = srv2.add_user("bob", "consultant");
    std::string sue = srv2.add_user("sue", "seller");
    std::string root2 = srv2.add_user("root", "admin");
    put_mail(c2, sue, {{"address", "sue@firm.example"}, {"mode", "instant"}});
    Device b(srv2.url(), bob);
    b.add("cases", {{"account_id", sync::text(b.account("Berg"))}, {"title", sync::text("Waits")}});
    b.sync();
    json waiting;
    REQUIRE(holds_within([&] {
        waiting = body_json(c2.Get("/v1/admin/mail", auth(root2)));
        return waiting["queue"].size() == 1 && waiting["queue"][0]["attempts"].get<int>() >= 1;
    }, 20000));
    INFO(waiting.dump());
    CHECK(waiting["queue"][0]["user"] == "sue");
    CHECK(waiting["queue"][0]["last_error"].get<std::string>().find("Login denied") != std::string::npos);
    CHECK(waiting["queue"][0]["payload"]["case"]["title"] == "Waits");
    CHECK(smtp.received().size() == 1);
}

TEST_CASE("bad mail preferences are refused with the reason - nothing changes") {
    ServerProcess srv;  // no --smtp: preferences are kept, the server says it sends none
    httplib::Client c(srv.url());
    std::string sam = srv.add_user("sam", "seller");
    json ok = put_mail(c, sam, {{"address", "sam@firm.example"}, {"mode", "daily"}, {"hour", 8}});
    CHECK(ok["server_sends_mail"] == false);
    struct Bad {
        json body;
        std::string says;
    };
    for (const Bad& b : std::vector<Bad>{
             {{{"address", "sam@firm.example\r\nBcc: all@rivals.example"}}, "one e-mail address"},
             {{{"address", "Sam <sam@firm.example>"}}, "one e-mail address"},
             {{{"address", "sam"}}, "one e-mail address"},
             {{{"address", ""}}, "an address is needed"},
             {{{"mode", "weekly"}}, "instant, daily or none"},
             {{{"hour", 24}}, "0-23"},
             {{{"hour", "8"}}, "whole number"},
             {{{"utc_offset_min", 9000}}, "-840 to 840"},
             {{{"lang", "fi"}}, "en, sv or da"},
             {{{"cc", "x@y.example"}}, "unknown field"},
         }) {
        auto r = c.Put("/v1/me/mail", auth(sam), b.body.dump(), "application/json");
        REQUIRE(r);
        INFO(b.body.dump() << " -> " << r->body);
        CHECK(r->status == 400);
        CHECK(r->body.find(b.says) != std::string::npos);
    }
    auto r = c.Put("/v1/me/mail", auth(sam), "{\"mode\":", "application/json");
    REQUIRE(r);
    CHECK(r->status == 400);
    json now = body_json(c.Get("/v1/me/mail", auth(sam)));
    CHECK(now["address"] == "sam@firm.example");
    CHECK(now["mode"] == "daily");
    CHECK(now["hour"] == 8);
    // Without a token: refused.
    auto anon = c.Put("/v1/me/mail", R"({"mode":"none"})", "application/json");
    REQUIRE(anon);
    CHECK(anon->status == 401);
}

TEST_CASE("a seller chooses mail from fika-cli - a daily digest at their hour in their time zone - mistakes are said") {
    SmtpServer smtp({.tls = true, .user = {}, .password = {}, .refuse = 0, .stall = false});
    TempDir dir;
    ServerProcess srv(mail_options(smtp, dir, false));
    std::string sam = srv.add_user("sam", "seller");
    const std::string db = dir.file("sam.db");
    auto cli = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {FIKA_CLI_BIN, "--db", db});
        return fika::test::run_command(args, true);
    };
    REQUIRE(cli({"connect", srv.url(), sam}).first == 0);
    setenv("TZ", "Europe/Stockholm", 1);  // UTC+1 in winter, +2 in summer
    auto [rc, out] = cli({"mail", "--address", "sam@firm.example", "--mode", "daily", "--hour", "7", "--lang", "da"});
    unsetenv("TZ");
    INFO(out);
    REQUIRE(rc == 0);
    CHECK(out == "sam@firm.example: a daily digest at 07:00, in da\n");
    httplib::Client c(srv.url());
    json now = body_json(c.Get("/v1/me/mail", auth(sam)));
    CHECK((now["utc_offset_min"] == 60 || now["utc_offset_min"] == 120));
    CHECK(cli({"mail"}).second == "sam@firm.example: a daily digest at 07:00, in da\n");
    auto hour = cli({"mail", "--hour", "25"});
    CHECK(hour.first == 2);
    CHECK(hour.second.find("--hour takes 0-23") != std::string::npos);
    auto mode = cli({"mail", "--mode", "weekly"});
    CHECK(mode.first == 1);
    CHECK(mode.second.find("instant, daily or none") != std::string::npos);
    CHECK(cli({"mail", "--mode", "none"}).second == "no mail\n");
}

TEST_CASE("a mail server that hangs never holds the server's stop - the mail waits in the database and goes out after a restart") {
    SmtpServer hung({.tls = false, .user = {}, .password = {}, .refuse = 0, .stall = true});
    ServerProcess srv({"--smtp", hung.url(), "--smtp-from", "fika@firm.example", "--smtp-tls", "none"});
    httplib::Client c(srv.url());
    std::string alice = srv.add_user("alice", "consultant");
    std::string sam = srv.add_user("sam", "seller");
    std::string root = srv.add_user("root", "admin");
    put_mail(c, sam, {{"address", "sam@firm.example"}, {"mode", "instant"}});
    Device a(srv.url(), alice);
    a.add("cases", {{"account_id", sync::text(a.account("Acme"))}, {"title", sync::text("Held up")}});
    a.sync();  // the sync answers at once, whatever the mail server does
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // the worker is talking to the silent server now
    auto t0 = std::chrono::steady_clock::now();
    CHECK(srv.stop() == 0);
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
    // Still queued; a restart with a working mail server sends it, once.
    SmtpServer smtp({.tls = true, .user = {}, .password = {}, .refuse = 0, .stall = false});
    srv.restart_with({"--smtp", smtp.url(), "--smtp-from", "fika@firm.example", "--smtp-ca", smtp.ca()});
    REQUIRE(holds_within([&] { return smtp.received().size() >= 1; }, 20000));
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    REQUIRE(smtp.received().size() == 1);
    CHECK(smtp.received()[0].subject() == "New case: Held up (Acme)");
    httplib::Client c2(srv.url());
    CHECK(body_json(c2.Get("/v1/admin/mail", auth(root)))["queue"].empty());
}
