#include "access_log.h"

#include "export.h"

namespace fika::server {

using sync::must;

namespace {
std::string day_of(std::uint64_t ms) { return sync::utc_text(static_cast<std::int64_t>(ms / 1000), "%Y-%m-%d"); }
}  // namespace

void AccessLog::downloaded(const std::string& who, const std::string& bucket) {
    if (bucket == sync::kGlobalBucket) return;  // shared lists, not anybody's data
    std::uint64_t now = hub_.now_ms();
    Pending& p = downloads_[{who, bucket}];
    if (!p.times) p.first = now;
    ++p.times;
    p.last = now;
}

void AccessLog::flush() {
    for (auto& [key, p] : downloads_)
        must(data_.log_access({day_of(p.first), key.first, "download", key.second, "", p.times, p.first, p.last, ""}));
}

void AccessLog::log(const std::string& who, const std::string& action, const std::string& subject) {
    std::uint64_t now = hub_.now_ms();
    must(data_.log_access({day_of(now), who, action, subject, "", 1, now, now, ""}));
}

std::vector<AccessEntry> AccessLog::query(const std::string& person, const std::string& who, std::size_t limit) {
    {
        auto work = hub_.begin();
        if (!work.ok()) throw sync::Failure{work.error()};
        flush();
        must((*work)->commit());
        forgotten();
    }
    std::string account;
    if (!person.empty()) {
        auto c = hub_.get("contacts", person);
        if (c.ok())
            if (auto* a = std::get_if<std::string>(&(*c)["account_id"])) account = *a;
    }
    auto lines = data_.access_log(person, account, who, limit);
    if (!lines.ok()) throw sync::Failure{lines.error()};
    // Names for the admin who reads it: a download's subject is a customer account, an
    // export's or erasure's a person (an erased person has no name left to show).
    std::map<std::string, std::string> names;
    for (AccessEntry& e : *lines) {
        auto [at, fresh] = names.try_emplace(e.subject);
        if (fresh) {
            auto r = hub_.get(e.action == "download" ? "accounts" : "contacts", e.subject);
            if (r.ok())
                if (auto* n = std::get_if<std::string>(&(*r)["name"])) at->second = *n;
        }
        e.subject_name = at->second;
    }
    return std::move(lines).value();
}

}  // namespace fika::server
