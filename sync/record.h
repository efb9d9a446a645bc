// The engine's vocabulary, shared by the device replica (store.h), the hub (hub_store.h)
// and the protocol (protocol.h): records, changes of them on their way between replicas,
// cursors and pages of a bucket's feed, and how a write reaches the disk.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cellclocks.h"
#include "error.h"
#include "hlc.h"
#include "schema.h"
#include "value.h"

namespace fika::sync {

enum class Role { Device, Hub };

// Fields given by name, as an API caller or the CLI writes them.
using Fields = std::vector<std::pair<std::string, Value>>;

// One cell of a change on its way between replicas.
struct CellChange {
    int field = 0;  // index into the table's fields
    Value value;
    Clock clock;
    Clock base;
    std::uint64_t seq = 0;  // hub only, not on the wire
};

// Some cells of one record.
struct RecordChange {
    const TableDef* table = nullptr;
    std::string id;
    std::vector<CellChange> cells;
};

struct Record {
    const TableDef* table = nullptr;
    std::string id;
    std::vector<Value> values;  // one per field
    CellClocks clocks;
    std::optional<std::uint64_t> seq;

    const Value& operator[](std::string_view field) const;
    bool deleted() const;
};

struct Refusal {
    std::string table;
    std::string id;
    Error error;
};

// A bucket an apply wrote to: its newest seq before (`from`) and after (`to`), and whether
// everything it wrote there is the incoming cells as they came (`verbatim`): no cell of the
// hub's making (an erasure's blanks), no record moved into the bucket with cells of others.
// Then a device that sent them and stands at `from` has everything up to `to` already.
struct BucketRun {
    std::string bucket;
    std::uint64_t from = 0, to = 0;
    bool verbatim = true;
};

// What a hub merge did, for the server (notifications, metrics, what a pull may skip).
struct ApplyResult {
    std::size_t records_changed = 0;
    std::size_t cells_won = 0;
    std::vector<Refusal> refused;
    std::vector<std::pair<const TableDef*, std::string>> created;  // first seen here
    std::vector<std::pair<const TableDef*, std::string>> erased;   // erased by this apply
    std::vector<std::string> buckets_changed;
    std::vector<BucketRun> runs;  // a hub that does not report them leaves this empty
};

// What erase_person() changed.
struct Erasure {
    std::vector<std::pair<std::string, std::string>> records;  // table, id: erased or deleted
};

// The hub's authorisation of one incoming record change: return an error to refuse it.
using Authorize = std::function<std::optional<Error>(const std::string& bucket,
                                                     const RecordChange& change, bool creates)>;

// How a write transaction reaches the disk.
// - Full: the commit returns once it is on disk, power loss included. Every local write
//   (what the user was told is saved), every merge a hub acknowledges, every admin change.
// - Redoable: the commit waits for no disk (WAL with synchronous=NORMAL): for transactions
//   that only record what the next sync does again if they are lost, because the other
//   side still holds it (a pulled page with its cursor, the acknowledgement of a push, a
//   purge; on the hub, a pull's bookkeeping). A process crash (kill -9) loses none of
//   them; an OS crash or power cut can lose them back to the last Full commit or
//   checkpoint, and the next sync repeats them (idempotence).
// A Full write inside a Redoable batch makes the whole batch Full.
enum class Durability { Full, Redoable };

struct OpenOptions {
    bool create = true;           // create the file when missing
    bool integrity_check = true;  // PRAGMA quick_check at open
    WallClock wall = system_wall_clock();
    std::uint64_t seed = 0;       // 0: from std::random_device
    std::uint64_t max_drift_ms = 10 * 60 * 1000;  // hub: refuse clocks further ahead
    const Schema* schema = nullptr;  // tests of migrations only; default Schema::current()
    // Checkpoint the WAL on a thread of its own instead of inside commits (WalCheckpointer).
    bool background_checkpoint = true;
};

// A device's position in one bucket's feed. `at` moves with every page; `since` stays at
// where the current download began and moves to `at` only when it completes. The hub
// sends records whose newest change is after `at`, with their cells changed after
// `since`: a record edited during a download moves past the page boundary, and must then
// still arrive with the cells the earlier pages would have carried.
struct Cursor {
    std::uint64_t since = 0;
    std::uint64_t at = 0;
    friend bool operator==(const Cursor&, const Cursor&) = default;

    // Where a bucket's cursor stands once a page up to `to` is applied (`more`: the
    // bucket has more pages; `since` stays until the last one).
    Cursor after_page(std::uint64_t to, bool more) const { return Cursor{more ? since : to, to}; }
};

struct FeedPage {
    std::vector<RecordChange> changes;
    std::uint64_t to = 0;  // the cursor after this page
    bool more = false;
    std::uint64_t checksum = 0;
};

// The bucket of a record of `t` with these values: its account's id, the record's own id
// (an account), or "global"; "" while the field naming the account is not known.
std::string_view bucket_of(const TableDef& t, const std::string& id, const std::vector<Value>& values);

}  // namespace fika::sync
