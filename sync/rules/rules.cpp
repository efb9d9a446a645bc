#include "rules.h"

#include "export.h"
#include "schema.h"

namespace fika::rules {

const std::vector<std::string>& stages() {
    return sync::Schema::current().table("cases")->field("stage")->choices;
}

const std::string& default_currency() {
    static const std::string cur = sync::to_display(sync::Schema::current().table("cases")->field("currency")->fallback);
    return cur;
}

void defaults_on_create(const sync::TableDef& t, sync::Fields& fields, const Actor& actor) {
    auto has = [&](const char* n) {
        for (auto& [k, v] : fields)
            if (k == n) return true;
        return false;
    };
    const auto seconds = static_cast<std::int64_t>(actor.now_ms / 1000);
    if (!actor.user_id.empty()) {
        if (t.name == "cases" && !has("found_by")) fields.emplace_back("found_by", sync::text(actor.user_id));
        if (t.field("by_user") && !has("by_user")) fields.emplace_back("by_user", sync::text(actor.user_id));
    }
    if (t.name == "activities" && !has("date")) fields.emplace_back("date", sync::text(sync::utc_text(seconds, "%Y-%m-%d")));
    if (t.name == "stage_changes" && !has("at"))
        fields.emplace_back("at", sync::text(sync::utc_text(seconds, "%Y-%m-%dT%H:%M:%SZ")));
}

const char* needs_analysis_template() { return "Need:\n\nPain:\n\nTiming:\n\nWho decides:\n\nBudget:\n"; }

void as_needs_analysis(sync::Fields& fields) {
    bool has_body = false;
    for (auto& [k, v] : fields) has_body = has_body || k == "body";
    if (!has_body) fields.emplace_back("body", sync::text(needs_analysis_template()));
    fields.emplace_back("kind", sync::text("needs-analysis"));
}

const std::string& probability_sql() {
    static const std::string sql = [] {
        std::string s = "coalesce(probability, CASE stage";
        for (const std::string& stage : stages())
            if (auto p = sync::default_probability(stage))
                s += " WHEN '" + stage + "' THEN " + std::to_string(*p);  // stages are schema constants
        return s + " ELSE 0 END)";
    }();
    return sql;
}

namespace {

constexpr const char* kCaseTally = "app_tally_cases";
constexpr const char* kFinderTally = "app_tally_cases_found";
// Cases per span of their id's first six hex digits: a UUIDv7 id begins with its creation
// time in ms, so a span is 2^24 ms (4.7 hours) of captures, whatever the firm's history.
constexpr const char* kCapturedTally = "app_tally_cases_captured";
std::string tally_of(const std::string& table) { return table == "cases" ? kCaseTally : "app_tally_" + table; }

// The tally that answers for `f`, and its condition (?9 the user).
std::pair<const char*, const char*> tally_for(const CaseFilter& f) {
    switch (f.by) {
        case CaseFilter::By::Owner: return {kCaseTally, " AND owner=?9"};
        case CaseFilter::By::Finder: return {kFinderTally, " AND found_by=?9"};
        default: return {kCaseTally, ""};
    }
}
// The same condition over the cases table (?9 the user).
const char* cases_where(const CaseFilter& f) {
    switch (f.by) {
        case CaseFilter::By::Owner: return f.user.empty() ? " AND owner IS NULL" : " AND owner=?9";
        case CaseFilter::By::Finder: return " AND found_by=?9";
        default: return "";
    }
}
void bind_filter(sync::Stmt& st, const CaseFilter& f, bool tally) {
    if (f.by != CaseFilter::By::Everyone && (tally || !f.user.empty())) st.bind(9, f.user);
}

}  // namespace

sync::Status keep_tallies(sync::Store& store) {
    return sync::guard_status([&] {
        for (const sync::TableDef& t : store.schema().tables()) {
            sync::Store::Tally tally{tally_of(t.name), t.name, {"deleted"}, {{"deleted", "coalesce(deleted,0)"}}, {}};
            if (t.name == "cases") {
                tally.fields = {"stage", "currency", "owner", "deleted", "value", "probability"};
                tally.keys = {{"stage", "stage"},
                              {"currency", "coalesce(currency,'" + default_currency() + "')"},
                              {"owner", "owner"},
                              {"deleted", "coalesce(deleted,0)"}};
                tally.sums = {{"value", "value"}, {"weighted", "value * " + probability_sql() + " / 100"}};
                // The same per finder: a row per stage, currency and person is a few
                // thousand rows for a firm, whatever the number of cases.
                sync::Store::Tally found = tally;
                found.name = kFinderTally;
                found.fields = {"stage", "currency", "found_by", "deleted", "value", "probability"};
                found.keys[2] = {"found_by", "found_by"};
                sync::must(store.add_tally(found));
                sync::must(store.add_tally({kCapturedTally, t.name, {"id", "found_by", "owner", "deleted"},
                                            {{"span", "substr(id,1,6)"},
                                             {"found_by", "found_by"},
                                             {"owner", "owner"},
                                             {"deleted", "coalesce(deleted,0)"}},
                                            {}}));
            }
            sync::must(store.add_tally(tally));
        }
    });
}

std::optional<std::int64_t> tallied_count(sync::Store& store, const CountQuery& q) {
    bool cases = q.table == "cases";
    if (!cases && (!q.stage.empty() || q.unowned_open || q.filter.by != CaseFilter::By::Everyone)) return std::nullopt;
    auto [tally, where] = cases ? tally_for(q.filter) : std::pair<const char*, const char*>{nullptr, ""};
    const std::string name = tally ? tally : tally_of(q.table);
    if (!store.tallied(name)) return std::nullopt;
    std::string sql = "SELECT ifnull(sum(n),0) FROM " + name + " WHERE deleted=?1" + where;
    if (!q.stage.empty()) sql += " AND stage=?2";
    if (q.unowned_open) sql += " AND owner='' AND stage NOT IN ('won','lost','')";
    try {
        sync::Stmt st = store.read(sql);
        st.bind(1, std::int64_t{q.trash ? 1 : 0});
        if (!q.stage.empty()) st.bind(2, q.stage);
        if (cases) bind_filter(st, q.filter, true);
        return st.step() ? std::optional<std::int64_t>(st.integer(0)) : std::nullopt;
    } catch (const sync::Failure&) {
        return std::nullopt;
    }
}

std::int64_t captured_count(sync::Store& store, const std::string& from, const std::string& to,
                            const std::optional<std::string>& user) {
    const std::string mine = user ? " AND (found_by=?9 OR owner=?9)" : "";
    auto sum = [&](const std::string& sql, const std::string& a, const std::string& b) -> std::int64_t {
        sync::Stmt st = store.read(sql);
        st.bind(1, a).bind(2, b);
        if (user) st.bind(9, *user);
        return st.step() ? st.integer(0) : 0;
    };
    const std::string scan = "SELECT count(*) FROM cases WHERE id>=?1 AND id<?2 AND coalesce(deleted,0)=0" + mine;
    const std::string first = from.substr(0, 6), last = to.substr(0, 6);
    if (first.size() < 6 || last.size() < 6 || first >= last || !store.tallied(kCapturedTally))
        return sum(scan, from, to);
    // The spans wholly inside from the tally; the two at the ends, partly inside, from the
    // cases themselves (down the id's index: at most a span's captures each). Every id
    // of a span sorts below the span followed by '~'.
    return sum("SELECT ifnull(sum(n),0) FROM " + std::string(kCapturedTally) +
                   " WHERE span>?1 AND span<?2 AND deleted=0" + mine,
               first, last) +
           sum(scan, from, first + "~") + sum(scan, last, to);
}

sync::Result<Pipeline> pipeline(sync::Store& store, const CaseFilter& filter) {
    return sync::guard([&] {
        std::map<std::string, StageSums> by_stage;
        Pipeline out;
        auto add = [&](const std::string& stage, const std::string& currency, std::int64_t n, std::int64_t value,
                       std::int64_t weighted) {
            StageSums& s = by_stage[stage];
            s.count += static_cast<std::size_t>(n);
            s.value[currency] += value;  // no currency and the default are one
            s.weighted[currency] += weighted;
            if (stage != "won" && stage != "lost") {
                out.open_value[currency] += value;
                out.open_weighted[currency] += weighted;
            }
        };
        if (auto [tally, where] = tally_for(filter); store.tallied(tally)) {
            // Per stage and currency from the tally: its cost does not grow with the cases.
            sync::Stmt st = store.read(std::string("SELECT stage, currency, sum(n), sum(value), sum(weighted) FROM ") +
                                       tally + " WHERE deleted=0" + where + " GROUP BY stage, currency");
            bind_filter(st, filter, true);
            while (st.step())
                add(std::string(st.text(0)), std::string(st.text(1)), st.integer(2), st.integer(3), st.integer(4));
        } else {
            const std::string cur = "coalesce(currency,'" + default_currency() + "')";
            // Grouped by stage alone the sums come in the order of an index over (stage, ...)
            // when there is one, without a sort; only when a stage holds several currencies
            // are they summed again per currency.
            auto sums = [&](bool per_currency) {
                by_stage.clear();
                out.open_value.clear();
                out.open_weighted.clear();
                bool mixed = false;
                sync::Stmt st = store.read("SELECT stage, min(" + cur + "), max(" + cur + "), count(*), coalesce(sum(value),0), "
                                           "coalesce(sum(value * " + probability_sql() + " / 100),0) FROM cases "
                                           "WHERE coalesce(deleted,0)=0" + cases_where(filter) + " GROUP BY stage" +
                                           (per_currency ? ", currency" : ""));
                bind_filter(st, filter, false);
                while (st.step()) {
                    std::string c(st.text(1));
                    mixed = mixed || c != st.text(2);
                    add(std::string(st.text(0)), c, st.integer(3), st.integer(4), st.integer(5));
                }
                return mixed;
            };
            if (sums(false)) sums(true);
        }
        for (const std::string& stage : stages()) {
            StageSums s = std::move(by_stage[stage]);
            s.stage = stage;
            out.stages.push_back(std::move(s));
        }
        return out;
    });
}

sync::Status update_case(sync::Store& store, const std::string& case_id, sync::Fields fields, const Actor& actor) {
    std::optional<std::string> stage, reason;
    for (auto it = fields.begin(); it != fields.end();) {
        if (it->first == "stage" || it->first == "lost_reason") {
            (it->first == "stage" ? stage : reason) = sync::to_display(it->second);
            it = fields.erase(it);
        } else {
            ++it;
        }
    }
    if (reason && !stage) fields.emplace_back("lost_reason", sync::text(*reason));
    return sync::guard_status([&] {
        sync::Store::Batch batch(store);
        if (stage) sync::must(move_stage(store, case_id, *stage, reason.value_or(""), actor));
        if (!fields.empty()) sync::must(store.update("cases", case_id, std::move(fields)));
        sync::must(batch.commit());
    });
}

sync::Result<std::string> record_stage_change(sync::Store& store, const StageChange& c) {
    sync::Fields sc = {{"account_id", sync::text(c.account_id)}, {"case_id", sync::text(c.case_id)},
                       {"to_stage", sync::text(c.to)}, {"at", sync::text(sync::utc_text(c.at_seconds, "%Y-%m-%dT%H:%M:%SZ"))}};
    if (!c.from.empty()) sc.emplace_back("from_stage", sync::text(c.from));
    if (!c.by_user.empty()) sc.emplace_back("by_user", sync::text(c.by_user));
    return store.create("stage_changes", std::move(sc));
}

sync::Result<bool> move_stage(sync::Store& store, const std::string& case_id, const std::string& stage,
                              const std::string& lost_reason, const Actor& actor, StageMove* done) {
    auto c = store.get("cases", case_id);
    if (!c.ok()) return c.error();
    const std::string from = sync::to_display((*c)["stage"]);
    if (from == stage) return false;
    if (!sync::default_probability(stage))
        return sync::field_error(sync::Code::Invalid, "unknown stage '" + stage + "'", "cases.stage", "choice");
    const std::string account = sync::to_display((*c)["account_id"]);
    const auto seconds = static_cast<std::int64_t>(actor.now_ms / 1000);
    return sync::guard([&] {
        sync::Store::Batch batch(store);
        auto must = [](const sync::Status& st) {
            if (!st.ok()) throw sync::Failure{st.error()};
        };
        sync::Fields f = {{"stage", sync::text(stage)}};
        // A probability typed by hand stays; one that was the old stage's default follows.
        const sync::Value& p = (*c)["probability"];
        bool manual = std::holds_alternative<std::int64_t>(p) && sync::default_probability(from) &&
                      std::get<std::int64_t>(p) != *sync::default_probability(from);
        static const sync::Value kNone;  // the field emptied: the stage's default applies
        if (!manual || stage == "won" || stage == "lost") f.emplace_back("probability", kNone);
        if (stage == "lost" && !lost_reason.empty()) f.emplace_back("lost_reason", sync::text(lost_reason));
        must(store.update("cases", case_id, f));
        StageMove move{case_id, from, stage, p, (*c)["lost_reason"], {}, {}};
        move.stage_change_id = sync::must(record_stage_change(store, {account, case_id, from, stage, actor.user_id, seconds}));
        if (stage == "offer" || stage == "won" || stage == "lost") {
            sync::Fields af = {{"type", sync::text(stage)}, {"account_id", sync::text(account)},
                               {"case_id", sync::text(case_id)}, {"date", sync::text(sync::utc_text(seconds, "%Y-%m-%d"))}};
            if (auto* contact = std::get_if<std::string>(&(*c)["contact_id"])) af.emplace_back("contact_id", sync::text(*contact));
            if (!actor.user_id.empty()) af.emplace_back("by_user", sync::text(actor.user_id));
            move.activity_id = sync::must(store.create("activities", af));
        }
        must(batch.commit());
        if (done) *done = std::move(move);
        return true;
    });
}

sync::Status undo_move(sync::Store& store, const StageMove& move) {
    auto c = store.get("cases", move.case_id);
    if (!c.ok()) return c.error();
    if (sync::to_display((*c)["stage"]) != move.to || move.from.empty())
        return sync::Error{sync::Code::Forbidden, "the case has moved on since"};
    return sync::guard_status([&] {
        sync::Store::Batch batch(store);
        sync::must(store.update("cases", move.case_id, {{"stage", sync::text(move.from)},
                                                        {"probability", move.probability},
                                                        {"lost_reason", move.lost_reason}}));
        for (auto [table, id] : {std::pair{"stage_changes", move.stage_change_id}, {"activities", move.activity_id}})
            if (!id.empty()) sync::must(store.remove(table, id));
        sync::must(batch.commit());
    });
}

std::vector<std::string> policy_flags(const std::string& policy, const std::string& competitor_group,
                                      const std::optional<std::string>& active_rival, bool new_account) {
    std::vector<std::string> flags;
    if (!new_account && (policy == "inbound-only" || policy == "blocked")) flags.push_back("policy:" + policy);
    if (new_account && !competitor_group.empty() && active_rival)
        flags.push_back("competitor:" + competitor_group + ":" + *active_rival);
    return flags;
}

sync::Result<std::vector<std::string>> active_rivals(sync::Store& device, const std::string& group,
                                                     const std::string& except_id, std::size_t limit) {
    return sync::guard([&] {
        std::vector<std::string> out;
        if (group.empty()) return out;
        sync::Stmt q = device.read(
            "SELECT name FROM accounts WHERE competitor_group=?1 AND id<>?2 AND policy='active' "
            "AND coalesce(deleted,0)=0 ORDER BY id LIMIT ?3");
        q.bind(1, group).bind(2, except_id).bind(3, static_cast<std::int64_t>(limit));
        while (q.step()) out.emplace_back(q.text(0));
        return out;
    });
}

sync::Result<std::vector<std::string>> active_rivals(sync::HubStore& hub, const std::string& group,
                                                     const std::string& except_id, std::size_t limit) {
    return sync::guard([&] {
        std::vector<std::string> out;
        if (group.empty()) return out;
        // Every live account of the group, filtered here (a group holds a handful).
        for (const sync::Record& a : sync::must(hub.find("accounts", "competitor_group", sync::text(group), 10000))) {
            if (out.size() >= limit) break;
            if (a.id != except_id && sync::to_display(a["policy"]) == "active") out.push_back(sync::to_display(a["name"]));
        }
        return out;
    });
}

sync::Result<std::vector<FollowUpDue>> follow_ups_due(sync::Store& store, const std::string& user_id,
                                                      const std::string& up_to, std::size_t limit) {
    return sync::guard([&] {
        // ?1 the user ("" anyone), ?2 the last due date, ?3 the limit. Each part of the
        // cases' side reads an index over (owner or finder, follow-up date), so its cost
        // follows this person's due cases, not the cases on the device.
        const std::string open_case = " AND c.follow_up IS NOT NULL AND c.follow_up<=?2 AND coalesce(c.deleted,0)=0"
                                      " AND c.stage NOT IN ('won','lost')";
        const std::string cases_part = " SELECT 'cases', c.id, c.title, c.account_id, c.id, c.follow_up FROM cases c WHERE ";
        sync::Stmt st = store.read(
            "SELECT x.*, a.name FROM ("
            " SELECT 'follow_ups', f.id, f.summary, f.account_id, CASE WHEN f.related_kind='case' THEN f.related_id END,"
            "  f.due FROM follow_ups f"
            " LEFT JOIN cases c ON f.related_kind='case' AND c.id=f.related_id"
            " WHERE coalesce(f.deleted,0)=0 AND coalesce(f.status,'open')='open' AND f.due IS NOT NULL AND f.due<=?2"
            "  AND (?1='' OR f.assignee=?1 OR (f.assignee IS NULL AND (c.owner=?1 OR (c.owner IS NULL AND c.found_by=?1))))"
            " UNION ALL" + cases_part + "?1<>'' AND c.owner=?1" + open_case +
            " UNION ALL" + cases_part + "?1<>'' AND c.owner IS NULL AND c.found_by=?1" + open_case +
            " UNION ALL" + cases_part + "?1=''" + open_case +
            ") x LEFT JOIN accounts a ON a.id=x.account_id ORDER BY 6, 1, 2 LIMIT ?3");
        st.bind(1, user_id).bind(2, up_to).bind(3, static_cast<std::int64_t>(limit));
        std::vector<FollowUpDue> out;
        while (st.step()) {
            FollowUpDue d;
            d.table = std::string(st.text(0));
            d.id = std::string(st.text(1));
            d.title = std::string(st.text(2));
            d.account_id = std::string(st.text(3));
            if (!st.is_null(4)) d.case_id = std::string(st.text(4));
            d.due = std::string(st.text(5));
            if (!st.is_null(6)) d.account_name = std::string(st.text(6));
            out.push_back(std::move(d));
        }
        return out;
    });
}

bool valid_mail_address(std::string_view a) {
    if (a.empty() || a.size() > 254) return false;
    auto at = a.find('@');
    if (at == 0 || at == std::string_view::npos || a.find('@', at + 1) != std::string_view::npos) return false;
    std::string_view domain = a.substr(at + 1);
    if (domain.size() < 3 || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
        domain.back() == '.' || domain.find("..") != std::string_view::npos)
        return false;
    for (unsigned char c : a)
        if (c <= ' ' || c == 0x7f || std::string_view("<>()[],;:\"\\").find(static_cast<char>(c)) != std::string_view::npos)
            return false;
    return true;
}

std::string mail_prefs_problem(const std::string& address, const std::string& mode, int hour, int utc_offset_min,
                               const std::string& lang) {
    if (mode != "instant" && mode != "daily" && mode != "none") return "mode must be instant, daily or none";
    if (!address.empty() && !valid_mail_address(address)) return "address must be one e-mail address (name@example.com)";
    if (mode != "none" && address.empty()) return "an address is needed for mail";
    if (hour < 0 || hour > 23) return "hour must be 0-23";
    if (utc_offset_min < -14 * 60 || utc_offset_min > 14 * 60) return "utc_offset_min must be -840 to 840";
    if (lang != "en" && lang != "sv" && lang != "da") return "lang must be en, sv or da";
    return "";
}

}  // namespace fika::rules
