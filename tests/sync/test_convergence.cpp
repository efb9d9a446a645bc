// Randomised property test of the sync model (see tests/SPEC.md, properties 1-3).
//
// Three devices and a hub make random creates, edits, deletes, restores and conflict
// resolutions, with skewed clocks, and exchange changes through deliveries that are
// dropped, duplicated, cut short, replayed late or lose their answer; devices restart.
// After a final full exchange every replica must hold the same data and clocks, and
// every value that lost to a concurrent write must be in its writer's conflict record.
//
// FIKA_SEED=<n> replays a run; FIKA_PROP_WORLDS / FIKA_PROP_STEPS size it.
//
// Built twice: convergence_test with the SQLite hub, pg_convergence_test (FIKA_PG_HUB)
// with the hub on a PostgreSQL 15 the test starts - the same property, the same merge
// rules, another storage.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "store.h"
#include "synctest.h"
#include "testutil.h"
#ifdef FIKA_PG_HUB
#include "pg_harness.h"
#include "pg_hub.h"
#endif

using namespace fika::sync;
using fika::test::FakeWall;
using fika::test::TempDir;

namespace {

struct Write {
    int replica;
    std::string table, id;
    int field;
    Value value;
    Clock clock, base;
};

const std::map<std::string, std::vector<std::string>> kTextFields = {
    {"accounts", {"name", "industry", "competitor_group", "org_number"}},
    {"cases", {"title", "need", "next_step", "lost_reason"}},
};

int env_int(const char* name, int fallback) {
    const char* v = std::getenv(name);
    return v ? std::atoi(v) : fallback;
}

#ifdef FIKA_PG_HUB
using Hub = fika::server::PgHub;
// One cluster for the test; each world in a schema of its own.
fika::test::PgCluster& cluster() {
    static fika::test::PgCluster c;
    return c;
}
#else
using Hub = fika::sync::SqliteHub;
#endif

class World {
public:
    World(std::uint64_t seed, int devices) : rng_(seed) {
        walls_.resize(static_cast<size_t>(devices) + 1);
        for (size_t i = 0; i < walls_.size(); ++i) {
            // Devices run up to an hour behind or a few minutes ahead of the hub.
            std::int64_t skew = i == 0 ? 0 : static_cast<std::int64_t>(rng_() % 3'900'000) - 3'600'000;
            walls_[i].ms = static_cast<std::uint64_t>(1'764'000'000'000 + skew);
        }
#ifdef FIKA_PG_HUB
        static int worlds = 0;
        std::string schema = "w" + std::to_string(++worlds);
        {
            fika::server::pg::Connection c(cluster().conninfo());
            c.run_script("CREATE SCHEMA " + schema);
        }
        fika::server::PgHubOptions ho;
        ho.wall = walls_[0].fn();
        (void)rng_();  // as the SQLite hub's seed: the devices' seeds stay the same
        auto opened = Hub::open(cluster().conninfo() + " options='-csearch_path=" + schema + "'", ho);
        INFO((opened.ok() ? "" : opened.error().message));
        REQUIRE(opened.ok());
        hub_ = std::move(opened).value();
#else
        OpenOptions ho;
        ho.wall = walls_[0].fn();
        ho.seed = rng_() | 1;
        hub_ = std::move(Hub::open(dir_.file("hub.db"), ho)).value();
#endif
        for (int d = 0; d < devices; ++d) {
            seeds_.push_back(rng_() | 1);
            devs_.push_back(open_device(d));
        }
    }

    void step() {
        for (auto& w : walls_) w.ms += rng_() % 2000;
        int d = static_cast<int>(rng_() % devs_.size());
        unsigned r = static_cast<unsigned>(rng_() % 100);
        if (r < 45) local_op(d);
        else if (r < 65) push(d);
        else if (r < 93) pull(d);
        else if (r < 96) resolve(d);
        else restart(d);
    }

    void settle() {
        for (int round = 0; round < 4; ++round) {
            for (auto& dev : devs_) fika::test::push_all(*dev, *hub_);
            for (auto& dev : devs_) fika::test::pull_all(*dev, *hub_, 1 + rng_() % 50);
        }
    }

    void check() {
#ifdef FIKA_PG_HUB
        std::string hub_dump = *hub_->dump(true);
#else
        std::string hub_dump = fika::test::dump(*hub_, true);
#endif
        auto buckets = *hub_->bucket_ends();
        for (size_t d = 0; d < devs_.size(); ++d) {
            INFO("device " << d);
            CHECK(devs_[d]->pending_count() == 0);
            CHECK(devs_[d]->refused()->empty());
            CHECK(fika::test::dump(*devs_[d], true) == hub_dump);
            for (auto& [bucket, end] : buckets) {
                CHECK(*devs_[d]->bucket_checksum(bucket) == end.checksum);
                CHECK(end.checksum == *hub_->bucket_checksum(bucket));
            }
        }
        check_conflicts();
    }

    int lost_checked = 0, conflicts_seen = 0;

private:
    std::unique_ptr<Store> open_device(int d) {
        OpenOptions o;
        o.wall = walls_[static_cast<size_t>(d) + 1].fn();
        o.seed = seeds_[static_cast<size_t>(d)] + restarts_++;
        auto s = Store::open(dir_.file("dev" + std::to_string(d) + ".db"), o);
        REQUIRE(s.ok());
        return std::move(s).value();
    }

    std::string fresh_value(int d) { return "r" + std::to_string(d) + "-w" + std::to_string(counter_++); }

    template <typename T>
    const T& pick(const std::vector<T>& v) {
        return v[rng_() % v.size()];
    }

    void record_write(int d, const std::string& table, const std::string& id, const std::string& field) {
        auto r = devs_[static_cast<size_t>(d)]->get(table, id);
        REQUIRE(r.ok());
        int f = r->table->field_index(field);
        const Cell& c = r->clocks.cells[static_cast<size_t>(f)];
        if (c.clock.site != devs_[static_cast<size_t>(d)]->site()) return;
        writes_.push_back({d, table, id, f, r->values[static_cast<size_t>(f)], c.clock, c.base});
    }

    void local_op(int d) {
        Store& s = *devs_[static_cast<size_t>(d)];
        auto accounts = *s.all("accounts");
        auto cases = *s.all("cases");
        unsigned r = static_cast<unsigned>(rng_() % 100);
        if (r < 12 || accounts.empty()) {
            std::string name = fresh_value(d);
            auto id = s.create("accounts", {{"name", text(name)}});
            REQUIRE(id.ok());
            record_write(d, "accounts", *id, "name");
        } else if (r < 28) {
            const Record& a = pick(accounts);
            auto id = s.create("cases", {{"account_id", text(a.id)}, {"title", text(fresh_value(d))}});
            REQUIRE(id.ok());
            record_write(d, "cases", *id, "title");
        } else if (r < 90) {
            bool on_case = !cases.empty() && rng_() % 2;
            const Record& rec = on_case ? pick(cases) : pick(accounts);
            const std::string& field = pick(kTextFields.at(rec.table->name));
            REQUIRE(s.update(rec.table->name, rec.id, {{field, text(fresh_value(d))}}).ok());
            record_write(d, rec.table->name, rec.id, field);
        } else {
            bool on_case = !cases.empty() && rng_() % 2;
            const Record& rec = on_case ? pick(cases) : pick(accounts);
            auto st = rec.deleted() ? s.restore(rec.table->name, rec.id) : s.remove(rec.table->name, rec.id);
            REQUIRE(st.ok());
        }
    }

    void push(int d) {
        Store& s = *devs_[static_cast<size_t>(d)];
        auto batch = s.pending(1 + rng_() % 20);
        REQUIRE(batch.ok());
        if (batch->upto == 0) return;
        unsigned fault = static_cast<unsigned>(rng_() % 100);
        if (fault < 10) return;  // the request never arrives
        auto res = hub_->apply(batch->changes, {});
        REQUIRE(res.ok());
        REQUIRE(res->refused.empty());
        if (fault < 30) return;  // the answer is lost: the device pushes again later
        if (fault < 40) REQUIRE(hub_->apply(batch->changes, {}).ok());  // delivered twice
        REQUIRE(s.ack(batch->upto, res->refused).ok());
    }

    void pull(int d) {
        Store& s = *devs_[static_cast<size_t>(d)];
        auto seqs = *hub_->bucket_ends();
        if (seqs.empty()) return;
        auto it = seqs.begin();
        std::advance(it, static_cast<long>(rng_() % seqs.size()));
        const std::string& bucket = it->first;
        auto cursors = *s.cursors();
        Cursor c = cursors.count(bucket) ? cursors[bucket] : Cursor{};
        auto page = hub_->feed(bucket, c, 1 + rng_() % 10);
        REQUIRE(page.ok());
        if (stale_.size() < 50) stale_.push_back(page->changes);
        else stale_[rng_() % stale_.size()] = page->changes;
        unsigned fault = static_cast<unsigned>(rng_() % 100);
        if (fault < 10) return;  // lost
        if (fault < 25) {        // cut short: part of the changes, cursor unmoved
            std::vector<RecordChange> part(page->changes.begin(),
                                           page->changes.begin() + static_cast<long>(rng_() % (page->changes.size() + 1)));
            REQUIRE(s.apply(part).ok());
            return;
        }
        if (fault < 35) {  // an old message arrives late
            REQUIRE(s.apply(pick(stale_)).ok());
            return;
        }
        REQUIRE(s.apply_page(bucket, page->changes, page->to, page->more).ok());
        if (fault < 45) REQUIRE(s.apply_page(bucket, page->changes, page->to, page->more).ok());
    }

    void resolve(int d) {
        Store& s = *devs_[static_cast<size_t>(d)];
        auto open = *s.conflicts();
        if (open.empty()) return;
        const Conflict& c = pick(open);
        bool mine = rng_() % 2;
        REQUIRE(s.resolve_conflict(c.n, mine).ok());
        // Only values that are unique per write are tracked (not `deleted`'s 0 and 1).
        if (mine && c.field != "deleted") record_write(d, c.table, c.id, c.field);
    }

    void restart(int d) {
        devs_[static_cast<size_t>(d)].reset();
        devs_[static_cast<size_t>(d)] = open_device(d);
    }

    void check_conflicts() {
        std::vector<std::vector<Conflict>> conflicts;
        for (size_t d = 0; d < devs_.size(); ++d) {
            conflicts.push_back(*devs_[d]->conflicts(true));
            for (const Conflict& c : conflicts.back()) {
                ++conflicts_seen;
                CHECK(c.local_clock < c.remote_clock);
                CHECK(c.local_clock.site == devs_[d]->site());
                CHECK(c.local_value != c.remote_value);
            }
        }
        for (const Write& w : writes_) {
            auto fin = hub_->get(w.table, w.id);
            REQUIRE(fin.ok());
            const Cell& fc = fin->clocks.cells[static_cast<size_t>(w.field)];
            if (fc.clock == w.clock || fin->values[static_cast<size_t>(w.field)] == w.value) continue;
            bool deliberate = std::any_of(writes_.begin(), writes_.end(), [&](const Write& x) {
                return x.table == w.table && x.id == w.id && x.field == w.field &&
                       (x.base == w.clock || (x.replica == w.replica && x.clock > w.clock));
            });
            if (deliberate) continue;
            ++lost_checked;
            bool kept = std::any_of(conflicts[static_cast<size_t>(w.replica)].begin(),
                                    conflicts[static_cast<size_t>(w.replica)].end(), [&](const Conflict& c) {
                                        return c.table == w.table && c.id == w.id &&
                                               c.field == fin->table->fields[static_cast<size_t>(w.field)].name &&
                                               c.local_clock == w.clock && c.local_value == w.value;
                                    });
            INFO("lost value " << to_display(w.value) << " of " << w.table << "." << w.id << " by device " << w.replica);
            CHECK(kept);
        }
    }

    Rng rng_;
    TempDir dir_{true};
    std::vector<FakeWall> walls_;
    std::unique_ptr<Hub> hub_;
    std::vector<std::unique_ptr<Store>> devs_;
    std::vector<std::uint64_t> seeds_;
    std::vector<Write> writes_;
    std::vector<std::vector<RecordChange>> stale_;
    int counter_ = 0;
    std::uint64_t restarts_ = 0;
};

}  // namespace

TEST_CASE("replicas converge and keep every concurrently lost value - whatever the delivery order") {
    std::uint64_t seed = fika::test::test_seed("convergence");
#ifdef FIKA_PG_HUB
    int worlds = env_int("FIKA_PROP_WORLDS", 20);  // each step a few round trips to PostgreSQL
#else
    int worlds = env_int("FIKA_PROP_WORLDS", 30);
#endif
    int steps = env_int("FIKA_PROP_STEPS", 400);
    int lost = 0, conflicts = 0;
    for (int i = 0; i < worlds; ++i) {
        std::uint64_t world_seed = seed + static_cast<std::uint64_t>(i);
        INFO("world seed " << world_seed << " (replay: FIKA_SEED=" << world_seed << " FIKA_PROP_WORLDS=1)");
        World w(world_seed, 3);
        for (int s = 0; s < steps; ++s) w.step();
        w.settle();
        w.check();
        lost += w.lost_checked;
        conflicts += w.conflicts_seen;
    }
    std::printf("convergence: %d worlds x %d steps, %d conflicts recorded, %d concurrently lost values checked\n",
                worlds, steps, conflicts, lost);
    CHECK(conflicts > 0);
}
