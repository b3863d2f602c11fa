#include "core/models/bert/MaskedLmData.h"

#include <algorithm>
#include <cmath>

#include "core/text/CorpusReader.h"
#include "core/util/Error.h"

namespace embedlab {

namespace {

// SplitMix64 (Steele et al. 2014): a counter-based generator, so that the stream of a batch is
// fixed by (seed, stream) alone. Bounded draws use Lemire's multiply-shift (bias < n / 2^32).
class SplitMix {
 public:
  SplitMix(uint64_t seed, uint64_t stream) : state_(mix(seed) ^ mix(stream + 0x632be59bd9b4e019ULL)) {}
  uint64_t next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return mix(state_);
  }
  double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  uint32_t below(uint32_t n) { return static_cast<uint32_t>(((next() >> 32) * n) >> 32); }
  static uint64_t mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

 private:
  uint64_t state_;
};

// Streams of the generator: one for building the examples, one per epoch permutation, one per
// batch's masking. Offsets keep them apart for any realistic count.
constexpr uint64_t kBuildStream = 1;
constexpr uint64_t kPermutationStream = 1ULL << 40;
constexpr uint64_t kMaskStream = 1ULL << 60;

// Lines are tokenized in blocks on all threads; the order of the results is the file order.
constexpr size_t kBlockLines = 4096;

bool isBracketed(const std::string& t) { return t.size() >= 3 && t.front() == '[' && t.back() == ']'; }

}  // namespace

void MaskedLmOptions::validate() const {
  if (maxLength < (nsp ? 5 : 3))
    throw UsageError("max length must leave room for the special tokens and text (at least " +
                     std::to_string(nsp ? 5 : 3) + "), got " + std::to_string(maxLength));
  if (!(maskProbability > 0 && maskProbability <= 1))
    throw UsageError("mask probability must be in (0, 1]");
  if (!(maskTokenShare >= 0 && randomTokenShare >= 0 && maskTokenShare + randomTokenShare <= 1))
    throw UsageError("mask and random-token shares must be >= 0 and add up to at most 1");
  if (!(shortSeqProbability >= 0 && shortSeqProbability <= 1))
    throw UsageError("short-sequence probability must be in [0, 1]");
  if (maxPredictions < 1) throw UsageError("max predictions must be at least 1");
}

void MaskedLmData::setVocabulary(const WordPieceVocab& vocab) {
  cls_ = vocab.clsId();
  sep_ = vocab.sepId();
  mask_ = vocab.maskId();
  pad_ = vocab.padId() >= 0 ? vocab.padId() : 0;
  if (mask_ < 0) throw Error(vocab.source() + ": the vocabulary has no [MASK] token");
  special_.assign(static_cast<size_t>(vocab.size()), 0);
  randomIds_.clear();
  // Bracketed tokens ([PAD] [UNK] [CLS] [SEP] [MASK], BERT's [unused..]) are never predicted and
  // never drawn as random replacements: a model cannot learn anything from them.
  for (int64_t i = 0; i < vocab.size(); ++i) {
    if (isBracketed(vocab.token(i)) || vocab.token(i).empty())
      special_[static_cast<size_t>(i)] = 1;
    else
      randomIds_.push_back(static_cast<int32_t>(i));
  }
  if (randomIds_.empty()) throw Error(vocab.source() + ": the vocabulary has only special tokens");
}

namespace {

// Collects tokenized lines into the stream with sentence and document boundaries.
struct StreamBuilder {
  std::vector<int32_t>& stream;
  std::vector<int64_t>& sentenceStart;
  std::vector<int64_t>& documentStart;
  MaskedLmData::Stats& stats;
  bool inDocument = false;

  void add(const std::vector<int32_t>& ids) {
    ++stats.lines;
    if (ids.empty()) {  // a blank line ends the document
      inDocument = false;
      return;
    }
    if (!inDocument) {
      documentStart.push_back(static_cast<int64_t>(sentenceStart.size()) - 1);
      inDocument = true;
    }
    stream.insert(stream.end(), ids.begin(), ids.end());
    sentenceStart.push_back(static_cast<int64_t>(stream.size()));
    ++stats.sentences;
  }
  void finish() {
    documentStart.push_back(static_cast<int64_t>(sentenceStart.size()) - 1);
    stats.documents = static_cast<int64_t>(documentStart.size()) - 1;
    stats.tokens = static_cast<int64_t>(stream.size());
  }
};

// The WordPieces of each line without [CLS]/[SEP], in parallel.
void tokenizeBlock(const WordPieceTokenizer& tokenizer, const std::vector<std::string>& lines,
                   std::vector<std::vector<int32_t>>& ids) {
  ids.assign(lines.size(), {});
  const int64_t n = static_cast<int64_t>(lines.size());
#pragma omp parallel for schedule(dynamic, 64)
  for (int64_t i = 0; i < n; ++i) {
    WordPieceEncoding e = tokenizer.encode(lines[static_cast<size_t>(i)]);
    if (e.ids.size() > 2) ids[static_cast<size_t>(i)].assign(e.ids.begin() + 1, e.ids.end() - 1);
  }
}

}  // namespace

MaskedLmData MaskedLmData::fromLines(const std::vector<std::string>& lines,
                                     const WordPieceTokenizer& tokenizer,
                                     const MaskedLmOptions& options, const std::string& source) {
  options.validate();
  MaskedLmData d;
  d.options_ = options;
  d.setVocabulary(tokenizer.vocab());
  d.sentenceStart_ = {0};
  StreamBuilder sb{d.stream_, d.sentenceStart_, d.documentStart_, d.stats_};
  std::vector<std::vector<int32_t>> ids;
  tokenizeBlock(tokenizer, lines, ids);
  for (const auto& x : ids) sb.add(x);
  sb.finish();
  if (d.stats_.tokens == 0) throw Error(source + ": no text to pre-train on");
  d.buildExamples();
  return d;
}

MaskedLmData MaskedLmData::fromFiles(const std::vector<std::string>& files,
                                     const WordPieceTokenizer& tokenizer,
                                     const MaskedLmOptions& options, const ProgressSink& progress,
                                     const StopToken* stop) {
  options.validate();
  if (files.empty()) throw UsageError("no corpus file");
  MaskedLmData d;
  d.options_ = options;
  d.setVocabulary(tokenizer.vocab());
  d.sentenceStart_ = {0};
  StreamBuilder sb{d.stream_, d.sentenceStart_, d.documentStart_, d.stats_};
  int64_t totalBytes = 0, doneBytes = 0;
  for (const auto& f : files) totalBytes += CorpusReader(f).fileBytes();
  Progress pr;
  pr.phase = "preparing";
  pr.total = totalBytes;
  std::vector<std::string> lines;
  std::vector<std::vector<int32_t>> ids;
  for (const auto& f : files) {
    CorpusReader reader(f);
    std::string line;
    bool more = true;
    while (more && !d.stopped_) {
      lines.clear();
      while (lines.size() < kBlockLines && (more = reader.nextLine(line))) lines.push_back(line);
      tokenizeBlock(tokenizer, lines, ids);
      for (const auto& x : ids) sb.add(x);
      if (progress) {
        pr.step = doneBytes + reader.bytesConsumed();
        progress(pr);
      }
      if (stop && stop->stopRequested()) d.stopped_ = true;
    }
    doneBytes += reader.fileBytes();
    sb.inDocument = false;  // a file ends its last document
    if (d.stopped_) break;
  }
  sb.finish();
  if (d.stopped_) return d;
  if (d.stats_.tokens == 0) throw Error(files.front() + ": no text to pre-train on");
  d.buildExamples();
  return d;
}

void MaskedLmData::buildExamples() {
  examples_.clear();
  const int64_t documents = static_cast<int64_t>(documentStart_.size()) - 1;
  auto sentenceTokens = [&](int64_t s) { return sentenceStart_[s + 1] - sentenceStart_[s]; };
  if (!options_.nsp) {
    const int64_t room = options_.maxLength - 2;
    for (int64_t doc = 0; doc < documents; ++doc) {
      const int64_t begin = sentenceStart_[documentStart_[doc]];
      const int64_t end = sentenceStart_[documentStart_[doc + 1]];
      for (int64_t p = begin; p < end; p += room) {
        Example e;
        e.aBegin = p;
        e.aLength = static_cast<int32_t>(std::min(room, end - p));
        examples_.push_back(e);
      }
    }
    return;
  }

  // Google's create_instances_from_document, with spans instead of token lists.
  SplitMix rng(options_.seed, kBuildStream);
  const int64_t maxTokens = options_.maxLength - 3;
  auto drawTarget = [&]() -> int64_t {
    if (rng.uniform() < options_.shortSeqProbability && maxTokens > 2)
      return 2 + rng.below(static_cast<uint32_t>(maxTokens - 1));  // in [2, maxTokens]
    return maxTokens;
  };
  for (int64_t doc = 0; doc < documents; ++doc) {
    const int64_t first = documentStart_[doc], last = documentStart_[doc + 1];  // sentences
    int64_t target = drawTarget();
    int64_t chunkBegin = first, chunkTokens = 0;
    for (int64_t i = first; i < last; ++i) {
      chunkTokens += sentenceTokens(i);
      if (i != last - 1 && chunkTokens < target) continue;
      const int64_t chunkSentences = i - chunkBegin + 1;
      const int64_t aSentences =
          chunkSentences >= 2 ? 1 + rng.below(static_cast<uint32_t>(chunkSentences - 1)) : 1;
      Example e;
      e.aBegin = sentenceStart_[chunkBegin];
      int64_t aLen = sentenceStart_[chunkBegin + aSentences] - e.aBegin;
      int64_t bLen = 0;
      const bool random = chunkSentences == 1 || rng.uniform() < 0.5;
      if (random) {
        // A random place: another document when there is one, else elsewhere in this one.
        const int64_t bTarget = std::max<int64_t>(1, target - aLen);
        int64_t rdoc = doc;
        for (int tries = 0; tries < 10 && documents > 1 && rdoc == doc; ++tries)
          rdoc = rng.below(static_cast<uint32_t>(documents));
        const int64_t rFirst = documentStart_[rdoc], rLast = documentStart_[rdoc + 1];
        int64_t start = rFirst + rng.below(static_cast<uint32_t>(rLast - rFirst));
        for (int tries = 0; tries < 10 && rdoc == doc && start >= chunkBegin && start <= i; ++tries)
          start = rFirst + rng.below(static_cast<uint32_t>(rLast - rFirst));
        e.bBegin = sentenceStart_[start];
        for (int64_t s = start; s < rLast && bLen < bTarget; ++s) bLen += sentenceTokens(s);
        e.nspLabel = 1;
        i = chunkBegin + aSentences - 1;  // the rest of the chunk is used again
      } else {
        e.bBegin = sentenceStart_[chunkBegin + aSentences];
        bLen = sentenceStart_[i + 1] - e.bBegin;
        e.nspLabel = 0;
      }
      // Cut the longer side (A on a tie) from its end until the pair fits.
      while (aLen + bLen > maxTokens) (aLen >= bLen ? aLen : bLen) -= 1;
      e.aLength = static_cast<int32_t>(aLen);
      e.bLength = static_cast<int32_t>(bLen);
      if (aLen > 0 && bLen > 0) examples_.push_back(e);
      chunkBegin = i + 1;
      chunkTokens = 0;
      target = drawTarget();
    }
  }
}

void MaskedLmData::exampleIds(const Example& e, std::vector<int32_t>& ids,
                              std::vector<int32_t>& typeIds) const {
  ids.clear();
  typeIds.clear();
  ids.push_back(cls_);
  ids.insert(ids.end(), stream_.begin() + e.aBegin, stream_.begin() + e.aBegin + e.aLength);
  ids.push_back(sep_);
  typeIds.assign(ids.size(), 0);
  if (e.bLength > 0) {
    ids.insert(ids.end(), stream_.begin() + e.bBegin, stream_.begin() + e.bBegin + e.bLength);
    ids.push_back(sep_);
    typeIds.resize(ids.size(), 1);
  }
}

void MaskedLmData::permutation(int64_t epoch) const {
  if (permEpoch_ == epoch) return;
  const int64_t n = size();
  perm_.resize(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) perm_[i] = i;
  SplitMix rng(options_.seed, kPermutationStream + static_cast<uint64_t>(epoch));
  for (int64_t i = n - 1; i > 0; --i)  // Fisher-Yates
    std::swap(perm_[i], perm_[rng.below(static_cast<uint32_t>(i + 1))]);
  permEpoch_ = epoch;
}

int64_t MaskedLmData::exampleIndex(int64_t index, int batch, int row) const {
  if (examples_.empty()) throw Error("masked-LM data: no sequences to train on");
  const int64_t g = index * batch + row;
  permutation(g / size());
  return perm_[g % size()];
}

void MaskedLmData::makeBatch(int64_t index, int batch, MaskedLmBatch& out) const {
  if (examples_.empty()) throw Error("masked-LM data: no sequences to train on");
  if (batch < 1) throw UsageError("batch must be at least 1");
  const int P = options_.maxPredictions;
  std::vector<std::vector<int32_t>> rows(batch), types(batch);
  int T = 0;
  for (int r = 0; r < batch; ++r) {
    exampleIds(examples_[exampleIndex(index, batch, r)], rows[r], types[r]);
    T = std::max(T, static_cast<int>(rows[r].size()));
  }
  out.B = batch;
  out.T = T;
  const size_t N = static_cast<size_t>(batch) * T;
  out.inputIds.assign(N, pad_);
  out.typeIds.assign(N, 0);
  out.attentionMask.assign(N, 0);
  out.mlmLabels.assign(N, -100);
  out.maskedPositions.assign(static_cast<size_t>(batch) * P, -1);
  out.maskedIds.assign(static_cast<size_t>(batch) * P, -100);
  out.nspLabels.assign(options_.nsp ? batch : 0, 0);
  out.tokens = 0;
  out.predictions = 0;

  SplitMix rng(options_.seed, kMaskStream + static_cast<uint64_t>(index));
  std::vector<int32_t> candidates;
  for (int r = 0; r < batch; ++r) {
    const auto& ids = rows[r];
    const size_t base = static_cast<size_t>(r) * T;
    std::copy(ids.begin(), ids.end(), out.inputIds.begin() + base);
    std::copy(types[r].begin(), types[r].end(), out.typeIds.begin() + base);
    std::fill_n(out.attentionMask.begin() + base, ids.size(), 1);
    out.tokens += static_cast<int64_t>(ids.size());
    if (options_.nsp) out.nspLabels[r] = examples_[exampleIndex(index, batch, r)].nspLabel;

    candidates.clear();
    for (size_t t = 0; t < ids.size(); ++t)
      if (!special_[static_cast<size_t>(ids[t])]) candidates.push_back(static_cast<int32_t>(t));
    if (candidates.empty()) continue;
    const int64_t want = std::llround(options_.maskProbability * static_cast<double>(candidates.size()));
    const int n = static_cast<int>(std::min<int64_t>({P, std::max<int64_t>(1, want),
                                                      static_cast<int64_t>(candidates.size())}));
    for (int k = 0; k < n; ++k)  // partial Fisher-Yates: the first n are a uniform sample
      std::swap(candidates[k],
                candidates[k + rng.below(static_cast<uint32_t>(candidates.size() - k))]);
    std::sort(candidates.begin(), candidates.begin() + n);
    for (int k = 0; k < n; ++k) {
      const int32_t t = candidates[k];
      const int32_t original = ids[static_cast<size_t>(t)];
      const double u = rng.uniform();
      int32_t replacement = original;
      if (u < options_.maskTokenShare)
        replacement = mask_;
      else if (u < options_.maskTokenShare + options_.randomTokenShare)
        replacement = randomIds_[rng.below(static_cast<uint32_t>(randomIds_.size()))];
      out.inputIds[base + t] = replacement;
      out.mlmLabels[base + t] = original;
      out.maskedPositions[static_cast<size_t>(r) * P + k] = t;
      out.maskedIds[static_cast<size_t>(r) * P + k] = original;
    }
    out.predictions += n;
  }
}

}  // namespace embedlab
