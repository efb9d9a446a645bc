#include "reports.h"

#include "rules.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <set>

#include "export.h"
#include "sqlite.h"

namespace fika::client {

namespace {

void finish(Funnel& f) {
    std::int64_t all_meetings = f.meetings + f.phone_meetings;
    if (f.conversations) f.meeting_rate = static_cast<double>(all_meetings) / static_cast<double>(f.conversations);
    if (all_meetings) f.offer_rate = static_cast<double>(f.offers) / static_cast<double>(all_meetings);
    if (f.offers) f.win_rate = static_cast<double>(f.won) / static_cast<double>(f.offers);
}

void count(Funnel& f, const std::string& type) {
    if (type == "conversation") ++f.conversations;
    else if (type == "meeting") ++f.meetings;
    else if (type == "phone-meeting") ++f.phone_meetings;
    else if (type == "offer") ++f.offers;
    else if (type == "won") ++f.won;
    else if (type == "lost") ++f.lost;
}

bool is_result(const std::string& type) { return type == "offer" || type == "won" || type == "lost"; }

// fn(type, logged_by, found_by, case_id, value, currency) for each activity in the query.
template <typename Fn>
void each_activity(sync::Store& store, const FunnelQuery& q, Fn fn) {
    std::string sql =
        "SELECT a.type, coalesce(a.by_user,''), a.case_id, c.value, c.currency, coalesce(c.deleted,0), "
        "coalesce(c.found_by,'') "
        "FROM activities a LEFT JOIN cases c ON c.id = a.case_id WHERE coalesce(a.deleted,0)=0";
    if (q.from) sql += " AND a.date >= ?1";
    if (q.to) sql += " AND a.date <= ?2";
    if (q.user) sql += " AND (a.by_user = ?3 OR (a.type IN ('offer','won','lost') AND c.found_by = ?3))";
    sync::Stmt s = store.read(sql);
    if (q.from) s.bind(1, *q.from);
    if (q.to) s.bind(2, *q.to);
    if (q.user) s.bind(3, *q.user);
    while (s.step()) {
        std::string case_id = s.is_null(2) ? "" : std::string(s.text(2));
        bool has_value = !s.is_null(3) && s.integer(5) == 0;
        fn(std::string(s.text(0)), std::string(s.text(1)), std::string(s.text(6)), case_id, has_value ? s.integer(3) : 0,
           s.is_null(4) ? rules::default_currency() : std::string(s.text(4)));
    }
}

Funnel count_funnel(sync::Store& store, const FunnelQuery& q) {
    Funnel f;
    std::set<std::string> won_cases;
    each_activity(store, q, [&](const std::string& type, const std::string&, const std::string&,
                                const std::string& case_id, std::int64_t value, const std::string& currency) {
        count(f, type);
        if (type == "won" && !case_id.empty() && won_cases.insert(case_id).second) f.won_value[currency] += value;
    });
    finish(f);
    return f;
}

}  // namespace


sync::Result<Funnel> funnel(sync::Store& store, const FunnelQuery& q) {
    return sync::guard([&] { return count_funnel(store, q); });
}

sync::Result<std::map<std::string, Funnel>> funnel_by_user(sync::Store& store, const FunnelQuery& q) {
    return sync::guard([&] {
        std::map<std::string, Funnel> out;
        std::map<std::string, std::set<std::string>> won_cases;
        each_activity(store, q, [&](const std::string& type, const std::string& logged_by, const std::string& found_by,
                                    const std::string& case_id, std::int64_t value, const std::string& currency) {
            auto credit = [&](const std::string& user) {
                if (q.user && user != *q.user) return;
                Funnel& f = out[user];
                count(f, type);
                if (type == "won" && !case_id.empty() && won_cases[user].insert(case_id).second)
                    f.won_value[currency] += value;
            };
            credit(logged_by);
            if (is_result(type) && !found_by.empty() && found_by != logged_by) credit(found_by);
        });
        for (auto& [u, f] : out) finish(f);
        return out;
    });
}

std::string funnel_json(const Funnel& f) {
    auto rate = [](const std::optional<double>& r) { return r ? nlohmann::json(*r) : nlohmann::json(nullptr); };
    nlohmann::json j = {{"conversations", f.conversations}, {"meetings", f.meetings},
                        {"phone_meetings", f.phone_meetings}, {"offers", f.offers},
                        {"won", f.won}, {"lost", f.lost}, {"won_value", f.won_value},
                        {"meeting_rate", rate(f.meeting_rate)}, {"offer_rate", rate(f.offer_rate)},
                        {"win_rate", rate(f.win_rate)}};
    return j.dump();
}

namespace {
// The smallest UUIDv7 text made at `ms` or later: ids sort as text in time order.
std::string uuid_floor(std::int64_t ms) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "%012llx", static_cast<unsigned long long>(ms));
    return std::string(hex, 8) + "-" + std::string(hex + 8, 4);
}
}  // namespace

sync::Result<std::vector<MonthFlow>> pipeline_by_month(sync::Store& store, const std::string& today, int months,
                                                       const std::optional<std::string>& user) {
    using namespace std::chrono;
    int y = 0, m = 0;
    if (months < 1 || months > 120 || std::sscanf(today.c_str(), "%d-%d", &y, &m) != 2 || m < 1 || m > 12)
        return sync::Error{sync::Code::Invalid, "a date YYYY-MM-DD and 1 to 120 months"};
    return sync::guard([&] {
        std::vector<MonthFlow> out;
        std::vector<std::int64_t> starts;  // ms of each month's first day, and of the one after the last
        year_month first = year{y} / month{static_cast<unsigned>(m)} - std::chrono::months(months - 1);
        for (int i = 0; i <= months; ++i) {
            year_month ym = first + std::chrono::months(i);
            starts.push_back(duration_cast<milliseconds>(sys_days{ym / 1}.time_since_epoch()).count());
            if (i < months) {
                char label[16];
                std::snprintf(label, sizeof label, "%04d-%02u", static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
                out.push_back({label, 0, {}});
            }
        }
        const std::string mine = user ? " AND (c.found_by=?9 OR c.owner=?9)" : "";
        for (int i = 0; i < months; ++i)
            out[static_cast<std::size_t>(i)].captured =
                rules::captured_count(store, uuid_floor(starts[static_cast<std::size_t>(i)]),
                                      uuid_floor(starts[static_cast<std::size_t>(i) + 1]), user);
        sync::Stmt moves = store.read(
            "SELECT substr(sc.at,1,7), sc.to_stage, count(*) FROM stage_changes sc" +
            std::string(user ? " JOIN cases c ON c.id=sc.case_id" : "") +
            " WHERE sc.at>=?1 AND sc.at<?2 AND coalesce(sc.deleted,0)=0" + mine + " GROUP BY 1, 2");
        moves.bind(1, out.front().month + "-01").bind(2, sync::utc_text(starts.back() / 1000, "%Y-%m-%d"));
        if (user) moves.bind(9, *user);
        while (moves.step()) {
            const std::string month(moves.text(0));
            for (MonthFlow& f : out)
                if (f.month == month) f.reached[std::string(moves.text(1))] += moves.integer(2);
        }
        return out;
    });
}

std::string id_date(std::string_view id) {
    auto ms = sync::uuid_v7_ms(id);
    return ms ? sync::utc_text(static_cast<std::int64_t>(*ms / 1000), "%Y-%m-%d") : std::string();
}

sync::Result<std::vector<ProgrammeReturn>> programme_returns(sync::Store& store) {
    return sync::guard([&] {
        std::vector<ProgrammeReturn> out;
        sync::Stmt p = store.read(
            "SELECT id, coalesce(name,''), coalesce(cost,0), coalesce(currency,'" + rules::default_currency() + "'), coalesce(period_start,''), "
            "coalesce(period_end,'') FROM programmes WHERE coalesce(deleted,0)=0 "
            "ORDER BY coalesce(period_start,'') DESC, id DESC");
        while (p.step()) {
            ProgrammeReturn r;
            r.id = std::string(p.text(0));
            r.name = std::string(p.text(1));
            r.cost = p.integer(2);
            r.currency = std::string(p.text(3));
            r.period_start = std::string(p.text(4));
            r.period_end = std::string(p.text(5));
            out.push_back(std::move(r));
        }
        if (out.empty()) return out;

        struct Case {
            std::string date, currency, stage;
            std::int64_t value = 0, weighted = 0;
        };
        std::vector<Case> cases;
        sync::Stmt c = store.read(
            "SELECT id, coalesce(value,0), coalesce(currency,'" + rules::default_currency() + "'), coalesce(stage,'" +
            rules::stages().front() + "'), coalesce(value,0) * " + rules::probability_sql() +
            " / 100 FROM cases WHERE coalesce(deleted,0)=0");
        while (c.step()) {
            std::string date = id_date(c.text(0));
            if (date.empty()) continue;
            cases.push_back({std::move(date), std::string(c.text(2)), std::string(c.text(3)), c.integer(1), c.integer(4)});
        }

        for (ProgrammeReturn& r : out) {
            auto in_period = [&](const std::string& date) {
                return (r.period_start.empty() || date >= r.period_start) && (r.period_end.empty() || date <= r.period_end);
            };
            for (const Case& k : cases) {
                if (!in_period(k.date)) continue;
                ++r.cases;
                if (k.stage == "lost") {
                    ++r.lost_cases;
                    continue;
                }
                r.pipeline[k.currency] += k.value;
                if (k.stage == "won") ++r.won_cases;
                r.earnings[k.currency] += k.stage == "won" ? k.value : k.weighted;
            }
            FunnelQuery q;
            if (!r.period_start.empty()) q.from = r.period_start;
            if (!r.period_end.empty()) q.to = r.period_end;
            r.funnel = count_funnel(store, q);
            bool one_currency = r.earnings.empty() || (r.earnings.size() == 1 && r.earnings.count(r.currency));
            if (r.cost > 0 && one_currency)
                r.return_ratio = static_cast<double>(r.earnings.empty() ? 0 : r.earnings[r.currency]) /
                                 static_cast<double>(r.cost);
        }
        return out;
    });
}

std::string programme_returns_json(const std::vector<ProgrammeReturn>& rs) {
    nlohmann::json out = nlohmann::json::array();
    for (const ProgrammeReturn& r : rs) {
        auto orNull = [](const std::string& v) { return v.empty() ? nlohmann::json(nullptr) : nlohmann::json(v); };
        out.push_back({{"id", r.id}, {"name", r.name}, {"cost", r.cost}, {"currency", r.currency},
                       {"period_start", orNull(r.period_start)}, {"period_end", orNull(r.period_end)},
                       {"cases", r.cases}, {"won_cases", r.won_cases}, {"lost_cases", r.lost_cases},
                       {"pipeline", r.pipeline}, {"earnings", r.earnings},
                       {"return", r.return_ratio ? nlohmann::json(*r.return_ratio) : nlohmann::json(nullptr)},
                       {"funnel", nlohmann::json::parse(funnel_json(r.funnel))}});
    }
    return out.dump();
}

}  // namespace fika::client
