#include "reports.h"

#include <nlohmann/json.hpp>

#include <set>

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
    sync::Stmt s = store.db().prepare(sql);
    if (q.from) s.bind(1, *q.from);
    if (q.to) s.bind(2, *q.to);
    if (q.user) s.bind(3, *q.user);
    while (s.step()) {
        std::string case_id = s.is_null(2) ? "" : std::string(s.text(2));
        bool has_value = !s.is_null(3) && s.integer(5) == 0;
        fn(std::string(s.text(0)), std::string(s.text(1)), std::string(s.text(6)), case_id, has_value ? s.integer(3) : 0,
           s.is_null(4) ? std::string("DKK") : std::string(s.text(4)));
    }
}

}  // namespace

sync::Result<Funnel> funnel(sync::Store& store, const FunnelQuery& q) {
    return sync::guard([&] {
        Funnel f;
        std::set<std::string> won_cases;
        each_activity(store, q, [&](const std::string& type, const std::string&, const std::string&,
                                    const std::string& case_id, std::int64_t value, const std::string& currency) {
            count(f, type);
            if (type == "won" && !case_id.empty() && won_cases.insert(case_id).second) f.won_value[currency] += value;
        });
        finish(f);
        return f;
    });
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

}  // namespace fika::client
