// Helpers shared by the tests: temporary directories, a controllable wall clock.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fika::test {

// The seed of a randomised test: FIKA_SEED when set (to replay a failure), else random.
// Printed so that every run can be replayed.
inline std::uint64_t test_seed(const char* name) {
    std::uint64_t seed = 0;
    if (const char* s = std::getenv("FIKA_SEED")) seed = std::strtoull(s, nullptr, 10);
    if (seed == 0) {
        seed = static_cast<std::uint64_t>(std::random_device{}()) << 20 ^ std::random_device{}();
    }
    std::printf("%s: FIKA_SEED=%llu\n", name, static_cast<unsigned long long>(seed));
    std::fflush(stdout);
    return seed;
}

class TempDir {
public:
    // in_memory: on /dev/shm when there is one, for tests that commit thousands of times
    // and test logic, not durability.
    explicit TempDir(bool in_memory = false) {
        std::filesystem::path base = std::filesystem::temp_directory_path();
        if (in_memory && std::filesystem::is_directory("/dev/shm")) base = "/dev/shm";
        std::string tmpl = (base / "fika-test-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) std::abort();
        path_ = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const { return (path_ / name).string(); }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// A file's bytes ("" when it cannot be read).
inline std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// Every file under a directory, concatenated: what a thief who copies it gets (a test
// greps it for words it must not hold).
inline std::string bytes_under(const std::filesystem::path& dir) {
    std::string all;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        if (e.is_regular_file()) all += file_bytes(e.path().string());
    return all;
}

// A wall clock that tests move by hand.
struct FakeWall {
    std::uint64_t ms = 1'764'000'000'000;  // November 2025
    auto fn() {
        return [this] { return ms; };
    }
};

}  // namespace fika::test
