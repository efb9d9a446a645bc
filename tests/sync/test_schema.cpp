#include <catch2/catch.hpp>

#include "schema.h"

using namespace fika::sync;

namespace {
Code check(std::string_view table, std::string_view field, Value v) {
    const TableDef* t = Schema::current().table(table);
    REQUIRE(t);
    const FieldDef* f = t->field(field);
    REQUIRE(f);
    return validate_value(*t, *f, v).code();
}
}  // namespace

TEST_CASE("the model has every entity of product.md - each with a bucket rule and deleted") {
    for (auto name : {"accounts", "contacts", "cases", "stage_changes", "activities", "notes",
                      "follow_ups", "contact_plans", "programmes", "talking_points", "users"}) {
        const TableDef* t = Schema::current().table(name);
        INFO(name);
        REQUIRE(t);
        CHECK(t->deleted_field >= 0);
        if (t->bucket == BucketRule::Field) CHECK(t->fields[t->bucket_field].immutable);
        CHECK(t->fields.size() <= 63);  // the outbox mask is 64 bits
    }
}

TEST_CASE("values are checked against their field's type and limits") {
    CHECK(check("cases", "title", text("Cloud migration")) == Code::Ok);
    CHECK(check("cases", "title", Value{}) == Code::Invalid);  // required
    CHECK(check("cases", "title", std::int64_t{5}) == Code::Invalid);
    CHECK(check("cases", "title", text(std::string(501, 'x'))) == Code::TooLarge);
    CHECK(check("cases", "title", text("\xff\xfe")) == Code::Invalid);  // not UTF-8
    CHECK(check("cases", "stage", text("offer")) == Code::Ok);
    CHECK(check("cases", "stage", text("maybe")) == Code::Invalid);
    CHECK(check("cases", "currency", text("USD")) == Code::Invalid);
    CHECK(check("cases", "probability", std::int64_t{101}) == Code::Invalid);
    CHECK(check("cases", "probability", std::int64_t{60}) == Code::Ok);
    CHECK(check("cases", "value", std::int64_t{-1}) == Code::Invalid);
    CHECK(check("cases", "follow_up", text("2026-02-29")) == Code::Invalid);
    CHECK(check("cases", "follow_up", text("2028-02-29")) == Code::Ok);
    CHECK(check("cases", "follow_up", text("2026-13-01")) == Code::Invalid);
    CHECK(check("cases", "contact_id", text("nope")) == Code::Invalid);
    CHECK(check("contacts", "met", std::int64_t{1}) == Code::Ok);
    CHECK(check("contacts", "met", std::int64_t{2}) == Code::Invalid);
    CHECK(check("stage_changes", "at", text("2026-11-24T08:00:00Z")) == Code::Ok);
    CHECK(check("stage_changes", "at", text("2026-11-24T08:00:00.123Z")) == Code::Ok);
    CHECK(check("stage_changes", "at", text("2026-11-24 08:00")) == Code::Invalid);
}

TEST_CASE("stages default their probability as product.md lists") {
    CHECK(default_probability("spotted") == 10);
    CHECK(default_probability("qualified") == 25);
    CHECK(default_probability("meeting") == 40);
    CHECK(default_probability("offer") == 60);
    CHECK(default_probability("negotiation") == 80);
    CHECK(default_probability("won") == 100);
    CHECK(default_probability("lost") == 0);
    CHECK(!default_probability("other"));
}
