#include <catch2/catch.hpp>

#include <functional>
#include <nlohmann/json.hpp>

#include "json_reader.h"
#include "protocol.h"
#include "testutil.h"

using namespace fika::sync;
using json = nlohmann::json;
using namespace std::string_view_literals;

namespace {

const Schema& S() { return Schema::current(); }
const std::string kId = "0192a4b0-1234-7abc-8def-0123456789ab";
const std::string kAcct = "0192a4b0-0000-7000-8000-000000000001";

RecordChange sample_change() {
    const TableDef* t = S().table("cases");
    RecordChange rc{t, kId, {}};
    Clock c1{hlc_from_ms(1'764'000'000'000) + 3, 0x00000000000000abULL};
    Clock c0{hlc_from_ms(1'763'000'000'000), 0x1234567890abcdefULL};
    rc.cells.push_back({t->field_index("account_id"), text(kAcct), c1, {}, 0});
    rc.cells.push_back({t->field_index("title"), text("Ny dataplattform – åäö"), c1, c0, 0});
    rc.cells.push_back({t->field_index("value"), std::int64_t{135000}, c1, {}, 0});
    rc.cells.push_back({t->field_index("deleted"), std::int64_t{0}, c1, {}, 0});
    rc.cells.push_back({t->field_index("contact_id"), Value{}, c0, {}, 0});
    return rc;
}

void same_change(const RecordChange& a, const RecordChange& b) {
    CHECK(a.table == b.table);
    CHECK(a.id == b.id);
    REQUIRE(a.cells.size() == b.cells.size());
    auto sorted = [](std::vector<CellChange> v) {
        std::sort(v.begin(), v.end(), [](auto& x, auto& y) { return x.field < y.field; });
        return v;
    };
    auto x = sorted(a.cells), y = sorted(b.cells);
    for (size_t i = 0; i < x.size(); ++i) {
        CHECK(x[i].field == y[i].field);
        CHECK(x[i].value == y[i].value);
        CHECK(x[i].clock == y[i].clock);
        CHECK(x[i].base == y[i].base);
    }
}

std::string valid_request() {
    SyncRequest r;
    r.site = 0xfeedULL;
    r.hlc = 77;
    r.has_push = true;
    r.push_upto = 9;
    r.push = {sample_change()};
    r.has_pull = true;
    r.cursors = {{kAcct, Cursor{3, 3}}, {"global", Cursor{1, 5}}};
    r.limit = 200;
    return encode_request(r);
}

}  // namespace

TEST_CASE("requests round-trip through the codec") {
    auto back = decode_request(valid_request(), S());
    REQUIRE(back.ok());
    CHECK(back->site == 0xfeedULL);
    CHECK(back->hlc == 77);
    CHECK(back->push_upto == 9);
    REQUIRE(back->push.size() == 1);
    same_change(back->push[0], sample_change());
    CHECK(back->cursors.at(kAcct) == Cursor{3, 3});
    CHECK(back->cursors.at("global") == Cursor{1, 5});
    CHECK(back->limit == 200);
    CHECK(back->push_follows == 0);
    // A push sent while the one before it is unanswered names that one.
    auto with = decode_request(valid_request(), S()).value();
    with.push_follows = 4;
    auto again = decode_request(encode_request(with), S());
    REQUIRE(again.ok());
    CHECK(again->push_follows == 4);
    CHECK(again->push_upto == 9);
    CHECK(!again->has_hub);
    CHECK(!again->push_resent);
    // The hub incarnation the device knows, and a push sent again after a restore.
    with.has_hub = true;
    with.hub = 0x0123456789abcdefULL;
    with.push_resent = true;
    auto hub = decode_request(encode_request(with), S());
    REQUIRE(hub.ok());
    CHECK(hub->has_hub);
    CHECK(hub->hub == 0x0123456789abcdefULL);
    CHECK(hub->push_resent);
    CHECK_THAT(encode_request(with), Catch::Contains("\"hub\":\"0123456789abcdef\""));
    // A device showing a download's progress asks the server to count; others do not.
    CHECK(!hub->count);
    CHECK_THAT(encode_request(with), !Catch::Contains("\"count\""));
    with.count = true;
    auto counted = decode_request(encode_request(with), S());
    REQUIRE(counted.ok());
    CHECK(counted->count);
    CHECK(decode_request(R"({"v":1,"schema":2,"site":"000000000000feed","hlc":1,"pull":{"cursors":{},"count":1}})", S()).code() ==
          Code::Invalid);
}

TEST_CASE("responses round-trip through the codec") {
    SyncResponse r;
    r.site = 42;
    r.hlc = 1000;
    r.push_upto = 9;
    r.refused.push_back({"cases", kId, Error{Code::Forbidden, "no access"}});
    BucketPage p;
    p.bucket = kAcct;
    p.from = 3;
    p.to = 10;
    p.more = true;
    p.checksum = 0xdeadbeefcafef00dULL;
    p.changes = {sample_change()};
    r.pages.push_back(p);
    r.purge = {"0192a4b0-0000-7000-8000-000000000002"};
    r.more = true;
    auto back = decode_response(encode_response(r), S());
    INFO((back.ok() ? "" : back.error().message));
    REQUIRE(back.ok());
    CHECK(back->refused.at(0).error.code == Code::Forbidden);
    CHECK(back->refused.at(0).error.message == "no access");
    REQUIRE(back->pages.size() == 1);
    CHECK(back->pages[0].checksum == 0xdeadbeefcafef00dULL);
    CHECK(back->pages[0].more);
    same_change(back->pages[0].changes.at(0), sample_change());
    CHECK(back->purge == r.purge);
    CHECK(back->more);
    CHECK(back->hub == 0);  // not said unless asked
    r.hub = 0xfeedfacecafebeefULL;
    auto with_hub = decode_response(encode_response(r), S());
    REQUIRE(with_hub.ok());
    CHECK(with_hub->hub == 0xfeedfacecafebeefULL);
    // What is still to come, when the device asked to count.
    CHECK(!with_hub->left);
    r.left = 12345;
    auto left = decode_response(encode_response(r), S());
    REQUIRE(left.ok());
    CHECK(left->left == std::optional<std::uint64_t>(12345));
}

TEST_CASE("booleans travel as JSON booleans") {
    std::string s = valid_request();
    CHECK(s.find("\"deleted\":[false") != std::string::npos);
}

TEST_CASE("every malformed request is a typed error that names the place") {
    json base = json::parse(valid_request());
    struct Case {
        const char* what;
        std::function<void(json&)> edit;
        Code code;
        const char* message;
    };
    std::vector<Case> cases = {
        {"unknown top-level field", [](json& j) { j["extra"] = 1; }, Code::Invalid, "unknown field 'extra'"},
        {"missing version", [](json& j) { j.erase("v"); }, Code::Invalid, "missing field 'v'"},
        {"future version", [](json& j) { j["v"] = 2; }, Code::Invalid, "not supported"},
        {"version as string", [](json& j) { j["v"] = "1"; }, Code::Invalid, "v: expected"},
        {"negative hlc", [](json& j) { j["hlc"] = -5; }, Code::Invalid, "hlc: must not be negative"},
        {"bad site", [](json& j) { j["site"] = "XYZ"; }, Code::Invalid, "site:"},
        {"unknown table", [](json& j) { j["push"]["changes"][0]["t"] = "widgets"; }, Code::Invalid, "unknown table 'widgets'"},
        {"unknown field", [](json& j) { j["push"]["changes"][0]["f"]["colour"] = json::array({"red", 1, 0}); }, Code::Invalid, "unknown field 'colour'"},
        {"wrong value type", [](json& j) { j["push"]["changes"][0]["f"]["value"][0] = "lots"; }, Code::Invalid, "push.changes[0].f.value[0]"},
        {"integer for boolean", [](json& j) { j["push"]["changes"][0]["f"]["deleted"][0] = 1; }, Code::Invalid, "deleted"},
        {"fraction for integer", [](json& j) { j["push"]["changes"][0]["f"]["value"][0] = 1.5; }, Code::Invalid, "value"},
        {"bad enum", [](json& j) { j["push"]["changes"][0]["f"]["stage"] = json::array({"maybe", 1, 0}); }, Code::Invalid, "not one of"},
        {"bad id", [](json& j) { j["push"]["changes"][0]["id"] = "123"; }, Code::Invalid, "push.changes[0].id"},
        {"clock index out of range", [](json& j) { j["push"]["changes"][0]["f"]["value"][1] = 7; }, Code::Invalid, "out of range"},
        {"zero clock index", [](json& j) { j["push"]["changes"][0]["f"]["value"][1] = 0; }, Code::Invalid, "needs a clock"},
        {"clock too large", [](json& j) { j["push"]["changes"][0]["k"][0][0] = 18446744073709551615ULL; }, Code::Invalid, "out of range"},
        {"zero clock", [](json& j) { j["push"]["changes"][0]["k"][0][0] = 0; }, Code::Invalid, "positive"},
        {"cell not an array", [](json& j) { j["push"]["changes"][0]["f"]["value"] = 5; }, Code::Invalid, "expected [value, clock, base]"},
        {"empty change", [](json& j) { j["push"]["changes"][0]["f"] = json::object(); }, Code::Invalid, "at least one field"},
        {"changes not an array", [](json& j) { j["push"]["changes"] = json::object(); }, Code::Invalid, "push.changes: expected an array"},
        {"oversized value", [](json& j) { j["push"]["changes"][0]["f"]["title"][0] = std::string(600, 'x'); }, Code::TooLarge, "title"},
        {"bad cursor bucket", [](json& j) { j["pull"]["cursors"]["nope"] = 1; }, Code::Invalid, "'nope' is not a bucket"},
        {"cursor since after at", [](json& j) { j["pull"]["cursors"]["global"] = json::array({9, 3}); }, Code::Invalid, "since is after at"},
        {"limit zero", [](json& j) { j["pull"]["limit"] = 0; }, Code::Invalid, "pull.limit"},
        {"limit huge", [](json& j) { j["pull"]["limit"] = 1000000; }, Code::Invalid, "pull.limit"},
        {"top level array", [](json& j) { j = json::array(); }, Code::Invalid, "expected an object"},
        {"follows not before upto", [](json& j) { j["push"]["follows"] = 9; }, Code::Invalid, "push.follows: must be before upto"},
        {"follows negative", [](json& j) { j["push"]["follows"] = -1; }, Code::Invalid, "push.follows"},
        {"invalid utf-8 in text", [](json& j) { j["push"]["changes"][0]["f"]["title"][0] = std::string("\xc3\x28"); }, Code::Invalid, ""},
    };
    for (auto& c : cases) {
        INFO(c.what);
        json j = base;
        c.edit(j);
        std::string text;
        try {
            text = j.dump();
        } catch (const json::exception&) {
            // nlohmann refuses to serialise invalid UTF-8: write the bytes by hand.
            text = base.dump();
            auto pos = text.find("Ny dataplattform");
            text.replace(pos, std::string("Ny dataplattform").size(), "\xc3\x28");
        }
        auto r = decode_request(text, S());
        REQUIRE(!r.ok());
        CHECK(r.code() == c.code);
        CHECK_THAT(r.error().message, Catch::Contains(c.message));
    }
}

TEST_CASE("malformed JSON and hostile nesting are refused without a crash") {
    for (std::string bad : {"", "{", "nul", "{\"v\":1,}", "[1,2", "\"str\"", "{\"v\":1}garbage"}) {
        auto r = decode_request(bad, S());
        CHECK(r.code() == Code::Invalid);
    }
    std::string deep(100000, '[');
    auto r = decode_request(deep, S());
    CHECK(r.code() == Code::Invalid);
    CHECK_THAT(r.error().message, Catch::Contains("nested too deeply"));
}

// A valid request and a valid response: the seeds the fuzz tests mutate.
std::vector<std::string> fuzz_seeds() {
    SyncResponse resp;
    resp.site = 1;
    BucketPage p;
    p.bucket = kAcct;
    p.changes = {sample_change()};
    resp.pages = {p};
    return {valid_request(), encode_response(resp)};
}

// One to four random edits: replace, erase or insert characters of `alphabet`, or
// duplicate a piece of the message.
std::string mutate(std::string m, Rng& rng, std::string_view alphabet) {
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !m.empty(); ++e) {
        size_t pos = rng() % m.size();
        switch (rng() % 4) {
            case 0: m[pos] = alphabet[rng() % alphabet.size()]; break;
            case 1: m.erase(pos, 1 + rng() % 8); break;
            case 2: m.insert(pos, 1, alphabet[rng() % alphabet.size()]); break;
            case 3: m.insert(pos, m.substr(rng() % m.size(), rng() % 40)); break;
        }
    }
    return m;
}

TEST_CASE("random mutations of valid messages never crash the decoders", "[fuzz]") {
    Rng rng(fika::test::test_seed("protocol mutation fuzz"));
    std::vector<std::string> seeds = fuzz_seeds();
    int accepted = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string m = mutate(seeds[rng() % 2], rng, "{}[]\",:0123456789-.eEtrufalsn\\ \xc3\xa5\x00"sv);
        auto a = decode_request(m, S());
        auto b = decode_response(m, S());
        accepted += a.ok() + b.ok();
        if (!a.ok()) REQUIRE(a.code() != Code::Ok);
    }
    INFO("accepted " << accepted);
    SUCCEED();
}

TEST_CASE("an older device is never sent fields newer than its schema") {
    std::vector<TableDef> tables(S().tables().begin(), S().tables().end());
    FieldDef region;
    region.name = "region";
    region.max_len = 50;
    region.since = 2;
    tables[0].fields.push_back(region);
    Schema v2(tables, 2);
    const TableDef* accounts = v2.table("accounts");
    Clock c{hlc_from_ms(1'764'000'000'000), 9};
    SyncResponse r;
    BucketPage p;
    p.bucket = kAcct;
    p.changes.push_back({accounts, kAcct, {{accounts->field_index("name"), text("Acme"), c, {}, 0},
                                           {accounts->field_index("region"), text("Nordics"), c, {}, 0}}});
    p.changes.push_back({accounts, kId, {{accounts->field_index("region"), text("Baltics"), c, {}, 0}}});
    r.pages.push_back(p);
    // To a schema-1 device: the region cells are left out, and a change of nothing else
    // is dropped; the result decodes under schema 1.
    auto old = decode_response(encode_response(r, 1), S());
    INFO((old.ok() ? "" : old.error().message));
    REQUIRE(old.ok());
    REQUIRE(old->pages[0].changes.size() == 1);
    CHECK(old->pages[0].changes[0].cells.size() == 1);
    // To a schema-2 device everything goes.
    auto cur = decode_response(encode_response(r, 2), v2);
    REQUIRE(cur.ok());
    CHECK(cur->pages[0].changes.size() == 2);
    // A schema-1 peer decoding a newer message refuses the unknown field, by name.
    auto refused = decode_response(encode_response(r, 2), S());
    CHECK(refused.code() == Code::Invalid);
    CHECK_THAT(refused.error().message, Catch::Contains("unknown field 'region'"));
}

TEST_CASE("text of every kind survives the wire exactly - escapes and all") {
    const TableDef* t = S().table("notes");
    const std::vector<std::string> texts = {
        "plain", "quote \" and backslash \\ and slash /", "tab\tnewline\nreturn\r", std::string("nul \0 inside", 12),
        "\x01\x1f control", "åäö ÆØÅ – “curly” 😀 𝄞", "", "\\u0041 is not an escape here"};
    for (const std::string& body : texts) {
        INFO(body);
        RecordChange rc{t, kId, {{t->field_index("body"), text(body), Clock{5, 7}, {}, 0}}};
        SyncRequest req;
        req.site = 7;
        req.hlc = 5;
        req.has_push = true;
        req.push_upto = 1;
        req.push = {rc};
        std::string wire = encode_request(req);
        REQUIRE(json::accept(wire));  // what we write is JSON any reader accepts
        auto back = decode_request(wire, S());
        INFO((back.ok() ? "" : back.error().message));
        REQUIRE(back.ok());
        CHECK(std::get<std::string>(back->push.at(0).cells.at(0).value) == body);
    }
    // Escapes another encoder may use, surrogate pairs included, read back as UTF-8.
    jsonr::Doc doc;
    std::string err;
    REQUIRE(doc.parse(R"(["\u00e5\ud83d\ude00\/\b\f", -0, 18446744073709551615, 18446744073709551616, -9223372036854775808, 1.5e3])", 16, 100, err));
    auto a = doc.root().first_child();
    CHECK(a.node().text == "å😀/\b\f");
    a = a.next_sibling();
    CHECK((a.kind() == jsonr::Kind::Int && a.node().i == 0));
    a = a.next_sibling();
    CHECK((a.kind() == jsonr::Kind::Uint && a.node().u == 18446744073709551615ULL));
    a = a.next_sibling();
    CHECK(a.kind() == jsonr::Kind::Real);  // beyond 64 bits
    a = a.next_sibling();
    CHECK((a.kind() == jsonr::Kind::Int && a.node().i == INT64_MIN));
    a = a.next_sibling();
    CHECK((a.kind() == jsonr::Kind::Real && a.node().d == 1500.0));
    for (const char* bad : {R"(["\ud83d"])", R"(["\ude00"])", R"(["\x"])", "[\"a\x01\"]", "[01]", "[1.]", "[.5]", "[1e]",
                            "[+1]", "[1e999]", "[tru]", "[nul]", "{\"a\" 1}", "{\"a\":1,}", "[1,]", "[\"\xc3\x28\"]"}) {
        INFO(bad);
        CHECK(!doc.parse(bad, 16, 100, err));
    }
    CHECK(!doc.parse("[1,2,3,4]", 16, 3, err));
    CHECK(doc.too_large());
}

TEST_CASE("a special byte anywhere in a long string is seen - quote, backslash, control, non-ASCII, bad UTF-8") {
    // The reader looks at eight bytes at a time: each kind of byte at every offset of such
    // a word (and at the ends), against nlohmann as the oracle.
    const std::vector<std::string> specials = {"\\\"", "\\\\", "\\n", "\\u00e5", "\x01", "\x1f", "\x7f",
                                               "\xc3\xa5", "\xe2\x80\x93", "\xf0\x9f\x98\x80", "\xff",
                                               "\xc3", "\x80", "\xed\xa0\x80", "\"", "\\"};
    jsonr::Doc doc;
    std::string err;
    int accepted = 0, refused = 0;
    for (const std::string& x : specials)
        for (std::size_t before = 0; before <= 17; ++before)
            for (std::size_t after : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{8}, std::size_t{9}}) {
                std::string text = "[\"" + std::string(before, 'a') + x + std::string(after, 'b') + "\"]";
                INFO(text);
                bool ours = doc.parse(text, 16, 100, err);
                bool theirs = json::accept(text);
                REQUIRE(ours == theirs);
                if (ours) {
                    CHECK(doc.root().first_child().node().text ==
                          json::parse(text)[0].get<std::string>());
                    ++accepted;
                } else {
                    ++refused;
                }
            }
    CHECK(accepted > 0);
    CHECK(refused > 0);
}

TEST_CASE("a string written with a special byte anywhere reads back exactly - the writer looks at eight bytes at a time too") {
    // Every kind of byte the writer escapes, and text past ASCII it must leave alone, at every
    // offset of an eight-byte word and at the ends, read back by nlohmann as the oracle.
    const TableDef* t = S().table("notes");
    const std::vector<std::string> specials = {"\"", "\\", "\n", "\t", std::string(1, '\0'), "\x01", "\x1f",
                                               "\x7f", " ", "\xc3\xa5", "\xe2\x80\x93", "\xf0\x9f\x98\x80"};
    int checked = 0;
    for (const std::string& x : specials)
        for (std::size_t before = 0; before <= 17; ++before)
            for (std::size_t after : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{8}, std::size_t{9}}) {
                const std::string body = std::string(before, 'a') + x + std::string(after, 'b') + x;
                INFO(before << " + " << x.size() << " + " << after);
                SyncRequest req;
                req.site = 7;
                req.hlc = 5;
                req.has_push = true;
                req.push_upto = 1;
                req.push = {RecordChange{t, kId, {{t->field_index("body"), text(body), Clock{5, 7}, {}, 0}}}};
                const std::string wire = encode_request(req);
                REQUIRE(json::accept(wire));
                auto back = decode_request(wire, S());
                REQUIRE(back.ok());
                CHECK(std::get<std::string>(back->push.at(0).cells.at(0).value) == body);
                std::function<bool(const json&)> holds = [&](const json& j) {
                    if (j.is_string()) return j.get<std::string>() == body;
                    if (!j.is_structured()) return false;
                    for (const json& e : j)
                        if (holds(e)) return true;
                    return false;
                };
                CHECK(holds(json::parse(wire)));  // and another reader agrees
                ++checked;
            }
    CHECK(checked == 12 * 18 * 5);
}

TEST_CASE("duplicate names are refused rather than one silently winning") {
    std::string wire = valid_request();
    auto dup_top = wire.substr(0, wire.size() - 1) + R"(,"hlc":1})";
    CHECK_THAT(decode_request(dup_top, S()).error().message, Catch::Contains("appears twice"));
    auto pos = wire.find("\"title\":");
    REQUIRE(pos != std::string::npos);
    auto end = wire.find(']', pos);
    std::string cell = wire.substr(pos, end + 1 - pos);
    std::string dup_field = wire;
    dup_field.insert(pos, cell + ",");
    auto r = decode_request(dup_field, S());
    CHECK(r.code() == Code::Invalid);
    CHECK_THAT(r.error().message, Catch::Contains("push.changes[0].f.title: the field appears twice"));
}

TEST_CASE("the reader accepts exactly the JSON that nlohmann accepts", "[fuzz]") {
    // A second, independent reader as the oracle, over random mutations of real messages.
    Rng rng(fika::test::test_seed("json reader differential"));
    std::vector<std::string> seeds = fuzz_seeds();
    seeds.push_back(R"(["\u00e5\n", -0.5e-3, {"a": [true, null]}])");
    int agreed = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string m = mutate(seeds[rng() % seeds.size()], rng, "{}[]\",:0123456789-+.eEtrufalsn\\/u \t\n\xc3\xa5\xff\x00"sv);
        jsonr::Doc doc;
        std::string err;
        bool ours = doc.parse(m, 64, 1'000'000, err);
        if (m.find('\0') != std::string::npos) {
            // nlohmann stops at a NUL byte as if the text ended there; a NUL is never valid
            // JSON (not whitespace, and a control character inside a string).
            INFO(m);
            CHECK(!ours);
            ++agreed;
            continue;
        }
        bool theirs = json::accept(m);
        if (ours != theirs && err.find("number out of range") != std::string::npos) continue;  // 1e999: nlohmann reads inf
        INFO(m);
        INFO(err);
        REQUIRE(ours == theirs);
        ++agreed;
    }
    CHECK(agreed > 19000);
}

TEST_CASE("one thread decodes message after message - a huge one - a bad one - a small one - each on its own") {
    // The decoder keeps its value array per thread between messages (page faults cost more
    // than the parse); nothing of one message may show in the next.
    const TableDef* t = S().table("notes");
    SyncRequest big;
    big.site = 7;
    big.hlc = 5;
    big.has_push = true;
    big.push_upto = 1;
    for (int i = 0; i < 20000; ++i) {  // ~400,000 values: more than a thread keeps
        char id[40];
        std::snprintf(id, sizeof id, "0192a4b0-1234-7abc-8def-%012d", i);
        big.push.push_back({t, id, {{t->field_index("body"), text("note \"" + std::to_string(i) + "\""), Clock{5, 7}, {}, 0},
                                    {t->field_index("account_id"), text(kAcct), Clock{5, 7}, {}, 0}}});
    }
    auto a = decode_request(encode_request(big), S());
    REQUIRE(a.ok());
    REQUIRE(a->push.size() == 20000);
    CHECK(std::get<std::string>(a->push[19999].cells[0].value) == "note \"19999\"");
    auto bad = decode_request(R"({"v":1,"schema":1,"site":"0000000000000007","hlc":5,"push":)", S());
    CHECK(!bad.ok());
    auto small = decode_request(valid_request(), S());
    REQUIRE(small.ok());
    REQUIRE(small->push.size() == 1);
    same_change(small->push[0], sample_change());
    CHECK(small->cursors.size() == 2);
    // The big one's decoded values are its own: still intact after the reader moved on.
    CHECK(std::get<std::string>(a->push[0].cells[0].value) == "note \"0\"");
}
