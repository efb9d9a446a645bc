// The hub: the replica every device syncs with, behind the interface the server is
// written against. SqliteHub (sqlite_hub.h) keeps it in one SQLite file, the embedded
// default; another engine (PostgreSQL, for several server instances) implements the same
// interface with the same merge rules (merge.h).
//
// What a hub guarantees, whatever its storage:
// - apply() merges a push record by record: each record change is checked (merge.h's
//   check_at_hub), authorised (the caller's Authorize), and merged with merge::apply; a
//   record that took anything gets the next sequence number, as do the cells it took.
//   A refused change leaves nothing behind; the rest of the push is merged.
// - feed() of a bucket returns the records whose newest sequence number is past the
//   cursor, in sequence order, and never skips one: a reader never sees a later number
//   committed while an earlier one may still commit.
// - A unit of work (begin()) groups applies and local writes - and, in the server's
//   storage of the same engine, its own tables - into one transaction with one
//   durability: what a device is told is merged is merged together with its
//   notifications, or not at all.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "record.h"

namespace fika::sync {

// What a hub holds, for the server's statistics.
struct HubCounts {
    std::size_t records = 0;   // every record of every table, deleted ones included
    std::size_t buckets = 0;
    std::uint64_t bytes = 0;   // the database's size on disk
};

// Where a bucket ends: its newest seq, and its checksum there (read together, so that a
// pull with nothing to read answers the empty page without reading again).
struct BucketEnd {
    std::uint64_t seq = 0;
    std::uint64_t checksum = 0;
    bool operator==(const BucketEnd&) const = default;
};

// `text` as the body of a LIKE pattern that matches it literally (ESCAPE '\\'): for the
// hubs' search().
inline std::string like_pattern(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\\' || c == '%' || c == '_') out += '\\';
        out += c;
    }
    return out;
}

class HubStore {
public:
    virtual ~HubStore() = default;

    // A transaction the caller commits; destruction without commit rolls it back.
    class Work {
    public:
        virtual ~Work() = default;
        virtual Status commit() = 0;
    };
    // Opens a unit of work: every call on this hub (and on the server storage that shares
    // its engine) until commit() or destruction belongs to it. Units nest: an inner one
    // joins the outer. Errors: Busy, Storage.
    virtual Result<std::unique_ptr<Work>> begin(Durability d = Durability::Full) = 0;
    // Opens a unit of reads: every read on this hub (and its server storage) until
    // commit() or destruction sees one committed state, and the engine sets a read up once
    // rather than per statement (a group's answers: a dozen statements each). Nothing may
    // be written inside it. Inside a unit of work it joins that one. Errors: Storage.
    virtual Result<std::unique_ptr<Work>> begin_read() = 0;

    virtual const Schema& schema() const = 0;
    virtual Site site() const = 0;
    // The hub's clock (HLC) and wall clock.
    virtual std::uint64_t hlc_last() const = 0;
    virtual std::uint64_t now_ms() const = 0;
    // The last sequence number assigned. Where it is read from a database server,
    // failing to read it throws Failure (Storage), never answers 0.
    virtual std::uint64_t hub_seq() const = 0;
    // This hub database's incarnation: nonzero, made when the database was created. A new
    // one (new_incarnation) when the database was restored from a backup or its sequence
    // went back: devices that synced with another incarnation send again what it may lack.
    virtual std::uint64_t incarnation() const = 0;
    virtual Result<std::uint64_t> new_incarnation() = 0;

    // ---- sync ---------------------------------------------------------------------
    // Merges a push (see above). Runs inside the open unit of work, if any.
    virtual Result<ApplyResult> apply(const std::vector<RecordChange>& changes, const Authorize& authorize) = 0;
    // Changes of a bucket after `cursor` (see Cursor), at most `limit` records.
    // `skip_site`: leave out cells last written by that site (a device needs none of its
    // own cells back in an incremental pull); records left with no cell still count
    // towards `limit` and move the page's end.
    virtual Result<FeedPage> feed(const std::string& bucket, Cursor cursor, std::size_t limit,
                                  Site skip_site = 0) = 0;
    // How many records of a bucket come after `seq` (what a download from there still has
    // to send): for a device's progress. Errors: Storage.
    virtual Result<std::uint64_t> count_after(const std::string& bucket, std::uint64_t seq) = 0;
    // Every bucket with where it ends: its newest seq, and its checksum there.
    virtual Result<std::map<std::string, BucketEnd>> bucket_ends() = 0;
    // ... of these buckets only (those that exist).
    virtual Result<std::map<std::string, BucketEnd>> bucket_ends_of(const std::vector<std::string>& buckets) = 0;
    // A bucket's checksum (see SqliteReplica::bucket_checksum; 0: no such bucket), as a
    // feed page at the bucket's end carries it.
    virtual Result<std::uint64_t> bucket_checksum(const std::string& bucket) = 0;

    // ---- records --------------------------------------------------------------------
    // Errors: Invalid (unknown table), NotFound, Storage.
    virtual Result<Record> get(std::string_view table, const std::string& id) = 0;
    // Live (not deleted) records of `table` whose `field` holds `value`, at most `limit`,
    // in id order.
    virtual Result<std::vector<Record>> find(std::string_view table, std::string_view field, const Value& value,
                                             std::size_t limit) = 0;
    // Live records of `table` whose text `field` contains `text` (ASCII letters in any
    // case; "" matches every record), at most `limit`, in the order of that field.
    virtual Result<std::vector<Record>> search(std::string_view table, std::string_view field, const std::string& text,
                                               std::size_t limit) = 0;
    // Local writes of the hub (the server's own: the users directory). As SqliteReplica.
    virtual Result<std::string> create(std::string_view table, Fields fields) = 0;
    virtual Status update(std::string_view table, const std::string& id, Fields fields) = 0;
    // GDPR: as SqliteReplica::records_about and erase_person.
    virtual Result<std::vector<std::pair<const TableDef*, std::string>>> records_about(
        const std::string& contact_id) = 0;
    virtual Result<Erasure> erase_person(const std::string& contact_id) = 0;
    virtual Result<HubCounts> counts() = 0;
};

}  // namespace fika::sync
