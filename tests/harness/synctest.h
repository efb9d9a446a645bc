// An in-process stand-in for the HTTP round trip, used by the engine's tests: it moves
// changes between Store objects exactly as the client and server do (push a prefix of
// the outbox, ack it after the hub committed; pull each bucket page by page, committing
// each page with its cursor).
#pragma once

#include <catch2/catch.hpp>

#include <functional>

#include "sqlite_hub.h"
#include "store.h"
#include "testutil.h"

namespace fika::test {

using sync::SqliteHub;
using sync::Store;

// A device's store for the engine's tests, on a fake wall clock, with a fixed seed.
inline std::unique_ptr<Store> open_store(const std::string& path, sync::Role role, FakeWall& wall,
                                         std::uint64_t seed) {
    REQUIRE(role == sync::Role::Device);
    sync::OpenOptions o;
    o.wall = wall.fn();
    o.seed = seed;
    auto s = Store::open(path, o);
    INFO((s.ok() ? "" : s.error().message));
    REQUIRE(s.ok());
    return std::move(s).value();
}

// A hub for the engine's tests (the SQLite one), likewise.
inline std::unique_ptr<SqliteHub> open_hub(const std::string& path, FakeWall& wall, std::uint64_t seed) {
    sync::OpenOptions o;
    o.wall = wall.fn();
    o.seed = seed;
    auto s = SqliteHub::open(path, o);
    INFO((s.ok() ? "" : s.error().message));
    REQUIRE(s.ok());
    return std::move(s).value();
}

inline void push_all(Store& dev, sync::HubStore& hub, const sync::Authorize& authz = {},
                     std::size_t page = 500) {
    for (;;) {
        auto batch = dev.pending(page);
        REQUIRE(batch.ok());
        if (batch->upto == 0) return;
        auto res = hub.apply(batch->changes, authz);
        REQUIRE(res.ok());
        REQUIRE(dev.ack(batch->upto, res->refused).ok());
    }
}

inline void pull_all(Store& dev, sync::HubStore& hub, std::size_t limit = 1000,
                     const std::function<bool(const std::string&)>& readable = {}) {
    auto ends = hub.bucket_ends();
    REQUIRE(ends.ok());
    auto cursors = dev.cursors();
    REQUIRE(cursors.ok());
    for (auto& [bucket, end] : *ends) {
        if (readable && !readable(bucket)) continue;
        sync::Cursor c = cursors->count(bucket) ? cursors->at(bucket) : sync::Cursor{};
        while (c.at < end.seq) {
            auto page = hub.feed(bucket, c, limit);
            REQUIRE(page.ok());
            auto next = dev.apply_page(bucket, page->changes, page->to, page->more);
            REQUIRE(next.ok());
            c = *next;
            if (!page->more) break;
        }
    }
}

inline void sync_once(Store& dev, sync::HubStore& hub) {
    push_all(dev, hub);
    pull_all(dev, hub);
}

// A hub's read unit, as a server's answers use it: what `other` (another connection to
// the same hub: another instance, an admin command) merges while the unit is open is not
// seen through `hub` until the unit ends; then it is. Inside a unit of work, a read unit
// joins it and sees the unit's own writes.
inline void check_read_unit(sync::HubStore& hub, sync::HubStore& other, Store& dev) {
    auto account = dev.create("accounts", {{"name", sync::text("Read unit AB")}});
    REQUIRE(account.ok());
    push_all(dev, other);
    const std::vector<std::string> bucket{*account};
    auto feed_after = [&](std::uint64_t seq) {
        auto page = hub.feed(*account, sync::Cursor{seq, seq}, 100);
        REQUIRE(page.ok());
        return page->changes.size();
    };
    std::uint64_t seen = 0;
    {
        auto reading = hub.begin_read();
        REQUIRE(reading.ok());
        auto before = hub.bucket_ends_of(bucket);
        REQUIRE(before.ok());
        REQUIRE(before->count(*account));
        seen = before->at(*account).seq;
        REQUIRE(dev.create("cases", {{"account_id", sync::text(*account)}, {"title", sync::text("Merged meanwhile")}}).ok());
        push_all(dev, other);
        auto during = hub.bucket_ends_of(bucket);
        REQUIRE(during.ok());
        CHECK(during->at(*account) == before->at(*account));  // seq and checksum as they were
        CHECK(feed_after(seen) == 0);
        CHECK((*reading)->commit().ok());
    }
    auto after = hub.bucket_ends_of(bucket);
    REQUIRE(after.ok());
    CHECK(after->at(*account).seq > seen);
    CHECK(after->at(*account).checksum == *hub.bucket_checksum(*account));
    CHECK(feed_after(seen) == 1);
    {
        auto work = hub.begin();
        REQUIRE(work.ok());
        REQUIRE(hub.update("accounts", *account, {{"name", sync::text("Renamed inside")}}).ok());
        auto reading = hub.begin_read();
        REQUIRE(reading.ok());
        auto r = hub.get("accounts", *account);
        REQUIRE(r.ok());
        CHECK((*r)["name"] == sync::text("Renamed inside"));
        reading->reset();
        REQUIRE((*work)->commit().ok());
    }
}

// A hub's own write (an admin's edit) after another connection or instance merged a
// device's change with a clock ahead of this hub's: the edit still wins, because it
// comes after what it replaces. `dev`'s wall clock runs ahead of the hubs' (within the
// drift allowed), so without that the device's older value would stay.
inline void check_local_write_follows(sync::HubStore& hub, sync::HubStore& other, Store& dev) {
    auto account = dev.create("accounts", {{"name", sync::text("From the road")}});
    REQUIRE(account.ok());
    push_all(dev, other);
    REQUIRE(hub.update("accounts", *account, {{"name", sync::text("Set by the admin")}}).ok());
    auto r = hub.get("accounts", *account);
    REQUIRE(r.ok());
    CHECK((*r)["name"] == sync::text("Set by the admin"));
    auto seen = other.get("accounts", *account);
    REQUIRE(seen.ok());
    CHECK((*seen)["name"] == sync::text("Set by the admin"));
}

// What a hub reports a push wrote per bucket (sync::BucketRun): from which seq to which,
// and whether it all came as pushed - what lets a pull skip a device's own stretch. `a`
// pushes to `hub`, `b` to `other` (another connection, or another instance); `devices`
// is the two devices' wall clock.
inline void check_runs(sync::HubStore& hub, sync::HubStore& other, Store& a, Store& b, FakeWall& devices) {
    using sync::text;
    auto account = a.create("accounts", {{"name", text("Runs AB")}});
    REQUIRE(account.ok());
    const std::string acct = *account;
    auto eva = a.create("contacts", {{"account_id", text(acct)}, {"name", text("Eva Lund")}});
    auto cs = a.create("cases", {{"account_id", text(acct)}, {"title", text("Platform")}});
    REQUIRE(eva.ok());
    REQUIRE(cs.ok());
    auto push = [](Store& dev, sync::HubStore& to) {
        auto batch = dev.pending();
        REQUIRE(batch.ok());
        auto res = to.apply(batch->changes, {});
        REQUIRE(res.ok());
        REQUIRE(dev.ack(batch->upto, res->refused).ok());
        return std::move(res).value();
    };
    auto seq_of = [&](const std::string& bucket) { return hub.bucket_ends_of({bucket}).value()[bucket].seq; };

    // New records: the bucket's stretch from nothing to its newest seq, all as pushed.
    sync::ApplyResult first = push(a, hub);
    REQUIRE(first.runs.size() == 1);
    CHECK(first.runs[0].bucket == acct);
    CHECK(first.runs[0].from == 0);
    CHECK(first.runs[0].to == seq_of(acct));
    CHECK(first.runs[0].verbatim);
    sync_once(b, other);

    // B renames the case; A, behind, renames it too with an older clock and sets its stage:
    // A's title loses and is not written, the stage is. Still all as pushed, from where B
    // left it (written through the other connection or instance).
    const std::uint64_t after_first = seq_of(acct);
    REQUIRE(a.update("cases", *cs, {{"title", text("Platform (A)")}, {"stage", text("qualified")}}).ok());
    devices.ms += 1000;
    REQUIRE(b.update("cases", *cs, {{"title", text("Platform (B)")}}).ok());
    push(b, other);
    const std::uint64_t after_b = seq_of(acct);
    CHECK(after_b > after_first);
    sync::ApplyResult second = push(a, hub);
    REQUIRE(second.runs.size() == 1);
    CHECK(second.runs[0].from == after_b);
    CHECK(second.runs[0].to == seq_of(acct));
    CHECK(second.runs[0].verbatim);
    CHECK(std::get<std::string>((*hub.get("cases", *cs))["title"]) == "Platform (B)");

    // Two pushes in one unit of work (a group commit): the second's stretch starts where
    // the first's ended, not where the bucket stood when the unit began.
    REQUIRE(a.update("cases", *cs, {{"next_step", text("Call Eva")}}).ok());
    REQUIRE(b.update("contacts", *eva, {{"title", text("CTO")}}).ok());
    {
        auto work = hub.begin();
        REQUIRE(work.ok());
        sync::ApplyResult one = push(a, hub);
        sync::ApplyResult two = push(b, hub);
        REQUIRE((*work)->commit().ok());
        REQUIRE(one.runs.size() == 1);
        REQUIRE(two.runs.size() == 1);
        CHECK(one.runs[0].from == second.runs[0].to);
        CHECK(two.runs[0].from == one.runs[0].to);
        CHECK(two.runs[0].to > two.runs[0].from);
        CHECK(two.runs[0].to == seq_of(acct));
    }

    // An erasure: the hub's record is what the rules make of it, not only what came.
    sync_once(a, hub);
    REQUIRE(a.erase_person(*eva).ok());
    sync::ApplyResult third = push(a, hub);
    REQUIRE(third.runs.size() == 1);
    CHECK_FALSE(third.runs[0].verbatim);

    // Nothing written (a replay of what the hub has): no stretch at all.
    auto r = a.get("contacts", *eva);
    REQUIRE(r.ok());
    sync::RecordChange rc{r->table, *eva, {}};
    for (size_t i = 0; i < r->values.size(); ++i)
        if (r->clocks.cells[i].written())
            rc.cells.push_back({static_cast<int>(i), r->values[i], r->clocks.cells[i].clock, r->clocks.cells[i].base, 0});
    auto replay = hub.apply({rc}, {});
    REQUIRE(replay.ok());
    CHECK(replay->records_changed == 0);
    CHECK(replay->runs.empty());
}

inline std::string dump(sync::SqliteReplica& s, bool clocks = false) {
    auto d = s.dump(clocks);
    REQUIRE(d.ok());
    return *d;
}

}  // namespace fika::test
