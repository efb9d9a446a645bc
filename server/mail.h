// E-mail for sellers who are not in the app (product: "Notifications"): each notification
// a user is sent goes out by mail too, at once or in a daily digest at the hour they
// chose, in their language - or not, as they set in the app (GET/PUT /v1/me/mail).
//
// The mail waits in the server's database (ServerData: srv_mail, one row per
// notification, written in the merge's unit of work), so that exactly one mail carries
// each notification whatever instance or retry takes it; App's mail worker claims it with
// a lease and sends it over SMTP with libcurl (STARTTLS, AUTH), retrying with back-off.
// A sync never waits for a mail.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/server_data.h"

namespace fika::server {

// How fika-server reaches its SMTP server (fika-server serve --smtp ...).
struct SmtpConfig {
    std::string url;                 // smtp://host[:port] or smtps://host[:port]; "" = no mail
    std::string user, password;      // AUTH, when the server wants it
    std::string from;                // the sender's address
    std::string tls = "required";    // STARTTLS on smtp://: required, try, none (smtps:// is TLS from the start)
    std::string ca_file;             // "" = the system's certificate authorities
    int timeout_s = 30;
    bool enabled() const { return !url.empty(); }
};

// The first time after `now_ms` when it is `hour` o'clock in UTC + `utc_offset_min`.
std::uint64_t next_digest_ms(std::uint64_t now_ms, int hour, int utc_offset_min);

// When mail for a notification made now goes out under `p`: {digest, due}; nullopt when
// the user wants none.
std::optional<std::pair<bool, std::uint64_t>> mail_due(const MailPrefs& p, std::uint64_t now_ms);

// Checks a change of preferences (the JSON fields of PUT /v1/me/mail, already read into
// `p`); "" when fine, else what is wrong, for the user (rules::mail_prefs_problem).
std::string check_mail_prefs(const MailPrefs& p);

struct MailText {
    std::string subject, body;
};

// The mail for `items` (one notification, or a digest of several) in `lang` (en, sv, da).
MailText compose_mail(const std::vector<MailItem>& items, const std::string& lang);

// The whole message (RFC 5322, UTF-8, base64 body) from `cfg.from` to `to`.
std::string mail_message(const SmtpConfig& cfg, const std::string& to, const MailText& text,
                         const std::string& message_id, std::uint64_t now_ms);

// Sends `message` to `to`; "" when the SMTP server took it, else what went wrong. Gives
// up at once when `stop` becomes true (the server is stopping: the mail stays queued).
std::string send_mail(const SmtpConfig& cfg, const std::string& to, const std::string& message,
                      const std::atomic<bool>* stop = nullptr);

}  // namespace fika::server
