// fika-cli with no server: records, errors, the funnel and CSV import/export.
#include <catch2/catch.hpp>

#include <ctime>
#include <fstream>
#include <set>
#include <sstream>

#include "cli_harness.h"

using fika::test::Cli;
using fika::test::TempDir;
using json = nlohmann::json;

namespace {
void write_file(const std::string& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary);
    f << text;
}
std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream text;
    text << f.rdbuf();
    return text.str();
}
}  // namespace

TEST_CASE("records are created - changed - deleted and restored from the command line") {
    TempDir dir;
    Cli cli(dir.file("fika.db"));
    std::string acme = cli.ok({"add", "account", "--name", "Acme A/S", "--policy", "inbound-only", "--yearly-revenue", "7 000 000"});
    CHECK(acme.size() == 36);
    std::string eva = cli.ok({"add", "contact", "--account", acme, "--name", "Eva Lund", "--role", "decision-maker", "--met", "no"});
    std::string cs = cli.ok({"add", "case", "--account", acme, "--contact", eva, "--title", "Data platform", "--value", "135000"});
    json c = cli.json({"show", "case", cs});
    CHECK(c["title"] == "Data platform");
    CHECK(c["value"] == 135000);
    CHECK(c["stage"] == "spotted");
    CHECK(c["currency"] == "DKK");
    CHECK(c["contact_id"] == eva);
    CHECK(cli.json({"show", "account", acme})["yearly_revenue"] == 7000000);
    CHECK(cli.json({"show", "contact", eva})["met"] == false);

    cli.ok({"set", "case", cs, "stage=offer", "next_step=Send the offer", "follow_up=2026-12-01"});
    c = cli.json({"show", "case", cs});
    CHECK(c["stage"] == "offer");
    CHECK(c["follow_up"] == "2026-12-01");
    cli.ok({"set", "case", cs, "next_step="});
    CHECK(cli.json({"show", "case", cs})["next_step"].is_null());

    cli.ok({"delete", "case", cs});
    CHECK(cli.json({"list", "cases"}).empty());
    CHECK(cli.json({"list", "cases", "--all"}).size() == 1);
    cli.ok({"restore", "case", cs});
    CHECK(cli.json({"list", "cases"}).size() == 1);

    std::string act = cli.ok({"add", "activity", "--type", "conversation", "--account", acme, "--note", "Coffee with Eva"});
    json a = cli.json({"show", "activity", act});
    CHECK(a["type"] == "conversation");
    CHECK(a["direction"] == "outbound");
    CHECK(a["date"].get<std::string>().size() == 10);  // today by default

    std::string note = cli.ok({"add", "note", "--account", acme, "--template"});
    json n = cli.json({"show", "note", note});
    CHECK(n["kind"] == "needs-analysis");
    CHECK_THAT(n["body"].get<std::string>(), Catch::Contains("Who decides:"));

    json st = cli.json({"status"});
    // One queued write per command above, and the stage move's own: its stage change, its
    // offer activity, and the case's other fields written beside the move.
    CHECK(st["pending"] == 9 + 3);
    CHECK(cli.json({"list", "stage_changes"}).size() == 1);
    // move: lost, with its reason; the same stage again writes nothing.
    cli.ok({"move", cs, "lost", "--reason", "Went with a competitor"});
    c = cli.json({"show", "case", cs});
    CHECK(c["stage"] == "lost");
    CHECK(c["lost_reason"] == "Went with a competitor");
    CHECK(cli.json({"list", "stage_changes"}).size() == 2);
    CHECK_THAT(cli.ok({"move", cs, "lost"}), Catch::Contains("already lost"));
    CHECK(cli.json({"list", "stage_changes"}).size() == 2);
    CHECK(cli.run({"move", cs, "maybe"}).status == 1);
    CHECK(st["server"] == "");
    std::string listing = cli.ok({"list", "cases"});
    CHECK_THAT(listing, Catch::Contains("Acme A/S"));  // accounts by name, not id
}

TEST_CASE("mistakes get a clear message - a non-zero exit and change nothing") {
    TempDir dir;
    Cli cli(dir.file("fika.db"));
    std::string acme = cli.ok({"add", "account", "--name", "Acme"});
    std::string cs = cli.ok({"add", "case", "--account", acme, "--title", "x"});
    std::size_t before = cli.json({"status"})["pending"];
    struct Case {
        std::vector<std::string> args;
        int status;
        std::string message;
    };
    std::vector<Case> cases = {
        {{"add", "case", "--title", "no account"}, 1, "account_id: is required"},
        {{"add", "case", "--account", acme, "--title", "x", "--value", "lots"}, 1, "expected a whole number"},
        {{"add", "case", "--account", acme, "--title", "x", "--stage", "maybe"}, 1, "is not one of"},
        {{"add", "case", "--account", acme, "--title", "x", "--colour", "red"}, 1, "has no field 'colour'"},
        {{"add", "widget", "--name", "x"}, 2, "unknown kind"},
        {{"add", "contact", "--account", "01900000-0000-7000-8000-000000000000", "--name", "x"}, 1, "no account"},
        {{"set", "case", "01900000-0000-7000-8000-000000000000", "title=y"}, 1, "not found"},
        {{"set", "case", cs, "title"}, 2, "FIELD=VALUE"},
        {{"set", "case", cs, "follow_up=31/12/2026"}, 1, "expected a date"},
        {{"show", "case", "nope"}, 1, "not found"},
        {{"sync"}, 1, "no server configured"},
        {{"notifications"}, 1, "no server configured"},
        {{"resolve", "1", "maybe"}, 2, "mine|theirs"},
        {{"frobnicate"}, 2, "unknown command"},
        {{"funnel", "--from", "yesterday"}, 2, "YYYY-MM-DD"},
        {{"add", "contact", "--account", acme, "--name", "Eva", "--email", "eva at acme"}, 1, "expected an e-mail address"},
        {{"add", "programme", "--name", "P", "--period_start", "2026-05-01", "--period_end", "2026-04-01"}, 1,
         "the period ends before it starts"},
        // The database itself (or its WAL) is never read or written as an import or export:
        // opening it outside SQLite would drop this process's locks on it.
        {{"import", "csv", cli.db(), "--kind", "account"}, 1, "is the database itself"},
        {{"import", "csv", cli.db() + "-wal", "--kind", "account"}, 1, "is the database itself"},
        {{"export", "ical", cli.db()}, 1, "is the database itself"},
        {{"export", "csv", dir.path().string()}, 0, "accounts.csv"},
    };
    for (auto& k : cases) {
        auto args = k.args;
        INFO(Cli::join(args));
        // Errors go to stderr: run through a shell to capture both.
        auto [rc, out] = fika::test::run_command({"/bin/sh", "-c", std::string(FIKA_CLI_BIN) + " --db '" + cli.db() + "' " +
                                                                        [&] {
                                                                            std::string s;
                                                                            for (auto& a : args) s += "'" + a + "' ";
                                                                            return s;
                                                                        }() + "2>&1"});
        CHECK(rc == k.status);
        CHECK_THAT(out, Catch::Contains(k.message));
    }
    CHECK(cli.json({"status"})["pending"] == before);
    // A database file that is not one.
    std::string junk = dir.file("junk.db");
    write_file(junk, "not a database at all, just text\n");
    Cli bad(junk);
    CHECK(bad.run({"list", "accounts"}).status == 1);
    CHECK(read_file(junk) == "not a database at all, just text\n");
}

TEST_CASE("the funnel matches the worked example of product.md exactly") {
    TempDir dir;
    Cli cli(dir.file("fika.db"));
    std::string acme = cli.ok({"add", "account", "--name", "Acme"});
    std::string cs = cli.ok({"add", "case", "--account", acme, "--title", "Platform", "--value", "135000", "--currency", "DKK"});
    // 20 conversations -> 3 meetings and 2 phone meetings -> 3 offers -> 1 won (135,000 DKK),
    // entered as a consultant would, partly by CSV.
    std::string csv = "type,account_name,date,note\r\n";
    for (int i = 0; i < 20; ++i) csv += "conversation,Acme,2026-01-" + std::string(i < 9 ? "0" : "") + std::to_string(i + 1) + ",\"coffee, chat " + std::to_string(i) + "\"\r\n";
    write_file(dir.file("activities.csv"), csv);
    json rep = cli.json({"import", "csv", dir.file("activities.csv")});
    CHECK(rep["created"] == 20);
    for (int i = 0; i < 3; ++i) cli.ok({"add", "activity", "--type", "meeting", "--account", acme, "--date", "2026-02-01"});
    for (int i = 0; i < 2; ++i) cli.ok({"add", "activity", "--type", "phone-meeting", "--account", acme, "--date", "2026-02-02"});
    for (int i = 0; i < 3; ++i) cli.ok({"add", "activity", "--type", "offer", "--account", acme, "--case", cs, "--date", "2026-02-10"});
    cli.ok({"add", "activity", "--type", "won", "--account", acme, "--case", cs, "--date", "2026-03-01"});
    json f = cli.json({"funnel"});
    CHECK(f["conversations"] == 20);
    CHECK(f["meetings"] == 3);
    CHECK(f["phone_meetings"] == 2);
    CHECK(f["offers"] == 3);
    CHECK(f["won"] == 1);
    CHECK(f["lost"] == 0);
    CHECK(f["won_value"] == json{{"DKK", 135000}});
    CHECK(f["meeting_rate"].get<double>() == Approx(0.25));
    CHECK(f["offer_rate"].get<double>() == Approx(0.6));
    CHECK(f["win_rate"].get<double>() == Approx(1.0 / 3));
    // A period: only January.
    json jan = cli.json({"funnel", "--from", "2026-01-01", "--to", "2026-01-31"});
    CHECK(jan["conversations"] == 20);
    CHECK(jan["meetings"] == 0);
    CHECK(jan["won_value"].empty());
    std::string text = cli.ok({"funnel"});
    CHECK_THAT(text, Catch::Contains("135000 DKK"));
    CHECK_THAT(text, Catch::Contains("25.0% of conversations"));
}

TEST_CASE("a programme's return counts the cases captured in its period against its cost") {
    TempDir dir;
    Cli cli(dir.file("fika.db"));
    CHECK(cli.json({"roi"}).empty());
    std::string acme = cli.ok({"add", "account", "--name", "Acme"});
    std::string won = cli.ok({"add", "case", "--account", acme, "--title", "Platform", "--value", "135000"});
    std::string open = cli.ok({"add", "case", "--account", acme, "--title", "Dashboards", "--value", "1000000"});
    std::string lost = cli.ok({"add", "case", "--account", acme, "--title", "Audit", "--value", "300000"});
    cli.ok({"set", "case", won, "stage=won"});
    cli.ok({"set", "case", open, "stage=offer"});  // 60 % by default
    cli.ok({"set", "case", lost, "stage=lost"});
    for (int i = 0; i < 4; ++i) cli.ok({"add", "activity", "--type", "conversation", "--account", acme});
    // (stage=won wrote the won activity itself: the app's rule, rules::move_stage.)
    // Cases are captured today: a programme running now found them, one in 2020 did not.
    std::time_t t = std::time(nullptr);
    char today_buf[16];
    std::strftime(today_buf, sizeof today_buf, "%Y-%m-%d", std::gmtime(&t));
    std::string today = today_buf;
    cli.ok({"add", "programme", "--name", "Coffee Q4", "--cost", "500000", "--period_start", today.substr(0, 8) + "01",
            "--period_end", today});
    cli.ok({"add", "programme", "--name", "Old fair", "--cost", "10000", "--period_start", "2020-01-01",
            "--period_end", "2020-03-31"});
    json r = cli.json({"roi"});
    REQUIRE(r.size() == 2);
    const json& now = r[0];  // the newest period first
    CHECK(now["name"] == "Coffee Q4");
    CHECK(now["cases"] == 3);
    CHECK(now["won_cases"] == 1);
    CHECK(now["lost_cases"] == 1);
    CHECK(now["pipeline"] == json{{"DKK", 1135000}});           // the lost case is out
    CHECK(now["earnings"] == json{{"DKK", 135000 + 600000}});   // won + 60 % of the offer
    CHECK(now["return"].get<double>() == Approx(735000.0 / 500000));
    CHECK(now["funnel"]["conversations"] == 4);
    CHECK(now["funnel"]["won"] == 1);
    const json& old = r[1];
    CHECK(old["name"] == "Old fair");
    CHECK(old["cases"] == 0);
    CHECK(old["earnings"].empty());
    CHECK(old["return"].get<double>() == 0.0);
    CHECK(old["funnel"]["conversations"] == 0);
    std::string text = cli.ok({"roi"});
    CHECK_THAT(text, Catch::Contains("Coffee Q4"));
    CHECK_THAT(text, Catch::Contains("cases found     3   (1 won, 1 lost)"));
    CHECK_THAT(text, Catch::Contains("(1.5 x the cost)"));
    // A programme with no period counts everything.
    cli.ok({"add", "programme", "--name", "Open", "--cost", "1"});
    json all = cli.json({"roi"});
    REQUIRE(all.size() == 3);
    CHECK(all[2]["name"] == "Open");
    CHECK(all[2]["cases"] == 3);
}

TEST_CASE("CSV export and import round-trip - bad rows are reported by line and good rows kept") {
    TempDir dir;
    Cli cli(dir.file("a.db"));
    std::string acme = cli.ok({"add", "account", "--name", "Acme, Inc.", "--industry", "Retail"});
    cli.ok({"add", "contact", "--account", acme, "--name", "Eva \"the boss\" Lund", "--title", "CTO\nand founder"});
    cli.ok({"add", "case", "--account", acme, "--title", "Platform", "--value", "135000"});
    cli.ok({"add", "activity", "--type", "meeting", "--account", acme, "--note", "åäö ÆØÅ"});
    cli.ok({"export", "csv", dir.file("out")});
    std::string contacts = read_file(dir.file("out/contacts.csv"));
    CHECK_THAT(contacts, Catch::Contains("\"Acme, Inc.\""));
    CHECK_THAT(contacts, Catch::Contains("\"Eva \"\"the boss\"\" Lund\""));

    // Into an empty database: the same records, same ids.
    Cli other(dir.file("b.db"));
    for (const char* t : {"accounts", "contacts", "cases", "activities"}) {
        json r = other.json({"import", "csv", dir.file(std::string("out/") + t + ".csv")});
        CHECK(r["errors"].empty());
        CHECK(r["created"] == 1);
    }
    for (const char* t : {"accounts", "contacts", "cases", "activities"}) {
        json x = cli.json({"list", t}), y = other.json({"list", t});
        for (auto* j : {&x, &y})
            for (auto& rec : *j) rec.erase("by_user"), rec.erase("found_by");
        CHECK(x == y);
    }
    // Importing the same file again changes nothing.
    json again = other.json({"import", "csv", dir.file("out/cases.csv")});
    CHECK(again["unchanged"] == 1);
    CHECK(again["created"] == 0);

    // A file with bad rows among good ones.
    std::string csv =
        "name,title,email,account_name,role\n"
        "Anna,CEO,anna@acme.example,\"Acme, Inc.\",decision-maker\n"
        "Bo,,bo@acme.example,Nowhere Ltd,user\n"
        "Cleo,Buyer,,\"Acme, Inc.\",chief\n"
        ",Intern,,\"Acme, Inc.\",user\n"
        "Dan,\"Head of\nIT\",dan@acme.example,\"Acme, Inc.\",influencer\n"
        "Eve,too,many,cells,here,!\n";
    write_file(dir.file("contacts.csv"), csv);
    auto r = cli.run({"import", "csv", dir.file("contacts.csv"), "--json"});
    CHECK(r.status == 1);  // some rows were bad
    json rep = json::parse(r.out);
    CHECK(rep["created"] == 2);  // Anna and Dan
    REQUIRE(rep["errors"].size() == 4);
    CHECK(rep["errors"][0]["line"] == 3);
    CHECK_THAT(rep["errors"][0]["message"].get<std::string>(), Catch::Contains("no account named 'Nowhere Ltd'"));
    CHECK(rep["errors"][1]["line"] == 4);
    CHECK_THAT(rep["errors"][1]["message"].get<std::string>(), Catch::Contains("'chief' is not one of"));
    CHECK(rep["errors"][2]["line"] == 5);
    CHECK_THAT(rep["errors"][2]["message"].get<std::string>(), Catch::Contains("name: is required"));
    CHECK(rep["errors"][3]["line"] == 8);  // Dan's quoted title spans lines 6-7
    CHECK(cli.json({"list", "contacts"}).size() == 3);

    // A file with an unknown column is refused whole, naming it.
    write_file(dir.file("x.csv"), "name,shoe_size\nAnna,38\n");
    auto bad = cli.run({"import", "csv", dir.file("x.csv"), "--kind", "contacts"});
    CHECK(bad.status == 1);
}

TEST_CASE("CSV import handles thousands of rows in one go") {
    TempDir dir;
    Cli cli(dir.file("a.db"));
    std::string csv = "name,industry,policy\r\n";
    for (int i = 0; i < 5000; ++i) csv += "Account " + std::to_string(i) + ",Retail,active\r\n";
    write_file(dir.file("accounts.csv"), csv);
    json r = cli.json({"import", "csv", dir.file("accounts.csv")});
    CHECK(r["created"] == 5000);
    CHECK(r["errors"].empty());
    CHECK(cli.json({"status"})["pending"] == 5000);
}

TEST_CASE("follow-ups export as iCalendar to-dos and a person as a vCard") {
    TempDir dir;
    Cli cli(dir.file("a.db"));
    std::string acme = cli.ok({"add", "account", "--name", "Acme, Inc."});
    std::string eva = cli.ok({"add", "contact", "--account", acme, "--name", "Eva Maria Lund", "--title", "CTO; founder",
                              "--email", "eva@acme.example", "--phone", "+45 12 34 56 78", "--role", "decision-maker"});
    std::string call = cli.ok({"add", "follow-up", "--account", acme, "--summary", "Call Eva, about the offer",
                               "--due", "2026-12-01"});
    std::string done = cli.ok({"add", "follow-up", "--account", acme, "--summary",
                               "Send the reference case from the Ørestad data-platform project, with the "
                               "architecture diagram and the one-page summary",
                               "--due", "2026-11-20", "--status", "done"});
    std::string gone = cli.ok({"add", "follow-up", "--account", acme, "--summary", "Deleted one"});
    cli.ok({"delete", "follow-up", gone});

    cli.ok({"export", "ical", dir.file("follow-ups.ics")});
    std::string ics = read_file(dir.file("follow-ups.ics"));
    CHECK(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0) == 0);
    CHECK_THAT(ics, Catch::EndsWith("END:VCALENDAR\r\n"));
    CHECK_THAT(ics, Catch::Contains("UID:" + call + "@fika\r\n"));
    CHECK_THAT(ics, Catch::Contains("SUMMARY:Call Eva\\, about the offer\r\n"));
    CHECK_THAT(ics, Catch::Contains("DUE;VALUE=DATE:20261201\r\n"));
    CHECK_THAT(ics, Catch::Contains("STATUS:NEEDS-ACTION\r\n"));
    CHECK_THAT(ics, Catch::Contains("STATUS:COMPLETED\r\n"));
    CHECK_THAT(ics, Catch::Contains("DESCRIPTION:Customer: Acme\\, Inc."));
    CHECK(ics.find("Deleted one") == std::string::npos);
    // Every line ends in CRLF and holds at most 75 octets; the long summary is folded.
    std::size_t start = 0, longest = 0, lines = 0;
    for (std::size_t end; (end = ics.find("\r\n", start)) != std::string::npos; start = end + 2, ++lines)
        longest = std::max(longest, end - start);
    CHECK(start == ics.size());
    CHECK(longest <= 75);
    CHECK_THAT(ics, Catch::Contains("\r\n "));  // a continuation line
    std::string unfolded;
    for (std::size_t i = 0; i < ics.size(); ++i) {
        if (ics.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        unfolded.push_back(ics[i]);
    }
    CHECK_THAT(unfolded, Catch::Contains("with the architecture diagram and the one-page summary"));
    CHECK(ics.find('\n') == ics.find("\r\n") + 1);

    auto card = cli.run({"export", "vcard", eva, "-"});
    REQUIRE(card.status == 0);
    CHECK(card.out.rfind("BEGIN:VCARD\r\nVERSION:3.0\r\n", 0) == 0);
    CHECK_THAT(card.out, Catch::Contains("FN:Eva Maria Lund\r\n"));
    CHECK_THAT(card.out, Catch::Contains("N:Lund;Eva Maria;;;\r\n"));
    CHECK_THAT(card.out, Catch::Contains("ORG:Acme\\, Inc.\r\n"));
    CHECK_THAT(card.out, Catch::Contains("TITLE:CTO\\; founder\r\n"));
    CHECK_THAT(card.out, Catch::Contains("EMAIL;TYPE=INTERNET:eva@acme.example\r\n"));
    CHECK_THAT(card.out, Catch::Contains("TEL;TYPE=WORK,VOICE:+45 12 34 56 78\r\n"));
    CHECK_THAT(card.out, Catch::EndsWith("END:VCARD\r\n"));

    auto missing = cli.run({"export", "vcard", "01900000-0000-7000-8000-0000000000ff", "-"});
    CHECK(missing.status != 0);
    CHECK(missing.out.empty());  // nothing half-written; the reason goes to stderr
}

TEST_CASE("a person's data exports as JSON - and erasing them needs --yes and clears every trace") {
    TempDir dir;
    Cli cli(dir.file("a.db"));
    std::string acme = cli.ok({"add", "account", "--name", "Acme"});
    std::string eva = cli.ok({"add", "contact", "--account", acme, "--name", "Eva Lund", "--email", "eva@acme.example"});
    std::string talk = cli.ok({"add", "activity", "--type", "conversation", "--account", acme, "--contact", eva,
                               "--note", "Eva mentioned her sick leave"});
    std::string cs = cli.ok({"add", "case", "--account", acme, "--contact", eva, "--title", "Data platform"});
    cli.ok({"add", "note", "--account", acme, "--contact", eva, "--body", "Prefers calls after 10"});

    auto out = cli.run({"person", "export", eva, "-"});
    REQUIRE(out.status == 0);
    json doc = json::parse(out.out);
    CHECK(doc["export"] == "fika person");
    CHECK(doc["person"]["name"] == "Eva Lund");
    CHECK(doc["person"]["email"] == "eva@acme.example");
    CHECK(doc["account"]["name"] == "Acme");
    REQUIRE(doc["activities"].size() == 1);
    CHECK(doc["activities"][0]["note"] == "Eva mentioned her sick leave");
    CHECK(doc["cases"][0]["id"] == cs);
    CHECK(doc["notes"][0]["body"] == "Prefers calls after 10");

    auto refused = cli.run({"person", "erase", eva});
    CHECK(refused.status == 2);  // "add --yes to go ahead", on stderr
    CHECK(json::parse(cli.ok({"show", "contact", eva, "--json"}))["name"] == "Eva Lund");  // untouched

    auto erased = cli.run({"--json", "person", "erase", eva, "--yes"});
    REQUIRE(erased.status == 0);
    CHECK(json::parse(erased.out)["records"].size() == 3);  // the conversation, the note, Eva
    json after = json::parse(cli.run({"person", "export", eva, "-"}).out);
    CHECK(after["person"]["name"] == "[erased]");
    CHECK(after["person"]["email"].is_null());
    CHECK(after["person"]["erased"] == true);
    CHECK(after["activities"][0]["note"].is_null());
    CHECK(after["notes"][0]["body"] == "[erased]");
    CHECK(after["cases"][0]["title"] == "Data platform");
    CHECK(read_file(dir.file("a.db")).find("sick leave") == std::string::npos);
    auto again = cli.run({"set", "contact", eva, "name=Eva"});
    CHECK(again.status == 1);  // "... was erased ...", on stderr
}

TEST_CASE("likely duplicates are found - two people merge into one with everything that named either") {
    TempDir dir;
    Cli cli(dir.file("a.db"));
    std::string acme = cli.ok({"add", "account", "--name", "Acme A/S", "--org-number", "DK-12345678"});
    std::string acme2 = cli.ok({"add", "account", "--name", "ACME"});
    std::string other = cli.ok({"add", "account", "--name", "Other AB", "--org-number", "DK 12345678"});
    cli.ok({"add", "account", "--name", "Nordbank"});
    std::string eva = cli.ok({"add", "contact", "--account", acme, "--name", "Eva Lind", "--email", "eva@acme.example"});
    std::string eva2 = cli.ok({"add", "contact", "--account", acme, "--name", "eva  lind", "--phone", "+45 12 34 56 78",
                               "--title", "CTO"});
    std::string ola = cli.ok({"add", "contact", "--account", acme, "--name", "Ola", "--phone", "12345678"});
    std::string ola2 = cli.ok({"add", "contact", "--account", acme, "--name", "Ola Berg", "--phone", "12 34 56 78"});
    cli.ok({"add", "contact", "--account", other, "--name", "Eva Lind"});  // another customer: not the same person
    std::string cs = cli.ok({"add", "case", "--account", acme, "--contact", eva2, "--title", "Platform"});
    std::string talk = cli.ok({"add", "activity", "--type", "conversation", "--account", acme, "--contact", eva2});

    json found = cli.json({"duplicates"});
    std::set<std::string> seen;
    for (auto& g : found) {
        std::string ids;
        for (auto& r : g["records"]) ids += r["id"].get<std::string>() + " ";
        seen.insert(g["kind"].get<std::string>() + ": " + g["reason"].get<std::string>() + ": " + ids);
    }
    CHECK(seen.count("account: same organisation number: " + acme + " " + other + " "));
    CHECK(seen.count("account: similar name: " + acme + " " + acme2 + " "));
    CHECK(seen.count("contact: same name: " + eva + " " + eva2 + " "));
    CHECK(seen.count("contact: same phone: " + ola + " " + ola2 + " "));
    CHECK(seen.size() == 4);

    cli.ok({"merge", "contact", eva, eva2});
    json kept = cli.json({"show", "contact", eva});
    CHECK(kept["email"] == "eva@acme.example");
    CHECK(kept["title"] == "CTO");                  // taken from the other
    CHECK(kept["phone"] == "+45 12 34 56 78");
    CHECK(cli.json({"show", "contact", eva2})["deleted"] == true);
    CHECK(cli.json({"show", "case", cs})["contact_id"] == eva);
    CHECK(cli.json({"show", "activity", talk})["contact_id"] == eva);
    CHECK(cli.run({"merge", "contact", eva, eva}).status == 1);
    CHECK(cli.run({"merge", "account", acme, acme2}).status == 2);
    // Merged: no longer reported.
    for (auto& g : cli.json({"duplicates", "--account", acme}))
        CHECK(g["reason"] != "same name");
}

TEST_CASE("the pipeline per stage and currency - weighted by probability - open cases totalled") {
    TempDir dir;
    Cli cli(dir.file("fika.db"));
    std::string acme = cli.ok({"add", "account", "--name", "Acme"});
    std::string a = cli.ok({"add", "case", "--account", acme, "--title", "Platform", "--value", "100000"});
    std::string b = cli.ok({"add", "case", "--account", acme, "--title", "Dashboards", "--value", "50000", "--currency", "EUR"});
    std::string c = cli.ok({"add", "case", "--account", acme, "--title", "Audit", "--value", "300000"});
    std::string d = cli.ok({"add", "case", "--account", acme, "--title", "Gone", "--value", "999"});
    cli.ok({"move", a, "offer"});                                // 60 % by default
    cli.ok({"set", "case", b, "stage=offer", "probability=10"});  // set by hand
    cli.ok({"move", c, "won"});
    cli.ok({"delete", "case", d});  // a deleted case leaves the sums
    auto p = cli.json({"pipeline"});
    REQUIRE(p["stages"].size() == 7);
    CHECK(p["stages"][0]["stage"] == "spotted");
    CHECK(p["stages"][0]["cases"] == 0);
    const auto& offer = p["stages"][3];
    CHECK(offer["stage"] == "offer");
    CHECK(offer["cases"] == 2);
    CHECK(offer["value"] == nlohmann::json({{"DKK", 100000}, {"EUR", 50000}}));
    CHECK(offer["weighted"] == nlohmann::json({{"DKK", 60000}, {"EUR", 5000}}));
    CHECK(p["stages"][5]["cases"] == 1);  // won
    // Open: not won, not lost.
    CHECK(p["open_value"] == nlohmann::json({{"DKK", 100000}, {"EUR", 50000}}));
    CHECK(p["open_weighted"] == nlohmann::json({{"DKK", 60000}, {"EUR", 5000}}));
    std::string text = cli.ok({"pipeline"});
    CHECK(text.find("100000 DKK + 50000 EUR") != std::string::npos);
}

TEST_CASE("a CSV import that changes a case's stage moves it by the rule - its stage change and activity come with it") {
    TempDir dir;
    Cli cli(dir.file("fika.db"));
    std::string acme = cli.ok({"add", "account", "--name", "Acme"});
    std::string kase = cli.ok({"add", "case", "--account", acme, "--title", "Platform", "--value", "135000"});
    {
        std::ofstream f(dir.file("cases.csv"));
        f << "id,title,stage\n" << kase << ",Platform,won\n";
    }
    cli.ok({"import", "csv", dir.file("cases.csv")});
    auto changes = cli.json({"list", "stage-change"});
    REQUIRE(changes.size() == 1);
    CHECK(changes[0]["to_stage"] == "won");
    CHECK(changes[0]["case_id"] == kase);
    auto won = cli.json({"funnel"});
    CHECK(won["won"] == 1);
    // Importing the same file again changes nothing.
    cli.ok({"import", "csv", dir.file("cases.csv")});
    CHECK(cli.json({"list", "stage-change"}).size() == 1);
}
