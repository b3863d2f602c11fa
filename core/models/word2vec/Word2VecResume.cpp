#include "core/models/word2vec/Word2VecResume.h"

#include <cstdio>
#include <map>

#include "core/util/Error.h"

namespace embedlab::w2v {

namespace {

std::string exactNumber(double x) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

}  // namespace

RunSettings runSettings(const Word2VecOptions& o, int threads) {
  const bool sg = o.arch == Word2VecOptions::Arch::SkipGram;
  const bool hs = o.loss == Word2VecOptions::Loss::HierarchicalSoftmax;
  return {{"corpus files", std::to_string(o.corpusFiles.size())},
          {"arch", sg ? "sg" : "cbow"},
          {"loss", hs ? "hs" : "ns"},
          {"dim", std::to_string(o.dim)},
          {"window", std::to_string(o.window)},
          {"negative", hs ? "-" : std::to_string(o.negative)},
          {"epochs", std::to_string(o.epochs)},
          {"min-count", std::to_string(o.minCount)},
          {"max-vocab", std::to_string(o.maxVocab)},
          {"sample", exactNumber(o.sample)},
          {"alpha", exactNumber(o.startAlpha())},
          {"min-alpha-ratio", exactNumber(o.minAlphaRatio)},
          {"seed", std::to_string(o.seed)},
          {"pre-tokenized", o.preTokenized ? "yes" : "no"},
          {"max-sentence-length", std::to_string(o.maxSentenceLength)},
          {"kernel", o.effectiveKernel() == Word2VecOptions::Kernel::PerPair ? "per-pair" : "minibatch"},
          {"chunk-bytes", std::to_string(o.chunkBytes)},
          {"threads", std::to_string(threads)}};
}

bool checkResumable(const Word2VecCheckpoint::State& st, const RunSettings& settings, int dim,
                    const std::vector<Word2VecCheckpoint::CorpusStamp>& stamps, const std::string& path) {
  // Settings added after checkpoints were first written: the value an older checkpoint, which
  // lacks the key, was made with.
  const std::map<std::string, std::string> before = {
      {"min-alpha-ratio", exactNumber(Word2VecOptions::kWord2vecCMinAlphaRatio)}};
  for (const auto& [key, now] : settings) {
    auto it = st.settings.find(key);
    auto old = before.find(key);
    const std::string then = it != st.settings.end() ? it->second : old != before.end() ? old->second : "(none)";
    if (then != now)
      throw Error(path + ": the checkpoint was made with " + key + " " + then + ", this run has " + key + " " + now +
                  " (use the same settings to resume, or start fresh)");
  }
  if (st.dim != dim) throw Error(path + ": the checkpoint's vectors do not have dim " + std::to_string(dim));
  bool stampsMatch = true;
  for (size_t i = 0; i < stamps.size(); ++i) {
    const auto& then = st.corpus[i];
    if (then.size != stamps[i].size)
      throw Error(path + ": the checkpoint was made from " + then.path + " of " + std::to_string(then.size) +
                  " bytes, but " + stamps[i].path + " has " + std::to_string(stamps[i].size) +
                  " bytes (another or a changed corpus; start fresh)");
    if (then.mtime != stamps[i].mtime) stampsMatch = false;
  }
  return stampsMatch;
}

Vocabulary vocabularyOf(const Word2VecCheckpoint::State& st, const std::string& path) {
  std::vector<std::pair<std::string, int64_t>> counts;
  counts.reserve(st.words.size());
  for (size_t i = 0; i < st.words.size(); ++i) counts.emplace_back(st.words[i], st.counts[i]);
  Vocabulary::Options vo;
  vo.minCount = 1;
  vo.maxVocab = 0;
  Vocabulary v = Vocabulary::fromCounts(std::move(counts), vo);
  if (v.words() != st.words)
    throw Error(path + ": not a valid Word2Vec checkpoint (its vocabulary is not in count order or has "
                       "duplicates); delete it or start fresh");
  return v;
}

}  // namespace embedlab::w2v
