// The hub in one SQLite file (the embedded server's default): the shared replica file
// (sqlite_replica.h) in the hub's role - every merged or written cell gets the next
// sequence number, the feed reads a bucket by (account, seq) - behind HubStore.
//
// The server's SQLite storage keeps its own tables in the same file and joins the hub's
// transactions: it derives from this class (the connection is protected, never public).
#pragma once

#include <memory>
#include <string>

#include "hub_store.h"
#include "sqlite_replica.h"

namespace fika::sync {

class SqliteHub : public SqliteReplica, public HubStore {
public:
    // Opens or creates a hub file. Errors as Store::open (Invalid: a device's file).
    static Result<std::unique_ptr<SqliteHub>> open(const std::string& path, OpenOptions opts = {});
    ~SqliteHub() override;

    Result<std::unique_ptr<Work>> begin(Durability d = Durability::Full) override;
    Result<std::unique_ptr<Work>> begin_read() override;
    const Schema& schema() const override { return SqliteReplica::schema(); }
    Site site() const override { return SqliteReplica::site(); }
    std::uint64_t hlc_last() const override { return SqliteReplica::hlc_last(); }
    std::uint64_t now_ms() const override { return SqliteReplica::now_ms(); }
    std::uint64_t hub_seq() const override { return seq_; }
    std::uint64_t incarnation() const override { return incarnation_; }
    Result<std::uint64_t> new_incarnation() override;

    Result<ApplyResult> apply(const std::vector<RecordChange>& changes, const Authorize& authorize) override;
    Result<FeedPage> feed(const std::string& bucket, Cursor cursor, std::size_t limit, Site skip_site = 0) override;
    Result<std::uint64_t> count_after(const std::string& bucket, std::uint64_t seq) override;
    Result<std::map<std::string, BucketEnd>> bucket_ends() override;
    Result<std::map<std::string, BucketEnd>> bucket_ends_of(const std::vector<std::string>& buckets) override;
    Result<std::uint64_t> bucket_checksum(const std::string& bucket) override {
        return SqliteReplica::bucket_checksum(bucket);
    }

    Result<Record> get(std::string_view table, const std::string& id) override {
        return SqliteReplica::get(table, id);
    }
    Result<std::vector<Record>> find(std::string_view table, std::string_view field, const Value& value,
                                     std::size_t limit) override;
    Result<std::vector<Record>> search(std::string_view table, std::string_view field, const std::string& text,
                                       std::size_t limit) override;
    Result<std::string> create(std::string_view table, Fields fields) override {
        return SqliteReplica::create(table, std::move(fields));
    }
    Status update(std::string_view table, const std::string& id, Fields fields) override {
        return SqliteReplica::update(table, id, std::move(fields));
    }
    Result<std::vector<std::pair<const TableDef*, std::string>>> records_about(const std::string& contact_id) override {
        return SqliteReplica::records_about(contact_id);
    }
    Result<Erasure> erase_person(const std::string& contact_id) override {
        return SqliteReplica::erase_person(contact_id);
    }
    Result<HubCounts> counts() override;

    // Read through `db`, another connection to a hub's file (in the caller's read
    // transaction): the buckets whose newest seq is past `seq`, with it; the newest seq
    // committed. For readers beside the hub's own connection (the live channel). Throw
    // Failure.
    static std::vector<std::pair<std::string, std::uint64_t>> buckets_after(Db& db, std::uint64_t seq);
    static std::uint64_t last_seq(Db& db);

protected:
    SqliteHub() : SqliteReplica(Role::Hub) {}
    // For a derived storage's open(): opens the file (throws Failure).
    void open_hub(const std::string& path, const OpenOptions& opts) { open_impl(path, opts); }

private:
    void opened(const std::map<std::string, std::string>& meta) override;
    void committing() override;
    void wrote_locally(const TableDef& t, Record& r, std::string_view bucket, std::uint64_t mask,
                       const std::vector<std::pair<int, Value>>& sets, const Clock& clock) override;
    // Merges one pushed record change, or says why not.
    std::optional<Error> merge_push(const RecordChange& rc, Known& known, const Authorize& authorize,
                                    ApplyResult& result);
    // The cells `taken` and the record get the next sequence number.
    void stamp(Record& r, const std::string& bucket, const std::vector<int>& fields);
    // This apply's run in `bucket`, begun at the bucket's newest seq when first written.
    BucketRun& run_of(ApplyResult& result, const std::string& bucket);

    std::uint64_t incarnation_ = 0;
    std::uint64_t saved_seq_ = 0;  // the seq last written to _meta
};

}  // namespace fika::sync
