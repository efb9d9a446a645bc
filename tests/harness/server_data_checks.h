// Checks of the server's storage (ServerData) that every engine must pass: the SQLite
// file (server_unit_tests) and PostgreSQL (pg_tests) run the same ones.
#pragma once

#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

#include "storage/server_data.h"

namespace fika::test {

// A group of syncs is noted at once: a device that synced twice in it counts twice, shows
// its later user agent, and keeps the position of its last push (a later pull-only sync
// does not forget it: another instance waits on it for the device's next push).
inline void check_devices_synced(server::ServerData& data) {
    server::User u;
    u.id = "0000000a-0000-7000-8000-000000000001";
    u.name = "anna";
    REQUIRE(data.insert_user(u, "hash-of-annas-token").ok());
    auto by_site = [&] {
        auto list = data.devices(u.id);
        REQUIRE(list.ok());
        std::map<std::string, server::Device> out;
        for (server::Device& d : *list) out[d.site] = d;
        return out;
    };
    REQUIRE(data.devices_synced({}, 1000).ok());  // a group of nothing notes nothing
    CHECK(by_site().empty());

    REQUIRE(data.devices_synced({{"phone", u.id, "Fika/1 phone", 5},
                                 {"laptop", u.id, "Fika/1 laptop", std::nullopt},
                                 {"phone", u.id, "Fika/2 phone", std::nullopt}},
                                1000)
                .ok());
    auto d = by_site();
    REQUIRE(d.size() == 2);
    CHECK(d["phone"].syncs == 2);
    CHECK(d["phone"].user_agent == "Fika/2 phone");
    CHECK(d["phone"].first_seen_ms == 1000);
    CHECK(d["phone"].last_sync_ms == 1000);
    CHECK(d["laptop"].syncs == 1);
    CHECK(d["phone"].user_name == "anna");
    CHECK(data.pushed_upto("phone").value() == std::optional<std::uint64_t>(5));
    CHECK(data.pushed_upto("laptop").value() == std::nullopt);

    REQUIRE(data.devices_synced({{"phone", u.id, "Fika/2 phone", 7}, {"phone", u.id, "Fika/2 phone", 9}}, 2000).ok());
    d = by_site();
    CHECK(d["phone"].syncs == 4);
    CHECK(d["phone"].first_seen_ms == 1000);
    CHECK(d["phone"].last_sync_ms == 2000);
    CHECK(d["laptop"].last_sync_ms == 1000);
    CHECK(data.pushed_upto("phone").value() == std::optional<std::uint64_t>(9));
}

// What a sync is checked against comes in one read: the device's orders as an admin left
// them, and the user's grants only when asked for (a seller's or admin's are not read).
inline void check_sync_checks(server::ServerData& data) {
    server::User u;
    u.id = "0000000a-0000-7000-8000-000000000002";
    u.name = "bo";
    REQUIRE(data.insert_user(u, "hash-of-bos-token").ok());

    auto unknown = data.sync_checks("0123456789abcdef", u.id, true);
    REQUIRE(unknown.ok());
    CHECK_FALSE(unknown->orders.wiped);
    CHECK_FALSE(unknown->orders.sign_out);
    CHECK(unknown->orders.user_id.empty());  // never seen
    CHECK(unknown->grants.empty());

    REQUIRE(data.add_grant(u.id, "acct-1").ok());
    REQUIRE(data.add_grant(u.id, "acct-2").ok());
    REQUIRE(data.devices_synced({{"0123456789abcdef", u.id, "Fika/1", std::nullopt}}, 1000).ok());
    auto seen = data.sync_checks("0123456789abcdef", u.id, true);
    REQUIRE(seen.ok());
    CHECK(seen->orders.user_id == u.id);
    CHECK_FALSE(seen->orders.enrolled);
    CHECK(seen->grants == std::set<std::string>{"acct-1", "acct-2"});
    auto without = data.sync_checks("0123456789abcdef", u.id, false);
    REQUIRE(without.ok());
    CHECK(without->grants.empty());  // not asked for

    REQUIRE(data.ask_sign_out("0123456789abcdef", 2000).ok());
    REQUIRE(data.remove_grant(u.id, "acct-1").ok());
    auto told = data.sync_checks("0123456789abcdef", u.id, true);
    REQUIRE(told.ok());
    CHECK(told->orders.sign_out);
    CHECK_FALSE(told->orders.wiped);
    CHECK(told->grants == std::set<std::string>{"acct-2"});

    REQUIRE(data.wipe_device("0123456789abcdef", "stolen", 3000).ok());
    auto wiped = data.device_orders("0123456789abcdef");
    REQUIRE(wiped.ok());
    CHECK(wiped->wiped == std::optional<std::string>("stolen"));
}

}  // namespace fika::test
