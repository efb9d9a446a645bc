#include "store.h"

#include <bit>
#include <unordered_map>

#include "store_detail.h"

namespace fika::sync {

// An outbox row's record ids, 16 bytes each (a record id is a UUID in lower case, see
// is_uuid). Text joined by '\n' is the format rows had before; both are read.
constexpr std::size_t kPackedId = 16;

void detail::pack_id(std::string& out, std::string_view id) {
    char bytes[16] = {};
    int k = 0, bad = id.size() != 36;
    for (std::size_t i = 0; i < id.size() && k < 32; ++i) {
        char c = id[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            bad |= c != '-';
            continue;
        }
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        bad |= v < 0;
        bytes[k / 2] = static_cast<char>(bytes[k / 2] | (k % 2 ? v & 0xf : (v & 0xf) << 4));
        ++k;
    }
    if (bad) fail(Code::Invalid, "'" + std::string(id) + "' is not a record id");
    out.append(bytes, 16);
}

namespace {

std::string unpack_id(std::string_view p) {
    std::string id;
    id.reserve(37);  // room for the table id pending() appends
    for (int k = 0; k < 32; ++k) {
        if (k == 8 || k == 12 || k == 16 || k == 20) id += '-';
        auto b = static_cast<unsigned char>(p[static_cast<size_t>(k / 2)]);
        id += "0123456789abcdef"[k % 2 ? b & 0xf : b >> 4];
    }
    return id;
}

// The ids of the outbox row `q` is on, column `col`, in the order written.
std::vector<std::string> outbox_ids(const Stmt& q, int col) {
    std::vector<std::string> ids;
    if (q.is_blob(col)) {
        std::string_view p = q.blob(col);
        if (p.size() % kPackedId) fail(Code::Corrupt, "outbox: a row's ids are cut short");
        for (std::size_t at = 0; at < p.size(); at += kPackedId) ids.push_back(unpack_id(p.substr(at, kPackedId)));
        return ids;
    }
    std::string_view text = q.text(col);
    for (std::size_t start = 0; start <= text.size();) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        ids.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return ids;
}

}  // namespace

std::size_t Store::pending_count() {
    try {
        flush_outbox();
        // The count _meta keeps (see outbox_ids_): the app asks after every save, and a
        // device that has been offline for a long time has a long outbox.
        if (writing_) return static_cast<std::size_t>(outbox_ids_);
        struct Reset {
            Stmt& q;
            ~Reset() { q.reset(); }
        } reset{outbox_ids_get_};
        if (outbox_ids_get_.step())
            if (auto kept = detail::parse_outbox_ids(outbox_ids_get_.text(0))) return static_cast<std::size_t>(kept->n);
        return static_cast<std::size_t>(outbox_ids_);
    } catch (const Failure&) {
        return 0;
    }
}

Result<PushBatch> Store::pending(std::size_t max_writes, std::uint64_t after) {
    return guard([&] {
        flush_outbox();
        PushBatch batch;
        // A row names up to kOutboxRun records: rows are taken whole (acknowledgements
        // are by row), as many as fit in max_writes records, and at least one.
        Stmt q = db().prepare("SELECT seq, tbl, id, mask FROM _outbox WHERE seq>? ORDER BY seq LIMIT ?");
        q.bind(1, static_cast<std::int64_t>(after));
        q.bind(2, static_cast<std::int64_t>(max_writes));
        // A batch is all resent rows or none: the hub takes a resent push as never news.
        auto [resend_from, resend_to] = resend_range();
        bool first_row = true;
        // Each record once, in the order first written, with the fields of all its writes.
        struct Written {
            const TableDef* table;
            std::uint64_t mask;
        };
        std::unordered_map<std::string, Written> written;  // by record id and table id
        written.reserve(std::min<std::size_t>(max_writes, 1u << 16));
        std::vector<std::pair<const std::string, Written>*> order;
        std::size_t records = 0;
        while (q.step()) {
            auto row = static_cast<std::uint64_t>(q.integer(0));
            bool resent = row >= resend_from && row <= resend_to;
            if (first_row) batch.resent = resent;
            else if (resent != batch.resent) break;
            first_row = false;
            std::vector<std::string> ids = outbox_ids(q, 2);
            std::size_t n = ids.size();
            if (records && records + n > max_writes) break;
            records += n;
            batch.upto = row;
            const TableDef* t = schema_->table_by_id(static_cast<int>(q.integer(1)));
            if (!t) continue;
            auto mask = static_cast<std::uint64_t>(q.integer(3));
            for (std::string& id : ids) {
                id.push_back(static_cast<char>(t->id));  // the key: record id, then table id
                auto [it, fresh] = written.try_emplace(std::move(id), Written{t, 0});
                it->second.mask |= mask;
                if (fresh) order.push_back(&*it);
            }
        }
        // The records are read table by table in id order (load_many) and sent in the
        // order first written.
        std::vector<RecordChange> made(order.size());
        auto make = [&](std::size_t k, Record&& r) {
            const TableDef* t = order[k]->second.table;
            const std::uint64_t mask = order[k]->second.mask;
            RecordChange& rc = made[k];
            rc.table = t;
            rc.id = std::move(r.id);
            rc.cells.reserve(static_cast<std::size_t>(std::popcount(mask)));
            for (size_t i = 0; i < t->fields.size(); ++i) {
                if (!(mask & (std::uint64_t{1} << i))) continue;
                const Cell& c = r.clocks.cells[i];
                // Own writes only (a cell overwritten by a remote write since is not ours to
                // send); a resent record carries every written cell, whoever wrote it.
                if (batch.resent ? !c.written() : c.clock.site != site_) continue;
                rc.cells.push_back({static_cast<int>(i), std::move(r.values[i]), c.clock, c.base, 0});
            }
        };
        Wanted wanted;  // each record once (`written` is keyed by record and table)
        wanted.reserve(order.size());
        for (auto* w : order) wanted.emplace_back(w->second.table, std::string_view(w->first.data(), w->first.size() - 1));
        load_many(wanted, make);
        batch.changes.reserve(order.size());
        for (RecordChange& rc : made)
            if (!rc.cells.empty()) batch.changes.push_back(std::move(rc));
        return batch;
    });
}

Status Store::ack(std::uint64_t upto, const std::vector<Refusal>& refused) {
    return guard_status([&] {
        in_write([&] {
            flush_outbox();
            Stmt top = db().prepare(std::string("SELECT max(hlc), ") + detail::kOutboxIdsSum +
                                    " FROM _outbox WHERE seq<=?");
            top.bind(1, upto);
            std::uint64_t h = 0, acked_ids = 0;
            if (top.step()) {
                h = static_cast<std::uint64_t>(top.integer(0));
                acked_ids = static_cast<std::uint64_t>(top.integer(1));
            }
            top.reset();
            Stmt del = db().prepare("DELETE FROM _outbox WHERE seq<=?");
            del.bind(1, upto).run();
            outbox_ids_ -= std::min(outbox_ids_, acked_ids);
            outbox_ids_moved_ = true;
            if (upto > outbox_floor_) {
                outbox_floor_ = upto;
                put_meta("outbox_floor", static_cast<std::int64_t>(upto));
            }
            if (h > acked_hlc_) {
                acked_hlc_ = h;
                put_meta("acked_hlc", static_cast<std::int64_t>(h));
            }
            auto [resend_from, resend_to] = resend_range();
            const bool resent = resend_to && upto >= resend_from && upto <= resend_to;
            if (resend_to && upto >= resend_to) {
                Stmt clear = db().prepare("DELETE FROM _meta WHERE key IN ('resend_from','resend_to')");
                clear.run();
            }
            Stmt ins = db().prepare(
                "INSERT INTO _refused(tbl,id,fields,code,message,at) VALUES(?,?,?,?,?,?)");
            for (const Refusal& f : refused) {
                const TableDef* t = schema_->table(f.table);
                if (!t) continue;
                auto r = load(*t, f.id);
                if (r && t->erased(r->values)) continue;  // nothing of an erased person is kept
                std::string own = r ? detail::own_values_json(*r, site_) : "{}";
                // A resent copy of another user's record: its writer's devices restore it.
                if (resent && own == "{}") continue;
                ins.bind(1, f.table).bind(2, f.id).bind(3, own);
                ins.bind(4, code_name(f.error.code)).bind(5, f.error.message).bind(6, hlc_.wall_ms());
                ins.run();
                ins.reset();
            }
        }, Durability::Redoable);
    });
}

std::pair<std::uint64_t, std::uint64_t> Store::resend_range() {
    std::uint64_t from = 0, to = 0;
    // A lookup per key (an IN list costs a temporary b-tree per run: see meta_get_).
    Stmt q = db().prepare(
        "SELECT (SELECT value FROM _meta WHERE key='resend_from'), (SELECT value FROM _meta WHERE key='resend_to')");
    if (q.step()) {
        from = static_cast<std::uint64_t>(q.integer(0));  // NULL when not written: 0
        to = static_cast<std::uint64_t>(q.integer(1));
        q.reset();
    }
    return {from, to};
}

Result<std::size_t> Store::begin_resend(std::uint64_t hub) {
    return guard([&] {
        if (role_ != Role::Device) fail(Code::Invalid, "begin_resend on a hub");
        std::size_t queued = 0;
        in_write([&] {
            flush_outbox();
            const std::uint64_t from = outbox_next_;
            OutboxRun& run = outbox_run_;
            for (const TableDef& t : schema_->tables()) {
                const std::uint64_t all = t.fields.size() >= 64 ? ~std::uint64_t{0}
                                                                 : (std::uint64_t{1} << t.fields.size()) - 1;
                // Text per record, so that an outbox row stays within what one push carries.
                std::string bytes = "0";
                for (const FieldDef& f : t.fields)
                    if (f.type == FieldType::Text) bytes += "+ifnull(length(" + quote_ident(f.name) + "),0)";
                Stmt q = db().prepare("SELECT id, " + bytes + " FROM " + quote_ident(t.name) + " ORDER BY id");
                while (q.step()) {
                    auto size = static_cast<std::size_t>(q.integer(1));
                    if (run.n && (run.tbl != t.id || run.n >= kOutboxRun || run.bytes + size > kOutboxRunBytes))
                        flush_outbox();
                    detail::pack_id(run.ids, q.text(0));
                    run.tbl = t.id;
                    run.mask = all;
                    run.hlc = 0;  // moves no acknowledged position: nothing new is written
                    run.bytes += size;
                    ++run.n;
                    ++queued;
                }
            }
            flush_outbox();
            if (queued) {
                put_meta("resend_from", static_cast<std::int64_t>(from));
                put_meta("resend_to", static_cast<std::int64_t>(outbox_next_ - 1));
            }
            db().exec("UPDATE _buckets SET since=0, cursor=0");
            // The restored server may lack content uploaded after its backup: every whole
            // content here goes up again (the server answers at once where it has it).
            db().exec(
                "INSERT OR IGNORE INTO _uploads(attachment_id,hash,size) SELECT a.id, a.sha256, a.size FROM attachments a"
                " JOIN _content_have h ON h.hash=a.sha256 AND h.have>=h.size WHERE ifnull(a.erased,0)=0");
            Stmt put = db().prepare("INSERT OR REPLACE INTO _meta(key,value) VALUES('hub_incarnation',?)");
            put.bind(1, site_to_string(hub)).run();
        });
        return queued;
    });
}

std::uint64_t Store::synced_hub() {
    auto v = meta("hub_incarnation");
    Site hub = 0;
    if (v.ok() && *v && parse_site(**v, hub)) return hub;
    return 0;
}

Status Store::set_synced_hub(std::uint64_t hub) { return set_meta("hub_incarnation", site_to_string(hub)); }


}  // namespace fika::sync
