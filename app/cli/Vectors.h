#pragma once
// What the commands that read word vectors share: loading with progress on stderr and Ctrl-C,
// and looking a query word up the way the vectors were trained.
#include <cstdint>
#include <string>

#include "app/cli/Command.h"
#include "core/embeddings/EmbeddingSet.h"

namespace embedlab::cli {

// Loads a vectors file (format from the extension, see core/io/WordVectors.h). Throws Error naming
// the file when it is missing, empty, not a vectors file, or holds no vectors.
EmbeddingSet loadVectors(const std::string& path, const CommandContext& ctx);

// Row of `word`: the exact label, else the word as the tokenizer writes it (lowercased), since the
// vectors we train hold lowercased tokens. Throws UsageError naming the flag and the file when the
// word is not there.
int64_t findWord(const EmbeddingSet& set, const std::string& word, const std::string& flag,
                 const std::string& vectorsPath);

}  // namespace embedlab::cli
