#include "mail.h"

#include <curl/curl.h>
#include <openssl/evp.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <mutex>

#include <nlohmann/json.hpp>

#include "rules.h"

namespace fika::server {

using json = nlohmann::json;

namespace {

constexpr std::uint64_t kDayMs = 24ull * 3600 * 1000;

// ---- words, in the recipient's language ------------------------------------------------

struct Words {
    const char* new_case;        // subject: {title} ({account})
    const char* competitor;      // subject: {account}
    const char* outbound;        // subject: {account}
    const char* digest;          // subject: {n}
    const char* customer;
    const char* contact;
    const char* found_by;
    const char* value;
    const char* need;
    const char* warning;
    const char* open;
    const char* inbound_only;    // warnings
    const char* blocked;
    const char* rival;           // {group} {rival}
    const char* activity;        // {type} on {date}
    const char* footer;
};

const Words kEnglish{
    "New case: {title} ({account})",
    "New customer in a competitor group: {account}",
    "Outbound work on {account}",
    "Fika: {n} new for you",
    "Customer",
    "Contact",
    "Found by",
    "Value",
    "Need",
    "Warning",
    "Open in Fika",
    "the customer takes inbound work only",
    "the customer is blocked",
    "in the competitor group {group}, where {rival} is an active customer",
    "Activity",
    "You get this mail because of your choice in Fika's Settings (E-mail). Change it there.",
};

const Words kSwedish{
    "Nytt ärende: {title} ({account})",
    "Ny kund i en konkurrentgrupp: {account}",
    "Utgående arbete hos {account}",
    "Fika: {n} nya för dig",
    "Kund",
    "Kontakt",
    "Hittat av",
    "Värde",
    "Behov",
    "Varning",
    "Öppna i Fika",
    "kunden tar bara emot inkommande arbete",
    "kunden är spärrad",
    "i konkurrentgruppen {group}, där {rival} är en aktiv kund",
    "Aktivitet",
    "Du får det här mejlet för att du valt det i Fikas inställningar (E-post). Ändra det där.",
};

const Words kDanish{
    "Ny sag: {title} ({account})",
    "Ny kunde i en konkurrentgruppe: {account}",
    "Udgående arbejde hos {account}",
    "Fika: {n} nye til dig",
    "Kunde",
    "Kontakt",
    "Fundet af",
    "Værdi",
    "Behov",
    "Advarsel",
    "Åbn i Fika",
    "kunden tager kun imod indgående arbejde",
    "kunden er spærret",
    "i konkurrentgruppen {group}, hvor {rival} er en aktiv kunde",
    "Aktivitet",
    "Du får denne mail, fordi du har valgt det i Fikas indstillinger (E-mail). Skift det der.",
};

const Words& words(const std::string& lang) {
    if (lang == "sv") return kSwedish;
    if (lang == "da") return kDanish;
    return kEnglish;
}

std::string fill(std::string text, const std::map<std::string, std::string>& with) {
    for (auto& [key, value] : with) {
        std::string mark = "{" + key + "}";
        for (auto at = text.find(mark); at != std::string::npos; at = text.find(mark, at + value.size()))
            text.replace(at, mark.size(), value);
    }
    return text;
}

std::string str(const json& j, const char* a, const char* b = nullptr) {
    const json* v = &j;
    for (const char* k : {a, b}) {
        if (!k) break;
        if (!v->is_object() || !v->contains(k)) return "";
        v = &(*v)[k];
    }
    if (v->is_string()) return v->get<std::string>();
    if (v->is_number_integer()) return std::to_string(v->get<std::int64_t>());
    if (v->is_number()) return v->dump();
    return "";
}

// One line of text per header-like field: no line breaks from a record's text.
std::string one_line(std::string s) {
    for (char& c : s)
        if (c == '\r' || c == '\n' || c == '\t') c = ' ';
    return s;
}

std::string subject_of(const json& p, const Words& w) {
    std::string kind = str(p, "kind"), account = one_line(str(p, "account", "name"));
    if (kind == "competitor_account") return fill(w.competitor, {{"account", account}});
    if (kind == "policy_activity") return fill(w.outbound, {{"account", account}});
    return fill(w.new_case, {{"title", one_line(str(p, "case", "title"))}, {"account", account}});
}

std::string warning_text(const std::string& flag, const Words& w) {
    if (flag == "policy:inbound-only") return w.inbound_only;
    if (flag == "policy:blocked") return w.blocked;
    if (flag.rfind("competitor:", 0) == 0) {
        std::string rest = flag.substr(11);
        auto colon = rest.find(':');
        return fill(w.rival, {{"group", rest.substr(0, colon)},
                              {"rival", colon == std::string::npos ? "" : rest.substr(colon + 1)}});
    }
    return flag;
}

// What one notification says, as lines of text.
std::string describe(const json& p, const Words& w) {
    std::string out;
    auto line = [&](const char* label, const std::string& value) {
        if (!value.empty()) out += std::string(label) + ": " + one_line(value) + "\n";
    };
    line(w.customer, str(p, "account", "name"));
    std::string contact = str(p, "contact", "name");
    if (!contact.empty() && !str(p, "contact", "role").empty()) contact += " (" + str(p, "contact", "role") + ")";
    line(w.contact, contact);
    line(w.found_by, str(p, "found_by", "name"));
    std::string value = str(p, "case", "value");
    if (!value.empty()) value += " " + str(p, "case", "currency");
    line(w.value, value);
    line(w.need, str(p, "case", "need"));
    if (str(p, "kind") == "policy_activity")
        line(w.activity, str(p, "activity", "type") + " " + str(p, "activity", "date"));
    if (p.contains("flags") && p["flags"].is_array())
        for (const json& f : p["flags"])
            if (f.is_string()) line(w.warning, warning_text(f.get<std::string>(), w));
    // The app opens a case, or the customer, from a fika:// link.
    std::string link = str(p, "case", "id").empty() ? "fika://account/" + str(p, "account", "id")
                                                    : "fika://case/" + str(p, "case", "id");
    line(w.open, link);
    return out;
}

std::string base64(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

// A header's text as RFC 2047 encoded words (UTF-8, base64), each at most 75 characters,
// split between whole UTF-8 characters, folded onto continuation lines.
std::string encoded_words(const std::string& text) {
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = std::min(text.size(), at + 45);
        while (end < text.size() && end > at && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64(std::string_view(text).substr(at, end - at)) + "?=";
        at = end;
    }
    return out;
}

std::string rfc5322_date(std::uint64_t now_ms) {
    std::time_t t = static_cast<std::time_t>(now_ms / 1000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    static const char* const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
                  months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

struct Upload {
    const std::string& data;
    std::size_t at = 0;
};

std::size_t read_upload(char* buf, std::size_t size, std::size_t n, void* user) {
    auto* u = static_cast<Upload*>(user);
    std::size_t take = std::min(size * n, u->data.size() - u->at);
    std::copy_n(u->data.data() + u->at, take, buf);
    u->at += take;
    return take;
}

// libcurl asks this every second or so while it talks to the SMTP server.
int abort_when_stopping(void* stop, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    return static_cast<const std::atomic<bool>*>(stop)->load() ? 1 : 0;
}

}  // namespace

std::uint64_t next_digest_ms(std::uint64_t now_ms, int hour, int utc_offset_min) {
    // In the user's time: today's `hour`, or tomorrow's when it has passed.
    std::int64_t local = static_cast<std::int64_t>(now_ms) + std::int64_t{utc_offset_min} * 60000;
    std::int64_t day_start = local - ((local % static_cast<std::int64_t>(kDayMs)) + static_cast<std::int64_t>(kDayMs)) %
                                         static_cast<std::int64_t>(kDayMs);
    std::int64_t at = day_start + std::int64_t{hour} * 3600000;
    if (at <= local) at += static_cast<std::int64_t>(kDayMs);
    return static_cast<std::uint64_t>(at - std::int64_t{utc_offset_min} * 60000);
}

std::optional<std::pair<bool, std::uint64_t>> mail_due(const MailPrefs& p, std::uint64_t now_ms) {
    if (!p.wants_mail()) return std::nullopt;
    if (p.mode == "daily") return std::pair{true, next_digest_ms(now_ms, p.hour, p.utc_offset_min)};
    return std::pair{false, now_ms};
}

std::string check_mail_prefs(const MailPrefs& p) {
    return rules::mail_prefs_problem(p.address, p.mode, p.hour, p.utc_offset_min, p.lang);
}

MailText compose_mail(const std::vector<MailItem>& items, const std::string& lang) {
    const Words& w = words(lang);
    std::vector<json> payloads;
    for (const MailItem& m : items) {
        json p = json::parse(m.payload, nullptr, false);
        if (p.is_object()) payloads.push_back(std::move(p));
    }
    MailText t;
    if (payloads.size() == 1) {
        t.subject = subject_of(payloads[0], w);
        t.body = describe(payloads[0], w);
    } else {
        t.subject = fill(w.digest, {{"n", std::to_string(payloads.size())}});
        for (const json& p : payloads) t.body += subject_of(p, w) + "\n" + describe(p, w) + "\n";
    }
    t.body += "\n-- \n" + std::string(w.footer) + "\n";
    return t;
}

std::string mail_message(const SmtpConfig& cfg, const std::string& to, const MailText& text,
                         const std::string& message_id, std::uint64_t now_ms) {
    std::string domain = cfg.from.substr(cfg.from.find('@') + 1);
    std::string m;
    m += "From: Fika <" + cfg.from + ">\r\n";
    m += "To: <" + to + ">\r\n";
    m += "Subject: " + encoded_words(text.subject) + "\r\n";
    m += "Date: " + rfc5322_date(now_ms) + "\r\n";
    m += "Message-ID: <" + message_id + "@" + domain + ">\r\n";
    m += "Auto-Submitted: auto-generated\r\n";
    m += "MIME-Version: 1.0\r\n";
    m += "Content-Type: text/plain; charset=utf-8\r\n";
    m += "Content-Transfer-Encoding: base64\r\n\r\n";
    std::string body = base64(text.body);
    for (std::size_t at = 0; at < body.size(); at += 76) m += body.substr(at, 76) + "\r\n";
    return m;
}

std::string send_mail(const SmtpConfig& cfg, const std::string& to, const std::string& message,
                      const std::atomic<bool>* stop) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    CURL* c = curl_easy_init();
    if (!c) return "cannot start an SMTP client";
    char err[CURL_ERROR_SIZE] = {};
    std::string from = "<" + cfg.from + ">";
    curl_slist* rcpt = curl_slist_append(nullptr, ("<" + to + ">").c_str());
    Upload up{message};
    curl_easy_setopt(c, CURLOPT_URL, cfg.url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(c, CURLOPT_READDATA, &up);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_USE_SSL, cfg.tls == "none" ? CURLUSESSL_NONE : cfg.tls == "try" ? CURLUSESSL_TRY : CURLUSESSL_ALL);
    if (!cfg.user.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, cfg.user.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, cfg.password.c_str());
    }
    if (!cfg.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, cfg.ca_file.c_str());
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(cfg.timeout_s));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
    if (stop) {
        curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, abort_when_stopping);
        curl_easy_setopt(c, CURLOPT_XFERINFODATA, stop);
        curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    }
    CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    if (rc == CURLE_OK) return "";
    std::string why = curl_easy_strerror(rc);
    if (*err) why += ": " + std::string(err);
    return why;
}

}  // namespace fika::server
