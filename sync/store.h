// The device's replica store (see class Store below and sqlite_replica.h for the file).
//
// Merge rule: a remote cell replaces the local one when its (hlc, site) is greater.
// Conflict rule: when the replaced cell was written by this site, the remote cell's base
// (the clock its writer had seen) is not that cell's clock, and the values differ, the
// local value is recorded in _conflicts (merge.h has both rules as pure functions).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "record.h"
#include "sqlite_replica.h"

namespace fika::sync {

struct Conflict {
    std::int64_t n = 0;
    std::string table, id, field;
    Value local_value, remote_value;
    Clock local_clock, remote_clock;
    std::uint64_t at_ms = 0;
    std::string resolution;  // "" open, "theirs", "mine"
};

struct RefusedChange {
    std::int64_t n = 0;
    std::string table, id;
    std::string fields_json;  // {"field": value, ...} as they were refused
    Error error;
    std::uint64_t at_ms = 0;
};

struct PushBatch {
    std::uint64_t upto = 0;  // last outbox seq included; 0 = nothing to push
    std::vector<RecordChange> changes;
    bool resent = false;     // what begin_resend queued: sent again after a hub restore
};

// The device's replica: the local records (SqliteReplica: create, update, read), the
// outbox and its pushes, the pulled pages of each bucket, the conflicts and refusals the
// user reviews, and the recoveries from a clock that ran ahead and from a restored hub.
// Implemented by concern: store.cpp (opening, the outbox a local write adds to, merging
// the hub's changes), store_push.cpp, store_pull.cpp, store_conflicts.cpp,
// store_rewind.cpp.
class Store final : public SqliteReplica {
public:
    // Opens or creates a device's replica file. Errors: SchemaTooNew (file from a newer
    // Fika), Corrupt (not a Fika database, or fails its integrity check), Invalid (a hub's
    // file), Storage. In every error case the file is left as it was.
    static Result<std::unique_ptr<Store>> open(const std::string& path, OpenOptions opts = {});
    ~Store() override;

    // ---- reads for the app's views --------------------------------------------------
    // A read-only statement over the user tables (lists, counts, sums the views show).
    // Invalid for a statement that would write, or that names a side table (_meta,
    // _outbox, ...): those are this class's. Errors: Invalid, Storage.
    Result<Stmt> query(std::string_view sql);
    // The same, throwing sync::Failure: for callers that run inside sync::guard.
    Stmt read(std::string_view sql);
    // An index the app's views need on a user table, created once, and again when its
    // definition changed: `columns` as in SQL, `where` an optional partial-index condition.
    Status add_index(const std::string& name, std::string_view table, const std::string& columns,
                     const std::string& where = "");
    // The page cache of this connection, in KiB (the UI's reads need less than a sync).
    Status set_cache_kib(int kib);
    // A running tally of a user table that the database keeps itself: triggers add and
    // take away each row as it is written - locally, merged from the hub, erased, purged -
    // so a view reads a count or a sum whose cost does not grow with the table. Its table
    // `name` has the key columns, n (the rows counted) and the sum columns; a view reads
    // it with query()/read() and sums over its rows. Expressions are SQL over the fields
    // listed in `fields`; a key that is NULL counts as '', a sum that is NULL as 0.
    struct Tally {
        std::string name;
        std::string table;
        std::vector<std::string> fields;
        std::vector<std::pair<std::string, std::string>> keys;  // column, expression
        std::vector<std::pair<std::string, std::string>> sums;  // column, expression
    };
    // Creates the tally, or builds it again from the table (one read of the whole table,
    // in one transaction) when its definition changed or its triggers are gone. Readers
    // ask tallied() first: a tally this connection has not checked may be another
    // version's. Errors: Invalid (an unknown table or field), Storage (a read-only or
    // full disk: the views scan the table instead).
    Status add_tally(const Tally& tally);
    bool tallied(const std::string& name) const { return tallies_.count(name) > 0; }

    // ---- device: push ---------------------------------------------------------------
    // The oldest unpushed local writes after the outbox position `after`: whole outbox
    // rows, up to max_writes records (at least one row), coalesced per record. A batch can
    // be read while the one before it is still on the wire by passing that one's `upto`.
    Result<PushBatch> pending(std::size_t max_writes = 1000, std::uint64_t after = 0);
    std::size_t pending_count();
    // The hub committed the push up to `upto`; `refused` lists the changes it refused.
    Status ack(std::uint64_t upto, const std::vector<Refusal>& refused);

    // Recovery from a wall clock that ran ahead (the hub refused this device's changes as
    // clock_ahead, and the date has been put right since). `reference`: the hub's clock
    // from its last answer. When this device's clock is ahead of max(reference, wall
    // clock), every cell of its own that carries a later clock gets a new, current one
    // (the values stay; they go out with the next push), the clock moves back, the
    // acknowledged position and the outbox follow, and the clock_ahead refusals are
    // dropped (their values are being sent again). Returns how many records were
    // restamped (0: the clock was not ahead). Other connections to the file follow at
    // their next write. Errors: Invalid (a hub), Storage.
    Result<std::size_t> rewind_clock(std::uint64_t reference);

    // Recovery from a hub restored from a backup (its incarnation changed): the hub may
    // lack anything this device sent or received since the backup, and its sequence went
    // back, so this device's cursors point past changes it has not seen. Queues every
    // record this device holds to be sent again - every written cell, whoever wrote it,
    // with its own clock (so the hub's merge takes exactly what it lacks and nothing else
    // changes) - behind whatever is still unsent, as batches marked `resent`; sets every
    // cursor back to the start; remembers `hub`. A refusal of a resent record is kept only
    // when it holds this device's own words (another user's record this user may not
    // write is restored by its writer's devices). One transaction. Returns the records
    // queued. Errors: Invalid (a hub), Storage.
    Result<std::size_t> begin_resend(std::uint64_t hub);
    // The hub incarnation this device last synced with (0: none yet), and setting it.
    std::uint64_t synced_hub();
    Status set_synced_hub(std::uint64_t hub);

    // ---- device: pull ---------------------------------------------------------------
    // The pull position in every bucket this device has pulled from.
    Result<std::map<std::string, Cursor>> cursors();
    // Merges one page of a bucket and moves the bucket's cursor in one transaction; `to`
    // and `more` are the page's. Returns the new cursor.
    Result<Cursor> apply_page(const std::string& bucket, const std::vector<RecordChange>& changes,
                              std::uint64_t to, bool more);
    // Forget a bucket: its records, its cursor (losing read access).
    Status purge_bucket(const std::string& bucket);
    // Reset a bucket's cursor to 0 so it is downloaded again (drift detected).
    Status reset_cursor(const std::string& bucket);

    // Merges remote changes, in one transaction unless a Batch is open.
    Status apply(const std::vector<RecordChange>& changes);

    // ---- device: conflicts and refusals ------------------------------------------------
    Result<std::vector<Conflict>> conflicts(bool include_resolved = false);
    // keep_mine: re-apply the local value as a new write; otherwise keep theirs.
    Status resolve_conflict(std::int64_t n, bool keep_mine);
    Result<std::vector<RefusedChange>> refused();
    // retry: queue the refused values again as a new write; otherwise the record gives way
    // to the hub's version (downloaded again) and the entry goes.
    Status resolve_refused(std::int64_t n, bool retry);

    // ---- attachments' content (schema 3; store_content.cpp) --------------------------
    // A content is kept in the replica file itself (encrypted with it), in parts of
    // kContentPart bytes, under its SHA-256 (lower-case hex): never whole in memory, gone
    // with the record that names it. What an upload or a download needs: how much is
    // held, bytes from an offset, bytes appended where the last part ended.
    static constexpr std::size_t kContentPart = 256 * 1024;
    // Reads `read` to its end (it returns the bytes it put in buf, 0 at the end) into one
    // content; returns its hash and size. TooLarge as soon as it passes `limit` bytes,
    // Storage when reading fails: nothing is kept. Joins the caller's Batch.
    using ContentSource = std::function<Result<std::size_t>(char* buf, std::size_t cap)>;
    Result<std::pair<std::string, std::uint64_t>> put_content(const ContentSource& read, std::uint64_t limit);
    struct ContentHave {
        std::uint64_t size = 0, have = 0;
        bool complete() const { return have >= size; }
    };
    // nullopt: nothing of it is here.
    Result<std::optional<ContentHave>> content_have(const std::string& hash);
    // Up to `max` held bytes from `offset`.
    Result<std::string> read_content(const std::string& hash, std::uint64_t offset, std::size_t max);
    // Appends downloaded bytes; `offset` must be what is held (Conflict otherwise).
    // `size` is the content's whole size (from its attachment).
    Status append_content(const std::string& hash, std::uint64_t size, std::uint64_t offset, std::string_view bytes);
    // What this device must still upload: queued with the attachment this device made,
    // `sent` how far the server acknowledged, `failed` the server's reason when it refused.
    struct Upload {
        std::string attachment_id, hash;
        std::uint64_t size = 0, sent = 0;
        std::string failed;
    };
    // Live attachments whose content is not whole here and has at most `max_size` bytes,
    // smallest first (what a device downloads before anyone opens it).
    Result<std::vector<std::string>> missing_contents(std::uint64_t max_size);
    Status queue_upload(const std::string& attachment_id, const std::string& hash, std::uint64_t size);
    Result<std::vector<Upload>> uploads();
    Status upload_progress(const std::string& attachment_id, std::uint64_t sent);
    Status upload_done(const std::string& attachment_id);
    Status upload_failed(const std::string& attachment_id, const std::string& why);
    // A refused upload is tried again at the next sync (the admin raised the limit, say).
    Status upload_retry(const std::string& attachment_id);
    // Drops every content no attachment here names any more (its customer purged, its
    // person erased) and the uploads of attachments gone or erased. Returns bytes freed.
    // Redoable when what called it was (a pulled page, a purge): it is redone next time.
    Result<std::uint64_t> drop_unused_content(Durability d = Durability::Full);

private:
    Store() : SqliteReplica(Role::Device) {}
    void opened(const std::map<std::string, std::string>& meta) override;
    void prepare_role() override;
    void began() override;
    void committing() override;
    void rolled_back() override;
    void wrote_locally(const TableDef& t, Record& r, std::string_view bucket, std::uint64_t mask,
                       const std::vector<std::pair<int, Value>>& sets, const Clock& clock) override;
    bool unpushed(const Cell& c) const override {
        return c.clock.site == site_ && c.clock.hlc > acked_hlc_;
    }
    void forget_local_copies(const TableDef& t, const std::string& id) override;
    // Merges a page or batch of the hub's changes, the records they touch read ahead
    // (read_ahead), one change at a time.
    void merge_all(const std::vector<RecordChange>& changes);
    // Merges one record change from the hub (merge.h), keeping what this device loses.
    void merge_remote(const RecordChange& rc, Known& known);
    void give_way(const TableDef& t, const std::string& id);
    // The outbox rows begin_resend queued: [from, to] (0, 0: none), from _meta.
    std::pair<std::uint64_t, std::uint64_t> resend_range();
    void flush_outbox();

    std::uint64_t outbox_next_ = 1;  // read inside the write lock at the start of each transaction
    // The outbox entry being gathered in the open transaction: consecutive writes to one
    // table with the same fields share one row (ids packed 16 bytes each), written at commit.
    struct OutboxRun {
        int tbl = -1;
        std::uint64_t mask = 0, hlc = 0;
        std::uint32_t n = 0;
        std::size_t bytes = 0;  // text written by the run's writes
        std::string ids;        // packed (see pack_id in store_push.cpp)
    };
    // A row takes up to 64 writes and about 1 MiB of text: pushes take whole rows, and
    // one row must fit in a push however far a too-large push is halved.
    static constexpr std::uint32_t kOutboxRun = 64;
    static constexpr std::size_t kOutboxRunBytes = 1u << 20;
    OutboxRun outbox_run_;
    Stmt outbox_insert_, outbox_top_, outbox_ids_get_;
    // The records the outbox names (pending_count), kept in _meta as "outbox_ids" so that
    // nothing counts the outbox at start or after each sync: "<count> <last> <floor>",
    // the outbox position and floor it was counted at (see opened). Read inside the write
    // lock when a transaction begins, moved by its writes and acks, written at its commit.
    std::uint64_t outbox_ids_ = 0;
    bool outbox_ids_moved_ = false;
    bool writing_ = false;  // between began and committing/rolled_back
    std::set<std::string> tallies_;  // checked or built by add_tally on this connection
};

}  // namespace fika::sync
