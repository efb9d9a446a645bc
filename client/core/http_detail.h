// What the device's HTTP clients share (sync_client.cpp, content_transfer.cpp): one
// connection's settings and how an answer that is not a success becomes a Failure.
// Included only by client/core's own files: cpp-httplib stays behind them.
#pragma once

#include <cstddef>
#include <string>

#include "error.h"
#include "sync_client.h"

namespace httplib {
class Client;
struct Response;
}

namespace fika::client::detail {

// Timeouts, keep-alive, the token and user agent, compression as `cfg` says.
void configure(httplib::Client& cli, const ServerConfig& cfg);
Failure network_failure(const std::string& what);
// An HTTP answer that is not a success: transient for 408, 429 and 5xx.
Failure http_failure(int status, const std::string& body);
Failure local_failure(const sync::Error& e);
// The largest answer body a device inflates (a page of a download is a few MB).
constexpr std::size_t kMaxAnswerBytes = std::size_t{512} << 20;
// Inflates a gzip'd answer in place (its Content-Encoding); false when it claims an
// encoding other than gzip, or its gzip is malformed, cut short or past kMaxAnswerBytes.
bool unzip(httplib::Response& res);

}  // namespace fika::client::detail
