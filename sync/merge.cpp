#include "merge.h"

#include <algorithm>

#include "record.h"

namespace fika::sync {

std::string_view bucket_of(const TableDef& t, const std::string& id,
                                  const std::vector<Value>& values) {
    switch (t.bucket) {
        case BucketRule::Self: return id;
        case BucketRule::Global: return kGlobalBucket;
        case BucketRule::Field: {
            const Value& v = values[static_cast<size_t>(t.bucket_field)];
            return std::holds_alternative<std::string>(v) ? std::string_view(std::get<std::string>(v)) : "";
        }
    }
    return "";
}

namespace merge {

std::string erased_message(const TableDef& t, const std::string& id) {
    return t.name + " " + id + " was erased (a data-subject request): it takes no more changes";
}

Check check_at_hub(const TableDef& t, const std::vector<Value>* stored_values, const CellClocks* stored_clocks,
                   const RecordChange& rc, std::string_view bucket, std::uint64_t now_ms,
                   std::uint64_t max_drift_ms) {
    const bool creates = stored_values == nullptr;
    auto stored_clock = [&](int field) { return stored_clocks->cells[static_cast<size_t>(field)].clock; };
    if (!creates) {
        // A replay (a retried push, a device sending again after a restore): nothing in it
        // is newer than what the hub has, so there is nothing to take and nothing to refuse.
        bool news = false;
        for (const CellChange& c : rc.cells) news = news || c.clock > stored_clock(c.field);
        if (!news) return {Verdict::Replay, {}};
    }
    if (creates && bucket.empty())
        return {Verdict::Refuse, {Code::Invalid, t.name + " " + rc.id + ": a new record needs account_id"}};
    const bool was_erased = !creates && t.erased(*stored_values);
    std::uint64_t limit = hlc_from_ms(now_ms + max_drift_ms);
    for (const CellChange& c : rc.cells) {
        if (c.clock.hlc > limit)
            return {Verdict::Refuse,
                    {Code::ClockAhead, t.name + " " + rc.id + ": the device clock is " +
                                           std::to_string((hlc_ms(c.clock.hlc) - now_ms) / 1000) +
                                           " s ahead of the server's; fix the device's date and time"}};
        if (creates) continue;
        const FieldDef& f = t.fields[static_cast<size_t>(c.field)];
        const bool newer = c.clock > stored_clock(c.field);
        if (f.immutable && (*stored_values)[static_cast<size_t>(c.field)] != c.value && newer)
            return {Verdict::Refuse, {Code::Forbidden, t.name + "." + f.name + " is fixed at creation"}};
        // An erased record takes nothing new (a replay of what it has is harmless).
        if (was_erased && newer) return {Verdict::Refuse, {Code::Forbidden, erased_message(t, rc.id)}};
    }
    return {};
}

Outcome apply(const TableDef& t, Stored r, const RecordChange& rc, std::optional<Site> device) {
    Outcome out;
    const bool was_erased = t.erased(r.values);
    // A device takes the hub's cells of an erased record whatever their clocks: its own
    // later ones were refused there, and keeping them would leave the bucket's checksum
    // off for good. No conflict is kept either (it would hold the erased values).
    bool device_erased = device && was_erased;
    for (const CellChange& c : rc.cells)
        device_erased = device_erased || (device && c.field == t.erased_field && c.value == Value{std::int64_t{1}});
    for (const CellChange& c : rc.cells) {
        Cell& cur = r.clocks.cells[static_cast<size_t>(c.field)];
        Value& local = r.values[static_cast<size_t>(c.field)];
        if (device_erased) {
            if (c.clock == cur.clock && local == c.value) continue;
            out.taken.push_back({c.field, cur.clock, c.clock});
            cur.clock = c.clock;
            cur.base = c.base;
            local = c.value;
            continue;
        }
        if (c.field == t.erased_field) {
            // Erasure cannot be undone: the value is the OR of every write, the clock the
            // newest (a join, so replicas agree whatever order writes arrive in).
            bool stays = was_erased && c.value == Value{std::int64_t{0}};
            bool raises = !was_erased && c.value == Value{std::int64_t{1}};
            if (c.clock <= cur.clock && !raises) continue;
            if (stays || raises) {
                out.taken.push_back({c.field, cur.clock, std::max(cur.clock, c.clock)});
                if (c.clock > cur.clock) {
                    cur.clock = c.clock;
                    cur.base = c.base;
                }
                local = std::int64_t{1};
                continue;
            }
        }
        if (c.clock <= cur.clock) continue;
        if (device && cur.written() && cur.clock.site == *device && c.base != cur.clock && local != c.value)
            out.lost.push_back({c.field, local, c.value, cur.clock, c.clock});
        out.taken.push_back({c.field, cur.clock, c.clock});
        cur.clock = c.clock;
        cur.base = c.base;
        local = c.value;
    }
    if (out.taken.empty()) return out;
    out.erased = t.erased(r.values);
    out.erased_now = out.erased && !was_erased;
    if (out.erased) {
        // Every replica holds the erased values, whatever clocks its cells have.
        for (size_t i = 0; i < t.fields.size(); ++i)
            if (t.fields[i].personal) r.values[i] = erased_value(t.fields[i]);
    }
    return out;
}

}  // namespace merge
}  // namespace fika::sync
