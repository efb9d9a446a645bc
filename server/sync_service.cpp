#include "sync_service.h"

#include <cstdio>
#include <set>

namespace fika::server {

using sync::must;

using sync::fail;

Result<SyncOutcome> SyncService::sync(const User& u, const sync::SyncRequest& req, const DeviceInfo& device,
                                      const SyncChecks* checks) {
    // The grants are read before the sync waits for its group, not in the group's turn
    // (a round trip per sync there on PostgreSQL, which every other sync of the group
    // waited for).
    auto grants = [&](const SyncChecks* given) -> Result<Authorization::Grants> {
        if (u.reads_everything()) return Authorization::Grants{};
        if (given) return std::make_shared<std::set<std::string>>(given->grants);
        auto c = data_.sync_checks(sync::site_to_string(req.site), u.id, true);
        if (!c.ok()) return c.error();
        return std::make_shared<std::set<std::string>>(std::move(c->grants));
    };
    if (req.has_push && req.push_follows) {
        std::unique_lock lock(mu_);
        auto waited = sync::guard_status([&] { wait_for_push(req.site, req.push_follows, lock); });
        if (!waited.ok()) return waited.error();
        // Read after the push before it is merged: it may have created an account (and
        // granted it) that this one writes to.
        auto granted = grants(nullptr);
        if (!granted.ok()) return granted.error();
        Job job{&u, &req, &device, *granted, {}};
        return std::move(run_group({&job}).front());
    }
    auto granted = grants(checks);
    if (!granted.ok()) return granted.error();
    Job job{&u, &req, &device, *granted, {}};
    std::unique_lock q(queue_mu_);
    queue_.push_back(&job);
    while (!job.result) {
        if (leading_) {
            group_done_.wait(q);
            continue;
        }
        // Lead one group: everything queued by now, this sync among it.
        leading_ = true;
        std::vector<Job*> group;
        while (!queue_.empty() && group.size() < kMaxGroup) {
            group.push_back(queue_.front());
            queue_.pop_front();
        }
        q.unlock();
        std::vector<Result<SyncOutcome>> answers;
        try {
            std::lock_guard lock(mu_);
            answers = run_group(group);
        } catch (const std::exception& e) {  // out of memory: no sync may wait forever
            answers.assign(group.size(), Result<SyncOutcome>(Error{Code::Storage, e.what()}));
        }
        q.lock();
        for (std::size_t i = 0; i < group.size(); ++i) group[i]->result = std::move(answers[i]);
        leading_ = false;
        group_done_.notify_all();
    }
    return std::move(*job.result);
}

std::vector<Result<SyncOutcome>> SyncService::run_group(const std::vector<Job*>& group) {
    std::vector<std::optional<Result<SyncOutcome>>> results(group.size());
    std::vector<std::size_t> live(group.size());
    for (std::size_t i = 0; i < live.size(); ++i) live[i] = i;
    std::vector<SyncOutcome> outs;
    while (!live.empty()) {
        outs.assign(live.size(), SyncOutcome{});
        std::size_t at = 0;
        // A group of pulls only notes its devices and downloads: nothing a device was
        // told is saved, so its commit need not wait for the disk (sync::Durability).
        bool pushes = false;
        for (std::size_t i : live) pushes = pushes || (group[i]->req->has_push && !group[i]->req->push.empty());
        Status merged = sync::guard_status([&] {
            auto work = must(hub_.begin(pushes ? sync::Durability::Full : sync::Durability::Redoable));
            GroupWork gw;
            for (at = 0; at < live.size(); ++at) merge_push(*group[live[at]], gw, outs[at]);
            must(data_.devices_synced(gw.devices, hub_.now_ms()));
            log_.flush();
            must(work->commit());
            log_.forgotten();
        });
        if (merged.ok()) break;
        if (at >= live.size()) {  // the commit failed: nothing was merged
            for (std::size_t i : live) results[i] = merged.error();
            live.clear();
            break;
        }
        results[live[at]] = merged.error();
        live.erase(live.begin() + static_cast<long>(at));
    }
    // The group's answers read in one read unit: one state of the hub for all of them, and
    // on SQLite one read lock rather than one per statement (a dozen per answer).
    std::optional<Result<std::unique_ptr<sync::HubStore::Work>>> reading;
    if (!live.empty()) reading = hub_.begin_read();
    auto ends = sync::guard([&] {
        if (!reading->ok()) throw sync::Failure{reading->error()};
        return group_ends(group, live, outs);
    });
    for (std::size_t k = 0; k < live.size(); ++k) {
        const Job& j = *group[live[k]];
        note_runs(j.req->site, outs[k].runs);
        results[live[k]] = sync::guard([&] {
            if (!ends.ok()) throw sync::Failure{ends.error()};
            answer(j, *ends, outs[k]);
            return std::move(outs[k]);
        });
    }
    reading.reset();
    std::vector<Result<SyncOutcome>> out;
    out.reserve(results.size());
    for (auto& r : results) out.push_back(std::move(*r));
    return out;
}

void SyncService::merge_push(const Job& j, GroupWork& gw, SyncOutcome& out) {
    const User& u = *j.user;
    const sync::SyncRequest& req = *j.req;
    // A device that has seen further than this database's sequence: the database went
    // back (put back from a backup by hand). A new incarnation makes every device send
    // again what it lacks and download from the start (Store::begin_resend). Only a
    // device of the current incarnation tells: one of an earlier one starts over anyway,
    // and had each such device made another, every device that had started over would
    // start over again, once per device that came back after it.
    if (req.has_pull && !req.cursors.empty() && !stranger(req)) {
        if (!gw.end) gw.end = hub_.hub_seq();
        for (auto& [bucket, cursor] : req.cursors) {
            if (cursor.at <= *gw.end) continue;
            auto fresh = hub_.new_incarnation();
            if (!fresh.ok()) throw sync::Failure{fresh.error()};
            own_.clear();  // sequence numbers from before the database went back
            std::fprintf(stderr,
                         "fika-server: a device has seen sequence %llu, but this database ends at %llu: it was "
                         "put back from a backup. New incarnation %s: devices will send again what it lacks.\n",
                         static_cast<unsigned long long>(cursor.at),
                         static_cast<unsigned long long>(*gw.end),
                         sync::site_to_string(*fresh).c_str());
            break;
        }
    }
    if (req.has_push && !req.push.empty()) {
        // A copy: the push adds the accounts it creates, and a group tried again after a
        // failure starts from what was read.
        if (j.granted) out.grants = std::make_shared<std::set<std::string>>(*j.granted);
        sync::Authorize authz = auth_.for_push(u, out.grants);
        auto applied = must(hub_.apply(req.push, authz));
        out.refused = applied.refused.size();
        out.accepted = req.push.size() - out.refused;
        out.response.refused = applied.refused;
        out.buckets_changed = applied.buckets_changed;
        out.runs = std::move(applied.runs);
        for (auto& [table, id] : applied.erased)
            if (table->name == "contacts") {
                // An erased person's name leaves the notifications and queued webhooks.
                must(data_.forget_person_in_payloads(id));
                log_.log(u.name, "erase", id);
            }
        notifier_.merged(u, applied, req.push_resent, gw.sellers, out.notifications);
    }
    gw.devices.push_back({sync::site_to_string(req.site), u.id, j.device->user_agent.substr(0, 200),
                          req.has_push ? std::optional<std::uint64_t>(req.push_upto) : std::nullopt});
}

std::map<std::string, sync::BucketEnd> SyncService::group_ends(const std::vector<Job*>& group,
                                                               const std::vector<std::size_t>& live,
                                                               const std::vector<SyncOutcome>& outs) {
    // Every bucket when one of them reads every account; else the global bucket and the
    // consultants' granted ones (a consultant's few of thousands, not every bucket).
    std::set<std::string> wanted{std::string(sync::kGlobalBucket)};
    bool any = false;
    for (std::size_t k = 0; k < live.size(); ++k) {
        const Job& j = *group[live[k]];
        if (!pulls(*j.req)) continue;
        any = true;
        if (j.user->reads_everything()) return must(hub_.bucket_ends());
        const Authorization::Grants& g = outs[k].grants ? outs[k].grants : j.granted;
        if (g) wanted.insert(g->begin(), g->end());
    }
    if (!any) return {};
    return must(hub_.bucket_ends_of(std::vector<std::string>(wanted.begin(), wanted.end())));
}

void SyncService::answer(const Job& j, const std::map<std::string, sync::BucketEnd>& ends, SyncOutcome& out) {
    const User& u = *j.user;
    const sync::SyncRequest& req = *j.req;
    if (req.has_push) pushed(req.site, req.push_upto);
    sync::SyncResponse& resp = out.response;
    resp.site = hub_.site();
    resp.hlc = std::max(hub_.hlc_last(), sync::hlc_from_ms(hub_.now_ms()));
    resp.push_upto = req.push_upto;
    if (req.has_hub) resp.hub = hub_.incarnation();
    // A device that synced with another incarnation: its cursors mean nothing here. It
    // sends everything again and downloads from the start (begin_resend), then pulls.
    if (pulls(req)) pull(u, req, out.grants ? out.grants : j.granted, ends, resp);
    for (const sync::BucketPage& p : resp.pages)
        if (!p.changes.empty()) log_.downloaded(u.name, p.bucket);
    // The cells this very push brought are on the device already: do not send them
    // back (an upload of N records would otherwise download them all again).
    if (req.has_push && !resp.pages.empty()) drop_echo(req, resp);
}

bool SyncService::stranger(const sync::SyncRequest& req) const {
    return req.has_hub && req.hub != 0 && req.hub != hub_.incarnation();
}

void SyncService::drop_echo(const sync::SyncRequest& req, sync::SyncResponse& resp) {
    std::unordered_map<std::string_view, const sync::RecordChange*> pushed;
    pushed.reserve(req.push.size());
    for (const sync::RecordChange& rc : req.push) pushed.emplace(rc.id, &rc);
    for (sync::BucketPage& p : resp.pages) {
        for (sync::RecordChange& rc : p.changes) {
            auto it = pushed.find(rc.id);
            if (it == pushed.end() || it->second->table != rc.table) continue;
            std::erase_if(rc.cells, [&](const sync::CellChange& c) {
                for (const sync::CellChange& mine : it->second->cells)
                    if (mine.field == c.field && mine.clock == c.clock) return true;
                return false;
            });
        }
        std::erase_if(p.changes, [](const sync::RecordChange& rc) { return rc.cells.empty(); });
    }
}

void SyncService::pull(const User& u, const sync::SyncRequest& req, const Authorization::Grants& grants,
                       const std::map<std::string, sync::BucketEnd>& group_ends, sync::SyncResponse& resp) {
    const std::map<std::string, sync::BucketEnd> ends = Authorization::readable_in(u, grants, group_ends);
    for (auto& [b, c] : req.cursors)
        if (!ends.count(b)) resp.purge.push_back(b);
    std::size_t budget = req.limit;
    for (const auto& [b, end] : ends) {
        const std::uint64_t seq = end.seq;
        auto it = req.cursors.find(b);
        sync::Cursor c = it == req.cursors.end() ? sync::Cursor{} : it->second;
        if (seq <= c.at && c.since == c.at) continue;  // up to date
        if (budget == 0) {
            resp.more = true;
            break;
        }
        // An incremental pull (since > 0) need not carry the device's own cells back:
        // it wrote them. A download from scratch (since = 0: a new device, a bucket
        // gained again, drift found by the checksum) carries everything.
        sync::Cursor read = c;
        if (c.since > 0) read.at = read_from(req.site, b, c);
        sync::BucketPage p;
        p.bucket = b;
        p.from = c.at;
        if (read.at >= seq) {
            // Nothing past where this device reads: what changed the bucket was its own
            // push. The page feed() would give - empty, at the bucket's end, with the
            // checksum read along with that end - without reading again (on PostgreSQL,
            // a statement per table: most of an everyday sync's).
            p.to = read.at;
            p.checksum = end.checksum;
            resp.pages.push_back(std::move(p));
            continue;
        }
        auto page = hub_.feed(b, read, budget, c.since > 0 ? req.site : 0);
        if (!page.ok()) throw sync::Failure{page.error()};
        p.to = page->to;
        p.more = page->more;
        p.checksum = page->checksum;
        budget -= std::min(budget, page->changes.size());
        p.changes = std::move(page->changes);
        if (p.more) resp.more = true;
        resp.pages.push_back(std::move(p));
    }
    // A download under way that the device shows (asked to count): what is still to come
    // after this answer, per bucket from where it will stand. Only when there is more, so
    // an everyday sync costs nothing.
    if (req.count && resp.more) {
        std::map<std::string, std::uint64_t> at;
        for (const sync::BucketPage& p : resp.pages) at[p.bucket] = p.to;
        std::uint64_t left = 0;
        for (const auto& [b, end] : ends) {
            auto it = req.cursors.find(b);
            std::uint64_t from = it == req.cursors.end() ? 0 : it->second.at;
            if (auto a = at.find(b); a != at.end()) from = a->second;
            if (end.seq <= from) continue;
            auto n = hub_.count_after(b, from);
            if (!n.ok()) throw sync::Failure{n.error()};
            left += *n;
        }
        resp.left = left;
    }
}

void SyncService::wait_for_push(sync::Site site, std::uint64_t follows, std::unique_lock<std::mutex>& lock) {
    // Merged here (told at once), or by another instance on the same database (its unit
    // of work wrote the device's position: looked up when that instance's commit hint
    // arrives, and every 20 ms while waiting, since a hint may be lost).
    auto merged_here = [&] {
        auto it = merged_upto_.find(site);
        return it != merged_upto_.end() && it->second == follows;
    };
    auto merged = [&] {
        if (merged_here()) return true;
        auto stored = data_.pushed_upto(sync::site_to_string(site));
        return stored.ok() && *stored == follows;
    };
    if (merged()) return;
    if (waiting_pushes_ >= opts_.max_waiting_pushes)
        fail(Code::Busy, "too many pushes are waiting for the ones before them; sync again");
    ++waiting_pushes_;
    auto deadline = std::chrono::steady_clock::now() + opts_.push_order_wait;
    bool arrived = false;
    while (!(arrived = merged()) && std::chrono::steady_clock::now() < deadline)
        pushed_cv_.wait_for(lock, std::min<std::chrono::steady_clock::duration>(
                                      std::chrono::milliseconds(20), deadline - std::chrono::steady_clock::now()));
    --waiting_pushes_;
    if (!arrived)
        fail(Code::Busy, "the push before this one (up to " + std::to_string(follows) +
                             ") has not arrived; sync again");
}

void SyncService::note_runs(sync::Site site, const std::vector<sync::BucketRun>& runs) {
    if (own_.size() >= 100000) own_.clear();  // bounded: a device not found here just reads
    for (const sync::BucketRun& run : runs) {
        OwnKey key{site, run.bucket};
        if (!run.verbatim) {
            own_.erase(key);
            continue;
        }
        auto [it, fresh] = own_.try_emplace(std::move(key), run.from, run.to);
        if (fresh) continue;
        // Following on the stretch: it grows. Anyone else's write between: a new one.
        if (it->second.second == run.from) it->second.second = run.to;
        else it->second = {run.from, run.to};
    }
}

std::uint64_t SyncService::read_from(sync::Site site, const std::string& bucket, const sync::Cursor& cursor) const {
    auto it = own_.find(OwnKey{site, bucket});
    if (it == own_.end()) return cursor.at;
    auto [from, to] = it->second;
    return cursor.at >= from && cursor.at < to ? to : cursor.at;
}

void SyncService::pushed(sync::Site site, std::uint64_t upto) {
    if (merged_upto_.size() >= 100000) merged_upto_.clear();  // bounded; only order in flight matters
    merged_upto_[site] = upto;
    pushed_cv_.notify_all();
}

}  // namespace fika::server
