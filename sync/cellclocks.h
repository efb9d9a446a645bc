// Per-cell clocks of one record, stored in the record's `_clocks` column.
//
// Why one blob per record rather than one row per cell: a row per cell (plus an outbox
// row per cell) multiplies every write several times over; this layout adds a few dozen
// bytes to the row the write touches anyway (docs/ARCHITECTURE.md, "Storage").
//
// On-disk format (all integers are unsigned LEB128 varints unless said otherwise)
// ------------------------------------------------------------------------------
//   byte    flags: the format in the low bits (0x01 or 0x02); 0x80 = cells carry a hub
//           sequence number
// Format 0x02, "uniform": every written cell has the same clock and seq and no base (a
// record created, or last written, in one piece), and there are at most 64 cells
//   8 bytes hlc, 8 bytes site (big-endian): the one clock
//   varint  n_cells (the number of fields the writer's schema had)
//   varint  mask: bit i set = cell i was written with that clock
//   varint  seq (only with flag 0x80)
// Format 0x01, general:
//   varint  n_clocks; then n_clocks distinct clocks, each
//             8 bytes hlc, big-endian (a current HLC needs 57 bits: a varint is longer)
//             8 bytes site, big-endian
//   varint  n_cells (the number of fields the writer's schema had; a reader with more
//           fields treats the missing cells as never written)
//   n_cells × { varint clock  (0 = never written, k = the k-th clock above)
//               varint base   (0 = none, k = the k-th clock above): the clock of the
//                             value the writer saw when it wrote this cell; it tells a
//                             concurrent overwrite from a deliberate one
//               varint seq    (only with flag 0x80): the hub's sequence number of the
//                             change that last set this cell }
//
// A record created in one write has one clock and no bases: about 20 bytes, whatever
// its number of fields. Once its cells diverge, about 19 + 2 × n_fields bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "error.h"
#include "hlc.h"

namespace fika::sync {

struct Cell {
    Clock clock;  // zero: never written
    Clock base;   // zero: none (created fresh, or unknown)
    std::uint64_t seq = 0;

    bool written() const { return !clock.is_zero(); }
};

struct CellClocks {
    std::vector<Cell> cells;

    std::string encode(bool with_seq) const;
    void encode_to(std::string& out, bool with_seq) const;  // replaces out's content
    // Fails with Corrupt on a malformed blob. Pads to at least n_fields cells.
    static CellClocks decode(std::string_view blob, std::size_t n_fields);
};

}  // namespace fika::sync
