// The merge rules, as pure functions: given a stored record (its values and cell clocks)
// and an incoming change of it, which cells are taken, which local values are lost to a
// concurrent write, what erasure does, and what the hub refuses. No SQL, no clock of its
// own, no I/O: every storage (the device's SQLite file, the hub's SQLite file, the hub
// on PostgreSQL) loads the record, calls these, and stores what they return - so the
// rules the convergence test proves are written once.
//
// Rules (docs/ARCHITECTURE.md, "The merge"):
// - A remote cell replaces the stored one when its clock (hlc, site) is greater (LWW per
//   cell).
// - Conflict (device only): when the replaced cell was written by this device, the remote
//   cell's base (the clock its writer had seen) is not that cell's clock, and the values
//   differ, the local value is kept aside for the user to review.
// - Erasure is a join: the `erased` field is the OR of every write and its clock the
//   newest; an erased record holds the erased values of its personal fields whatever
//   clocks its cells have. A device takes every cell of an erased record from the hub.
// - The hub refuses a change with a clock too far ahead of its own (clock_ahead), a
//   change of a field fixed at creation, anything new for an erased record, and a new
//   record with no bucket; a change with nothing newer than what it holds is a replay.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cellclocks.h"
#include "error.h"
#include "schema.h"
#include "value.h"

namespace fika::sync {

struct RecordChange;

namespace merge {

// A record as stored: one value and one cell per field of its table.
struct Stored {
    std::vector<Value>& values;
    CellClocks& clocks;
};

// A cell the merge took: its clock before (zero: never written) and after (what a bucket
// checksum moves by). Its new value is in the record.
struct Taken {
    int field = 0;
    Clock before, after;
};

// A value of this device's that lost to a concurrent remote write (device only).
struct Lost {
    int field = 0;
    Value local, remote;
    Clock local_clock, remote_clock;
};

struct Outcome {
    std::vector<Taken> taken;   // one per field, in the change's order
    std::vector<Lost> lost;     // device only
    bool erased_now = false;    // the record was not erased before and is now
    bool erased = false;        // the record is erased after the merge
};

// What the hub does with an incoming change of a record it holds (`exists`) or not.
enum class Verdict { Take, Replay, Refuse };
struct Check {
    Verdict verdict = Verdict::Take;
    Error error;  // Refuse: why
};

// The hub's checks of one incoming record change, before anything is taken. `bucket`:
// the record's bucket (of the stored values, or of the change's for a new record);
// `now_ms`: the hub's wall clock; `max_drift_ms`: how far ahead a device's clock may be.
Check check_at_hub(const TableDef& t, const std::vector<Value>* stored_values, const CellClocks* stored_clocks,
                   const RecordChange& rc, std::string_view bucket, std::uint64_t now_ms,
                   std::uint64_t max_drift_ms);

// Merges `rc` into `r`, in place. `device`: the merging device's site (its conflicts are
// kept), or nullopt on the hub. A new record is a stored one with no cell written.
Outcome apply(const TableDef& t, Stored r, const RecordChange& rc, std::optional<Site> device);

// The message of a refusal to change an erased record.
std::string erased_message(const TableDef& t, const std::string& id);

}  // namespace merge
}  // namespace fika::sync
