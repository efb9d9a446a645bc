// The server's units in process, on the embedded storage in a temporary directory: the
// sync service with authorisation and notifications, the admin's commands, the access
// log. Devices are real device stores; the round trip is the sync service's, without HTTP.
#include <catch2/catch.hpp>

#include <atomic>
#include <set>
#include <thread>
#include <ctime>

#include "enrolment.h"
#include "mail.h"
#include "rules.h"
#include "server_data_checks.h"
#include "server_store.h"
#include "storage/sqlite_storage.h"
#include "store.h"
#include "testutil.h"

using namespace fika;
using fika::test::TempDir;

namespace {

struct Core {
    TempDir dir;
    std::unique_ptr<server::ServerStore> store;
    explicit Core(bool webhook = false, bool mail = false) {
        server::ServerStoreOptions o;
        o.webhook = webhook;
        o.mail = mail;
        auto s = server::open_sqlite_store(dir.file("data"), o);
        INFO((s.ok() ? "" : s.error().message));
        REQUIRE(s.ok());
        store = std::move(s).value();
    }
    server::User add(const std::string& name, server::UserRole role) {
        auto u = store->add_user(name, role);
        REQUIRE(u.ok());
        return u->first;
    }
};

struct Device {
    TempDir dir;
    std::unique_ptr<sync::Store> store;
    Device() {
        auto s = sync::Store::open(dir.file("device.db"));
        REQUIRE(s.ok());
        store = std::move(s).value();
    }
    // One round trip: push everything unsent, pull every readable bucket.
    server::SyncOutcome sync(server::ServerStore& core, const server::User& u, bool repeat_push = false) {
        auto batch = store->pending(1000);
        REQUIRE(batch.ok());
        sync::SyncRequest req;
        req.site = store->site();
        req.has_push = batch->upto > 0;
        req.push = batch->changes;
        req.push_upto = batch->upto;
        req.has_pull = true;
        auto cursors = store->cursors();
        REQUIRE(cursors.ok());
        req.cursors = *cursors;
        auto out = core.sync(u, req, {"units"});
        INFO((out.ok() ? "" : out.error().message));
        REQUIRE(out.ok());
        if (repeat_push) {  // the answer was lost on the way: the device sends it again
            auto again = core.sync(u, req, {"units"});
            REQUIRE(again.ok());
            CHECK(again->notifications.empty());
        }
        if (batch->upto) REQUIRE(store->ack(batch->upto, out->response.refused).ok());
        for (const sync::BucketPage& p : out->response.pages)
            REQUIRE(store->apply_page(p.bucket, p.changes, p.to, p.more).ok());
        for (const std::string& b : out->response.purge) REQUIRE(store->purge_bucket(b).ok());
        return std::move(out).value();
    }
};

}  // namespace

TEST_CASE("units: a consultant's new case reaches each seller once however often the push is retried") {
    Core core;
    auto anna = core.add("anna", server::UserRole::Consultant);
    auto sven = core.add("sven", server::UserRole::Seller);
    auto sara = core.add("sara", server::UserRole::Seller);
    Device phone;
    auto acct = phone.store->create("accounts", {{"name", sync::text("Acme")}});
    REQUIRE(acct.ok());
    REQUIRE(phone.store->create("cases", {{"account_id", sync::text(*acct)}, {"title", sync::text("Roof")}}).ok());
    auto out = phone.sync(*core.store, anna, /*repeat_push=*/true);
    CHECK(out.accepted == 2);
    CHECK(out.refused == 0);
    REQUIRE(out.notifications.size() == 2);  // one per seller
    for (const auto& u : {sven, sara}) {
        auto ns = core.store->notifications(u, false, 10);
        REQUIRE(ns.ok());
        REQUIRE(ns->size() == 1);
        CHECK_THAT((*ns)[0].payload, Catch::Contains("\"kind\":\"new_case\"") && Catch::Contains("\"name\":\"anna\""));
    }
    // The consultant who created the account may read it: it came back in her pull.
    auto readable = core.store->readable_buckets(anna);
    REQUIRE(readable.ok());
    CHECK(std::find(readable->begin(), readable->end(), *acct) != readable->end());
}

TEST_CASE("units: authorisation refuses what a consultant may not write and keeps the rest of the push") {
    Core core;
    auto anna = core.add("anna", server::UserRole::Consultant);
    auto bo = core.add("bo", server::UserRole::Consultant);
    Device annas, bos;
    auto acct = annas.store->create("accounts", {{"name", sync::text("Acme")}});
    REQUIRE(acct.ok());
    annas.sync(*core.store, anna);
    // Bo has no grant to Acme: his case there is refused, his own account is taken.
    auto theirs = bos.store->create("accounts", {{"id", sync::text(*acct)}, {"name", sync::text("Acme (copy)")}});
    REQUIRE(theirs.ok());
    auto own = bos.store->create("accounts", {{"name", sync::text("Bo's own")}});
    REQUIRE(own.ok());
    auto out = bos.sync(*core.store, bo);
    CHECK(out.refused == 1);
    CHECK(out.accepted == 1);
    REQUIRE(out.response.refused.size() == 1);
    CHECK(out.response.refused[0].error.code == sync::Code::Forbidden);
    // A consultant may not change the users directory; an admin's grant opens Acme to Bo.
    REQUIRE(core.store->grant("bo", *acct).ok());
    CHECK(core.store->can_read(bo, *acct));
    CHECK(core.store->revoke("bo", "0190c5a2-0000-7000-8000-0000000000ff").code() == sync::Code::NotFound);
}

TEST_CASE("units: the admin's commands - users, tokens, a person's export and erasure in the access log") {
    Core core(/*webhook=*/true);
    auto added = core.store->add_user("maja", server::UserRole::Admin);
    REQUIRE(added.ok());
    CHECK(core.store->add_user("maja", server::UserRole::Admin).code() == sync::Code::Invalid);
    CHECK(core.store->add_user("no spaces", server::UserRole::Admin).code() == sync::Code::Invalid);
    auto who = core.store->token_owner(added->second);
    REQUIRE(who.ok());
    REQUIRE(who->has_value());
    CHECK((*who)->user.name == "maja");
    auto rotated = core.store->rotate_token("maja");
    REQUIRE(rotated.ok());
    CHECK_FALSE(core.store->token_owner(added->second)->has_value());
    CHECK(core.store->token_owner(*rotated)->has_value());
    REQUIRE(core.store->set_disabled("maja", true).ok());
    CHECK(core.store->user("maja")->disabled);

    auto seller = core.add("sven", server::UserRole::Seller);
    Device phone;
    auto acct = phone.store->create("accounts", {{"name", sync::text("Acme")}});
    REQUIRE(acct.ok());
    auto eva = phone.store->create("contacts", {{"account_id", sync::text(*acct)}, {"name", sync::text("Eva Lund")}});
    REQUIRE(eva.ok());
    REQUIRE(phone.store->create("cases", {{"account_id", sync::text(*acct)}, {"title", sync::text("Roof")},
                                          {"contact_id", sync::text(*eva)}}).ok());
    phone.sync(*core.store, seller);
    auto doc = core.store->export_person("maja", *eva);
    REQUIRE(doc.ok());
    CHECK_THAT(*doc, Catch::Contains("Eva Lund"));
    auto buckets = core.store->erase_person("maja", *eva);
    REQUIRE(buckets.ok());
    CHECK(*buckets == std::vector<std::string>{*acct});
    // Her name left the notification and the queued webhook; the log has both acts.
    auto ns = core.store->notifications(seller, false, 10);
    REQUIRE(ns.ok());
    REQUIRE(ns->size() == 1);
    CHECK_THAT((*ns)[0].payload, !Catch::Contains("Eva Lund") && Catch::Contains("[erased]"));
    const std::uint64_t now = fika::sync::system_wall_clock()();
    auto hook = core.store->next_webhook(now, 60000);
    REQUIRE(hook.ok());
    REQUIRE(hook->has_value());
    CHECK_THAT((*hook)->payload, !Catch::Contains("Eva Lund"));
    // Claimed for its lease: nobody else takes it meanwhile; after the lease it is due again
    // (its deliverer died), until done.
    CHECK_FALSE(core.store->next_webhook(now + 1000, 60000)->has_value());
    auto again = core.store->next_webhook(now + 60001, 60000);
    REQUIRE(again.ok());
    REQUIRE(again->has_value());
    CHECK((*again)->n == (*hook)->n);
    REQUIRE(core.store->webhook_done((*again)->n).ok());
    CHECK_FALSE(core.store->next_webhook(now + 10'000'000, 60000)->has_value());
    auto log = core.store->access_log(*eva, "", 10);
    REQUIRE(log.ok());
    std::set<std::string> acts;
    for (const auto& e : *log) acts.insert(e.action + " by " + e.who);
    CHECK(acts.count("export by maja"));
    CHECK(acts.count("erase by maja"));
    CHECK(acts.count("download by sven"));  // the seller's device got her account's data
    auto stats = core.store->stats();
    REQUIRE(stats.ok());
    CHECK(stats->users == 2);
    CHECK(stats->devices == 1);
    CHECK(stats->records >= 5);
}

TEST_CASE("units: an enrolment code lasts its time - is used once - and never by two devices at once") {
    TempDir dir;
    std::atomic<std::uint64_t> now{1'800'000'000'000};
    server::ServerStoreOptions o;
    o.wall = [&] { return now.load(); };
    auto opened = server::open_sqlite_store(dir.file("data"), o);
    REQUIRE(opened.ok());
    auto& store = **opened;
    REQUIRE(store.add_user("maja", server::UserRole::Consultant).ok());
    auto request = [](const std::string& code, const std::string& site) {
        server::EnrolRequest r;
        r.code = code;
        r.site = site;
        r.name = "laptop";
        return r;
    };

    CHECK(store.new_enrolment("maja", 0).code() == sync::Code::Invalid);
    CHECK(store.new_enrolment("maja", 7 * 24 * 60 + 1).code() == sync::Code::Invalid);
    CHECK(store.new_enrolment("nobody", 10).code() == sync::Code::NotFound);

    // Ten minutes: a minute late it does nothing.
    auto late = store.new_enrolment("maja", 10);
    REQUIRE(late.ok());
    CHECK(late->expires_ms == now + 10 * 60000);
    now += 11 * 60000;
    auto tried = store.enrol(request(late->code, "00000000000000a1"));
    REQUIRE(tried.ok());
    CHECK_FALSE(tried->has_value());

    // Two devices with one code at once, through two connections (two instances): the
    // storage's one statement gives it to exactly one of them.
    auto code = store.new_enrolment("maja", 10);
    REQUIRE(code.ok());
    const std::string hash = server::token_hash("enrol:" + *sync::normal_enrol_code(code->code));
    std::vector<std::unique_ptr<server::SqliteStorage>> instances;
    for (int i = 0; i < 2; ++i) {
        auto s = server::SqliteStorage::open(dir.file("data") + "/fika-server.db", server::StorageOptions{}, false);
        REQUIRE(s.ok());
        instances.push_back(std::move(s).value());
    }
    std::atomic<int> won{0}, lost{0};
    std::vector<std::thread> ts;
    for (int i = 0; i < 2; ++i)
        ts.emplace_back([&, i] {
            auto r = instances[static_cast<std::size_t>(i)]->use_enrolment(hash, "00000000000000b" + std::to_string(i), now);
            if (r.ok() && r->has_value()) ++won;
            else if (r.ok()) ++lost;
        });
    for (auto& t : ts) t.join();
    CHECK(won == 1);
    CHECK(lost == 1);
    instances.clear();
    // ... and through the server's own exchange, the same code is then used up.
    auto used = store.enrol(request(code->code, "00000000000000b9"));
    REQUIRE(used.ok());
    CHECK_FALSE(used->has_value());

    // The device's token names its device; the code itself is never stored.
    auto fresh = store.new_enrolment("maja", 10);
    REQUIRE(fresh.ok());
    auto in = store.enrol(request(fresh->code, "00000000000000c1"));
    REQUIRE(in.ok());
    REQUIRE(in->has_value());
    auto owner = store.token_owner((*in)->second);
    REQUIRE(owner.ok());
    REQUIRE(owner->has_value());
    CHECK((*owner)->device_site == "00000000000000c1");
    CHECK((*owner)->user.name == "maja");
    std::string normal = *sync::normal_enrol_code(fresh->code);
    opened->reset();  // closed: no connection of this process is left on the file
    CHECK(test::file_bytes(dir.file("data") + "/fika-server.db").find(normal) == std::string::npos);
}

TEST_CASE("units: enrolment codes read forgivingly - links carry the server") {
    for (int i = 0; i < 100; ++i) {
        std::uint64_t bits = (0x9E3779B97F4A7C15ull * static_cast<std::uint64_t>(i + 1)) >> 4;
        std::string code = sync::enrol_code_from_bits(bits);
        REQUIRE(code.size() == 14);
        auto normal = sync::normal_enrol_code(code);
        REQUIRE(normal);
        CHECK(sync::shown_enrol_code(*normal) == code);
        std::string link = sync::enrol_link("https://fika.example.com:8443/sync?a=b", code);
        auto back = sync::parse_enrol_link("  " + link + "\n");
        REQUIRE(back);
        CHECK(back->server == "https://fika.example.com:8443/sync?a=b");
        CHECK(back->code == code);
    }
    CHECK(sync::normal_enrol_code("k7qh 2mwp 9xrt") == "K7QH2MWP9XRT");
    CHECK(sync::normal_enrol_code("OIL0-0000-0000") == "01100000" "0000");
    CHECK_FALSE(sync::normal_enrol_code("K7QH-2MWP-9XR"));     // one short
    CHECK_FALSE(sync::normal_enrol_code("K7QH-2MWP-9XRU"));    // U is not a symbol
    CHECK_FALSE(sync::normal_enrol_code("K7QH-2MWP-9XR\xc3\xa9"));
    CHECK_FALSE(sync::parse_enrol_link("https://fika.example.com/?code=K7QH-2MWP-9XRT"));
    CHECK_FALSE(sync::parse_enrol_link("fika://enrol?server=ftp%3A%2F%2Fx&code=K7QH-2MWP-9XRT"));
    CHECK_FALSE(sync::parse_enrol_link("fika://enrol?server=https%3A%2F%2Fx&code=nope"));
    CHECK_FALSE(sync::parse_enrol_link("fika://enrol?server=https%3A%2F%2Fx%2&code=K7QH-2MWP-9XRT"));
}

TEST_CASE("units: e-mail - a daily digest carries every waiting notification of its seller in one mail - instant ones go one by one - each once") {
    Core core(false, /*mail=*/true);
    auto anna = core.add("anna", server::UserRole::Consultant);
    auto sven = core.add("sven", server::UserRole::Seller);
    auto sara = core.add("sara", server::UserRole::Seller);
    server::MailPrefs daily{"sven@firm.example", "daily", 7, 60, "en", 0};
    server::MailPrefs instant{"sara@firm.example", "instant", 8, 0, "da", 0};
    REQUIRE(core.store->set_mail_prefs(sven, daily).ok());
    REQUIRE(core.store->set_mail_prefs(sara, instant).ok());
    Device phone;
    auto acct = phone.store->create("accounts", {{"name", sync::text("Acme")}});
    REQUIRE(acct.ok());
    for (const char* title : {"Roof", "Boiler", "Doors"})
        REQUIRE(phone.store->create("cases", {{"account_id", sync::text(*acct)}, {"title", sync::text(title)}}).ok());
    phone.sync(*core.store, anna, /*repeat_push=*/true);

    auto queue = core.store->mail_queue(100);
    REQUIRE(queue.ok());
    REQUIRE(queue->size() == 6);
    // Two days on: everything is due. Claims until none is left.
    const std::uint64_t later = static_cast<std::uint64_t>(std::time(nullptr)) * 1000 + 2 * 86400000ull;
    std::vector<std::vector<server::MailItem>> batches;
    for (int i = 0; i < 10; ++i) {
        auto b = core.store->next_mail(later, 60000);
        REQUIRE(b.ok());
        if (b->empty()) break;
        batches.push_back(*b);
    }
    REQUIRE(batches.size() == 4);  // sara's three, one by one; sven's digest
    std::set<std::int64_t> seen;
    int digests = 0;
    for (auto& b : batches) {
        for (auto& m : b) CHECK(seen.insert(m.notification).second);  // each notification in one mail
        if (b.front().user_id == sven.id) {
            ++digests;
            REQUIRE(b.size() == 3);
            auto text = server::compose_mail(b, "en");
            CHECK(text.subject == "Fika: 3 new for you");
            for (const char* t : {"New case: Roof (Acme)", "New case: Boiler (Acme)", "New case: Doors (Acme)"})
                CHECK_THAT(text.body, Catch::Contains(t));
        } else {
            REQUIRE(b.size() == 1);
            CHECK(b.front().user_id == sara.id);
            CHECK_THAT(server::compose_mail(b, "da").subject, Catch::StartsWith("Ny sag: "));
        }
    }
    CHECK(digests == 1);
    CHECK(seen.size() == 6);
    // Claimed: not handed out again while the lease lasts; done: gone.
    auto again = core.store->next_mail(later, 60000);
    REQUIRE(again.ok());
    CHECK(again->empty());
    for (auto& b : batches) {
        std::vector<std::int64_t> ns;
        for (auto& m : b) ns.push_back(m.n);
        REQUIRE(core.store->mail_done(ns).ok());
    }
    CHECK(core.store->mail_queue(100)->empty());
}

TEST_CASE("units: e-mail - the digest's hour in the seller's time zone - addresses that could inject a header are refused") {
    // 2026-12-05 18:00:00 UTC.
    const std::uint64_t now = 1796493600000ull;
    const std::uint64_t hour = 3600000ull;
    CHECK(server::next_digest_ms(now, 7, 60) == now + 12 * hour);        // 07:00 in UTC+1: 06:00 UTC tomorrow
    CHECK(server::next_digest_ms(now, 19, 60) == now + 24 * hour);       // it is 19:00 there now: tomorrow's
    CHECK(server::next_digest_ms(now, 20, -300) == now + 7 * hour);      // 13:00 in UTC-5: 20:00 is 01:00 UTC
    CHECK(server::next_digest_ms(now, 6, 14 * 60) == now + 22 * hour);   // 08:00 tomorrow in UTC+14 already
    CHECK(server::next_digest_ms(now + 1, 18, 0) == now + 24 * hour);
    for (const char* ok : {"sam@firm.example", "a.b+c@x.co", "eva.lund@acme-verkstad.se"})
        CHECK(rules::valid_mail_address(ok));
    for (const char* bad : {"", "sam", "sam@", "@firm.example", "sam@firm", "sam@@firm.example", "s am@firm.example",
                            "sam@firm.example\r\nBcc: x@y.z", "Sam <sam@firm.example>", "sam@firm..example",
                            "sam@firm.example,eve@x.example"})
        CHECK_FALSE(rules::valid_mail_address(bad));
}

TEST_CASE("units: a group's syncs are noted at once - a device twice in it counts twice and keeps its last push's position") {
    TempDir dir;
    auto s = server::SqliteStorage::open(dir.file("fika.db"), server::StorageOptions{});
    REQUIRE(s.ok());
    fika::test::check_devices_synced(**s);
}

TEST_CASE("units: a sync's checks are one read - the device's orders, and the user's grants only when asked for") {
    TempDir dir;
    auto s = server::SqliteStorage::open(dir.file("fika.db"), server::StorageOptions{});
    REQUIRE(s.ok());
    fika::test::check_sync_checks(**s);
}
