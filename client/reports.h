// Numbers computed from activities and cases, never typed in (product.md "Numbers"):
// the funnel with its conversion rates, and a consultant's week. Shared by fika-cli and
// the app; they read the local replica, so they work offline.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
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

}  // namespace fika::client
