#include "demo.h"

#include <nlohmann/json.hpp>

#include <ctime>
#include <vector>

#include "hlc.h"
#include "rules.h"

namespace fika::app::demo {

namespace {

std::string date_days_ago(std::uint64_t now_ms, int days) {
    std::time_t t = static_cast<std::time_t>(now_ms / 1000) - days * 86400;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

// The same moment in seconds since 1970, for a stage change's `at`.
std::int64_t seconds_days_ago(std::uint64_t now_ms, double days) {
    return static_cast<std::int64_t>(now_ms / 1000) - static_cast<std::int64_t>(days * 86400);
}

struct Fail {
    std::string msg;
};

std::string must(sync::Result<std::string> r) {
    if (!r.ok()) throw Fail{r.error().message};
    return *r;
}

}  // namespace

std::string load(sync::Store& st, std::uint64_t now) {
    using sync::text;
    try {
        sync::Store::Batch batch(st);
        const std::string me = "01900000-0000-7000-8000-00000000d001";
        const std::string karin = "01900000-0000-7000-8000-00000000d002";
        const std::string jonas = "01900000-0000-7000-8000-00000000d003";
        must(st.create("users", {{"id", text(me)}, {"name", text("Sara Lind")}, {"role", text("seller")},
                                 {"style", text("neutral")}, {"weekly_target", std::int64_t{6}}}));
        must(st.create("users", {{"id", text(karin)}, {"name", text("Karin Holm")}, {"role", text("consultant")},
                                 {"style", text("passive")}, {"weekly_target", std::int64_t{5}}}));
        must(st.create("users", {{"id", text(jonas)}, {"name", text("Jonas Vik")}, {"role", text("consultant")},
                                 {"style", text("direct")}, {"weekly_target", std::int64_t{4}}}));
        (void)st.set_meta("user_id", me);
        (void)st.set_meta("user_name", "Sara Lind");
        (void)st.set_meta("user_role", "seller");

        auto account = [&](const char* name, const char* industry, const char* group, const char* policy, std::int64_t revenue) {
            sync::Fields f = {{"name", text(name)}, {"industry", text(industry)}, {"policy", text(policy)},
                              {"yearly_revenue", revenue}};
            if (*group) f.emplace_back("competitor_group", text(group));
            if (revenue > 0) f.emplace_back("owner", text(me));  // the seller owns the paying customers
            return must(st.create("accounts", f));
        };
        std::string nordbank = account("Nordbank A/S", "Banking", "banks", "active", 7'000'000);
        std::string vestbank = account("Vestbank", "Banking", "banks", "inbound-only", 0);
        std::string acme = account("Acme Logistics AB", "Logistics", "", "active", 2'400'000);
        std::string fjord = account("Fjord Energi AS", "Energy", "", "active", 1'100'000);
        std::string hav = account("Havkraft", "Energy", "", "active", 350'000);
        std::string byg = account("Byggeriet ApS", "Construction", "", "active", 0);
        std::string salt = account("Saltsjö Retail", "Retail", "", "blocked", 0);
        std::string tanum = account("Tanum Kommune", "Public sector", "", "active", 800'000);

        auto contact = [&](const std::string& acct, const char* name, const char* title, const char* role, bool met) {
            return must(st.create("contacts", {{"account_id", text(acct)}, {"name", text(name)}, {"title", text(title)},
                                               {"role", text(role)}, {"met", std::int64_t{met ? 1 : 0}}}));
        };
        std::string eva = contact(acme, "Eva Lund", "CTO", "decision-maker", true);
        std::string per = contact(acme, "Per Ek", "Head of warehouse IT", "project-owner", false);
        contact(acme, "Maja Berg", "Developer", "user", true);
        std::string lars = contact(nordbank, "Lars Møller", "CIO", "decision-maker", true);
        contact(nordbank, "Sofie Dahl", "Architect", "influencer", true);
        std::string ingrid = contact(fjord, "Ingrid Solberg", "Project manager", "project-owner", true);
        contact(hav, "Ola Nilsen", "CEO", "decision-maker", false);
        std::string mette = contact(tanum, "Mette Karlsen", "Digitalisation lead", "influencer", true);

        // A case captured `days_ago` (its UUIDv7 id carries the moment, as a real capture's
        // does: a programme's return counts the cases captured in its period).
        sync::Rng rng(now);
        auto kase = [&](const std::string& acct, const std::string& who, const char* title, const char* need,
                        std::int64_t value, const char* stage, const std::string& finder, bool owned, double days_ago) {
            auto at = now - static_cast<std::uint64_t>(days_ago * 86'400'000);
            sync::Fields f = {{"id", text(sync::new_uuid_v7(at, rng))}, {"account_id", text(acct)},
                              {"title", text(title)}, {"need", text(need)}, {"stage", text(stage)},
                              {"found_by", text(finder)}, {"currency", text("DKK")}};
            if (value) f.emplace_back("value", value);
            if (!who.empty()) f.emplace_back("contact_id", text(who));
            if (owned) f.emplace_back("owner", text(me));
            if (std::string(stage) == "offer") f.emplace_back("next_step", text("Follow up on the offer"));
            if (std::string(stage) == "offer") f.emplace_back("follow_up", text(date_days_ago(now, -5)));
            if (std::string(stage) == "lost") f.emplace_back("lost_reason", text("Another vendor, on price"));
            return must(st.create("cases", f));
        };
        // Open and won cases add up to product.md's identified pipeline of 3 M DKK, and
        // their values times their stages' probabilities to its estimated earnings of 2 M.
        std::string won = kase(acme, eva, "Warehouse data platform", "Stock levels are a day late; they want it live.",
                               135'000, "won", karin, true, 30);
        std::string offer1 = kase(nordbank, lars, "Payments API review", "A second opinion before the PSD3 rewrite.",
                                  240'000, "offer", karin, true, 24);
        std::string grid = kase(fjord, ingrid, "Grid sensor dashboards", "Field engineers need the readings on phones.", 410'000, "offer",
             karin, true, 22);
        std::string audit = kase(tanum, mette, "Citizen portal accessibility audit", "Must pass WCAG 2.1 AA by spring.",
                                 135'000, "meeting", karin, true, 10);
        std::string route = kase(acme, per, "Route planning pilot", "Per mentioned trucks driving empty on Fridays.", 300'000,
                                 "spotted", karin, false, 2.0 / 24);
        std::string offshore = kase(hav, "", "Offshore maintenance app", "Heard at the coffee machine: paper checklists offshore.", 0,
             "spotted", karin, false, 3.0 / 24);
        std::string site = kase(byg, "", "Site reporting", "", 60'000, "qualified", jonas, false, 3);
        std::string mainframe = kase(nordbank, "", "Mainframe exit study", "", 1'720'000, "negotiation", me, true, 40);
        std::string lost_case = kase(fjord, "", "Data warehouse migration", "Chose another vendor on price.", 300'000,
                                     "lost", karin, true, 45);
        // How each got to its stage (the case page's history, the time in stage).
        auto moved = [&](const std::string& acct, const std::string& c, std::vector<std::pair<const char*, double>> path,
                         const std::string& by) {
            const char* from = "spotted";
            for (auto& [to, days_ago] : path) {
                must(rules::record_stage_change(st, {acct, c, from, to, by, seconds_days_ago(now, days_ago)}));
                from = to;
            }
        };
        moved(acme, won, {{"meeting", 20}, {"offer", 18}, {"won", 15}}, me);
        moved(nordbank, offer1, {{"meeting", 14}, {"offer", 10}}, me);
        moved(fjord, grid, {{"meeting", 12}, {"offer", 8}}, me);
        moved(tanum, audit, {{"meeting", 6}}, karin);
        moved(byg, site, {{"qualified", 1}}, jonas);
        moved(nordbank, mainframe, {{"qualified", 35}, {"meeting", 30}, {"offer", 21}, {"negotiation", 7}}, me);
        moved(fjord, lost_case, {{"meeting", 35}, {"lost", 25}}, me);

        // The worked example: 20 conversations -> 3 meetings + 2 phone meetings -> 3 offers -> 1 won.
        auto activity = [&](const char* type, const std::string& acct, const std::string& who, const std::string& c,
                            const char* note, int days_ago, const char* direction = "outbound",
                            const std::string& by = std::string()) {
            sync::Fields f = {{"type", text(type)}, {"account_id", text(acct)}, {"date", text(date_days_ago(now, days_ago))},
                              {"by_user", text(by.empty() ? karin : by)}, {"direction", text(direction)}};
            if (!who.empty()) f.emplace_back("contact_id", text(who));
            if (!c.empty()) f.emplace_back("case_id", text(c));
            if (*note) f.emplace_back("note", text(note));
            must(st.create("activities", f));
        };
        const std::string conv_accounts[] = {acme, nordbank, fjord, hav, tanum, byg, acme, fjord, nordbank, tanum};
        const char* notes[] = {"Coffee with Eva: stock data is late", "Lunch with Lars about payments",
                               "Ingrid asked about dashboards", "Ola at the fair stand",
                               "Mette: accessibility deadline", "Site visit chat", "Per: empty trucks on Fridays",
                               "Sensor data in the field", "Architecture review idea", "Portal feedback"};
        // 19 outbound conversations (four of them Sara's, this week; six Jonas's) and one
        // inbound call. Consultants identify, the seller (Sara) closes: she logs the offers
        // and the win, and the consultants who found those cases are credited with them.
        for (int i = 0; i < 19; ++i)
            activity("conversation", conv_accounts[i % 10], "", "", notes[i % 10], i < 4 ? 0 : (i * 3) % 28, "outbound",
                     i < 4 ? me : i >= 13 ? jonas : std::string());
        activity("meeting", acme, eva, won, "Workshop on stock data", 20);
        activity("meeting", nordbank, lars, offer1, "Scoping the review", 14);
        activity("meeting", tanum, mette, "", "Audit scope", 6, "outbound", jonas);
        activity("phone-meeting", fjord, ingrid, "", "Call about dashboards", 12);
        activity("phone-meeting", hav, "", "", "Intro call", 9);
        activity("offer", acme, eva, won, "", 18, "outbound", me);
        activity("offer", nordbank, lars, offer1, "", 10, "outbound", me);
        activity("offer", fjord, ingrid, grid, "", 8, "outbound", me);
        activity("won", acme, eva, won, "Signed", 15, "outbound", me);
        activity("conversation", vestbank, "", "", "They called us about a security review", 4, "inbound");
        std::string security = kase(vestbank, "", "Security review", "They called us: a review before their audit.", 0,
                                    "spotted", karin, false, 1.0 / 24);
        activity("lost", fjord, "", lost_case, "Chose another vendor on price", 25, "outbound", me);

        must(st.create("notes", {{"account_id", text(acme)}, {"contact_id", text(eva)}, {"kind", text("needs-analysis")},
                                 {"body", text("Need: live stock levels\n\nPain: orders promised on stale data\n\n"
                                               "Timing: before peak season\n\nWho decides: Eva (CTO)\n\nBudget: 150k DKK")},
                                 {"by_user", text(karin)}}));
        must(st.create("contact_plans", {{"account_id", text(acme)}, {"consultant", text(karin)},
                                         {"contact_id", text(per)}, {"planned_by", text(date_days_ago(now, -7))}}));
        must(st.create("follow_ups", {{"account_id", text(nordbank)}, {"summary", text("Call Lars about the offer")},
                                      {"due", text(date_days_ago(now, -3))}, {"related_kind", text("case")},
                                      {"related_id", text(offer1)}, {"assignee", text(me)}}));
        // One that fell due yesterday: the home page's reminder.
        must(st.create("follow_ups", {{"account_id", text(acme)}, {"summary", text("Send Eva the workshop notes")},
                                      {"due", text(date_days_ago(now, 1))}, {"assignee", text(me)}}));
        must(st.create("programmes", {{"name", text("Coffee-machine programme Q1")}, {"cost", std::int64_t{500'000}},
                                      {"period_start", text(date_days_ago(now, 60))},
                                      {"period_end", text(date_days_ago(now, -30))}}));

        struct Tp {
            const char* style;
            const char* lang;
            const char* body;
        };
        const Tp points[] = {
            {"passive", "en", "Listen for what slows them down; ask one curious question."},
            {"neutral", "en", "Ask: \"What would you fix first if you had an extra developer?\""},
            {"direct", "en", "Offer a one-hour workshop with our specialist next week."},
            {"passive", "sv", "Lyssna efter vad som bromsar dem; ställ en nyfiken fråga."},
            {"neutral", "sv", "Fråga: \"Vad skulle ni laga först om ni hade en utvecklare till?\""},
            {"direct", "sv", "Erbjud en timmes workshop med vår specialist nästa vecka."},
            {"passive", "da", "Lyt efter, hvad der bremser dem; stil ét nysgerrigt spørgsmål."},
            {"neutral", "da", "Spørg: \"Hvad ville I rette først, hvis I havde en udvikler mere?\""},
            {"direct", "da", "Tilbyd en times workshop med vores specialist i næste uge."},
        };
        for (const Tp& p : points)
            must(st.create("talking_points", {{"style", text(p.style)}, {"language", text(p.lang)}, {"body", text(p.body)}}));

        // A seller's inbox, as the server would have filled it.
        nlohmann::json inbox = nlohmann::json::array();
        auto note = [&](int n, const std::string& id, const char* title, const std::string& acct, const char* acct_name,
                        const std::string& contact, const char* contact_name, bool read, nlohmann::json flags) {
            inbox.push_back({{"n", n}, {"case_id", id}, {"read", read}, {"created_ms", now - static_cast<std::uint64_t>(4 - n) * 3600000},
                             {"payload", {{"kind", "new_case"}, {"case", {{"id", id}, {"title", title}}},
                                          {"account", {{"id", acct}, {"name", acct_name}}},
                                          {"contact", contact.empty() ? nlohmann::json(nullptr)
                                                                      : nlohmann::json{{"id", contact}, {"name", contact_name}}},
                                          {"found_by", {{"id", karin}, {"name", "Karin Holm"}}}, {"flags", flags}}}});
        };
        note(3, offshore, "Offshore maintenance app", hav, "Havkraft", "", "", false, nlohmann::json::array());
        note(2, route, "Route planning pilot", acme, "Acme Logistics AB", per, "Per Ek", false, nlohmann::json::array());
        note(1, security, "Security review", vestbank, "Vestbank", "", "", true, nlohmann::json::array({"policy:inbound-only"}));
        (void)st.set_meta("inbox_cache", nlohmann::json{{"notifications", inbox}}.dump());

        auto done = batch.commit();
        if (!done.ok()) return done.error().message;
        // Demo data is local: it is never pushed to a server.
        auto pending = st.pending(1000000);
        if (pending.ok() && pending->upto) (void)st.ack(pending->upto, {});
        return {};
    } catch (const Fail& f) {
        return f.msg;
    }
}

}  // namespace fika::app::demo
