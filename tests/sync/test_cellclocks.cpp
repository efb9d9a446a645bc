#include <catch2/catch.hpp>

#include "cellclocks.h"

using namespace fika::sync;

TEST_CASE("cell clocks round-trip - with and without hub sequence numbers") {
    CellClocks cc;
    cc.cells.resize(5);
    cc.cells[0] = {{100, 7}, {}, 3};
    cc.cells[1] = {{100, 7}, {50, 9}, 3};
    cc.cells[3] = {{kMaxHlc, ~0ULL}, {100, 7}, 1ULL << 40};
    for (bool seq : {false, true}) {
        CellClocks back = CellClocks::decode(cc.encode(seq), 5);
        REQUIRE(back.cells.size() == 5);
        for (size_t i = 0; i < 5; ++i) {
            CHECK(back.cells[i].clock == cc.cells[i].clock);
            CHECK(back.cells[i].base == cc.cells[i].base);
            CHECK(back.cells[i].seq == (seq ? cc.cells[i].seq : 0));
        }
    }
}

TEST_CASE("a record written in one go costs one clock and a mask - diverged cells two bytes a field") {
    CellClocks cc;
    cc.cells.assign(14, Cell{{0x0190000000000000ULL, 0x1234}, {}, 0});
    cc.cells[3] = Cell{};  // a field left empty
    CHECK(cc.encode(false).size() == 1 + 16 + 1 + 2);
    CellClocks back = CellClocks::decode(cc.encode(false), 14);
    CHECK(!back.cells[3].written());
    CHECK(back.cells[13].clock == cc.cells[13].clock);
    cc.cells[5].base = {0x0180000000000000ULL, 0x99};  // one deliberate overwrite
    CHECK(cc.encode(false).size() == 1 + 1 + 2 * 16 + 1 + 2 * 14);
}

TEST_CASE("uniform blobs keep the hub's sequence number and fall back when seqs differ") {
    CellClocks cc;
    cc.cells.assign(4, Cell{{100, 7}, {}, 42});
    std::string blob = cc.encode(true);
    CHECK(blob.size() == 1 + 16 + 1 + 1 + 1);
    CellClocks back = CellClocks::decode(blob, 6);
    REQUIRE(back.cells.size() == 6);
    CHECK(back.cells[0].seq == 42);
    CHECK(back.cells[3].clock == Clock{100, 7});
    CHECK(!back.cells[4].written());
    cc.cells[2].seq = 43;
    back = CellClocks::decode(cc.encode(true), 4);
    CHECK(back.cells[1].seq == 42);
    CHECK(back.cells[2].seq == 43);
    cc.cells.assign(70, Cell{{100, 7}, {}, 0});  // too many cells for a mask
    back = CellClocks::decode(cc.encode(false), 70);
    CHECK(back.cells[69].clock == Clock{100, 7});
}

TEST_CASE("an older blob with fewer fields reads as never-written cells") {
    CellClocks cc;
    cc.cells.assign(3, Cell{{5, 5}, {}, 0});
    CellClocks back = CellClocks::decode(cc.encode(false), 6);
    REQUIRE(back.cells.size() == 6);
    CHECK(back.cells[2].written());
    CHECK(!back.cells[5].written());
}

TEST_CASE("malformed clock blobs are Corrupt - never a crash") {
    CellClocks cc;
    cc.cells.assign(3, Cell{{5, 5}, {}, 0});
    cc.cells[1].base = {3, 3};  // the general format
    std::string good = cc.encode(true);
    auto decode = [](std::string b) {
        try {
            CellClocks::decode(b, 3);
            return Code::Ok;
        } catch (const Failure& f) {
            return f.error.code;
        }
    };
    CHECK(decode(good) == Code::Ok);
    for (size_t cut = 1; cut < good.size(); ++cut) CHECK(decode(good.substr(0, cut)) == Code::Corrupt);
    CHECK(decode(good + "x") == Code::Corrupt);
    CHECK(decode(std::string("\x02", 1)) == Code::Corrupt);
    std::string bad_ref = good;
    bad_ref[bad_ref.size() - 3] = 9;  // a reference past the clock list
    CHECK(decode(bad_ref) == Code::Corrupt);
    CHECK(decode(std::string(20, '\xff')) == Code::Corrupt);
    CellClocks one;
    one.cells.assign(3, Cell{{5, 5}, {}, 9});
    std::string uni = one.encode(true);
    REQUIRE(uni[0] == '\x82');
    CHECK(decode(uni) == Code::Ok);
    for (size_t cut = 1; cut < uni.size(); ++cut) CHECK(decode(uni.substr(0, cut)) == Code::Corrupt);
    CHECK(decode(uni + "x") == Code::Corrupt);
    std::string far_mask = uni;
    far_mask[18] = 0x7f;  // a cell past n_cells
    CHECK(decode(far_mask) == Code::Corrupt);
    std::string no_cells = uni;
    no_cells[18] = 0;
    CHECK(decode(no_cells) == Code::Corrupt);
}
