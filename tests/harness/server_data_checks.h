// Checks of the server's storage (ServerData) that every engine must pass: the SQLite
// file (server_unit_tests) and PostgreSQL (pg_tests) run the same ones.
#pragma once

#include <catch2/catch.hpp>

#include <map>
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

}  // namespace fika::test
