#include "authorization.h"

#include <memory>

namespace fika::server {

using sync::must;

Authorization::Grants Authorization::grants(const User& u) {
    if (u.reads_everything()) return nullptr;
    return std::make_shared<std::set<std::string>>(must(data_.grants_of(u.id)));
}

std::map<std::string, sync::BucketEnd> Authorization::readable_ends(const User& u, const Grants& granted) {
    if (u.reads_everything()) return must(hub_.bucket_ends());
    std::vector<std::string> mine{std::string(sync::kGlobalBucket)};
    if (granted) mine.insert(mine.end(), granted->begin(), granted->end());
    return must(hub_.bucket_ends_of(mine));  // a consultant's, not every bucket's
}

std::map<std::string, sync::BucketEnd> Authorization::readable_in(const User& u, const Grants& granted,
                                                                 const std::map<std::string, sync::BucketEnd>& ends) {
    if (u.reads_everything()) return ends;
    std::map<std::string, sync::BucketEnd> out;
    auto take = [&](const std::string& b) {
        if (auto it = ends.find(b); it != ends.end()) out.emplace_hint(out.end(), *it);
    };
    take(std::string(sync::kGlobalBucket));
    if (granted)
        for (const std::string& b : *granted) take(b);
    return out;
}

std::vector<std::string> Authorization::readable(const User& u) {
    std::vector<std::string> out;
    for (auto& [b, end] : readable_ends(u, grants(u))) out.push_back(b);
    return out;
}

bool Authorization::can_read(const User& u, const std::string& bucket) {
    if (u.reads_everything() || bucket == sync::kGlobalBucket) return true;
    auto has = data_.has_grant(u.id, bucket);
    return has.ok() && *has;
}

sync::Authorize Authorization::for_push(const User& u, Grants granted) {
    return [this, u, granted](const std::string& bucket, const sync::RecordChange& rc,
                              bool creates) -> std::optional<Error> {
        const std::string& t = rc.table->name;
        if (bucket == sync::kGlobalBucket) {
            if (u.role == UserRole::Admin) return std::nullopt;
            if (t == "users") {
                bool own = rc.id == u.id && !creates;
                for (const auto& c : rc.cells) {
                    const std::string& f = rc.table->fields[static_cast<size_t>(c.field)].name;
                    own = own && (f == "style" || f == "weekly_target");
                }
                if (own) return std::nullopt;
                return Error{Code::Forbidden, "only an admin changes users; you may change your own style and weekly target"};
            }
            if (t == "programmes" && u.role == UserRole::Seller) return std::nullopt;
            return Error{Code::Forbidden, "only " + std::string(t == "programmes" ? "sellers and admins" : "admins") +
                                              " change " + t};
        }
        if (u.reads_everything() || (granted && granted->count(bucket))) return std::nullopt;
        if (creates && t == "accounts") {
            // A consultant who creates an account may work on it.
            must(data_.add_grant(u.id, rc.id));
            if (granted) granted->insert(rc.id);
            return std::nullopt;
        }
        return Error{Code::Forbidden, "no access to account " + bucket};
    };
}

}  // namespace fika::server
