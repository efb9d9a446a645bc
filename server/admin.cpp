#include "admin.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <random>
#include <set>

#include "enrolment.h"
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

Result<std::string> Admin::rotate_token(const std::string& name, bool none) {
    return sync::guard([&] {
        User u = find_user(name);
        std::string token = none ? std::string() : new_token();
        must(data_.set_token_hash(u.id, none ? std::string() : token_hash(token)));
        return token;
    });
}

namespace {

// What is stored of a code: the hash of its normal form, apart from tokens' hashes.
std::string code_hash(const std::string& normal) { return token_hash("enrol:" + normal); }

bool printable(const std::string& s, std::size_t max) {
    if (s.size() > max) return false;
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7f) return false;
    return true;
}

// The version in a user agent such as "fika-app/0.1.0 (linux)"; "" when it names none
// (or is not Fika's).
std::string version_in(const std::string& agent) {
    if (agent.rfind("fika", 0) != 0) return "";
    std::size_t slash = agent.find('/');
    if (slash == std::string::npos) return "";
    std::size_t end = agent.find(' ', slash);
    return agent.substr(slash + 1, end == std::string::npos ? std::string::npos : end - slash - 1);
}

}  // namespace

Result<Enrolment> Admin::new_enrolment(const std::string& name, std::uint64_t ttl_min) {
    return sync::guard([&] {
        User u = find_user(name);
        if (u.disabled) fail(Code::Invalid, "the account " + name + " is disabled");
        if (ttl_min == 0 || ttl_min > kEnrolTtlMaxMin) fail(Code::Invalid, "a code lasts from 1 minute to 7 days");
        std::uint64_t bits = 0;
        if (RAND_bytes(reinterpret_cast<unsigned char*>(&bits), sizeof bits) != 1)
            fail(Code::Storage, "no randomness for a code");
        Enrolment e;
        e.code = sync::enrol_code_from_bits(bits);
        e.user_name = u.name;
        std::uint64_t now = hub_.now_ms();
        e.expires_ms = now + ttl_min * 60000;
        must(data_.add_enrolment(code_hash(*sync::normal_enrol_code(e.code)), u.id, now, e.expires_ms));
        return e;
    });
}

Result<std::optional<std::pair<User, std::string>>> Admin::enrol(const EnrolRequest& req) {
    return sync::guard([&]() -> std::optional<std::pair<User, std::string>> {
        auto normal = sync::normal_enrol_code(req.code);
        if (!normal) return std::nullopt;  // not even the shape of a code: as an unknown one
        sync::Site site{};
        if (!sync::parse_site(req.site, site)) fail(Code::Invalid, "site: the device's site id (16 hex digits)");
        if (!printable(req.name, 100) || !printable(req.platform, 100) || !printable(req.app_version, 40))
            fail(Code::Invalid, "name, platform, app_version: printable text, at most 100, 100 and 40 characters");
        std::string site_id = sync::site_to_string(site);
        DeviceOrders known = must(data_.device_orders(site_id));
        if (known.wiped) fail(Code::Forbidden, "this device was wiped by an admin; it cannot be signed in again");
        return in_work(hub_, [&]() -> std::optional<std::pair<User, std::string>> {
            auto user_id = must(data_.use_enrolment(code_hash(*normal), site_id, hub_.now_ms()));
            if (!user_id) return std::nullopt;
            auto name = must(data_.user_name_of(*user_id));
            if (!name) return std::nullopt;  // cannot happen: users are never deleted
            User u = find_user(*name);
            if (u.disabled) fail(Code::Forbidden, "the account " + u.name + " is disabled");
            // A device stays its user's: another user's code cannot take it (nor its
            // token); the unit of work rolls back and the code stays unused.
            if (!known.user_id.empty() && known.user_id != u.id)
                fail(Code::Forbidden, "this device is signed in as another user: sign it out first");
            Device d;
            d.site = site_id;
            d.name = req.name;
            d.platform = req.platform;
            d.app_version = req.app_version;
            d.user_agent = req.user_agent.substr(0, 200);
            std::string token = new_token();
            must(data_.enrol_device(d, u.id, token_hash(token), hub_.now_ms()));
            u.device_site = site_id;
            return std::make_pair(u, token);
        });
    });
}

Result<std::optional<User>> Admin::redeem_code(const std::string& code, const std::string& used_by,
                                               const std::function<bool(const User&)>& allowed) {
    return sync::guard([&]() -> std::optional<User> {
        auto normal = sync::normal_enrol_code(code);
        if (!normal) return std::nullopt;
        return in_work(hub_, [&]() -> std::optional<User> {
            auto user_id = must(data_.use_enrolment(code_hash(*normal), used_by, hub_.now_ms()));
            if (!user_id) return std::nullopt;
            auto name = must(data_.user_name_of(*user_id));
            if (!name) return std::nullopt;
            User u = find_user(*name);
            // Refused: the unit of work rolls back, the code stays unused.
            if (u.disabled) fail(Code::Forbidden, "the account " + u.name + " is disabled");
            if (!allowed(u)) fail(Code::Forbidden, "this code is " + u.name + "'s, who may not sign in here");
            return u;
        });
    });
}

Result<std::vector<Device>> Admin::devices(const std::string& name) {
    return sync::guard([&] {
        std::vector<Device> out = must(data_.devices(name.empty() ? std::string() : find_user(name).id));
        for (Device& d : out)
            if (std::string v = version_in(d.user_agent); !v.empty()) d.app_version = v;
        return out;
    });
}

Status Admin::revoke_device(const std::string& site) { return data_.revoke_device(site, hub_.now_ms()); }

Result<std::vector<AccountAccess>> Admin::accounts(const std::string& query, std::size_t limit) {
    return sync::guard([&] {
        std::map<std::string, std::vector<std::string>> granted;  // account id -> consultants
        for (const User& u : must(data_.users()))
            if (u.role == UserRole::Consultant)
                for (const std::string& a : must(data_.grants_of(u.id))) granted[a].push_back(u.name);
        std::vector<AccountAccess> out;
        for (const sync::Record& r : must(hub_.search("accounts", "name", query, limit)))
            out.push_back({r.id, sync::to_display(r["name"]), granted[r.id]});
        return out;
    });
}

Result<std::vector<PersonRef>> Admin::people(const std::string& query, std::size_t limit) {
    return sync::guard([&] {
        std::vector<PersonRef> out;
        std::map<std::string, std::string> account_names;
        for (const sync::Record& r : must(hub_.search("contacts", "name", query, limit))) {
            std::string account = sync::to_display(r["account_id"]);
            if (!account_names.count(account)) {
                auto a = hub_.get("accounts", account);
                account_names[account] = a.ok() ? sync::to_display((*a)["name"]) : "";
            }
            out.push_back({r.id, sync::to_display(r["name"]), account, account_names[account]});
        }
        return out;
    });
}

Result<std::vector<AccountAccess>> Admin::access_of(const std::string& user_name) {
    return sync::guard([&] {
        User u = find_user(user_name);
        std::vector<AccountAccess> out;
        for (const std::string& id : must(data_.grants_of(u.id))) {
            auto r = hub_.get("accounts", id);
            out.push_back({id, r.ok() ? sync::to_display((*r)["name"]) : "", {u.name}});
        }
        std::sort(out.begin(), out.end(), [](const AccountAccess& a, const AccountAccess& b) { return a.name < b.name; });
        return out;
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
        s.mail_queue = c.mail_queue;
        s.records = h.records;
        s.buckets = h.buckets;
        s.db_bytes = h.bytes;
        s.hub_seq = hub_.hub_seq();
        s.feed_lag_s = must(data_.feed_lag_s());
        s.device_list = must(devices(""));
        return s;
    });
}

}  // namespace fika::server
