// Attachments on a device (sync/store_content.cpp, sync/rules/attach.h): a file attached
// to a record is kept whole in the replica at once (offline), with its record and its
// place in the upload queue, or not at all; it is read back byte for byte; a content the
// device downloads is appended from where a cut download stopped; what no attachment
// names any more (a customer purged, a person erased) leaves the device, file bytes and
// all; and an encrypted replica holds none of a file's bytes in clear.
#include <catch2/catch.hpp>

#include <cstring>
#include <random>

#include "attach.h"
#include "content_hash.h"
#include "encrypted_vfs.h"
#include "store.h"
#include "synctest.h"
#include "testutil.h"

using namespace fika::sync;
using fika::test::FakeWall;
using fika::test::TempDir;

namespace {

// A file's bytes: random, with a marker a grep of the database file can look for.
std::string photo(std::size_t size, std::uint64_t seed, const std::string& marker = "WHITEBOARD-4711-MARKER") {
    std::mt19937_64 rng(seed);
    std::string s(size, '\0');
    for (auto& c : s) c = static_cast<char>(rng());
    for (std::size_t at = 0; at + marker.size() < size; at += 100000) s.replace(at, marker.size(), marker);
    return s;
}

// Reads `bytes` as a file would be read, `step` bytes at a time at most.
Store::ContentSource source(const std::string& bytes, std::size_t step = 1 << 30) {
    auto at = std::make_shared<std::size_t>(0);
    return [&bytes, at, step](char* buf, std::size_t cap) -> Result<std::size_t> {
        std::size_t n = std::min({cap, step, bytes.size() - *at});
        std::memcpy(buf, bytes.data() + *at, n);
        *at += n;
        return n;
    };
}

std::string held(Store& s, const std::string& hash) {
    std::string out;
    for (;;) {
        auto piece = s.read_content(hash, out.size(), 300000);
        REQUIRE(piece.ok());
        if (piece->empty()) return out;
        out += *piece;
    }
}

std::string sha(const std::string& bytes) {
    Sha256 h;
    h.update(bytes);
    return h.hex();
}

const fika::rules::Actor kAnna{"user-anna", 1760000000000};

}  // namespace

TEST_CASE("a photo attached to a case offline is kept whole at once - with its record and a place in the upload queue") {
    TempDir dir;
    FakeWall wall;
    auto s = fika::test::open_store(dir.file("a.db"), Role::Device, wall, 2);
    auto acct = s->create("accounts", {{"name", text("Acme")}});
    auto contact = s->create("contacts", {{"account_id", text(*acct)}, {"name", text("Eva")}});
    auto c = s->create("cases", {{"account_id", text(*acct)}, {"title", text("Data platform")}, {"contact_id", text(*contact)}});
    REQUIRE(c.ok());
    // Not a multiple of the part size, read in uneven pieces (as from a pipe).
    const std::string bytes = photo(3 * Store::kContentPart + 12345, 1);
    auto id = fika::rules::attach(*s, "case", *c, "/home/anna/Pictures/whiteboard.JPG", "", source(bytes, 70001),
                                  fika::rules::kDefaultAttachmentLimit, kAnna);
    REQUIRE(id.ok());
    auto r = s->get("attachments", *id);
    REQUIRE(r.ok());
    CHECK((*r)["name"] == text("whiteboard.JPG"));  // no folders
    CHECK((*r)["type"] == text("image/jpeg"));
    CHECK((*r)["size"] == Value{static_cast<std::int64_t>(bytes.size())});
    CHECK((*r)["sha256"] == text(sha(bytes)));
    CHECK((*r)["account_id"] == text(*acct));
    CHECK((*r)["contact_id"] == text(*contact));  // the case's person: erasing them erases it
    CHECK((*r)["record_kind"] == text("case"));
    CHECK((*r)["by_user"] == text("user-anna"));
    auto have = s->content_have(sha(bytes));
    REQUIRE(have.ok());
    REQUIRE(*have);
    CHECK((*have)->complete());
    CHECK(held(*s, sha(bytes)) == bytes);
    auto q = s->uploads();
    REQUIRE(q.ok());
    REQUIRE(q->size() == 1);
    CHECK((*q)[0].attachment_id == *id);
    CHECK((*q)[0].sent == 0);
    CHECK(s->pending_count() > 0);  // the record goes with the next sync

    // The same file on another record: a second attachment, the content kept once.
    auto again = fika::rules::attach(*s, "account", *acct, "whiteboard.jpg", "", source(bytes), fika::rules::kDefaultAttachmentLimit, kAnna);
    REQUIRE(again.ok());
    CHECK(held(*s, sha(bytes)) == bytes);
    CHECK(s->uploads()->size() == 2);
}

TEST_CASE("a file over the limit, a record in the trash or a kind that takes none are refused - nothing is stored") {
    TempDir dir;
    FakeWall wall;
    auto s = fika::test::open_store(dir.file("a.db"), Role::Device, wall, 2);
    auto acct = s->create("accounts", {{"name", text("Acme")}});
    const std::string bytes = photo(600000, 2);
    auto big = fika::rules::attach(*s, "account", *acct, "scan.pdf", "", source(bytes), 500000, kAnna);
    REQUIRE_FALSE(big.ok());
    CHECK(big.code() == Code::TooLarge);
    CHECK_THAT(big.error().message, Catch::Contains("limit"));
    CHECK(s->all("attachments")->empty());
    CHECK_FALSE(*s->content_have(sha(bytes)));
    CHECK(s->uploads()->empty());
    CHECK(held(*s, "~new").empty());  // nothing half written under its temporary name either
    auto prog = s->create("programmes", {{"name", text("Spring")}});
    auto none = fika::rules::attach(*s, "programme", *prog, "x.txt", "", source(bytes), 1 << 30, kAnna);
    CHECK(none.code() == Code::Invalid);
    REQUIRE(s->remove("accounts", *acct).ok());
    auto gone = fika::rules::attach(*s, "account", *acct, "x.txt", "", source(bytes), 1 << 30, kAnna);
    CHECK(gone.code() == Code::NotFound);
    auto unknown = fika::rules::attach(*s, "case", "0190a0a0-0000-7000-8000-000000000000", "x.txt", "", source(bytes), 1 << 30, kAnna);
    CHECK(unknown.code() == Code::NotFound);
    // A file that cannot be read to its end leaves nothing either.
    auto ok_acct = s->create("accounts", {{"name", text("Bolt")}});
    int calls = 0;
    auto failing = [&](char*, std::size_t cap) -> Result<std::size_t> {
        if (++calls > 2) return Error{Code::Storage, "the card was pulled out"};
        return cap;
    };
    auto cut = fika::rules::attach(*s, "account", *ok_acct, "x.jpg", "", failing, 1 << 30, kAnna);
    CHECK(cut.code() == Code::Storage);
    CHECK(s->all("attachments")->empty());
    CHECK(s->uploads()->empty());
}

// A full disk while a file is attached: SQLite refuses the pages (SQLITE_FULL, as from a
// full file system; here the file may not grow past max_page_count). The attaching fails
// with a clear error, keeps nothing of it, and what was saved before stays whole.
TEST_CASE("a disk that fills while a file is attached keeps nothing of it and loses nothing saved before") {
    TempDir dir;
    FakeWall wall;
    auto s = fika::test::open_store(dir.file("a.db"), Role::Device, wall, 2);
    auto acct = s->create("accounts", {{"name", text("Acme")}});
    const std::string small = photo(200000, 5, "SMALL-ONE");
    auto first = fika::rules::attach(*s, "account", *acct, "card.jpg", "", source(small), fika::rules::kDefaultAttachmentLimit, kAnna);
    REQUIRE(first.ok());
    Stmt pages = s->read("PRAGMA page_count");
    REQUIRE(pages.step());
    const std::int64_t now = pages.integer(0);
    pages = Stmt();
    Stmt cap = s->read("PRAGMA max_page_count=" + std::to_string(now + 64));  // ~256 kB more at most
    REQUIRE(cap.step());
    cap = Stmt();
    const std::string big = photo(3'000'000, 6, "BIG-ONE");
    auto second = fika::rules::attach(*s, "account", *acct, "site.jpg", "", source(big), fika::rules::kDefaultAttachmentLimit, kAnna);
    REQUIRE_FALSE(second.ok());
    INFO(second.error().message);
    CHECK(second.code() == Code::Storage);
    CHECK_THAT(second.error().message, Catch::Contains("full"));
    CHECK(s->all("attachments")->size() == 1);
    CHECK_FALSE(*s->content_have(sha(big)));
    CHECK(s->uploads()->size() == 1);
    CHECK(held(*s, sha(small)) == small);
    // Room again: the same file goes in.
    Stmt room = s->read("PRAGMA max_page_count=1073741823");
    REQUIRE(room.step());
    room = Stmt();
    auto again = fika::rules::attach(*s, "account", *acct, "site.jpg", "", source(big), fika::rules::kDefaultAttachmentLimit, kAnna);
    REQUIRE(again.ok());
    CHECK(held(*s, sha(big)) == big);
}

TEST_CASE("a download cut anywhere goes on from the byte it reached - the content is whole and the same") {
    TempDir dir;
    FakeWall wall;
    auto s = fika::test::open_store(dir.file("b.db"), Role::Device, wall, 3);
    const std::string bytes = photo(2 * Store::kContentPart + 777, 4);
    const std::string h = sha(bytes);
    std::mt19937_64 rng(fika::test::test_seed("attachment download cuts"));
    std::size_t at = 0;
    while (at < bytes.size()) {
        std::size_t n = std::min<std::size_t>(bytes.size() - at, 1 + rng() % 200000);
        REQUIRE(s->append_content(h, bytes.size(), at, std::string_view(bytes).substr(at, n)).ok());
        at += n;
        CHECK((*s->content_have(h))->have == at);
    }
    CHECK((*s->content_have(h))->complete());
    CHECK(held(*s, h) == bytes);
    // Bytes at the wrong place or past the end are refused, nothing changed.
    auto wrong = s->append_content(h, bytes.size(), 5, "xyz");
    CHECK(wrong.code() == Code::Invalid);
    auto more = s->append_content(h, bytes.size(), bytes.size(), "xyz");
    CHECK(more.code() == Code::TooLarge);
    CHECK(held(*s, h) == bytes);
    // Reads from any offset.
    CHECK(*s->read_content(h, Store::kContentPart - 3, 10) == bytes.substr(Store::kContentPart - 3, 10));
}

TEST_CASE("a customer no longer shared takes its files off the device - an erased person's files go too - the trash keeps its own") {
    TempDir dir;
    FakeWall wall;
    auto hub = fika::test::open_hub(dir.file("hub.db"), wall, 1);
    auto a = fika::test::open_store(dir.file("a.db"), Role::Device, wall, 2);
    auto acct = a->create("accounts", {{"name", text("Acme")}});
    auto other = a->create("accounts", {{"name", text("Bolt")}});
    auto eva = a->create("contacts", {{"account_id", text(*other)}, {"name", text("Eva")}});
    const std::string kept = photo(300000, 5, "KEPT-IN-TRASH-MARKER"), card = photo(200000, 6, "EVA-CARD-MARKER"),
                      board = photo(250000, 7, "ACME-BOARD-MARKER");
    auto limit = fika::rules::kDefaultAttachmentLimit;
    auto in_trash = fika::rules::attach(*a, "account", *other, "kept.jpg", "", source(kept), limit, kAnna);
    auto eva_card = fika::rules::attach(*a, "contact", *eva, "card.jpg", "", source(card), limit, kAnna);
    auto acme_board = fika::rules::attach(*a, "account", *acct, "board.jpg", "", source(board), limit, kAnna);
    REQUIRE((in_trash.ok() && eva_card.ok() && acme_board.ok()));
    REQUIRE(a->remove("attachments", *in_trash).ok());  // the trash: restorable, its content kept
    fika::test::sync_once(*a, *hub);
    for (auto* id : {&*in_trash, &*eva_card, &*acme_board}) REQUIRE(a->upload_done(*id).ok());
    CHECK(a->drop_unused_content().value() == 0);
    CHECK(held(*a, sha(kept)) == kept);

    // Eva is erased (on the device, as the app and fika-cli do it).
    REQUIRE(a->erase_person(*eva).ok());
    CHECK(a->drop_unused_content().value() == card.size());
    CHECK_FALSE(*a->content_have(sha(card)));
    CHECK(held(*a, sha(kept)) == kept);
    // Acme is no longer shared with this device.
    REQUIRE(a->purge_bucket(*acct).ok());
    CHECK_FALSE(*a->content_have(sha(board)));
    CHECK(held(*a, sha(kept)) == kept);
    // Closed first: this process reads the files (a descriptor of its own closed on a file
    // it holds a connection to would drop that connection's locks).
    a.reset();
    hub.reset();
    // Gone from the file itself (secure delete), read as another program would.
    const std::string all = fika::test::bytes_under(dir.path());  // the hub's file never had any
    CHECK(all.find("EVA-CARD-MARKER") == std::string::npos);
    CHECK(all.find("ACME-BOARD-MARKER") == std::string::npos);
    CHECK(fika::test::file_bytes(dir.file("a.db")).find("ACME-BOARD-MARKER") == std::string::npos);
    CHECK(fika::test::file_bytes(dir.file("a.db")).find("EVA-CARD-MARKER") == std::string::npos);
    CHECK(fika::test::file_bytes(dir.file("a.db")).find("KEPT-IN-TRASH-MARKER") != std::string::npos);
}

TEST_CASE("an encrypted device database holds none of an attached file's bytes in clear") {
    TempDir dir;
    const std::string path = dir.file("enc.db");
    crypt::Key k{};
    k.fill(9);
    crypt::use_key(path, k);
    {
        auto s = Store::open(path);
        REQUIRE(s.ok());
        auto acct = (*s)->create("accounts", {{"name", text("Acme")}});
        const std::string bytes = photo(500000, 8, "ORG-CHART-SECRET-MARKER");
        REQUIRE(fika::rules::attach(**s, "account", *acct, "org chart.png", "", source(bytes), 1 << 30, kAnna).ok());
        CHECK(held(**s, sha(bytes)) == bytes);
    }
    CHECK(fika::test::bytes_under(dir.path()).find("ORG-CHART-SECRET-MARKER") == std::string::npos);
    crypt::forget_key(path);
}
