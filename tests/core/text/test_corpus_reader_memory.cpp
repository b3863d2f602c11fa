// The corpus reader's memory does not grow with the length of a line: a line of N bytes (with
// or without blanks, with or without a newline at the end) is handed out in pieces, and the
// heap that reading it needs — reader, caller's line, and the tokenizer's buffers as Word2Vec
// and Vocabulary::build use them — is the same for N = 4 MB and N = 24 MB, and a few times
// maxLineBytes plus the reader's chunk, never the line itself (let alone twice).
//
// How it is measured: this executable replaces the global operator new/delete with versions
// that keep a running total of live bytes and its peak (a size header in front of each block).
// std::string and std::vector allocate through them, so the peak is exact and deterministic,
// unlike the resident set size. zlib's own window (malloc, 32 KiB) is not counted; it is a
// constant. The replacement is per executable: it touches no other suite.
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/CorpusReader.h"
#include "core/text/Tokenizer.h"

namespace {

std::atomic<int64_t> liveBytes{0};
std::atomic<int64_t> peakBytes{0};

// 16 bytes keep the user pointer aligned as malloc's (alignof(max_align_t)).
constexpr size_t kHeader = 16;

void* trackedAlloc(size_t n) {
  void* raw = std::malloc(n + kHeader);
  if (!raw) return nullptr;
  *static_cast<size_t*>(raw) = n;
  const int64_t now = liveBytes.fetch_add(static_cast<int64_t>(n), std::memory_order_relaxed) + static_cast<int64_t>(n);
  int64_t peak = peakBytes.load(std::memory_order_relaxed);
  while (now > peak && !peakBytes.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
  }
  return static_cast<char*>(raw) + kHeader;
}

void trackedFree(void* p) {
  if (!p) return;
  void* raw = static_cast<char*>(p) - kHeader;
  liveBytes.fetch_sub(static_cast<int64_t>(*static_cast<size_t*>(raw)), std::memory_order_relaxed);
  std::free(raw);
}

// Peak live heap bytes since the last reset, above what was live at the reset.
struct HeapWatch {
  int64_t base = 0;
  HeapWatch() { reset(); }
  void reset() {
    base = liveBytes.load();
    peakBytes.store(base);
  }
  int64_t peakAbove() const { return peakBytes.load() - base; }
};

}  // namespace

void* operator new(size_t n) {
  if (void* p = trackedAlloc(n)) return p;
  throw std::bad_alloc();
}
void* operator new[](size_t n) { return operator new(n); }
void* operator new(size_t n, const std::nothrow_t&) noexcept { return trackedAlloc(n); }
void* operator new[](size_t n, const std::nothrow_t&) noexcept { return trackedAlloc(n); }
void operator delete(void* p) noexcept { trackedFree(p); }
void operator delete[](void* p) noexcept { trackedFree(p); }
void operator delete(void* p, size_t) noexcept { trackedFree(p); }
void operator delete[](void* p, size_t) noexcept { trackedFree(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { trackedFree(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { trackedFree(p); }

using embedlab::CorpusReader;
using embedlab::Tokenizer;

namespace {

constexpr int64_t kMB = 1000 * 1000;

// Writes `first`, then a line of `bytes` bytes made by `fill` (no '\n' in it), then `last`,
// in blocks: the test itself never holds the long line.
template <class Fill>
std::string writeLongLine(const QTemporaryDir& dir, const char* name, int64_t bytes, bool newlineAfter, Fill fill) {
  const std::string path = dir.filePath(name).toStdString();
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return {};
  std::fputs("first line\n", f);
  std::string block;
  for (int64_t done = 0; done < bytes;) {
    block.clear();
    fill(block, std::min<int64_t>(bytes - done, 1 << 20));
    std::fwrite(block.data(), 1, block.size(), f);
    done += static_cast<int64_t>(block.size());
  }
  if (newlineAfter) std::fputs("\nlast line\n", f);
  std::fclose(f);
  return path;
}

// Words and blanks: cut after a blank.
void wordsFill(std::string& out, int64_t n) {
  static std::mt19937 rng(5);
  while (static_cast<int64_t>(out.size()) < n) {
    out += 'w';
    out += std::to_string(rng() % 5000);
    out += rng() % 9 == 0 ? '\t' : ' ';
  }
  out.resize(static_cast<size_t>(n));
}

// One "word" with no blank at all, two- and three-byte characters in it: cut at characters.
void blobFill(std::string& out, int64_t n) {
  static std::mt19937 rng(6);
  static const char* const pieces[] = {"a", "Z", "é", "中", "q", "7"};
  // Whole characters only (valid UTF-8, so the byte count below is exact), padded to n.
  while (static_cast<int64_t>(out.size()) + 3 <= n) out += pieces[rng() % 6];
  out.resize(static_cast<size_t>(n), 'a');
}

// Only blanks: every piece tokenizes to nothing.
void blankFill(std::string& out, int64_t n) {
  out.assign(static_cast<size_t>(n), ' ');
  for (size_t i = 0; i < out.size(); i += 7) out[i] = '\t';
}

struct ReadResult {
  int64_t peak = 0;        // heap bytes above the start, at the worst moment
  int64_t bytes = 0;       // text bytes handed out
  int64_t pieces = 0;
  int64_t maxPiece = 0;
  int64_t tokens = 0;
  int64_t lines = 0;
};

// Reads the file as the trainers do: nextLine into one string, tokenized into one buffer.
ReadResult readAsTrainer(const std::string& path, const CorpusReader::Options& o) {
  ReadResult r;
  HeapWatch watch;
  {
    CorpusReader reader(path, o);
    const Tokenizer tokenizer;
    std::string line, buffer;
    std::vector<std::string_view> tokens;
    while (reader.nextLine(line)) {
      ++r.pieces;
      r.bytes += static_cast<int64_t>(line.size());
      r.maxPiece = std::max<int64_t>(r.maxPiece, static_cast<int64_t>(line.size()));
      tokenizer.tokenize(line, buffer, tokens);
      r.tokens += static_cast<int64_t>(tokens.size());
    }
    r.lines = reader.linesRead();
  }
  r.peak = watch.peakAbove();
  return r;
}

}  // namespace

class TestCorpusReaderMemory : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir tmp_;

  // The same long line at two lengths: the peak heap must not grow with the length, and must
  // stay within `bound` (a constant of maxLineBytes and the chunk, not of the line).
  template <class Fill>
  void checkBounded(const char* what, Fill fill, bool newlineAfter, const CorpusReader::Options& o, int64_t bound) {
    const int64_t shortLen = 4 * kMB, longLen = 24 * kMB;
    const std::string a = writeLongLine(tmp_, "short.txt", shortLen, newlineAfter, fill);
    const std::string b = writeLongLine(tmp_, "long.txt", longLen, newlineAfter, fill);
    QVERIFY(!a.empty() && !b.empty());
    const ReadResult ra = readAsTrainer(a, o);
    const ReadResult rb = readAsTrainer(b, o);
    qInfo("%s, maxLineBytes %lld: %lld-byte line -> peak heap %.2f MB in %lld pieces; %lld-byte line -> "
          "peak heap %.2f MB in %lld pieces",
          what, static_cast<long long>(o.maxLineBytes), static_cast<long long>(shortLen), ra.peak / 1e6,
          static_cast<long long>(ra.pieces), static_cast<long long>(longLen), rb.peak / 1e6,
          static_cast<long long>(rb.pieces));
    // Everything arrived, in pieces within the limit (first line + long line + last line).
    const int64_t frame = newlineAfter ? 10 + 9 : 10;
    QCOMPARE(rb.bytes, longLen + frame);
    QCOMPARE(rb.lines, int64_t(newlineAfter ? 3 : 2));
    QVERIFY(rb.maxPiece <= o.maxLineBytes);
    QVERIFY(rb.pieces >= longLen / o.maxLineBytes);
    // Six times the length, the same memory (a little slack for capacity rounding).
    QVERIFY2(rb.peak <= ra.peak + o.maxLineBytes / 4 + 64 * 1024,
             qPrintable(QString("%1: peak heap grew with the line: %2 bytes for %3 MB, %4 bytes for %5 MB")
                            .arg(what)
                            .arg(ra.peak)
                            .arg(shortLen / kMB)
                            .arg(rb.peak)
                            .arg(longLen / kMB)));
    QVERIFY2(rb.peak <= bound, qPrintable(QString("%1: peak heap %2 bytes, more than the bound %3 bytes")
                                              .arg(what)
                                              .arg(rb.peak)
                                              .arg(bound)));
    QVERIFY2(rb.peak < longLen, "the line was held whole");
    QFile::remove(QString::fromStdString(a));
    QFile::remove(QString::fromStdString(b));
  }

 private slots:
  void initTestCase() { QVERIFY(tmp_.isValid()); }

  // Reader alone, no tokenizer: its own buffers are the chunk plus two strings of at most
  // maxLineBytes (the piece being assembled and the one handed out), whatever the line's length.
  void readerAloneHoldsPiecesNotTheLine() {
    const std::string p = writeLongLine(tmp_, "alone.txt", 24 * kMB, true, wordsFill);
    QVERIFY(!p.empty());
    for (const int64_t limit : {int64_t(1) << 20, int64_t(64) << 10}) {
      CorpusReader::Options o;
      o.maxLineBytes = limit;
      HeapWatch watch;
      int64_t bytes = 0;
      {
        CorpusReader reader(p, o);
        std::string line;
        while (reader.nextLine(line)) bytes += static_cast<int64_t>(line.size());
      }
      const int64_t peak = watch.peakAbove();
      qInfo("reader alone, maxLineBytes %lld: peak heap %.3f MB for a 24 MB line", static_cast<long long>(limit),
            peak / 1e6);
      QCOMPARE(bytes, 24 * kMB + 19);
      // The chunk (256 KiB) + the piece being assembled + the piece handed out, and for a moment
      // while the first grows, its old buffer: three pieces of at most maxLineBytes (and a
      // character), never the line. (Left to std::string's doubling it was four.)
      const int64_t bound = (256 << 10) + 8 + 3 * (limit + 4) + (64 << 10);
      QVERIFY2(peak <= bound, qPrintable(QString("peak %1 > bound %2").arg(peak).arg(bound)));
    }
  }

  // As the trainers read: reader + tokenizer (its buffer is at most the piece; the views are
  // at most one per two bytes of the piece).
  void wordsLineBounded() {
    CorpusReader::Options o;  // the default 1 MB pieces, as Word2Vec and Vocabulary use
    checkBounded("words and blanks", wordsFill, true, o, 300 * 1024 + 4 * o.maxLineBytes + 9 * o.maxLineBytes);
  }

  void blobLineWithoutBlanksBounded() {
    CorpusReader::Options o;
    checkBounded("no blank at all", blobFill, true, o, 300 * 1024 + 4 * o.maxLineBytes + 9 * o.maxLineBytes);
  }

  void blankOnlyLineWithoutNewlineBounded() {
    CorpusReader::Options o;
    o.maxLineBytes = 256 * 1024;
    checkBounded("blanks only, no final newline", blankFill, false, o,
                 300 * 1024 + 4 * o.maxLineBytes + 9 * o.maxLineBytes);
  }

  // Lines in a .gz arrive in the same bounded pieces (the inflater fills the same chunk).
  void gzipLongLineBounded() {
    const std::string plain = writeLongLine(tmp_, "gz-src.txt", 12 * kMB, true, wordsFill);
    QVERIFY(!plain.empty());
    const std::string gz = plain + ".gz";
    {
      FILE* in = std::fopen(plain.c_str(), "rb");
      gzFile out = gzopen(gz.c_str(), "wb1");
      QVERIFY(in && out);
      std::vector<char> block(1 << 20);
      size_t n;
      while ((n = std::fread(block.data(), 1, block.size(), in)) > 0)
        QCOMPARE(gzwrite(out, block.data(), static_cast<unsigned>(n)), static_cast<int>(n));
      std::fclose(in);
      QCOMPARE(gzclose(out), Z_OK);
    }
    CorpusReader::Options o;
    const ReadResult r = readAsTrainer(gz, o);
    qInfo("gzip, 12 MB line: peak heap %.2f MB in %lld pieces", r.peak / 1e6, static_cast<long long>(r.pieces));
    QCOMPARE(r.bytes, 12 * kMB + 19);
    QVERIFY(r.maxPiece <= o.maxLineBytes);
    QVERIFY2(r.peak <= 300 * 1024 + 13 * o.maxLineBytes, qPrintable(QString("peak %1").arg(r.peak)));
  }
};

QTEST_APPLESS_MAIN(TestCorpusReaderMemory)
#include "test_corpus_reader_memory.moc"
