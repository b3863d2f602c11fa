// Large input: `embedlab-cli train word2vec` on a generated corpus of more than 2 GB runs with a
// peak resident set within the model's size plus 300 MB, and comes out with the right vectors.
//
// The corpus (written here in a few seconds, never left behind: see below):
// - a Zipf-distributed vocabulary of kWords synthetic words in lines of 3 to 40 words, with a
//   heavy tail of rare words (each "r" + a random 10-digit number, nearly all of them seen once,
//   as the typos, numbers, names and URLs of web text are): ~5.8 million distinct words, so
//   that counting sees far more distinct words than the model keeps, and more than counting
//   holds (Vocabulary::Options::maxCountingWords: it has to prune);
// - pathological lines: a 200 MB line without a newline (words, then a 24 MB stretch without
//   any blank, then words), lines of blanks only (one of 8 MB), empty lines, CRLF lines.
// Every one of the kWords words is seen thousands of times; the tail words and the pieces of the
// blank-free stretch fewer than --min-count times, so the model's vocabulary is exactly kWords.
//
// Training is made cheap without making reading cheap: 1 epoch, dim 32, window 2, 2 negatives,
// and --sample 1e-6, which drops all but a few percent of the tokens after they are read,
// tokenized and looked up. Every byte of the corpus is still read twice (counting, training),
// so the memory that grows with the input, if any, shows.
//
// Peak resident memory: the kernel's high-water mark of the child (VmHWM in /proc/PID/status,
// read every 10 ms until it exits; the mark only rises, so the last reading is the peak) and
// getrusage's ru_maxrss of the reaped child, whichever is larger.
//
// Not run under ASan (tests/CMakeLists.txt): its shadow memory and quarantine make the resident
// size meaningless and it would take many times the Release run's minute or two.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QTemporaryDir>
#include <QtTest>

#include <array>
#include <chrono>
#include <cstdio>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/embeddings/EmbeddingSet.h"
#include "core/io/WordVectors.h"
#include "support/TestPaths.h"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

constexpr int64_t kMB = 1000 * 1000;
constexpr int64_t kCorpusBytes = 2000 * kMB + 64 * kMB;  // more than 2 * 10^9, whatever the rounding
constexpr int64_t kLongLineBytes = 200 * kMB;            // one line, no '\n' in it
constexpr int64_t kBlobBytes = 24 * kMB;                 // inside it: no blank at all
constexpr int64_t kBlankLineBytes = 8 * kMB;             // a line of blanks only
constexpr int kWords = 4000;                             // the model's vocabulary
constexpr int kDim = 32;
constexpr int kMinCount = 5;
constexpr double kTailShare = 0.02;   // share of tokens that are rare "r..." words
constexpr int64_t kBudgetBytes = 300 * kMB;

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// splitmix64: fast, good enough for a synthetic corpus, the same everywhere.
struct Rng {
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
};

// Word i: three syllables of a 32-syllable alphabet (unique for i < 32768), letters only, so the
// tokenizer keeps it as it is.
std::string wordOf(int i) {
  static const char* const syllables[32] = {"ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "vu", "za", "be",
                                            "do", "fi", "gu", "ha", "je", "ki", "lu", "ma", "ne", "po", "qi",
                                            "ru", "sa", "te", "vo", "wi", "xu", "ya", "ze", "bo", "cu"};
  return std::string(syllables[i % 32]) + syllables[(i / 32) % 32] + syllables[(i / 1024) % 32];
}

// Writes the corpus to `fd` in large blocks. Words are copied as fixed 8-byte loads from a
// padded table (each is 6 letters and a blank), so 2 GB take seconds, not a minute.
class CorpusWriter {
 public:
  explicit CorpusWriter(int fd) : fd_(fd) {
    for (int i = 0; i < kWords; ++i) {
      const std::string w = wordOf(i) + ' ';
      std::array<char, 8> padded{};
      std::memcpy(padded.data(), w.data(), w.size());
      words_.push_back(padded);
    }
    // Zipf (s = 1): inverse CDF quantised to 2^20 buckets; the rarest word keeps ~30 buckets.
    std::vector<double> cdf(kWords);
    double sum = 0;
    for (int i = 0; i < kWords; ++i) cdf[i] = (sum += 1.0 / (i + 1));
    int w = 0;
    zipf_.resize(1 << 20);
    for (size_t b = 0; b < zipf_.size(); ++b) {
      const double u = (static_cast<double>(b) + 0.5) / static_cast<double>(zipf_.size()) * sum;
      while (w < kWords - 1 && cdf[w] < u) ++w;
      zipf_[b] = w;
    }
    buf_.resize(kBlock + 4096);
  }

  int64_t written() const { return written_ + static_cast<int64_t>(len_); }

  // A line of random words, 3..40 of them.
  void sentence() {
    const int n = 3 + static_cast<int>(rng_.next() % 38);
    for (int k = 0; k < n; ++k) word();
    buf_[len_ - 1] = '\n';
    maybeFlush();
  }

  // `bytes` of words and blanks with no newline (ends with a blank).
  void wordsWithoutNewline(int64_t bytes) {
    const int64_t end = written() + bytes;
    while (written() < end) {
      for (int k = 0; k < 64; ++k) word();
      maybeFlush();
    }
  }

  // `bytes` of letters, digits and two-byte characters, no blank, no newline; it differs
  // everywhere, so every piece the reader cuts from it is a new word seen once.
  void blob(int64_t bytes) {
    static const char* const pieces[8] = {"x", "q", "\xC3\xA9", "7", "\xC3\x9F", "\xD0\xB6", "k", "\xC3\xBC"};
    const int64_t end = written() + bytes;
    while (written() < end) {
      const uint64_t r = rng_.next();
      for (int k = 0; k < 16; ++k) put(pieces[(r >> (4 * k)) & 7]);
      maybeFlush();
    }
  }

  void raw(const char* s) {
    put(s);
    maybeFlush();
  }

  void blanks(int64_t bytes, bool newline) {
    for (int64_t i = 0; i < bytes; ++i) {
      buf_[len_++] = (i % 5 == 4) ? '\t' : ' ';
      maybeFlush();
    }
    if (newline) raw("\n");
  }

  bool finish() {
    flush();
    return ok_;
  }

 private:
  static constexpr size_t kBlock = 8 << 20;

  void put(const char* s) {
    const size_t n = std::strlen(s);
    std::memcpy(buf_.data() + len_, s, n);
    len_ += n;
  }

  void word() {
    const uint64_t r = rng_.next();
    // A tail word about kTailShare of the time: "r" and 10 random digits. There are 9 billion
    // of them: of the ~5.8 million drawn, a few thousand twice, none --min-count times.
    if (static_cast<double>(r & 0xffffff) < kTailShare * 16777216.0) {
      char tail[16];
      std::snprintf(tail, sizeof tail, "r%llu ",
                    static_cast<unsigned long long>((r >> 24) % 9000000000ull + 1000000000ull));
      put(tail);
      return;
    }
    std::memcpy(buf_.data() + len_, words_[zipf_[(r >> 32) & ((1 << 20) - 1)]].data(), 8);
    len_ += 7;
  }

  void maybeFlush() {
    if (len_ >= kBlock) flush();
  }

  void flush() {
    const char* p = buf_.data();
    size_t left = len_;
    while (left > 0 && ok_) {
      const ssize_t n = ::write(fd_, p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        ok_ = false;
        break;
      }
      p += n;
      left -= static_cast<size_t>(n);
    }
    written_ += static_cast<int64_t>(len_);
    len_ = 0;
  }

  int fd_;
  Rng rng_{20261130};
  std::vector<std::array<char, 8>> words_;
  std::vector<int> zipf_;
  std::vector<char> buf_;  // [0, len_) waits to be written; room for a sentence past kBlock
  size_t len_ = 0;
  int64_t written_ = 0;
  bool ok_ = true;
};

// "VmHWM:    123456 kB" -> bytes, or -1.
int64_t statusField(pid_t pid, const char* field) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  const size_t n = std::strlen(field);
  while (std::getline(f, line)) {
    if (line.compare(0, n, field) == 0 && line.size() > n && line[n] == ':')
      return std::stoll(line.substr(n + 1)) * 1024;
  }
  return -1;
}

struct ChildRun {
  int status = -1;
  bool timedOut = false;
  int64_t peakHwm = 0;     // VmHWM, last reading
  int64_t maxrss = 0;      // getrusage of the reaped child
  double seconds = 0;
};

// Runs `args` with stdout/stderr to files, sampling its high-water mark until it exits.
ChildRun runMeasured(const std::vector<std::string>& args, const std::string& outFile, const std::string& errFile,
                     double timeoutSeconds) {
  ChildRun run;
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  const auto start = Clock::now();
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return run;
  for (;;) {
    const int64_t hwm = statusField(pid, "VmHWM");
    if (hwm > run.peakHwm) run.peakHwm = hwm;
    int status = 0;
    struct rusage usage {};
    const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) {
      run.status = status;
      run.maxrss = static_cast<int64_t>(usage.ru_maxrss) * 1024;
      break;
    }
    if (secondsSince(start) > timeoutSeconds) {
      run.timedOut = true;
      ::kill(pid, SIGKILL);
      ::wait4(pid, &status, 0, &usage);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  run.seconds = secondsSince(start);
  return run;
}

std::string readText(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

}  // namespace

class TestLargeCorpus : public QObject {
  Q_OBJECT

 private slots:
  void word2vecOnTwoGigabytesStaysWithinModelPlus300MB() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const std::string dir = tmp.path().toStdString();

    // Room for the corpus and some to spare: a full disk is a failure to report, not a skip.
    std::error_code ec;
    const auto space = std::filesystem::space(dir, ec);
    QVERIFY2(!ec, qPrintable(QString::fromStdString("cannot query free space in " + dir + ": " + ec.message())));
    const int64_t need = kCorpusBytes + 300 * kMB;
    QVERIFY2(static_cast<int64_t>(space.available) >= need,
             qPrintable(QString("not enough free disk space for the 2 GB corpus in %1: %2 MB available, %3 MB "
                                "needed (set TMPDIR to a larger file system)")
                            .arg(tmp.path())
                            .arg(static_cast<qint64>(space.available) / kMB)
                            .arg(need / kMB)));

    // ---- the corpus ----
    // The file is unlinked as soon as it is written and handed to the child as
    // /proc/<this pid>/fd/<n>: its 2 GB go back to the disk when both processes are done, even
    // when a timeout or a crash kills them (QTemporaryDir's clean-up would never run then).
    const std::string written = dir + "/large-corpus.txt";
    auto t0 = Clock::now();
    int64_t corpusBytes = 0;
    struct Fd {
      int fd = -1;
      ~Fd() {
        if (fd >= 0) ::close(fd);
      }
    } keep;
    {
      const int fd = ::open(written.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
      QVERIFY2(fd >= 0, qPrintable(QString::fromStdString(written + ": " + std::strerror(errno))));
      keep.fd = fd;
      QCOMPARE(::unlink(written.c_str()), 0);
      CorpusWriter w(fd);
      w.raw("\xEF\xBB\xBF");  // a BOM, as some editors write
      while (w.written() < kCorpusBytes / 3) w.sentence();
      w.raw("\n\n\r\n");
      w.blanks(kBlankLineBytes, true);
      for (int i = 0; i < 1000; ++i) w.blanks(i % 97, true);
      // The long line: words, a blank-free stretch, words; no newline anywhere in it.
      w.wordsWithoutNewline((kLongLineBytes - kBlobBytes) / 2);
      w.blob(kBlobBytes);
      w.raw(" ");
      w.wordsWithoutNewline((kLongLineBytes - kBlobBytes) / 2);
      w.raw("\n");
      for (int i = 0; w.written() < kCorpusBytes; ++i) {
        w.sentence();
        if (i % 100000 == 0) w.raw("\r\n");
      }
      w.sentence();
      w.raw("kalomi kalomi");  // the last line has no newline
      const bool ok = w.finish();
      corpusBytes = w.written();
      QVERIFY2(ok, qPrintable(QString::fromStdString("writing " + written + " failed: " + std::strerror(errno) +
                                                     " (disk full?)")));
    }
    const std::string corpus = "/proc/" + std::to_string(::getpid()) + "/fd/" + std::to_string(keep.fd);
    const double writeSeconds = secondsSince(t0);
    qInfo("corpus: %.3f GB written in %.1f s", corpusBytes / 1e9, writeSeconds);
    QVERIFY(corpusBytes >= 2000 * kMB);
    struct stat st {};
    QCOMPARE(::fstat(keep.fd, &st), 0);
    QCOMPARE(static_cast<int64_t>(st.st_size), corpusBytes);

    // ---- training, measured ----
    const std::string out = dir + "/vectors.vec";
    const std::vector<std::string> args = {embedlab::test::cliPath(),
                                           "train",
                                           "word2vec",
                                           "--corpus",
                                           corpus,
                                           "--out",
                                           out,
                                           "--dim",
                                           std::to_string(kDim),
                                           "--window",
                                           "2",
                                           "--negative",
                                           "2",
                                           "--epochs",
                                           "1",
                                           "--min-count",
                                           std::to_string(kMinCount),
                                           "--sample",
                                           "1e-6",
                                           "--threads",
                                           "2",
                                           "--seed",
                                           "7",
                                           "--quiet"};
    const ChildRun run = runMeasured(args, dir + "/stdout.txt", dir + "/stderr.txt", 480);
    const std::string stdoutText = readText(dir + "/stdout.txt");
    const std::string stderrText = readText(dir + "/stderr.txt");
    QVERIFY2(!run.timedOut, qPrintable(QString("embedlab-cli did not finish within 480 s; stderr: %1")
                                           .arg(QString::fromStdString(stderrText))));
    QVERIFY2(WIFEXITED(run.status) && WEXITSTATUS(run.status) == 0,
             qPrintable(QString("embedlab-cli failed (status %1): %2")
                            .arg(run.status)
                            .arg(QString::fromStdString(stderrText))));

    // ---- the vectors ----
    const nlohmann::json summary = nlohmann::json::parse(stdoutText, nullptr, false);
    QVERIFY2(!summary.is_discarded() && summary.is_object(), stdoutText.c_str());
    QCOMPARE(summary.value("vocab_size", int64_t(-1)), int64_t(kWords));
    QVERIFY(summary.value("train_words", int64_t(0)) > 0);
    const embedlab::EmbeddingSet vectors = embedlab::loadWordVectors(out);
    QCOMPARE(vectors.rows(), int64_t(kWords));
    QCOMPARE(vectors.dim(), kDim);
    std::set<std::string> expected;
    for (int i = 0; i < kWords; ++i) expected.insert(wordOf(i));
    double sumSquares = 0;
    for (int64_t r = 0; r < vectors.rows(); ++r) {
      QVERIFY2(expected.count(vectors.label(r)) == 1, vectors.label(r).c_str());
      const float* v = vectors.row(r);
      for (int d = 0; d < kDim; ++d) {
        QVERIFY2(std::isfinite(v[d]), vectors.label(r).c_str());
        sumSquares += static_cast<double>(v[d]) * v[d];
      }
    }
    QVERIFY(sumSquares > 0);

    // ---- memory ----
    // The model: input and output matrices (rows padded to 16 floats, as the trainer lays them
    // out) and the vocabulary (words, counts, hash index, keep probabilities): ~100 bytes a word.
    const int64_t stride = (kDim + 15) / 16 * 16;
    const int64_t modelBytes = int64_t(kWords) * stride * 4 * 2 + int64_t(kWords) * 100;
    const int64_t peak = std::max(run.peakHwm, run.maxrss);
    const int64_t limit = modelBytes + kBudgetBytes;
    qInfo("train word2vec: %.1f s, peak RSS %.1f MB (VmHWM %.1f MB, ru_maxrss %.1f MB); model %.2f MB, "
          "limit %.1f MB; %lld training words",
          run.seconds, peak / 1e6, run.peakHwm / 1e6, run.maxrss / 1e6,
          modelBytes / 1e6, limit / 1e6, static_cast<long long>(summary.value("train_words", int64_t(0))));
    QVERIFY2(run.peakHwm > 0, "no VmHWM reading of the child");
    QVERIFY2(peak <= limit, qPrintable(QString("peak resident memory %1 MB is more than the model (%2 MB) + 300 MB")
                                           .arg(peak / 1e6, 0, 'f', 1)
                                           .arg(modelBytes / 1e6, 0, 'f', 2)));

    // The 2 GB go now, not at the end of the run.
    ::close(keep.fd);
    keep.fd = -1;
  }
};

int main(int argc, char** argv) {
  // Qt Test's watchdog ends a test function after 300 s; on a loaded machine this one can take
  // longer than that, and CTest's timeout for it (600 s, tests/CMakeLists.txt) is the one meant.
  if (!qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT")) qputenv("QTEST_FUNCTION_TIMEOUT", "580000");
  TestLargeCorpus test;
  return QTest::qExec(&test, argc, argv);
}
#include "test_large_corpus.moc"
