#include "admin.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <random>
#include <set>

#include "export.h"

namespace fika::server {

using sync::must;

using sync::fail;

namespace {


std::string hex(const unsigned char* p, std::size_t n) {
    static const char* d = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(d[p[i] >> 4]);
        out.push_back(d[p[i] & 0xf]);
    }
    return out;
}

// Runs fn in a unit of work of the hub, committed when fn returns.
template <typename Fn>
auto in_work(sync::HubStore& hub, Fn&& fn) {
    auto work = must(hub.begin());
    if constexpr (std::is_void_v<decltype(fn())>) {
        fn();
        must(work->commit());
    } else {
        auto out = fn();
        must(work->commit());
        return out;
    }
}

}  // namespace

std::string_view role_name(UserRole r) {
    switch (r) {
        case UserRole::Consultant: return "consultant";
        case UserRole::Seller: return "seller";
        case UserRole::Admin: return "admin";
    }
    return "?";
}

std::optional<UserRole> parse_role(std::string_view s) {
    if (s == "consultant") return UserRole::Consultant;
    if (s == "seller") return UserRole::Seller;
    if (s == "admin") return UserRole::Admin;
    return std::nullopt;
}

std::string new_token() {
    unsigned char b[16];
    if (RAND_bytes(b, sizeof b) != 1) fail(Code::Storage, "no randomness for a token");
    return "fika_" + hex(b, sizeof b);
}

std::string token_hash(const std::string& token) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(token.data(), token.size(), md, &len, EVP_sha256(), nullptr) != 1)
        fail(Code::Storage, "sha256 failed");
    return hex(md, len);
}

bool valid_user_name(const std::string& n) {
    if (n.empty() || n.size() > 64) return false;
    for (char c : n)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '@'))
            return false;
    return true;
}

User Admin::find_user(const std::string& name) {
    auto u = must(data_.user_named(name));
    if (!u) fail(Code::NotFound, "no user named " + name);
    return *u;
}

Result<std::pair<User, std::string>> Admin::add_user(const std::string& name, UserRole role) {
    return sync::guard([&] {
        if (!valid_user_name(name)) fail(Code::Invalid, "a user name is 1-64 letters, digits and . _ - @");
        if (must(data_.user_named(name))) fail(Code::Invalid, "user " + name + " exists already");
        User u;
        sync::Rng rng(std::random_device{}());
        u.id = sync::new_uuid_v7(hub_.now_ms(), rng);
        u.name = name;
        u.role = role;
        u.created_ms = hub_.now_ms();
        std::string token = new_token();
        in_work(hub_, [&] {
            must(data_.insert_user(u, token_hash(token)));
            // The synced directory every device reads (names of finders and owners).
            must(hub_.create("users", {{"id", sync::text(u.id)},
                                       {"name", sync::text(name)},
                                       {"role", sync::text(std::string(role_name(role)))}}));
        });
        return std::make_pair(u, token);
    });
}

Result<User> Admin::user(const std::string& name) {
    return sync::guard([&] { return find_user(name); });
}

Status Admin::set_disabled(const std::string& name, bool disabled) {
    return sync::guard_status([&] { must(data_.set_disabled(find_user(name).id, disabled)); });
}

Result<std::string> Admin::rotate_token(const std::string& name) {
    return sync::guard([&] {
        User u = find_user(name);
        std::string token = new_token();
        must(data_.set_token_hash(u.id, token_hash(token)));
        return token;
    });
}

Status Admin::grant(const std::string& user_name, const std::string& account_id) {
    return sync::guard_status([&] {
        User u = find_user(user_name);
        if (!sync::is_uuid(account_id)) fail(Code::Invalid, "'" + account_id + "' is not an account id");
        must(data_.add_grant(u.id, account_id));
    });
}

Status Admin::revoke(const std::string& user_name, const std::string& account_id) {
    return sync::guard_status([&] {
        User u = find_user(user_name);
        if (!must(data_.remove_grant(u.id, account_id)))
            fail(Code::NotFound, user_name + " has no access to " + account_id);
    });
}

Result<std::string> Admin::export_person(const std::string& who, const std::string& contact_id) {
    return sync::guard([&] {
        std::string doc = must(sync::person_export(hub_, contact_id));
        in_work(hub_, [&] { log_.log(who, "export", contact_id); });
        return doc;
    });
}

Result<std::vector<std::string>> Admin::erase_person(const std::string& who, const std::string& contact_id) {
    return sync::guard([&] {
        std::set<std::string> buckets;
        in_work(hub_, [&] {
            auto done = must(hub_.erase_person(contact_id));
            for (auto& [table, id] : done.records) {
                auto r = hub_.get(table, id);
                if (r.ok()) buckets.insert(std::string(sync::bucket_of(*r->table, id, r->values)));
            }
            must(data_.forget_person_in_payloads(contact_id));
            log_.log(who, "erase", contact_id);
        });
        return std::vector<std::string>(buckets.begin(), buckets.end());
    });
}

Status Admin::wipe_device(const std::string& site, const std::string& reason) {
    return data_.wipe_device(site, reason, hub_.now_ms());
}

Result<Stats> Admin::stats() {
    return sync::guard([&] {
        Stats s;
        ServerCounts c = must(data_.server_counts());
        sync::HubCounts h = must(hub_.counts());
        s.users = c.users;
        s.devices = c.devices;
        s.notifications = c.notifications;
        s.webhook_queue = c.webhook_queue;
        s.records = h.records;
        s.buckets = h.buckets;
        s.db_bytes = h.bytes;
        s.hub_seq = hub_.hub_seq();
        s.feed_lag_s = must(data_.feed_lag_s());
        s.device_list = must(data_.devices());
        return s;
    });
}

}  // namespace fika::server
