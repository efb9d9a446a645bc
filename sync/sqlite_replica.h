// One replica in one SQLite file: the user tables, their cell clocks, the side tables and
// the transactions, shared by the device replica (store.h) and the SQLite hub
// (sqlite_hub.h). It holds what both roles do the same way - opening and migrating the
// file, a write's durability, rows and their clocks, bucket checksums, local writes
// (create, update, erase a person) and reads - and leaves what differs to the role's
// class through a few hooks (what a local write adds: an outbox entry or a sequence
// number; what a commit adds).
//
// Side tables (created by migration 1; see migrate_to in sqlite_replica.cpp)
// ----------------------------------------------------------------------------
//   _meta(key, value)          site id, role, HLC high-water mark (written by every commit
//                              that moved the clock; hlc_kept=1 once a file from before is
//                              caught up, see open); the device's acknowledged
//                              clock and outbox floor, resend range, hub incarnation it
//                              synced with, drafts (app); the hub's seq and incarnation
//   _outbox(seq, tbl, id, mask, hlc)
//                              device only: local writes in write order, consecutive
//                              writes to one table with the same fields sharing a row
//                              (ids packed 16 bytes each, up to 64 per row); mask = the
//                              fields written (bit i = field i). A push sends a prefix of
//                              whole rows and deletes it once the hub has committed it;
//                              acked_hlc in _meta is then the newest pushed write's clock,
//                              so "unpushed" = own site and hlc > acked_hlc.
//   _conflicts(n, tbl, id, field, local_*, remote_*, at, resolution)
//                              device only: values that lost to a concurrent remote write,
//                              kept for the user to review.
//   _refused(n, tbl, id, fields, code, message, at)
//                              device only: local changes the hub refused, with its reason
//                              and the values (JSON), kept until the user deals with them.
//   _buckets(bucket, pulled, since, cursor, seq, checksum)
//                              device: the pull cursor per bucket it has pulled from
//                              (pulled=1; a bucket only written to has none); hub: the
//                              newest seq per bucket. Both: the XOR of the hashes of every
//                              cell clock in the bucket, maintained with each write, so
//                              two replicas compare a bucket in O(1).
// Only the classes of this file family read or write these tables.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "merge.h"
#include "record.h"
#include "sqlite.h"

namespace fika::sync {

class SqliteReplica {
public:
    virtual ~SqliteReplica();
    SqliteReplica(const SqliteReplica&) = delete;
    SqliteReplica& operator=(const SqliteReplica&) = delete;

    Site site() const { return site_; }
    const Schema& schema() const { return *schema_; }
    std::uint64_t hlc_last() const { return hlc_.last(); }
    // The receive rule for a clock that came without cells (the hub's clock in a response).
    void observe_clock(std::uint64_t hlc) { hlc_.observe(hlc); }
    std::uint64_t now_ms() const { return hlc_.wall_ms(); }
    // Invalid when `path` is this database's own file (or its -wal, -shm, -journal):
    // imports, exports and backups call it before opening a path a user gave them.
    Status check_not_own_file(const std::string& path) const;
    // The WAL's background checkpointer (null when OpenOptions::background_checkpoint is off).
    const WalCheckpointer* checkpointer() const { return checkpointer_.get(); }

    // ---- local writes ----------------------------------------------------------------
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
        explicit Batch(SqliteReplica& s, Durability d = Durability::Full);
        ~Batch();
        Status commit();
        Batch(const Batch&) = delete;
        Batch& operator=(const Batch&) = delete;

    private:
        SqliteReplica& s_;
        bool open_ = false;
        bool done_ = false;
        Error error_;
    };

    // Reads while it lives share one read transaction: they see one state of the file and
    // take its read lock once (each read alone takes and drops it: two fcntl calls). For a
    // run of reads between writes, as a sync's round has (never across a wait: a read
    // transaction keeps the WAL from starting over). The next write on this connection
    // ends it first; reads after that run alone. Inside a Batch, or another Reading, it
    // does nothing.
    class Reading {
    public:
        explicit Reading(SqliteReplica& s);
        ~Reading();
        Reading(const Reading&) = delete;
        Reading& operator=(const Reading&) = delete;

    private:
        SqliteReplica& s_;
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
                                      const std::vector<Value>& values) {
        return sync::bucket_of(t, id, values);
    }

    // The XOR of the hashes of every cell clock in a bucket (0: none), as maintained with
    // each write: two replicas compare a bucket in O(1).
    Result<std::uint64_t> bucket_checksum(const std::string& bucket);

    // The schema version a replica's or hub's file was written at (0: a new or empty
    // file) and one of its meta values, read without opening it as a store (nothing
    // migrates): what a caller checks before an upgrade. Errors: Corrupt, Storage.
    static Result<std::pair<int, std::optional<std::string>>> peek(const std::string& path, const std::string& meta_key);

    // PRAGMA quick_check: Corrupt with SQLite's first finding when the file is damaged.
    // It reads every page (0.5-1.6 s at 1,000,000 cases): open() runs it unless told not
    // to. The second form checks a file on a connection of its own, opened for that alone
    // (the app runs it on a thread of its own while its first screen is built); it stops
    // with an error soon after `*stop` becomes true.
    Status check_integrity();
    static Status check_integrity(const std::string& path, const std::atomic<bool>* stop = nullptr);

    // ---- meta -------------------------------------------------------------------------
    Result<std::optional<std::string>> meta(const std::string& key);
    Status set_meta(const std::string& key, const std::string& value);
    Status remove_meta(const std::string& key);

protected:
    explicit SqliteReplica(Role role);
    // Opens or creates the file in this object's role. Throws Failure (see Store::open).
    void open_impl(const std::string& path, const OpenOptions& opts);

    // ---- the role's hooks ----------------------------------------------------------
    // At open, inside its transaction, with the file's _meta: the role's own identity.
    virtual void opened(const std::map<std::string, std::string>& meta) { (void)meta; }
    // Statements of the role's own (after the shared ones).
    virtual void prepare_role() {}
    // A write transaction began (inside the write lock; the shared state is current).
    virtual void began() {}
    // Before the commit, inside the transaction: what the role keeps in memory goes in.
    virtual void committing() {}
    // The transaction was rolled back: forget what the role gathered for it.
    virtual void rolled_back() {}
    // A local write stamped `sets` of `r` with `clock` (the row is stored after this).
    virtual void wrote_locally(const TableDef& t, Record& r, std::string_view bucket, std::uint64_t mask,
                               const std::vector<std::pair<int, Value>>& sets, const Clock& clock) = 0;
    // Whether this cell is a local write the hub has not taken yet (devices only).
    virtual bool unpushed(const Cell& c) const { (void)c; return false; }
    // An erased record's conflict and refused entries go (devices only).
    virtual void forget_local_copies(const TableDef& t, const std::string& id) { (void)t; (void)id; }

    // ---- for the roles ---------------------------------------------------------------
    void begin_write(Durability d = Durability::Full);
    void commit_write();
    void abort_write();
    // Runs fn inside the open batch, or in a transaction of its own. Rule failures
    // (Invalid, NotFound, Forbidden, ...) are raised before anything is written, so they
    // leave an open batch usable; a storage failure rolls the whole batch back.
    template <typename Fn>
    void in_write(Fn&& fn, Durability d = Durability::Full);
    static bool poisons_transaction(Code c) { return c == Code::Storage || c == Code::Busy || c == Code::Corrupt; }

    std::optional<Record> load(const TableDef& t, const std::string& id);
    // The stored records of a batch of (table, id), each given to `found` with its place in
    // `wanted`; a record not stored is left out. Read per table in id order by walks of the
    // id index instead of a lookup each (a batch names records written one after another:
    // their UUIDv7 ids are neighbours). A record named twice is not read: the result says
    // per place whether it was looked for.
    using Wanted = std::vector<std::pair<const TableDef*, std::string_view>>;
    std::vector<bool> load_many(const Wanted& wanted, const std::function<void(std::size_t place, Record&&)>& found);
    // The record a change is merged into (a blank one when new), whether it is new, and
    // its bucket (of the stored values, or of the change's for a new record).
    struct Target {
        Record record;
        bool creates = false;
        std::string bucket;
    };
    // What the changes of one batch are merged into, read before the merge (load_many): a
    // record stored, or known to be new. An upload or a first download of new records then
    // costs a seek per run of neighbouring ids instead of a failed lookup each. A record
    // named twice in the batch is left Unknown (its first merge changes it): load_for_merge
    // reads it then.
    struct Known {
        enum class State : std::uint8_t { Unknown, New, Stored };
        State state = State::Unknown;
        Record record;
    };
    std::vector<Known> read_ahead(const std::vector<RecordChange>& changes);
    Target load_for_merge(const RecordChange& rc, Known& known);
    void store_row(const Record& r, bool insert);
    // Stamps `sets` with a new clock and stores the row. On insert, r.values must already
    // hold the values.
    void local_write(const TableDef& t, Record& r, bool insert, std::uint64_t mask,
                     const std::vector<std::pair<int, Value>>& sets);
    // Moves the values out of `fields`.
    std::vector<std::pair<int, Value>> resolve_fields(const TableDef& t, Fields& fields, bool skip_id = false);
    const TableDef& table_or_fail(std::string_view name) const;
    // The bucket's checksum changes by the cells a merge took (their old clocks out, the
    // new ones in); the record's hash is computed once for all of them.
    void note_checksums(const std::string& bucket, const TableDef& t, const std::string& id,
                        const std::vector<merge::Taken>& taken);
    // A record whose cells were counted in bucket "" (learnt before the cell naming its
    // account) moves its cells' hashes to the bucket it now has. Returns that bucket.
    std::string rehome(const std::string& bucket, const Record& r);
    std::uint64_t& checksum_delta(std::string_view bucket);
    void put_meta(const std::string& key, std::int64_t v);
    void put_meta(const std::string& key, const std::string& v);
    std::int64_t pragma_int(const char* sql);
    Stmt& feed_stmt(const TableDef& t);
    Stmt& count_after_stmt(const TableDef& t);  // (bucket, seq): the bucket's records after seq
    Stmt& purge_select_stmt(const TableDef& t);
    Stmt& purge_stmt(const TableDef& t);
    Db& db() { return db_; }
    const std::string& path() const { return path_; }

    const Role role_;
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
    std::uint64_t seq_ = 0;          // hub: last assigned sequence number
    std::uint64_t saved_hlc_ = 0;    // the HLC high-water mark last written to _meta
    std::string known_account_;      // the last account a create checked exists
    // Buckets whose newest sequence number moved in this transaction (hub).
    std::unordered_map<std::string, std::uint64_t> bucket_seq_delta_;

private:
    struct TableStmts;
    void prepare_statements();
    void set_synchronous(bool full);
    void sync_wal();
    void flush_checksums();
    void clear_checksum_deltas();

    std::string path_;
    Db db_;
    std::unique_ptr<WalCheckpointer> checkpointer_;  // before db_ closes (see ~SqliteReplica)
    bool txn_full_ = true;   // the open transaction holds a Full write
    bool sync_full_ = true;  // the connection's PRAGMA synchronous is FULL (else NORMAL)
    int batch_depth_ = 0;
    std::unique_ptr<Transaction> txn_;
    std::optional<ReadTransaction> reading_;  // a Reading's, until it goes or a write begins
    const Reading* reading_owner_ = nullptr;  // whose it is (one a write ended may go later)
    std::unordered_map<std::string, std::uint64_t> checksum_delta_;
    std::pair<const std::string, std::uint64_t>* last_delta_ = nullptr;  // the bucket written last
    std::string clock_blob_;  // store_row's scratch
    std::vector<std::unique_ptr<TableStmts>> stmts_;  // by table index
    // load_many's walk over one table's ids (sorted, each once).
    void load_sorted(const TableDef& t, const std::vector<std::string_view>& ids,
                     const std::function<void(std::size_t index, Record&&)>& found);
    Stmt bucket_get_, bucket_put_, meta_put_, meta_get_;
};

template <typename Fn>
void SqliteReplica::in_write(Fn&& fn, Durability d) {
    bool outer = batch_depth_ == 0;
    begin_write(d);
    try {
        fn();
    } catch (const Failure& f) {
        if (outer || poisons_transaction(f.error.code)) abort_write();
        else --batch_depth_;
        throw;
    } catch (...) {
        abort_write();
        throw;
    }
    commit_write();
}

// 64-bit hash of one cell clock, as summed (XOR) into a bucket checksum:
// cell_hash(record_hash(table, id), field, clock).
std::uint64_t record_hash(int table_id, std::string_view id);
std::uint64_t cell_hash(std::uint64_t record, int field, const Clock& c);

}  // namespace fika::sync
