// What sellers are told (product.md, "Notifications"): a new case; a new account in a
// competitor's group while another of the group is active; outbound work on an account
// that is inbound-only or blocked. Exactly once per record, whatever retries happen (the
// guard is written in the merge's unit of work), and queued for the webhook when one is
// configured and for e-mail (mail.h) to each seller who wants it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hub_store.h"
#include "storage/server_data.h"

namespace fika::server {

class Notifier {
public:
    Notifier(sync::HubStore& hub, ServerData& data, bool webhook, bool mail)
        : hub_(hub), data_(data), webhook_(webhook), mail_(mail) {}

    // After a push by `pusher` was merged, inside its unit of work: the notifications of
    // the records it created, appended to `out`. `resent`: the push was sent again after
    // a restore (its sellers heard of it before): the guard is written, nobody is told.
    // `sellers`: who is told, read here at the first need and kept by the caller for the
    // rest of its unit of work. Throws sync::Failure.
    void merged(const User& pusher, const sync::ApplyResult& applied, bool resent,
                std::optional<std::vector<User>>& sellers, std::vector<Notification>& out);

private:
    // Whose mail preferences, once per push.
    using Prefs = std::map<std::string, std::optional<MailPrefs>>;
    void created(const User& pusher, const sync::TableDef& table, const std::string& id, const std::vector<User>& to,
                 const Prefs& prefs, std::vector<Notification>& out);

    sync::HubStore& hub_;
    ServerData& data_;
    bool webhook_;
    bool mail_;
};

}  // namespace fika::server
