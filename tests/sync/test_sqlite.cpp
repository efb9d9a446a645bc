// The connection's statement cache (sync/sqlite.h StmtCache): what a caller of
// Db::prepare may rely on when the statement it gets was used before.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <string>
#include <vector>

#include "sqlite.h"
#include "testutil.h"

using namespace fika::sync;
using fika::test::TempDir;

namespace {

int statements_of(const Db& db) {
    int n = 0;
    for (sqlite3_stmt* s = sqlite3_next_stmt(db.handle(), nullptr); s; s = sqlite3_next_stmt(db.handle(), s)) ++n;
    return n;
}

std::vector<std::string> names(Db& db, std::string_view sql, std::int64_t at_least) {
    std::vector<std::string> out;
    Stmt q = db.prepare(sql);
    q.bind(1, at_least);
    while (q.step()) out.emplace_back(q.text(0));
    return out;
}

}  // namespace

TEST_CASE("a statement run again is the one prepared before, reset and unbound: same answers, no new parse") {
    TempDir dir;
    Db db(dir.file("a.db"), true);
    db.exec("CREATE TABLE t(n INTEGER, name TEXT); INSERT INTO t VALUES(1,'one'),(2,'two'),(3,'three')");
    const char* sql = "SELECT name FROM t WHERE n>=? ORDER BY n";
    CHECK(names(db, sql, 2) == std::vector<std::string>{"two", "three"});
    REQUIRE(statements_of(db) == 1);  // kept, at rest
    for (int i = 0; i < 100; ++i) CHECK(names(db, sql, 3) == std::vector<std::string>{"three"});
    CHECK(statements_of(db) == 1);
    CHECK(sqlite3_stmt_status(sqlite3_next_stmt(db.handle(), nullptr), SQLITE_STMTSTATUS_RUN, 0) == 101);
    // Nothing bound is left over: an unbound parameter is NULL again, and n>=NULL is no row.
    Stmt q = db.prepare(sql);
    CHECK_FALSE(q.step());
}

TEST_CASE("the same text asked for while its statement is still out gets a statement of its own") {
    TempDir dir;
    Db db(dir.file("a.db"), true);
    db.exec("CREATE TABLE t(n INTEGER); INSERT INTO t VALUES(1),(2),(3)");
    const char* sql = "SELECT n FROM t WHERE n>=? ORDER BY n";
    // A join done by hand: the inner loop prepares the outer loop's text.
    Stmt outer = db.prepare(sql);
    outer.bind(1, 1);
    int pairs = 0;
    while (outer.step()) {
        Stmt inner = db.prepare(sql);
        inner.bind(1, outer.integer(0));
        while (inner.step()) ++pairs;
    }
    CHECK(pairs == 3 + 2 + 1);
}

TEST_CASE("a statement given back before its last row holds no read transaction open") {
    TempDir dir;
    Db a(dir.file("a.db"), true);
    a.exec("PRAGMA journal_mode=WAL; CREATE TABLE t(n INTEGER); INSERT INTO t VALUES(1),(2),(3)");
    {
        Stmt q = a.prepare("SELECT n FROM t");
        REQUIRE(q.step());  // one row of three, then dropped
    }
    Db b(dir.file("a.db"), false);
    b.exec("INSERT INTO t VALUES(4)");
    // A reader still in a transaction on `a` would keep the checkpoint from finishing.
    Stmt ck = b.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    REQUIRE(ck.step());
    CHECK(ck.integer(0) == 0);  // not busy
    Stmt count = a.prepare("SELECT count(*) FROM t");
    REQUIRE(count.step());
    CHECK(count.integer(0) == 4);
}

TEST_CASE("a kept statement sees the table as it is now, after another connection changed it") {
    TempDir dir;
    Db a(dir.file("a.db"), true);
    a.exec("CREATE TABLE t(n INTEGER); INSERT INTO t VALUES(1)");
    auto newest = [&] {
        Stmt q = a.prepare("SELECT * FROM t ORDER BY rowid DESC LIMIT 1");
        REQUIRE(q.step());
        return std::string(q.text(0)) + "/" + std::string(q.text(1));
    };
    CHECK(newest() == "1/");
    {
        Db b(dir.file("a.db"), false);
        b.exec("ALTER TABLE t ADD COLUMN name TEXT; INSERT INTO t VALUES(2,'two')");
    }
    CHECK(newest() == "2/two");
    {
        Db b(dir.file("a.db"), false);
        b.exec("DROP TABLE t");
    }
    Stmt gone = a.prepare("SELECT * FROM t");
    CHECK_THROWS_AS(gone.step(), Failure);
}

TEST_CASE("a connection keeps at most 128 texts, and a statement may outlive its connection") {
    TempDir dir;
    Stmt survivor;
    {
        Db db(dir.file("a.db"), true);
        db.exec("CREATE TABLE t(n INTEGER); INSERT INTO t VALUES(7)");
        for (int i = 0; i < 300; ++i) {
            Stmt q = db.prepare("SELECT n+" + std::to_string(i) + " FROM t");
            REQUIRE(q.step());
            CHECK(q.integer(0) == 7 + i);
        }
        CHECK(statements_of(db) <= static_cast<int>(StmtCache::kTexts));
        survivor = db.prepare("SELECT n FROM t");
        REQUIRE(survivor.step());
        CHECK(survivor.integer(0) == 7);
    }
    survivor = Stmt();  // given back after the connection closed: finalized, nothing else
    SUCCEED();
}
