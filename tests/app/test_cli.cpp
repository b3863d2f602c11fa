// embedlab-cli end to end: the contract of issue 2 as scripts see it. Runs the built program with
// QProcess on small corpora written into a temporary directory, and checks exit codes, the one
// JSON object on stdout (keys and types), one-line errors naming the flag or file, and that no
// output file (nor a temporary one) is left behind after a failure.
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdint>
#include <set>
#include <nlohmann/json.hpp>
#include <string>

#include "support/CliRunner.h"
#include "support/TestPaths.h"

using nlohmann::json;

namespace {

using embedlab::test::CliRun;
using embedlab::test::runCli;

json parseOutput(const CliRun& r) { return embedlab::test::parseJsonOutput<json>(r); }

void writeFile(const QString& path, const QByteArray& data) {
  QFile f(path);
  QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
  QCOMPARE(f.write(data), data.size());
}

// Two planted topics: every line draws its words from one of them, so training must put each
// topic's words near each other. A small LCG keeps the corpus identical on every run.
QByteArray topicCorpus(int lines, int wordsPerLine = 8) {
  static const char* animals[] = {"cat", "dog", "pet", "fur", "paw", "tail", "bark", "meow"};
  static const char* vehicles[] = {"car", "road", "wheel", "engine", "fuel", "drive", "brake", "tire"};
  uint32_t state = 12345;
  auto next = [&state] { return (state = state * 1664525u + 1013904223u) >> 8; };
  QByteArray text;
  for (int i = 0; i < lines; ++i) {
    const char** topic = (i % 2) ? vehicles : animals;
    for (int w = 0; w < wordsPerLine; ++w) {
      if (w) text += ' ';
      text += topic[next() % 8];
    }
    text += '\n';
  }
  return text;
}

// Files in `dir` whose name starts with `name` (the output or its atomic temporary files).
QStringList leftovers(const QString& dir, const QString& name) {
  return QDir(dir).entryList({name + "*"}, QDir::Files | QDir::Hidden);
}

int lineCount(const QByteArray& text) { return static_cast<int>(text.count('\n')); }

}  // namespace

class TestCli : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir tmp_;
  QString corpus_, vectors_, pairs_;

  QString path(const QString& name) const { return tmp_.filePath(name); }

  // A failing run: the exit code, one line on stderr naming `mention`, no stdout, no output left.
  void expectFailure(const QStringList& args, int exitCode, const QString& mention, const QString& outName = {}) {
    const CliRun r = runCli(args);
    QVERIFY2(!r.crashed, qPrintable(args.join(' ')));
    QVERIFY2(r.exitCode == exitCode,
             qPrintable(QString("exit %1, expected %2 for: %3\nstderr: %4")
                            .arg(r.exitCode).arg(exitCode).arg(args.join(' '), QString::fromUtf8(r.err))));
    QVERIFY2(r.err.contains(mention.toUtf8()),
             qPrintable("stderr does not name '" + mention + "': " + QString::fromUtf8(r.err)));
    QVERIFY2(r.err.startsWith("embedlab-cli: ") && r.err.endsWith('\n'), r.err.constData());
    QVERIFY2(r.out.isEmpty(), r.out.constData());
    QVERIFY2(r.err.count('\n') == 1, qPrintable("more than one line on stderr: " + QString::fromUtf8(r.err)));
    if (!outName.isEmpty()) QVERIFY2(leftovers(tmp_.path(), outName).isEmpty(), qPrintable(outName + " left behind"));
  }

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    QVERIFY2(QFileInfo(QString::fromStdString(embedlab::test::cliPath())).isExecutable(),
             embedlab::test::cliPath().c_str());
    pairs_ = path("pairs.txt");
    writeFile(pairs_, "cat dog 9.0\ncat car 1.0\ncar road 8.5\ndog wheel 0.5\nzebra cat 5\n");
    corpus_ = path("topics.txt");
    writeFile(corpus_, topicCorpus(2000));
    // One small model for the query commands: deterministic (1 thread, fixed seed) and quick.
    vectors_ = path("topics.bin");
    const CliRun r = runCli({"train", "word2vec", "--corpus", corpus_, "--out", vectors_, "--dim", "16",
                             "--epochs", "3", "--min-count", "1", "--threads", "1", "--seed", "7", "--window", "3"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(QFileInfo::exists(vectors_));
  }

  // ---- help, version, command table -------------------------------------------------------

  void helpEverywhere_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expect");
    QTest::newRow("top") << QStringList{"--help"} << "train word2vec";
    QTest::newRow("train group") << QStringList{"train", "--help"} << "word2vec";
    QTest::newRow("eval group") << QStringList{"eval", "--help"} << "similarity";
    QTest::newRow("corpus stats") << QStringList{"corpus", "stats", "--help"} << "--min-count N";
    QTest::newRow("corpus tokenize") << QStringList{"corpus", "tokenize", "--help"} << "--out FILE";
    QTest::newRow("train word2vec") << QStringList{"train", "word2vec", "--help"} << "(default: 1e-3)";
    QTest::newRow("neighbors") << QStringList{"neighbors", "--help"} << "--k N";
    QTest::newRow("analogy") << QStringList{"analogy", "--help"} << "3cosadd";
    QTest::newRow("eval analogies") << QStringList{"eval", "analogies", "--help"} << "--restrict-vocab N";
    QTest::newRow("eval similarity") << QStringList{"eval", "similarity", "--help"} << "--pairs FILE";
    // --help wins over missing required flags and comes after other flags too.
    QTest::newRow("help after flags") << QStringList{"neighbors", "--k", "3", "--help"} << "--word W";
  }
  void helpEverywhere() {
    QFETCH(QStringList, args);
    QFETCH(QString, expect);
    const CliRun r = runCli(args);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(expect.toUtf8()), r.out.constData());
    QVERIFY(r.err.isEmpty());
  }

  void version() {
    const CliRun r = runCli({"--version"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith("embedlab-cli "), r.out.constData());
  }

  void noArguments() {
    const CliRun r = runCli({});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("Usage"));
  }

  // ---- usage errors: exit 2, one line naming the flag, no output -------------------------

  void usageErrors_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mention");
    const QString c = path("topics.txt"), o = path("usage-out.vec");
    const QStringList train{"train", "word2vec", "--corpus", c, "--out", o};
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << "frobnicate";
    QTest::newRow("unknown subcommand") << QStringList{"train", "glove"} << "glove";
    QTest::newRow("unknown flag") << (train + QStringList{"--dimm", "8"}) << "--dimm";
    QTest::newRow("dim abc") << (train + QStringList{"--dim", "abc"}) << "--dim";
    QTest::newRow("dim -3") << (train + QStringList{"--dim", "-3"}) << "--dim";
    QTest::newRow("dim=0") << (train + QStringList{"--dim=0"}) << "--dim";
    QTest::newRow("dim 1.5") << (train + QStringList{"--dim", "1.5"}) << "--dim";
    QTest::newRow("dim empty") << (train + QStringList{"--dim="}) << "--dim";
    QTest::newRow("sample 2") << (train + QStringList{"--sample", "2"}) << "--sample";
    QTest::newRow("sample nan") << (train + QStringList{"--sample", "nan"}) << "--sample";
    QTest::newRow("alpha 0") << (train + QStringList{"--alpha", "0"}) << "--alpha";
    QTest::newRow("min-alpha-ratio 2") << (train + QStringList{"--min-alpha-ratio", "2"}) << "--min-alpha-ratio";
    QTest::newRow("min-alpha-ratio -0.1") << (train + QStringList{"--min-alpha-ratio", "-0.1"}) << "--min-alpha-ratio";
    QTest::newRow("window 0") << (train + QStringList{"--window", "0"}) << "--window";
    QTest::newRow("epochs huge") << (train + QStringList{"--epochs", "99999999999999999999"}) << "--epochs";
    QTest::newRow("threads -1") << (train + QStringList{"--threads", "-1"}) << "--threads";
    QTest::newRow("seed -1") << (train + QStringList{"--seed", "-1"}) << "--seed";
    QTest::newRow("arch") << (train + QStringList{"--arch", "glove"}) << "--arch";
    QTest::newRow("loss") << (train + QStringList{"--loss", "softmax"}) << "--loss";
    QTest::newRow("missing value") << (train + QStringList{"--dim"}) << "--dim";
    QTest::newRow("value is a flag") << QStringList{"train", "word2vec", "--corpus", "--out", o} << "--corpus";
    QTest::newRow("repeated flag") << (train + QStringList{"--dim", "8", "--dim", "9"}) << "--dim";
    QTest::newRow("switch with value") << (train + QStringList{"--pre-tokenized=yes"}) << "--pre-tokenized";
    QTest::newRow("stray argument") << (train + QStringList{"extra"}) << "extra";
    QTest::newRow("missing --out") << QStringList{"train", "word2vec", "--corpus", c} << "--out";
    QTest::newRow("bad --out format") << QStringList{"train", "word2vec", "--corpus", c, "--out", path("usage-out.xyz")}
                                      << "--out";
    QTest::newRow("stats min-count") << QStringList{"corpus", "stats", "--corpus", c, "--min-count", "x"} << "--min-count";
    QTest::newRow("stats no corpus") << QStringList{"corpus", "stats"} << "--corpus";
    QTest::newRow("tokenize no out") << QStringList{"corpus", "tokenize", "--corpus", c} << "--out";
    QTest::newRow("neighbors no word") << QStringList{"neighbors", "--vectors", path("topics.bin")} << "--word";
    QTest::newRow("neighbors k 0") << QStringList{"neighbors", "--vectors", path("topics.bin"), "--word", "cat", "--k", "0"}
                                   << "--k";
    QTest::newRow("analogy method") << QStringList{"analogy", "--vectors", path("topics.bin"), "--a", "cat", "--b", "dog",
                                                   "--c", "car", "--method", "3coswhat"}
                                    << "--method";
    QTest::newRow("eval restrict") << QStringList{"eval", "analogies", "--vectors", path("topics.bin"), "--questions", c,
                                                  "--restrict-vocab", "-5"}
                                   << "--restrict-vocab";
  }
  void usageErrors() {
    QFETCH(QStringList, args);
    QFETCH(QString, mention);
    expectFailure(args, 2, mention, "usage-out");
  }

  // ---- corpus stats / tokenize ------------------------------------------------------------

  void corpusStats() {
    const QString file = path("stats.txt");
    writeFile(file, "Hello world.\nHello, again\n\nThe end\n");
    const CliRun r = runCli({"corpus", "stats", "--corpus", file, "--min-count", "2"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const json j = parseOutput(r);
    for (const char* key : {"lines", "tokens", "vocab_size", "invalid_utf8", "bytes"})
      QVERIFY2(j.contains(key) && j[key].is_number_integer(), key);
    QCOMPARE(j["lines"].get<int64_t>(), 4);
    QCOMPARE(j["tokens"].get<int64_t>(), 8);  // hello world . hello , again the end
    QCOMPARE(j["vocab_size"].get<int64_t>(), 1);  // only "hello" twice
    QCOMPARE(j["invalid_utf8"].get<int64_t>(), 0);
    QVERIFY(j["bytes"].get<int64_t>() > 0);
  }

  void corpusStatsSeveralFilesAndInvalidUtf8() {
    const QString a = path("stats-a.txt"), b = path("stats-b.txt");
    writeFile(a, "caf\xff one\n");
    writeFile(b, "one two\n");
    const CliRun r = runCli({"corpus", "stats", "--corpus", a, "--corpus", b, "--min-count", "1", "--pre-tokenized"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const json j = parseOutput(r);
    QCOMPARE(j["lines"].get<int64_t>(), 2);
    QCOMPARE(j["tokens"].get<int64_t>(), 4);
    QCOMPARE(j["vocab_size"].get<int64_t>(), 3);
    QCOMPARE(j["invalid_utf8"].get<int64_t>(), 1);
    QVERIFY2(r.err.contains("invalid UTF-8"), r.err.constData());  // the warning
  }

  void corpusTokenize() {
    const QString in = path("raw.txt"), out = path("raw.tok");
    writeFile(in, "Hello, World!\r\n\n  Straße   ΑΒΓ 3.14\n");
    const CliRun r = runCli({"corpus", "tokenize", "--corpus", in, "--out", out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const json j = parseOutput(r);
    QCOMPARE(j["lines"].get<int64_t>(), 3);
    QVERIFY(j["tokens"].is_number_integer());
    QCOMPARE(QString::fromStdString(j["out"].get<std::string>()), out);
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    QCOMPARE(lineCount(text), 3);
    const QList<QByteArray> lines = text.split('\n');
    QCOMPARE(lines[0], QByteArray("hello , world !"));
    QCOMPARE(lines[1], QByteArray());
    QVERIFY2(lines[2].startsWith("straße αβγ"), lines[2].constData());
    QVERIFY(!lines[2].contains("  ") && !lines[2].startsWith(' ') && !lines[2].endsWith(' '));
    QCOMPARE(j["tokens"].get<int64_t>(), static_cast<int64_t>(lines[0].count(' ') + 1 + lines[2].count(' ') + 1));
  }

  // ---- training, then the query commands on its output ------------------------------------

  void trainWord2vecJson() {
    const QString out = path("cbow.vec"), log = path("loss.csv");
    const CliRun r = runCli({"train", "word2vec", "--corpus", corpus_, "--out", out, "--arch", "cbow", "--loss", "hs",
                             "--dim=8", "--epochs", "1", "--min-count=1", "--threads", "2", "--loss-log", log});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const json j = parseOutput(r);
    for (const char* key : {"words_per_sec", "seconds", "final_loss"})
      QVERIFY2(j.contains(key) && j[key].is_number(), key);
    for (const char* key : {"train_words", "vocab_size"}) QVERIFY2(j.contains(key) && j[key].is_number_integer(), key);
    QCOMPARE(j["vocab_size"].get<int64_t>(), 16);
    QVERIFY(j["train_words"].get<int64_t>() > 0);
    QVERIFY(j["final_loss"].get<double>() > 0);
    QCOMPARE(QString::fromStdString(j["out"].get<std::string>()), out);
    QVERIFY(QFileInfo::exists(out));
    QVERIFY(QFileInfo(log).size() > 0);
    // Not a terminal: plain progress lines, never the live bar's carriage returns.
    QVERIFY(!r.err.contains('\r'));
    // The text file starts with word2vec's "N D" header.
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readLine().trimmed(), QByteArray("16 8"));
  }

  // --threads 1 with a fixed --seed: the same bytes on every run (the CLI passes the seed through).
  void deterministicWithOneThread() {
    QByteArray files[2];
    for (int i = 0; i < 2; ++i) {
      const QString out = path(QString("det-%1.bin").arg(i));
      const CliRun r = runCli({"train", "word2vec", "--corpus", corpus_, "--out", out, "--dim", "8", "--epochs", "1",
                               "--min-count", "1", "--threads", "1", "--seed", "42"});
      QVERIFY2(r.exitCode == 0, r.err.constData());
      QFile f(out);
      QVERIFY(f.open(QIODevice::ReadOnly));
      files[i] = f.readAll();
    }
    QVERIFY(!files[0].isEmpty());
    QVERIFY(files[0] == files[1]);
  }

  void neighborsOnTrainedVectors() {
    const CliRun r = runCli({"neighbors", "--vectors", vectors_, "--word", "Cat", "--k", "3"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const json j = parseOutput(r);
    QCOMPARE(j["word"].get<std::string>(), std::string("cat"));  // looked up as the tokenizer writes it
    QVERIFY(j["neighbors"].is_array());
    QCOMPARE(j["neighbors"].size(), size_t(3));
    static const std::set<std::string> animals{"dog", "pet", "fur", "paw", "tail", "bark", "meow"};
    int sameTopic = 0;
    double previous = 2;
    for (const json& n : j["neighbors"]) {
      QVERIFY(n["word"].is_string() && n["cosine"].is_number());
      const double cosine = n["cosine"].get<double>();
      QVERIFY(cosine <= previous + 1e-6 && cosine >= -1.0001 && cosine <= 1.0001);
      previous = cosine;
      QVERIFY(n["word"] != "cat");
      sameTopic += animals.count(n["word"].get<std::string>()) ? 1 : 0;
    }
    QVERIFY2(sameTopic >= 2, r.out.constData());  // the planted structure was learned
  }

  void analogyOnTrainedVectors() {
    for (const char* method : {"3cosadd", "3cosmul"}) {
      const CliRun r = runCli({"analogy", "--vectors", vectors_, "--a", "cat", "--b", "dog", "--c", "car", "--k", "4",
                               "--method", method});
      QVERIFY2(r.exitCode == 0, r.err.constData());
      const json j = parseOutput(r);
      QVERIFY(j["answers"].is_array());
      QCOMPARE(j["answers"].size(), size_t(4));
      for (const json& a : j["answers"]) {
        QVERIFY(a["word"].is_string() && a["score"].is_number());
        const std::string w = a["word"];
        QVERIFY2(w != "cat" && w != "dog" && w != "car", w.c_str());
      }
    }
  }

  void evalAnalogies() {
    const QString q = path("questions.txt");
    writeFile(q, ": animals-to-vehicles\ncat dog car road\ndog cat road car\n: with-oov\ncat zebra car road\n");
    const CliRun r = runCli({"eval", "analogies", "--vectors", vectors_, "--questions", q});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const json j = parseOutput(r);
    QVERIFY(j["accuracy"].is_number());
    for (const char* key : {"correct", "total", "oov"}) QVERIFY2(j[key].is_number_integer(), key);
    QCOMPARE(j["total"].get<int64_t>(), 2);
    QCOMPARE(j["oov"].get<int64_t>(), 1);
    QVERIFY(j["sections"].is_array());
    QCOMPARE(j["sections"].size(), size_t(2));
    QCOMPARE(j["sections"][0]["name"].get<std::string>(), std::string("animals-to-vehicles"));
    for (const json& s : j["sections"]) {
      QVERIFY(s["name"].is_string() && s["accuracy"].is_number());
      QVERIFY(s["correct"].is_number_integer() && s["total"].is_number_integer());
    }
  }

  void evalSimilarity() {
    const CliRun r = runCli({"eval", "similarity", "--vectors", vectors_, "--pairs", pairs_});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const json j = parseOutput(r);
    QVERIFY(j["spearman"].is_number() && j["pearson"].is_number());
    QCOMPARE(j["pairs"].get<int64_t>(), 4);
    QCOMPARE(j["oov"].get<int64_t>(), 1);
    QVERIFY(j["spearman"].get<double>() > 0);  // same-topic pairs score higher in the vectors too
  }

  // ---- bad input: exit 1 (files) or 2 (words), one line naming it, nothing left behind ----

  void badCorpus_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("contents");  // null: do not create
    QTest::newRow("missing") << "no-such-corpus.txt" << QByteArray();
    QTest::newRow("empty") << "empty-corpus.txt" << QByteArray("");
    QByteArray binary;
    for (int i = 0; i < 8192; ++i) binary += static_cast<char>((i * 37) % 7 == 0 ? 0 : (i * 91) % 256);
    QTest::newRow("binary") << "binary-corpus.txt" << binary;
    QTest::newRow("elf") << "elf-corpus.txt" << (QByteArray("\x7f" "ELF\x02\x01\x01", 7) + QByteArray(4000, '\0'));
  }
  void badCorpus() {
    QFETCH(QString, file);
    QFETCH(QByteArray, contents);
    const QString corpus = path(file);
    if (!contents.isNull()) writeFile(corpus, contents);
    expectFailure({"train", "word2vec", "--corpus", corpus, "--out", path("bad-train.bin"), "--dim", "8"}, 1, file,
                  "bad-train");
    expectFailure({"corpus", "stats", "--corpus", corpus}, 1, file);
    expectFailure({"corpus", "tokenize", "--corpus", corpus, "--out", path("bad-tok.txt")}, 1, file, "bad-tok");
  }

  void corpusIsADirectory() {
    QVERIFY(QDir(tmp_.path()).mkpath("a-dir"));
    expectFailure({"train", "word2vec", "--corpus", path("a-dir"), "--out", path("dir-train.bin")}, 1, "a-dir",
                  "dir-train");
  }

  void unreadableCorpus() {
    if (geteuid() == 0) QSKIP("root reads files whatever their permissions");
    const QString corpus = path("unreadable.txt");
    writeFile(corpus, "some text\n");
    QFile::setPermissions(corpus, QFileDevice::WriteOwner);
    expectFailure({"corpus", "stats", "--corpus", corpus}, 1, "unreadable.txt");
  }

  // A FIFO would block a reader that opened it; it must be refused at once, not hang.
  void corpusIsAFifo() {
    const QString fifo = path("corpus.fifo");
    QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
    expectFailure({"corpus", "stats", "--corpus", fifo}, 1, "corpus.fifo");
    expectFailure({"train", "word2vec", "--corpus", fifo, "--out", path("fifo-train.bin")}, 1, "corpus.fifo",
                  "fifo-train");
  }

  void quietSilencesWarnings() {
    const QString file = path("quiet.txt");
    writeFile(file, "caf\xff caf\xff\n");
    const CliRun r = runCli({"corpus", "stats", "--corpus", file, "--min-count", "1", "--quiet"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.isEmpty(), r.err.constData());
    QCOMPARE(parseOutput(r)["invalid_utf8"].get<int64_t>(), 2);
  }

  void outputDirectoryMissing() {
    expectFailure({"train", "word2vec", "--corpus", corpus_, "--out", path("no-such-dir/out.bin")}, 1, "no-such-dir");
    expectFailure({"corpus", "tokenize", "--corpus", corpus_, "--out", path("no-such-dir/out.txt")}, 1, "no-such-dir");
  }

  void badVectors_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("contents");
    QTest::newRow("missing") << "no-such.vec" << QByteArray();
    QTest::newRow("empty") << "empty.vec" << QByteArray("");
    // Literals with NUL bytes: the length comes from the array, never counted by hand.
    static const char garbage[] = "\x01\x02\x00\xff\xfe garbage";
    static const char truncated[] = "2 4\ncat \x00\x00\x80\x3f\x00";
    QTest::newRow("garbage bin") << "garbage.bin" << QByteArray(garbage, sizeof garbage - 1);
    QTest::newRow("not numbers") << "words.vec" << QByteArray("2 3\ncat a b c\ndog 1 2 3\n");
    QTest::newRow("truncated bin") << "truncated.bin" << QByteArray(truncated, sizeof truncated - 1);
  }
  void badVectors() {
    QFETCH(QString, file);
    QFETCH(QByteArray, contents);
    const QString vectors = path(file);
    if (!contents.isNull()) writeFile(vectors, contents);
    expectFailure({"neighbors", "--vectors", vectors, "--word", "cat"}, 1, file);
    expectFailure({"analogy", "--vectors", vectors, "--a", "cat", "--b", "dog", "--c", "car"}, 1, file);
    expectFailure({"eval", "similarity", "--vectors", vectors, "--pairs", pairs_}, 1, file);
  }

  void wordNotInVocabulary() {
    expectFailure({"neighbors", "--vectors", vectors_, "--word", "zebra"}, 2, "zebra");
    expectFailure({"analogy", "--vectors", vectors_, "--a", "cat", "--b", "unicorn", "--c", "car"}, 2, "unicorn");
  }

  void badBenchmarkFiles() {
    const QString q = path("bad-questions.txt");
    writeFile(q, ": section\ncat dog car\n");
    expectFailure({"eval", "analogies", "--vectors", vectors_, "--questions", q}, 1, "bad-questions.txt");
    expectFailure({"eval", "analogies", "--vectors", vectors_, "--questions", path("nope.txt")}, 1, "nope.txt");
    const QString p = path("bad-pairs.txt");
    writeFile(p, "cat dog 5\ncat dog notanumber\n");
    expectFailure({"eval", "similarity", "--vectors", vectors_, "--pairs", p}, 1, "bad-pairs.txt");
  }

  // ---- Ctrl-C, default corpus ---------------------------------------------------------------

  void interruptLeavesNothing() {
    const QString big = path("big.txt"), out = path("interrupted.bin");
    writeFile(big, topicCorpus(20000, 12));
    QProcess p;
    p.start(QString::fromStdString(embedlab::test::cliPath()),
            {"train", "word2vec", "--corpus", big, "--out", out, "--dim", "64", "--epochs", "1000", "--min-count", "1",
             "--threads", "1"});
    QVERIFY(p.waitForStarted(10000));
    // Wait until training runs (its first progress line), then interrupt.
    QElapsedTimer clock;
    clock.start();
    QByteArray err;
    while (!err.contains("training") && clock.elapsed() < 30000) {
      p.waitForReadyRead(100);
      err += p.readAllStandardError();
    }
    QVERIFY2(err.contains("training"), err.constData());
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    clock.restart();
    QVERIFY(p.waitForFinished(10000));
    QVERIFY2(clock.elapsed() < 5000, "stop took too long");  // generous: sanitizer builds on a busy machine
    err += p.readAllStandardError();
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 1);
    QVERIFY2(err.contains("interrupted"), err.constData());
    QVERIFY(p.readAllStandardOutput().isEmpty());
    // No vectors and no temporary file; only the checkpoint Ctrl-C keeps on purpose (the same
    // command resumes from it), and it must be complete enough to say so.
    const QStringList left = leftovers(tmp_.path(), "interrupted");
    QVERIFY2(left == QStringList{"interrupted.bin.checkpoint"}, qPrintable(left.join(", ")));
    QVERIFY2(err.contains("checkpoint"), err.constData());
  }

  // On a terminal, progress is one line redrawn with \r: bar, percent, words/s, loss, lr, ETA.
  // stderr goes to a pseudo-terminal; once the bar is seen, Ctrl-C ends the run.
  void liveBarOnATerminal() {
    const QString big = path("big-tty.txt");
    writeFile(big, topicCorpus(20000, 12));
    int master = -1, slave = -1;
    QVERIFY(::openpty(&master, &slave, nullptr, nullptr, nullptr) == 0);
    winsize size{};
    size.ws_row = 24;
    size.ws_col = 100;
    ::ioctl(slave, TIOCSWINSZ, &size);
    QProcess p;
    p.setChildProcessModifier([slave] { ::dup2(slave, STDERR_FILENO); });
    p.start(QString::fromStdString(embedlab::test::cliPath()),
            {"train", "word2vec", "--corpus", big, "--out", path("tty.bin"), "--dim", "32", "--epochs", "1000",
             "--min-count", "1", "--threads", "1"});
    const bool started = p.waitForStarted(10000);
    ::close(slave);
    QVERIFY(started);
    QByteArray screen;
    QElapsedTimer clock;
    clock.start();
    auto sawBar = [&screen] {
      const qsizetype cr = screen.lastIndexOf('\r');
      return cr >= 0 && screen.indexOf("training", cr) > cr && screen.indexOf("words/s", cr) > cr &&
             screen.indexOf("ETA", cr) > cr;
    };
    while (!sawBar() && clock.elapsed() < 30000 && p.state() == QProcess::Running) {
      pollfd fd{master, POLLIN, 0};
      if (::poll(&fd, 1, 100) > 0) {
        char buf[4096];
        const ssize_t n = ::read(master, buf, sizeof buf);
        if (n > 0) screen.append(buf, n);
      }
    }
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(10000));
    ::close(master);
    QVERIFY2(sawBar(), screen.constData());
    QVERIFY2(screen.contains("loss ") && screen.contains("lr ") && screen.contains("%"), screen.constData());
    QVERIFY2(screen.contains("[#") || screen.contains("[."), screen.constData());  // the bar itself
    QCOMPARE(p.exitCode(), 1);
    QVERIFY(!QFileInfo::exists(path("tty.bin")));
  }

  void defaultCorpusWhenNoneGiven() {
    if (!QFileInfo::exists(QString::fromStdString(embedlab::test::defaultCorpus())))
      QSKIP("default corpus not built (wordnet-base missing); scripts/test.sh installs it");
    const QString out = path("default.vec");
    const CliRun r = runCli({"train", "word2vec", "--out", out, "--dim", "8", "--epochs", "1", "--max-vocab", "2000",
                             "--min-count", "5", "--sample", "1e-4"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("default-corpus.txt"), r.err.constData());
    const json j = parseOutput(r);
    QCOMPARE(j["vocab_size"].get<int64_t>(), 2000);
    QVERIFY(QFileInfo::exists(out));
  }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
