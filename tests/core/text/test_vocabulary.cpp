// Vocabulary: counts and order, filters, save/load and its errors, subsampling probabilities,
// the alias noise sampler, determinism across thread counts, progress and stop; counting's
// memory bound (pruning past Options::maxCountingWords) and overlong tokens.
#include <QTemporaryDir>
#include <QtTest>
#include <sys/resource.h>
#include <zlib.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/text/CorpusReader.h"
#include "core/text/Vocabulary.h"
#include "core/train/Progress.h"
#include "core/util/Error.h"
#include "support/TestPaths.h"

using embedlab::NoiseSampler;
using embedlab::Tokenizer;
using embedlab::Vocabulary;

namespace {

void writeFile(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string readFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

void writeGzip(const std::string& path, const std::string& bytes) {
  gzFile f = gzopen(path.c_str(), "wb");
  gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(f);
}

std::string errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const embedlab::Error& e) {
    return e.what();
  }
  return {};
}

Vocabulary::Options opts(int64_t minCount, int64_t maxVocab = 0, int threads = 1,
                         int64_t maxCountingWords = Vocabulary::Options{}.maxCountingWords) {
  Vocabulary::Options o;
  o.minCount = minCount;
  o.maxVocab = maxVocab;
  o.threads = threads;
  o.maxCountingWords = maxCountingWords;
  return o;
}

long peakRssKiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // KiB on Linux
}

// `prefix` and the number: "f3" (appended piece by piece: GCC 12 warns, wrongly, of an
// overlapping copy in "f" + std::string).
std::string numbered(char prefix, int64_t n) {
  std::string s(1, prefix);
  s += std::to_string(n);
  return s;
}

// A heavy tail: 20 frequent words f0..f19 in every line from the first on (f<k> (k % 4 + 1)
// times a line), 10 words seen once in each line ("r<n>"), and "mid" once every 300 lines.
std::string heavyTailCorpus(int lines) {
  std::string text;
  int rare = 0;
  for (int i = 0; i < lines; ++i) {
    for (int k = 0; k < 20; ++k)
      for (int r = 0; r <= k % 4; ++r) (text += numbered('f', k)) += ' ';
    for (int r = 0; r < 10; ++r) (text += numbered('r', rare++)) += ' ';
    if (i % 300 == 150) text += "mid";
    text += "\n";
  }
  return text;
}

// Zipf-like synthetic text: many distinct words with many ties, some punctuation and CJK.
std::string syntheticCorpus(int lines, unsigned seed) {
  std::mt19937 rng(seed);
  std::string text;
  for (int i = 0; i < lines; ++i) {
    const int n = static_cast<int>(rng() % 15);
    for (int k = 0; k < n; ++k) {
      const double u = std::uniform_real_distribution<double>(0, 1)(rng);
      const int rank = static_cast<int>(std::exp(u * std::log(5000.0)));
      text += 'w';
      text += std::to_string(rank);
      text += (k % 6 == 5) ? ", " : " ";
      if (k % 9 == 8) text += "字 ";
    }
    text += "\n";
  }
  return text;
}

}  // namespace

class TestVocabulary : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::string path(const std::string& name) { return dir_.filePath(QString::fromStdString(name)).toStdString(); }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  // First of the suite, so that ru_maxrss (the process's peak so far) starts low.
  // Five million distinct tokens (and 50 frequent words, 69 MB of text) counted with the default
  // options and 2 threads: the peak resident set grows by the cap's worth, ~110 MB here (~175 MB
  // under ASan, whose quarantine keeps the tables outgrown), where the table of every word that
  // counting kept until 2026-11 took 1.1 GB (`corpus stats` on the same text).
  void countingMemoryIsBoundedByTheCap() {
    const std::string p = path("distinct.txt");
    {
      std::FILE* f = std::fopen(p.c_str(), "wb");
      QVERIFY(f);
      std::string line;
      for (int i = 0; i < 5000000; i += 10) {
        line.clear();
        for (int k = 0; k < 10; ++k) {
          line += 't';
          line += std::to_string(10000000 + i + k);
          line += ' ';
          (line += numbered('w', (i / 10 + k) % 50)) += ' ';
        }
        line.back() = '\n';
        std::fwrite(line.data(), 1, line.size(), f);
      }
      std::fclose(f);
    }
    const long before = peakRssKiB();
    Vocabulary::BuildStats stats;
    const Vocabulary v = Vocabulary::build({p}, Tokenizer(), opts(5, 0, 2), &stats);
    const long grownMb = (peakRssKiB() - before) / 1024;
    qInfo("5M distinct tokens: peak RSS grew by %ld MB; %lld prunes, threshold %lld, %lld distinct left", grownMb,
          static_cast<long long>(stats.prunes), static_cast<long long>(stats.pruneThreshold),
          static_cast<long long>(stats.distinctWords));
    QVERIFY2(grownMb < 250, qPrintable(QString("counting 5M distinct tokens grew the peak RSS by %1 MB").arg(grownMb)));
    QCOMPARE(stats.tokens, int64_t(10000000));
    QVERIFY(stats.prunes > 0);
    QVERIFY(stats.distinctWords <= Vocabulary::Options{}.maxCountingWords);
    // The frequent words, in every line from the first, are never pruned: exact counts.
    QCOMPARE(v.size(), int64_t(50));
    for (int64_t i = 0; i < v.size(); ++i) QCOMPARE(v.count(i), int64_t(100000));
  }

  void countsAndOrder() {
    const std::string p = path("small.txt");
    writeFile(p, "b a c a b a\nd c\n\nE, e!\n");
    Vocabulary::BuildStats stats;
    const Vocabulary v = Vocabulary::build({p}, Tokenizer(), opts(1), &stats);
    // a:3, then the ties broken by bytes: b:2 < c:2 < e:2, then the 1-counts: ! , d.
    const std::vector<std::string> words{"a", "b", "c", "e", "!", ",", "d"};
    const std::vector<int64_t> counts{3, 2, 2, 2, 1, 1, 1};
    QCOMPARE(v.words(), words);
    QCOMPARE(v.counts(), counts);
    QCOMPARE(v.size(), int64_t(7));
    QCOMPARE(v.totalCount(), int64_t(12));
    for (int64_t i = 0; i < v.size(); ++i) {
      QCOMPARE(v.id(v.word(i)), i);
      QCOMPARE(v.count(i), counts[static_cast<size_t>(i)]);
    }
    QCOMPARE(v.id("zzz"), int64_t(-1));
    QCOMPARE(v.id(""), int64_t(-1));
    QCOMPARE(stats.lines, int64_t(4));
    QCOMPARE(stats.tokens, int64_t(12));
    QCOMPARE(stats.bytes, int64_t(23));
    QCOMPARE(stats.invalidUtf8, int64_t(0));
    QCOMPARE(stats.distinctWords, int64_t(7));
    QCOMPARE(stats.longWords, int64_t(0));
    QCOMPARE(stats.prunes, int64_t(0));
  }

  void minCountAndMaxVocab() {
    const std::string p = path("small.txt");
    const Vocabulary m2 = Vocabulary::build({p}, Tokenizer(), opts(2));
    QCOMPARE(m2.words(), (std::vector<std::string>{"a", "b", "c", "e"}));
    QCOMPARE(m2.totalCount(), int64_t(9));
    const Vocabulary m3 = Vocabulary::build({p}, Tokenizer(), opts(3));
    QCOMPARE(m3.words(), (std::vector<std::string>{"a"}));
    const Vocabulary top2 = Vocabulary::build({p}, Tokenizer(), opts(1, 2));
    QCOMPARE(top2.words(), (std::vector<std::string>{"a", "b"}));  // b beats c and e on the tie
    QCOMPARE(top2.totalCount(), int64_t(5));
    QCOMPARE(top2.id("c"), int64_t(-1));
    const Vocabulary none = Vocabulary::build({p}, Tokenizer(), opts(100));
    QCOMPARE(none.size(), int64_t(0));
    QCOMPARE(none.id("a"), int64_t(-1));
  }

  void statsCountInvalidUtf8AndSeveralFiles() {
    const std::string p = path("bad.txt"), q = path("more.txt.gz");
    writeFile(p, "caf\xE9 ok\nok\n");
    writeGzip(q, "ok again\n");
    Vocabulary::BuildStats stats;
    const Vocabulary v = Vocabulary::build({p, q}, Tokenizer(), opts(1), &stats);
    QCOMPARE(stats.invalidUtf8, int64_t(1));
    QCOMPARE(stats.lines, int64_t(3));
    QCOMPARE(stats.tokens, int64_t(5));  // caf ok ok ok again: the replacement character separates
    QCOMPARE(v.count(v.id("ok")), int64_t(3));
  }

  void preTokenizedBuild() {
    const std::string p = path("pre.txt");
    writeFile(p, "New-York ,x New-York\n");
    Tokenizer::Options t;
    t.preTokenized = true;
    const Vocabulary v = Vocabulary::build({p}, Tokenizer(t), opts(1));
    QCOMPARE(v.words(), (std::vector<std::string>{"New-York", ",x"}));
  }

  void buildErrorsNameTheFile() {
    const std::string missing = path("missing.txt");
    const std::string msg = errorOf([&] { Vocabulary::build({path("small.txt"), missing}, Tokenizer(), opts(1)); });
    QVERIFY2(msg.rfind(missing, 0) == 0, msg.c_str());
    const std::string bin = path("binary.txt");
    writeFile(bin, std::string("\x7f" "ELF\x02\x01\x01\x00\x00\x00", 10));
    QVERIFY(errorOf([&] { Vocabulary::build({bin}, Tokenizer(), opts(1)); }).rfind(bin, 0) == 0);
    // A truncated .gz found while counting (past the first 4 KiB) is reported too.
    const std::string gz = path("trunc.gz");
    writeGzip(gz, syntheticCorpus(20000, 5));
    const std::string packed = readFile(gz);
    writeFile(gz, packed.substr(0, packed.size() / 2));
    for (int threads : {1, 2}) {
      const std::string m = errorOf([&] { Vocabulary::build({gz}, Tokenizer(), opts(1, 0, threads)); });
      QVERIFY2(m.rfind(gz, 0) == 0, m.c_str());
    }
  }

  void fromCountsMergesFiltersAndOrders() {
    const Vocabulary v = Vocabulary::fromCounts({{"b", 2}, {"a", 1}, {"c", 5}, {"a", 1}, {"d", 0}}, opts(1));
    QCOMPARE(v.words(), (std::vector<std::string>{"c", "a", "b"}));
    QCOMPARE(v.counts(), (std::vector<int64_t>{5, 2, 2}));
    QCOMPARE(v.totalCount(), int64_t(9));
    QVERIFY(!errorOf([] { Vocabulary::fromCounts({{"x", -1}}, opts(0)); }).empty());
  }

  void idFindsEveryWordAndNoOther() {
    // Words of every length up to 40 over a tiny alphabet (many near-collisions), and for each
    // one every single-byte change and one-byte extension or cut: found exactly when present.
    std::mt19937 rng(17);
    std::vector<std::pair<std::string, int64_t>> counts;
    std::set<std::string> present;
    for (int i = 0; i < 3000; ++i) {
      std::string w(1 + rng() % 40, 'a');
      for (char& c : w) c = "abé"[rng() % 3];
      if (present.insert(w).second) counts.emplace_back(w, 1 + static_cast<int64_t>(rng() % 50));
    }
    const Vocabulary v = Vocabulary::fromCounts(counts, opts(1));
    QCOMPARE(v.size(), static_cast<int64_t>(present.size()));
    for (const auto& [w, c] : counts) {
      const int64_t id = v.id(w);
      QVERIFY(id >= 0);
      QCOMPARE(v.word(id), w);
      QCOMPARE(v.count(id), c);
      for (size_t k = 0; k < w.size(); ++k) {
        std::string other = w;
        other[k] = 'z';
        QCOMPARE(v.id(other), int64_t(-1));
      }
      const std::string longer = w + "a", shorter = w.substr(0, w.size() - 1);
      QCOMPARE(v.id(longer) >= 0, present.count(longer) == 1);
      QCOMPARE(v.id(shorter) >= 0, present.count(shorter) == 1);
    }
  }

  void saveLoadRoundTrip() {
    const std::string corpus = path("synthetic.txt");
    std::string corpusText = syntheticCorpus(3000, 11);
    corpusText += "é ü 中 \xF0\x9F\x98\x80\n";
    writeFile(corpus, corpusText);
    const Vocabulary v = Vocabulary::build({corpus}, Tokenizer(), opts(1));
    QVERIFY(v.size() > 1000);
    const std::string file = path("vocab.txt");
    v.save(file);
    const std::string text = readFile(file);
    QVERIFY(text.rfind(v.word(0) + " " + std::to_string(v.count(0)) + "\n", 0) == 0);
    const Vocabulary w = Vocabulary::load(file);
    QCOMPARE(w.words(), v.words());
    QCOMPARE(w.counts(), v.counts());
    QCOMPARE(w.totalCount(), v.totalCount());
    for (int64_t i = 0; i < w.size(); ++i) QCOMPARE(w.id(v.word(i)), i);
    // Saving again gives the same bytes; no temporary file is left beside it.
    const std::string again = path("vocab2.txt");
    w.save(again);
    QCOMPARE(readFile(again), text);
    QCOMPARE(QDir(dir_.path()).entryList(QStringList{"vocab*"}, QDir::Files).size(), 2);
  }

  void loadAcceptsCrlfBomAndReorders() {
    const std::string file = path("handmade.txt");
    writeFile(file, "\xEF\xBB\xBF" "b 2\r\na 2\r\n\r\nc\t7\r\n");
    const Vocabulary v = Vocabulary::load(file);
    QCOMPARE(v.words(), (std::vector<std::string>{"c", "a", "b"}));
    QCOMPARE(v.counts(), (std::vector<int64_t>{7, 2, 2}));
  }

  void loadErrorsNameFileAndLine_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");  // what follows the path
    QTest::newRow("missing count") << QByteArray("a 1\nb\n") << ":2: malformed line";
    QTest::newRow("three fields") << QByteArray("a 1\nb 2\nc 3 4\n") << ":3: malformed line";
    QTest::newRow("bad count") << QByteArray("a 1\nb x\n") << ":2: bad count";
    QTest::newRow("count with suffix") << QByteArray("a 12k\n") << ":1: bad count";
    QTest::newRow("count overflow") << QByteArray("a 99999999999999999999\n") << ":1: bad count";
    QTest::newRow("negative count") << QByteArray("a 1\nb -3\n") << ":2: negative count";
    QTest::newRow("duplicate word") << QByteArray("a 5\nb 2\na 4\n") << ":3: duplicate word 'a' (first on line 1)";
    QTest::newRow("invalid utf-8") << QByteArray("a 5\n\xff\xfe 2\n") << ":2: the word is not valid UTF-8";
    QTest::newRow("empty file") << QByteArray("") << ": empty vocabulary file";
    QTest::newRow("blank lines only") << QByteArray("\n  \n\n") << ": empty vocabulary file";
  }

  void loadErrorsNameFileAndLine() {
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const std::string file = path("broken.vocab");
    writeFile(file, content.toStdString());
    const std::string msg = errorOf([&] { Vocabulary::load(file); });
    const std::string want = file + expected.toStdString();
    QVERIFY2(msg.rfind(want, 0) == 0, ("got '" + msg + "', want '" + want + "...'").c_str());
  }

  void loadMissingFileOrDirectory() {
    const std::string missing = path("nope.vocab");
    QVERIFY(errorOf([&] { Vocabulary::load(missing); }).rfind(missing, 0) == 0);
    const std::string d = dir_.path().toStdString();
    QVERIFY(errorOf([&] { Vocabulary::load(d); }).rfind(d, 0) == 0);
  }

  void saveRefusesUnsavableWords() {
    const Vocabulary v = Vocabulary::fromCounts({{"two words", 3}, {"ok", 2}}, opts(1));
    const std::string file = path("unsavable.vocab");
    QVERIFY(errorOf([&] { v.save(file); }).rfind(file, 0) == 0);
    QVERIFY(!QFileInfo::exists(QString::fromStdString(file)));
  }

  void keepProbabilitiesFollowWord2vec() {
    const Vocabulary v = Vocabulary::fromCounts({{"the", 100000}, {"of", 20000}, {"cat", 300}, {"zebra", 3}}, opts(1));
    const double total = 120303;
    for (double sample : {1e-3, 1e-4, 1e-5}) {
      const std::vector<float> keep = v.keepProbabilities(sample);
      QCOMPARE(keep.size(), size_t(4));
      for (int64_t i = 0; i < v.size(); ++i) {
        const double f = static_cast<double>(v.count(i));
        double p = (std::sqrt(f / (sample * total)) + 1) * (sample * total) / f;
        p = std::min(1.0, std::max(0.0, p));
        QVERIFY2(std::abs(keep[static_cast<size_t>(i)] - p) < 1e-6, v.word(i).c_str());
      }
      QVERIFY(keep[0] < 0.2f);   // "the" is mostly dropped
      QCOMPARE(keep[3], 1.0f);   // rare words are always kept
    }
    for (float k : v.keepProbabilities(0)) QCOMPARE(k, 1.0f);
  }

  void noiseSamplerMatchesUnigramPower() {
    const std::vector<int64_t> counts{100000, 20000, 5000, 777, 100, 10, 1, 0, 42, 3000};
    for (double power : {0.75, 1.0}) {
      const NoiseSampler s(counts, power);
      QCOMPARE(s.size(), int64_t(counts.size()));
      double z = 0;
      for (int64_t c : counts) z += std::pow(static_cast<double>(c), power) * (c > 0);
      double sum = 0;
      for (size_t i = 0; i < counts.size(); ++i) {
        const double p = counts[i] > 0 ? std::pow(static_cast<double>(counts[i]), power) / z : 0.0;
        QVERIFY(std::abs(s.probability(static_cast<int64_t>(i)) - p) < 1e-12);
        sum += s.probability(static_cast<int64_t>(i));
      }
      QVERIFY(std::abs(sum - 1.0) < 1e-12);

      const int draws = 1000000;
      std::vector<int64_t> seen(counts.size(), 0);
      std::mt19937_64 rng(12345);
      for (int d = 0; d < draws; ++d) {
        const int64_t id = s.sample(rng());
        QVERIFY(id >= 0 && id < s.size());
        ++seen[static_cast<size_t>(id)];
      }
      for (size_t i = 0; i < counts.size(); ++i) {
        const double p = s.probability(static_cast<int64_t>(i));
        const double freq = static_cast<double>(seen[i]) / draws;
        const double tolerance = 5 * std::sqrt(p * (1 - p) / draws) + 1e-6;
        QVERIFY2(std::abs(freq - p) <= tolerance,
                 qPrintable(QString("id %1: freq %2, p %3").arg(i).arg(freq).arg(p)));
      }
      QCOMPARE(seen[7], int64_t(0));  // a zero count is never drawn
    }
  }

  void noiseSamplerEdgeValues() {
    const NoiseSampler one({5});
    QCOMPARE(one.sample(0), int64_t(0));
    QCOMPARE(one.sample(~uint64_t(0)), int64_t(0));
    const NoiseSampler s({1, 1000, 1});
    for (uint64_t r : {uint64_t(0), ~uint64_t(0), uint64_t(0xFFFFFFFF), uint64_t(0xFFFFFFFF00000000ull)}) {
      const int64_t id = s.sample(r);
      QVERIFY(id >= 0 && id < 3);
    }
  }

  void buildIsDeterministicAcrossThreads() {
    const std::string plain = path("det.txt"), gz = path("det.txt.gz");
    writeFile(plain, syntheticCorpus(20000, 3));
    writeGzip(gz, syntheticCorpus(7000, 4));
    Vocabulary::BuildStats ref;
    const Vocabulary base = Vocabulary::build({plain, gz}, Tokenizer(), opts(2, 0, 1), &ref);
    QVERIFY(base.size() > 1000);
    for (int threads : {2, 3, 5}) {
      Vocabulary::BuildStats stats;
      const Vocabulary v = Vocabulary::build({plain, gz}, Tokenizer(), opts(2, 0, threads), &stats);
      QCOMPARE(v.words(), base.words());
      QCOMPARE(v.counts(), base.counts());
      QCOMPARE(stats.lines, ref.lines);
      QCOMPARE(stats.tokens, ref.tokens);
      QCOMPARE(stats.bytes, ref.bytes);
      QCOMPARE(stats.distinctWords, ref.distinctWords);
    }
    QCOMPARE(ref.lines, int64_t(27000));
  }

  void progressAndStop() {
    const std::string plain = path("det.txt");
    std::vector<double> reported;
    Vocabulary::build({plain}, Tokenizer(), opts(1, 0, 2), nullptr, [&](double f) { reported.push_back(f); });
    QVERIFY(!reported.empty());
    QCOMPARE(reported.back(), 1.0);
    for (size_t i = 0; i < reported.size(); ++i) {
      QVERIFY(reported[i] >= 0 && reported[i] <= 1);
      if (i) QVERIFY(reported[i] >= reported[i - 1]);
    }

    embedlab::StopToken token;
    token.requestStop();
    Vocabulary::BuildStats stats;
    Vocabulary::build({plain}, Tokenizer(), opts(1, 0, 2), &stats, {}, &token);
    QVERIFY(stats.lines < 20000);
  }

  // A cap far below the corpus's distinct words: each thread prunes many times. The frequent
  // words keep their exact counts, the words seen once are gone (not one is left with 2), a word
  // pruned between its occurrences ("mid") is undercounted, never overcounted; the same options
  // give the same result every time.
  void smallCapPrunesTheRareWords() {
    const std::string p = path("heavy-tail.txt");
    const int lines = 3000;
    writeFile(p, heavyTailCorpus(lines));
    for (int threads : {1, 2, 3}) {
      Vocabulary::BuildStats stats;
      const Vocabulary v = Vocabulary::build({p}, Tokenizer(), opts(2, 0, threads, 1000), &stats);
      QVERIFY(stats.prunes >= 20);
      QCOMPARE(stats.pruneThreshold, int64_t(2));  // the singletons alone make room each time
      QCOMPARE(stats.tokens, int64_t(lines) * (50 + 10) + lines / 300);
      QVERIFY(stats.distinctWords < 1000);
      QCOMPARE(v.size(), int64_t(20));
      for (int k = 0; k < 20; ++k) {
        const int64_t id = v.id(numbered('f', k));
        QVERIFY(id >= 0);
        QCOMPARE(v.count(id), int64_t(lines) * (k % 4 + 1));
      }
      QCOMPARE(v.id("mid"), int64_t(-1));  // 10 times in the corpus, at most once between prunes
      QCOMPARE(v.id("r0"), int64_t(-1));

      Vocabulary::BuildStats again;
      const Vocabulary w = Vocabulary::build({p}, Tokenizer(), opts(1, 0, threads, 1000), &again);
      QCOMPARE(again.prunes, stats.prunes);
      QCOMPARE(again.distinctWords, stats.distinctWords);
      // minCount 1 keeps what is left of the tail: the singletons since each thread's last prune.
      QVERIFY(w.size() > 20 && w.size() < 1000);
      for (int64_t i = 0; i < 20; ++i) QCOMPARE(w.word(i), v.word(i));
      const Vocabulary x = Vocabulary::build({p}, Tokenizer(), opts(1, 0, threads, 1000));
      QCOMPARE(x.words(), w.words());
      QCOMPARE(x.counts(), w.counts());
      for (int64_t c : w.counts()) QVERIFY(c >= 1);
      const int64_t mid = w.id("mid");
      QVERIFY(mid < 0 || w.count(mid) < 10);
    }
  }

  // A cap that is never reached changes nothing: the counts are those of no cap at all, for
  // any number of threads, and no prune is reported.
  void capNotReachedIsExact() {
    const std::string p = path("heavy-tail.txt");
    Vocabulary::BuildStats ref;
    const Vocabulary all = Vocabulary::build({p}, Tokenizer(), opts(1, 0, 1, 0), &ref);
    QCOMPARE(ref.prunes, int64_t(0));
    QCOMPARE(ref.pruneThreshold, int64_t(0));
    QCOMPARE(ref.distinctWords, int64_t(20 + 30000 + 1));
    QCOMPARE(all.count(all.id("mid")), int64_t(10));
    for (int threads : {1, 2, 3}) {
      Vocabulary::BuildStats stats;
      const Vocabulary v = Vocabulary::build({p}, Tokenizer(), opts(1, 0, threads, 3 * 30021), &stats);
      QCOMPARE(stats.prunes, int64_t(0));
      QCOMPARE(stats.distinctWords, ref.distinctWords);
      QCOMPARE(v.words(), all.words());
      QCOMPARE(v.counts(), all.counts());
    }
    QVERIFY(!errorOf([&] { Vocabulary::build({p}, Tokenizer(), opts(1, 0, 1, -1)); }).empty());
  }

  // Tokens longer than kMaxWordBytes are read (in the token count) but not counted as words; one
  // of exactly kMaxWordBytes is.
  void overlongTokensAreNotCounted() {
    const std::string p = path("long-tokens.txt");
    const std::string edge(Vocabulary::kMaxWordBytes, 'a'), over(Vocabulary::kMaxWordBytes + 1, 'b');
    const std::string huge(300000, 'c');
    std::string text = "x ";
    ((((text += edge) += ' ') += over) += '\n');
    (text += huge) += " x\n";
    (((text += edge) += ' ') += over) += '\n';
    writeFile(p, text);
    Vocabulary::BuildStats stats;
    const Vocabulary v = Vocabulary::build({p}, Tokenizer(), opts(1), &stats);
    QCOMPARE(stats.tokens, int64_t(7));
    QCOMPARE(stats.longWords, int64_t(3));
    QCOMPARE(stats.distinctWords, int64_t(2));
    QCOMPARE(v.words(), (std::vector<std::string>{edge, "x"}));
    QCOMPARE(v.counts(), (std::vector<int64_t>{2, 2}));
  }

  void sharedCorpus() {
    if (!embedlab::test::haveSharedData()) QSKIP("../shared/data is not present");
    const std::string kjv = embedlab::test::sharedDataDir() + "/corpora/kjv.txt.gz";
    Vocabulary::BuildStats stats;
    const Vocabulary v = Vocabulary::build({kjv}, Tokenizer(), opts(5), &stats);
    QCOMPARE(stats.lines, int64_t(31102));
    QCOMPARE(stats.bytes, int64_t(4137847));
    QCOMPARE(stats.invalidUtf8, int64_t(0));
    QVERIFY(v.id("the") >= 0 && v.id("the") < 5);
    QVERIFY(v.id("god") >= 0);
    QVERIFY(v.count(v.size() - 1) >= 5);
  }
};

QTEST_APPLESS_MAIN(TestVocabulary)
#include "test_vocabulary.moc"
