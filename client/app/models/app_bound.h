// Where a model finds the app whose data it shows: given when C++ makes it (the tests),
// or - for a model QML makes - the app of the engine that made it (AppContext::of), known
// when QML begins building it (QQmlParserStatus::classBegin). No global: two engines with
// two apps (two windows, two test fixtures) each bind their own models.
#pragma once

#include <QQmlParserStatus>

namespace fika::app {

class AppContext;

class AppBound : public QQmlParserStatus {
public:
    AppContext* app() const { return app_; }

protected:
    explicit AppBound(AppContext* app) : app_(app) {}
    // The app became known: follow its changes and read. A model made with its app calls
    // this at the end of its constructor.
    virtual void bound() = 0;
    void classBegin() override;
    void componentComplete() override {}

private:
    AppContext* app_;
};

}  // namespace fika::app
