// The demo data set (`fika --demo`): a realistic month of a consulting firm's programme,
// including product.md's worked example (20 conversations -> 3 meetings and 2 phone
// meetings -> 3 offers -> 1 won, 135,000 DKK), talking points in three languages, a
// programme cost, and a seller's inbox.
#pragma once

#include <cstdint>
#include <string>

#include "store.h"

namespace fika::app::demo {
// Fills an empty database. Returns "" or an error message.
std::string load(sync::Store& store, std::uint64_t now_ms);
}
