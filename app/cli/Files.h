#pragma once
// Checks the CLI makes on the files named on its command line before any work starts, so that a
// typo in a path costs a second, not a training run. Every failure is an embedlab::Error naming
// the file and the problem.
#include <cstdint>
#include <string>

namespace embedlab::cli {

// Directory of the running executable (from /proc/self/exe).
std::string executableDir();

// <dir of the executable>/../share/embedlab/default-corpus.txt (where the build and `make install`
// place the WordNet glosses); throws Error naming that path when the file is not there.
std::string defaultCorpusPath();

// An existing, readable, non-empty regular file; returns its size in bytes.
int64_t requireInputFile(const std::string& path);

// The file can be created: its directory exists and is writable, and the path is not a directory.
void requireWritableOutput(const std::string& path);

// Lowercased extension without the dot ("vec" for "a/b.VEC"), or "" when there is none.
std::string extensionOf(const std::string& path);

}  // namespace embedlab::cli
