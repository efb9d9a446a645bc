// The access log (GDPR): who downloaded whose account's data, who exported or erased a
// person. Downloads are counted in memory and written with the next unit of work (every
// sync has one), so that logging them costs no commit of its own.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "hub_store.h"
#include "storage/server_data.h"

namespace fika::server {

class AccessLog {
public:
    AccessLog(sync::HubStore& hub, ServerData& data) : hub_(hub), data_(data) {}

    // `who`'s devices were sent changes of `bucket` (global lists are nobody's data).
    void downloaded(const std::string& who, const std::string& bucket);
    // Writes the counted downloads in the open unit of work; forgotten() once it committed.
    void flush();
    void forgotten() { downloads_.clear(); }
    // One line now, in the open unit of work (or a transaction of its own).
    void log(const std::string& who, const std::string& action, const std::string& subject);
    // Newest first: about a person (their exports and erasure, and the downloads of their
    // account), of one user, or everything; at most `limit` lines. Writes the counted
    // downloads first.
    std::vector<AccessEntry> query(const std::string& person, const std::string& who, std::size_t limit);

private:
    struct Pending {
        std::uint64_t times = 0, first = 0, last = 0;
    };
    sync::HubStore& hub_;
    ServerData& data_;
    std::map<std::pair<std::string, std::string>, Pending> downloads_;  // (who, account) not yet logged
};

}  // namespace fika::server
