// Finding and merging duplicates (product.md: users keep asking for it).
//
// Accounts are likely the same customer when they share an organisation number, or when
// their names match once case, punctuation and company forms ("AB", "A/S", "ApS",
// "Inc", "Ltd", "GmbH", "Oy", "AS", "Aktiebolag") are left out. People are likely the
// same person when, at one customer, they share an e-mail address, a phone number
// (digits only) or a name (case and spacing aside). Deleted and erased records are left
// out. Merging two people keeps one and moves everything that named the other to it
// (cases, conversations, notes, contact plans, follow-ups), fills the kept person's empty
// fields from the other and deletes the other; one transaction, synced like any edit.
// Accounts are found but not merged: a record's customer is fixed at creation.
#pragma once

#include <string>
#include <vector>

#include "store.h"

namespace fika::client {

struct DuplicateGroup {
    std::string table;             // "accounts" or "contacts"
    std::string reason;            // "same organisation number", "same e-mail", ...
    std::vector<std::string> ids;  // oldest first (the one to keep by default)
};

// Names as compared: lower case, letters and digits only, company forms left out.
std::string comparable_name(const std::string& name);

sync::Result<std::vector<DuplicateGroup>> find_duplicate_accounts(sync::Store& store);
// account_id empty: at every customer.
sync::Result<std::vector<DuplicateGroup>> find_duplicate_contacts(sync::Store& store, const std::string& account_id = {});

// Errors: NotFound, Invalid (the same person, or people at different customers),
// Forbidden (an erased person), Storage. Returns how many records now name `keep`.
sync::Result<std::size_t> merge_contacts(sync::Store& store, const std::string& keep, const std::string& drop);

}  // namespace fika::client
