// The product's rules (../shared/design/product.md) that must hold whoever writes: the
// app, fika-cli and the server all call these, so the same work leaves the same records
// (a stage move its stage change and funnel activity) however it was done. Qt-free; built
// on the engine (sync/), which itself knows no product rule.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hub_store.h"
#include "store.h"

namespace fika::rules {

// Who acts, and when (injected, for tests).
struct Actor {
    std::string user_id;      // "" when not known (offline before any sync)
    std::uint64_t now_ms = 0;  // wall clock, milliseconds since 1970
};

// Moves a case to `stage`, in one transaction: the case's stage (and its lost reason when
// lost); its probability follows the stage unless it was set by hand (a hand-set value
// stays, but won and lost always take theirs); an append-only stage change (from, to, at,
// by); and for offer, won and lost a funnel activity of that type, on the case's customer
// and person, dated today. Moving to the stage it is in writes nothing (false).
// Errors: NotFound (no such case), Invalid (an unknown stage), Storage.
// `done`, when given, receives what the move wrote, for undo_move.
struct StageMove {
    std::string case_id, from, to;
    sync::Value probability, lost_reason;  // the case's before the move
    std::string stage_change_id, activity_id;  // what the move wrote ("" for no activity)
};
sync::Result<bool> move_stage(sync::Store& store, const std::string& case_id, const std::string& stage,
                              const std::string& lost_reason, const Actor& actor, StageMove* done = nullptr);
// Takes a move back, in one transaction, as if it had not been made: the case's stage,
// probability and lost reason as they were, and the stage change and funnel activity it
// wrote deleted (so the funnel and the time in stage do not count it). Errors: Forbidden
// when the case has left the stage it was moved to since (nothing is changed), NotFound,
// Storage.
sync::Status undo_move(sync::Store& store, const StageMove& move);

// The funnel's stages in order (the schema's choices for a case's stage): spotted,
// qualified, meeting, offer, negotiation, won, lost.
const std::vector<std::string>& stages();
// The currency of an amount that names none (the schema's default for cases and programmes).
const std::string& default_currency();

// What a new record gets that its writer left out, whoever writes it (app, fika-cli,
// import): a case is found by the writer, a record with `by_user` is the writer's, an
// activity is dated today, a stage change happens now. Fields already given stay.
void defaults_on_create(const sync::TableDef& t, sync::Fields& fields, const Actor& actor);

// The body of a needs-analysis note (in English; the app shows its translation).
const char* needs_analysis_template();
// Makes `fields` of a new note a needs analysis: kind needs-analysis, and the template as
// its body unless one is given.
void as_needs_analysis(sync::Fields& fields);

// The pipeline: live cases per stage, in stage order, with their value and weighted value
// (value x probability, the stage's default probability when none is set) per currency.
struct StageSums {
    std::string stage;
    std::size_t count = 0;
    std::map<std::string, std::int64_t> value, weighted;  // by currency
};
struct Pipeline {
    std::vector<StageSums> stages;
    // Open cases only (not won, not lost), by currency.
    std::map<std::string, std::int64_t> open_value, open_weighted;
};
// Whose cases a pipeline or a count covers: everyone's, those owned by `user` ("" for
// the cases nobody owns yet), or those found by `user`.
struct CaseFilter {
    enum class By { Everyone, Owner, Finder } by = By::Everyone;
    std::string user;
};
sync::Result<Pipeline> pipeline(sync::Store& store, const CaseFilter& filter = {});
// Running tallies the views read instead of scanning a table (sync::Store::add_tally),
// kept by the database through every write and sync: the cases per stage, currency,
// owner and deleted or not, and again per finder instead of owner, with their value and
// weighted value (what pipeline() sums), the cases per 4.7 hours of their ids' time, finder,
// owner and deleted or not (captured_count), and every other table's records, deleted or not. Built once, on the
// first start of a version that defines them (one read of each table). The app adds them
// at start; pipeline() and tallied_count() use them when this connection has them.
// Errors: Storage (a read-only or full disk: the views count and sum by scanning).
sync::Status keep_tallies(sync::Store& store);
// How many records of a table are live (trash: in the trash), of a stage when one is
// given, only open cases without an owner when unowned_open, only the cases `filter`
// covers: from its tally, or nullopt when this connection has none (count them instead).
struct CountQuery {
    std::string table;
    bool trash = false;
    std::string stage;
    bool unowned_open = false;
    CaseFilter filter = {};
};
std::optional<std::int64_t> tallied_count(sync::Store& store, const CountQuery& q);
// The live cases whose ids sort in [from, to) - for UUIDv7 ids, the cases captured in that
// time (see uuid_v7_ms) - found by or owned by `user` when one is given: from the tally of
// captures per 4.7 hours where this connection has it, the spans cut by `from` and `to`
// counted case by case. Throws Failure (storage).
std::int64_t captured_count(sync::Store& store, const std::string& from, const std::string& to,
                            const std::optional<std::string>& user = std::nullopt);
// A case's probability as an SQL expression over the cases table (its own, or its stage's
// default), for reports that weigh values.
const std::string& probability_sql();

// Changes fields of a case as a user edits them, in one transaction: a new stage moves
// the case by move_stage (its stage change and funnel activity come with it; a
// lost_reason given with it is the move's), the other fields are written as given.
// Errors: as move_stage and Store::update.
sync::Status update_case(sync::Store& store, const std::string& case_id, sync::Fields fields, const Actor& actor);

// One step of a case's history: from one stage to another, when, by whom (user id, ""
// when not known). Appended, never changed.
struct StageChange {
    std::string account_id, case_id, from, to, by_user;
    std::int64_t at_seconds = 0;  // since 1970, UTC
};
// Appends a stage change. move_stage writes one for every move; a history made elsewhere
// (the demo's, an import) is written with its own times. Errors: Invalid, Storage.
sync::Result<std::string> record_stage_change(sync::Store& store, const StageChange& c);

// The competitor rule's flags (product.md, "Competitors"), as notifications carry them:
// work on an account whose policy is inbound-only or blocked is flagged
// "policy:inbound-only" / "policy:blocked"; a new account (`new_account`) in
// `competitor_group` while another live, active account of that group exists
// (`active_rival`, its name) is flagged "competitor:GROUP:RIVAL".
std::vector<std::string> policy_flags(const std::string& policy, const std::string& competitor_group,
                                      const std::optional<std::string>& active_rival, bool new_account);
// The names of the live, active accounts of a competitor group but `except_id`, at most
// `limit`, in id order: on a device (what the app warns of before a new account is saved)
// and on the hub (what a seller is told of when one arrives). Errors: Storage.
sync::Result<std::vector<std::string>> active_rivals(sync::Store& device, const std::string& group,
                                                     const std::string& except_id, std::size_t limit);
sync::Result<std::vector<std::string>> active_rivals(sync::HubStore& hub, const std::string& group,
                                                     const std::string& except_id, std::size_t limit);

// Follow-ups a person should be reminded of: open follow-ups due on or before `up_to`
// (YYYY-MM-DD) that are assigned to `user_id`, or to no one on a case the user owns or
// found; and open cases (not won or lost) whose follow-up date is due, that the user
// owns, or found while no one owns them. With no user (a device never connected) every
// one of them. Oldest due first, at most `limit`. Errors: Storage.
struct FollowUpDue {
    std::string table;  // "follow_ups" or "cases"
    std::string id, title, account_id, account_name, case_id, due;  // case_id: the case a follow-up is on
};
sync::Result<std::vector<FollowUpDue>> follow_ups_due(sync::Store& store, const std::string& user_id,
                                                      const std::string& up_to, std::size_t limit);

// E-mail about notifications (the server sends it; the app and fika-cli set it).
// Whether `a` is one address that can go in a To: line as it is: user@domain.tld, no
// name, no spaces or line breaks (nothing a header could be injected with).
bool valid_mail_address(std::string_view a);
// What is wrong with how a user wants to hear by mail ("" when nothing): `mode` instant,
// daily or none; an address for anything but none; `hour` 0-23 (the daily digest's, in
// the user's time, UTC + `utc_offset_min`, -840 to 840); `lang` en, sv or da.
std::string mail_prefs_problem(const std::string& address, const std::string& mode, int hour, int utc_offset_min,
                               const std::string& lang);

}  // namespace fika::rules
