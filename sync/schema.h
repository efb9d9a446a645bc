// The data model: every synced table, its fields, their types and rules.
//
// The schema is data, not hand-written DDL: migrations, validation, the codec and the
// merge all read it. Tables and fields carry the schema version that introduced them
// ("since"); migration N creates the tables and adds the columns whose since == N, so an
// old database is upgraded one version at a time and fields are only ever appended.
//
// Every table has `id TEXT PRIMARY KEY` (a UUIDv7 made by the creating replica), its fields
// in declaration order, and two engine columns: `_clocks` (the cell clocks, see
// cellclocks.h) and `_seq` (the hub's sequence number of the record's newest change;
// NULL on devices). `deleted` is an ordinary field, so delete merges like any edit.
//
// Buckets: a record's bucket is its account. An account is its own bucket; tables that
// are not about one customer (users, talking points, programmes) live in the bucket
// "global", which everyone reads and only sellers/admins write (server/ enforces who).
// The bucket is fixed at creation: the field that names it is immutable.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "error.h"
#include "value.h"

namespace fika::sync {

constexpr int kSchemaVersion = 3;
constexpr std::string_view kGlobalBucket = "global";

enum class FieldType {
    Text,      // UTF-8 text up to max_len bytes
    Integer,   // 64-bit integer in [min, max]
    Real,      // finite double
    Bool,      // 0 or 1 (JSON true/false on the wire)
    Date,      // "YYYY-MM-DD"
    DateTime,  // "YYYY-MM-DDTHH:MM:SSZ" or with milliseconds "…SS.mmmZ", UTC
    Enum,      // one of choices
    Ref,       // a record id (UUID text)
};
std::string_view type_name(FieldType t);

struct FieldDef {
    std::string name;
    FieldType type = FieldType::Text;
    bool required = false;    // must be non-NULL at creation and may not be cleared
    bool immutable = false;   // set at creation only
    std::size_t max_len = 0;  // Text: bytes
    std::int64_t min = INT64_MIN, max = INT64_MAX;  // Integer
    std::vector<std::string> choices;               // Enum
    Value fallback;  // value a create uses when the caller gives none
    int since = 1;
    // Personal data of the person a record is about: cleared when that person is erased
    // (GDPR). See erased_value().
    bool personal = false;
};

enum class BucketRule { Self, Field, Global };

struct TableDef {
    int id = 0;  // stable number used in the outbox; never reused
    std::string name;
    std::vector<FieldDef> fields;
    BucketRule bucket = BucketRule::Field;
    int bucket_field = -1;  // index of account_id when bucket == Field
    int deleted_field = -1;
    // Tables that hold personal data have `erased` (schema 2): once true, the personal
    // fields hold erased_value() on every replica whatever their clocks, and the record
    // takes no further changes.
    int erased_field = -1;
    int since = 1;

    bool erased(const std::vector<Value>& values) const;

    int field_index(std::string_view name) const;
    const FieldDef* field(std::string_view name) const;
};

class Schema {
public:
    // The one schema of this build.
    static const Schema& current();

    std::span<const TableDef> tables() const { return tables_; }
    const TableDef* table(std::string_view name) const;
    const TableDef* table_by_id(int id) const;
    int version() const { return version_; }

    // For tests of migrations: the schema as it was at an older version.
    explicit Schema(std::vector<TableDef> tables, int version);

private:
    std::vector<TableDef> tables_;
    int version_;
};

// Checks one value against its field's type and limits. Returns Invalid or TooLarge
// with a message naming table and field.
Status validate_value(const TableDef& table, const FieldDef& field, const Value& value);

// What a personal field holds once its person is erased: "[erased]" where a value is
// required, nothing otherwise.
Value erased_value(const FieldDef& field);

// Stage names and the probability each stage defaults to (product.md).
std::optional<int> default_probability(std::string_view stage);

// Hard limits that apply to every value whatever its field's own limit.
constexpr std::size_t kMaxTextBytes = 1 << 20;  // 1 MiB of text in one cell

}  // namespace fika::sync
