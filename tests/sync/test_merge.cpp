// The merge rules as pure functions (sync/merge.h): what every storage - the device's
// file, the SQLite hub, a hub on another engine - does with an incoming change, checked
// here without any storage at all.
#include <catch2/catch.hpp>

#include "merge.h"
#include "record.h"

using namespace fika::sync;

namespace {

const TableDef& table(const char* name) { return *Schema::current().table(name); }
int field(const TableDef& t, const char* name) { return t.field_index(name); }

// A stored record with some cells written.
struct Held {
    const TableDef& t;
    std::vector<Value> values;
    CellClocks clocks;
    explicit Held(const TableDef& table) : t(table), values(table.fields.size()) { clocks.cells.resize(table.fields.size()); }
    Held& set(const char* f, Value v, Clock c, Clock base = {}) {
        auto i = static_cast<size_t>(field(t, f));
        values[i] = std::move(v);
        clocks.cells[i].clock = c;
        clocks.cells[i].base = base;
        return *this;
    }
    merge::Stored stored() { return {values, clocks}; }
    const Value& operator[](const char* f) const { return values[static_cast<size_t>(field(t, f))]; }
    Clock clock(const char* f) const { return clocks.cells[static_cast<size_t>(field(t, f))].clock; }
};

RecordChange change(const TableDef& t, std::vector<std::tuple<const char*, Value, Clock, Clock>> cells) {
    RecordChange rc{&t, "0190c5a2-0000-7000-8000-000000000001", {}};
    for (auto& [f, v, c, b] : cells) rc.cells.push_back({field(t, f), v, c, b, 0});
    return rc;
}

constexpr Site kMe = 0xA, kThem = 0xB;

}  // namespace

TEST_CASE("merge: the newer clock wins each cell and the older is left alone") {
    const TableDef& cases = table("cases");
    Held r(cases);
    r.set("title", text("Old title"), {100, kMe}).set("next_step", text("Call"), {300, kMe});
    auto rc = change(cases, {{"title", text("New title"), {200, kThem}, {100, kMe}},
                             {"next_step", text("Email"), {250, kThem}, {}}});
    merge::Outcome out = merge::apply(cases, r.stored(), rc, kMe);
    REQUIRE(out.taken.size() == 1);
    CHECK(out.taken[0].field == field(cases, "title"));
    CHECK(out.taken[0].before == Clock{100, kMe});
    CHECK(out.taken[0].after == Clock{200, kThem});
    CHECK(r["title"] == text("New title"));
    CHECK(r["next_step"] == text("Call"));  // 250 < 300: ours stays
    CHECK(out.lost.empty());                // their writer had seen our title (base 100)
}

TEST_CASE("merge: a device keeps its own value that lost to a writer who never saw it") {
    const TableDef& cases = table("cases");
    Held r(cases);
    r.set("next_step", text("Call Eva on Monday"), {100, kMe});
    auto rc = change(cases, {{"next_step", text("Send the offer"), {200, kThem}, {50, kThem}}});
    merge::Outcome out = merge::apply(cases, r.stored(), rc, kMe);
    REQUIRE(out.lost.size() == 1);
    CHECK(out.lost[0].local == text("Call Eva on Monday"));
    CHECK(out.lost[0].remote == text("Send the offer"));
    CHECK(out.lost[0].local_clock == Clock{100, kMe});
    CHECK(r["next_step"] == text("Send the offer"));

    SECTION("the hub keeps no conflicts") {
        Held h(cases);
        h.set("next_step", text("Call Eva on Monday"), {100, kMe});
        CHECK(merge::apply(cases, h.stored(), rc, std::nullopt).lost.empty());
    }
    SECTION("nor does a device whose value was another's, or equal") {
        Held other(cases);
        other.set("next_step", text("Call Eva on Monday"), {100, kThem});
        CHECK(merge::apply(cases, other.stored(), rc, kMe).lost.empty());
        Held same(cases);
        same.set("next_step", text("Send the offer"), {100, kMe});
        CHECK(merge::apply(cases, same.stored(), rc, kMe).lost.empty());
    }
}

TEST_CASE("merge: erasure is a join - once erased a record stays erased and holds the erased values") {
    const TableDef& contacts = table("contacts");
    Held r(contacts);
    r.set("name", text("Eva Lund"), {100, kMe}).set("email", text("eva@example.com"), {100, kMe});
    r.set("erased", std::int64_t{0}, {100, kMe});
    // The erasure arrives.
    auto erase = change(contacts, {{"erased", std::int64_t{1}, {200, kThem}, {}},
                                   {"name", text("[erased]"), {200, kThem}, {}},
                                   {"email", Value{}, {200, kThem}, {}}});
    merge::Outcome out = merge::apply(contacts, r.stored(), erase, std::nullopt);
    CHECK(out.erased_now);
    CHECK(out.erased);
    CHECK(r["erased"] == Value{std::int64_t{1}});
    CHECK(r["name"] == text("[erased]"));
    CHECK(is_null(r["email"]));
    // A later write of erased=0 (a device that had not heard) does not bring her back, and
    // a later name leaves the erased value in place: the erased values stay whatever the
    // clocks. (The hub refuses such writes before merging; the join holds regardless.)
    auto back = change(contacts, {{"erased", std::int64_t{0}, {300, kThem}, {}}, {"name", text("Eva Lund"), {300, kThem}, {}}});
    merge::Outcome again = merge::apply(contacts, r.stored(), back, std::nullopt);
    CHECK_FALSE(again.erased_now);
    CHECK(r["erased"] == Value{std::int64_t{1}});
    CHECK(r["name"] == text("[erased]"));
    CHECK(again.lost.empty());
}

TEST_CASE("merge: a device takes every cell of an erased record from the hub - older clocks too") {
    const TableDef& contacts = table("contacts");
    Held r(contacts);
    r.set("name", text("Eva Lund"), {500, kMe}).set("erased", std::int64_t{0}, {100, kMe});
    auto erase = change(contacts, {{"erased", std::int64_t{1}, {200, kThem}, {}}, {"name", text("[erased]"), {200, kThem}, {}}});
    merge::Outcome out = merge::apply(contacts, r.stored(), erase, kMe);
    CHECK(out.erased_now);
    CHECK(r.clock("name") == Clock{200, kThem});  // older than our 500, taken all the same
    CHECK(out.lost.empty());                      // no conflict keeps her name
    // The hub applies LWW: its newer name cell (its refusal was the device's own) stays.
    Held h(contacts);
    h.set("name", text("Eva Lund"), {500, kMe}).set("erased", std::int64_t{0}, {100, kMe});
    merge::apply(contacts, h.stored(), erase, std::nullopt);
    CHECK(h.clock("name") == Clock{500, kMe});
    CHECK(h["name"] == text("[erased]"));  // but the erased value all the same
}

TEST_CASE("merge: the hub's checks - replay, clock ahead, fixed fields, erased records, no bucket") {
    const TableDef& cases = table("cases");
    const std::uint64_t now = 1'764'000'000'000;
    const std::uint64_t hlc_now = hlc_from_ms(now);
    Held r(cases);
    r.set("account_id", text("0190c5a2-0000-7000-8000-0000000000aa"), {hlc_now, kMe});
    r.set("title", text("Roof"), {hlc_now, kMe});
    const std::string bucket = "0190c5a2-0000-7000-8000-0000000000aa";
    auto check = [&](const RecordChange& rc, bool exists = true, std::string_view b = "x") {
        return merge::check_at_hub(cases, exists ? &r.values : nullptr, exists ? &r.clocks : nullptr, rc,
                                   b == "x" ? std::string_view(bucket) : b, now, 10 * 60 * 1000);
    };
    // Nothing newer: a replay, neither taken nor refused.
    CHECK(check(change(cases, {{"title", text("Roof"), {hlc_now, kMe}, {}}})).verdict == merge::Verdict::Replay);
    // Newer: taken.
    CHECK(check(change(cases, {{"title", text("Roof and walls"), {hlc_now + 1, kThem}, {}}})).verdict ==
          merge::Verdict::Take);
    // An hour ahead of the hub's clock: refused as clock_ahead, with the seconds.
    auto ahead = check(change(cases, {{"title", text("Later"), {hlc_from_ms(now + 3'600'000), kThem}, {}}}));
    CHECK(ahead.verdict == merge::Verdict::Refuse);
    CHECK(ahead.error.code == Code::ClockAhead);
    CHECK_THAT(ahead.error.message, Catch::Contains("3600 s ahead"));
    // A field fixed at creation, changed: refused.
    auto moved = check(change(cases, {{"account_id", text("0190c5a2-0000-7000-8000-0000000000bb"), {hlc_now + 1, kThem}, {}}}));
    CHECK(moved.verdict == merge::Verdict::Refuse);
    CHECK(moved.error.code == Code::Forbidden);
    // A new record with no account: refused.
    auto orphan = check(change(cases, {{"title", text("Orphan"), {hlc_now, kThem}, {}}}), false, "");
    CHECK(orphan.verdict == merge::Verdict::Refuse);
    CHECK(orphan.error.code == Code::Invalid);

    const TableDef& contacts = table("contacts");
    Held gone(contacts);
    gone.set("name", text("[erased]"), {hlc_now, kMe}).set("erased", std::int64_t{1}, {hlc_now, kMe});
    auto edit = change(contacts, {{"phone", text("555"), {hlc_now + 5, kThem}, {}}});
    auto refused = merge::check_at_hub(contacts, &gone.values, &gone.clocks, edit, bucket, now, 600'000);
    CHECK(refused.verdict == merge::Verdict::Refuse);
    CHECK(refused.error.code == Code::Forbidden);
    CHECK_THAT(refused.error.message, Catch::Contains("erased"));
}
