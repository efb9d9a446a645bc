// The replica store: one SQLite file holding the user tables, their cell clocks and the
// sync bookkeeping. A device and the server (the hub) use this same class; the role is
// fixed when the file is created.
//
// Side tables (created by migration 1; see migrations in store.cpp)
// ----------------------------------------------------------------
//   _meta(key, value)          site id, role, HLC high-water mark, acked HLC, hub seq
//   _outbox(seq, tbl, id, mask, hlc)
//                              device only: one row per local write, in write order;
//                              mask = the fields the write set (bit i = field i). A push
//                              sends a prefix and deletes it once the hub has committed
//                              it; acked_hlc in _meta is then the newest pushed write's
//                              clock, so "unpushed" = own site and hlc > acked_hlc.
//   _conflicts(n, tbl, id, field, local_*, remote_*, at, resolution)
//                              values of this device that lost to a concurrent remote
//                              write, kept for the user to review.
//   _refused(n, tbl, id, fields, code, message, at)
//                              local changes the hub refused, with its reason and the
//                              values (JSON), kept until the user deals with them.
//   _buckets(bucket, pulled, since, cursor, seq, checksum)
//                              device: the pull cursor per bucket it has pulled from
//                              (pulled=1; a bucket only written to has none); hub: the newest seq
//                              per bucket. Both: the XOR of the hashes of every cell
//                              clock in the bucket, maintained with each write, so two
//                              replicas compare a bucket in O(1).
//
// Merge rule: a remote cell replaces the local one when its (hlc, site) is greater.
// Conflict rule: when the replaced cell was written by this site, the remote cell's base
// (the clock its writer had seen) is not that cell's clock, and the values differ, the
// local value is recorded in _conflicts. (This covers "written locally and not yet
// pushed" and also a pushed value that a writer who never saw it overwrote.)
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "cellclocks.h"
#include "error.h"
#include "hlc.h"
#include "schema.h"
#include "sqlite.h"
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

// What a hub merge did, for the server (notifications, metrics).
struct ApplyResult {
    std::size_t records_changed = 0;
    std::size_t cells_won = 0;
    std::vector<Refusal> refused;
    std::vector<std::pair<const TableDef*, std::string>> created;  // first seen here
    std::vector<std::pair<const TableDef*, std::string>> erased;   // erased by this apply
    std::vector<std::string> buckets_changed;
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
    Role role = Role::Device;
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

struct PushBatch {
    std::uint64_t upto = 0;  // last outbox seq included; 0 = nothing to push
    std::vector<RecordChange> changes;
    bool resent = false;     // what begin_resend queued: sent again after a hub restore
};

struct FeedPage {
    std::vector<RecordChange> changes;
    std::uint64_t to = 0;  // the cursor after this page
    bool more = false;
    std::uint64_t checksum = 0;
};

class Store {
public:
    // Opens or creates a replica file. Errors: SchemaTooNew (file from a newer Fika),
    // Corrupt (not a Fika database, or fails its integrity check), Invalid (opened in the
    // other role), Storage. In every error case the file is left as it was.
    static Result<std::unique_ptr<Store>> open(const std::string& path, OpenOptions opts = {});
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    Role role() const { return role_; }
    Site site() const { return site_; }
    const Schema& schema() const { return *schema_; }
    std::uint64_t hlc_last() const { return hlc_.last(); }
    // The receive rule for a clock that came without cells (the hub's clock in a response).
    void observe_clock(std::uint64_t hlc) { hlc_.observe(hlc); }
    std::uint64_t now_ms() const { return hlc_.wall_ms(); }
    Db& db() { return db_; }
    // Invalid when `path` is this database's own file (or its -wal, -shm, -journal):
    // imports, exports and backups call it before opening a path a user gave them.
    Status check_not_own_file(const std::string& path) const;
    // The WAL's background checkpointer (null when OpenOptions::background_checkpoint is off).
    const WalCheckpointer* checkpointer() const { return checkpointer_.get(); }

    // ---- local writes (both roles) --------------------------------------------------
    // Each runs in its own transaction unless a Batch is open. Errors: Invalid (unknown
    // table/field, bad value, missing required field), NotFound (unknown id or account),
    // Forbidden (a field fixed at creation), TooLarge, Busy, Storage.
    // Fields are taken by value: hand them over with std::move and no value is copied.
    Result<std::string> create(std::string_view table, Fields fields);
    Status update(std::string_view table, const std::string& id, Fields fields);
    Status remove(std::string_view table, const std::string& id);
    Status restore(std::string_view table, const std::string& id);

    // The records about a person (a contact), deleted ones included: the cases, activities,
    // notes and contact plans naming them and the follow-ups related to them.
    Result<std::vector<std::pair<const TableDef*, std::string>>> records_about(const std::string& contact_id);

    // GDPR erasure of a person (a contact), in one transaction: the contact, the
    // activities and notes about them and the follow-ups related to them get their
    // personal fields cleared ("[erased]" where a value is required) and become erased
    // and deleted; contact plans for them are deleted. Erased records take no further
    // changes anywhere (Forbidden): every replica that learns of the erasure holds the
    // cleared values whatever its clocks, drops its conflict and refused entries for
    // them, and the hub refuses later edits. Errors: NotFound, Storage.
    Result<Erasure> erase_person(const std::string& contact_id);

    // Groups writes in one transaction. Commit explicitly; destruction rolls back.
    class Batch {
    public:
        explicit Batch(Store& s, Durability d = Durability::Full);
        ~Batch();
        Status commit();
        Batch(const Batch&) = delete;
        Batch& operator=(const Batch&) = delete;

    private:
        Store& s_;
        bool open_ = false;
        bool done_ = false;
        Error error_;
    };

    // ---- reads ---------------------------------------------------------------------
    // Errors: Invalid (unknown table), NotFound, Storage.
    Result<Record> get(std::string_view table, const std::string& id);
    // Every record of a table, deleted ones included, in id order.
    Result<std::vector<Record>> all(std::string_view table);
    // Canonical text of all user data (values only, or values and clocks), for tests.
    Result<std::string> dump(bool with_clocks = false);
    // The bucket of a record of `table` with these values (account id or "global").
    static std::string_view bucket_of(const TableDef& t, const std::string& id,
                                      const std::vector<Value>& values);

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
    Result<std::uint64_t> bucket_checksum(const std::string& bucket);

    // Merges remote changes (any role), in one transaction unless a Batch is open.
    Status apply(const std::vector<RecordChange>& changes);

    // ---- device: conflicts and refusals ------------------------------------------------
    Result<std::vector<Conflict>> conflicts(bool include_resolved = false);
    // keep_mine: re-apply the local value as a new write; otherwise keep theirs.
    Status resolve_conflict(std::int64_t n, bool keep_mine);
    Result<std::vector<RefusedChange>> refused();
    // retry: queue the refused values again as a new write; otherwise the record gives way
    // to the hub's version (downloaded again) and the entry goes.
    Status resolve_refused(std::int64_t n, bool retry);

    // ---- hub --------------------------------------------------------------------------
    // Merges a push: validates, authorises and applies each record change or refuses it
    // with a reason; assigns sequence numbers. Runs inside the caller's Batch when one is
    // open, so the caller can add its own rows (notifications) to the same transaction.
    Result<ApplyResult> hub_apply(const std::vector<RecordChange>& changes,
                                  const Authorize& authorize);
    // Changes of a bucket after `cursor` (see Cursor), at most `limit` records.
    // `skip_site`: leave out cells last written by that site (a device needs none of its
    // own cells back in an incremental pull); records left with no cell still count
    // towards `limit` and move the page's end.
    Result<FeedPage> feed(const std::string& bucket, Cursor cursor, std::size_t limit, Site skip_site = 0);
    // Every bucket with its newest seq.
    Result<std::map<std::string, std::uint64_t>> bucket_seqs();
    std::uint64_t hub_seq() const { return seq_; }
    // This hub database's incarnation: nonzero, made when the file was created. A new one
    // (new_incarnation) when the database was restored from a backup or its sequence went
    // back: devices that synced with another incarnation send again what it may lack.
    std::uint64_t incarnation() const { return incarnation_; }
    Result<std::uint64_t> new_incarnation();

    // ---- meta -------------------------------------------------------------------------
    Result<std::optional<std::string>> meta(const std::string& key);
    Status set_meta(const std::string& key, const std::string& value);
    Status remove_meta(const std::string& key);

private:
    Store() = default;
    struct TableStmts;
    void open_impl(const std::string& path, const OpenOptions& opts);
    void prepare_statements();
    void begin_write(Durability d = Durability::Full);
    void commit_write();
    void abort_write();
    template <typename Fn>
    void in_write(Fn&& fn, Durability d = Durability::Full);
    void set_synchronous(bool full);
    void sync_wal();
    bool txn_full_ = true;   // the open transaction holds a Full write
    bool sync_full_ = true;  // the connection's PRAGMA synchronous is FULL (else NORMAL)

    std::optional<Record> load(const TableDef& t, const std::string& id);
    void store_row(const Record& r, bool insert);
    // Stamps `sets` with a new clock and stores the row. On insert, r.values must already
    // hold the values.
    void local_write(const TableDef& t, Record& r, bool insert, std::uint64_t mask,
                     const std::vector<std::pair<int, Value>>& sets);
    // Moves the values out of `fields`.
    std::vector<std::pair<int, Value>> resolve_fields(const TableDef& t, Fields& fields,
                                                      bool skip_id = false);
    // Returns whether anything changed; refusal for hub checks.
    std::optional<Error> merge_record(const RecordChange& rc, bool hub,
                                      const Authorize* authorize, ApplyResult* result);
    void note_checksum(const std::string& bucket, const TableDef& t, const std::string& id,
                       int field, const Clock& old_clock, const Clock& new_clock);
    void flush_checksums();
    std::uint64_t acked_hlc() const { return acked_hlc_; }
    bool is_unpushed(const Cell& c) const;
    void put_meta(const std::string& key, std::int64_t v);

    Db db_;
    std::unique_ptr<WalCheckpointer> checkpointer_;  // before db_ closes (see ~Store)
    Role role_ = Role::Device;
    const Schema* schema_ = &Schema::current();
    Hlc hlc_;
    Rng rng_;
    Site site_ = 0;
    std::uint64_t max_drift_ms_ = 0;
    std::uint64_t acked_hlc_ = 0;
    // Outbox positions only grow, even when the outbox empties: a server may still hold
    // the position of a push it merged (see SyncRequest::push_follows).
    std::uint64_t outbox_floor_ = 0;
    std::uint64_t clock_epoch_ = 0;  // bumped by rewind_clock; another connection's rewind is adopted
    std::uint64_t outbox_next_ = 1;  // read inside the write lock at the start of each transaction
    // The outbox entry being gathered in the open transaction: consecutive writes to one
    // table with the same fields share one row (ids packed 16 bytes each), written at commit.
    struct OutboxRun {
        int tbl = -1;
        std::uint64_t mask = 0, hlc = 0;
        std::uint32_t n = 0;
        std::size_t bytes = 0;  // text written by the run's writes
        std::string ids;        // packed (see pack_id in store.cpp)
    };
    // A row takes up to 64 writes and about 1 MiB of text: pushes take whole rows, and
    // one row must fit in a push however far a too-large push is halved.
    std::uint64_t incarnation_ = 0;  // hub only
    // The outbox rows begin_resend queued: [from, to] (0, 0: none), from _meta.
    std::pair<std::uint64_t, std::uint64_t> resend_range();
    static constexpr std::uint32_t kOutboxRun = 64;
    static constexpr std::size_t kOutboxRunBytes = 1u << 20;
    OutboxRun outbox_run_;
    void flush_outbox();
    void forget_local_copies(const TableDef& t, const std::string& id);
    void give_way(const TableDef& t, const std::string& id);
    static std::string erased_message(const TableDef& t, const std::string& id);
    std::uint64_t seq_ = 0;          // hub: last assigned sequence number
    std::uint64_t saved_hlc_ = 0;    // the HLC high-water mark last written to _meta
    int batch_depth_ = 0;
    bool remote_seen_ = false;  // this transaction merged remote clocks: save the HLC
    std::string known_account_;  // the last account a create checked exists
    std::unique_ptr<Transaction> txn_;
    std::unordered_map<std::string, std::uint64_t> checksum_delta_;
    std::pair<const std::string, std::uint64_t>* last_delta_ = nullptr;
    std::string clock_blob_;  // store_row's scratch  // the bucket written last
    std::uint64_t& checksum_delta(std::string_view bucket);
    void clear_checksum_deltas();
    std::unordered_map<std::string, std::uint64_t> bucket_seq_delta_;
    std::vector<std::unique_ptr<TableStmts>> stmts_;  // by table index
    Stmt outbox_insert_, outbox_top_, bucket_get_, bucket_put_, meta_put_, meta_get_;
};

// 64-bit hash of one cell clock, as summed (XOR) into a bucket checksum:
// cell_hash(record_hash(table, id), field, clock).
std::uint64_t record_hash(int table_id, std::string_view id);
std::uint64_t cell_hash(std::uint64_t record, int field, const Clock& c);

}  // namespace fika::sync
