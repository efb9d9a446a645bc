// fika's command line and main loop: the app, --screenshot, and --self-test.
#pragma once

#include <QStringList>

namespace fika::app {
// Every page the app has, by the name --page and showPage() take.
const QStringList& all_pages();
int run_app(int argc, char** argv);
// The Qt Quick Controls style the app draws with (Material); before any QML engine, in the
// app and in every test that shows its pages, so that tests measure what people see.
void use_app_style();
}  // namespace fika::app
