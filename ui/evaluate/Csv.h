#pragma once
// The CSV helpers moved to ui/util/Csv.h (the training chart uses them too); this header keeps
// the Evaluate page's includes working until they name the new place.
#include "ui/util/Csv.h"
