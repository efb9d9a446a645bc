#include "cli.h"

int main(int argc, char** argv) { return fika::cli::run_cli(argc, argv); }
