#include "calendar.h"

#include <ctime>

#include "export.h"
#include "schema.h"

namespace fika::client {

namespace {

std::string text_of(const sync::Record& r, const char* field) { return sync::to_display(r[field]); }

std::string utc_stamp(std::uint64_t ms) { return sync::utc_text(static_cast<std::int64_t>(ms / 1000), "%Y%m%dT%H%M%SZ"); }

// "2026-12-01" -> "20261201"
std::string ical_date(const std::string& iso) {
    std::string out;
    for (char c : iso)
        if (c != '-') out.push_back(c);
    return out;
}

void add(std::string& out, const std::string& line) { out += fold_line(line) + "\r\n"; }

std::string account_name(sync::Store& store, const sync::Record& r) {
    std::string id = text_of(r, "account_id");
    if (id.empty()) return {};
    auto a = store.get("accounts", id);
    return a.ok() ? text_of(*a, "name") : std::string();
}

}  // namespace

std::string ical_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\r':
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
                out += "\\n";
                break;
            case '\n': out += "\\n"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

std::string fold_line(const std::string& line) {
    std::string out;
    std::size_t width = 0;  // octets on the current output line
    for (std::size_t i = 0; i < line.size();) {
        // The whole UTF-8 character starting here.
        auto lead = static_cast<unsigned char>(line[i]);
        std::size_t n = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        n = std::min(n, line.size() - i);
        if (width + n > 75) {
            out += "\r\n ";  // a continuation line starts with one space
            width = 1;
        }
        out.append(line, i, n);
        width += n;
        i += n;
    }
    return out;
}

sync::Result<std::string> follow_ups_ical(sync::Store& store, std::uint64_t now_ms) {
    auto all = store.all("follow_ups");
    if (!all.ok()) return all.error();
    std::string out;
    add(out, "BEGIN:VCALENDAR");
    add(out, "VERSION:2.0");
    add(out, "PRODID:-//Fika//Fika follow-ups//EN");
    add(out, "CALSCALE:GREGORIAN");
    std::string stamp = utc_stamp(now_ms);
    for (const sync::Record& r : *all) {
        if (r.deleted()) continue;
        add(out, "BEGIN:VTODO");
        add(out, "UID:" + r.id + "@fika");
        add(out, "DTSTAMP:" + stamp);
        add(out, "SUMMARY:" + ical_escape(text_of(r, "summary")));
        std::string due = text_of(r, "due");
        if (!due.empty()) add(out, "DUE;VALUE=DATE:" + ical_date(due));
        std::string status = text_of(r, "status");
        add(out, std::string("STATUS:") + (status == "done" ? "COMPLETED" : status == "cancelled" ? "CANCELLED" : "NEEDS-ACTION"));
        std::string description;
        if (std::string customer = account_name(store, r); !customer.empty()) description = "Customer: " + customer;
        if (std::string who = text_of(r, "assignee"); !who.empty())
            description += (description.empty() ? "" : "\n") + std::string("Assignee: ") + who;
        if (!description.empty()) add(out, "DESCRIPTION:" + ical_escape(description));
        add(out, "END:VTODO");
    }
    add(out, "END:VCALENDAR");
    return out;
}

sync::Result<std::string> contact_vcard(sync::Store& store, const std::string& contact_id) {
    auto c = store.get("contacts", contact_id);
    if (!c.ok()) return c.error();
    std::string name = text_of(*c, "name");
    // N: family;given — the last word is taken as the family name.
    std::string family = name, given;
    if (auto sp = name.rfind(' '); sp != std::string::npos) {
        family = name.substr(sp + 1);
        given = name.substr(0, sp);
    }
    std::string out;
    add(out, "BEGIN:VCARD");
    add(out, "VERSION:3.0");
    add(out, "FN:" + ical_escape(name));
    add(out, "N:" + ical_escape(family) + ";" + ical_escape(given) + ";;;");
    if (std::string org = account_name(store, *c); !org.empty()) add(out, "ORG:" + ical_escape(org));
    if (std::string title = text_of(*c, "title"); !title.empty()) add(out, "TITLE:" + ical_escape(title));
    if (std::string role = text_of(*c, "role"); !role.empty()) add(out, "ROLE:" + ical_escape(role));
    if (std::string email = text_of(*c, "email"); !email.empty()) add(out, "EMAIL;TYPE=INTERNET:" + ical_escape(email));
    if (std::string phone = text_of(*c, "phone"); !phone.empty()) add(out, "TEL;TYPE=WORK,VOICE:" + ical_escape(phone));
    add(out, "UID:" + c->id + "@fika");
    add(out, "END:VCARD");
    return out;
}

}  // namespace fika::client
