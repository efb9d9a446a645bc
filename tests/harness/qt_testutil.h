// Helpers for the tests of the app's C++ (Qt event loop).
#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>

namespace fika::test {

// Runs the event loop until `pred` holds (or the time is up).
template <typename Pred>
bool wait_until(Pred pred, int ms) {
    QElapsedTimer t;
    t.start();
    while (!pred() && t.elapsed() < ms) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return pred();
}

}  // namespace fika::test
