// The sync protocol's JSON codec: the only code that knows the wire format.
//
// One round trip pushes and pulls (docs/protocol.md has examples):
//
// Request  {"v": 1, "schema": 1, "site": "<16 hex>", "hlc": <uint>,
//           "push": {"upto": <outbox seq>, "changes": [<change>...]},          optional
//           "pull": {"cursors": {"<bucket>": <cursor>, ...}, "limit": <1..5000>}}  optional
//           where <cursor> is <at> or, during a download, [<since>, <at>] (see Cursor)
// Response {"v": 1, "schema": 1, "site": "<16 hex>", "hlc": <uint>,
//           "push": {"upto": <seq>, "refused": [{"t","id","code","message"}...]},
//           "pages": [{"bucket", "from", "to", "more", "checksum": "<16 hex>",
//                      "changes": [<change>...]}...],
//           "purge": ["<bucket>"...], "more": <bool>}
// Change   {"t": "<table>", "id": "<uuid>",
//           "k": [[<hlc>, "<site>"]...],                  the distinct clocks
//           "f": {"<field>": [<value>, <clock>, <base>]}} clock: 1-based index into k;
//                                                         base: 0 = none, else index
// Values are JSON null, true/false (boolean fields), integers, numbers or strings,
// checked against the field's type and limits. A bucket is an account id or "global".
//
// Decoding is strict: an unknown key, a missing key, a wrong type, an unknown table or
// field, a clock out of range, a bad id, or a value too large is an Invalid or TooLarge
// error whose message names the place ("push.changes[3].f.title: ..."). Nothing throws.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "error.h"
#include "schema.h"
#include "record.h"

namespace fika::sync {

constexpr int kProtocolVersion = 1;

struct Limits {
    std::size_t max_changes = 20000;   // record changes in one message
    std::size_t max_buckets = 200000;  // cursors or pages in one message
    std::size_t max_clocks = 64;       // distinct clocks in one change
    std::size_t max_depth = 16;        // JSON nesting
    std::size_t max_limit = 5000;      // records per pull
};

struct SyncRequest {
    int schema = kSchemaVersion;
    Site site = 0;
    std::uint64_t hlc = 0;
    std::uint64_t push_upto = 0;
    // Nonzero when this push was sent while the push ending at `push_follows` was still
    // unanswered: the server merges that one first (a record created there may be
    // changed here).
    std::uint64_t push_follows = 0;
    std::vector<RecordChange> push;
    bool has_push = false;
    // The push sends again what the device had already sent or received, because the hub
    // was restored from a backup (a new incarnation): merged as usual, but it is never
    // news (no notifications).
    bool push_resent = false;
    // The hub incarnation the device last synced with (0: none yet). Sent by every device
    // that knows incarnations (has_hub), so the hub says its own in the answer.
    std::uint64_t hub = 0;
    bool has_hub = false;
    std::map<std::string, Cursor> cursors;
    std::size_t limit = 1000;
    bool has_pull = false;
    // Ask how many records are still to come when the answer has more (a device showing
    // a download's progress).
    bool count = false;
};

struct BucketPage {
    std::string bucket;
    std::uint64_t from = 0, to = 0;
    bool more = false;
    std::uint64_t checksum = 0;
    std::vector<RecordChange> changes;
};

struct SyncResponse {
    int schema = kSchemaVersion;
    Site site = 0;
    std::uint64_t hlc = 0;
    std::uint64_t push_upto = 0;
    std::vector<Refusal> refused;
    std::vector<BucketPage> pages;
    std::vector<std::string> purge;
    bool more = false;
    // With `more`, when the request asked to count: the records still to come after this
    // answer in every bucket the user reads (an estimate: a device's own may be left out).
    std::optional<std::uint64_t> left;
    // The hub's incarnation: it changes when the hub's database is restored from a backup
    // or its sequence is found to have gone back. 0: not said (the request did not ask).
    std::uint64_t hub = 0;
};

std::string encode_request(const SyncRequest& r);
// peer_schema: the schema version the receiving device declared. Fields introduced
// after it are left out, so an older device never sees (nor rejects) a field it does not
// know; per-field merge means its own edits never overwrite such fields either, and it
// downloads them once it is upgraded (Store re-downloads after a migration).
std::string encode_response(const SyncResponse& r, int peer_schema = kSchemaVersion);
// Errors: Invalid, TooLarge.
Result<SyncRequest> decode_request(std::string_view json, const Schema& schema,
                                   const Limits& limits = {});
Result<SyncResponse> decode_response(std::string_view json, const Schema& schema,
                                     const Limits& limits = {});

// A bucket name: an account id (UUID) or "global".
bool valid_bucket(std::string_view b);

}  // namespace fika::sync
