// Numbers computed from activities and cases, never typed in (product.md "Numbers"):
// the funnel with its conversion rates, and a consultant's week. Shared by fika-cli and
// the app; they read the local replica, so they work offline.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store.h"

namespace fika::client {

struct FunnelQuery {
    std::optional<std::string> from, to;  // inclusive dates YYYY-MM-DD
    std::optional<std::string> user;      // a user id: the activities it logged, and the results it found
};

struct Funnel {
    std::int64_t conversations = 0, meetings = 0, phone_meetings = 0, offers = 0, won = 0, lost = 0;
    std::map<std::string, std::int64_t> won_value;  // by currency
    // meetings (of both kinds) per conversation, offers per meeting, wins per offer;
    // nullopt when the denominator is zero.
    std::optional<double> meeting_rate, offer_rate, win_rate;
};

// Counts activities by type in the period (deleted ones excluded). Won value: the value
// of each case that has a `won` activity in the period, once per case.
// A user is credited with what it logged and with the results (offer, won, lost) on the
// cases it found, whoever logged them: consultants identify, sellers close, and both
// count the win (product.md "found-by consultant (credited)").
sync::Result<Funnel> funnel(sync::Store& store, const FunnelQuery& q);
// The same per user, for the "per user" view. An offer a seller logs on a case a
// consultant found counts for both, so the users' figures may add up to more than the
// team's.
sync::Result<std::map<std::string, Funnel>> funnel_by_user(sync::Store& store, const FunnelQuery& q);

std::string funnel_json(const Funnel& f);

// The return on a programme (product.md: "programme cost 0.5 M vs identified pipeline 3 M
// in the first quarter vs estimated earnings 2 M"), computed from the records:
// - identified: the cases created in the programme's period (a case's id is a UUIDv7, so
//   it carries the moment it was captured), whatever has become of them since;
// - pipeline: the estimated value of those not lost; earnings: the value of those won
//   plus the open ones weighted by probability;
// - funnel: the activities dated in the period.
// A programme without a start or an end is open on that side. Money is by currency.
struct ProgrammeReturn {
    std::string id, name, currency, period_start, period_end;
    std::int64_t cost = 0;
    std::int64_t cases = 0, won_cases = 0, lost_cases = 0;
    std::map<std::string, std::int64_t> pipeline, earnings;
    Funnel funnel;
    // earnings per unit of cost when everything is in the programme's currency
    std::optional<double> return_ratio;
};
// Every live programme, the newest period first.
sync::Result<std::vector<ProgrammeReturn>> programme_returns(sync::Store& store);
std::string programme_returns_json(const std::vector<ProgrammeReturn>& r);

// The pipeline over time: for each of the `months` calendar months (UTC) up to and
// including the one holding `today` (YYYY-MM-DD), oldest first, the cases captured in it
// (by their UUIDv7 ids) and the stage changes into each stage made in it. With `user`,
// only the cases that user found or owns. Reads ranges of ids and of stage-change times
// (the app indexes them), never every case.
struct MonthFlow {
    std::string month;  // YYYY-MM
    std::int64_t captured = 0;
    std::map<std::string, std::int64_t> reached;  // stage -> cases moved into it
};
sync::Result<std::vector<MonthFlow>> pipeline_by_month(sync::Store& store, const std::string& today, int months,
                                                       const std::optional<std::string>& user = std::nullopt);

// The date (YYYY-MM-DD, UTC like client::today(), the default date of an activity) a
// record id of UUIDv7 form was made on; "" when the id is not a UUIDv7.
std::string id_date(std::string_view id);

}  // namespace fika::client
