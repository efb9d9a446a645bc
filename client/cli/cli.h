// fika-cli's commands; main.cpp is only `return run_cli(argc, argv);`.
#pragma once

namespace fika::cli {
int run_cli(int argc, char** argv);
}
