// Tallies (Store::add_tally, rules::keep_tallies): the counts and sums the app's board and
// lists read instead of scanning 1,000,000 cases must be exactly what a scan gives, after
// every kind of write - a device's own, changes merged from another device, deletes,
// restores, a revoked customer's records purged - and must rebuild themselves when their
// triggers are gone.
#include <catch2/catch.hpp>

#include <random>
#include <sstream>

#include "rules.h"
#include "sqlite.h"
#include "store.h"
#include "synctest.h"
#include "testutil.h"

using namespace fika::sync;
using fika::test::FakeWall;
using fika::test::open_hub;
using fika::test::open_store;
using fika::test::TempDir;
namespace rules = fika::rules;

namespace {

// A pipeline as text, for comparing the tally's with the scan's.
std::string describe(const rules::Pipeline& p) {
    std::ostringstream o;
    for (const rules::StageSums& s : p.stages) {
        o << s.stage << " n=" << s.count;
        for (auto& [c, v] : s.value) o << " " << c << "=" << v;
        for (auto& [c, v] : s.weighted) o << " w" << c << "=" << v;
        o << "\n";
    }
    for (auto& [c, v] : p.open_value) o << "open " << c << "=" << v << "\n";
    for (auto& [c, v] : p.open_weighted) o << "open w" << c << "=" << v << "\n";
    return o.str();
}

std::int64_t scan_count(Store& s, const rules::CountQuery& q) {
    std::string sql = "SELECT count(*) FROM " + q.table + " WHERE coalesce(deleted,0)=" + (q.trash ? "1" : "0");
    if (!q.stage.empty()) sql += " AND stage='" + q.stage + "'";
    if (q.unowned_open) sql += " AND owner IS NULL AND stage NOT IN ('won','lost')";
    using By = rules::CaseFilter::By;
    if (q.filter.by == By::Owner) sql += q.filter.user.empty() ? " AND owner IS NULL" : " AND owner='" + q.filter.user + "'";
    if (q.filter.by == By::Finder) sql += " AND found_by='" + q.filter.user + "'";
    Stmt st = s.read(sql);
    REQUIRE(st.step());
    return st.integer(0);
}

// The tallied connection's figures against a scan on a second connection to the same file
// (which has not checked the tallies, so it counts and sums the rows).
// The filters a board offers: everyone's, one seller's, nobody's, one finder's.
const std::vector<rules::CaseFilter> kFilters = {{}, {rules::CaseFilter::By::Owner, "seller-1"},
                                                 {rules::CaseFilter::By::Owner, ""},
                                                 {rules::CaseFilter::By::Finder, "consultant-2"}};

void check_against_scan(Store& tallied, Store& scanning) {
    for (const rules::CaseFilter& f : kFilters) {
        INFO("filter " << static_cast<int>(f.by) << " " << f.user);
        auto by_tally = rules::pipeline(tallied, f);
        auto by_scan = rules::pipeline(scanning, f);
        REQUIRE(by_tally.ok());
        REQUIRE(by_scan.ok());
        CHECK(describe(*by_tally) == describe(*by_scan));
    }
    std::vector<rules::CountQuery> queries = {{"cases", false, "", false}, {"cases", true, "", false},
                                              {"cases", false, "offer", false}, {"cases", false, "", true},
                                              {"cases", true, "won", false}, {"accounts", false, "", false},
                                              {"accounts", true, "", false}};
    for (const rules::CaseFilter& f : kFilters) {
        queries.push_back({"cases", false, "meeting", false, f});
        queries.push_back({"cases", false, "", false, f});
    }
    for (const rules::CountQuery& q : queries) {
        INFO(q.table << (q.trash ? " trash" : "") << " stage " << q.stage << (q.unowned_open ? " unowned" : "")
                     << " filter " << static_cast<int>(q.filter.by) << " " << q.filter.user);
        CHECK(rules::tallied_count(scanning, q) == std::nullopt);
        auto n = rules::tallied_count(tallied, q);
        REQUIRE(n);
        CHECK(*n == scan_count(scanning, q));
    }
}

}  // namespace

TEST_CASE("tallies give what a scan gives - through own writes - merges from another device - deletes - restores and purges") {
    std::uint64_t seed = fika::test::test_seed("tally");
    INFO("seed " << seed << " (replay: FIKA_SEED=" << seed << ")");
    std::mt19937_64 rng(seed);
    TempDir dir;
    FakeWall wall;
    auto hub = open_hub(dir.file("hub.db"), wall, 1);
    auto mine = open_store(dir.file("a.db"), Role::Device, wall, 2);
    auto other = open_store(dir.file("b.db"), Role::Device, wall, 3);
    REQUIRE(rules::keep_tallies(*mine).ok());
    CHECK(mine->tallied("app_tally_cases"));
    auto scanning = open_store(dir.file("a.db"), Role::Device, wall, 4);

    auto pick = [&](auto&& options) { return options[rng() % options.size()]; };
    const std::vector<std::string> currencies = {"DKK", "EUR", "SEK", ""};
    std::vector<std::string> accounts, cases;
    for (int i = 0; i < 3; ++i) {
        auto a = (i % 2 ? other : mine)->create("accounts", {{"name", text("Customer " + std::to_string(i))}});
        REQUIRE(a.ok());
        accounts.push_back(*a);
    }
    fika::test::sync_once(*mine, *hub);
    fika::test::sync_once(*other, *hub);
    fika::test::sync_once(*mine, *hub);
    for (int round = 0; round < 12; ++round) {
        INFO("round " << round);
        for (int step = 0; step < 25; ++step) {
            Store& s = rng() % 3 ? *mine : *other;  // most writes here, some merged from the other device
            int what = static_cast<int>(rng() % 6);
            if (what <= 1 || cases.empty()) {
                Fields f = {{"account_id", text(pick(accounts))}, {"title", text("Case " + std::to_string(step))},
                            {"stage", text(pick(rules::stages()))}};
                if (rng() % 4) f.emplace_back("value", static_cast<std::int64_t>(rng() % 500000));
                if (std::string c = pick(currencies); !c.empty()) f.emplace_back("currency", text(c));
                if (rng() % 3 == 0) f.emplace_back("probability", static_cast<std::int64_t>(rng() % 101));
                if (rng() % 2) f.emplace_back("owner", text("seller-" + std::to_string(rng() % 3)));
                if (rng() % 4) f.emplace_back("found_by", text("consultant-" + std::to_string(rng() % 3)));
                auto id = s.create("cases", std::move(f));
                REQUIRE(id.ok());
                cases.push_back(*id);
                continue;
            }
            std::string id = pick(cases);
            if (!s.get("cases", id).ok()) continue;  // the other device has not seen it yet
            Status done = ok_status();
            switch (what) {
                case 2: done = s.update("cases", id, {{"stage", text(pick(rules::stages()))}}); break;
                case 3: {
                    std::string c = pick(currencies);
                    done = s.update("cases", id, {{"value", static_cast<std::int64_t>(rng() % 900000)},
                                                  {"currency", c.empty() ? Value{} : text(c)}});
                    break;
                }
                case 4: done = s.update("cases", id, {{"owner", rng() % 2 ? Value{} : text("seller-9")}}); break;
                default: done = rng() % 2 ? s.remove("cases", id) : s.restore("cases", id); break;
            }
            INFO((done.ok() ? "" : done.error().message));
            REQUIRE(done.ok());
        }
        fika::test::sync_once(*other, *hub);
        fika::test::sync_once(*mine, *hub);
        check_against_scan(*mine, *scanning);
    }
    // A customer this user may no longer read: its records go, and their counts and sums.
    REQUIRE(mine->purge_bucket(accounts[1]).ok());
    check_against_scan(*mine, *scanning);
}

TEST_CASE("cases captured between two times: the tally's count is a scan's - at the edges of its spans - after edits and deletes") {
    std::uint64_t seed = fika::test::test_seed("captured");
    INFO("seed " << seed << " (replay: FIKA_SEED=" << seed << ")");
    std::mt19937_64 rng(seed);
    Rng ids(seed);
    TempDir dir;
    FakeWall wall;
    auto mine = open_store(dir.file("a.db"), Role::Device, wall, 2);
    REQUIRE(rules::keep_tallies(*mine).ok());
    CHECK(mine->tallied("app_tally_cases_captured"));
    auto scanning = open_store(dir.file("a.db"), Role::Device, wall, 4);
    auto acct = mine->create("accounts", {{"name", text("Nordhavn A/S")}});
    REQUIRE(acct.ok());
    // Times near month ends, near the ends of the tally's spans (2^24 ms) and anywhere
    // in between.
    const std::uint64_t aug = 1785542400000;  // 2026-08-01T00:00:00Z
    const std::uint64_t span = std::uint64_t{1} << 24, day = 86'400'000;
    auto some_time = [&]() -> std::uint64_t {
        switch (rng() % 4) {
            case 0: return aug + (rng() % 4) * 31 * day - 600'000 + rng() % 1'200'000;  // a month's end, +-10 min
            case 1: return (aug / span + rng() % 500) * span - 5'000 + rng() % 10'000;  // a span's end, +-5 s
            default: return aug - 10 * day + rng() % (110 * day);
        }
    };
    const std::vector<std::optional<std::string>> people = {std::nullopt, "ann", "bo"};
    std::vector<std::string> cases;
    auto floor_of = [](std::uint64_t ms) {  // what a month's first id sorts after (reports.cpp)
        char hex[16];
        std::snprintf(hex, sizeof hex, "%012llx", static_cast<unsigned long long>(ms));
        return std::string(hex, 8) + "-" + std::string(hex + 8, 4);
    };
    for (int round = 0; round < 6; ++round) {
        INFO("round " << round);
        for (int i = 0; i < 150; ++i) {
            Fields f = {{"id", text(new_uuid_v7(some_time(), ids))}, {"account_id", text(*acct)}, {"title", text("Case")}};
            if (auto p = people[rng() % 3]) f.emplace_back("found_by", text(*p));
            if (auto p = people[rng() % 3]) f.emplace_back("owner", text(*p));
            auto id = mine->create("cases", std::move(f));
            REQUIRE(id.ok());
            cases.push_back(*id);
        }
        for (int i = 0; i < 40; ++i) {
            const std::string& id = cases[rng() % cases.size()];
            Status done = ok_status();
            switch (rng() % 3) {
                case 0: done = mine->remove("cases", id); break;
                case 1: done = mine->restore("cases", id); break;
                default:
                    auto p = people[rng() % 3];
                    done = mine->update("cases", id, {{"owner", p ? text(*p) : Value{}}});  // found_by is fixed
            }
            INFO((done.ok() ? "" : done.error().message));
            REQUIRE(done.ok());
        }
        std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
        for (int m = 0; m < 4; ++m) ranges.emplace_back(aug + m * 31 * day, aug + (m + 1) * 31 * day);  // whole spans between
        for (int k = 0; k < 20; ++k) {
            std::uint64_t a = some_time(), b = some_time();
            ranges.emplace_back(std::min(a, b), std::max(a, b));  // within one span too, or empty
        }
        for (auto [a, b] : ranges)
            for (const auto& who : people) {
                INFO("from " << floor_of(a) << " to " << floor_of(b) << " " << who.value_or("everyone"));
                CHECK(rules::captured_count(*mine, floor_of(a), floor_of(b), who) ==
                      rules::captured_count(*scanning, floor_of(a), floor_of(b), who));
            }
    }
    // The months do not all come from counting case by case.
    Stmt spans = mine->read("SELECT count(*), sum(n) FROM app_tally_cases_captured");
    REQUIRE(spans.step());
    CHECK(spans.integer(1) == static_cast<std::int64_t>(cases.size()));
    CHECK(spans.integer(0) < spans.integer(1));
}

TEST_CASE("a tally whose trigger is gone is built again at the next start - one that is current is not") {
    TempDir dir;
    FakeWall wall;
    std::string path = dir.file("a.db");
    auto s = open_store(path, Role::Device, wall, 2);
    auto acct = s->create("accounts", {{"name", text("Nordhavn A/S")}});
    REQUIRE(acct.ok());
    for (int i = 0; i < 5; ++i)
        REQUIRE(s->create("cases", {{"account_id", text(*acct)}, {"title", text("Crane")}, {"stage", text("offer")},
                                    {"value", std::int64_t{1000}}}).ok());
    REQUIRE(rules::keep_tallies(*s).ok());
    rules::CountQuery offers{"cases", false, "offer", false};
    CHECK(rules::tallied_count(*s, offers) == 5);
    s.reset();
    {
        // Another program (or an older Fika) dropped the trigger that follows deletes.
        Db raw(path, false);
        raw.exec("DROP TRIGGER app_tally_cases_del");
    }
    s = open_store(path, Role::Device, wall, 3);
    Stmt first = s->read("SELECT id FROM cases LIMIT 1");
    REQUIRE(first.step());
    std::string id(first.text(0));
    first = Stmt();
    REQUIRE(s->purge_bucket(*acct).ok());  // a DELETE the tally did not see
    REQUIRE(rules::keep_tallies(*s).ok());
    CHECK(rules::tallied_count(*s, offers) == 0);
    auto p = rules::pipeline(*s);
    REQUIRE(p.ok());
    CHECK(p->stages[3].count == 0);
    CHECK(p->open_value.empty());
    // Current: checking again changes nothing (and costs no rebuild).
    REQUIRE(rules::keep_tallies(*s).ok());
    CHECK(rules::tallied_count(*s, offers) == 0);
}

TEST_CASE("a tally of an unknown table or field is refused") {
    TempDir dir;
    FakeWall wall;
    auto s = open_store(dir.file("a.db"), Role::Device, wall, 2);
    CHECK(s->add_tally({"t1", "nope", {}, {{"k", "1"}}, {}}).code() == Code::Invalid);
    CHECK(s->add_tally({"t2", "cases", {"colour"}, {{"k", "colour"}}, {}}).code() == Code::Invalid);
    CHECK(s->add_tally({"cases", "cases", {"stage"}, {{"k", "stage"}}, {}}).code() == Code::Invalid);
    CHECK(s->add_tally({"_t", "cases", {"stage"}, {{"k", "stage"}}, {}}).code() == Code::Invalid);
    CHECK_FALSE(s->tallied("t2"));
}

TEST_CASE("a stage move taken back leaves the case, the funnel and the board's sums as they were") {
    TempDir dir;
    FakeWall wall;
    auto s = open_store(dir.file("a.db"), Role::Device, wall, 2);
    REQUIRE(rules::keep_tallies(*s).ok());
    auto acct = s->create("accounts", {{"name", text("Nordhavn A/S")}});
    REQUIRE(acct.ok());
    auto kase = s->create("cases", {{"account_id", text(*acct)}, {"title", text("Crane software")},
                                    {"stage", text("qualified")}, {"value", std::int64_t{400000}},
                                    {"probability", std::int64_t{33}}, {"owner", text("seller-1")}});
    REQUIRE(kase.ok());
    auto live = [&](const char* table) {
        Stmt st = s->read(std::string("SELECT count(*) FROM ") + table + " WHERE coalesce(deleted,0)=0");
        REQUIRE(st.step());
        return st.integer(0);
    };
    auto board = [&] {
        std::string all;
        for (const rules::CaseFilter& f : kFilters) all += describe(*rules::pipeline(*s, f));
        return all;
    };
    const std::string before = board();
    const rules::Actor actor{"seller-1", 1764950400000};
    for (const char* to : {"offer", "meeting", "lost"}) {
        INFO("to " << to);
        rules::StageMove move;
        auto moved = rules::move_stage(*s, *kase, to, std::string(to) == "lost" ? "price" : "", actor, &move);
        REQUIRE(moved.ok());
        REQUIRE(*moved);
        CHECK(move.from == "qualified");
        CHECK(board() != before);
        CHECK(live("stage_changes") == 1);
        CHECK(live("activities") == (std::string(to) == "meeting" ? 0 : 1));
        REQUIRE(rules::undo_move(*s, move).ok());
        auto c = s->get("cases", *kase);
        REQUIRE(c.ok());
        CHECK(to_display((*c)["stage"]) == "qualified");
        CHECK(std::get<std::int64_t>((*c)["probability"]) == 33);  // the hand-set probability is back
        CHECK(to_display((*c)["lost_reason"]).empty());
        CHECK(board() == before);
        CHECK(live("stage_changes") == 0);
        CHECK(live("activities") == 0);
        // Taken back once: a second time changes nothing.
        CHECK(rules::undo_move(*s, move).code() == Code::Forbidden);
    }
    // Moved on since (by someone else, or a sync): the undo is refused and nothing changes.
    rules::StageMove first;
    REQUIRE(rules::move_stage(*s, *kase, "meeting", "", actor, &first).ok());
    REQUIRE(rules::move_stage(*s, *kase, "offer", "", actor).ok());
    const std::string moved_on = board();
    CHECK(rules::undo_move(*s, first).code() == Code::Forbidden);
    CHECK(board() == moved_on);
    CHECK(live("stage_changes") == 2);
}
