// The models QML shows, one per file (models/): they read the local replica through the
// store's read-only views (C++ holds the SQL) and read again when the app says that a
// table they show was written, or that anything may have changed (a sync).
#pragma once

#include "record_list_model.h"
#include "pipeline_model.h"
#include "issues_model.h"
#include "inbox_model.h"
#include "team_model.h"
#include "programmes_model.h"
#include "case_history_model.h"
#include "attachments_model.h"
#include "numbers.h"
