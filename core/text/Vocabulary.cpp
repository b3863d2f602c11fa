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

// Word -> count, open addressing with linear probing; the words live in an arena of large
// blocks, so a slot is 32 bytes and counting a known word costs one hash and one compare.
class WordCounts {
 public:
  struct Slot {
    uint64_t hash;
    const char* word;  // nullptr: empty slot
    uint64_t length;
    int64_t count;
  };

  WordCounts() { slots_.assign(1 << 16, Slot{0, nullptr, 0, 0}); }

  void add(std::string_view word, int64_t count) { add(hashWord(word.data(), word.size()), word, count); }

  void add(uint64_t hash, std::string_view word, int64_t count) {
    size_t mask = slots_.size() - 1;
    size_t i = hash & mask;
    for (;;) {
      Slot& s = slots_[i];
      if (!s.word) break;
      if (s.hash == hash && s.length == word.size() && sameBytes(s.word, word.data(), word.size())) {
        s.count += count;
        return;
      }
      i = (i + 1) & mask;
    }
    if ((used_ + 1) * 2 > slots_.size()) {
      grow();
      mask = slots_.size() - 1;
      i = hash & mask;
      while (slots_[i].word) i = (i + 1) & mask;
    }
    slots_[i] = Slot{hash, store(word), word.size(), count};
    ++used_;
  }

  // Hints the slot of `hash` into the cache: rare words miss it, and asking for all the words
  // of a line before counting them lets those misses overlap.
  void prefetch(uint64_t hash) const { __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]); }

  void merge(const WordCounts& other) {
    for (const Slot& s : other.slots_)
      if (s.word) add(s.hash, std::string_view(s.word, s.length), s.count);
  }

  size_t size() const { return used_; }
  const std::vector<Slot>& slots() const { return slots_; }

 private:
  const char* store(std::string_view word) {
    if (word.size() > blockLeft_) {
      const size_t bytes = std::max<size_t>(word.size(), 1 << 20);
      blocks_.push_back(std::make_unique<char[]>(bytes));
      blockPtr_ = blocks_.back().get();
      blockLeft_ = bytes;
    }
    char* p = blockPtr_;
    std::memcpy(p, word.data(), word.size());
    blockPtr_ += word.size();
    blockLeft_ -= word.size();
    return p;
  }

  void grow() {
    std::vector<Slot> old(slots_.size() * 2, Slot{0, nullptr, 0, 0});
    old.swap(slots_);
    const size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (!s.word) continue;
      size_t i = s.hash & mask;
      while (slots_[i].word) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  size_t used_ = 0;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* blockPtr_ = nullptr;
  size_t blockLeft_ = 0;
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

  // Worker t counts part t of every file into its own table; the tables are merged at the end,
  // and since counts are sums the result is the same for any number of threads.
  struct Worker {
    WordCounts counts;
    BuildStats stats;
    std::atomic<int64_t> bytesDone{0};
    std::exception_ptr error;
  };
  std::vector<std::unique_ptr<Worker>> workers;
  for (int t = 0; t < threads; ++t) workers.push_back(std::make_unique<Worker>());
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
          hashes.resize(tokens.size());
          for (size_t k = 0; k < tokens.size(); ++k) {
            hashes[k] = hashWord(tokens[k].data(), tokens[k].size());
            me.counts.prefetch(hashes[k]);
          }
          for (size_t k = 0; k < tokens.size(); ++k) me.counts.add(hashes[k], tokens[k], 1);
          me.stats.tokens += static_cast<int64_t>(tokens.size());
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

  WordCounts& all = workers[0]->counts;
  BuildStats total = workers[0]->stats;
  for (size_t t = 1; t < workers.size(); ++t) {
    all.merge(workers[t]->counts);
    const BuildStats& s = workers[t]->stats;
    total.lines += s.lines;
    total.tokens += s.tokens;
    total.bytes += s.bytes;
    total.invalidUtf8 += s.invalidUtf8;
  }
  total.distinctWords = static_cast<int64_t>(all.size());
  if (stats) *stats = total;

  std::vector<std::pair<std::string_view, int64_t>> entries;
  entries.reserve(all.size());
  for (const auto& s : all.slots())
    if (s.word) entries.emplace_back(std::string_view(s.word, s.length), s.count);
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
