// fika's command line and main loop: the app, --screenshot, and --self-test.
#pragma once

#include <QStringList>

namespace fika::app {
// Every page the app has, by the name --page and showPage() take.
const QStringList& all_pages();
int run_app(int argc, char** argv);
}  // namespace fika::app
