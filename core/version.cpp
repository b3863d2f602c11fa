#include "core/version.h"

namespace embedlab {

const char* version() { return EMBEDLAB_VERSION; }

}  // namespace embedlab
