#include <QtQml/qqmlextensionplugin.h>

#include "runner.h"

// The QML module "Fika" is a static plugin of fika_app.
Q_IMPORT_QML_PLUGIN(FikaPlugin)

int main(int argc, char** argv) { return fika::app::run_app(argc, argv); }
