#include "core/text/Vocabulary.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "core/text/CorpusReader.h"
#include "core/text/Utf8.h"
#include "core/train/Progress.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace embedlab {

namespace {

inline uint64_t load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline uint32_t load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// 64-bit hash of a short byte string: 8 bytes at a time, multiply-xorshift mixing. The tail is
// read with fixed-size (overlapping) loads, never a variable-length copy, which would be a
// library call costing more than the whole hash of a typical word.
inline uint64_t hashWord(const char* p, size_t n) {
  constexpr uint64_t k = 0x9E3779B97F4A7C15ull;
  uint64_t h = k ^ (n * 0xBF58476D1CE4E5B9ull);
  const char* const end = p + n;
  while (end - p > 8) {
    h = (h ^ load64(p)) * k;
    h ^= h >> 29;
    p += 8;
  }
  const size_t rest = static_cast<size_t>(end - p);  // 0..8
  uint64_t v = 0;
  if (rest >= 4) {
    v = load32(p) | (static_cast<uint64_t>(load32(end - 4)) << 32);
  } else if (rest > 0) {
    v = static_cast<unsigned char>(p[0]) | (static_cast<uint64_t>(static_cast<unsigned char>(p[rest / 2])) << 8) |
        (static_cast<uint64_t>(static_cast<unsigned char>(end[-1])) << 16);
  }
  h = (h ^ v) * k;
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93ull;
  h ^= h >> 32;
  return h;
}

// Byte equality without a library call, by fixed-size (overlapping) loads.
inline bool sameBytes(const char* a, const char* b, size_t n) {
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8)
      if (load64(a + i) != load64(b + i)) return false;
    return load64(a + n - 8) == load64(b + n - 8);
  }
  if (n >= 4) return load32(a) == load32(b) && load32(a + n - 4) == load32(b + n - 4);
  for (size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// Word -> count of one counting thread: open addressing with linear probing over 16-byte slots,
// the words' bytes in an arena of 1 MiB blocks. Counting a known word costs one hash, one slot
// and one compare. The table holds at most `maxWords` words and `maxWords * kArenaBytesPerWord`
// bytes of them: past either, prune() drops the rarest (see Vocabulary::build in the header).
class WordCounts {
 public:
  // ref:  arena offset of the word (low 40 bits) | the top 24 bits of its hash (the tag)
  // meta: count << 16 | byte length; 0 = an empty slot (a word in the table counts at least 1)
  struct Slot {
    uint64_t ref;
    uint64_t meta;
  };
  static constexpr int kLengthBits = 16;
  static constexpr uint64_t kLengthMask = (uint64_t(1) << kLengthBits) - 1;
  static constexpr int kTagShift = 40;
  static constexpr uint64_t kOffsetMask = (uint64_t(1) << kTagShift) - 1;
  static constexpr int kBlockBits = 20;
  static constexpr uint64_t kBlockBytes = uint64_t(1) << kBlockBits;
  static constexpr uint64_t kArenaBytesPerWord = 16;  // the arena's share of the cap, per word
  static_assert(Vocabulary::kMaxWordBytes <= kLengthMask && Vocabulary::kMaxWordBytes <= kBlockBytes);

  // maxWords 0: no limit.
  explicit WordCounts(int64_t maxWords)
      : maxWords_(maxWords > 0 ? static_cast<uint64_t>(maxWords) : UINT64_MAX),
        maxArenaBytes_(maxWords > 0 ? static_cast<uint64_t>(maxWords) * kArenaBytesPerWord : UINT64_MAX) {
    slots_.assign(1 << 16, Slot{0, 0});
  }

  static uint64_t tagOf(uint64_t hash) { return hash >> kTagShift; }
  static int64_t countOf(const Slot& s) { return static_cast<int64_t>(s.meta >> kLengthBits); }
  static size_t lengthOf(const Slot& s) { return static_cast<size_t>(s.meta & kLengthMask); }
  const char* bytesOf(const Slot& s) const {
    const uint64_t offset = s.ref & kOffsetMask;
    return blocks_[offset >> kBlockBits].get() + (offset & (kBlockBytes - 1));
  }
  std::string_view wordOf(const Slot& s) const { return {bytesOf(s), lengthOf(s)}; }

  // Counts one occurrence of `word` (at most kMaxWordBytes bytes), `hash` = hashWord(word).
  void add(uint64_t hash, std::string_view word) {
    size_t mask = slots_.size() - 1;
    const uint64_t tag = tagOf(hash);
    size_t i = hash & mask;
    for (;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.meta == 0) break;
      if ((s.ref >> kTagShift) == tag && lengthOf(s) == word.size() && sameBytes(bytesOf(s), word.data(), word.size())) {
        s.meta += uint64_t(1) << kLengthBits;
        return;
      }
    }
    if (used_ >= maxWords_ || arenaEnd_ + word.size() > maxArenaBytes_) {
      prune();
      i = emptySlotFor(hash);
    }
    if ((used_ + 1) * 4 > slots_.size() * 3) {  // load at most 3/4
      grow();
      i = emptySlotFor(hash);
    }
    slots_[i] = Slot{store(word) | (tag << kTagShift), (uint64_t(1) << kLengthBits) | word.size()};
    ++used_;
  }

  // Hints the slot of `hash` into the cache: rare words miss it, and asking for all the words
  // of a line before counting them lets those misses overlap.
  void prefetch(uint64_t hash) const { __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]); }

  // Ends counting: the table becomes the list of its words in mergeOrder(), for build() to merge
  // with the other threads' lists without a table of the union.
  void sortForMerge() {
    size_t n = 0;
    for (const Slot& s : slots_)
      if (s.meta != 0) slots_[n++] = s;
    slots_.resize(n);
    std::sort(slots_.begin(), slots_.end(), [this](const Slot& a, const Slot& b) { return compare(*this, a, *this, b) < 0; });
  }

  // The order of sortForMerge(): by tag, length, then bytes; equal words compare equal
  // whichever table (and arena) they are in.
  static int compare(const WordCounts& ta, const Slot& a, const WordCounts& tb, const Slot& b) {
    const uint64_t tagA = a.ref >> kTagShift, tagB = b.ref >> kTagShift;
    if (tagA != tagB) return tagA < tagB ? -1 : 1;
    const size_t na = lengthOf(a), nb = lengthOf(b);
    if (na != nb) return na < nb ? -1 : 1;
    return na == 0 ? 0 : std::memcmp(ta.bytesOf(a), tb.bytesOf(b), na);
  }

  // After sortForMerge(): the words, in order.
  const std::vector<Slot>& sorted() const { return slots_; }

  void releaseSlots() { std::vector<Slot>().swap(slots_); }

  size_t size() const { return used_; }
  int64_t prunes() const { return prunes_; }
  int64_t threshold() const { return prunes_ > 0 ? threshold_ : 0; }

 private:
  size_t emptySlotFor(uint64_t hash) const {
    const size_t mask = slots_.size() - 1;
    size_t i = hash & mask;
    while (slots_[i].meta != 0) i = (i + 1) & mask;
    return i;
  }

  // Appends the word to the arena (never across a block boundary) and returns its offset.
  uint64_t store(std::string_view word) {
    if ((arenaEnd_ & (kBlockBytes - 1)) + word.size() > kBlockBytes) arenaEnd_ = (arenaEnd_ | (kBlockBytes - 1)) + 1;
    const uint64_t offset = arenaEnd_;
    if ((offset >> kBlockBits) >= blocks_.size()) blocks_.push_back(std::make_unique<char[]>(kBlockBytes));
    std::memcpy(blocks_[offset >> kBlockBits].get() + (offset & (kBlockBytes - 1)), word.data(), word.size());
    arenaEnd_ += word.size();
    return offset;
  }

  void grow() {
    std::vector<Slot> old(slots_.size() * 2, Slot{0, 0});
    old.swap(slots_);
    for (const Slot& s : old)
      if (s.meta != 0) slots_[emptySlotFor(hashWord(bytesOf(s), lengthOf(s)))] = s;
  }

  // word2vec.c's ReduceVocab, bounded: drops the words counted fewer than `threshold_` times,
  // the threshold raised (from the last prune's, at least 2) until at most half of the cap in
  // words and in arena bytes is left, so that a prune frees room for as many words again.
  // The threshold only ever rises: a word once pruned at t is pruned at t again, not at less.
  void prune() {
    threshold_ = std::max<int64_t>(threshold_, 2);
    const uint64_t keepWords = maxWords_ / 2, keepBytes = maxArenaBytes_ / 2;
    // Words and bytes at each count in [lo, lo + 64), and at or above lo + 64, for a window of
    // candidate thresholds per pass over the table (one pass, nearly always).
    constexpr int kWindow = 64;
    for (;;) {
      const int64_t lo = threshold_;
      uint64_t words[kWindow + 1] = {}, bytes[kWindow + 1] = {};
      for (const Slot& s : slots_) {
        const int64_t c = countOf(s);
        if (s.meta == 0 || c < lo) continue;
        const size_t k = static_cast<size_t>(std::min<int64_t>(c - lo, kWindow));
        ++words[k];
        bytes[k] += lengthOf(s);
      }
      // Kept at threshold lo + k: the words counted at least lo + k times (a suffix sum).
      uint64_t keptWords = words[kWindow], keptBytes = bytes[kWindow];
      int found = -1;
      for (int k = kWindow - 1; k >= 0; --k) {
        if (keptWords + words[k] > keepWords || keptBytes + bytes[k] > keepBytes) break;
        keptWords += words[k];
        keptBytes += bytes[k];
        found = k;
      }
      if (found >= 0) {
        threshold_ = lo + found;
        break;
      }
      if (keptWords <= keepWords && keptBytes <= keepBytes) {
        threshold_ = lo + kWindow;
        break;
      }
      threshold_ = lo + kWindow;  // even lo + 64 keeps too much: look further up
    }

    // The survivors, moved down the arena in offset order (each moves to an offset at or
    // below its own, so the copy never overwrites a word not yet moved), then re-inserted.
    std::vector<Slot> kept;
    for (const Slot& s : slots_)
      if (s.meta != 0 && countOf(s) >= threshold_) kept.push_back(s);
    std::sort(kept.begin(), kept.end(), [](const Slot& a, const Slot& b) { return (a.ref & kOffsetMask) < (b.ref & kOffsetMask); });
    arenaEnd_ = 0;
    for (Slot& s : kept) {
      const std::string_view word = wordOf(s);
      if ((arenaEnd_ & (kBlockBytes - 1)) + word.size() > kBlockBytes) arenaEnd_ = (arenaEnd_ | (kBlockBytes - 1)) + 1;
      std::memmove(blocks_[arenaEnd_ >> kBlockBits].get() + (arenaEnd_ & (kBlockBytes - 1)), word.data(), word.size());
      s.ref = (s.ref & ~kOffsetMask) | arenaEnd_;
      arenaEnd_ += word.size();
    }
    // Blocks past the end stay allocated, for the words to come: the arena never holds more
    // than the cap, and keeping them spares the allocator a churn of megabyte blocks.
    std::fill(slots_.begin(), slots_.end(), Slot{0, 0});
    for (const Slot& s : kept) slots_[emptySlotFor(hashWord(bytesOf(s), lengthOf(s)))] = s;
    used_ = kept.size();
    ++prunes_;
  }

  std::vector<Slot> slots_;
  size_t used_ = 0;
  const uint64_t maxWords_, maxArenaBytes_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  uint64_t arenaEnd_ = 0;  // next free offset: block << kBlockBits | position in it
  int64_t threshold_ = 0;
  int64_t prunes_ = 0;
};

// Count descending, then the word's bytes ascending (string_view compares as unsigned bytes).
template <class Word>
bool vocabOrder(const std::pair<Word, int64_t>& a, const std::pair<Word, int64_t>& b) {
  if (a.second != b.second) return a.second > b.second;
  return std::string_view(a.first) < std::string_view(b.first);
}

// Sorts, applies minCount and maxVocab.
template <class Word>
void filterAndOrder(std::vector<std::pair<Word, int64_t>>& entries, const Vocabulary::Options& options) {
  entries.erase(std::remove_if(entries.begin(), entries.end(),
                               [&](const auto& e) { return e.second < options.minCount; }),
                entries.end());
  std::sort(entries.begin(), entries.end(), vocabOrder<Word>);
  if (options.maxVocab > 0 && static_cast<int64_t>(entries.size()) > options.maxVocab)
    entries.resize(static_cast<size_t>(options.maxVocab));
}

std::string shorten(std::string_view s, size_t max = 60) {
  if (s.size() <= max) return std::string(s);
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "...";
}

inline bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

}  // namespace

Vocabulary Vocabulary::build(const std::vector<std::string>& corpusFiles, const Tokenizer& tokenizer,
                             const Options& options, BuildStats* stats, const std::function<void(double)>& progress,
                             const StopToken* token) {
  // Open every file once up front, so a bad one is reported before any work is done.
  int64_t totalBytes = 0;
  for (const std::string& file : corpusFiles) totalBytes += CorpusReader(file).fileBytes();

  int threads = options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::clamp(threads, 1, options.threads > 0 ? 256 : 8);

  if (options.maxCountingWords < 0) throw Error("vocabulary: maxCountingWords must be 0 (no limit) or positive");

  // Worker t counts part t of every file into its own table, of at most its share of the cap;
  // the tables are merged at the end, and since counts are sums the result is the same for any
  // number of threads (unless a table had to be pruned).
  struct Worker {
    explicit Worker(int64_t maxWords) : counts(maxWords) {}
    WordCounts counts;
    BuildStats stats;
    std::atomic<int64_t> bytesDone{0};
    std::exception_ptr error;
  };
  const int64_t share = options.maxCountingWords > 0 ? std::max<int64_t>(1, options.maxCountingWords / threads) : 0;
  std::vector<std::unique_ptr<Worker>> workers;
  for (int t = 0; t < threads; ++t) workers.push_back(std::make_unique<Worker>(share));
  std::atomic<bool> stop{false};
  std::atomic<int> running{threads};
  std::mutex mutex;
  std::condition_variable finished;

  auto work = [&](int t) {
    Worker& me = *workers[static_cast<size_t>(t)];
    try {
      std::string line, buffer;
      std::vector<std::string_view> tokens;
      std::vector<uint64_t> hashes;
      int64_t filesBytes = 0;
      for (const std::string& file : corpusFiles) {
        CorpusReader::Options ro;
        ro.part = t;
        ro.parts = threads;
        CorpusReader reader(file, ro);
        int64_t n = 0;
        while (reader.nextLine(line)) {
          tokenizer.tokenize(line, buffer, tokens);
          me.stats.tokens += static_cast<int64_t>(tokens.size());
          // Overlong tokens are dropped here, before they are hashed or copied (kMaxWordBytes).
          size_t kept = 0;
          hashes.resize(tokens.size());
          for (size_t k = 0; k < tokens.size(); ++k) {
            if (tokens[k].size() > kMaxWordBytes) {
              ++me.stats.longWords;
              continue;
            }
            tokens[kept] = tokens[k];
            hashes[kept] = hashWord(tokens[k].data(), tokens[k].size());
            me.counts.prefetch(hashes[kept]);
            ++kept;
          }
          for (size_t k = 0; k < kept; ++k) me.counts.add(hashes[k], tokens[k]);
          // Checked on every line (two relaxed loads), so that even megabyte-long lines stop
          // within a few milliseconds.
          if ((++n & 15) == 0) me.bytesDone.store(filesBytes + reader.bytesConsumed(), std::memory_order_relaxed);
          if (stop.load(std::memory_order_relaxed) || (token && token->stopRequested())) {
            stop.store(true, std::memory_order_relaxed);
            break;
          }
        }
        me.stats.lines += reader.linesRead();
        me.stats.bytes += reader.textBytes();
        me.stats.invalidUtf8 += reader.invalidUtf8();
        filesBytes += reader.fileBytes() / threads;
        me.bytesDone.store(filesBytes, std::memory_order_relaxed);
        if (stop.load(std::memory_order_relaxed)) break;
      }
      me.counts.sortForMerge();  // here, so that the threads sort in parallel
    } catch (...) {
      me.error = std::current_exception();
      stop.store(true, std::memory_order_relaxed);
    }
    std::lock_guard<std::mutex> lock(mutex);
    running.fetch_sub(1);
    finished.notify_all();
  };

  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(work, t);
  {
    // The calling thread only watches: progress every 50 ms, and the stop token.
    std::unique_lock<std::mutex> lock(mutex);
    while (running.load() > 0) {
      finished.wait_for(lock, std::chrono::milliseconds(50));
      if (token && token->stopRequested()) stop.store(true, std::memory_order_relaxed);
      if (progress && running.load() > 0 && totalBytes > 0) {
        int64_t done = 0;
        for (const auto& w : workers) done += w->bytesDone.load(std::memory_order_relaxed);
        lock.unlock();
        progress(std::min(1.0, static_cast<double>(done) / static_cast<double>(totalBytes)));
        lock.lock();
      }
    }
  }
  for (std::thread& th : pool) th.join();
  for (const auto& w : workers)
    if (w->error) std::rethrow_exception(w->error);

  BuildStats total;
  for (const auto& w : workers) {
    const BuildStats& s = w->stats;
    total.lines += s.lines;
    total.tokens += s.tokens;
    total.bytes += s.bytes;
    total.invalidUtf8 += s.invalidUtf8;
    total.longWords += s.longWords;
    total.prunes += w->counts.prunes();
    total.pruneThreshold = std::max(total.pruneThreshold, w->counts.threshold());
  }

  // Merge the sorted lists of the threads, as a merge sort's last step does: equal words are
  // adjacent across the lists, their counts add up, and only the words that pass minCount are
  // kept (as views into the threads' arenas). No table of the union is ever built, so the merge
  // needs no memory beyond the threads' tables and the words kept.
  std::vector<std::pair<std::string_view, int64_t>> entries;
  int64_t distinct = 0;
  {
    std::vector<size_t> next(workers.size(), 0);
    auto at = [&](size_t t) -> const WordCounts::Slot& { return workers[t]->counts.sorted()[next[t]]; };
    auto later = [&](size_t a, size_t b) {  // heap order: the smallest word on top
      const int c = WordCounts::compare(workers[a]->counts, at(a), workers[b]->counts, at(b));
      return c != 0 ? c > 0 : a > b;
    };
    std::vector<size_t> heap;
    for (size_t t = 0; t < workers.size(); ++t)
      if (!workers[t]->counts.sorted().empty()) heap.push_back(t);
    std::make_heap(heap.begin(), heap.end(), later);
    while (!heap.empty()) {
      const size_t first = heap.front();
      const WordCounts& table = workers[first]->counts;
      const WordCounts::Slot word = at(first);
      int64_t count = 0;
      // Every list holding this word has it on top of the heap now, one after the other.
      while (!heap.empty() &&
             WordCounts::compare(table, word, workers[heap.front()]->counts, at(heap.front())) == 0) {
        const size_t t = heap.front();
        std::pop_heap(heap.begin(), heap.end(), later);
        heap.pop_back();
        count += WordCounts::countOf(at(t));
        if (++next[t] < workers[t]->counts.sorted().size()) {
          heap.push_back(t);
          std::push_heap(heap.begin(), heap.end(), later);
        } else {
          workers[t]->counts.releaseSlots();  // merged: its list goes (its arena stays, see below)
        }
      }
      ++distinct;
      if (count >= options.minCount) entries.emplace_back(table.wordOf(word), count);
    }
  }
  // The arenas stay until the words are copied: `entries` points into them.
  total.distinctWords = distinct;
  if (stats) *stats = total;
  filterAndOrder(entries, options);

  Vocabulary v;
  v.words_.reserve(entries.size());
  v.counts_.reserve(entries.size());
  for (const auto& [word, count] : entries) {
    v.words_.emplace_back(word);
    v.counts_.push_back(count);
    v.total_ += count;
  }
  v.buildIndex();
  if (progress && !stop.load()) progress(1.0);
  return v;
}

Vocabulary Vocabulary::fromCounts(std::vector<std::pair<std::string, int64_t>> counts, const Options& options) {
  // Equal words are merged (their counts add up), as counting the corpus would have done.
  std::sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  size_t out = 0;
  for (size_t i = 0; i < counts.size(); ++i) {
    if (counts[i].second < 0) throw Error("vocabulary: negative count for word '" + shorten(counts[i].first) + "'");
    if (out > 0 && counts[out - 1].first == counts[i].first) {
      counts[out - 1].second += counts[i].second;
    } else {
      if (out != i) counts[out] = std::move(counts[i]);
      ++out;
    }
  }
  counts.resize(out);
  filterAndOrder(counts, options);

  Vocabulary v;
  v.words_.reserve(counts.size());
  v.counts_.reserve(counts.size());
  for (auto& [word, count] : counts) {
    v.words_.push_back(std::move(word));
    v.counts_.push_back(count);
    v.total_ += count;
  }
  v.buildIndex();
  return v;
}

void Vocabulary::save(const std::string& path) const {
  for (size_t i = 0; i < words_.size(); ++i) {
    const std::string& w = words_[i];
    if (w.empty() || std::any_of(w.begin(), w.end(), isBlank))
      throw Error(path + ": cannot save word " + std::to_string(i) + " ('" + shorten(w) +
                  "'): empty or containing whitespace");
  }
  AtomicFile file(path);
  std::string block;
  block.reserve(1 << 16);
  // load() drops a byte-order mark at the start of the file: when the first word itself begins
  // with U+FEFF, a mark of its own in front keeps that word whole.
  if (!words_.empty() && words_[0].compare(0, 3, "\xEF\xBB\xBF") == 0) block += "\xEF\xBB\xBF";
  char number[24];
  for (size_t i = 0; i < words_.size(); ++i) {
    block += words_[i];
    block += ' ';
    const auto r = std::to_chars(number, number + sizeof number, counts_[i]);
    block.append(number, r.ptr);
    block += '\n';
    if (block.size() > (1 << 16) - 64) {
      file.write(block);
      block.clear();
    }
  }
  file.write(block);
  file.commit();
}

Vocabulary Vocabulary::load(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw Error(path + ": no such file");
  if (S_ISDIR(st.st_mode)) throw Error(path + ": is a directory, not a vocabulary file");
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw Error(path + ": cannot open (" + std::strerror(errno) + ")");
  std::string text;
  char chunk[1 << 16];
  size_t got;
  while ((got = std::fread(chunk, 1, sizeof chunk, f)) > 0) text.append(chunk, got);
  const bool readError = std::ferror(f);
  std::fclose(f);
  if (readError) throw Error(path + ": read error");
  std::string_view rest(text);
  if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);

  std::vector<std::pair<std::string, int64_t>> entries;
  std::unordered_map<std::string_view, int64_t> firstLine;  // word -> line, for duplicates
  int64_t lineNo = 0;
  auto where = [&] { return path + ":" + std::to_string(lineNo) + ": "; };
  while (!rest.empty()) {
    ++lineNo;
    const size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    if (std::all_of(line.begin(), line.end(), isBlank)) continue;

    std::string_view fields[3];
    int nf = 0;
    size_t i = 0;
    while (i < line.size() && nf < 3) {
      while (i < line.size() && isBlank(line[i])) ++i;
      const size_t start = i;
      while (i < line.size() && !isBlank(line[i])) ++i;
      if (i > start) fields[nf++] = line.substr(start, i - start);
    }
    if (nf != 2) throw Error(where() + "malformed line '" + shorten(line) + "' (expected 'word count')");
    const std::string_view word = fields[0], number = fields[1];
    if (number[0] == '-') throw Error(where() + "negative count '" + shorten(number) + "'");
    int64_t count = 0;
    const auto r = std::from_chars(number.data(), number.data() + number.size(), count);
    if (r.ec != std::errc() || r.ptr != number.data() + number.size())
      throw Error(where() + "bad count '" + shorten(number) + "'");
    if (!utf8::isValid(word)) throw Error(where() + "the word is not valid UTF-8");
    const auto [it, inserted] = firstLine.emplace(word, lineNo);
    if (!inserted)
      throw Error(where() + "duplicate word '" + shorten(word) + "' (first on line " + std::to_string(it->second) + ")");
    entries.emplace_back(std::string(word), count);
  }
  if (entries.empty()) throw Error(path + ": empty vocabulary file");

  // Kept whole (no min-count), in the canonical order, so that ids match the saved file.
  Options keepAll;
  keepAll.minCount = 0;
  keepAll.maxVocab = 0;
  int64_t total = 0;
  for (const auto& e : entries)
    if (__builtin_add_overflow(total, e.second, &total)) throw Error(path + ": counts add up beyond 2^63");
  return fromCounts(std::move(entries), keepAll);
}

// A table slot holds the word's id in its low 32 bits and 31 more bits of its hash above
// them, so that a probe rarely has to look at the word itself unless it is the one sought.
namespace {
inline int64_t slotTag(uint64_t hash) { return static_cast<int64_t>(hash >> 33); }

inline int64_t findInTable(const std::vector<int64_t>& table, const std::vector<std::string>& words, uint64_t hash,
                           std::string_view word) {
  const size_t mask = table.size() - 1;
  const int64_t tag = slotTag(hash);
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const int64_t slot = table[i];
    if (slot < 0) return -1;
    if ((slot >> 32) != tag) continue;
    const int64_t id = slot & 0xFFFFFFFF;
    const std::string& w = words[static_cast<size_t>(id)];
    if (w.size() == word.size() && sameBytes(w.data(), word.data(), word.size())) return id;
  }
}
}  // namespace

void Vocabulary::buildIndex() {
  if (words_.size() >= (size_t(1) << 32) - 1) throw Error("vocabulary: more than 2^32 words");
  size_t slots = 16;
  while (slots < words_.size() * 2) slots *= 2;
  table_.assign(slots, -1);
  const size_t mask = slots - 1;
  for (size_t id = 0; id < words_.size(); ++id) {
    const uint64_t hash = hashWord(words_[id].data(), words_[id].size());
    size_t i = hash & mask;
    while (table_[i] >= 0) i = (i + 1) & mask;
    table_[i] = (slotTag(hash) << 32) | static_cast<int64_t>(id);
  }
}

int64_t Vocabulary::id(std::string_view word) const {
  if (table_.empty()) return -1;
  return findInTable(table_, words_, hashWord(word.data(), word.size()), word);
}

std::vector<float> Vocabulary::keepProbabilities(double sample) const {
  std::vector<float> keep(words_.size(), 1.0f);
  if (sample <= 0) return keep;
  const double threshold = sample * static_cast<double>(total_);
  for (size_t i = 0; i < counts_.size(); ++i) {
    const double f = static_cast<double>(counts_[i]);
    if (f <= 0) continue;
    const double p = (std::sqrt(f / threshold) + 1.0) * threshold / f;
    keep[i] = static_cast<float>(std::clamp(p, 0.0, 1.0));
  }
  return keep;
}

NoiseSampler::NoiseSampler(const std::vector<int64_t>& counts, double power) {
  const size_t n = counts.size();
  prob_.assign(n, 1.0f);
  alias_.resize(n);
  p_.assign(n, 0.0);
  if (n == 0) return;
  double z = 0;
  for (size_t i = 0; i < n; ++i) {
    p_[i] = counts[i] > 0 ? std::pow(static_cast<double>(counts[i]), power) : 0.0;
    z += p_[i];
  }
  for (size_t i = 0; i < n; ++i) p_[i] = z > 0 ? p_[i] / z : 1.0 / static_cast<double>(n);

  // Vose's alias construction: bucket i keeps id i with probability prob_[i], else alias_[i].
  // Each bucket starts as its own alias, so a rounding of u up to 1.0f still returns a valid id.
  std::vector<double> scaled(n);
  std::vector<int64_t> small, large;
  for (size_t i = 0; i < n; ++i) {
    alias_[i] = static_cast<int64_t>(i);
    scaled[i] = p_[i] * static_cast<double>(n);
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<int64_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const int64_t s = small.back();
    small.pop_back();
    const int64_t l = large.back();
    prob_[s] = static_cast<float>(scaled[s]);
    alias_[s] = l;
    scaled[l] = (scaled[l] + scaled[s]) - 1.0;
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // What is left is 1 up to rounding.
  for (int64_t i : small) prob_[i] = 1.0f;
  for (int64_t i : large) prob_[i] = 1.0f;
}

}  // namespace embedlab
