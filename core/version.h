#pragma once

namespace embedlab {

// The version of the engine, e.g. "0.1.0".
const char* version();

}  // namespace embedlab
