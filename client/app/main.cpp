#include "runner.h"

int main(int argc, char** argv) { return fika::app::run_app(argc, argv); }
