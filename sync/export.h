// Records as JSON for people and other programs: one record, and everything held about
// a person (a GDPR access request). Used by fika-cli, the app and fika-server alike.
#pragma once

#include <cstdint>
#include <string>

#include "hub_store.h"
#include "sqlite_replica.h"

namespace fika::sync {

// A time (seconds since 1970) in UTC with a strftime format, e.g. "%Y-%m-%d".
std::string utc_text(std::int64_t seconds, const char* format);

// One line of a replica's canonical dump (tests compare replicas with it): table, id, and
// per field its kind and value, and with `with_clocks` the cell's clock.
std::string dump_line(const Record& r, bool with_clocks);

// The record as a JSON object: id, then every field by name (booleans as true/false,
// NULL as null).
std::string record_json(const Record& r);

// Everything this replica holds about a person (a contact), as one JSON document:
//   {"export": "fika person", "exported_at": "…Z", "person": {…}, "account": {"id", "name"},
//    "cases": […], "activities": […], "notes": […], "follow_ups": […], "contact_plans": […]}
// Deleted records are included (marked "deleted": true). Errors: NotFound, Storage.
Result<std::string> person_export(SqliteReplica& store, const std::string& contact_id);
Result<std::string> person_export(HubStore& hub, const std::string& contact_id);

}  // namespace fika::sync
