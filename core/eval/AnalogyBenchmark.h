#pragma once
// Word-analogy evaluation in the Google format (Mikolov et al. 2013, questions-words.txt):
//   ": section-name" lines start a section; every other non-empty line is "a b c d"
//   ("a is to b as c is to d"). Blank lines are skipped.
//
// As word2vec.c's compute-accuracy: only the first restrictVocab rows of the vectors (the most
// frequent words of a frequency-sorted set) are candidates, and a question with any word outside
// them is skipped and counted as OOV. A question is correct when the best candidate, the three
// question words excluded, is d. Accuracy = correct / (questions not OOV).
// Case-insensitive lookup: a vector label matches a question word when their lowercase forms are
// equal; when the vectors hold several spellings ("Paris", "paris"), the first row wins, and the
// other spellings count as the same word (never an answer for a question they appear in).
#include <cstdint>
#include <string>
#include <vector>

#include "core/embeddings/EmbeddingSet.h"
#include "core/embeddings/NearestNeighbors.h"
#include "core/train/Progress.h"

namespace embedlab {

struct AnalogyQuestion {
  std::string a, b, c, d;  // as in the file (lowercased at evaluation when case-insensitive)
  int section = 0;         // index into sectionNames()
  int64_t line = 0;        // 1-based line in the file
};

class AnalogyBenchmark {
 public:
  struct Options {
    int64_t restrictVocab = 30000;  // 0 = all rows
    AnalogyMethod method = AnalogyMethod::CosAdd;
    bool caseInsensitive = true;
    int threads = 0;  // 0 = OpenMP default; results do not depend on it
  };

  struct SectionResult {
    std::string name;
    int64_t correct = 0;
    int64_t total = 0;  // questions evaluated (not OOV)
    int64_t oov = 0;
    double accuracy = 0;  // correct / total, 0 when total == 0
  };

  struct Result {
    std::vector<SectionResult> sections;  // in file order (sections without questions included)
    int64_t correct = 0;
    int64_t total = 0;
    int64_t oov = 0;
    int64_t questions = 0;  // all questions in the file
    double accuracy = 0;
    double seconds = 0;
    bool stopped = false;  // a stop was requested: the counts are incomplete
    // Per question, in file order: the row answered (the best candidate), -1 when OOV.
    std::vector<int64_t> answers;
  };

  AnalogyBenchmark() = default;

  // Parses the file. Throws Error naming the file and line for a malformed line (not 4 words, a
  // question before any section, ...), and for a missing, empty or non-UTF-8 file.
  static AnalogyBenchmark load(const std::string& path);
  // From text already in memory; `name` stands for the file in error messages.
  static AnalogyBenchmark parse(const std::string& text, const std::string& name);

  const std::vector<std::string>& sectionNames() const { return sections_; }
  const std::vector<AnalogyQuestion>& questions() const { return questions_; }

  // progress: step/total in questions (those not OOV), phase "analogies". A stop request ends the
  // evaluation early with Result::stopped set.
  Result evaluate(const EmbeddingSet& vectors) const { return evaluate(vectors, Options{}); }
  Result evaluate(const EmbeddingSet& vectors, const Options& options, const StopToken* stop = nullptr,
                  const ProgressSink& progress = {}) const;
  // Same, reusing a NearestNeighbors already built over `vectors` (the GUI keeps one).
  Result evaluate(const EmbeddingSet& vectors, const NearestNeighbors& index, const Options& options,
                  const StopToken* stop = nullptr, const ProgressSink& progress = {}) const;

 private:
  std::vector<std::string> sections_;
  std::vector<AnalogyQuestion> questions_;
};

}  // namespace embedlab
