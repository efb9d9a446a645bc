// The server's PostgreSQL layer against a real PostgreSQL 15 started by the test (label
// pg): the libpq wrapper, and the feed's order with concurrent writers - the design the
// PostgreSQL hub uses (docs/ARCHITECTURE.md, "The feed on PostgreSQL").
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "pg.h"
#include "server_data_checks.h"
#include "server_harness.h"
#include "sse.h"
#include "pg_hub.h"
#include "pg_storage.h"
#include "sync_client.h"
#include "synctest.h"

using fika::sync::Code;
using fika::test::PgCluster;
namespace pg = fika::server::pg;

namespace {

Code code_of(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const fika::sync::Failure& f) {
        return f.error.code;
    }
    return Code::Ok;
}

// The feed's tables: rows of buckets, each with the sequence number of its newest change,
// and per bucket a row whose lock orders the bucket's writers.
void make_feed(pg::Connection& c) {
    c.run_script(
        "CREATE TABLE feed_rows(bucket text NOT NULL, id bigint PRIMARY KEY, seq bigint NOT NULL);"
        "CREATE INDEX feed_by_bucket ON feed_rows(bucket, seq);"
        "CREATE TABLE feed_buckets(bucket text PRIMARY KEY, seq bigint NOT NULL DEFAULT 0);"
        "CREATE SEQUENCE feed_seq;"
        "INSERT INTO feed_buckets(bucket) VALUES ('a'), ('b')");
}

// One writer's transaction: with `lock`, the bucket's row is locked before a sequence
// number is taken (the design); without, the number is taken at once (the naive one).
void write_row(pg::Connection& c, const std::string& bucket, std::int64_t id, bool lock, int delay_ms) {
    pg::Transaction t(c);
    if (lock) c.exec("SELECT 1 FROM feed_buckets WHERE bucket=$1 FOR UPDATE", {bucket});
    c.exec("INSERT INTO feed_rows(bucket, id, seq) VALUES ($1, $2, nextval('feed_seq'))", {bucket, id});
    if (delay_ms) c.exec("SELECT pg_sleep($1)", {delay_ms / 1000.0});
    t.commit();
}

// A reader following one bucket's feed: everything after its cursor, in order.
struct Follower {
    explicit Follower(std::string b) : bucket(std::move(b)) {}
    std::string bucket;
    std::int64_t cursor = 0;
    std::set<std::int64_t> seen;
    void read(pg::Connection& c) {
        pg::Result r = c.exec("SELECT id, seq FROM feed_rows WHERE bucket=$1 AND seq>$2 ORDER BY seq", {bucket, cursor});
        for (int i = 0; i < r.rows(); ++i) {
            seen.insert(r.integer(i, 0));
            cursor = std::max(cursor, r.integer(i, 1));
        }
    }
};

}  // namespace

TEST_CASE("PostgreSQL layer: parameters - NULLs - bytes - transactions - errors by kind") {
    PgCluster cluster;
    pg::Connection c(cluster.conninfo());
    c.run_script("CREATE TABLE t(id text PRIMARY KEY, n bigint, x double precision, b bytea)");
    std::string all_bytes;
    for (int i = 0; i < 256; ++i) all_bytes.push_back(static_cast<char>(i));
    c.exec("INSERT INTO t VALUES ($1, $2, $3, $4)", {"one", std::int64_t{-9007199254740993}, 0.1, pg::Param::bytes(all_bytes)});
    c.exec("INSERT INTO t VALUES ($1, $2, $3, $4)", {"two", pg::Param(), pg::Param(), pg::Param()});
    pg::Result r = c.exec("SELECT id, n, x, b FROM t ORDER BY id");
    REQUIRE(r.rows() == 2);
    CHECK(r.text(0, 0) == "one");
    CHECK(r.integer(0, 1) == -9007199254740993);
    CHECK(r.real(0, 2) == 0.1);
    CHECK(r.bytes(0, 3) == all_bytes);
    CHECK(r.null(1, 1));
    CHECK(r.null(1, 3));
    // The same read in binary forms, and arrays built for unnest (quotes, backslashes,
    // NULLs, every byte) store what they were given.
    pg::Result bin = c.exec("SELECT id, n, x, b, 7::int4, 2.5::float4 FROM t ORDER BY id", {}, true);
    CHECK(bin.text(0, 0) == "one");
    CHECK(bin.integer(0, 1) == -9007199254740993);
    CHECK(bin.real(0, 2) == 0.1);
    CHECK(bin.bytes(0, 3) == all_bytes);
    CHECK(bin.integer(0, 4) == 7);
    CHECK(bin.real(0, 5) == 2.5);
    CHECK(bin.null(1, 1));
    using Of = pg::ArrayBuilder::Of;
    pg::ArrayBuilder ids(Of::Text), ns(Of::Bigint), bs(Of::Bytes);
    ids.add("a\"quote");
    ids.add("a\\backslash");
    ns.add(std::int64_t{5});
    ns.null();
    bs.add(all_bytes);
    bs.null();
    c.exec("INSERT INTO t(id, n, b) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[])",
           {ids.take(), ns.take(), bs.take()});
    pg::Result arr = c.exec("SELECT id, n, b FROM t WHERE id LIKE 'a%' ORDER BY id");
    REQUIRE(arr.rows() == 2);
    CHECK(arr.text(0, 0) == "a\"quote");
    CHECK(arr.integer(0, 1) == 5);
    CHECK(arr.bytes(0, 2) == all_bytes);
    CHECK(arr.text(1, 0) == "a\\backslash");
    CHECK(arr.null(1, 1));
    CHECK(arr.null(1, 2));
    c.exec("DELETE FROM t WHERE id LIKE 'a%'");
    // Reals, text beyond ASCII, an empty array (no rows), and an element of the wrong
    // kind refused before anything is sent.
    pg::ArrayBuilder names(Of::Text), xs(Of::Real), empty(Of::Text);
    names.add("r\u00e9sum\u00e9 \u2014 1");
    names.add("r2");
    xs.add(0.1);
    xs.add(-2.5e300);
    c.exec("INSERT INTO t(id, x) SELECT * FROM unnest($1::text[], $2::float8[])", {names.take(), xs.take()});
    pg::Result reals = c.exec("SELECT id, x FROM t WHERE id LIKE 'r%' ORDER BY id");
    REQUIRE(reals.rows() == 2);
    CHECK(reals.text(0, 0) == "r2");
    CHECK(reals.real(0, 1) == -2.5e300);
    CHECK(reals.text(1, 0) == "r\u00e9sum\u00e9 \u2014 1");
    CHECK(reals.real(1, 1) == 0.1);
    CHECK(c.exec("INSERT INTO t(id) SELECT unnest($1::text[])", {empty.take()}).affected() == 0);
    CHECK(code_of([&] { pg::ArrayBuilder(Of::Bigint).add("7"); }) == Code::Invalid);
    c.exec("DELETE FROM t WHERE id LIKE 'r%'");
    // A rolled-back transaction leaves nothing; a committed one stays.
    {
        pg::Transaction t(c);
        c.exec("INSERT INTO t(id) VALUES ('gone')");
    }
    {
        pg::Transaction t(c);
        c.exec("UPDATE t SET n=1 WHERE id='two'");
        t.commit();
    }
    CHECK(c.exec("SELECT count(*) FROM t WHERE id='gone'").integer(0, 0) == 0);
    CHECK(c.exec("UPDATE t SET n=n+1 WHERE id IN ('one','two')").affected() == 2);
    // Errors by kind: a duplicate key is Invalid, a statement PostgreSQL cannot run is
    // Storage; the connection stays usable after both.
    CHECK(code_of([&] { c.exec("INSERT INTO t(id) VALUES ('one')"); }) == Code::Invalid);
    CHECK(code_of([&] { c.exec("SELEC nonsense"); }) == Code::Storage);
    CHECK(c.exec("SELECT count(*) FROM t").integer(0, 0) == 2);
    // Nobody there: a clear Storage error, never a hang.
    CHECK(code_of([&] { pg::Connection none("host=" + cluster.dir() + "/nowhere user=fika dbname=fika connect_timeout=2"); }) ==
          Code::Storage);
    // A deadlock between two connections is Busy (the unit of work runs again).
    pg::Connection d(cluster.conninfo());
    c.run_script("BEGIN; UPDATE t SET n=0 WHERE id='one'");
    d.run_script("BEGIN; UPDATE t SET n=0 WHERE id='two'");
    std::atomic<int> busy{0};
    std::thread other([&] {
        if (code_of([&] { d.exec("UPDATE t SET n=1 WHERE id='one'"); }) == Code::Busy) ++busy;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (code_of([&] { c.exec("UPDATE t SET n=1 WHERE id='two'"); }) == Code::Busy) ++busy;
    other.join();
    CHECK(busy == 1);  // PostgreSQL picks one victim; the other goes on
    c.run_script("ROLLBACK");
    d.run_script("ROLLBACK");
}

TEST_CASE("PostgreSQL layer: statements sent together answer in order - one that fails stops the rest and leaves the connection usable") {
    PgCluster cluster;
    pg::Connection c(cluster.conninfo());
    c.run_script("CREATE TABLE t(id text PRIMARY KEY, n bigint)");
    std::vector<pg::Result> r = c.exec_many({{"BEGIN ISOLATION LEVEL REPEATABLE READ", {}, false},
                                             {"INSERT INTO t VALUES ($1, $2)", {"a", std::int64_t{1}}, false},
                                             {"SELECT id, n FROM t WHERE n >= $1", {std::int64_t{1}}, true},
                                             {"SELECT count(*) FROM t", {}, false},
                                             {"COMMIT", {}, false}});
    REQUIRE(r.size() == 5);
    REQUIRE(r[2].rows() == 1);
    CHECK(r[2].text(0, 0) == "a");
    CHECK(r[2].integer(0, 1) == 1);  // binary answers for the one that asked
    CHECK(r[3].integer(0, 0) == 1);
    // The second statement fails: its error is the one thrown, the third never ran, the
    // first is undone with it (statements sent together are one transaction), and the
    // connection answers the next statement.
    std::string why;
    try {
        c.exec_many({{"INSERT INTO t VALUES ($1, $2)", {"b", std::int64_t{2}}, false},
                     {"INSERT INTO t VALUES ($1, $2)", {"a", std::int64_t{3}}, false},
                     {"INSERT INTO t VALUES ($1, $2)", {"c", std::int64_t{4}}, false}});
    } catch (const fika::sync::Failure& f) {
        why = f.error.message;
        CHECK(f.error.code == Code::Invalid);  // a duplicate key, as exec() says it
    }
    CHECK_THAT(why, Catch::Contains("duplicate key"));
    CHECK(c.exec("SELECT string_agg(id, ',' ORDER BY id) FROM t").text(0, 0) == "a");
    // Inside a transaction a failure as it runs leaves it aborted until it is rolled back.
    CHECK_THROWS(c.exec_many({{"BEGIN", {}, false}, {"SELECT n/0 FROM t", {}, false}, {"COMMIT", {}, false}}));
    CHECK_THROWS(c.exec("SELECT 1"));
    c.run_script("ROLLBACK");
    CHECK(c.exec("SELECT count(*) FROM t").integer(0, 0) == 1);
    // A statement PostgreSQL cannot parse fails as it is prepared, before any of them is
    // sent: nothing ran, no transaction is left open.
    CHECK(code_of([&] { c.exec_many({{"BEGIN", {}, false}, {"SELEC nonsense", {}, false}, {"COMMIT", {}, false}}); }) ==
          Code::Storage);
    CHECK(c.exec("SELECT 1").integer(0, 0) == 1);
    CHECK(PQtransactionStatus(c.handle()) == PQTRANS_IDLE);
}

TEST_CASE("PostgreSQL layer: statements sent without waiting are answered by drain, in order - a failure among them shows there, or at the next statement") {
    PgCluster cluster;
    pg::Connection c(cluster.conninfo());
    c.run_script("CREATE TABLE s(id bigint PRIMARY KEY)");
    auto count = [&] { return c.exec("SELECT count(*) FROM s").integer(0, 0); };
    {
        pg::Transaction t(c);
        c.send({"INSERT INTO s VALUES ($1)", {std::int64_t{1}}, false});
        c.send({"INSERT INTO s VALUES ($1) RETURNING id", {std::int64_t{2}}, false});
        CHECK(c.in_flight() == 2);
        std::vector<pg::Result> r = c.drain();
        REQUIRE(r.size() == 2);
        CHECK(r[1].integer(0, 0) == 2);
        CHECK(c.in_flight() == 0);
        CHECK(c.drain().empty());
        // Any other statement reads what was sent first: it sees the row.
        c.send({"INSERT INTO s VALUES ($1)", {std::int64_t{3}}, false});
        CHECK(count() == 3);
        t.commit();
    }
    {
        // The second of three fails (a duplicate key): drain throws it, as exec() would,
        // the third never ran, and the transaction is aborted until rolled back.
        pg::Transaction t(c);
        c.send({"INSERT INTO s VALUES ($1)", {std::int64_t{4}}, false});
        c.send({"INSERT INTO s VALUES ($1)", {std::int64_t{1}}, false});
        c.send({"INSERT INTO s VALUES ($1)", {std::int64_t{5}}, false});
        fika::sync::Error e;
        try {
            c.drain();
        } catch (const fika::sync::Failure& f) {
            e = f.error;
        }
        CHECK(e.code == Code::Invalid);
        CHECK(pg::unique_violation(e));
        CHECK_THAT(e.message, Catch::Contains("duplicate key"));
        CHECK_THROWS(c.exec("SELECT 1"));  // aborted (25P02)
    }
    CHECK(count() == 3);
    // Not drained: the next statement throws the failure, and the connection goes on.
    c.send({"INSERT INTO s VALUES ($1)", {std::int64_t{6}}, false});
    c.send({"INSERT INTO s VALUES ($1)", {std::int64_t{2}}, false});
    fika::sync::Error next;
    try {
        c.exec("SELECT 1");
    } catch (const fika::sync::Failure& f) {
        next = f.error;
    }
    CHECK(pg::unique_violation(next));
    CHECK_FALSE(pg::unique_violation(fika::sync::Error{Code::Invalid, "PostgreSQL (23503): a foreign key"}));
    CHECK(count() == 3);  // sent together outside a transaction: one, undone whole
    CHECK(PQtransactionStatus(c.handle()) == PQTRANS_IDLE);
}

TEST_CASE("PostgreSQL layer: a statement is prepared once per connection - a table changed under it still answers") {
    PgCluster cluster;
    pg::Connection c(cluster.conninfo());
    c.run_script("CREATE TABLE t(id text PRIMARY KEY, n bigint)");
    const std::size_t before = c.prepared_count();
    for (int i = 0; i < 5; ++i) c.exec("INSERT INTO t VALUES ($1, $2)", {"r" + std::to_string(i), std::int64_t{i}});
    CHECK(c.prepared_count() == before + 1);
    // Prepared, in PostgreSQL's own list for this connection.
    CHECK(c.exec("SELECT count(*) FROM pg_prepared_statements WHERE statement = $1", {"INSERT INTO t VALUES ($1, $2)"})
              .integer(0, 0) == 1);
    // Another connection changes the table (an instance migrating): the prepared statement
    // is planned again, not broken.
    pg::Connection other(cluster.conninfo());
    other.run_script("ALTER TABLE t ADD COLUMN x double precision; CREATE INDEX t_n ON t(n)");
    c.exec("INSERT INTO t VALUES ($1, $2)", {"r9", std::int64_t{9}});
    CHECK(c.exec("SELECT count(*) FROM t WHERE n >= $1", {std::int64_t{0}}).integer(0, 0) == 6);
    // A failure while a statement is prepared leaves nothing remembered: it fails the same
    // way again, and the connection stays usable.
    CHECK(code_of([&] { c.exec("SELECT nope FROM t"); }) == Code::Storage);
    CHECK(code_of([&] { c.exec("SELECT nope FROM t"); }) == Code::Storage);
    other.run_script("ALTER TABLE t ADD COLUMN nope bigint");
    CHECK(c.exec("SELECT count(nope) FROM t").integer(0, 0) == 0);
    CHECK(c.exec("SELECT nope FROM t WHERE id=$1", {"r9"}).null(0, 0));
}

TEST_CASE("the feed on PostgreSQL: a sequence alone lets a reader skip a change - a bucket lock never does") {
    PgCluster cluster;
    pg::Connection setup(cluster.conninfo());
    make_feed(setup);

    SECTION("a sequence number alone: committed out of order, 10 is skipped for ever") {
        pg::Connection w1(cluster.conninfo()), w2(cluster.conninfo()), reader(cluster.conninfo());
        Follower f("a");
        pg::Transaction t1(w1);
        w1.exec("INSERT INTO feed_rows VALUES ('a', 1, nextval('feed_seq'))");  // takes 1, still in flight
        write_row(w2, "a", 2, false, 0);                                         // takes 2, commits
        f.read(reader);                                                          // sees 2: cursor 2
        t1.commit();                                                             // 1 commits below it
        f.read(reader);
        CHECK(f.seen == std::set<std::int64_t>{2});  // 1 is never seen: the failure the design avoids
    }
    SECTION("a bucket lock taken before the number: the second writer waits, the reader misses nothing") {
        pg::Connection w1(cluster.conninfo()), w2(cluster.conninfo()), reader(cluster.conninfo());
        Follower f("a");
        pg::Transaction t1(w1);
        w1.exec("SELECT 1 FROM feed_buckets WHERE bucket='a' FOR UPDATE");
        w1.exec("INSERT INTO feed_rows VALUES ('a', 1, nextval('feed_seq'))");
        std::atomic<bool> done{false};
        std::thread second([&] {
            write_row(w2, "a", 2, true, 0);  // waits for w1's lock
            done = true;
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        CHECK_FALSE(done);
        f.read(reader);
        CHECK(f.seen.empty());  // nothing committed yet in bucket a
        t1.commit();
        second.join();
        f.read(reader);
        CHECK(f.seen == std::set<std::int64_t>{1, 2});
        // Another bucket's writer never waits for bucket a.
        pg::Transaction t3(w1);
        w1.exec("SELECT 1 FROM feed_buckets WHERE bucket='a' FOR UPDATE");
        write_row(w2, "b", 3, true, 0);  // returns at once
        t3.commit();
    }
}

TEST_CASE("the feed on PostgreSQL: 4 writers with random delays inside their transactions - readers end with exactly the table") {
    PgCluster cluster;
    pg::Connection setup(cluster.conninfo());
    make_feed(setup);
    const char* fixed = std::getenv("FIKA_SEED");  // replay a run
    const std::uint64_t seed = fixed ? std::strtoull(fixed, nullptr, 10) : std::random_device{}();
    std::fprintf(stderr, "feed writers: seed %llu (FIKA_SEED=%llu replays it)\n", static_cast<unsigned long long>(seed),
                 static_cast<unsigned long long>(seed));
    INFO("seed " << seed);
    std::atomic<bool> writing{true};
    std::atomic<std::int64_t> next_id{1};
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
        writers.emplace_back([&, w] {
            pg::Connection c(cluster.conninfo());
            std::mt19937_64 rng(seed + static_cast<std::uint64_t>(w));
            for (int i = 0; i < 40; ++i) {  // bounded: 160 rows, each transaction under 30 ms
                std::string bucket = rng() % 2 ? "a" : "b";
                write_row(c, bucket, next_id++, true, static_cast<int>(rng() % 30));
            }
        });
    }
    pg::Connection reader(cluster.conninfo());
    Follower fa("a"), fb("b");
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    std::thread stop([&] {
        for (auto& t : writers) t.join();
        writing = false;
    });
    while (writing && std::chrono::steady_clock::now() < until) {
        fa.read(reader);
        fb.read(reader);
    }
    stop.join();
    fa.read(reader);
    fb.read(reader);
    for (Follower* f : {&fa, &fb}) {
        INFO("bucket " << f->bucket);
        pg::Result all = reader.exec("SELECT id FROM feed_rows WHERE bucket=$1", {f->bucket});
        std::set<std::int64_t> table;
        for (int i = 0; i < all.rows(); ++i) table.insert(all.integer(i, 0));
        CHECK(f->seen == table);
    }
    CHECK(fa.seen.size() + fb.seen.size() == 160);
}

TEST_CASE("the PostgreSQL hub: two instances take pushes at once - a device pulling meanwhile misses nothing") {
    PgCluster cluster;
    fika::test::FakeWall wall;
    auto open_hub = [&] {
        fika::server::PgHubOptions o;
        o.wall = wall.fn();
        auto h = fika::server::PgHub::open(cluster.conninfo(), o);
        INFO((h.ok() ? "" : h.error().message));
        REQUIRE(h.ok());
        return std::move(h).value();
    };
    auto one = open_hub(), two = open_hub(), three = open_hub();  // three instances, one database
    fika::test::TempDir dir;
    auto d1 = fika::test::open_store(dir.file("d1.db"), fika::sync::Role::Device, wall, 11);
    auto d2 = fika::test::open_store(dir.file("d2.db"), fika::sync::Role::Device, wall, 12);
    auto reader = fika::test::open_store(dir.file("d3.db"), fika::sync::Role::Device, wall, 13);
    auto shared = d1->create("accounts", {{"name", fika::sync::text("Shared AB")}});
    REQUIRE(shared.ok());
    fika::test::sync_once(*d1, *one);
    fika::test::pull_all(*d2, *two);
    std::atomic<bool> writing{true};
    auto writer = [&](fika::sync::Store& d, fika::sync::HubStore& hub, const char* who) {
        for (int round = 0; round < 25; ++round) {  // bounded: 25 pushes of 8 records each
            fika::sync::Store::Batch b(d);
            for (int i = 0; i < 8; ++i)
                REQUIRE(d.create("cases", {{"account_id", fika::sync::text(*shared)},
                                           {"title", fika::sync::text(std::string(who) + " " + std::to_string(round * 8 + i))}})
                            .ok());
            REQUIRE(b.commit().ok());
            fika::test::push_all(d, hub, {}, 3);  // pushes of 3 records: many small units of work
        }
    };
    std::thread t1([&] { writer(*d1, *one, "one"); });
    std::thread t2([&] { writer(*d2, *two, "two"); });
    std::thread pulling([&] {
        while (writing) fika::test::pull_all(*reader, *three, 7);  // incremental pulls, small pages
    });
    t1.join();
    t2.join();
    writing = false;
    pulling.join();
    fika::test::pull_all(*reader, *three);
    // Everything either instance took is on the reader, and its checksum agrees.
    auto hub_dump = one->dump(true);
    REQUIRE(hub_dump.ok());
    CHECK(fika::test::dump(*reader, true) == *hub_dump);
    CHECK(reader->all("cases")->size() == 400);
    CHECK(*reader->bucket_checksum(*shared) == *three->bucket_checksum(*shared));
}

namespace {
// Two instances' hubs on one database, on the servers' wall clock, and a device whose
// clock runs `ahead_ms` ahead of theirs.
struct TwoInstances {
    PgCluster cluster;
    fika::test::FakeWall wall, device_wall;
    std::unique_ptr<fika::server::PgHub> one, two;
    fika::test::TempDir dir;
    std::unique_ptr<fika::sync::Store> dev;
    TwoInstances(std::uint64_t ahead_ms, std::uint64_t seed) {
        device_wall.ms = wall.ms + ahead_ms;
        fika::server::PgHubOptions o;
        o.wall = wall.fn();
        auto a = fika::server::PgHub::open(cluster.conninfo(), o);
        auto b = fika::server::PgHub::open(cluster.conninfo(), o);
        REQUIRE(a.ok());
        REQUIRE(b.ok());
        one = std::move(a).value();
        two = std::move(b).value();
        dev = fika::test::open_store(dir.file("d.db"), fika::sync::Role::Device, device_wall, seed);
    }
};
}  // namespace

TEST_CASE("the PostgreSQL hub's read unit sees one snapshot - another instance's merge shows once it ends") {
    TwoInstances t(0, 21);
    fika::test::check_read_unit(*t.one, *t.two, *t.dev);
}

TEST_CASE("the feed on PostgreSQL: a number taken before a bucket's lock is never used in that bucket - a reader misses nothing") {
    // A group's unit of work merges one push after another. The first push takes two
    // numbers and uses none (a retry: both records are merged already); meanwhile another
    // instance writes bucket B and commits with a later number; then the group's second
    // push writes B. Had it used a number left over - taken before B's lock, below the
    // other instance's - a reader already past that one would skip it for ever.
    TwoInstances t(0, 23);
    using fika::sync::text;
    auto a = t.dev->create("accounts", {{"name", text("Alder")}});
    auto b = t.dev->create("accounts", {{"name", text("Birch")}});
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    auto first = t.dev->pending(100);
    REQUIRE(first.ok());
    fika::test::push_all(*t.dev, *t.one);
    auto c = t.dev->create("accounts", {{"name", text("Cedar")}});
    REQUIRE(c.ok());
    auto second = t.dev->pending(100);
    REQUIRE(second.ok());
    REQUIRE(second->changes.size() == 1);
    std::vector<fika::sync::RecordChange> replay_and_new{first->changes.front(), second->changes.front()};
    REQUIRE(replay_and_new.front().id == *a);  // merged already: a replay, no number used
    fika::test::push_all(*t.dev, *t.one);
    REQUIRE(t.dev->update("accounts", *b, {{"industry", text("Timber")}}).ok());
    auto edit = t.dev->pending(100);
    REQUIRE(edit.ok());
    REQUIRE(edit->changes.size() == 1);

    auto work = t.one->begin();
    REQUIRE(work.ok());
    auto merged = t.one->apply(replay_and_new, {});
    REQUIRE(merged.ok());
    CHECK(merged->records_changed == 0);
    REQUIRE(t.two->update("accounts", *b, {{"org_number", text("556677-8899")}}).ok());  // commits at once
    auto seen = t.two->bucket_ends_of({*b});
    REQUIRE(seen.ok());
    const std::uint64_t reader_at = seen->at(*b).seq;  // a device pulled B up to here
    auto applied = t.one->apply(edit->changes, {});
    REQUIRE(applied.ok());
    CHECK(applied->records_changed == 1);
    REQUIRE((*work)->commit().ok());

    auto page = t.two->feed(*b, fika::sync::Cursor{reader_at, reader_at}, 100);
    REQUIRE(page.ok());
    REQUIRE(page->changes.size() == 1);
    CHECK(page->changes.front().id == *b);
    auto row = t.two->get("accounts", *b);
    REQUIRE(row.ok());
    CHECK((*row)["industry"] == text("Timber"));
    CHECK((*row)["org_number"] == text("556677-8899"));
}

TEST_CASE("the PostgreSQL hub reports per bucket what a push wrote - from the number it found under the lock - and whether it all came as pushed") {
    TwoInstances t(0, 24);
    auto b = fika::test::open_store(t.dir.file("e.db"), fika::sync::Role::Device, t.device_wall, 25);
    fika::test::check_runs(*t.one, *t.two, *t.dev, *b, t.device_wall);
}

TEST_CASE("two instances store a new record of one id at the same moment in two accounts - the later push is Busy, and sent again it is merged, not written over") {
    // Each push locks its own account's bucket, so neither waits for the other's lock;
    // both read the record as absent. The first to commit stores it; the other's insert
    // waits for that commit and then fails as Busy (sent again, it merges with the row).
    // Before, an upsert wrote the later push's row over the first device's case.
    TwoInstances t(0, 26);
    using fika::sync::text;
    auto alder = t.dev->create("accounts", {{"name", text("Alder")}});
    auto birch = t.dev->create("accounts", {{"name", text("Birch")}});
    REQUIRE(alder.ok());
    REQUIRE(birch.ok());
    fika::test::push_all(*t.dev, *t.one);
    auto cs = t.dev->create("cases", {{"account_id", text(*alder)}, {"title", text("Pumps")}});
    REQUIRE(cs.ok());
    auto batch = t.dev->pending(100);
    REQUIRE(batch.ok());
    REQUIRE(batch->changes.size() == 1);
    const fika::sync::RecordChange first = batch->changes.front();
    // The same id from another device, in the other account and with another title.
    fika::sync::RecordChange second = first;
    const int account = first.table->bucket_field;
    for (fika::sync::CellChange& c : second.cells) {
        c.clock.site ^= 0x5a5a;
        if (c.field == account) c.value = text(*birch);
        else if (std::holds_alternative<std::string>(c.value) && std::get<std::string>(c.value) == "Pumps")
            c.value = text("Valves");
    }

    auto work = t.one->begin();
    REQUIRE(work.ok());
    REQUIRE(t.one->apply({first}, {}).ok());
    std::optional<fika::sync::Error> failed;
    std::thread other([&] {
        auto w = t.two->begin();
        if (!w.ok()) {
            failed = w.error();
            return;
        }
        auto r = t.two->apply({second}, {});
        if (r.ok()) failed = (*w)->commit().ok() ? fika::sync::Error{} : fika::sync::Error{Code::Storage, "commit"};
        else failed = r.error();
    });
    // Commit only once the other instance waits for this row (its insert, not its read).
    pg::Connection watch(t.cluster.conninfo());
    bool waiting = false;
    for (int i = 0; i < 500 && !waiting; ++i) {  // bounded: 10 s
        waiting = watch.exec("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type='Lock'").integer(0, 0) == 1;
        if (!waiting) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    REQUIRE(waiting);
    REQUIRE((*work)->commit().ok());
    other.join();
    REQUIRE(failed);
    CHECK(failed->code == Code::Busy);
    CHECK(failed->message.find("sync again") != std::string::npos);

    // Sent again: merged with the stored case. Its account is fixed at creation, so that
    // cell is refused, and the device is told; the first device's case stands.
    {
        auto w = t.two->begin();
        REQUIRE(w.ok());
        auto again = t.two->apply({second}, {});
        REQUIRE(again.ok());
        REQUIRE(again->refused.size() == 1);
        CHECK(again->refused.front().id == *cs);
        REQUIRE((*w)->commit().ok());
    }
    auto row = t.one->get("cases", *cs);
    REQUIRE(row.ok());
    CHECK((*row)["account_id"] == text(*alder));
    CHECK((*row)["title"] == text("Pumps"));
    auto in_birch = t.two->feed(*birch, fika::sync::Cursor{}, 100);
    REQUIRE(in_birch.ok());
    for (const fika::sync::RecordChange& rc : in_birch->changes) CHECK(rc.id != *cs);
    auto in_alder = t.two->feed(*alder, fika::sync::Cursor{}, 100);
    REQUIRE(in_alder.ok());
    CHECK(std::count_if(in_alder->changes.begin(), in_alder->changes.end(),
                        [&](const fika::sync::RecordChange& rc) { return rc.id == *cs; }) == 1);
}

TEST_CASE("an edit on one PostgreSQL instance after another merged a device's newer clock still wins") {
    TwoInstances t(30'000, 22);  // the device's clock runs 30 s ahead of the servers'
    fika::test::check_local_write_follows(*t.one, *t.two, *t.dev);
}

namespace {
struct HttpDevice {
    fika::test::TempDir dir;
    std::unique_ptr<fika::sync::Store> store;
    std::unique_ptr<fika::client::SyncClient> client;
    HttpDevice(const std::string& url, const std::string& token) {
        auto s = fika::sync::Store::open(dir.file("device.db"));
        REQUIRE(s.ok());
        store = std::move(s).value();
        fika::client::ServerConfig cfg;
        cfg.url = url;
        cfg.token = token;
        cfg.read_timeout_s = 20;
        client = std::make_unique<fika::client::SyncClient>(*store, cfg);
    }
    void sync() {
        auto r = client->sync_once();
        INFO((r.ok() ? "" : r.failure->code + ": " + r.failure->message));
        REQUIRE(r.ok());
    }
};
}  // namespace

TEST_CASE("fika-server --db PostgreSQL: two instances on one database - admin commands - devices - a seller told once") {
    PgCluster cluster;
    const std::string db = cluster.conninfo();
    fika::test::ServerProcess one({"--db", db}), two({"--db", db});
    auto admin = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", db});
        auto [rc, out] = one.admin(args);
        INFO(out);
        REQUIRE(rc == 0);
        while (!out.empty() && out.back() == '\n') out.pop_back();
        return out.substr(out.rfind('\n') + 1);
    };
    std::string anna = admin({"user", "add", "anna", "--role", "consultant"});
    std::string sven = admin({"user", "add", "sven", "--role", "seller"});
    // Anna's phone syncs through one instance, Sven's laptop through the other.
    HttpDevice phone(one.url(), anna), laptop(two.url(), sven);
    auto acct = phone.store->create("accounts", {{"name", fika::sync::text("Acme")}});
    REQUIRE(acct.ok());
    auto kase = phone.store->create("cases", {{"account_id", fika::sync::text(*acct)}, {"title", fika::sync::text("Roof")}});
    REQUIRE(kase.ok());
    phone.sync();
    phone.sync();  // a retry changes nothing and tells nobody again
    laptop.sync();
    CHECK(laptop.store->get("cases", *kase).ok());
    auto ns = laptop.client->get("/v1/notifications");
    INFO((ns.ok() ? "" : ns.failure->message));
    REQUIRE(ns.ok());
    CHECK(nlohmann::json::parse(*ns.value)["notifications"].size() == 1);
    // An edit on the laptop reaches the phone through the other instance.
    REQUIRE(laptop.store->update("cases", *kase, {{"next_step", fika::sync::text("Call Eva")}}).ok());
    laptop.sync();
    phone.sync();
    CHECK(fika::sync::to_display((*phone.store->get("cases", *kase))["next_step"]) == "Call Eva");
    // The admin's view is the database's, whichever instance is asked.
    auto [rc, stats] = one.admin({"--db", db, "--json", "stats"});
    REQUIRE(rc == 0);
    auto j = nlohmann::json::parse(stats);
    CHECK(j["users"] == 2);
    CHECK(j["devices"].size() == 2);
    CHECK(j["records"] >= 4);
    // A backup of a PostgreSQL database: pg_dump's custom format.
    std::string file = cluster.dir() + "/backup.dump";
    auto [brc, bout] = one.admin({"--db", db, "backup", file});
    INFO(bout);
    CHECK(brc == 0);
    CHECK(std::filesystem::file_size(file) > 1000);
}

TEST_CASE("PostgreSQL storage: a group's syncs are noted in one statement - a device twice in it counts twice and keeps its last push's position") {
    PgCluster cluster;
    auto s = fika::server::PgStorage::open(cluster.conninfo());
    REQUIRE(s.ok());
    fika::test::check_devices_synced(**s);
}

TEST_CASE("PostgreSQL storage: a sync's checks are one round trip - the device's orders, and the user's grants only when asked for") {
    PgCluster cluster;
    auto s = fika::server::PgStorage::open(cluster.conninfo());
    REQUIRE(s.ok());
    fika::test::check_sync_checks(**s);
}

TEST_CASE("webhook deliveries on PostgreSQL: two instances claim the queue at once - each delivery is claimed once") {
    PgCluster cluster;
    auto a = fika::server::PgStorage::open(cluster.conninfo());
    auto b = fika::server::PgStorage::open(cluster.conninfo());
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    const std::uint64_t now = 1'764'000'000'000;
    for (int i = 0; i < 40; ++i) REQUIRE((*a)->queue_webhook("{\"i\":" + std::to_string(i) + "}", now).ok());
    std::vector<std::int64_t> got_a, got_b;
    auto claim_all = [&](fika::server::PgStorage& s, std::vector<std::int64_t>& got) {
        for (int guard = 0; guard < 100; ++guard) {  // bounded
            auto item = s.next_webhook(now + 1, 60000);
            REQUIRE(item.ok());
            if (!*item) return;
            got.push_back((*item)->n);
        }
    };
    std::thread ta([&] { claim_all(**a, got_a); });
    std::thread tb([&] { claim_all(**b, got_b); });
    ta.join();
    tb.join();
    std::multiset<std::int64_t> all(got_a.begin(), got_a.end());
    all.insert(got_b.begin(), got_b.end());
    CHECK(all.size() == 40);
    CHECK(std::set<std::int64_t>(all.begin(), all.end()).size() == 40);  // none twice
    // An instance that died while delivering: after the lease the entry is due again.
    auto late = (*a)->next_webhook(now + 60002, 60000);
    REQUIRE(late.ok());
    CHECK(late->has_value());
}

TEST_CASE("fika-server on PostgreSQL: the database restarts under a running server - it connects again and loses nothing") {
    PgCluster cluster;
    const std::string db = cluster.conninfo();
    fika::test::ServerProcess srv({"--db", db});
    auto [rc, out] = srv.admin({"--db", db, "user", "add", "anna", "--role", "consultant"});
    REQUIRE(rc == 0);
    std::string anna = out.substr(out.rfind('\n', out.size() - 2) + 1);
    while (!anna.empty() && anna.back() == '\n') anna.pop_back();
    HttpDevice phone(srv.url(), anna), tablet(srv.url(), anna);
    auto acct = phone.store->create("accounts", {{"name", fika::sync::text("Acme")}});
    REQUIRE(acct.ok());
    phone.sync();
    cluster.restart();
    // Written while the database was away; the first sync may find the old connection
    // broken (an error, retried), then the server connects again.
    REQUIRE(phone.store->create("cases", {{"account_id", fika::sync::text(*acct)}, {"title", fika::sync::text("After")}}).ok());
    auto r = phone.client->sync(5);
    INFO((r.ok() ? "" : r.failure->message));
    REQUIRE(r.ok());
    CHECK(phone.store->pending_count() == 0);
    tablet.sync();
    CHECK(tablet.store->all("cases")->size() == 1);
    CHECK(tablet.store->get("accounts", *acct).ok());
}

TEST_CASE("the live channel across instances: a push on one reaches streams on another - a stream cut by kill -9 resumes on another - hints lost to a database restart") {
    using fika::test::EventStream;
    using fika::test::SseEvent;
    using namespace std::chrono_literals;
    PgCluster cluster;
    const std::string db = cluster.conninfo();
    // Without hints a stream would hear of the other instances' changes only a minute late:
    // they come by hint (LISTEN/NOTIFY) alone here.
    fika::test::ServerProcess one({"--db", db, "--live-poll", "60"}), two({"--db", db, "--live-poll", "60"});
    auto add_user = [&](const std::string& name, const std::string& role) {
        auto [rc, out] = one.admin({"--db", db, "user", "add", name, "--role", role});
        INFO(out);
        REQUIRE(rc == 0);
        while (!out.empty() && out.back() == '\n') out.pop_back();
        return out.substr(out.rfind('\n') + 1);
    };
    std::string anna = add_user("anna", "consultant");
    std::string sven = add_user("sven", "seller");
    auto about = [](const std::string& type, const std::string& what) {
        return [type, what](const SseEvent& e) { return e.type == type && e.data.find(what) != std::string::npos; };
    };
    HttpDevice phone(two.url(), anna);
    auto acct = phone.store->create("accounts", {{"name", fika::sync::text("Acme")}});
    REQUIRE(acct.ok());
    auto new_case = [&](const std::string& title) {
        auto k = phone.store->create("cases", {{"account_id", fika::sync::text(*acct)}, {"title", fika::sync::text(title)}});
        REQUIRE(k.ok());
        return *k;
    };

    // Sven's stream is held by instance one; Anna pushes through instance two.
    auto laptop = std::make_unique<EventStream>(one.url(), sven);
    REQUIRE(laptop->wait_for("hello", 5s) >= 0);
    std::string first = new_case("First");
    auto t0 = std::chrono::steady_clock::now();
    phone.sync();
    REQUIRE(laptop->wait_for(about("notification", first), 5s) >= 0);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    INFO("told through the other instance " << ms << " ms after the push began (bench/ measures the latency)");
    CHECK(ms < 1000);
    REQUIRE(laptop->wait_for(about("changes", *acct), 5s) >= 0);
    std::string id = laptop->last_id();
    REQUIRE(!id.empty());

    // Instance one dies with the stream open; a case is pushed before the laptop is back,
    // and it reconnects to instance two with its last id.
    CHECK(one.stop(SIGKILL) == 128 + SIGKILL);
    std::string second = new_case("Second");
    phone.sync();
    laptop = std::make_unique<EventStream>(two.url(), sven, id);
    CHECK(laptop->wait_for(about("notification", second), 5s) >= 0);
    CHECK(laptop->wait_for(about("changes", *acct), 5s) >= 0);

    // The database restarts: instance two's hint listener loses its connection (hints sent
    // meanwhile are gone). A push through a third instance still reaches the stream.
    fika::test::ServerProcess three({"--db", db, "--live-poll", "60"});
    cluster.restart();
    HttpDevice tablet(three.url(), anna);
    auto first_sync = tablet.client->sync(5);  // the first try may find the old connection broken
    INFO((first_sync.ok() ? "" : first_sync.failure->message));
    REQUIRE(first_sync.ok());
    auto later = tablet.store->create("cases", {{"account_id", fika::sync::text(*acct)}, {"title", fika::sync::text("Third")}});
    REQUIRE(later.ok());
    auto r = tablet.client->sync(5);
    INFO((r.ok() ? "" : r.failure->message));
    REQUIRE(r.ok());
    CHECK(laptop->wait_for(about("notification", *later), 10s) >= 0);
}

TEST_CASE("an older PostgreSQL database is dumped aside before it is migrated - a migration that fails leaves it as it was and the server does not start") {
    PgCluster cluster;
    const std::string db = cluster.conninfo();
    auto psql = [&](const std::string& sql) {
        auto [rc, out] = fika::test::run_command({"/usr/bin/psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", db,
                                                  "-c", sql},
                                                 true);
        INFO(sql << " -> " << out);
        REQUIRE(rc == 0);
        return out;
    };
    fika::test::ServerProcess srv({"--db", db});
    REQUIRE(srv.admin({"--db", db, "user", "add", "karin", "--role", "consultant"}).first == 0);
    srv.stop();
    // As fika-server at server schema 5 left it (before devices could be signed out).
    psql("ALTER TABLE srv_devices DROP COLUMN signout_at; DROP TABLE srv_mail; DROP TABLE srv_mail_prefs;"
         " DROP TABLE srv_content; DROP INDEX srv_users_by_role; UPDATE hub_meta SET value='5' WHERE key='pg_server_schema'");
    auto copies = [&] {
        std::vector<std::string> out;
        std::error_code ec;
        for (auto it = std::filesystem::directory_iterator(srv.data() + "/backups", ec);
             !ec && it != std::filesystem::directory_iterator(); ++it)
            out.push_back(it->path().string());
        return out;
    };
    srv.start();
    auto [src, stats] = srv.admin({"--db", db, "--json", "stats"});
    REQUIRE(src == 0);
    CHECK(nlohmann::json::parse(stats)["users"] == 1);
    httplib::Client hc(srv.url());
    auto health = hc.Get("/healthz");
    REQUIRE(health);
    CHECK(nlohmann::json::parse(health->body)["layout"] == "3.2.9");  // engine.hub.server, as the copy names what it was
    srv.stop();
    CHECK(psql("SELECT value FROM hub_meta WHERE key='pg_server_schema'") == "9\n");
    CHECK(psql("SELECT count(*) FROM srv_mail") == "0\n");  // made by the migration
    REQUIRE(copies().size() == 1);
    const std::string copy = copies()[0];
    CHECK_THAT(copy, Catch::Contains("before-migration-") && Catch::EndsWith(".5.dump"));
    CHECK_THAT(srv.log(), Catch::Contains("a copy from before is " + copy));
    // pg_restore reads it, and it holds the database as it was.
    auto [lrc, hub_meta] = fika::test::run_command({"/usr/bin/pg_restore", "--data-only", "--table=hub_meta", "--file=-", copy});
    CHECK(lrc == 0);
    CHECK_THAT(hub_meta, Catch::Contains("pg_server_schema\t5"));
    // Up to date now: the next start copies nothing.
    srv.start();
    srv.stop();
    CHECK(copies().size() == 1);

    // A migration that fails (a column its index needs is gone) is rolled back whole.
    psql("DROP INDEX srv_devices_by_user; ALTER TABLE srv_devices RENAME COLUMN user_id TO owner;"
         " UPDATE hub_meta SET value='5' WHERE key='pg_server_schema'");
    auto [rc, out] = fika::test::run_command(
        {FIKA_SERVER_BIN, "--data", srv.data(), "--db", db, "serve", "--listen", "127.0.0.1:0"}, true);
    INFO(out);
    CHECK(rc != 0);
    CHECK_THAT(out, Catch::Contains("migrating the PostgreSQL database failed") && Catch::Contains("it is as it was") &&
                        Catch::Contains("a copy from before: "));
    CHECK_FALSE(Catch::Contains("listening on").match(out));
    CHECK(psql("SELECT value FROM hub_meta WHERE key='pg_server_schema'") == "5\n");
    psql("SELECT owner FROM srv_devices LIMIT 0");
    CHECK(copies().size() == 2);
}

TEST_CASE("a bucket's first writes on two instances at once - the second waits for the first to make its row - and numbers after it") {
    // Instance one makes the account's bucket (its first write) and has not committed;
    // instance two writes a case into the same bucket meanwhile. Two's lock finds no row,
    // its insert waits for one's, and it takes the lock and its numbers only after one
    // committed: the bucket's feed holds both, in commit order.
    TwoInstances t(0, 26);
    using fika::sync::text;
    auto acct = t.dev->create("accounts", {{"name", text("Elm")}});
    REQUIRE(acct.ok());
    auto first = t.dev->pending(100);
    REQUIRE(first.ok());
    auto kase = t.dev->create("cases", {{"account_id", text(*acct)}, {"title", text("Orchard")}});
    REQUIRE(kase.ok());
    auto both = t.dev->pending(100);
    REQUIRE(both.ok());
    std::vector<fika::sync::RecordChange> second;
    for (const auto& rc : both->changes)
        if (rc.id == *kase) second.push_back(rc);
    REQUIRE(second.size() == 1);

    auto work = t.one->begin();
    REQUIRE(work.ok());
    auto made = t.one->apply(first->changes, {});
    REQUIRE(made.ok());
    REQUIRE(made->runs.size() == 1);
    std::atomic<bool> done{false};
    fika::sync::Result<fika::sync::ApplyResult> other = fika::sync::Error{Code::Storage, "not run"};
    std::thread two([&] {
        other = t.two->apply(second, {});
        done = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK_FALSE(done.load());  // waiting for one's row
    REQUIRE((*work)->commit().ok());
    two.join();
    REQUIRE(other.ok());
    CHECK(other->records_changed == 1);
    REQUIRE(other->runs.size() == 1);
    CHECK(other->runs.front().from == made->runs.front().to);  // from where one's commit left the bucket
    CHECK(other->runs.front().to > made->runs.front().to);
    auto page = t.two->feed(*acct, fika::sync::Cursor{}, 100);
    REQUIRE(page.ok());
    REQUIRE(page->changes.size() == 2);
    CHECK(page->changes.front().id == *acct);
    CHECK(page->changes.back().id == *kase);
    auto ends = t.one->bucket_ends_of({*acct});
    REQUIRE(ends.ok());
    CHECK(ends->at(*acct).seq == other->runs.front().to);
}
