#include "store.h"

#include "store_detail.h"

namespace fika::sync {

Result<std::map<std::string, Cursor>> Store::cursors() {
    return guard([&] {
        std::map<std::string, Cursor> out;
        // Only buckets this device has pulled from: a bucket it merely wrote to (a new
        // account not pushed yet) has no cursor, and the hub must not be asked about it.
        Stmt q = db().prepare("SELECT bucket, since, cursor FROM _buckets WHERE bucket<>'' AND pulled=1");
        while (q.step())
            out[std::string(q.text(0))] = Cursor{static_cast<std::uint64_t>(q.integer(1)),
                                                 static_cast<std::uint64_t>(q.integer(2))};
        return out;
    });
}

Result<Cursor> Store::apply_page(const std::string& bucket, const std::vector<RecordChange>& changes,
                                 std::uint64_t to, bool more) {
    return guard([&] {
        Cursor next;
        in_write([&] {
            Stmt get = db().prepare("SELECT since FROM _buckets WHERE bucket=?");
            get.bind(1, bucket);
            Cursor before{get.step() ? static_cast<std::uint64_t>(get.integer(0)) : 0, 0};
            get.reset();
            merge_all(changes);
            next = before.after_page(to, more);
            Stmt put = db().prepare(
                "INSERT INTO _buckets(bucket,since,cursor,pulled) VALUES(?1,?2,?3,1) ON CONFLICT(bucket) "
                "DO UPDATE SET since=?2, cursor=?3, pulled=1");
            put.bind(1, bucket).bind(2, next.since).bind(3, next.at).run();
        }, Durability::Redoable);
        return next;
    });
}

Status Store::reset_cursor(const std::string& bucket) {
    return guard_status([&] {
        in_write([&] {
            Stmt put = db().prepare("UPDATE _buckets SET cursor=0, since=0 WHERE bucket=?");
            put.bind(1, bucket).run();
        }, Durability::Redoable);
    });
}

Status Store::purge_bucket(const std::string& bucket) {
    return guard_status([&] {
        in_write([&] {
            Stmt ins = db().prepare(
                "INSERT INTO _refused(tbl,id,fields,code,message,at) VALUES(?,?,?,?,?,?)");
            for (size_t ti = 0; ti < schema_->tables().size(); ++ti) {
                const TableDef& t = schema_->tables()[ti];
                if (t.bucket == BucketRule::Global) continue;
                Stmt& select = purge_select_stmt(t);
                // Unsent words in the bucket are kept, as refused changes, before it goes.
                select.bind(1, bucket);
                int n = static_cast<int>(t.fields.size());
                while (select.step()) {
                    Record r;
                    r.table = &t;
                    r.id = std::string(select.text(n + 2));
                    for (int i = 0; i < n; ++i) r.values.push_back(select.value(i));
                    r.clocks = CellClocks::decode(select.blob(n), static_cast<size_t>(n));
                    bool unsent = false;
                    for (const Cell& c : r.clocks.cells) unsent = unsent || unpushed(c);
                    if (!unsent) continue;
                    ins.bind(1, t.name).bind(2, r.id).bind(3, detail::own_values_json(r, site_));
                    ins.bind(4, code_name(Code::Forbidden));
                    ins.bind(5, "access to this customer was removed before this change was sent");
                    ins.bind(6, hlc_.wall_ms());
                    ins.run();
                    ins.reset();
                }
                select.reset();
                purge_stmt(t).bind(1, bucket).run_and_reset();
            }
            Stmt del = db().prepare("DELETE FROM _buckets WHERE bucket=?");
            del.bind(1, bucket).run();
            known_account_.clear();
            must(drop_unused_content(Durability::Redoable));  // its attachments' content goes with them
        }, Durability::Redoable);
    });
}

Result<std::uint64_t> SqliteReplica::bucket_checksum(const std::string& bucket) {
    return guard([&] {
        Stmt q = db().prepare("SELECT checksum FROM _buckets WHERE bucket=?");
        q.bind(1, bucket);
        return q.step() ? static_cast<std::uint64_t>(q.integer(0)) : std::uint64_t{0};
    });
}

}  // namespace fika::sync
