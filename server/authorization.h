// Who may read and write what (product.md, "Access"): sellers and admins read every
// account; a consultant reads the accounts granted to them and those they created; the
// global lists (users, programmes, ...) are read by all and written by admins (sellers
// also write programmes; a user changes their own style and weekly target).
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "hub_store.h"
#include "storage/server_data.h"

namespace fika::server {

class Authorization {
public:
    Authorization(sync::HubStore& hub, ServerData& data) : hub_(hub), data_(data) {}

    // A consultant's grants, read once for one sync: its push's check adds those it
    // grants, and its pull reads the buckets they name. Null for a user who reads every
    // account. Throws sync::Failure.
    using Grants = std::shared_ptr<std::set<std::string>>;
    Grants grants(const User& u);

    // The buckets `u` may read, of those the hub has. Throws sync::Failure.
    std::vector<std::string> readable(const User& u);
    // The same buckets with where each ends, seq and checksum (one read of the hub: a
    // consultant's buckets only, not every bucket's); `granted` is grants(u).
    std::map<std::string, sync::BucketEnd> readable_ends(const User& u, const Grants& granted);
    // Of `ends` (read for several users at once: every bucket, or at least u's), the
    // buckets `u` may read; `granted` is grants(u).
    static std::map<std::string, sync::BucketEnd> readable_in(const User& u, const Grants& granted,
                                                              const std::map<std::string, sync::BucketEnd>& ends);
    bool can_read(const User& u, const std::string& bucket);

    // The check of each record change of one push by `u` (sync::Authorize), `granted`
    // being grants(u). A consultant who creates an account is granted it, in the push's
    // unit of work, and `granted` names it from then on.
    sync::Authorize for_push(const User& u, Grants granted);

private:
    sync::HubStore& hub_;
    ServerData& data_;
};

}  // namespace fika::server
