// Saves are atomic: a process killed with SIGKILL in the middle of writing a file leaves the
// previous version intact and loadable (or the new one complete), and what it leaves behind (its
// temporary file) can never be mistaken for a result.
//
// 1. Vectors: embedlab-cli train word2vec --out FILE.vec over an existing valid FILE.vec, on a
//    corpus made to give a large output (tens of MB of text) from seconds of training. The test
//    waits for the save to begin (the temporary file FILE.vec.tmp-XXXXXX appears), waits a random
//    fraction of the measured save time and kills the child; it repeats this many times.
// 2. Run / workspace records: this executable started again as a child (--atomic-writer-child)
//    rewrites a JSON record of a few MB in a loop through writeFileAtomically, the door RunStore's
//    run.json goes through; it is killed at random moments, and the record must always parse
//    whole. (RunStore itself lives in the Qt UI library, which the app suites do not link.)
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "core/embeddings/EmbeddingSet.h"
#include "core/io/WordVectors.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"
#include "support/TestPaths.h"

namespace {

using Clock = std::chrono::steady_clock;

QByteArray readAll(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return f.readAll();
}

// The temporary files of an atomic save of `target` (AtomicFile: target + ".tmp-XXXXXX").
QStringList tempFilesOf(const QString& target) {
  const QFileInfo info(target);
  QStringList out;
  for (const QString& name : info.dir().entryList({info.fileName() + ".tmp-*"}, QDir::Files | QDir::Hidden))
    out << info.dir().filePath(name);
  return out;
}

// A corpus with many distinct words and few tokens: training is quick, the saved vectors large.
QByteArray wideCorpus(int distinctWords, int repeats) {
  QByteArray text;
  uint32_t state = 777;
  auto next = [&state] { return (state = state * 1664525u + 1013904223u) >> 8; };
  for (int r = 0; r < repeats; ++r) {
    for (int w = 0; w < distinctWords; ++w) {
      text += 'w';
      text += QByteArray::number((w * 7919 + r * 104729 + static_cast<int>(next() % 3)) % distinctWords);
      text += (w % 16 == 15) ? '\n' : ' ';
    }
    text += '\n';
  }
  return text;
}

// Old contents: 50 rows of dimension 8, saved by the program itself.
QByteArray makeOldVectors(const std::string& path) {
  embedlab::EmbeddingSet set({}, 8);
  for (int r = 0; r < 50; ++r) {
    float v[8];
    for (int d = 0; d < 8; ++d) v[d] = static_cast<float>(r) + 0.125f * static_cast<float>(d);
    set.addRow("old" + std::to_string(r), v, 0);
  }
  embedlab::saveWordVectors(set, path);
  return readAll(QString::fromStdString(path));
}

// ---- the child that rewrites a JSON record (run.json / workspace) ----

constexpr int kHistoryPoints = 120000;  // ~2 MB of JSON: each write takes milliseconds

// The record of one generation: the same history every time (built once; the child's time goes
// into writing, not into formatting), the generation number spliced in.
std::string recordText(int64_t generation) {
  static const std::string body = [] {
    nlohmann::ordered_json j;
    j["format"] = "embedlab-run-1";
    j["id"] = "20260101-000000-000-0000";
    j["generation"] = "@GEN@";
    nlohmann::ordered_json loss = nlohmann::ordered_json::array();
    double sum = 0;
    for (int i = 0; i < kHistoryPoints; ++i) {
      const double v = static_cast<double>(i % 1000) / 7.0;
      loss.push_back(v);
      sum += v;
    }
    j["history"] = {{"loss", loss}};
    j["checksum"] = sum;  // the record is whole only if this matches the history
    return j.dump(1);
  }();
  const size_t at = body.find("\"@GEN@\"");
  return body.substr(0, at) + std::to_string(generation) + body.substr(at + 7);
}

int runWriterChild(const std::string& path, int64_t firstGeneration) {
  for (int64_t g = firstGeneration;; ++g) {
    try {
      embedlab::writeFileAtomically(path, recordText(g));
    } catch (const embedlab::Error& e) {
      std::fprintf(stderr, "%s\n", e.what());
      return 1;
    }
    // Tell the parent how far it got (after the rename, so the file holds at least this one).
    std::printf("%lld\n", static_cast<long long>(g));
    std::fflush(stdout);
  }
}

// The record at `path` is whole: it parses, its checksum matches; returns its generation.
int64_t checkRecord(const QString& path) {
  const QByteArray bytes = readAll(path);
  const nlohmann::json j = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("checksum") || !j.contains("generation")) return -1;
  double sum = 0;
  const auto& loss = j["history"]["loss"];
  if (!loss.is_array() || loss.size() != static_cast<size_t>(kHistoryPoints)) return -1;
  for (const auto& v : loss) sum += v.get<double>();
  if (sum != j["checksum"].get<double>()) return -1;
  return j["generation"].get<int64_t>();
}

std::string selfPath() { return std::filesystem::read_symlink("/proc/self/exe").string(); }

void killChild(QProcess& p) {
  ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
  p.waitForFinished(30000);
}

}  // namespace

class TestAtomicKill : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir tmp_;

 private slots:
  void initTestCase() { QVERIFY(tmp_.isValid()); }

  // A word2vec save killed at random moments: the previous vectors or the complete new ones.
  void killDuringVectorSave() {
    const QString corpus = tmp_.filePath("wide.txt");
    {
      QFile f(corpus);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(wideCorpus(20000, 2));
    }
    const QString out = tmp_.filePath("vectors.vec");
    const QByteArray oldBytes = makeOldVectors(out.toStdString());
    QVERIFY(!oldBytes.isEmpty());
    const int newDim = 96;
    const QStringList args = {"train", "word2vec", "--corpus", corpus, "--out", out, "--dim",
                              QString::number(newDim), "--min-count", "1", "--epochs", "1", "--window", "2",
                              "--negative", "2", "--threads", "2", "--seed", "1", "--quiet"};

    // One run to the end: how long the save takes (temporary file seen -> process gone), and what
    // the complete new file looks like.
    auto runUntilSave = [&](QProcess& p, QString* temp) -> bool {
      p.start(QString::fromStdString(embedlab::test::cliPath()), args);
      if (!p.waitForStarted(10000)) return false;
      const auto deadline = Clock::now() + std::chrono::seconds(120);
      while (Clock::now() < deadline) {
        const QStringList temps = tempFilesOf(out);
        if (!temps.isEmpty()) {
          *temp = temps.first();
          return true;
        }
        if (p.state() == QProcess::NotRunning) return false;
        std::this_thread::sleep_for(std::chrono::microseconds(300));
      }
      return false;
    };

    QProcess first;
    QString temp;
    QVERIFY2(runUntilSave(first, &temp), qPrintable(first.readAllStandardError()));
    const auto saveStart = Clock::now();
    QVERIFY(first.waitForFinished(120000));
    const double saveSeconds = std::chrono::duration<double>(Clock::now() - saveStart).count();
    QCOMPARE(first.exitCode(), 0);
    embedlab::EmbeddingSet full = embedlab::loadWordVectors(out.toStdString());
    QCOMPARE(full.dim(), newDim);
    const int64_t fullRows = full.rows();
    QVERIFY(fullRows >= 15000);
    QVERIFY2(tempFilesOf(out).isEmpty(), "a finished save leaves no temporary file");
    qInfo("new vectors: %lld rows x %d, %lld bytes; save took %.3f s", static_cast<long long>(fullRows), newDim,
          static_cast<long long>(QFileInfo(out).size()), saveSeconds);

    // Kills at random moments of the save.
    QRandomGenerator rng(20261130);
    const int kills = 10;
    int midSave = 0, keptOld = 0, gotNew = 0;
    for (int k = 0; k < kills; ++k) {
      // Start from the old file each time.
      QFile::remove(out);
      {
        QFile f(out);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(oldBytes), oldBytes.size());
      }
      for (const QString& t : tempFilesOf(out)) QFile::remove(t);

      QProcess p;
      QString tempPath;
      QVERIFY2(runUntilSave(p, &tempPath), qPrintable(p.readAllStandardError()));
      // Up to the whole measured save time, and a little past it now and then (a kill right
      // after the rename is a case too).
      const double delay = saveSeconds * rng.bounded(1.3);
      std::this_thread::sleep_for(std::chrono::duration<double>(delay));
      const bool tempBefore = QFile::exists(tempPath);
      killChild(p);
      if (tempBefore) ++midSave;

      // The target is the old file byte for byte, or the complete new one.
      const QByteArray now = readAll(out);
      if (now == oldBytes) {
        ++keptOld;
        embedlab::EmbeddingSet old = embedlab::loadWordVectors(out.toStdString());
        QCOMPARE(old.rows(), int64_t{50});
      } else {
        ++gotNew;
        embedlab::EmbeddingSet got;
        try {
          got = embedlab::loadWordVectors(out.toStdString());
        } catch (const embedlab::Error& e) {
          QFAIL(qPrintable(QString("kill %1 after %2 s left an unreadable %3: %4")
                               .arg(k).arg(delay).arg(out).arg(e.what())));
        }
        QCOMPARE(got.dim(), newDim);
        QCOMPARE(got.rows(), fullRows);
      }
      // What a kill leaves behind is named so that nothing takes it for vectors: the loaders
      // refuse the name, and it is not what the run asked for.
      for (const QString& t : tempFilesOf(out)) {
        QVERIFY2(!t.endsWith(".vec") && !t.endsWith(".bin") && !t.endsWith(".txt") && !t.endsWith(".tsv"),
                 qPrintable(t));
        bool refused = false;
        try {
          embedlab::loadWordVectors(t.toStdString());
        } catch (const embedlab::Error&) {
          refused = true;
        }
        QVERIFY2(refused, qPrintable(t + " was loaded as vectors"));
      }
    }
    qInfo("%d kills: %d during the save (temporary file present), old file kept %d times, new file %d times",
          kills, midSave, keptOld, gotNew);
    // The kills must really have hit the save, or the test proves nothing.
    QVERIFY2(midSave >= kills / 2, qPrintable(QString("only %1 of %2 kills landed during the save").arg(midSave).arg(kills)));
  }

  // A JSON record (as run.json / the workspace) rewritten in a loop and killed at random moments.
  void killDuringRecordSave() {
    const QString record = tmp_.filePath("run.json");
    QRandomGenerator rng(4242);
    int64_t lastGeneration = 0;
    int64_t generation = 1;
    const int kills = 10;
    int midSave = 0;
    for (int k = 0; k < kills; ++k) {
      QProcess child;
      child.start(QString::fromStdString(selfPath()),
                  {"--atomic-writer-child", record, QString::number(generation)});
      QVERIFY(child.waitForStarted(10000));
      // Let it complete at least one write, then kill it a random time later.
      QVERIFY2(child.waitForReadyRead(30000), qPrintable(child.readAllStandardError()));
      std::this_thread::sleep_for(std::chrono::microseconds(rng.bounded(200000)));
      const bool tempBefore = !tempFilesOf(record).isEmpty();
      killChild(child);
      if (tempBefore) ++midSave;

      const int64_t g = checkRecord(record);
      QVERIFY2(g >= 0, qPrintable(QString("kill %1 left a broken record").arg(k)));
      QVERIFY2(g >= lastGeneration, "the record went back in time");
      lastGeneration = g;
      generation = g + 1;
      // Debris is named run.json.tmp-XXXXXX: the store only reads runs/<id>/run.json.
      for (const QString& t : tempFilesOf(record)) QVERIFY(!t.endsWith(".json"));
      for (const QString& t : tempFilesOf(record)) QFile::remove(t);
    }
    qInfo("%d kills, %d during a write; last generation %lld", kills, midSave, static_cast<long long>(lastGeneration));
    QVERIFY(midSave >= 1);
  }
};

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "--atomic-writer-child")
    return runWriterChild(argv[2], std::stoll(argv[3]));
  TestAtomicKill test;
  QTEST_SET_MAIN_SOURCE_PATH
  return QTest::qExec(&test, argc, argv);
}

#include "test_atomic_kill.moc"
