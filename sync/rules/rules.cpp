#include "rules.h"

#include "export.h"
#include "schema.h"

namespace fika::rules {

sync::Result<std::string> record_stage_change(sync::Store& store, const StageChange& c) {
    sync::Fields sc = {{"account_id", sync::text(c.account_id)}, {"case_id", sync::text(c.case_id)},
                       {"to_stage", sync::text(c.to)}, {"at", sync::text(sync::utc_text(c.at_seconds, "%Y-%m-%dT%H:%M:%SZ"))}};
    if (!c.from.empty()) sc.emplace_back("from_stage", sync::text(c.from));
    if (!c.by_user.empty()) sc.emplace_back("by_user", sync::text(c.by_user));
    return store.create("stage_changes", std::move(sc));
}

sync::Result<bool> move_stage(sync::Store& store, const std::string& case_id, const std::string& stage,
                              const std::string& lost_reason, const Actor& actor) {
    auto c = store.get("cases", case_id);
    if (!c.ok()) return c.error();
    const std::string from = sync::to_display((*c)["stage"]);
    if (from == stage) return false;
    if (!sync::default_probability(stage)) return sync::Error{sync::Code::Invalid, "unknown stage '" + stage + "'"};
    const std::string account = sync::to_display((*c)["account_id"]);
    const auto seconds = static_cast<std::int64_t>(actor.now_ms / 1000);
    return sync::guard([&] {
        sync::Store::Batch batch(store);
        auto must = [](const sync::Status& st) {
            if (!st.ok()) throw sync::Failure{st.error()};
        };
        sync::Fields f = {{"stage", sync::text(stage)}};
        // A probability typed by hand stays; one that was the old stage's default follows.
        const sync::Value& p = (*c)["probability"];
        bool manual = std::holds_alternative<std::int64_t>(p) && sync::default_probability(from) &&
                      std::get<std::int64_t>(p) != *sync::default_probability(from);
        static const sync::Value kNone;  // the field emptied: the stage's default applies
        if (!manual || stage == "won" || stage == "lost") f.emplace_back("probability", kNone);
        if (stage == "lost" && !lost_reason.empty()) f.emplace_back("lost_reason", sync::text(lost_reason));
        must(store.update("cases", case_id, f));
        sync::must(record_stage_change(store, {account, case_id, from, stage, actor.user_id, seconds}));
        if (stage == "offer" || stage == "won" || stage == "lost") {
            sync::Fields af = {{"type", sync::text(stage)}, {"account_id", sync::text(account)},
                               {"case_id", sync::text(case_id)}, {"date", sync::text(sync::utc_text(seconds, "%Y-%m-%d"))}};
            if (auto* contact = std::get_if<std::string>(&(*c)["contact_id"])) af.emplace_back("contact_id", sync::text(*contact));
            if (!actor.user_id.empty()) af.emplace_back("by_user", sync::text(actor.user_id));
            auto activity = store.create("activities", af);
            if (!activity.ok()) throw sync::Failure{activity.error()};
        }
        must(batch.commit());
        return true;
    });
}

std::vector<std::string> policy_flags(const std::string& policy, const std::string& competitor_group,
                                      const std::optional<std::string>& active_rival, bool new_account) {
    std::vector<std::string> flags;
    if (!new_account && (policy == "inbound-only" || policy == "blocked")) flags.push_back("policy:" + policy);
    if (new_account && !competitor_group.empty() && active_rival)
        flags.push_back("competitor:" + competitor_group + ":" + *active_rival);
    return flags;
}

}  // namespace fika::rules
