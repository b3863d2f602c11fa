// embedlab-cli train word2vec resumes: a run interrupted with Ctrl-C (SIGINT) keeps OUT.checkpoint,
// a run killed outright (SIGKILL) keeps its last periodic checkpoint, and running the same command
// again finishes with vectors whose bytes equal those of a run straight through (--threads 1,
// fixed --seed). --fresh ignores the checkpoint; other settings are refused naming the file.
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "support/CliRunner.h"
#include "support/TestPaths.h"

using embedlab::test::CliRun;
using embedlab::test::runCli;

namespace {

QByteArray topicCorpus(int sentences, uint64_t seed) {
  QByteArray text;
  std::mt19937_64 gen(seed);
  for (int s = 0; s < sentences; ++s) {
    const int topic = static_cast<int>(gen() % 2);
    const int len = 5 + static_cast<int>(gen() % 8);
    for (int i = 0; i < len; ++i) {
      if (i) text += ' ';
      text += (topic == 0 ? "red" : "blue") + QByteArray::number(static_cast<int>(gen() % 40));
    }
    text += '\n';
  }
  return text;
}

QByteArray readAll(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return f.readAll();
}

ino_t inodeOf(const QString& path) {
  struct stat st {};
  return ::stat(path.toLocal8Bit().constData(), &st) == 0 ? st.st_ino : 0;
}

}  // namespace

class TestCliWord2VecResume : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir tmp_;
  QString corpus_;

  QString path(const QString& name) const { return tmp_.filePath(name); }
  QStringList trainArgs(const QString& out) const {
    return {"train", "word2vec", "--corpus", corpus_, "--out", out, "--dim", "16", "--window", "3", "--negative", "3",
            "--epochs", "8", "--min-count", "1", "--sample", "1e-2", "--threads", "1", "--seed", "3",
            "--checkpoint-every", "20000"};
  }

  // Starts the command and waits until `ready` holds (polled every ms) or the process ends.
  bool startUntil(QProcess& p, const QStringList& args, const std::function<bool()>& ready) {
    p.start(QString::fromStdString(embedlab::test::cliPath()), args);
    if (!p.waitForStarted(10000)) return false;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 60000) {
      if (ready()) return true;
      if (p.state() == QProcess::NotRunning) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return false;
  }

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    corpus_ = path("corpus.txt");
    QFile f(corpus_);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(topicCorpus(12000, 21));
  }

  void interruptKillAndResumeGiveTheSameBytes() {
    const QString straight = path("straight.bin");
    QStringList args = trainArgs(straight);
    args.removeAt(args.indexOf("--checkpoint-every") + 1);
    args.removeAll("--checkpoint-every");
    args << "--no-checkpoint";
    const CliRun s = runCli(args);
    QVERIFY2(s.exitCode == 0, s.err.constData());
    QVERIFY(!QFile::exists(straight + ".checkpoint"));
    const QByteArray expected = readAll(straight);
    QVERIFY(!expected.isEmpty());

    const QString out = path("resumed.bin"), ckpt = out + ".checkpoint";
    // 1. Ctrl-C once the first periodic checkpoint exists: the checkpoint stays, OUT is not written.
    {
      QProcess p;
      QVERIFY2(startUntil(p, trainArgs(out), [&] { return QFile::exists(ckpt); }), p.readAllStandardError().constData());
      ::kill(static_cast<pid_t>(p.processId()), SIGINT);
      QVERIFY(p.waitForFinished(30000));
      const QByteArray err = p.readAllStandardError();
      QCOMPARE(p.exitCode(), 1);
      QVERIFY2(err.contains("interrupted") && err.contains(ckpt.toUtf8()), err.constData());
      QVERIFY(QFile::exists(ckpt));
      QVERIFY(!QFile::exists(out));
    }
    // 2. The same command resumes; killed outright once it has replaced the checkpoint.
    {
      const ino_t before = inodeOf(ckpt);
      QProcess p;
      QVERIFY2(startUntil(p, trainArgs(out), [&] { return inodeOf(ckpt) != before && inodeOf(ckpt) != 0; }),
               p.readAllStandardError().constData());
      p.kill();  // SIGKILL
      QVERIFY(p.waitForFinished(30000));
      QVERIFY(p.readAllStandardError().contains("resuming from"));
      QVERIFY(QFile::exists(ckpt));
      QVERIFY(!QFile::exists(out));
    }
    // 3. Once more, to the end: the same bytes as the run straight through; the checkpoint is gone.
    const CliRun r = runCli(trainArgs(out));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("resuming from"), r.err.constData());
    const auto j = embedlab::test::parseJsonOutput<nlohmann::json>(r);
    QVERIFY(j.is_object());
    QVERIFY(j.value("resumed_words", int64_t(0)) > 0);
    QVERIFY2(readAll(out) == expected, "resumed vectors differ from the straight run's");
    QVERIFY(!QFile::exists(ckpt));
  }

  void freshAndMismatch() {
    const QString out = path("other.bin"), ckpt = out + ".checkpoint";
    {
      QProcess p;
      QVERIFY(startUntil(p, trainArgs(out), [&] { return QFile::exists(ckpt); }));
      ::kill(static_cast<pid_t>(p.processId()), SIGINT);
      QVERIFY(p.waitForFinished(30000));
      QCOMPARE(p.exitCode(), 1);
    }
    // Other settings: refused, naming the checkpoint and the setting; the checkpoint stays.
    QStringList other = trainArgs(out);
    other[other.indexOf("--window") + 1] = "4";
    const CliRun bad = runCli(other);
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains(ckpt.toUtf8()) && bad.err.contains("window"), bad.err.constData());
    QVERIFY(QFile::exists(ckpt));
    // --fresh: starts over (and replaces the checkpoint as it goes, removes it at the end).
    QStringList fresh = other;
    fresh << "--fresh";
    const CliRun r = runCli(fresh);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(!r.err.contains("resuming"));
    const auto j = embedlab::test::parseJsonOutput<nlohmann::json>(r);
    QCOMPARE(j.value("resumed_words", int64_t(-1)), int64_t(0));
    QVERIFY(!QFile::exists(ckpt));
  }

  void badCheckpointFlags() {
    QStringList args = trainArgs(path("x.bin"));
    args << "--no-checkpoint";
    const CliRun r = runCli(args + QStringList{"--checkpoint", path("x.ckpt")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--no-checkpoint"), r.err.constData());
    const CliRun same = runCli(trainArgs(path("y.bin")) + QStringList{"--checkpoint", path("y.bin")});
    QCOMPARE(same.exitCode, 2);
    QVERIFY2(same.err.contains("--checkpoint"), same.err.constData());
  }
};

QTEST_MAIN(TestCliWord2VecResume)
#include "test_cli_word2vec_resume.moc"
