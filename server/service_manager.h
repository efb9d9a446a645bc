// Telling systemd (Type=notify) how the server is doing: READY=1 once it listens,
// STOPPING=1 when it starts to stop, STATUS=... for `systemctl status`. Does nothing
// when $NOTIFY_SOCKET is not set (not started by systemd).
#pragma once

#include <string>

namespace fika::server {

// Sends `state` ("READY=1\nSTATUS=listening on ...") to $NOTIFY_SOCKET; false when there
// is none or it could not be sent.
bool notify_service_manager(const std::string& state);

}  // namespace fika::server
