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
    auto seqs = hub.bucket_seqs();
    REQUIRE(seqs.ok());
    auto cursors = dev.cursors();
    REQUIRE(cursors.ok());
    for (auto& [bucket, seq] : *seqs) {
        if (readable && !readable(bucket)) continue;
        sync::Cursor c = cursors->count(bucket) ? cursors->at(bucket) : sync::Cursor{};
        while (c.at < seq) {
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
        auto before = hub.bucket_seqs_of(bucket);
        REQUIRE(before.ok());
        REQUIRE(before->count(*account));
        seen = before->at(*account);
        REQUIRE(dev.create("cases", {{"account_id", sync::text(*account)}, {"title", sync::text("Merged meanwhile")}}).ok());
        push_all(dev, other);
        auto during = hub.bucket_seqs_of(bucket);
        REQUIRE(during.ok());
        CHECK(during->at(*account) == seen);
        CHECK(feed_after(seen) == 0);
        CHECK((*reading)->commit().ok());
    }
    auto after = hub.bucket_seqs_of(bucket);
    REQUIRE(after.ok());
    CHECK(after->at(*account) > seen);
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

inline std::string dump(sync::SqliteReplica& s, bool clocks = false) {
    auto d = s.dump(clocks);
    REQUIRE(d.ok());
    return *d;
}

}  // namespace fika::test
