// End to end: the real fika-server and real fika-cli processes (label e2e).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <map>
#include <random>
#include <set>

#include "cli_harness.h"
#include "e2e_team.h"
#include "fault_proxy.h"
#include "net.h"

using fika::test::Cli;
using fika::test::CliProcess;
using fika::test::ServerProcess;
using fika::test::TempDir;
using fika::test::accepts;
using fika::test::free_port;
using json = nlohmann::json;
using namespace fika::test::e2e;

TEST_CASE("three consultants and a seller work offline then converge in any order") {
    Team t;
    Cli& a = t.add("anna", "consultant");
    Cli& b = t.add("bo", "consultant");
    Cli& c = t.add("cleo", "consultant");
    Cli& s = t.add("sam", "seller");
    std::string acme = a.ok({"add", "account", "--name", "Acme"});
    std::string shared_case = a.ok({"add", "case", "--account", acme, "--title", "Platform"});
    std::string eva = a.ok({"add", "contact", "--account", acme, "--name", "Eva"});
    a.ok({"sync"});
    t.grant("bo", acme);
    t.grant("cleo", acme);
    for (Cli* x : {&b, &c, &s}) x->ok({"sync"});
    CHECK(b.json({"show", "case", shared_case})["title"] == "Platform");

    // Offline: everyone works; anna and bo edit the same field; cleo deletes a contact
    // that anna edits.
    a.ok({"add", "activity", "--type", "conversation", "--account", acme, "--note", "anna's coffee"});
    b.ok({"add", "case", "--account", acme, "--title", "Bo's lead"});
    c.ok({"add", "note", "--account", acme, "--body", "Cleo's needs analysis"});
    s.ok({"set", "account", acme, "industry=Retail"});
    a.ok({"set", "case", shared_case, "next_step=anna: call Eva"});
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    b.ok({"set", "case", shared_case, "next_step=bo: send the offer"});
    c.ok({"delete", "contact", eva});
    a.ok({"set", "contact", eva, "title=CTO"});

    // Sync in a varied order, twice round.
    for (Cli* x : {&b, &s, &a, &c}) x->run({"sync"});
    for (Cli* x : {&c, &a, &s, &b}) x->ok({"sync"});
    json want = snapshot(a);
    CHECK(snapshot(b) == want);
    CHECK(snapshot(c) == want);
    CHECK(snapshot(s) == want);

    json cs = a.json({"show", "case", shared_case});
    CHECK(cs["next_step"] == "bo: send the offer");
    json conflicts = a.json({"conflicts"});
    REQUIRE(conflicts.size() == 1);
    CHECK(conflicts[0]["field"] == "next_step");
    CHECK(conflicts[0]["mine"] == "anna: call Eva");
    CHECK(conflicts[0]["theirs"] == "bo: send the offer");
    CHECK(b.json({"conflicts"}).empty());
    // Edit versus delete: deleted, and the edit is kept.
    for (Cli* x : {&a, &b, &c, &s}) {
        json e = x->json({"show", "contact", eva});
        CHECK(e["deleted"] == true);
        CHECK(e["title"] == "CTO");
    }
    // anna re-applies her value; everyone gets it.
    a.ok({"resolve", std::to_string(conflicts[0]["n"].get<int>()), "mine"});
    a.ok({"sync"});
    b.ok({"sync"});
    CHECK(b.json({"show", "case", shared_case})["next_step"] == "anna: call Eva");
}

TEST_CASE("the seller hears of each new case exactly once - live and afterwards") {
    Team t;
    Cli& a = t.add("anna", "consultant");
    Cli& b = t.add("bo", "consultant");
    Cli& s = t.add("sam", "seller");
    CliProcess watch(s.db(), {"watch"});
    REQUIRE(watch.wait_for([](const std::string& o) { return o.find("sync (connected)") != std::string::npos; }, 10000));
    std::string acme = a.ok({"add", "account", "--name", "Acme"});
    std::set<std::string> cases;
    cases.insert(a.ok({"add", "case", "--account", acme, "--title", "Lead one"}));
    cases.insert(a.ok({"add", "case", "--account", acme, "--title", "Lead two"}));
    a.ok({"sync"});
    a.ok({"sync"});  // a second sync must not notify again
    std::string globex = b.ok({"add", "account", "--name", "Globex"});
    cases.insert(b.ok({"add", "case", "--account", globex, "--title", "Lead three"}));
    b.ok({"sync"});
    auto count = [](const std::string& o, const std::string& what) {
        std::size_t n = 0, pos = 0;
        while ((pos = o.find(what, pos)) != std::string::npos) ++n, ++pos;
        return n;
    };
    REQUIRE(watch.wait_for([&](const std::string& o) { return count(o, "notification ") >= 3; }, 10000));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    std::string out = watch.output();
    INFO(out);
    CHECK(count(out, "new case 'Lead one'") == 1);
    CHECK(count(out, "new case 'Lead two'") == 1);
    CHECK(count(out, "new case 'Lead three'") == 1);
    CHECK(count(out, "notification ") == 3);
    CHECK(watch.stop() == 0);
    // The watcher synced the cases in as they came.
    CHECK(s.json({"list", "cases"}).size() == 3);

    json ns = s.json({"notifications"});
    REQUIRE(ns.size() == 3);
    std::set<std::string> notified;
    for (auto& n : ns) notified.insert(n["case_id"].get<std::string>());
    CHECK(notified == cases);
    CHECK(s.json({"notifications", "--unread"}).size() == 3);
    s.ok({"notifications", "read", "--all"});
    CHECK(s.json({"notifications", "--unread"}).empty());
}

TEST_CASE("the funnel over everything a seller sees matches the worked example") {
    Team t;
    Cli& a = t.add("anna", "consultant");
    Cli& b = t.add("bo", "consultant");
    Cli& s = t.add("sam", "seller");
    std::string acme = a.ok({"add", "account", "--name", "Acme"});
    std::string deal = a.ok({"add", "case", "--account", acme, "--title", "Platform", "--value", "135000"});
    std::string globex = b.ok({"add", "account", "--name", "Globex"});
    // 20 conversations (12 anna, 8 bo) -> 3 meetings + 2 phone meetings -> 3 offers -> 1 won.
    for (int i = 0; i < 12; ++i) a.ok({"add", "activity", "--type", "conversation", "--account", acme});
    for (int i = 0; i < 8; ++i) b.ok({"add", "activity", "--type", "conversation", "--account", globex});
    for (int i = 0; i < 2; ++i) a.ok({"add", "activity", "--type", "meeting", "--account", acme});
    b.ok({"add", "activity", "--type", "meeting", "--account", globex});
    for (int i = 0; i < 2; ++i) b.ok({"add", "activity", "--type", "phone-meeting", "--account", globex});
    for (int i = 0; i < 2; ++i) a.ok({"add", "activity", "--type", "offer", "--account", acme, "--case", deal});
    b.ok({"add", "activity", "--type", "offer", "--account", globex});
    a.ok({"add", "activity", "--type", "won", "--account", acme, "--case", deal});
    a.ok({"sync"});
    b.ok({"sync"});
    s.ok({"sync"});
    json f = s.json({"funnel"});
    CHECK(f["conversations"] == 20);
    CHECK(f["meetings"] == 3);
    CHECK(f["phone_meetings"] == 2);
    CHECK(f["offers"] == 3);
    CHECK(f["won"] == 1);
    CHECK(f["won_value"] == json{{"DKK", 135000}});
    CHECK(f["meeting_rate"].get<double>() == Approx(0.25));
    CHECK(f["offer_rate"].get<double>() == Approx(0.6));
    CHECK(f["win_rate"].get<double>() == Approx(1.0 / 3));
    json by = s.json({"funnel", "--by-user"});
    CHECK(by["anna"]["conversations"] == 12);
    CHECK(by["bo"]["conversations"] == 8);
    CHECK(s.json({"funnel", "--user", "bo"})["phone_meetings"] == 2);
    // A consultant sees only its own customers' numbers.
    CHECK(b.json({"funnel"})["conversations"] == 8);

    // Consultants identify, sellers close: the offer and the win sam logs on the case bo
    // found count for both of them, and once in the team's total.
    std::string lead = b.ok({"add", "case", "--account", globex, "--title", "Warehouse app", "--value", "40000"});
    b.ok({"sync"});
    s.ok({"sync"});
    s.ok({"add", "activity", "--type", "offer", "--account", globex, "--case", lead});
    s.ok({"add", "activity", "--type", "won", "--account", globex, "--case", lead});
    s.ok({"sync"});
    json team = s.json({"funnel"});
    CHECK(team["offers"] == 4);
    CHECK(team["won"] == 2);
    CHECK(team["won_value"] == json{{"DKK", 175000}});
    by = s.json({"funnel", "--by-user"});
    CHECK(by["bo"]["offers"] == 2);
    CHECK(by["bo"]["won"] == 1);
    CHECK(by["bo"]["won_value"] == json{{"DKK", 40000}});
    CHECK(by["sam"]["won"] == 1);
    CHECK(by["sam"]["conversations"] == 0);
    CHECK(by["anna"]["won"] == 1);
    json bo = s.json({"funnel", "--user", "bo"});
    CHECK(bo["offers"] == 2);
    CHECK(bo["conversations"] == 8);
    b.ok({"sync"});
    CHECK(b.json({"funnel", "--user", "bo"})["won"] == 1);
}

TEST_CASE("a consultant never receives an account it was not granted") {
    Team t;
    Cli& a = t.add("anna", "consultant");
    Cli& b = t.add("bo", "consultant");
    Cli& s = t.add("sam", "seller");
    std::string secret = a.ok({"add", "account", "--name", "Secret Corp"});
    a.ok({"add", "case", "--account", secret, "--title", "Confidential"});
    a.ok({"sync"});
    b.ok({"sync"});
    s.ok({"sync"});
    CHECK(b.json({"list", "accounts"}).empty());
    CHECK(b.json({"list", "cases"}).empty());
    CHECK(b.run({"show", "account", secret}).status == 1);
    CHECK(s.json({"list", "accounts"}).size() == 1);
    // Granted, then revoked: it arrives, then it goes.
    t.grant("bo", secret);
    b.ok({"sync"});
    CHECK(b.json({"list", "cases"}).size() == 1);
    REQUIRE(t.srv.admin({"access", "revoke", "bo", secret}).first == 0);
    b.ok({"sync"});
    CHECK(b.json({"list", "accounts"}).empty());
    CHECK(b.json({"list", "cases"}).empty());
}

TEST_CASE("the server killed with SIGKILL during pushes loses nothing and applies nothing twice") {
    Team t;
    std::vector<std::string> names = {"anna", "bo", "cleo"};
    for (auto& n : names) t.add(n, "consultant");
    Cli& s = t.add("sam", "seller");
    std::string acme = t["anna"].ok({"add", "account", "--name", "Acme"});
    t["anna"].ok({"sync"});
    for (auto& n : names) t.grant(n, acme);
    for (auto& n : names) t[n].ok({"sync"});

    std::mt19937_64 rng(fika::test::test_seed("e2e server kills"));
    std::atomic<bool> done{false};
    std::atomic<int> kills{0};
    std::thread killer([&] {
        while (!done) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50 + rng() % 250));
            if (done) break;
            t.srv.stop(SIGKILL);
            ++kills;
            std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 100));
            t.srv.start();
        }
    });
    std::set<std::string> titles;
    for (int round = 0; round < 12; ++round)
        for (auto& n : names) {
            for (int k = 0; k < 2; ++k) {
                std::string title = n + "-" + std::to_string(round) + "-" + std::to_string(k);
                t[n].ok({"add", "case", "--account", acme, "--title", title});
                titles.insert(title);
            }
            t[n].run({"sync"});  // may fail: the server may be down
        }
    done = true;
    killer.join();
    INFO("server killed " << kills << " times");
    CHECK(kills > 3);
    std::vector<Cli*> consultants;
    for (auto& n : names) consultants.push_back(&t[n]);
    check_once_each(s, consultants, titles);
}

TEST_CASE("answers cut short and delayed by a proxy leave every replica converged") {
    Team t;
    fika::test::FaultProxy proxy(t.srv.port(), fika::test::test_seed("e2e proxy"));
    std::string via = "http://127.0.0.1:" + std::to_string(proxy.port());
    std::vector<std::string> names = {"anna", "bo", "cleo"};
    for (auto& n : names) t.add(n, "consultant", via);
    Cli& s = t.add("sam", "seller", via);
    std::string acme;
    {
        proxy.cut_percent = 0;
        acme = t["anna"].ok({"add", "account", "--name", "Acme"});
        t["anna"].ok({"sync"});
        for (auto& n : names) t.grant(n, acme);
        for (auto& n : names) t[n].ok({"sync"});
        proxy.cut_percent = 35;
        // An answer with nothing new is a few hundred bytes, headers included: cut within
        // them, so that about a third of all syncs really are cut short.
        proxy.cut_within = 300;
    }
    std::set<std::string> titles;
    int failures = 0;
    for (int round = 0; round < 10; ++round)
        for (auto& n : names) {
            std::string title = n + "-" + std::to_string(round);
            t[n].ok({"add", "case", "--account", acme, "--title", title});
            titles.insert(title);
            if (t[n].run({"sync"}).status != 0) ++failures;
        }
    INFO(proxy.cuts << " answers cut, " << failures << " syncs failed");
    CHECK(proxy.cuts > 0);
    // The network heals.
    proxy.cut_percent = 0;
    proxy.max_delay_ms = 0;
    for (int round = 0; round < 2; ++round) {
        for (auto& n : names) settle(t[n]);
        settle(s);
    }
    json want = snapshot(s);
    std::multiset<std::string> got;
    for (auto& c : want["cases"]) got.insert(c["title"].get<std::string>());
    CHECK(got.size() == titles.size());
    CHECK(std::set<std::string>(got.begin(), got.end()) == titles);
    for (auto& n : names) CHECK(snapshot(t[n]) == want);
    json ns = s.json({"notifications"});
    CHECK(ns.size() == titles.size());
}


// docs/deployment.md: TLS at haproxy, fika-server on loopback behind it, with the
// configuration the docs ship (docs/haproxy.cfg), unchanged.
TEST_CASE("devices sync - and a seller hears of new cases live - through haproxy with TLS as docs/deployment.md sets it up") {
    Team t({"--rate", "0", "--max-per-address", "1024"});
    Haproxy proxy("haproxy.cfg", {{"FIKA_SERVER", "127.0.0.1:" + std::to_string(t.srv.port())}});
    const std::string url = proxy.url();
    Cli& a = t.add("anna", "consultant", url);
    Cli& s = t.add("sam", "seller", url);
    CliProcess watch(s.db(), {"watch"});
    bool connected = watch.wait_for([](const std::string& o) { return o.find("sync (connected)") != std::string::npos; }, 10000);
    INFO(watch.output());
    REQUIRE(connected);
    std::string acme = a.ok({"add", "account", "--name", "Acme"});
    std::string lead = a.ok({"add", "case", "--account", acme, "--title", "Lead through the proxy"});
    a.ok({"sync"});
    CHECK(watch.wait_for([](const std::string& o) { return o.find("new case 'Lead through the proxy'") != std::string::npos; }, 10000));
    CHECK(watch.stop() == 0);
    CHECK(s.json({"show", "case", lead})["title"] == "Lead through the proxy");
    // A larger upload (several pushes on two connections) arrives whole.
    for (int i = 0; i < 300; ++i) a.ok({"add", "note", "--account", acme, "--body", "note " + std::to_string(i)});
    a.ok({"sync"});
    s.ok({"sync"});
    CHECK(s.json({"list", "notes"}).size() == 300);
}

// docs/deployment.md: three instances on one PostgreSQL database behind haproxy, with the
// configuration the docs ship (docs/haproxy-cluster.cfg), unchanged. Label pg only.
TEST_CASE("three instances on PostgreSQL behind haproxy: killed with -9 during uploads and with streams open - clients go on - nothing lost or doubled - each case told once", "[pgonly]") {
    const std::string db = fika::test::shared_cluster().create_database("fika_cluster");
    std::vector<std::unique_ptr<ServerProcess>> inst;
    std::vector<std::pair<std::string, std::string>> env;
    for (int i = 0; i < 3; ++i) {
        inst.push_back(std::make_unique<ServerProcess>(
            std::vector<std::string>{"--rate", "0", "--max-per-address", "1024", "--quiet"}, db));
        env.emplace_back("FIKA_SERVER_" + std::to_string(i + 1), "127.0.0.1:" + std::to_string(inst.back()->port()));
    }
    Haproxy proxy("haproxy-cluster.cfg", env);
    TempDir dir;
    std::map<std::string, std::unique_ptr<Cli>> cli;
    auto add = [&](const std::string& name, const std::string& role) -> Cli& {
        std::string token = inst[0]->add_user(name, role);
        cli[name] = std::make_unique<Cli>(dir.file(name + ".db"));
        cli[name]->ok({"connect", proxy.url(), token});
        return *cli[name];
    };
    std::vector<std::string> names = {"anna", "bo", "cleo"};
    for (auto& n : names) add(n, "consultant");
    Cli& s = add("sam", "seller");
    std::string acme = cli["anna"]->ok({"add", "account", "--name", "Acme"});
    cli["anna"]->ok({"sync"});
    for (auto& n : names) REQUIRE(inst[1]->admin({"access", "grant", n, acme}).first == 0);
    for (auto& n : names) cli[n]->ok({"sync"});
    CliProcess watch(s.db(), {"watch"});
    REQUIRE(watch.wait_for([](const std::string& o) { return o.find("sync (connected)") != std::string::npos; }, 10000));

    std::mt19937_64 rng(fika::test::test_seed("e2e cluster kills"));
    std::atomic<bool> done{false};
    std::atomic<int> kills{0};
    // The first to die is the instance holding the seller's stream; then any.
    std::size_t streaming = inst.size();
    for (std::size_t i = 0; i < inst.size(); ++i)
        if (http_get(inst[i]->port(), "/metrics").find("fika_live_connections 1") != std::string::npos) streaming = i;
    REQUIRE(streaming < inst.size());
    std::string killer_failed;
    std::thread killer([&] {
        try {
        for (int k = 0; k < 8 && !done; ++k) {  // bounded
            std::this_thread::sleep_for(std::chrono::milliseconds(200 + rng() % 400));
            if (done) break;
            auto& victim = *inst[k == 0 ? streaming : rng() % inst.size()];
            victim.stop(SIGKILL);
            ++kills;
            std::this_thread::sleep_for(std::chrono::milliseconds(100 + rng() % 300));
            victim.start();  // the same port: haproxy's health check takes it back
        }
        } catch (const std::exception& e) {
            killer_failed = e.what();
        }
    });
    std::set<std::string> titles;
    for (int round = 0; round < 12; ++round)
        for (auto& n : names) {
            for (int k = 0; k < 2; ++k) {
                std::string title = n + "-" + std::to_string(round) + "-" + std::to_string(k);
                cli[n]->ok({"add", "case", "--account", acme, "--title", title});
                titles.insert(title);
            }
            if (round == 4 && n == "bo")  // a larger upload: several pushes, two on the wire
                for (int i = 0; i < 300; ++i) cli[n]->ok({"add", "note", "--account", acme, "--body", "note " + std::to_string(i)});
            cli[n]->run({"sync"});  // may fail: an instance may be dying under it
        }
    done = true;
    killer.join();
    INFO("instances killed " << kills << " times");
    REQUIRE(killer_failed == "");
    CHECK(kills > 2);
    std::vector<Cli*> consultants;
    for (auto& n : names) consultants.push_back(cli[n].get());
    check_once_each(s, consultants, titles);
    CHECK(s.json({"list", "notes"}).size() == 300);
    // The seller's stream came back after each instance it was on died, resumed where it
    // was, and was told of every case (perhaps twice, never not at all).
    cli["anna"]->ok({"add", "case", "--account", acme, "--title", "after the storm"});
    settle(*cli["anna"]);
    CHECK(watch.wait_for([](const std::string& o) { return o.find("'after the storm'") != std::string::npos; }, 10000));
    std::string told = watch.output();
    std::vector<std::string> untold;
    for (const std::string& t : titles)
        if (told.find("'" + t + "'") == std::string::npos) untold.push_back(t);
    CHECK(untold == std::vector<std::string>{});
    CHECK(watch.stop() == 0);
}

TEST_CASE("a lost device wiped by an admin deletes its data at its next sync and sends nothing - the user's other device goes on - signing out sends everything first") {
    Team t;
    Cli& laptop = t.add("eva", "consultant");
    Cli phone(t.dir.file("eva-phone.db"));
    phone.ok({"connect", t.url(), t.token["eva"]});
    std::string acct = laptop.ok({"add", "account", "--name", "Zanzibar-strategy-4711 AB"});
    t.grant("eva", acct);
    laptop.ok({"sync"});
    phone.ok({"sync"});
    // The laptop is lost with a change it never sent.
    laptop.ok({"add", "note", "--account", acct, "--body", "written after the loss"});
    std::string site = laptop.json({"status"})["device"];
    // Whoever has the laptop copies its file.
    std::filesystem::copy_file(laptop.db(), t.dir.file("thief.db"));
    auto [rc, out] = t.srv.admin({"device", "wipe", site, "--reason", "reported stolen"});
    INFO(out);
    REQUIRE(rc == 0);
    auto [rc2, stats] = t.srv.admin({"stats", "--json"});
    REQUIRE(rc2 == 0);
    bool listed = false;
    INFO(stats);
    json devices = json::parse(stats)["devices"];
    for (auto& d : devices)
        if (d["site"] == site) {
            listed = true;
            CHECK(d["wiped_ms"].get<std::uint64_t>() > 0);
            CHECK(d["wipe_reason"] == "reported stolen");
        }
    CHECK(listed);

    // Its next contact: told, its data deleted at once, the unsent note never sent.
    auto r = laptop.run({"sync"});
    CHECK(r.status == 1);
    CHECK_FALSE(std::filesystem::exists(laptop.db()));
    CHECK_FALSE(std::filesystem::exists(laptop.db() + "-wal"));
    phone.ok({"sync"});
    CHECK_THAT(phone.json({"list", "note"}).dump(), !Catch::Contains("written after the loss"));
    // The copy is the same device to the server: refused, nothing from it taken.
    Cli thief(t.dir.file("thief.db"));
    CHECK(thief.run({"sync"}).status == 1);
    // The phone, the same user's other device, goes on.
    phone.ok({"add", "note", "--account", acct, "--body", "from the phone"});
    phone.ok({"sync"});

    // Signing out: the change not yet sent goes first, then the data and the token.
    phone.ok({"add", "note", "--account", acct, "--body", "sent on the way out"});
    CHECK_THAT(phone.ok({"signout"}), Catch::Contains("signed out"));
    CHECK_FALSE(std::filesystem::exists(phone.db()));
    Cli seller = t.add("sam", "seller");
    seller.ok({"sync"});
    std::string notes = seller.json({"list", "note"}).dump();
    CHECK_THAT(notes, Catch::Contains("sent on the way out"));
    CHECK_THAT(notes, Catch::Contains("from the phone"));
    CHECK_THAT(notes, !Catch::Contains("written after the loss"));

    // Offline, signing out refuses while something is unsent, unless told to lose it.
    Cli offline(t.dir.file("offline.db"));
    offline.ok({"connect", "http://127.0.0.1:1", t.token["eva"]});
    offline.ok({"add", "account", "--name", "Never sent AB"});
    auto refused = offline.run({"signout"});
    CHECK(refused.status == 1);
    CHECK(std::filesystem::exists(offline.db()));
    CHECK_THAT(offline.ok({"signout", "--discard-unsent"}), Catch::Contains("1 unsent"));
    CHECK_FALSE(std::filesystem::exists(offline.db()));

    // A disabled user's devices are wiped the same way.
    Cli& ola = t.add("ola", "consultant");
    ola.ok({"sync"});
    REQUIRE(t.srv.admin({"user", "disable", "ola"}).first == 0);
    CHECK(ola.run({"sync"}).status == 1);
    CHECK_FALSE(std::filesystem::exists(ola.db()));
}

TEST_CASE("fika-cli signs in with the admin's enrolment link - makes a code for the user's next device - a revoked device stops and the other goes on") {
    Team t;
    t.add("sam", "seller");
    t.srv.admin({"user", "add", "eva", "--role", "consultant"});
    auto [rc, out] = t.srv.admin({"--json", "user", "enrol", "eva", "--url", t.url()});
    REQUIRE(rc == 0);
    json code = json::parse(out);
    Cli laptop(t.dir.file("eva-laptop.db"));
    json in = laptop.json({"enrol", code["link"].get<std::string>()});
    CHECK(in["user"] == "eva");
    CHECK(in["server"] == t.url());
    std::string acct = laptop.ok({"add", "account", "--name", "Enrolled AB"});
    laptop.ok({"sync"});
    // The same link again is refused (the words: fika-cli's stderr), and signs nothing in.
    Cli stranger(t.dir.file("stranger.db"));
    auto again = stranger.run({"enrol", code["link"].get<std::string>()});
    CHECK(again.status == 1);
    CHECK(stranger.run({"sync"}).status != 0);

    // The laptop makes a code for eva's phone; the phone signs in with server and code.
    json phone_code = laptop.json({"devices", "--new-code"});
    Cli phone(t.dir.file("eva-phone.db"));
    phone.ok({"enrol", t.url(), phone_code["code"].get<std::string>()});
    phone.ok({"sync"});
    CHECK_THAT(phone.json({"list", "account"}).dump(), Catch::Contains("Enrolled AB"));
    json devices = phone.json({"devices"});
    REQUIRE(devices["devices"].size() == 2);

    // The admin revokes the laptop: it is refused and keeps its unsent note; the phone goes on.
    std::string site = laptop.json({"status"})["device"];
    REQUIRE(t.srv.admin({"device", "revoke", site}).first == 0);
    laptop.ok({"add", "note", "--account", acct, "--body", "kept until enrolled again"});
    auto refused = laptop.run({"sync"});
    CHECK(refused.status != 0);
    CHECK(std::filesystem::exists(laptop.db()));
    phone.ok({"add", "note", "--account", acct, "--body", "from the phone"});
    phone.ok({"sync"});
    // A new code: the note waiting on the laptop goes out, and the seller sees both.
    auto [rc2, out2] = t.srv.admin({"--json", "user", "enrol", "eva", "--url", t.url()});
    REQUIRE(rc2 == 0);
    laptop.ok({"enrol", json::parse(out2)["link"].get<std::string>()});
    laptop.ok({"sync"});
    t.cli["sam"]->ok({"sync"});
    std::string notes = t.cli["sam"]->json({"list", "note"}).dump();
    CHECK_THAT(notes, Catch::Contains("kept until enrolled again") && Catch::Contains("from the phone"));
}

TEST_CASE("an admin asks fika-cli's device to sign out: the next sync sends the note written meanwhile - then the data is gone") {
    Team t;
    Cli& eva = t.add("eva", "consultant");
    t.add("sam", "seller");
    std::string acct = eva.ok({"add", "account", "--name", "Leaving AB"});
    eva.ok({"sync"});
    std::string site = eva.json({"status"})["device"];
    REQUIRE(t.srv.admin({"device", "signout", site}).first == 0);
    eva.ok({"add", "note", "--account", acct, "--body", "the last word from this laptop"});
    json done = eva.json({"sync"});
    CHECK(done["signed_out"] == true);
    CHECK_FALSE(std::filesystem::exists(eva.db()));
    t.cli["sam"]->ok({"sync"});
    CHECK_THAT(t.cli["sam"]->json({"list", "note"}).dump(), Catch::Contains("the last word from this laptop"));
}

TEST_CASE("a wipe that lands mid-sync: the upload stops at the next page - the device deletes everything - what it had not sent never arrives", "[sqlite]") {
    Team t;
    fika::test::FaultProxy proxy(t.srv.port(), fika::test::test_seed("mid-sync wipe"));
    proxy.cut_percent = 0;
    proxy.max_delay_ms = 0;
    std::string via = "http://127.0.0.1:" + std::to_string(proxy.port());
    Cli& eva = t.add("eva", "consultant", via);
    Cli& sam = t.add("sam", "seller");
    // 20,000 customers written offline: four pages of upload (5,000 changes a push, two on the wire).
    const int total = 20000, page = 5000;
    std::string csv = "name,industry,policy\r\n";
    for (int i = 0; i < total; ++i) csv += "Unsent-words-" + std::to_string(i) + " AB,Retail,active\r\n";
    {
        std::ofstream f(t.dir.file("accounts.csv"), std::ios::binary);
        f << csv;
    }
    REQUIRE(eva.json({"import", "csv", t.dir.file("accounts.csv")})["created"] == total);
    std::string site = eva.json({"status"})["device"];
    // Whoever finds the laptop copies its file first.
    std::filesystem::copy_file(eva.db(), t.dir.file("found.db"));
    auto server_accounts = [&] {
        sam.ok({"sync"});
        return static_cast<int>(sam.json({"list", "account"}).size());
    };
    auto records = [&] { return json::parse(t.srv.admin({"stats", "--json"}).second)["records"].get<std::uint64_t>(); };
    const std::uint64_t records_before = records();
    // The server's answers are held back: the first pages merge, the device has not heard yet.
    proxy.hold_answers = true;
    fika::test::CliResult result;
    std::thread syncing([&] { result = eva.run({"sync"}); });
    // However this test ends, the answers go on and the sync is waited for (a thread left
    // running would end the whole test program, leaving its servers behind).
    struct Release {
        fika::test::FaultProxy& proxy;
        std::thread& t;
        ~Release() {
            proxy.hold_answers = false;
            if (t.joinable()) t.join();
        }
    } release{proxy, syncing};
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (records() == records_before && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    // The wipe lands mid-sync; then the answers go on their way.
    REQUIRE(t.srv.admin({"device", "wipe", site, "--reason", "lost on the train"}).first == 0);
    proxy.hold_answers = false;
    syncing.join();
    CHECK(result.status == 1);
    // What is left on the device: nothing.
    for (const char* suffix : {"", "-wal", "-shm", ".vault"}) {
        INFO(suffix);
        CHECK_FALSE(std::filesystem::exists(eva.db() + suffix));
    }
    // The server kept the pages merged before the wipe (at most the two on the wire), and
    // nothing after.
    int kept = server_accounts();
    INFO(kept << " of " << total << " customers reached the server");
    CHECK(kept > 0);
    CHECK(kept <= 2 * page);
    // The copy is the same device to the server: refused, nothing more taken.
    CHECK(fika::test::Cli(t.dir.file("found.db")).run({"sync"}).status != 0);
    CHECK(server_accounts() == kept);
}

TEST_CASE("fika-cli sync shows a progress line on a terminal for a long download - and nothing when its output is piped") {
    Team t;
    Cli& laptop = t.add("ann", "consultant");
    std::string acct = laptop.ok({"add", "account", "--name", "Bulk Haulage AB"});
    {
        std::ofstream csv(t.dir.file("cases.csv"));
        csv << "account_id,title\n";
        for (int i = 0; i < 6000; ++i) csv << acct << ",Case " << i << "\n";
    }
    laptop.ok({"import", "csv", t.dir.file("cases.csv")});
    // Piped: the summary alone.
    std::string piped = laptop.ok({"sync"});
    CHECK_THAT(piped, !Catch::Contains("sending"));
    CHECK_THAT(piped, !Catch::Contains("\r"));
    // A second device on a terminal (script(1) gives it one): the download is more than
    // one answer, so the first counts what is to come and the line says so.
    Cli phone(t.dir.file("ann-phone.db"));
    phone.ok({"connect", t.url(), t.token["ann"]});
    auto [rc, out] = fika::test::run_command({"/usr/bin/script", "-qec",
                                  std::string(FIKA_CLI_BIN) + " --db " + phone.db() + " sync", "/dev/null"});
    INFO(out);
    CHECK(rc == 0);
    CHECK_THAT(out, Catch::Contains("receiving 5000 of 6002 records (83%)"));
    CHECK_THAT(out, Catch::Contains("\r\033[K"));  // cleared before the summary
    CHECK(phone.json({"list", "cases", "--all"}).size() == 6000);
}
