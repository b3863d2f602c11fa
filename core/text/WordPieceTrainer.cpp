#include "core/text/WordPieceTrainer.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <queue>
#include <unordered_map>
#include <unordered_set>

#include "core/text/CorpusReader.h"
#include "core/text/WordPieceVocab.h"
#include "core/util/Error.h"

namespace embedlab {

namespace {

using Clock = std::chrono::steady_clock;

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Calls the sink at most every ~50 ms (and always for the final report).
class Reporter {
 public:
  explicit Reporter(const ProgressSink& sink) : sink_(sink), start_(Clock::now()), last_(start_) {}
  void report(const char* phase, int64_t step, int64_t total, bool force = false) {
    if (!sink_) return;
    const auto now = Clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(50)) return;
    Progress p;
    p.phase = phase;
    p.step = step;
    p.total = total;
    p.elapsedSeconds = std::chrono::duration<double>(now - start_).count();
    const double dt = std::chrono::duration<double>(now - last_).count();
    if (dt > 0) p.itemsPerSec = static_cast<double>(step - lastStep_) / dt;
    if (step > 0 && total > step) p.etaSeconds = p.elapsedSeconds * static_cast<double>(total - step) / static_cast<double>(step);
    last_ = now;
    lastStep_ = step;
    sink_(p);
  }
  // Forget the window (a new phase starts).
  void restart(int64_t step) {
    lastStep_ = step;
    start_ = last_ = Clock::now();
  }

 private:
  const ProgressSink& sink_;
  Clock::time_point start_, last_;
  int64_t lastStep_ = 0;
};

int64_t codePoints(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Byte length of the UTF-8 sequence that starts with `lead` (the text is valid UTF-8).
inline size_t charLength(unsigned char lead) {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

// The merge state: words as sequences of piece ids, and the adjacent pairs with their counts.
class Merger {
 public:
  Merger(WordPieceTrainer::Score score, int64_t minPairCount) : score_(score), minPairCount_(minPairCount) {}

  int32_t symbol(const std::string& s) {
    auto it = symbolIds_.find(s);
    if (it != symbolIds_.end()) return it->second;
    const int32_t id = static_cast<int32_t>(symbols_.size());
    symbols_.push_back(s);
    symbolIds_.emplace(s, id);
    symbolCount_.push_back(0);
    symbolPairs_.emplace_back();
    return id;
  }
  const std::string& text(int32_t s) const { return symbols_[static_cast<size_t>(s)]; }

  void addWord(std::vector<int32_t> pieces, int64_t count) {
    const int32_t w = static_cast<int32_t>(words_.size());
    for (int32_t s : pieces) symbolCount_[static_cast<size_t>(s)] += count;
    for (size_t i = 0; i + 1 < pieces.size(); ++i) addPair(pieces[i], pieces[i + 1], count, w, true);
    words_.push_back({std::move(pieces), count});
  }

  void start() {
    for (int32_t p = 0; p < static_cast<int32_t>(pairs_.size()); ++p) push(p);
  }

  // Merges the best pair; returns the id of the merged piece, or -1 when no pair is left.
  // `isNew`: the merged string was not a piece before.
  int32_t mergeBest(bool& isNew) {
    const int32_t best = popBest();
    if (best < 0) return -1;
    const int32_t a = pairs_[best].a, b = pairs_[best].b;
    std::string merged = text(a);
    std::string_view tail = text(b);
    if (tail.substr(0, WordPieceVocab::kContinuation.size()) == WordPieceVocab::kContinuation)
      tail.remove_prefix(WordPieceVocab::kContinuation.size());
    merged += tail;
    const size_t before = symbols_.size();
    const int32_t ab = symbol(merged);
    isNew = symbols_.size() > before;
    ++stamp_;
    changed_.clear();
    // Moved out: addPair() may reallocate pairs_ while we walk the list. Every occurrence is
    // merged (left to right, even for a == b), so the pair is gone from all these words.
    const std::vector<int32_t> wordList = std::move(pairs_[static_cast<size_t>(best)].words);
    pairs_[static_cast<size_t>(best)].words.clear();
    for (int32_t w : wordList) {
      if (visited_.size() < words_.size()) visited_.resize(words_.size(), 0);
      if (visited_[static_cast<size_t>(w)] == stamp_) continue;
      visited_[static_cast<size_t>(w)] = stamp_;
      mergeInWord(w, a, b, ab);
    }
    // Rescore: the pairs whose count changed and, for the likelihood score, every pair with a or
    // b (their counts fell, which raises those pairs' scores).
    if (score_ == WordPieceTrainer::Score::Likelihood) {
      // When the merged string was already a piece, its count rose: its pairs' scores fell.
      for (int32_t s : {a, b, isNew ? a : ab})
        for (int32_t p : symbolPairs_[static_cast<size_t>(s)]) changed_.push_back(p);
    }
    changed_.push_back(best);
    std::sort(changed_.begin(), changed_.end());
    changed_.erase(std::unique(changed_.begin(), changed_.end()), changed_.end());
    for (int32_t p : changed_) {
      ++pairs_[static_cast<size_t>(p)].stamp;
      push(p);
    }
    if (heap_.size() > 4 * pairs_.size() + (1u << 20)) rebuildHeap();
    return ab;
  }

 private:
  struct Pair {
    int32_t a, b;
    int64_t count = 0;
    uint32_t stamp = 0;
    std::vector<int32_t> words;  // words that contain (or contained) the pair; may repeat
  };
  struct Word {
    std::vector<int32_t> pieces;
    int64_t count;
  };
  // A pair's score as it was when pushed; valid while the pair's stamp is unchanged.
  struct Entry {
    int64_t count, countA, countB;
    int32_t pair;
    uint32_t stamp;
  };

  static uint64_t key(int32_t a, int32_t b) { return static_cast<uint64_t>(a) << 32 | static_cast<uint32_t>(b); }

  int32_t addPair(int32_t a, int32_t b, int64_t count, int32_t word, bool newInWord) {
    auto [it, inserted] = pairIds_.try_emplace(key(a, b), static_cast<int32_t>(pairs_.size()));
    if (inserted) {
      Pair fresh;
      fresh.a = a;
      fresh.b = b;
      pairs_.push_back(std::move(fresh));
      symbolPairs_[static_cast<size_t>(a)].push_back(it->second);
      if (b != a) symbolPairs_[static_cast<size_t>(b)].push_back(it->second);
    }
    Pair& p = pairs_[static_cast<size_t>(it->second)];
    p.count += count;
    if (newInWord && (p.words.empty() || p.words.back() != word)) p.words.push_back(word);
    return it->second;
  }

  void mergeInWord(int32_t w, int32_t a, int32_t b, int32_t ab) {
    Word& word = words_[static_cast<size_t>(w)];
    std::vector<int32_t>& s = word.pieces;
    bool found = false;
    for (size_t i = 0; i + 1 < s.size() && !found; ++i) found = s[i] == a && s[i + 1] == b;
    if (!found) return;
    oldPairs_.clear();
    for (size_t i = 0; i + 1 < s.size(); ++i) {
      const int32_t p = pairIds_.at(key(s[i], s[i + 1]));
      pairs_[static_cast<size_t>(p)].count -= word.count;
      changed_.push_back(p);
      oldPairs_.push_back(p);
    }
    // Left to right, non-overlapping (a a a with pair (a, a) gives aa a).
    merged_.clear();
    for (size_t i = 0; i < s.size();) {
      if (i + 1 < s.size() && s[i] == a && s[i + 1] == b) {
        merged_.push_back(ab);
        symbolCount_[static_cast<size_t>(a)] -= word.count;
        symbolCount_[static_cast<size_t>(b)] -= word.count;
        symbolCount_[static_cast<size_t>(ab)] += word.count;
        i += 2;
      } else {
        merged_.push_back(s[i++]);
      }
    }
    s.swap(merged_);
    for (size_t i = 0; i + 1 < s.size(); ++i) {
      const auto it = pairIds_.find(key(s[i], s[i + 1]));
      const bool known = it != pairIds_.end() &&
                         std::find(oldPairs_.begin(), oldPairs_.end(), it->second) != oldPairs_.end();
      changed_.push_back(addPair(s[i], s[i + 1], word.count, w, !known));
    }
  }

  void push(int32_t p) {
    const Pair& pair = pairs_[static_cast<size_t>(p)];
    if (pair.count < minPairCount_ || pair.count <= 0) return;
    heap_.push_back({pair.count, symbolCount_[static_cast<size_t>(pair.a)], symbolCount_[static_cast<size_t>(pair.b)],
                     p, pair.stamp});
    std::push_heap(heap_.begin(), heap_.end(), Less{this});
  }

  int32_t popBest() {
    while (!heap_.empty()) {
      std::pop_heap(heap_.begin(), heap_.end(), Less{this});
      const Entry e = heap_.back();
      heap_.pop_back();
      if (e.stamp == pairs_[static_cast<size_t>(e.pair)].stamp) return e.pair;
    }
    return -1;
  }

  void rebuildHeap() {
    heap_.clear();
    for (int32_t p = 0; p < static_cast<int32_t>(pairs_.size()); ++p) push(p);
  }

  // Heap order: x < y when y should be merged first.
  struct Less {
    const Merger* m;
    bool operator()(const Entry& x, const Entry& y) const {
      if (m->score_ == WordPieceTrainer::Score::Likelihood) {
        // x.count/(x.countA·x.countB) vs y.count/(y.countA·y.countB), exactly (products of three
        // counts fit in 128 bits for any corpus with fewer than 2^42 words).
        using U = unsigned __int128;
        const U lx = static_cast<U>(x.count) * static_cast<U>(y.countA) * static_cast<U>(y.countB);
        const U ly = static_cast<U>(y.count) * static_cast<U>(x.countA) * static_cast<U>(x.countB);
        if (lx != ly) return lx < ly;
      } else if (x.count != y.count) {
        return x.count < y.count;
      }
      const Pair& px = m->pairs_[static_cast<size_t>(x.pair)];
      const Pair& py = m->pairs_[static_cast<size_t>(y.pair)];
      const int c = m->text(px.a).compare(m->text(py.a));
      if (c != 0) return c > 0;
      return m->text(px.b) > m->text(py.b);
    }
  };

  WordPieceTrainer::Score score_;
  int64_t minPairCount_;
  std::vector<std::string> symbols_;
  std::unordered_map<std::string, int32_t, StringHash, std::equal_to<>> symbolIds_;
  std::vector<int64_t> symbolCount_;
  std::vector<std::vector<int32_t>> symbolPairs_;
  std::vector<Word> words_;
  std::vector<Pair> pairs_;
  std::unordered_map<uint64_t, int32_t> pairIds_;
  std::vector<Entry> heap_;
  std::vector<uint32_t> visited_;
  uint32_t stamp_ = 0;
  std::vector<int32_t> changed_, oldPairs_, merged_;
};

}  // namespace

WordPieceTrainer::WordCounts WordPieceTrainer::countWords(const std::vector<std::string>& corpusFiles, Stats* stats,
                                                          const ProgressSink& progress, const StopToken* stop,
                                                          bool* stopped) const {
  Stats local;
  Stats& st = stats ? *stats : local;
  if (stopped) *stopped = false;
  std::vector<std::unique_ptr<CorpusReader>> readers;
  int64_t totalBytes = 0;
  for (const std::string& path : corpusFiles) {
    readers.push_back(std::make_unique<CorpusReader>(path));  // opens now: errors before any work
    totalBytes += readers.back()->fileBytes();
  }
  const WordPiecePreTokenizer pre(options_.text);
  std::unordered_map<std::string, int64_t, StringHash, std::equal_to<>> counts;
  WordPiecePreTokenizer::Words words;
  std::vector<std::string_view> views;
  std::string line;
  Reporter reporter(progress);
  int64_t doneBytes = 0;
  bool interrupted = false;
  for (auto& reader : readers) {
    while (!interrupted && reader->nextLine(line)) {
      ++st.lines;
      pre.words(line, words, views);
      st.words += static_cast<int64_t>(views.size());
      for (std::string_view w : views) {
        auto it = counts.find(w);
        if (it != counts.end())
          ++it->second;
        else
          counts.emplace(std::string(w), 1);
      }
      if ((st.lines & 255) == 0) {
        if (stop && stop->stopRequested()) interrupted = true;
        reporter.report("counting", doneBytes + reader->bytesConsumed(), totalBytes);
      }
    }
    doneBytes += reader->fileBytes();
    if (interrupted) break;
  }
  if (interrupted && stopped) *stopped = true;
  reporter.report("counting", interrupted ? doneBytes : totalBytes, totalBytes, true);
  WordCounts out(counts.begin(), counts.end());
  std::sort(out.begin(), out.end());
  st.distinctWords = static_cast<int64_t>(out.size());
  return out;
}

WordPieceTrainer::Result WordPieceTrainer::train(const WordCounts& counts, const ProgressSink& progress,
                                                 const StopToken* stop) const {
  const Options& o = options_;
  Result result;
  std::vector<std::string>& vocab = result.tokens;
  std::unordered_set<std::string> seen;
  for (const std::string& s : o.specialTokens) {
    if (s.empty()) throw UsageError("special tokens must not be empty");
    if (seen.insert(s).second) vocab.push_back(s);
  }
  if (o.vocabSize < static_cast<int64_t>(vocab.size()))
    throw UsageError("vocabulary size " + std::to_string(o.vocabSize) + " cannot hold the " +
                     std::to_string(vocab.size()) + " special tokens");
  Reporter reporter(progress);

  // Sorted by word, so that piece and pair ids (and thus everything below) do not depend on the
  // order the counts came in.
  std::vector<const std::pair<std::string, int64_t>*> sorted;
  sorted.reserve(counts.size());
  for (const auto& wc : counts)
    if (wc.second > 0 && !wc.first.empty() && codePoints(wc.first) <= o.maxWordChars) sorted.push_back(&wc);
  std::sort(sorted.begin(), sorted.end(), [](auto* x, auto* y) { return x->first < y->first; });

  // Characters: total count, and whether each is seen word-initially / inside a word.
  struct CharInfo {
    int64_t count = 0;
    bool initial = false, inner = false;
  };
  std::unordered_map<std::string, CharInfo, StringHash, std::equal_to<>> chars;
  for (const auto* wc : sorted) {
    const std::string& w = wc->first;
    for (size_t i = 0; i < w.size();) {
      const size_t len = charLength(static_cast<unsigned char>(w[i]));
      const std::string_view c = std::string_view(w).substr(i, len);
      auto it = chars.find(c);
      if (it == chars.end()) it = chars.emplace(std::string(c), CharInfo()).first;
      CharInfo& info = it->second;
      info.count += wc->second;
      (i == 0 ? info.initial : info.inner) = true;
      i += len;
    }
  }
  std::vector<std::pair<std::string, CharInfo>> alphabet;
  for (auto& [c, info] : chars)
    if (info.count >= o.minFrequency) alphabet.emplace_back(c, info);
  // Most frequent first, to keep the most useful ones when the target is small.
  std::sort(alphabet.begin(), alphabet.end(), [](const auto& x, const auto& y) {
    return x.second.count != y.second.count ? x.second.count > y.second.count : x.first < y.first;
  });
  int64_t room = o.vocabSize - static_cast<int64_t>(vocab.size());
  size_t kept = 0;
  for (; kept < alphabet.size(); ++kept) {
    const int64_t need = alphabet[kept].second.initial + alphabet[kept].second.inner;
    if (need > room) break;
    room -= need;
  }
  alphabet.resize(kept);
  std::sort(alphabet.begin(), alphabet.end(), [](const auto& x, const auto& y) { return x.first < y.first; });

  Merger merger(o.score, std::max<int64_t>(o.minFrequency, 1));
  // Piece ids of the merger are its own; vocab order is: specials, "c" pieces, "##c" pieces.
  // The specials are pieces too, so that a piece spelled like one (a special token chosen to be
  // a plain word) is never added twice.
  for (const std::string& s : vocab) merger.symbol(s);
  auto addPiece = [&](const std::string& piece) {
    if (!seen.count(piece)) vocab.push_back(piece);
    merger.symbol(piece);
  };
  for (const auto& [c, info] : alphabet)
    if (info.initial) addPiece(c);
  for (const auto& [c, info] : alphabet)
    if (info.inner) addPiece(std::string(WordPieceVocab::kContinuation) + c);
  result.stats.alphabet = static_cast<int64_t>(vocab.size() - seen.size());
  std::unordered_set<std::string_view> known;
  for (const auto& [c, info] : alphabet) known.insert(c);

  std::vector<int32_t> pieces;
  std::string cont;
  for (const auto* wc : sorted) {
    const std::string& w = wc->first;
    pieces.clear();
    bool ok = true;
    for (size_t i = 0; i < w.size() && ok;) {
      const size_t len = charLength(static_cast<unsigned char>(w[i]));
      const std::string_view c = std::string_view(w).substr(i, len);
      ok = known.count(c) > 0;
      if (ok) {
        if (i == 0) {
          pieces.push_back(merger.symbol(std::string(c)));
        } else {
          cont.assign(WordPieceVocab::kContinuation);
          cont.append(c);
          pieces.push_back(merger.symbol(cont));
        }
      }
      i += len;
    }
    // A word with a character left out would be [UNK] whatever the pieces: not trained on.
    if (!ok) continue;
    merger.addWord(pieces, wc->second);
    ++result.stats.trainingWords;
  }
  result.stats.distinctWords = static_cast<int64_t>(counts.size());
  for (const auto& wc : counts) result.stats.words += wc.second;

  merger.start();
  reporter.restart(static_cast<int64_t>(vocab.size()));
  while (static_cast<int64_t>(vocab.size()) < o.vocabSize) {
    if (stop && stop->stopRequested()) {
      result.stopped = true;
      break;
    }
    bool isNew = false;
    const int32_t ab = merger.mergeBest(isNew);
    if (ab < 0) break;  // no pair left that is seen often enough
    ++result.stats.merges;
    if (isNew) vocab.push_back(merger.text(ab));
    reporter.report("merging", static_cast<int64_t>(vocab.size()), o.vocabSize);
  }
  reporter.report("merging", static_cast<int64_t>(vocab.size()), o.vocabSize, true);
  return result;
}

WordPieceTrainer::Result WordPieceTrainer::trainFiles(const std::vector<std::string>& corpusFiles,
                                                      const ProgressSink& progress, const StopToken* stop) const {
  Stats stats;
  bool stopped = false;
  const WordCounts counts = countWords(corpusFiles, &stats, progress, stop, &stopped);
  if (stopped) {
    Result r;
    r.stats = stats;
    r.stopped = true;
    return r;
  }
  Result r = train(counts, progress, stop);
  r.stats.lines = stats.lines;
  return r;
}

void WordPieceTrainer::save(const Result& result, const std::string& path) {
  WordPieceVocab::fromTokens(result.tokens, path).save(path);
}

}  // namespace embedlab
