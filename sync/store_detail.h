// Helpers the device replica's files share (not part of the engine's interface).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "record.h"

namespace fika::sync::detail {

inline nlohmann::json value_json(const Value& v) {
    switch (v.index()) {
        case 0: return nullptr;
        case 1: return std::get<1>(v);
        case 2: return std::get<2>(v);
        default: return std::get<3>(v);
    }
}

inline Value json_value(const nlohmann::json& j) {
    if (j.is_null()) return std::monostate{};
    if (j.is_boolean()) return std::int64_t{j.get<bool>() ? 1 : 0};
    if (j.is_number_integer()) return j.get<std::int64_t>();
    if (j.is_number()) return j.get<double>();
    if (j.is_string()) return j.get<std::string>();
    return std::monostate{};
}

// The values of a record's cells last written by `site`, as a JSON object by field name:
// what a refused change or a purged bucket keeps of this device's words.
inline std::string own_values_json(const Record& r, Site site) {
    nlohmann::json j = nlohmann::json::object();
    for (size_t i = 0; i < r.values.size(); ++i)
        if (r.clocks.cells[i].clock.site == site) j[r.table->fields[i].name] = value_json(r.values[i]);
    return j.dump();
}

// SQL: how many records the _outbox rows name (packed ids: 16 bytes each; rows written
// before ids were packed: one per line).
inline constexpr const char* kOutboxIdsSum =
    "ifnull(sum(CASE typeof(id) WHEN 'blob' THEN length(id)/16"
    " ELSE length(id)-length(replace(id,char(10),''))+1 END),0)";

// _meta's outbox_ids, "<count> <last> <floor>": the records the outbox names, counted at
// outbox position `last` and acknowledged floor `floor` (store.cpp). nullopt when malformed.
struct OutboxIds {
    std::uint64_t n = 0, last = 0, floor = 0;
};
std::optional<OutboxIds> parse_outbox_ids(std::string_view text);

// Appends a record id to an outbox row's ids, packed in 16 bytes (store_push.cpp).
// Invalid when `id` is not a record id.
void pack_id(std::string& out, std::string_view id);

}  // namespace fika::sync::detail
