#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdlib>

int main(int argc, char** argv) {
    // The servers tests start read no settings file of the machine's own
    // (/etc/fika/fika-server.conf when fika-server's package is installed); the tests of
    // the settings file name theirs.
    setenv("FIKA_CONFIG", "none", 1);
    return Catch::Session().run(argc, argv);
}
