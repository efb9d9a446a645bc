#include "store.h"

#include <set>

#include "store_detail.h"

namespace fika::sync {

Result<std::size_t> Store::rewind_clock(std::uint64_t reference) {
    return guard([&] {
        if (role_ != Role::Device) fail(Code::Invalid, "rewind_clock on a hub");
        std::size_t restamped = 0;
        std::uint64_t before = 0, written_epoch = 0;
        bool rewound = false;
        try {
            in_write([&] {
                before = hlc_.last();  // after begin_write adopted any other connection's rewind
                const std::uint64_t bound = std::max(reference, hlc_.wall_hlc());
                if (hlc_.last() <= bound + hlc_from_ms(60'000)) return;  // not ahead by more than a minute
                // The hub refuses a record change as a whole: every own cell of a record that
                // has one above `bound`, or that was refused as clock_ahead, goes out again
                // with a current clock (older own cells of such a record never reached the
                // hub either). What is above `bound` was never taken by the hub, or is taken
                // again harmlessly (a newer copy on the hub wins; it holds the same value).
                std::set<std::pair<std::string, std::string>> refused_ahead;
                Stmt rq = db().prepare("SELECT tbl, id FROM _refused WHERE code=?");
                rq.bind(1, code_name(Code::ClockAhead));
                while (rq.step()) refused_ahead.emplace(std::string(rq.text(0)), std::string(rq.text(1)));
                hlc_.rewind(bound);
                rewound = true;
                acked_hlc_ = std::min(acked_hlc_, bound);
                put_meta("acked_hlc", static_cast<std::int64_t>(acked_hlc_));
                Stmt ob = db().prepare("UPDATE _outbox SET hlc=?1 WHERE hlc>?1");
                ob.bind(1, bound).run();
                for (const TableDef& t : schema_->tables()) {
                    std::vector<std::string> ids;
                    Stmt q = db().prepare("SELECT id FROM " + quote_ident(t.name));
                    while (q.step()) ids.emplace_back(q.text(0));
                    for (const std::string& id : ids) {
                        auto r = load(t, id);
                        if (!r) continue;
                        bool again = refused_ahead.count({t.name, id}) > 0;
                        std::vector<std::pair<int, Value>> sets;
                        std::uint64_t mask = 0;
                        for (size_t i = 0; i < r->clocks.cells.size() && i < t.fields.size(); ++i) {
                            const Clock& c = r->clocks.cells[i].clock;
                            if (c.site != site_) continue;
                            again = again || c.hlc > bound;
                            sets.emplace_back(static_cast<int>(i), r->values[i]);
                            mask |= std::uint64_t{1} << i;
                        }
                        if (!again || sets.empty()) continue;
                        local_write(t, *r, false, mask, sets);
                        ++restamped;
                    }
                }
                Stmt d = db().prepare("DELETE FROM _refused WHERE code=?");
                d.bind(1, code_name(Code::ClockAhead)).run();
                put_meta("hlc", static_cast<std::int64_t>(hlc_.last()));
                saved_hlc_ = hlc_.last();
                written_epoch = clock_epoch_ + 1;
                put_meta("clock_epoch", static_cast<std::int64_t>(written_epoch));
            });
            if (written_epoch) clock_epoch_ = written_epoch;
        } catch (...) {
            if (rewound) hlc_.observe(before);  // rolled back: the later clocks are still in the file
            throw;
        }
        return restamped;
    });
}

}  // namespace fika::sync
