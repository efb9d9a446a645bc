// A device for the server suites: an engine store in a temporary directory with the real
// sync client, signed in to a server with a token; and small helpers for HTTP checks.
// Include after <catch2/catch.hpp>.
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "protocol.h"
#include "store.h"
#include "sync_client.h"
#include "testutil.h"

namespace fika::test {

struct SyncDevice {
    TempDir dir;
    std::unique_ptr<sync::Store> store;
    std::unique_ptr<client::SyncClient> client;

    // `tweak` changes the sync client's settings (page sizes...).
    SyncDevice(const std::string& url, const std::string& token,
               const std::function<void(client::ServerConfig&)>& tweak = {}) {
        auto s = sync::Store::open(dir.file("device.db"));
        REQUIRE(s.ok());
        store = std::move(s).value();
        client::ServerConfig cfg;
        cfg.url = url;
        cfg.token = token;
        cfg.read_timeout_s = 20;
        if (tweak) tweak(cfg);
        client = std::make_unique<client::SyncClient>(*store, cfg);
    }

    client::SyncReport sync() {
        auto r = client->sync_once();
        INFO((r.ok() ? "" : r.failure->code + ": " + r.failure->message));
        REQUIRE(r.ok());
        return *r.value;
    }

    std::string account(const std::string& name, const sync::Fields& extra = {}) {
        sync::Fields f = {{"name", sync::text(name)}};
        f.insert(f.end(), extra.begin(), extra.end());
        auto id = store->create("accounts", f);
        REQUIRE(id.ok());
        return *id;
    }

    std::string add(const std::string& table, const sync::Fields& f) {
        auto id = store->create(table, f);
        INFO((id.ok() ? "" : id.error().message));
        REQUIRE(id.ok());
        return *id;
    }

    bool has(const std::string& table, const std::string& id) { return store->get(table, id).ok(); }

    // Sends what is unsent `times` times as one raw push, as if its answers were lost
    // (the device does not hear of them: a sync() afterwards sends it again).
    void push_again(httplib::Client& c, const std::string& token, int times) {
        auto batch = store->pending();
        REQUIRE(batch.ok());
        sync::SyncRequest req;
        req.site = store->site();
        req.hlc = store->hlc_last();
        req.has_push = true;
        req.push_upto = batch->upto;
        req.push = batch->changes;
        for (int i = 0; i < times; ++i) {
            auto r = c.Post("/v1/sync", {{"Authorization", "Bearer " + token}}, sync::encode_request(req), "application/json");
            REQUIRE(r);
            CHECK(r->status == 200);
        }
    }

    // Signs in with another token (an enrolled device's own).
    void use_token(const std::string& url, const std::string& token) {
        client::ServerConfig cfg;
        cfg.url = url;
        cfg.token = token;
        cfg.read_timeout_s = 20;
        client = std::make_unique<client::SyncClient>(*store, cfg);
    }
};

inline httplib::Headers auth(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

inline nlohmann::json body_json(const httplib::Result& r) {
    REQUIRE(r);
    auto j = nlohmann::json::parse(r->body, nullptr, false);
    INFO(r->body);
    REQUIRE(!j.is_discarded());
    return j;
}

// Asks pred every 50 ms until it holds or ms have passed.
template <typename Pred>
bool holds_within(Pred pred, int ms) {
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < end) {
        if (pred()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return pred();
}

}  // namespace fika::test
