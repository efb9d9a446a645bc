#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "sqlite.h"
#include "store.h"
#include "synctest.h"
#include "testutil.h"

using namespace fika::sync;
using fika::test::FakeWall;
using fika::test::TempDir;

namespace {

using fika::test::open_hub;
using fika::test::open_store;

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string new_account(SqliteReplica& s, const std::string& name = "Acme") {
    auto id = s.create("accounts", {{"name", text(name)}});
    REQUIRE(id.ok());
    return *id;
}

struct World {
    TempDir dir;
    FakeWall wall;
    std::unique_ptr<SqliteHub> hub;
    std::unique_ptr<Store> a, b;
    World() {
        hub = open_hub(dir.file("hub.db"), wall, 1);
        a = open_store(dir.file("a.db"), Role::Device, wall, 2);
        b = open_store(dir.file("b.db"), Role::Device, wall, 3);
    }
};

// The tables of the current schema as they were at `version` (later fields left out).
std::vector<TableDef> schema_at(int version) {
    std::vector<TableDef> out;
    for (TableDef t : Schema::current().tables()) {
        if (t.since > version) continue;
        std::erase_if(t.fields, [&](const FieldDef& f) { return f.since > version; });
        t.erased_field = t.field_index("erased");
        t.deleted_field = t.field_index("deleted");
        t.bucket_field = t.field_index("account_id");
        out.push_back(std::move(t));
    }
    return out;
}

// The erasure of a contact as the hub saw it, sent again.
std::vector<RecordChange> erased_replay(Store& s, const std::string& contact_id) {
    auto r = s.get("contacts", contact_id);
    REQUIRE(r.ok());
    RecordChange rc{r->table, contact_id, {}};
    for (size_t i = 0; i < r->values.size(); ++i)
        if (r->clocks.cells[i].written())
            rc.cells.push_back({static_cast<int>(i), r->values[i], r->clocks.cells[i].clock, r->clocks.cells[i].base, 0});
    return {rc};
}

}  // namespace

TEST_CASE("create stores typed rows with defaults - a UUIDv7 id and one outbox entry") {
    TempDir dir;
    FakeWall wall;
    auto s = open_store(dir.file("d.db"), Role::Device, wall, 7);
    std::string acct = new_account(*s);
    CHECK(is_uuid(acct));
    CHECK(acct[14] == '7');
    auto id = s->create("cases", {{"account_id", text(acct)}, {"title", text("Needs a data platform")}});
    REQUIRE(id.ok());
    auto r = s->get("cases", *id);
    REQUIRE(r.ok());
    CHECK(std::get<std::string>(r->operator[]("stage")) == "spotted");
    CHECK(std::get<std::string>(r->operator[]("currency")) == "DKK");
    CHECK(is_null(r->operator[]("value")));
    CHECK(!r->deleted());
    CHECK(s->pending_count() == 2);

    // The user table is an ordinary table a report can query.
    auto read = s->query("SELECT title, stage FROM cases WHERE account_id=?");
    REQUIRE(read.ok());
    Stmt q = std::move(read).value();
    q.bind(1, acct);
    REQUIRE(q.step());
    CHECK(q.text(0) == "Needs a data platform");
    CHECK(q.text(1) == "spotted");
}

TEST_CASE("bad local writes are refused with a clear error and write nothing") {
    TempDir dir;
    FakeWall wall;
    auto s = open_store(dir.file("d.db"), Role::Device, wall, 7);
    std::string acct = new_account(*s);
    std::size_t before = s->pending_count();
    auto e1 = s->create("widgets", {{"name", text("x")}});
    CHECK(e1.code() == Code::Invalid);
    CHECK_THAT(e1.error().message, Catch::Contains("unknown table"));
    auto e2 = s->create("cases", {{"account_id", text(acct)}});
    CHECK(e2.code() == Code::Invalid);
    CHECK_THAT(e2.error().message, Catch::Contains("cases.title: is required"));
    auto e3 = s->create("cases", {{"account_id", text(acct)}, {"title", text("x")}, {"colour", text("red")}});
    CHECK(e3.code() == Code::Invalid);
    CHECK_THAT(e3.error().message, Catch::Contains("unknown field 'colour'"));
    auto e4 = s->create("cases", {{"account_id", text(acct)}, {"title", text("x")}, {"stage", text("won-ish")}});
    CHECK(e4.code() == Code::Invalid);
    auto e5 = s->create("contacts", {{"account_id", text("01900000-0000-7000-8000-000000000000")}, {"name", text("Eva")}});
    CHECK(e5.code() == Code::NotFound);
    auto e6 = s->create("notes", {{"account_id", text(acct)}, {"body", text(std::string(300000, 'x'))}});
    CHECK(e6.code() == Code::TooLarge);
    CHECK(s->update("cases", "01900000-0000-7000-8000-000000000000", {{"title", text("y")}}).code() == Code::NotFound);
    CHECK(s->pending_count() == before);
}

TEST_CASE("fields fixed at creation cannot change - no-op writes are not queued") {
    TempDir dir;
    FakeWall wall;
    auto s = open_store(dir.file("d.db"), Role::Device, wall, 7);
    std::string acct = new_account(*s), other = new_account(*s, "Other");
    auto act = s->create("activities", {{"type", text("conversation")}, {"account_id", text(acct)}, {"date", text("2026-11-24")}});
    REQUIRE(act.ok());
    std::size_t before = s->pending_count();
    auto e = s->update("activities", *act, {{"type", text("meeting")}});
    CHECK(e.code() == Code::Forbidden);
    CHECK_THAT(e.error().message, Catch::Contains("fixed at creation"));
    CHECK(s->update("activities", *act, {{"account_id", text(other)}}).code() == Code::Forbidden);
    CHECK(s->update("activities", *act, {{"note", text("coffee with Eva")}}).ok());
    CHECK(s->pending_count() == before + 1);
    CHECK(s->update("activities", *act, {{"note", text("coffee with Eva")}}).ok());
    CHECK(s->pending_count() == before + 1);
}

TEST_CASE("delete and restore are writes of the deleted field - the record stays") {
    TempDir dir;
    FakeWall wall;
    auto s = open_store(dir.file("d.db"), Role::Device, wall, 7);
    std::string acct = new_account(*s);
    REQUIRE(s->remove("accounts", acct).ok());
    CHECK(s->get("accounts", acct)->deleted());
    REQUIRE(s->restore("accounts", acct).ok());
    CHECK(!s->get("accounts", acct)->deleted());
}

TEST_CASE("a batch commits many writes at once - and rolls back when abandoned") {
    TempDir dir;
    FakeWall wall;
    auto s = open_store(dir.file("d.db"), Role::Device, wall, 7);
    {
        Store::Batch batch(*s);
        for (int i = 0; i < 10; ++i) REQUIRE(s->create("accounts", {{"name", text("A" + std::to_string(i))}}).ok());
        // A rule failure inside the batch leaves the batch usable.
        CHECK(s->create("accounts", {}).code() == Code::Invalid);
        REQUIRE(batch.commit().ok());
    }
    CHECK(s->all("accounts")->size() == 10);
    {
        Store::Batch batch(*s);
        REQUIRE(s->create("accounts", {{"name", text("Gone")}}).ok());
    }
    CHECK(s->all("accounts")->size() == 10);
    CHECK(s->pending_count() == 10);
}

TEST_CASE("two devices converge through the hub - a concurrent overwrite is kept for review") {
    World w;
    std::string acct = new_account(*w.a);
    fika::test::sync_once(*w.a, *w.hub);
    fika::test::sync_once(*w.b, *w.hub);
    REQUIRE(w.b->get("accounts", acct).ok());

    // Both edit the same field offline; B's edit is later.
    REQUIRE(w.a->update("accounts", acct, {{"industry", text("Retail")}}).ok());
    w.wall.ms += 1000;
    REQUIRE(w.b->update("accounts", acct, {{"industry", text("Logistics")}}).ok());
    fika::test::sync_once(*w.a, *w.hub);
    fika::test::sync_once(*w.b, *w.hub);
    fika::test::sync_once(*w.a, *w.hub);

    CHECK(fika::test::dump(*w.a, true) == fika::test::dump(*w.b, true));
    CHECK(fika::test::dump(*w.a, true) == fika::test::dump(*w.hub, true));
    CHECK(std::get<std::string>(w.a->get("accounts", acct)->operator[]("industry")) == "Logistics");

    // A pushed "Retail" before B's write arrived: it is still A's loss, and A keeps it.
    auto ca = w.a->conflicts();
    REQUIRE(ca.ok());
    REQUIRE(ca->size() == 1);
    CHECK(ca->at(0).field == "industry");
    CHECK(std::get<std::string>(ca->at(0).local_value) == "Retail");
    CHECK(std::get<std::string>(ca->at(0).remote_value) == "Logistics");
    CHECK(w.b->conflicts()->empty());

    // Re-apply mine: a new, later write that wins everywhere.
    REQUIRE(w.a->resolve_conflict(ca->at(0).n, true).ok());
    CHECK(w.a->conflicts()->empty());
    CHECK(w.a->conflicts(true)->size() == 1);
    fika::test::sync_once(*w.a, *w.hub);
    fika::test::sync_once(*w.b, *w.hub);
    CHECK(std::get<std::string>(w.b->get("accounts", acct)->operator[]("industry")) == "Retail");
    // B's value was overwritten by a write that had seen it: no conflict for B.
    CHECK(w.b->conflicts()->empty());
}

TEST_CASE("a deliberate overwrite (the writer saw the value) is not a conflict") {
    World w;
    std::string acct = new_account(*w.a);
    REQUIRE(w.a->update("accounts", acct, {{"industry", text("Retail")}}).ok());
    fika::test::sync_once(*w.a, *w.hub);
    fika::test::sync_once(*w.b, *w.hub);
    REQUIRE(w.b->update("accounts", acct, {{"industry", text("Logistics")}}).ok());
    fika::test::sync_once(*w.b, *w.hub);
    fika::test::sync_once(*w.a, *w.hub);
    CHECK(std::get<std::string>(w.a->get("accounts", acct)->operator[]("industry")) == "Logistics");
    CHECK(w.a->conflicts()->empty());
}

TEST_CASE("edit versus delete: the record stays deleted and the edit is kept") {
    World w;
    std::string acct = new_account(*w.a);
    fika::test::sync_once(*w.a, *w.hub);
    fika::test::sync_once(*w.b, *w.hub);
    REQUIRE(w.a->remove("accounts", acct).ok());
    REQUIRE(w.b->update("accounts", acct, {{"industry", text("Energy")}}).ok());
    for (int i = 0; i < 2; ++i) {
        fika::test::sync_once(*w.a, *w.hub);
        fika::test::sync_once(*w.b, *w.hub);
    }
    for (fika::sync::SqliteReplica* s : {static_cast<fika::sync::SqliteReplica*>(w.a.get()), static_cast<fika::sync::SqliteReplica*>(w.b.get()),
                                   static_cast<fika::sync::SqliteReplica*>(w.hub.get())}) {
        auto r = s->get("accounts", acct);
        REQUIRE(r.ok());
        CHECK(r->deleted());
        CHECK(std::get<std::string>(r->operator[]("industry")) == "Energy");
    }
    REQUIRE(w.b->restore("accounts", acct).ok());
    fika::test::sync_once(*w.b, *w.hub);
    fika::test::sync_once(*w.a, *w.hub);
    CHECK(!w.a->get("accounts", acct)->deleted());
}

TEST_CASE("the receive rule: a device with a slow clock still overwrites what it has seen") {
    World w;
    std::string acct = new_account(*w.a);
    fika::test::sync_once(*w.a, *w.hub);
    // B's wall clock is an hour behind; it sees A's write and edits after it.
    OpenOptions o;
    FakeWall slow;
    slow.ms = w.wall.ms - 3'600'000;
    o.wall = slow.fn();
    o.seed = 9;
    auto c = Store::open(w.dir.file("c.db"), o);
    REQUIRE(c.ok());
    fika::test::sync_once(**c, *w.hub);
    REQUIRE((*c)->update("accounts", acct, {{"name", text("Acme Group")}}).ok());
    fika::test::sync_once(**c, *w.hub);
    fika::test::sync_once(*w.a, *w.hub);
    CHECK(std::get<std::string>(w.a->get("accounts", acct)->operator[]("name")) == "Acme Group");
}

TEST_CASE("the hub refuses - per change and with a reason - what the rules forbid") {
    World w;
    std::string acct = new_account(*w.a), secret = new_account(*w.a, "Secret");
    auto batch = w.a->pending();
    REQUIRE(batch.ok());
    Authorize only_acct = [&](const std::string& bucket, const RecordChange&, bool) -> std::optional<Error> {
        if (bucket == acct) return std::nullopt;
        return Error{Code::Forbidden, "no access to " + bucket};
    };
    auto res = w.hub->apply(batch->changes, only_acct);
    REQUIRE(res.ok());
    REQUIRE(res->refused.size() == 1);
    CHECK(res->refused[0].id == secret);
    CHECK(res->refused[0].error.code == Code::Forbidden);
    CHECK(w.hub->get("accounts", secret).code() == Code::NotFound);
    REQUIRE(w.a->ack(batch->upto, res->refused).ok());
    auto refused = w.a->refused();
    REQUIRE(refused->size() == 1);
    CHECK_THAT(refused->at(0).fields_json, Catch::Contains("Secret"));
    CHECK(w.a->get("accounts", secret).ok());  // still on the device

    // A clock far ahead of the hub's.
    RecordChange ahead{w.hub->schema().table("accounts"), acct,
                       {{w.hub->schema().table("accounts")->field_index("industry"), text("x"),
                         Clock{hlc_from_ms(w.wall.ms + 86'400'000), 5}, {}, 0}}};
    res = w.hub->apply({ahead}, {});
    REQUIRE(res->refused.size() == 1);
    CHECK(res->refused[0].error.code == Code::ClockAhead);

    // Changing a field fixed at creation.
    auto contact = w.a->create("contacts", {{"account_id", text(acct)}, {"name", text("Eva")}});
    fika::test::push_all(*w.a, *w.hub);
    const TableDef* ct = w.hub->schema().table("contacts");
    RecordChange move{ct, *contact, {{ct->field_index("account_id"), text(secret), Clock{hlc_from_ms(w.wall.ms) + 50, 5}, {}, 0}}};
    res = w.hub->apply({move}, {});
    REQUIRE(res->refused.size() == 1);
    CHECK(res->refused[0].error.code == Code::Forbidden);

    // A new record without its account.
    RecordChange orphan{ct, "01900000-0000-7000-8000-0000000000aa", {{ct->field_index("name"), text("Bo"), Clock{hlc_from_ms(w.wall.ms), 5}, {}, 0}}};
    res = w.hub->apply({orphan}, {});
    REQUIRE(res->refused.size() == 1);
    CHECK(res->refused[0].error.code == Code::Invalid);
}

TEST_CASE("the feed pages a bucket by sequence number and keeps only the newest change per cell") {
    World w;
    std::string acct = new_account(*w.a);
    std::vector<std::string> cases;
    for (int i = 0; i < 25; ++i)
        cases.push_back(*w.a->create("cases", {{"account_id", text(acct)}, {"title", text("Case " + std::to_string(i))}}));
    for (int round = 0; round < 5; ++round)
        REQUIRE(w.a->update("cases", cases[0], {{"title", text("Edited " + std::to_string(round))}}).ok());
    fika::test::push_all(*w.a, *w.hub);

    auto p1 = w.hub->feed(acct, {0, 0}, 10);
    REQUIRE(p1.ok());
    CHECK(p1->changes.size() == 10);
    CHECK(p1->more);
    auto p2 = w.hub->feed(acct, {0, p1->to}, 10);
    auto p3 = w.hub->feed(acct, {0, p2->to}, 10);
    CHECK(p2->more);
    CHECK(!p3->more);
    std::size_t total = p1->changes.size() + p2->changes.size() + p3->changes.size();
    CHECK(total == 26);  // the account and 25 cases, each once: edits superseded
    auto after = w.hub->feed(acct, {p3->to, p3->to}, 10);
    CHECK(after->changes.empty());

    // One more edit: the feed after the cursor carries just that cell.
    REQUIRE(w.a->update("cases", cases[3], {{"need", text("A data platform")}}).ok());
    fika::test::push_all(*w.a, *w.hub);
    auto delta = w.hub->feed(acct, {p3->to, p3->to}, 10);
    REQUIRE(delta->changes.size() == 1);
    REQUIRE(delta->changes[0].cells.size() == 1);
    CHECK(std::get<std::string>(delta->changes[0].cells[0].value) == "A data platform");
    // The writer's own incremental pull leaves its cells out but still moves to the end.
    auto own = w.hub->feed(acct, {p3->to, p3->to}, 10, w.a->site());
    REQUIRE(own.ok());
    CHECK(own->changes.empty());
    CHECK(own->to == delta->to);
    CHECK(!own->more);

    // A device pulling in small pages ends with the hub's data and checksum.
    fika::test::pull_all(*w.b, *w.hub, 7);
    CHECK(fika::test::dump(*w.b, true) == fika::test::dump(*w.hub, true));
    CHECK(w.b->cursors()->at(acct) == Cursor{w.hub->hub_seq(), w.hub->hub_seq()});
    CHECK(*w.b->bucket_checksum(acct) == *w.hub->bucket_checksum(acct));
    CHECK(*w.b->bucket_checksum(acct) != 0);
}

TEST_CASE("a hub's read unit sees one state - a merge through another connection shows once it ends") {
    TempDir dir;
    FakeWall wall;
    auto hub = open_hub(dir.file("hub.db"), wall, 1);
    auto other = open_hub(dir.file("hub.db"), wall, 2);  // an admin command's connection
    auto dev = open_store(dir.file("dev.db"), Role::Device, wall, 3);
    fika::test::check_read_unit(*hub, *other, *dev);
}

TEST_CASE("an edit on the hub after another connection merged a device's newer clock still wins") {
    TempDir dir;
    FakeWall wall, ahead;
    ahead.ms = wall.ms + 30'000;  // the device's clock runs 30 s ahead of the server's
    auto hub = open_hub(dir.file("hub.db"), wall, 1);
    auto other = open_hub(dir.file("hub.db"), wall, 2);  // the server, while an admin command edits
    auto dev = open_store(dir.file("dev.db"), Role::Device, ahead, 3);
    fika::test::check_local_write_follows(*hub, *other, *dev);
}

TEST_CASE("replaying a push or a page changes nothing") {
    World w;
    std::string acct = new_account(*w.a);
    REQUIRE(w.a->create("cases", {{"account_id", text(acct)}, {"title", text("Replayed")}}).ok());
    auto batch = w.a->pending();
    auto r1 = w.hub->apply(batch->changes, {});
    std::string hub_before = fika::test::dump(*w.hub, true);
    std::uint64_t seq_before = w.hub->hub_seq();
    auto r2 = w.hub->apply(batch->changes, {});
    REQUIRE(r2.ok());
    CHECK(r2->records_changed == 0);
    CHECK(r2->created.empty());
    CHECK(r1->created.size() == 2);
    CHECK(w.hub->hub_seq() == seq_before);
    CHECK(fika::test::dump(*w.hub, true) == hub_before);
    auto page = w.hub->feed(acct, {}, 100);
    REQUIRE(w.b->apply_page(acct, page->changes, page->to, page->more).ok());
    std::string b_before = fika::test::dump(*w.b, true);
    REQUIRE(w.b->apply_page(acct, page->changes, page->to, page->more).ok());
    CHECK(fika::test::dump(*w.b, true) == b_before);
}

TEST_CASE("losing a bucket purges it and keeps unsent words as refused changes") {
    World w;
    std::string acct = new_account(*w.a), keep = new_account(*w.a, "Kept");
    auto c = w.a->create("contacts", {{"account_id", text(acct)}, {"name", text("Eva")}});
    fika::test::sync_once(*w.a, *w.hub);
    REQUIRE(w.a->update("contacts", *c, {{"title", text("CTO")}}).ok());
    REQUIRE(w.a->purge_bucket(acct).ok());
    CHECK(w.a->get("accounts", acct).code() == Code::NotFound);
    CHECK(w.a->get("contacts", *c).code() == Code::NotFound);
    CHECK(w.a->get("accounts", keep).ok());
    CHECK(w.a->cursors()->count(acct) == 0);
    auto refused = w.a->refused();
    REQUIRE(refused->size() == 1);
    CHECK_THAT(refused->at(0).fields_json, Catch::Contains("CTO"));
}

TEST_CASE("a file from a newer Fika - or not a Fika file - is refused and left untouched") {
    TempDir dir;
    FakeWall wall;
    std::string path = dir.file("d.db");
    { REQUIRE(open_store(path, Role::Device, wall, 7)->create("accounts", {{"name", text("Acme")}}).ok()); }
    {
        Db raw(path, false);
        raw.exec("PRAGMA user_version=99");
    }
    std::string before = read_file(path);
    auto s = Store::open(path);
    CHECK(s.code() == Code::SchemaTooNew);
    CHECK_THAT(s.error().message, Catch::Contains("newer Fika"));
    CHECK(read_file(path) == before);

    std::string junk = dir.file("junk.db");
    { std::ofstream(junk) << "this is a shopping list, not a database\n"; }
    before = read_file(junk);
    auto j = Store::open(junk);
    CHECK(j.code() == Code::Corrupt);
    CHECK(read_file(junk) == before);

    std::string other = dir.file("other.db");
    {
        Db raw(other, true);
        raw.exec("CREATE TABLE t(x); INSERT INTO t VALUES(1)");
    }
    CHECK(Store::open(other).code() == Code::Corrupt);

    CHECK(fika::sync::SqliteHub::open(dir.file("d.db")).code() != Code::Ok);
}

TEST_CASE("a corrupt database file gives a clear error and is not modified") {
    TempDir dir;
    FakeWall wall;
    std::string path = dir.file("d.db");
    {
        auto s = open_store(path, Role::Device, wall, 7);
        Store::Batch b(*s);
        for (int i = 0; i < 2000; ++i) REQUIRE(s->create("accounts", {{"name", text("Account " + std::to_string(i))}}).ok());
        REQUIRE(b.commit().ok());
    }
    {
        Db raw(path, false);
        raw.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    std::string bytes = read_file(path);
    REQUIRE(bytes.size() > 4096 * 8);
    // Scribble over a b-tree page in the middle of the file.
    for (std::size_t i = 4096 * 5; i < 4096 * 5 + 600; ++i) bytes[i] = static_cast<char>(i * 7);
    { std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes; }
    auto s = Store::open(path);
    CHECK(s.code() == Code::Corrupt);
    CHECK(read_file(path) == bytes);
}

TEST_CASE("a file's integrity is checked on a connection of its own - beside an open store - and stops when asked") {
    TempDir dir;
    FakeWall wall;
    std::string path = dir.file("d.db");
    auto s = open_store(path, Role::Device, wall, 7);
    {
        Store::Batch b(*s);
        for (int i = 0; i < 20000; ++i)
            REQUIRE(s->create("accounts", {{"name", text("Account " + std::to_string(i) + std::string(100, 'x'))}}).ok());
        REQUIRE(b.commit().ok());
    }
    // The app's sync worker checks while its UI's connection works on.
    CHECK(Store::check_integrity(path).ok());
    REQUIRE(s->create("accounts", {{"name", text("Written while checked")}}).ok());
    // Asked to stop (the app quits during its first seconds): it does, and says nothing
    // of damage.
    std::atomic<bool> stop{true};
    auto t0 = std::chrono::steady_clock::now();
    Status stopped = Store::check_integrity(path, &stop);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    INFO(ms << " ms: " << (stopped.ok() ? "ok" : stopped.error().message));
    CHECK(!stopped.ok());
    CHECK(stopped.code() != Code::Corrupt);
    CHECK(Store::check_integrity(path).ok());
}

TEST_CASE("migrations step one version at a time - keep data - and roll back on failure") {
    TempDir dir;
    FakeWall wall;
    std::string path = dir.file("d.db");
    std::vector<TableDef> v1 = schema_at(1);
    Schema s1(v1, 1);

    std::vector<TableDef> v2 = v1;
    FieldDef region;
    region.name = "region";
    region.max_len = 100;
    region.since = 2;
    v2[0].fields.push_back(region);
    TableDef tags;
    tags.id = 99;
    tags.name = "tags";
    tags.bucket = BucketRule::Global;
    FieldDef label;
    label.name = "label";
    label.max_len = 50;
    tags.fields = {label};
    FieldDef del;
    del.name = "deleted";
    del.type = FieldType::Bool;
    del.fallback = std::int64_t{0};
    tags.fields.push_back(del);
    tags.deleted_field = 1;
    tags.since = 2;
    v2.push_back(tags);
    Schema s2(v2, 2);

    std::string acct;
    {
        OpenOptions o;
        o.schema = &s1;
        auto s = Store::open(path, o);
        REQUIRE(s.ok());
        acct = *(*s)->create("accounts", {{"name", text("Acme")}});
        REQUIRE((*s)->apply_page(acct, {}, 42, false).ok());
        CHECK((*s)->cursors()->at(acct) == Cursor{42, 42});
    }
    // A migration that fails (adds a column that exists) leaves version 1 and the data.
    std::vector<TableDef> broken = v2;
    broken[0].fields.back().name = "name";
    Schema sb(broken, 2);
    {
        OpenOptions o;
        o.schema = &sb;
        CHECK(Store::open(path, o).code() == Code::Storage);
        Db raw(path, false);
        Stmt v = raw.prepare("PRAGMA user_version");
        REQUIRE(v.step());
        CHECK(v.integer(0) == 1);
    }
    {
        OpenOptions o;
        o.schema = &s2;
        auto s = Store::open(path, o);
        REQUIRE(s.ok());
        auto r = (*s)->get("accounts", acct);
        REQUIRE(r.ok());
        CHECK(std::get<std::string>(r->operator[]("name")) == "Acme");
        CHECK(is_null(r->operator[]("region")));
        REQUIRE((*s)->update("accounts", acct, {{"region", text("Nordics")}}).ok());
        // The upgrade reset every cursor, so the device downloads the new fields.
        for (auto& [b, c] : *(*s)->cursors()) CHECK(c == Cursor{});
        REQUIRE((*s)->create("tags", {{"label", text("key account")}}).ok());
    }
    {
        OpenOptions o;
        o.schema = &s1;
        CHECK(Store::open(path, o).code() == Code::SchemaTooNew);
    }
}

TEST_CASE("a run of reads sees one state of the file - a write of its own ends it - Batches inside work") {
    World w;
    std::string acct = new_account(*w.a);
    OpenOptions o;
    o.wall = w.wall.fn();
    o.seed = 79;
    auto ui = Store::open(w.dir.file("a.db"), o);  // the app's UI beside the sync worker (w.a)
    REQUIRE(ui.ok());
    auto cases = [&] { return w.a->all("cases")->size(); };
    {
        Store::Reading reading(*w.a);
        CHECK(cases() == 0);
        REQUIRE((*ui)->create("cases", {{"account_id", text(acct)}, {"title", text("Typed in the UI")}}).ok());
        CHECK(cases() == 0);  // still the state its first read saw
        CHECK(w.a->pending_count() == 1);  // the account alone
        // Its own write ends the shared read first (no transaction in a transaction), and
        // sees the other connection's case; reads after it are current.
        REQUIRE(w.a->create("cases", {{"account_id", text(acct)}, {"title", text("Pulled by the worker")}}).ok());
        CHECK(cases() == 2);
        REQUIRE((*ui)->create("cases", {{"account_id", text(acct)}, {"title", text("Typed again")}}).ok());
        CHECK(cases() == 3);
        Store::Reading again(*w.a);  // a second one does nothing while the first is open
        Store::Batch b(*w.a);
        REQUIRE(w.a->create("cases", {{"account_id", text(acct)}, {"title", text("In a batch")}}).ok());
        {
            Store::Reading inside(*w.a);  // inside a Batch: its reads are the batch's
            CHECK(cases() == 4);
        }
        REQUIRE(b.commit().ok());
    }
    CHECK((*ui)->all("cases")->size() == 4);
    CHECK(w.a->pending_count() == 5);
    // One whose run a write ended may go while a later one is open: the later one keeps
    // its state.
    std::optional<Store::Reading> first(std::in_place, *w.a);
    REQUIRE(w.a->create("cases", {{"account_id", text(acct)}, {"title", text("Ends the first")}}).ok());
    Store::Reading second(*w.a);
    CHECK(cases() == 5);
    REQUIRE((*ui)->create("cases", {{"account_id", text(acct)}, {"title", text("Not seen yet")}}).ok());
    first.reset();
    CHECK(cases() == 5);
}

TEST_CASE("two connections to one device file (the app's UI and its sync worker) share clock and acks") {
    World w;
    std::string acct = new_account(*w.a);
    fika::test::sync_once(*w.a, *w.hub);
    // A second Store on the same file, as the app's sync worker holds.
    OpenOptions o;
    o.wall = w.wall.fn();
    o.seed = 77;
    auto worker = Store::open(w.dir.file("a.db"), o);
    REQUIRE(worker.ok());
    // B writes with a clock far ahead of A's wall clock; the worker merges it.
    FakeWall ahead;
    ahead.ms = w.wall.ms + 60'000;
    OpenOptions bo;
    bo.wall = ahead.fn();
    bo.seed = 78;
    auto b = Store::open(w.dir.file("b2.db"), bo);
    fika::test::sync_once(**b, *w.hub);
    REQUIRE((*b)->update("accounts", acct, {{"industry", text("Energy")}}).ok());
    fika::test::sync_once(**b, *w.hub);
    fika::test::sync_once(**worker, *w.hub);
    // The UI's connection writes next: its edit must beat what the worker has seen.
    REQUIRE(w.a->update("accounts", acct, {{"industry", text("Retail")}}).ok());
    auto mine = w.a->get("accounts", acct);
    auto theirs = (*b)->get("accounts", acct);
    int f = mine->table->field_index("industry");
    CHECK(mine->clocks.cells[f].clock > theirs->clocks.cells[f].clock);
    // And a push by the worker is known to the UI's connection as pushed.
    fika::test::push_all(**worker, *w.hub);
    REQUIRE(w.a->update("accounts", acct, {{"industry", text("Retail 2")}}).ok());
    auto again = w.a->get("accounts", acct);
    CHECK(again->clocks.cells[f].base == mine->clocks.cells[f].clock);  // the pushed value was its base
}

TEST_CASE("two connections to one device file never stamp two edits with one clock - in one millisecond") {
    TempDir dir;
    FakeWall wall;  // stands still: every write below happens in the same millisecond
    auto ui = open_store(dir.file("d.db"), Role::Device, wall, 7);
    auto worker = open_store(dir.file("d.db"), Role::Device, wall, 8);
    std::string acct = new_account(*ui);
    std::uint64_t last = 0;
    for (int i = 0; i < 6; ++i) {
        Store& by = i % 2 ? *worker : *ui;
        REQUIRE(by.update("accounts", acct, {{"industry", text("v" + std::to_string(i))}}).ok());
        auto r = by.get("accounts", acct);
        std::uint64_t hlc = r->clocks.cells[r->table->field_index("industry")].clock.hlc;
        INFO("edit " << i);
        CHECK(hlc > last);  // one site: an equal clock would make the hub drop one as a replay
        last = hlc;
    }
}

TEST_CASE("an edit after reopening beats the edits before it - wall clock set back, files from older versions") {
    TempDir dir;
    FakeWall wall;
    wall.ms += 3'600'000;  // the laptop's clock an hour ahead, then corrected while it was closed
    auto s = open_store(dir.file("d.db"), Role::Device, wall, 7);
    std::string acct = new_account(*s);
    for (int i = 0; i < 3; ++i) REQUIRE(s->update("accounts", acct, {{"industry", text("v" + std::to_string(i))}}).ok());
    auto clock_of = [&](Store& st) {
        auto r = st.get("accounts", acct);
        REQUIRE(r.ok());
        return r->clocks.cells[r->table->field_index("industry")].clock.hlc;
    };
    std::uint64_t before = clock_of(*s);
    s.reset();
    wall.ms -= 3'600'000;
    // Nothing was pushed: only the file remembers how far the clock went.
    s = open_store(dir.file("d.db"), Role::Device, wall, 8);
    REQUIRE(s->update("accounts", acct, {{"industry", text("after reopen")}}).ok());
    std::uint64_t after = clock_of(*s);
    CHECK(after > before);
    s.reset();

    // A file written before the clock's mark was kept at every commit: the mark in _meta is
    // older than the outbox, and the newest outbox row is not the one with the newest clock.
    {
        Db db(dir.file("d.db"), false);
        db.exec("DELETE FROM _meta WHERE key IN ('hlc','hlc_kept')");
        db.exec("UPDATE _outbox SET hlc=" + std::to_string(after + (std::uint64_t{1} << 30)) +
                " WHERE seq=(SELECT min(seq) FROM _outbox)");
    }
    s = open_store(dir.file("d.db"), Role::Device, wall, 9);
    REQUIRE(s->update("accounts", acct, {{"industry", text("old file")}}).ok());
    std::uint64_t caught_up = clock_of(*s);
    CHECK(caught_up > after + (std::uint64_t{1} << 30));
    s.reset();

    // An older binary opened the file since and wrote without moving the mark.
    {
        Db db(dir.file("d.db"), false);
        db.exec("UPDATE _outbox SET hlc=" + std::to_string(caught_up + (std::uint64_t{1} << 30)) +
                " WHERE seq=(SELECT max(seq) FROM _outbox)");
    }
    s = open_store(dir.file("d.db"), Role::Device, wall, 10);
    REQUIRE(s->update("accounts", acct, {{"industry", text("after downgrade")}}).ok());
    CHECK(clock_of(*s) > caught_up + (std::uint64_t{1} << 30));
    CHECK(s->get("accounts", acct)->values[s->get("accounts", acct)->table->field_index("industry")] ==
          text("after downgrade"));
}

TEST_CASE("outbox positions only grow - across an emptied outbox - a reopen and a second connection") {
    World w;
    new_account(*w.a, "One");
    auto first = w.a->pending();
    REQUIRE(first.ok());
    REQUIRE(first->upto > 0);
    REQUIRE(w.a->ack(first->upto, {}).ok());
    REQUIRE(w.a->pending_count() == 0);
    // The outbox is empty now; the next write must not reuse the position just acknowledged
    // (a server compares positions of one device's pushes).
    new_account(*w.a, "Two");
    auto second = w.a->pending();
    REQUIRE(second.ok());
    CHECK(second->upto > first->upto);
    REQUIRE(w.a->ack(second->upto, {}).ok());
    // The same through another connection to the file and after a reopen.
    OpenOptions o;
    o.wall = w.wall.fn();
    o.seed = 91;
    auto other = Store::open(w.dir.file("a.db"), o);
    REQUIRE(other.ok());
    new_account(**other, "Three");
    auto third = (*other)->pending();
    CHECK(third->upto > second->upto);
    REQUIRE((*other)->ack(third->upto, {}).ok());
    other->reset();
    w.a.reset();
    w.a = open_store(w.dir.file("a.db"), Role::Device, w.wall, 92);
    new_account(*w.a, "Four");
    CHECK(w.a->pending()->upto > third->upto);
}

TEST_CASE("the unsent count stays exact - another connection's writes and acks - a reopen - files from older versions") {
    World w;
    new_account(*w.a, "One");
    new_account(*w.a, "Two");
    OpenOptions o;
    o.wall = w.wall.fn();
    o.seed = 81;
    auto worker = Store::open(w.dir.file("a.db"), o);  // the app's sync worker beside its UI
    REQUIRE(worker.ok());
    CHECK((*worker)->pending_count() == 2);
    {
        Store::Batch batch(**worker);
        for (int i = 0; i < 70; ++i) new_account(**worker, "Batch " + std::to_string(i));
        CHECK((*worker)->pending_count() == 72);  // inside the batch
        REQUIRE(batch.commit().ok());
    }
    CHECK(w.a->pending_count() == 72);
    // Part of it pushed by the worker: the UI's connection sees what is left.
    auto first = (*worker)->pending(1);
    REQUIRE(first.ok());
    REQUIRE(w.hub->apply(first->changes, {}).ok());
    REQUIRE((*worker)->ack(first->upto, {}).ok());
    CHECK(w.a->pending_count() == 72 - first->changes.size());
    fika::test::push_all(**worker, *w.hub);
    CHECK(w.a->pending_count() == 0);
    new_account(*w.a, "Three");
    CHECK((*worker)->pending_count() == 1);
    worker->reset();
    w.a.reset();

    auto reopen = [&](std::uint64_t seed) {
        w.a.reset();
        w.a = open_store(w.dir.file("a.db"), Role::Device, w.wall, seed);
        return w.a->pending_count();
    };
    CHECK(reopen(82) == 1);
    w.a.reset();
    // A file from before the count was kept: counted once when it opens.
    {
        Db raw(w.dir.file("a.db"), false);
        raw.exec("DELETE FROM _meta WHERE key='outbox_ids'");
    }
    CHECK(reopen(83) == 1);
    new_account(*w.a, "Four");
    CHECK(w.a->pending_count() == 2);
    w.a.reset();
    // A binary from before appended to the outbox, then acknowledged its first row, without
    // moving the count: both are noticed at open.
    {
        Db raw(w.dir.file("a.db"), false);
        raw.exec("INSERT INTO _outbox(seq,tbl,id,mask,hlc) SELECT seq+1,tbl,id,mask,hlc FROM _outbox"
                 " ORDER BY seq DESC LIMIT 1");
    }
    CHECK(reopen(84) == 3);
    w.a.reset();
    {
        Db raw(w.dir.file("a.db"), false);
        raw.exec("UPDATE _meta SET value=(SELECT min(seq) FROM _outbox) WHERE key='outbox_floor'");
        raw.exec("DELETE FROM _outbox WHERE seq=(SELECT min(seq) FROM _outbox)");
    }
    CHECK(reopen(85) == 2);
}

TEST_CASE("a batch's writes share outbox rows - pushed per record - acknowledged by row") {
    World w;
    std::string acct = new_account(*w.a);
    fika::test::sync_once(*w.a, *w.hub);
    std::vector<std::string> ids;
    {
        Store::Batch batch(*w.a);
        for (int i = 0; i < 150; ++i) {
            auto id = w.a->create("cases", {{"account_id", text(acct)}, {"title", text("Case " + std::to_string(i))}});
            REQUIRE(id.ok());
            ids.push_back(*id);
        }
        // A different set of fields starts a new row; so does another table.
        REQUIRE(w.a->update("cases", ids[0], {{"title", text("Case 0, renamed")}}).ok());
        REQUIRE(w.a->update("accounts", acct, {{"industry", text("Retail")}}).ok());
        CHECK(w.a->pending_count() == 152);  // visible inside the batch too
        REQUIRE(batch.commit().ok());
    }
    CHECK(w.a->pending_count() == 152);
    Db raw(w.dir.file("a.db"), false);  // the side table, through a connection of the test's own
    auto rows = raw.prepare("SELECT count(*) FROM _outbox");
    REQUIRE(rows.step());
    CHECK(rows.integer(0) == 5);  // 64 + 64 + 22 creates, the rename, the account
    // Pushes take whole rows, up to the records asked for (at least one row).
    auto first = w.a->pending(100);
    REQUIRE(first.ok());
    CHECK(first->changes.size() == 64);
    auto rest = w.a->pending(1000, first->upto);
    CHECK(rest->changes.size() == 88);  // 86 creates, case 0 again (its title), the account
    auto tiny = w.a->pending(1);
    CHECK(tiny->changes.size() == 64);
    // Acknowledging the first row leaves the others; everything converges.
    REQUIRE(w.hub->apply(first->changes, {}).ok());
    REQUIRE(w.a->ack(first->upto, {}).ok());
    CHECK(w.a->pending_count() == 88);
    fika::test::sync_once(*w.a, *w.hub);
    fika::test::sync_once(*w.b, *w.hub);
    CHECK(w.a->pending_count() == 0);
    CHECK(w.b->all("cases")->size() == 150);
    CHECK(std::get<std::string>((*w.b->get("cases", ids[0]))["title"]) == "Case 0, renamed");
    CHECK(fika::test::dump(*w.a, true) == fika::test::dump(*w.hub, true));
}

TEST_CASE("outbox rows written in the older text format still push") {
    World w;
    std::string acct = new_account(*w.a);
    fika::test::sync_once(*w.a, *w.hub);
    // Record ids are lower case (outbox rows store them packed in 16 bytes).
    auto shouted = w.a->create("cases", {{"id", text("0190ABCD-0000-7000-8000-00000000BEEF")}, {"account_id", text(acct)}});
    CHECK(shouted.code() == Code::Invalid);
    const std::string shouty = "0190abcd-0000-7000-8000-00000000beef";
    REQUIRE(w.a->create("cases", {{"id", text(shouty)}, {"account_id", text(acct)}, {"title", text("Upper")}}).ok());
    auto lower = w.a->create("cases", {{"account_id", text(acct)}, {"title", text("Lower")}});
    REQUIRE(lower.ok());
    // A row as an older build wrote it: ids as text joined by a newline.
    auto pushed = w.a->pending();
    REQUIRE(pushed.ok());
    std::uint64_t upto = pushed->upto;
    auto cases = Schema::current().table("cases");
    Db raw(w.dir.file("a.db"), false);  // a row as an older version wrote it
    auto old = raw.prepare("INSERT INTO _outbox(seq,tbl,id,mask,hlc) VALUES(?,?,?,?,?)");
    old.bind(1, static_cast<std::int64_t>(upto + 1)).bind(2, cases->id).bind(3, shouty + "\n" + *lower);
    old.bind(4, std::int64_t{1} << cases->field_index("title")).bind(5, std::int64_t{1}).run();
    // The older version's row is found when this version opens the file.
    w.a.reset();
    w.a = open_store(w.dir.file("a.db"), Role::Device, w.wall, 12);
    CHECK(w.a->pending_count() == 4);
    auto all = w.a->pending();
    REQUIRE(all.ok());
    std::set<std::string> ids;
    for (const RecordChange& rc : all->changes) ids.insert(rc.id);
    CHECK(ids == std::set<std::string>{shouty, *lower});
    fika::test::sync_once(*w.a, *w.hub);
    fika::test::sync_once(*w.b, *w.hub);
    CHECK(w.a->pending_count() == 0);
    CHECK(std::get<std::string>((*w.b->get("cases", shouty))["title"]) == "Upper");
}

TEST_CASE("erasing a person clears them on every replica - and nothing brings them back") {
    World w;
    std::string acct = new_account(*w.a);
    auto add = [&](const char* table, const Fields& f) {
        auto id = w.a->create(table, f);
        INFO((id.ok() ? "" : id.error().message));
        REQUIRE(id.ok());
        return *id;
    };
    std::string eva = add("contacts", {{"account_id", text(acct)}, {"name", text("Eva Lind")},
                                       {"email", text("eva@example.com")}, {"phone", text("+45 1234")}});
    std::string other = add("contacts", {{"account_id", text(acct)}, {"name", text("Ola Berg")}});
    std::string talk = add("activities", {{"account_id", text(acct)}, {"contact_id", text(eva)}, {"type", text("conversation")},
                                          {"date", text("2026-11-20")}, {"note", text("Eva is moving house next month")}});
    std::string note = add("notes", {{"account_id", text(acct)}, {"contact_id", text(eva)}, {"body", text("Eva prefers mornings")}});
    std::string todo = add("follow_ups", {{"account_id", text(acct)}, {"summary", text("Call Eva on her mobile")},
                                          {"related_kind", text("contact")}, {"related_id", text(eva)}});
    std::string plan = add("contact_plans", {{"account_id", text(acct)}, {"consultant", text("karin")}, {"contact_id", text(eva)}});
    std::string cs = add("cases", {{"account_id", text(acct)}, {"contact_id", text(eva)}, {"title", text("Warehouse platform")}});
    std::string olas = add("notes", {{"account_id", text(acct)}, {"contact_id", text(other)}, {"body", text("Ola likes tea")}});
    fika::test::sync_once(*w.a, *w.hub);
    fika::test::sync_once(*w.b, *w.hub);

    // A erases Eva; B, offline, then changes her phone number.
    auto erased = w.a->erase_person(eva);
    REQUIRE(erased.ok());
    CHECK(erased->records.size() == 5);  // the activity, note, follow-up, plan and Eva herself
    w.wall.ms += 1000;
    REQUIRE(w.b->update("contacts", eva, {{"phone", text("+45 9999")}}).ok());

    auto value = [](fika::sync::SqliteReplica& s, const char* table, const std::string& id, const char* field) {
        auto r = s.get(table, id);
        REQUIRE(r.ok());
        return (*r)[field];
    };
    auto check_erased = [&](fika::sync::SqliteReplica& s) {
        CHECK(value(s, "contacts", eva, "name") == Value{std::string("[erased]")});
        CHECK(is_null(value(s, "contacts", eva, "email")));
        CHECK(is_null(value(s, "contacts", eva, "phone")));
        CHECK(value(s, "contacts", eva, "erased") == Value{std::int64_t{1}});
        CHECK(value(s, "contacts", eva, "deleted") == Value{std::int64_t{1}});
        CHECK(is_null(value(s, "activities", talk, "note")));
        CHECK(value(s, "activities", talk, "type") == Value{std::string("conversation")});  // the numbers stay
        CHECK(value(s, "notes", note, "body") == Value{std::string("[erased]")});
        CHECK(value(s, "follow_ups", todo, "summary") == Value{std::string("[erased]")});
        CHECK(value(s, "contact_plans", plan, "deleted") == Value{std::int64_t{1}});
        // What is not about her stays.
        CHECK(value(s, "cases", cs, "title") == Value{std::string("Warehouse platform")});
        CHECK(value(s, "contacts", other, "name") == Value{std::string("Ola Berg")});
        CHECK(value(s, "notes", olas, "body") == Value{std::string("Ola likes tea")});
    };
    check_erased(*w.a);
    // Nothing local brings her back.
    CHECK(w.a->update("contacts", eva, {{"name", text("Eva Lind")}}).code() == Code::Forbidden);
    CHECK(w.a->restore("contacts", eva).code() == Code::Forbidden);
    CHECK(w.a->update("contacts", other, {{"erased", std::int64_t{1}}}).code() == Code::Forbidden);

    fika::test::sync_once(*w.a, *w.hub);
    check_erased(*w.hub);
    // B's later edit is refused by the hub; B learns of the erasure and keeps nothing of
    // her: no refused entry, no conflict, the cleared values.
    auto b_push = w.b->pending();
    REQUIRE(b_push.ok());
    auto res = w.hub->apply(b_push->changes, {});
    REQUIRE(res.ok());
    REQUIRE(res->refused.size() == 1);
    CHECK(res->refused[0].error.code == Code::Forbidden);
    CHECK_THAT(res->refused[0].error.message, Catch::Contains("erased"));
    REQUIRE(w.b->ack(b_push->upto, res->refused).ok());
    fika::test::pull_all(*w.b, *w.hub);
    check_erased(*w.b);
    CHECK(w.b->refused()->empty());
    CHECK(w.b->conflicts(true)->empty());
    CHECK(fika::test::dump(*w.a) == fika::test::dump(*w.hub));
    CHECK(fika::test::dump(*w.b) == fika::test::dump(*w.hub));
    // A replay of the erasure is harmless; a hand-made "unerase" is refused.
    auto again = w.hub->apply(erased_replay(*w.a, eva), {});
    REQUIRE(again.ok());
    CHECK(again->refused.empty());
    const TableDef* contacts = w.hub->schema().table("contacts");
    RecordChange back{contacts, eva, {{contacts->field_index("erased"), std::int64_t{0}, {w.hub->hlc_last() + 10, w.b->site()}, {}, 0},
                                      {contacts->field_index("name"), text("Eva Lind"), {w.hub->hlc_last() + 10, w.b->site()}, {}, 0}}};
    auto unerase = w.hub->apply({back}, {});
    REQUIRE(unerase.ok());
    CHECK(unerase->refused.size() == 1);
    check_erased(*w.hub);
}

TEST_CASE("a schema-1 database opens as schema 2 - keeps its data - and can erase a person") {
    TempDir dir;
    FakeWall wall;
    std::string path = dir.file("old.db");
    Schema s1(schema_at(1), 1);
    std::string acct, eva;
    {
        OpenOptions o;
        o.schema = &s1;
        o.wall = wall.fn();
        auto s = Store::open(path, o);
        REQUIRE(s.ok());
        acct = *(*s)->create("accounts", {{"name", text("Acme")}});
        eva = *(*s)->create("contacts", {{"account_id", text(acct)}, {"name", text("Eva")}});
    }
    auto s = open_store(path, Role::Device, wall, 5);
    auto r = s->get("contacts", eva);
    REQUIRE(r.ok());
    CHECK(std::get<std::string>((*r)["name"]) == "Eva");
    CHECK(is_null((*r)["erased"]));  // never erased
    REQUIRE(s->update("contacts", eva, {{"phone", text("+46 1")}}).ok());
    REQUIRE(s->erase_person(eva).ok());
    CHECK((*s->get("contacts", eva))["erased"] == Value{std::int64_t{1}});
    CHECK(s->schema().version() == kSchemaVersion);
}

TEST_CASE("a device whose clock ran a year ahead recovers once its date is right - nothing lost") {
    World w;  // hub and b use w.wall; a gets a wall clock of its own
    FakeWall a_wall;
    a_wall.ms = w.wall.ms;
    w.a.reset();
    w.a = open_store(w.dir.file("a2.db"), Role::Device, a_wall, 12);
    std::string acct = new_account(*w.a, "Acme");
    fika::test::sync_once(*w.a, *w.hub);
    fika::test::sync_once(*w.b, *w.hub);

    // A writes a case offline with the right date; then A's date jumps a year ahead and
    // A changes that case too (the hub refuses the whole record, older cells included).
    auto early = w.a->create("cases", {{"account_id", text(acct)}, {"title", text("Written on time")}});
    REQUIRE(early.ok());
    a_wall.ms += 365ull * 86'400'000;
    REQUIRE(w.a->update("cases", *early, {{"value", std::int64_t{5000}}}).ok());
    REQUIRE(w.a->update("accounts", acct, {{"industry", text("Retail")}}).ok());
    auto cs = w.a->create("cases", {{"account_id", text(acct)}, {"title", text("Written in the wrong year")}});
    REQUIRE(cs.ok());
    // The hub refuses it all: made in the future.
    auto batch = w.a->pending();
    auto res = w.hub->apply(batch->changes, {});
    REQUIRE(res.ok());
    CHECK(res->refused.size() == 3);
    for (auto& f : res->refused) CHECK(f.error.code == Code::ClockAhead);
    REQUIRE(w.a->ack(batch->upto, res->refused).ok());
    CHECK(w.a->refused()->size() == 3);
    // While the date is still wrong, rewinding to the hub's clock changes nothing that
    // matters: the wall clock itself is ahead.
    CHECK(*w.a->rewind_clock(w.hub->hlc_last()) == 0);

    // The date is put right. A second connection to A's file (the app's UI) is open.
    a_wall.ms = w.wall.ms + 1000;
    OpenOptions o;
    o.wall = a_wall.fn();
    o.seed = 13;
    auto ui = Store::open(w.dir.file("a2.db"), o);
    REQUIRE(ui.ok());
    auto n = w.a->rewind_clock(hlc_from_ms(w.wall.ms));
    REQUIRE(n.ok());
    CHECK(*n == 3);  // the account's industry and both cases, the early one whole
    CHECK(w.a->refused()->empty());
    CHECK(hlc_ms(w.a->hlc_last()) < a_wall.ms + 60'000);
    fika::test::sync_once(*w.a, *w.hub);
    fika::test::sync_once(*w.b, *w.hub);
    CHECK(w.a->refused()->empty());
    CHECK(std::get<std::string>((*w.b->get("accounts", acct))["industry"]) == "Retail");
    CHECK(w.b->get("cases", *cs).ok());
    auto got = w.b->get("cases", *early);
    REQUIRE(got.ok());
    CHECK(std::get<std::string>((*got)["title"]) == "Written on time");
    CHECK((*got)["value"] == Value{std::int64_t{5000}});
    // B's later edit wins, as it should now that A's clock is right again.
    w.wall.ms += 5000;
    a_wall.ms += 5000;
    REQUIRE(w.b->update("accounts", acct, {{"industry", text("Logistics")}}).ok());
    fika::test::sync_once(*w.b, *w.hub);
    fika::test::sync_once(*w.a, *w.hub);
    CHECK(std::get<std::string>((*w.a->get("accounts", acct))["industry"]) == "Logistics");
    // The UI connection writes with the corrected clock too, and is accepted.
    REQUIRE((*ui)->update("accounts", acct, {{"policy", text("inbound-only")}}).ok());
    auto more = (*ui)->pending();
    auto res2 = w.hub->apply(more->changes, {});
    REQUIRE(res2.ok());
    CHECK(res2->refused.empty());
    REQUIRE((*ui)->ack(more->upto, res2->refused).ok());
    fika::test::sync_once(*w.a, *w.hub);
    fika::test::sync_once(*w.b, *w.hub);
    CHECK(fika::test::dump(*w.a) == fika::test::dump(*w.hub));
    CHECK(fika::test::dump(*w.b) == fika::test::dump(*w.hub));
    CHECK(fika::test::dump(*w.a, true) == fika::test::dump(*w.hub, true));
}

// Issue 18: a hub restored from a backup lacks what devices synced after it. A device that
// notices (another incarnation) sends everything it holds again - every written cell,
// its own and others', with the clocks they have - and downloads from the start.
TEST_CASE("after a hub restore a device sends everything again - others' cells too - and downloads from the start") {
    World w;
    std::string acct = new_account(*w.a);
    fika::test::sync_once(*w.a, *w.hub);
    std::string backup = w.dir.file("backup.db");
    {
        // The hub as it was: a copy of its file (the backup).
        Db raw(w.dir.file("hub.db"), false);
        auto copy = raw.prepare("VACUUM INTO ?");
        copy.bind(1, backup).run();
    }
    // After the backup: B adds a case, A edits; both reach the (old) hub and each other.
    fika::test::sync_once(*w.b, *w.hub);
    auto cs = w.b->create("cases", {{"account_id", text(acct)}, {"title", text("B's case")}});
    REQUIRE(cs.ok());
    REQUIRE(w.a->update("accounts", acct, {{"industry", text("Retail")}}).ok());
    fika::test::sync_once(*w.b, *w.hub);
    fika::test::sync_once(*w.a, *w.hub);
    fika::test::sync_once(*w.b, *w.hub);
    REQUIRE(w.a->get("cases", *cs).ok());
    // A's own unsent write, made before it notices.
    auto mine = w.a->create("notes", {{"account_id", text(acct)}, {"body", text("unsent")}});
    REQUIRE(mine.ok());

    w.hub.reset();
    auto restored = fika::test::open_hub(backup, w.wall, 9);
    auto inc = restored->new_incarnation();
    REQUIRE(inc.ok());
    CHECK(*inc != 0);
    CHECK(restored->incarnation() == *inc);
    CHECK(!restored->get("cases", *cs).ok());

    auto queued = w.a->begin_resend(*inc);
    REQUIRE(queued.ok());
    CHECK(*queued == 3);  // the account, B's case, A's note
    CHECK(w.a->synced_hub() == *inc);
    for (auto& [bucket, c] : *w.a->cursors()) CHECK(c.at == 0);
    // The unsent write goes first, as itself; then the resent batch carries B's cells too.
    auto first = w.a->pending(1);
    REQUIRE(first.ok());
    CHECK(!first->resent);
    REQUIRE(first->changes.size() == 1);
    CHECK(first->changes[0].id == *mine);
    auto rest = w.a->pending(100, first->upto);
    REQUIRE(rest.ok());
    CHECK(rest->resent);
    bool carries_b = false;
    for (const RecordChange& rc : rest->changes)
        for (const CellChange& c : rc.cells) carries_b = carries_b || c.clock.site == w.b->site();
    CHECK(carries_b);
    // A refusal of a resent record with no words of A's is not kept (B's devices restore it).
    Authorize no_cases = [&](const std::string&, const RecordChange& rc, bool) -> std::optional<Error> {
        if (rc.table->name == "cases") return Error{Code::Forbidden, "not for you"};
        return std::nullopt;
    };
    fika::test::push_all(*w.a, *restored, no_cases);
    CHECK(w.a->refused()->empty());
    fika::test::push_all(*w.a, *restored);  // nothing left: the range is done
    CHECK(w.a->pending_count() == 0);
    CHECK(restored->get("notes", *mine).ok());
    CHECK(std::get<std::string>((*restored->get("accounts", acct))["industry"]) == "Retail");
    // B resends too (its own case); both download from the start and hold the same.
    REQUIRE(w.b->begin_resend(*inc).ok());
    fika::test::sync_once(*w.b, *restored);
    fika::test::sync_once(*w.a, *restored);
    CHECK(restored->get("cases", *cs).ok());
    CHECK(fika::test::dump(*w.a, true) == fika::test::dump(*w.b, true));
    CHECK(fika::test::dump(*w.a, true) == fika::test::dump(*restored, true));
}

TEST_CASE("the hub reports per bucket what a push wrote - from which seq to which - and whether it all came as pushed") {
    TempDir dir;
    FakeWall wall;
    auto hub = open_hub(dir.file("hub.db"), wall, 1);
    auto other = open_hub(dir.file("hub.db"), wall, 2);  // an admin command's connection
    auto a = open_store(dir.file("a.db"), Role::Device, wall, 3);
    auto b = open_store(dir.file("b.db"), Role::Device, wall, 4);
    fika::test::check_runs(*hub, *other, *a, *b, wall);
}

TEST_CASE("a batch of records far apart, new ones and one named twice merges as one change at a time would") {
    World w;
    std::string acct = new_account(*w.a);
    std::vector<std::string> ids;
    {
        Store::Batch batch(*w.a);
        for (int i = 0; i < 40; ++i)
            ids.push_back(*w.a->create("cases", {{"account_id", text(acct)}, {"title", text("Case " + std::to_string(i))}}));
        REQUIRE(batch.commit().ok());
    }
    auto initial = w.a->pending();
    REQUIRE(initial.ok());
    auto other = open_hub(w.dir.file("other.db"), w.wall, 1);
    REQUIRE(w.hub->apply(initial->changes, {}).ok());
    REQUIRE(other->apply(initial->changes, {}).ok());
    REQUIRE(w.a->ack(initial->upto, {}).ok());

    // Edits of records far apart (the outbox is read along the id index, past records
    // not asked for), then a new case, then that case renamed: the batch names it twice.
    w.wall.ms += 1000;
    {
        Store::Batch batch(*w.a);
        for (int i : {3, 4, 17, 38})
            REQUIRE(w.a->update("cases", ids[static_cast<std::size_t>(i)], {{"title", text("Edited " + std::to_string(i))}}).ok());
        REQUIRE(batch.commit().ok());
    }
    std::string fresh = *w.a->create("cases", {{"account_id", text(acct)}, {"title", text("Fresh")}});
    auto first = w.a->pending();
    REQUIRE(first.ok());
    REQUIRE(first->changes.size() == 5);
    std::vector<std::string> order;
    for (const RecordChange& c : first->changes) order.push_back(c.id);
    CHECK(order == std::vector<std::string>{ids[3], ids[4], ids[17], ids[38], fresh});  // as written
    CHECK(std::get<std::string>(first->changes[2].cells.at(0).value) == "Edited 17");
    REQUIRE(w.a->update("cases", fresh, {{"title", text("Fresh, renamed")}}).ok());
    auto second = w.a->pending(1000, first->upto);
    REQUIRE(second->changes.size() == 1);
    std::vector<RecordChange> batch = first->changes;
    batch.push_back(second->changes[0]);

    // The hub: one apply of the whole batch against one apply per change.
    auto together = w.hub->apply(batch, {});
    REQUIRE(together.ok());
    CHECK(together->refused.empty());
    CHECK(together->created.size() == 1);
    for (const RecordChange& c : batch) REQUIRE(other->apply({c}, {}).ok());
    CHECK(std::get<std::string>((*w.hub->get("cases", fresh))["title"]) == "Fresh, renamed");
    CHECK(fika::test::dump(*w.hub, true) == fika::test::dump(*other, true));
    CHECK(w.hub->feed(acct, {}, 1000)->checksum == other->feed(acct, {}, 1000)->checksum);

    // A device: the same changes as one page against one change at a time.
    std::vector<RecordChange> all = initial->changes;
    all.insert(all.end(), batch.begin(), batch.end());
    auto one = open_store(w.dir.file("one.db"), Role::Device, w.wall, 4);
    auto each = open_store(w.dir.file("each.db"), Role::Device, w.wall, 5);
    REQUIRE(one->apply(all).ok());
    for (const RecordChange& c : all) REQUIRE(each->apply({c}).ok());
    CHECK(std::get<std::string>((*one->get("cases", fresh))["title"]) == "Fresh, renamed");
    CHECK(std::get<std::string>((*one->get("cases", ids[38]))["title"]) == "Edited 38");
    CHECK(fika::test::dump(*one, true) == fika::test::dump(*each, true));
    CHECK(fika::test::dump(*one) == fika::test::dump(*w.hub));
}
