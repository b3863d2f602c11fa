#pragma once
// Whether a Word2Vec checkpoint may be continued by this run (Word2VecOptions::resume): the
// options that fix what a run computes, stored in the checkpoint as text, and the checks of a
// checkpoint against the run that wants to continue it. (Output paths, reporting and checkpoint
// intervals may change between the two.)
#include <string>
#include <utility>
#include <vector>

#include "core/models/word2vec/Word2Vec.h"
#include "core/models/word2vec/Word2VecCheckpoint.h"
#include "core/text/Vocabulary.h"

namespace embedlab::w2v {

using RunSettings = std::vector<std::pair<std::string, std::string>>;

// The settings of a run of `threads` threads with these options, in the order they are checked.
RunSettings runSettings(const Word2VecOptions& options, int threads);

// Throws Error naming `path` and the first difference between the checkpoint `st` and this run:
// a setting, the vector size, the byte size of a corpus file. Returns false when a corpus file
// only has another modification time: the caller then recounts its vocabulary and compares.
bool checkResumable(const Word2VecCheckpoint::State& st, const RunSettings& settings, int dim,
                    const std::vector<Word2VecCheckpoint::CorpusStamp>& stamps, const std::string& path);

// The vocabulary as Vocabulary::build() would make it from the stored words and counts (same
// order, same ids); throws Error naming `path` when they are not in count order or repeat.
Vocabulary vocabularyOf(const Word2VecCheckpoint::State& st, const std::string& path);

}  // namespace embedlab::w2v
