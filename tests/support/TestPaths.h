#pragma once
// Paths that CMake hands to every suite (see tests/CMakeLists.txt).
#include <filesystem>
#include <string>

namespace embedlab::test {

inline std::string fixturesDir() { return EMBEDLAB_FIXTURES_DIR; }
inline std::string defaultCorpus() { return EMBEDLAB_DEFAULT_CORPUS; }
inline std::string cliPath() { return EMBEDLAB_CLI; }

// ../shared/data beside the repository: present on the developers' machines and in CI, absent
// on a user's clone. Suites that need it add extra cases only when it exists.
inline std::string sharedDataDir() { return EMBEDLAB_SHARED_DATA_DIR; }
inline bool haveSharedData() { return std::filesystem::exists(sharedDataDir() + "/README.md"); }

}  // namespace embedlab::test
