// Attachments end to end (issue 23; label e2e): real fika-cli devices and fika-server
// (three instances on PostgreSQL sharing one content directory under pg). A photo
// attached offline reaches the seller byte for byte through a proxy that cuts uploads
// and downloads mid-chunk, and through a device killed mid-upload; a consultant cannot
// get an ungranted customer's file by its id or by claiming its hash; revoking a
// customer and erasing a person take the files off devices and the server.
#include <catch2/catch.hpp>

#include <signal.h>

#include <filesystem>
#include <random>

#include "cli_harness.h"
#include "e2e_team.h"
#include "fault_proxy.h"
#include "net.h"

using fika::test::Cli;
using fika::test::CliProcess;
using fika::test::TempDir;
using json = nlohmann::json;
using namespace fika::test::e2e;

namespace {

// A photo's bytes: random, a marker every 100 kB that a grep of a file looks for.
std::string photo_bytes(std::size_t size, std::uint64_t seed, const std::string& marker) {
    std::mt19937_64 rng(seed);
    std::string s(size, '\0');
    for (auto& c : s) c = static_cast<char>(rng());
    for (std::size_t at = 0; at + marker.size() < size; at += 100000) s.replace(at, marker.size(), marker);
    return s;
}

std::string write_photo(const TempDir& dir, const std::string& name, const std::string& bytes) {
    std::string path = dir.file(name);
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

// Every byte of a device's files (database, WAL, vault), read when no fika-cli runs on them.
std::string device_bytes(const Cli& c) {
    std::string all;
    for (const char* suffix : {"", "-wal", "-journal"})
        if (std::filesystem::exists(c.db() + suffix)) all += fika::test::file_bytes(c.db() + suffix);
    return all;
}

// Every byte under a directory (the server's content).
std::string dir_bytes(const std::string& dir) {
    return std::filesystem::exists(dir) ? fika::test::bytes_under(dir) : std::string();
}

// One request to 127.0.0.1:port with a token, as a client that knows HTTP only: the
// status and body (HTTP/1.0, the answer ends with the connection).
std::pair<int, std::string> raw(int port, const std::string& method, const std::string& path, const std::string& token,
                                const std::string& body = "", const std::string& type = "application/octet-stream") {
    std::string req = method + " " + path + " HTTP/1.0\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n";
    if (method == "PUT") req += "Content-Type: " + type + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    const std::string out = http_exchange(port, req + "\r\n" + body);
    auto sp = out.find(' ');
    int status = sp == std::string::npos ? 0 : std::atoi(out.c_str() + sp + 1);
    auto end = out.find("\r\n\r\n");
    return {status, end == std::string::npos ? std::string() : out.substr(end + 4)};
}

// Runs `args` until it succeeds, at most `tries` times; returns how many it took.
int until_ok(const Cli& c, const std::vector<std::string>& args, int tries = 40) {
    for (int i = 1; i <= tries; ++i)
        if (c.run(args).status == 0) return i;
    FAIL("never succeeded: " << c.run(args).out);
    return tries;
}

std::string id_of(const json& list, const std::string& name) {
    for (auto& a : list)
        if (a.value("name", "") == name) return a["id"];
    return "";
}

}  // namespace

TEST_CASE("photos attached offline reach the seller byte for byte through a proxy cutting uploads and downloads mid-chunk") {
    Team t;
    fika::test::FaultProxy proxy(t.srv.port(), fika::test::test_seed("e2e attachment cuts"));
    proxy.cut_percent = 0;
    proxy.max_delay_ms = 0;
    const std::string via = "http://127.0.0.1:" + std::to_string(proxy.port());
    Cli& anna = t.add("anna", "consultant", via);
    Cli& sam = t.add("sam", "seller", via);
    std::string acme = anna.ok({"add", "account", "--name", "Acme"});
    std::string lead = anna.ok({"add", "case", "--account", acme, "--title", "Workshop"});
    // Offline (nothing synced yet): attached at once, listed as not sent.
    std::map<std::string, std::string> photos;
    for (int i = 0; i < 3; ++i) {
        std::string name = "whiteboard-" + std::to_string(i) + ".jpg";
        photos[name] = photo_bytes(2'500'000 + 100'000 * static_cast<std::size_t>(i), 10 + i, "BOARD-" + std::to_string(i) + "-MARK");
        anna.ok({"attach", "case", lead, write_photo(t.dir, name, photos[name])});
    }
    json mine = anna.json({"attachments", "case", lead});
    REQUIRE(mine.size() == 3);
    for (auto& a : mine) {
        CHECK(a["here"] == true);
        CHECK(a["uploaded"] == false);
    }
    // Every connection cut somewhere in its first 3 MB sent: a sync's own requests pass,
    // the files' do not (7.5 MB), so each upload breaks mid-body at least once.
    proxy.cut_percent = 100;
    proxy.cut_up_within = 3'000'000;
    int tries = until_ok(anna, {"sync"});
    INFO(proxy.cuts << " connections cut; the sync succeeded at try " << tries);
    CHECK(proxy.cuts > 0);
    for (auto& a : anna.json({"attachments", "case", lead})) CHECK(a["uploaded"] == true);

    // Downloads cut mid-chunk, likewise (a sync's answers are smaller than that).
    proxy.cut_up_within = 0;
    proxy.cut_within = 1'500'000;
    proxy.cuts = 0;
    until_ok(sam, {"sync"});
    json theirs = sam.json({"attachments", "case", lead});
    REQUIRE(theirs.size() == 3);
    for (auto& [name, bytes] : photos) {
        std::string id = id_of(theirs, name);
        REQUIRE_FALSE(id.empty());
        const std::string out = t.dir.file("sam-" + name);
        until_ok(sam, {"fetch", id, out});
        CHECK(fika::test::file_bytes(out) == bytes);
    }
    CHECK(proxy.cuts > 0);
    for (auto& a : sam.json({"attachments", "case", lead})) CHECK(a["here"] == true);
    // Renamed and put in the trash like any record; the trash keeps its content.
    std::string first = id_of(theirs, "whiteboard-0.jpg");
    proxy.cut_percent = 0;
    sam.ok({"set", "attachment", first, "name=Workshop board.jpg"});
    sam.ok({"delete", "attachment", first});
    settle(sam);
    settle(anna);
    CHECK(anna.json({"attachments", "case", lead}).size() == 2);
    json all = anna.json({"attachments", "case", lead, "--all"});
    CHECK(id_of(all, "Workshop board.jpg") == first);
    anna.ok({"restore", "attachment", first});
    CHECK(anna.json({"attachments", "case", lead}).size() == 3);
}

TEST_CASE("a consultant cannot get an ungranted customer's file - by its id - by claiming its hash - or by sending other bytes") {
    Team t;
    Cli& anna = t.add("anna", "consultant");
    Cli& bo = t.add("bo", "consultant");
    std::string acme = anna.ok({"add", "account", "--name", "Acme"});
    const std::string secret = photo_bytes(1'200'000, 3, "ACME-ORGCHART-MARK");
    std::string att = anna.ok({"attach", "account", acme, write_photo(t.dir, "orgchart.png", secret)});
    anna.ok({"sync"});
    json rec = anna.json({"show", "attachment", att});
    const std::string hash = rec["sha256"], size = std::to_string(rec["size"].get<std::int64_t>());
    const int port = t.srv.port();
    const std::string bo_token = t.token["bo"];

    // By its id: the same answer as an id that does not exist.
    for (const char* what : {"/content?offset=0", "/upload"}) {
        auto [st, body] = raw(port, "GET", "/v1/attachments/" + att + what, bo_token);
        INFO(body);
        CHECK(st == 404);
        CHECK_THAT(body, !Catch::Contains("ACME"));
    }
    auto [pst, pbody] = raw(port, "PUT", "/v1/attachments/" + att + "/content?offset=0", bo_token, "x");
    CHECK(pst == 404);
    CHECK(bo.run({"fetch", att, t.dir.file("stolen.png")}).status != 0);

    // By its hash: an attachment of his own that claims the same content.
    std::string bolt = bo.ok({"add", "account", "--name", "Bolt"});
    std::string claim = bo.ok({"add", "attachment", "--account", bolt, "--record_kind", "account", "--record_id", bolt,
                               "--name", "mine.png", "--size", size, "--sha256", hash});
    bo.run({"sync"});  // its upload waits: bo has no such bytes to send
    auto [gst, gbody] = raw(port, "GET", "/v1/attachments/" + claim + "/content?offset=0", bo_token);
    INFO(gbody);
    CHECK(gst == 409);  // not on the server for Bolt: nobody uploaded it there
    CHECK(gbody.find("ACME-ORGCHART-MARK") == std::string::npos);
    auto [ust, ubody] = raw(port, "GET", "/v1/attachments/" + claim + "/upload", bo_token);
    CHECK(ust == 200);
    CHECK(json::parse(ubody)["complete"] == false);  // not told the server has it
    // Other bytes of the claimed size: refused once whole, nothing kept.
    const std::string fake(static_cast<std::size_t>(std::stoll(size)), 'x');
    auto [fst, fbody] = raw(port, "PUT", "/v1/attachments/" + claim + "/content?offset=0", bo_token, fake);
    INFO(fbody);
    CHECK(fst == 409);
    CHECK_THAT(fbody, Catch::Contains("not the attachment's content"));
    auto [after, abody] = raw(port, "GET", "/v1/attachments/" + claim + "/content?offset=0", bo_token);
    CHECK(after == 409);
    CHECK(abody.find("ACME-ORGCHART-MARK") == std::string::npos);
    // Bad requests get clear JSON errors.
    auto [o1, b1] = raw(port, "PUT", "/v1/attachments/" + claim + "/content?offset=abc", bo_token, "x");
    CHECK(o1 == 400);
    CHECK_THAT(b1, Catch::Contains("\"error\""));
    auto [o2, b2] = raw(port, "PUT", "/v1/attachments/" + claim + "/content?offset=5", bo_token, "x");
    CHECK(o2 == 409);  // not where the server is: it says where
    CHECK(json::parse(b2)["have"] == 0);
    auto [o3, b3] = raw(port, "PUT", "/v1/attachments/" + claim + "/content?offset=0", bo_token,
                        std::string(static_cast<std::size_t>(std::stoll(size)) + 1, 'x'));
    CHECK(o3 == 413);
    auto [o4, b4] = raw(port, "PUT", "/v1/attachments/" + claim + "/content?offset=0", bo_token, "x", "application/json");
    CHECK(o4 == 415);
    auto [o5, b5] = raw(port, "GET", "/v1/attachments/0190a0a0-0000-7000-8000-000000000000/content?offset=0", bo_token);
    CHECK(o5 == 404);
    auto [o6, b6] = raw(port, "GET", "/v1/attachments/" + claim + "/content?offset=0", "not-a-token");
    CHECK(o6 == 401);
    // Anna's file is unharmed, and a seller gets it.
    Cli& sam = t.add("sam", "seller");
    sam.ok({"sync"});
    sam.ok({"fetch", att, t.dir.file("sam.png")});
    CHECK(fika::test::file_bytes(t.dir.file("sam.png")) == secret);
}

TEST_CASE("revoking a customer takes its files off the consultant's device - erasing a person erases their photos on the server and every device") {
    Team t;
    Cli& sam = t.add("sam", "seller");
    Cli& anna = t.add("anna", "consultant");
    std::string acme = sam.ok({"add", "account", "--name", "Acme"});
    std::string eva = sam.ok({"add", "contact", "--account", acme, "--name", "Eva Lund"});
    const std::string board = photo_bytes(900'000, 21, "ACME-BOARD-MARK"), card = photo_bytes(700'000, 22, "EVA-CARD-MARK");
    std::string board_id = sam.ok({"attach", "account", acme, write_photo(t.dir, "board.jpg", board)});
    std::string card_id = sam.ok({"attach", "contact", eva, write_photo(t.dir, "card.jpg", card)});
    sam.ok({"sync"});
    t.grant("anna", acme);
    anna.ok({"sync"});
    // Each file anna opens is in the access log as a download of Acme's data (GDPR).
    auto downloads = [&] {
        auto [lrc, log] = t.srv.admin({"--json", "access", "log", "--user", "anna"});
        INFO(log);
        REQUIRE(lrc == 0);
        const json doc = json::parse(log);  // kept: a range over a temporary's member would dangle
        std::uint64_t n = 0;
        for (auto& e : doc["entries"])
            if (e["action"] == "download" && e["subject"] == acme) n += e["times"].get<std::uint64_t>();
        return n;
    };
    const std::uint64_t before_fetch = downloads();
    anna.ok({"fetch", board_id, t.dir.file("a-board.jpg")});
    anna.ok({"fetch", card_id, t.dir.file("a-card.jpg")});
    CHECK(downloads() == before_fetch + 2);
    REQUIRE(device_bytes(anna).find("EVA-CARD-MARK") != std::string::npos);  // the grep finds them where they are
    REQUIRE(dir_bytes(t.srv.content_dir()).find("EVA-CARD-MARK") != std::string::npos);

    // Eva is erased by an admin: her card goes from the server at once, from each device
    // at its next sync; Acme's board stays.
    auto [rc, out] = t.srv.admin({"person", "erase", eva, "--yes"});
    INFO(out);
    REQUIRE(rc == 0);
    CHECK(dir_bytes(t.srv.content_dir()).find("EVA-CARD-MARK") == std::string::npos);
    CHECK(dir_bytes(t.srv.content_dir()).find("ACME-BOARD-MARK") != std::string::npos);
    settle(anna);
    settle(sam);
    for (Cli* c : {&anna, &sam}) {
        std::string bytes = device_bytes(*c);
        CHECK(bytes.find("EVA-CARD-MARK") == std::string::npos);
        CHECK(bytes.find("card.jpg") == std::string::npos);  // its name was personal too
        CHECK(c->run({"fetch", card_id, t.dir.file("again.jpg")}).status != 0);
    }
    CHECK(device_bytes(sam).find("ACME-BOARD-MARK") != std::string::npos);

    // Acme is no longer shared with anna: its records and its files leave her device.
    REQUIRE(t.srv.admin({"access", "revoke", "anna", acme}).first == 0);
    anna.ok({"sync"});
    CHECK(device_bytes(anna).find("ACME-BOARD-MARK") == std::string::npos);
    CHECK(anna.run({"fetch", board_id, t.dir.file("gone.jpg")}).status != 0);
    CHECK(device_bytes(sam).find("ACME-BOARD-MARK") != std::string::npos);  // the seller's copy stays
}

TEST_CASE("fika-cli killed mid-upload - the next sync goes on from the server's last chunk - the seller gets the file whole") {
    Team t;
    fika::test::FaultProxy proxy(t.srv.port(), fika::test::test_seed("e2e attachment kill"));
    proxy.cut_percent = 0;
    proxy.max_delay_ms = 40;  // slow enough to be killed part-way
    Cli& anna = t.add("anna", "consultant", "http://127.0.0.1:" + std::to_string(proxy.port()));
    std::string acme = anna.ok({"add", "account", "--name", "Acme"});
    const std::string scan = photo_bytes(12'000'000, 31, "SCAN-MARK");
    std::string id = anna.ok({"attach", "account", acme, write_photo(t.dir, "scan.pdf", scan)});
    const std::string staged = t.srv.content_dir() + "/uploads/" + id;
    {
        CliProcess sync(anna.db(), {"sync"});
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        std::error_code ec;
        while (std::chrono::steady_clock::now() < deadline &&
               !(std::filesystem::exists(staged) && std::filesystem::file_size(staged, ec) >= 3'000'000))
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        REQUIRE(std::filesystem::exists(staged));
        sync.stop(SIGKILL);
    }
    std::uint64_t had = std::filesystem::file_size(staged);
    INFO("the server had " << had << " bytes when fika-cli was killed");
    CHECK(had < scan.size());
    proxy.max_delay_ms = 0;
    proxy.reset_counts();
    until_ok(anna, {"sync"}, 5);
    CHECK(proxy.bytes_up < scan.size() - had + 2'000'000);  // what was left, and a chunk or so
    Cli& sam = t.add("sam", "seller");
    sam.ok({"sync"});
    sam.ok({"fetch", id, t.dir.file("sam.pdf")});
    CHECK(fika::test::file_bytes(t.dir.file("sam.pdf")) == scan);
    CHECK_FALSE(std::filesystem::exists(staged));  // the staged upload became the content
}

TEST_CASE("a backup keeps attachments' content - after the server's content is lost and the backup restored - every file reaches the seller", "[sqlite]") {
    Team t;
    Cli& anna = t.add("anna", "consultant");
    std::string acme = anna.ok({"add", "account", "--name", "Acme"});
    const std::string before = photo_bytes(800'000, 41, "BEFORE-BACKUP-MARK"), after = photo_bytes(600'000, 42, "AFTER-BACKUP-MARK");
    std::string first = anna.ok({"attach", "account", acme, write_photo(t.dir, "before.jpg", before)});
    anna.ok({"sync"});
    TempDir backups;
    auto [brc, bout] = t.srv.admin({"backup", backups.file("nightly.db")});
    INFO(bout);
    REQUIRE(brc == 0);
    CHECK(dir_bytes(backups.file("content")).find("BEFORE-BACKUP-MARK") != std::string::npos);
    std::string second = anna.ok({"attach", "account", acme, write_photo(t.dir, "after.jpg", after)});
    anna.ok({"sync"});

    // The server's disk is lost but for the backups: the database and the content go.
    t.srv.stop();
    std::filesystem::remove_all(t.srv.content_dir());
    std::filesystem::remove(t.srv.data() + "/fika-server.db");
    auto [rrc, rout] = t.srv.admin({"restore", backups.file("nightly.db")});
    INFO(rout);
    REQUIRE(rrc == 0);
    CHECK_THAT(rout, Catch::Contains("1 file(s) put back"));
    t.srv.start();
    // Anna's device sends again what the backup lacks: the second file too.
    settle(anna);
    Cli& sam = t.add("sam", "seller");
    sam.ok({"sync"});
    sam.ok({"fetch", first, t.dir.file("s1.jpg")});
    CHECK(fika::test::file_bytes(t.dir.file("s1.jpg")) == before);
    sam.ok({"fetch", second, t.dir.file("s2.jpg")});
    CHECK(fika::test::file_bytes(t.dir.file("s2.jpg")) == after);
}

TEST_CASE("scheduled backups keep an erased person's photo only while a kept backup names it", "[sqlite]") {
    TempDir backups;
    Team t({"--rate", "0", "--backup-every", "1s", "--keep", "2", "--backup-dir", backups.path().string()});
    Cli& sam = t.add("sam", "seller");
    std::string acme = sam.ok({"add", "account", "--name", "Acme"});
    std::string eva = sam.ok({"add", "contact", "--account", acme, "--name", "Eva Lund"});
    sam.ok({"attach", "contact", eva, write_photo(t.dir, "card.jpg", photo_bytes(300'000, 51, "EVA-CARD-MARK"))});
    sam.ok({"attach", "account", acme, write_photo(t.dir, "board.jpg", photo_bytes(300'000, 52, "ACME-BOARD-MARK"))});
    sam.ok({"sync"});
    auto pool = [&] { return dir_bytes(backups.file("content")); };
    auto within = [](int ms, const std::function<bool()>& f) {
        auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        while (!f() && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        return f();
    };
    REQUIRE(within(15000, [&] { return pool().find("EVA-CARD-MARK") != std::string::npos; }));
    REQUIRE(t.srv.admin({"person", "erase", eva, "--yes"}).first == 0);
    // Still there while a kept backup from before the erasure names it; gone once the
    // two kept were both taken after it. Acme's board stays.
    CHECK(within(20000, [&] { return pool().find("EVA-CARD-MARK") == std::string::npos; }));
    CHECK(pool().find("ACME-BOARD-MARK") != std::string::npos);
}

// A server whose disk for attachments is nearly full refuses an upload before writing a
// byte (507, a JSON body saying why); the device keeps the file queued, says so, and
// sends it once there is room; the seller then gets it whole.
TEST_CASE("a server with its disk nearly full refuses uploads with 507 - the device keeps the file and sends it when there is room") {
    const std::vector<std::string> full = {"--rate", "0", "--min-free-mb", "100000000000"};
    Team t(full);
    Cli& anna = t.add("anna", "consultant");
    std::string acme = anna.ok({"add", "account", "--name", "Acme"});
    const std::string photo = photo_bytes(2'000'000, 41, "FULL-MARK");
    std::string id = anna.ok({"attach", "account", acme, write_photo(t.dir, "site.jpg", photo)});
    auto r = anna.run({"sync"});
    INFO(r.out);
    CHECK(r.status == 3);  // the records are in step; a file waits
    CHECK(r.out.find("1 file(s) not sent: the server's disk for attachments is nearly full") != std::string::npos);
    // What the device saw, asked by hand: 507 with the reason, and nothing staged.
    auto [status, body] = raw(t.srv.port(), "PUT", "/v1/attachments/" + id + "/content?offset=0", t.token["anna"],
                              photo.substr(0, 1000));
    CHECK(status == 507);
    json j = json::parse(body, nullptr, false);
    REQUIRE(j.is_object());
    CHECK(j["error"]["code"] == "storage");
    CHECK(j["error"]["message"].get<std::string>().find("nearly full") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(t.srv.content_dir() + "/uploads/" + id));
    json mine = json::parse(anna.ok({"attachments", "account", acme, "--json"}));
    REQUIRE(mine.size() == 1);
    CHECK(mine[0]["here"] == true);
    // Room again (the admin freed the disk; here: the servers keep the default 512 MB).
    const std::vector<std::string> roomy = {"--rate", "0"};
    t.srv.restart_with(roomy);
    for (auto& s : t.more) s->restart_with(roomy);
    until_ok(anna, {"sync"}, 10);
    Cli& sam = t.add("sam", "seller");
    sam.ok({"sync"});
    sam.ok({"fetch", id, t.dir.file("sam.jpg")});
    CHECK(fika::test::file_bytes(t.dir.file("sam.jpg")) == photo);
}

// The firm's quota: a new file that does not fit is refused (413, why) and kept on the
// device, marked refused; the same content on another record costs nothing and passes;
// once the admin raised the quota, `resend` sends it.
TEST_CASE("a file past the server's content quota is refused with why - the same content again passes - resend sends it once raised") {
    const std::vector<std::string> tight = {"--rate", "0", "--content-quota-mb", "3"};
    Team t(tight);
    Cli& anna = t.add("anna", "consultant");
    std::string acme = anna.ok({"add", "account", "--name", "Acme"});
    const std::string first = photo_bytes(2'000'000, 51, "Q1"), second = photo_bytes(2'000'000, 52, "Q2");
    anna.ok({"attach", "account", acme, write_photo(t.dir, "first.jpg", first)});
    anna.ok({"sync"});
    std::string id2 = anna.ok({"attach", "account", acme, write_photo(t.dir, "second.jpg", second)});
    auto r = anna.run({"sync"});
    INFO(r.out);
    CHECK(r.status == 3);
    json list = json::parse(anna.ok({"attachments", "account", acme, "--json"}));
    json refused;
    for (auto& a : list)
        if (a["id"] == id2) refused = a;
    REQUIRE(refused.is_object());
    INFO(refused.dump());
    CHECK(refused.dump().find("this file does not fit: ask your admin") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(t.srv.content_dir() + "/uploads/" + id2));
    // The first photo again, on a case: the server has it - no quota needed.
    std::string kase = anna.ok({"add", "case", "--account", acme, "--title", "Roof"});
    anna.ok({"attach", "case", kase, t.dir.file("first.jpg")});
    r = anna.run({"sync"});
    CHECK(r.status == 3);  // still the refused one waiting, nothing else
    json on_case = json::parse(anna.ok({"attachments", "case", kase, "--json"}));
    REQUIRE(on_case.size() == 1);
    CHECK(on_case[0].dump().find("refused") == std::string::npos);
    // Raised: resend, and it goes.
    const std::vector<std::string> roomy = {"--rate", "0", "--content-quota-mb", "10"};
    t.srv.restart_with(roomy);
    for (auto& s : t.more) s->restart_with(roomy);
    anna.ok({"resend", id2});
    until_ok(anna, {"sync"}, 10);
    Cli& sam = t.add("sam", "seller");
    sam.ok({"sync"});
    sam.ok({"fetch", id2, t.dir.file("sam.jpg")});
    CHECK(fika::test::file_bytes(t.dir.file("sam.jpg")) == second);
}
