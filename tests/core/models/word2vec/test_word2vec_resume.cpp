// Word2Vec checkpoints and resume, on small corpora generated here: with one thread and a fixed
// seed, a run stopped mid-way (once or twice, or killed after a periodic checkpoint) and resumed
// ends with vectors bit-identical to a run straight through, for skip-gram and CBOW, negative
// sampling and the Huffman tree; damaged checkpoints and checkpoints of other settings or another
// corpus are refused naming the file; several threads resume to sound vectors; a diverging run
// keeps its last good checkpoint.
#include <QtTest/QtTest>

#include <QTemporaryDir>

#include <atomic>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/embeddings/EmbeddingSet.h"
#include "core/models/word2vec/Word2Vec.h"
#include "core/models/word2vec/Word2VecCheckpoint.h"
#include "core/models/word2vec/Word2VecResume.h"
#include "core/text/Vocabulary.h"
#include "core/util/Error.h"
#include "support/SyntheticCorpus.h"

using namespace embedlab;
using Arch = Word2VecOptions::Arch;
using Loss = Word2VecOptions::Loss;
namespace fs = std::filesystem;

namespace {

// Two topics of 12 words each plus shared function words; line lengths vary (4..15 words).
std::string writeCorpus(const QTemporaryDir& dir, int sentences, uint64_t seed, const char* name = "corpus.txt") {
  return test::writeSyntheticCorpus(dir.filePath(name).toStdString(),
                                    {.sentences = sentences, .seed = seed, .minWords = 4, .maxWords = 15});
}

Word2VecOptions options(const std::string& corpus, const std::string& checkpoint) {
  Word2VecOptions o;
  o.corpusFiles = {corpus};
  o.dim = 16;
  o.window = 3;
  o.negative = 3;
  o.epochs = 3;
  o.minCount = 1;
  o.sample = 1e-2;  // subsampling draws from the generator too
  o.threads = 1;
  o.seed = 5;
  o.reportIntervalSeconds = 1e-9;  // a progress event at every sync point: stops land anywhere
  o.checkpointPath = checkpoint;
  return o;
}

std::vector<float> vectorsOf(const Word2VecJob& job) {
  const EmbeddingSet& set = *job.embeddings();
  return {set.data(), set.data() + set.rows() * set.dim()};
}

bool sameBits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

// Runs the job, asking it to stop after `stopAfter` training events (0: never).
JobResult runJob(Word2VecJob& job, int stopAfter, const std::function<void(const Progress&)>& also = {}) {
  StopToken token;
  int events = 0;
  return job.run(
      [&](const Progress& p) {
        if (also) also(p);
        if (p.phase == "training" && stopAfter > 0 && ++events == stopAfter) token.requestStop();
      },
      token);
}

std::vector<float> straightRun(const Word2VecOptions& o) {
  Word2VecOptions plain = o;
  plain.checkpointPath.clear();
  plain.outputPath.clear();
  Word2VecJob job(plain);
  const JobResult r = runJob(job, 0);
  if (r.status != JobStatus::Finished) qFatal("straight run failed: %s", r.message.c_str());
  return vectorsOf(job);
}

// A checkpoint of a run stopped after `stopAfter` events.
void makeCheckpoint(const Word2VecOptions& o, int stopAfter) {
  Word2VecJob job(o);
  const JobResult r = runJob(job, stopAfter);
  QCOMPARE(int(r.status), int(JobStatus::Stopped));
  QVERIFY(fs::exists(o.checkpointPath));
}

void expectFailure(const Word2VecOptions& o, const std::vector<std::string>& needles) {
  Word2VecJob job(o);
  const JobResult r = runJob(job, 0);
  QVERIFY2(r.status == JobStatus::Failed, r.message.c_str());
  for (const std::string& n : needles) QVERIFY2(r.message.find(n) != std::string::npos, r.message.c_str());
}

}  // namespace

class TestWord2VecResume : public QObject {
  Q_OBJECT

 private slots:
  void resumeIsBitIdentical_data() {
    QTest::addColumn<int>("arch");
    QTest::addColumn<int>("loss");
    QTest::addColumn<int>("maxSentence");
    QTest::addColumn<QList<int>>("stops");
    QTest::addColumn<int>("chunkBytes");
    QTest::newRow("sg ns") << int(Arch::SkipGram) << int(Loss::NegativeSampling) << 1000 << QList<int>{7} << 0;
    QTest::newRow("cbow ns") << int(Arch::Cbow) << int(Loss::NegativeSampling) << 1000 << QList<int>{23} << 0;
    QTest::newRow("sg hs") << int(Arch::SkipGram) << int(Loss::HierarchicalSoftmax) << 1000 << QList<int>{31} << 0;
    // Short sentences: stops fall inside a line; two stops in a row.
    QTest::newRow("cbow hs, mid-line, twice") << int(Arch::Cbow) << int(Loss::HierarchicalSoftmax) << 5
                                              << QList<int>{11, 29} << 0;
    QTest::newRow("sg ns, twice") << int(Arch::SkipGram) << int(Loss::NegativeSampling) << 1000
                                  << QList<int>{3, 40} << 0;
    // Chunks of ~4 KB read in a shuffled order: the position is a chunk of that epoch's order.
    QTest::newRow("sg ns, chunks, twice") << int(Arch::SkipGram) << int(Loss::NegativeSampling) << 1000
                                          << QList<int>{9, 44} << 4096;
  }

  void resumeIsBitIdentical() {
    QFETCH(int, arch);
    QFETCH(int, loss);
    QFETCH(int, maxSentence);
    QFETCH(QList<int>, stops);
    QFETCH(int, chunkBytes);
    QTemporaryDir dir;
    Word2VecOptions o = options(writeCorpus(dir, 2500, 11), dir.filePath("run.ckpt").toStdString());
    o.chunkBytes = chunkBytes;
    o.arch = Arch(arch);
    o.loss = Loss(loss);
    o.maxSentenceLength = maxSentence;
    o.outputPath = dir.filePath("resumed.vec").toStdString();
    const std::vector<float> straight = straightRun(o);

    int64_t lastStop = 0;
    for (int stopAfter : stops) {
      Word2VecJob job(o);
      const JobResult r = runJob(job, stopAfter);
      QCOMPARE(int(r.status), int(JobStatus::Stopped));
      QVERIFY2(r.message.find(o.checkpointPath) != std::string::npos, r.message.c_str());
      QVERIFY(fs::exists(o.checkpointPath));
      QVERIFY(!fs::exists(o.outputPath));
      QVERIFY(job.summary().trainWords > lastStop);  // each part makes progress
      QVERIFY(job.summary().trainWords < int64_t(o.epochs) * job.vocabulary()->totalCount());
      QCOMPARE(job.summary().resumedWords, lastStop);
      lastStop = job.summary().trainWords;
    }
    Word2VecJob job(o);
    const JobResult r = runJob(job, 0);
    QCOMPARE(int(r.status), int(JobStatus::Finished));
    QCOMPARE(job.summary().resumedWords, lastStop);
    QCOMPARE(job.summary().trainWords, int64_t(o.epochs) * job.vocabulary()->totalCount());
    QVERIFY(sameBits(vectorsOf(job), straight));
    QVERIFY(fs::exists(o.outputPath));
    QVERIFY2(!fs::exists(o.checkpointPath), "a finished run removes its checkpoint");
  }

  // Reading in chunks visits every word of every epoch once (the chunks of a part add up to the
  // part), is reproducible with one thread and a fixed seed, and differs from reading in order.
  void chunksCoverThePartInAnotherOrder() {
    QTemporaryDir dir;
    Word2VecOptions o = options(writeCorpus(dir, 2500, 19), "");
    o.sample = 0;
    const std::vector<float> inOrder = straightRun(o);
    o.chunkBytes = 3000;
    std::vector<std::vector<float>> runs;
    for (int threads : {1, 1, 2}) {
      o.threads = threads;
      Word2VecJob job(o);
      QCOMPARE(int(runJob(job, 0).status), int(JobStatus::Finished));
      QCOMPARE(job.summary().trainWords, int64_t(o.epochs) * job.vocabulary()->totalCount());
      runs.push_back(vectorsOf(job));
    }
    QVERIFY(sameBits(runs[0], runs[1]));
    QVERIFY(!sameBits(runs[0], inOrder));
    QVERIFY(!sameBits(runs[0], runs[2]));
  }

  // Periodic checkpoints change nothing in the result, and a run killed after one (here: the
  // file copied away while the run goes on) resumes from it to the same bits.
  void periodicCheckpointResumes() {
    QTemporaryDir dir;
    Word2VecOptions o = options(writeCorpus(dir, 2500, 12), dir.filePath("run.ckpt").toStdString());
    o.checkpointEveryWords = 30000;
    const std::vector<float> straight = straightRun(o);
    const std::string copy = dir.filePath("copy.ckpt").toStdString();
    Word2VecJob job(o);
    bool copied = false;
    const JobResult r = runJob(job, 0, [&](const Progress& p) {
      if (!copied && p.phase == "training" && fs::exists(o.checkpointPath)) {
        fs::copy_file(o.checkpointPath, copy);
        copied = true;
      }
    });
    QCOMPARE(int(r.status), int(JobStatus::Finished));
    QVERIFY(copied);
    QVERIFY(job.summary().checkpointsWritten >= 2);
    QVERIFY(sameBits(vectorsOf(job), straight));
    QVERIFY(!fs::exists(o.checkpointPath));

    fs::copy_file(copy, o.checkpointPath);
    Word2VecJob resumed(o);
    QCOMPARE(int(runJob(resumed, 0).status), int(JobStatus::Finished));
    QVERIFY(resumed.summary().resumedWords >= 30000);
    QVERIFY(sameBits(vectorsOf(resumed), straight));
  }

  void freshIgnoresTheCheckpoint() {
    QTemporaryDir dir;
    Word2VecOptions o = options(writeCorpus(dir, 1500, 13), dir.filePath("run.ckpt").toStdString());
    makeCheckpoint(o, 5);
    o.resume = false;
    Word2VecJob job(o);
    QCOMPARE(int(runJob(job, 0).status), int(JobStatus::Finished));
    QCOMPARE(job.summary().resumedWords, int64_t(0));
    QVERIFY(sameBits(vectorsOf(job), straightRun(o)));
  }

  void damagedCheckpointNamesTheFile() {
    QTemporaryDir dir;
    Word2VecOptions o = options(writeCorpus(dir, 1500, 14), dir.filePath("run.ckpt").toStdString());
    makeCheckpoint(o, 5);
    const std::string good = dir.filePath("good.ckpt").toStdString();
    fs::copy_file(o.checkpointPath, good);
    const auto size = fs::file_size(good);
    auto damage = [&](const std::function<void(std::string&)>& edit) {
      std::ifstream in(good, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      edit(bytes);
      std::ofstream(o.checkpointPath, std::ios::binary | std::ios::trunc) << bytes;
    };
    const std::vector<std::pair<const char*, std::function<void(std::string&)>>> cases = {
        {"truncated", [&](std::string& b) { b.resize(size / 2); }},
        {"one byte short", [&](std::string& b) { b.pop_back(); }},
        {"a flipped byte in the vectors", [&](std::string& b) { b[size - size / 4] ^= 0x10; }},
        {"empty", [&](std::string& b) { b.clear(); }},
        {"text", [&](std::string& b) { b = "this is not a checkpoint\n"; }},
        {"huge header length", [&](std::string& b) { b[7] = 0x7f; }},
        {"broken header", [&](std::string& b) { b[12] = '}'; }},
    };
    for (const auto& [what, edit] : cases) {
      damage(edit);
      Word2VecJob job(o);
      const JobResult r = runJob(job, 0);
      QVERIFY2(r.status == JobStatus::Failed, what);
      QVERIFY2(r.message.find(o.checkpointPath) != std::string::npos, (std::string(what) + ": " + r.message).c_str());
      QVERIFY2(!job.embeddings(), what);
    }
    // The reader on its own says the same.
    damage([&](std::string& b) { b.resize(size - 100); });
    QVERIFY_THROWS_EXCEPTION(Error, Word2VecCheckpoint::Reader{o.checkpointPath});
  }

  void otherSettingsOrCorpusAreRefused() {
    QTemporaryDir dir;
    const std::string corpus = writeCorpus(dir, 1500, 15);
    Word2VecOptions o = options(corpus, dir.filePath("run.ckpt").toStdString());
    makeCheckpoint(o, 5);
    {
      Word2VecOptions w = o;
      w.window = 4;
      expectFailure(w, {o.checkpointPath, "window 3", "window 4"});
    }
    {
      Word2VecOptions w = o;
      w.arch = Arch::Cbow;
      expectFailure(w, {o.checkpointPath, "arch"});
    }
    {
      Word2VecOptions w = o;
      w.threads = 2;
      expectFailure(w, {o.checkpointPath, "threads"});
    }
    {
      Word2VecOptions w = o;
      w.seed = 6;
      expectFailure(w, {o.checkpointPath, "seed"});
    }
    {
      Word2VecOptions w = o;
      w.minAlphaRatio = 1e-4;
      expectFailure(w, {o.checkpointPath, "min-alpha-ratio 0.10000000000000001", "min-alpha-ratio 0.0001"});
    }
    {
      Word2VecOptions w = o;
      w.corpusFiles = {writeCorpus(dir, 1400, 16, "other.txt")};
      expectFailure(w, {o.checkpointPath, "other.txt", "bytes"});
    }
    QVERIFY(fs::exists(o.checkpointPath));  // refused, not removed

    // The same bytes with a new modification time: counted again, same vocabulary, resumed.
    fs::last_write_time(corpus, fs::last_write_time(corpus) + std::chrono::seconds(5));
    Word2VecJob job(o);
    QCOMPARE(int(runJob(job, 0).status), int(JobStatus::Finished));
    QVERIFY(job.summary().resumedWords > 0);
    QVERIFY(sameBits(vectorsOf(job), straightRun(o)));

    // Same size, other words, new time: the vocabulary differs.
    makeCheckpoint(o, 5);
    {
      std::ifstream in(corpus);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      for (char& c : text)
        if (c == 'e') c = 'x';  // same size, other words (case would not do: words are lowercased)
      std::ofstream(corpus, std::ios::trunc) << text;
    }
    fs::last_write_time(corpus, fs::last_write_time(corpus) + std::chrono::seconds(10));
    expectFailure(o, {o.checkpointPath, "changed"});
  }

  // Checkpoints written before the final learning rate was a setting have no "min-alpha-ratio":
  // they decayed to alpha * 1e-4, so only a run with that ratio may continue them.
  void checkpointWithoutFinalRateMeansWord2vecCsSchedule() {
    Word2VecOptions then;
    then.minAlphaRatio = 1e-4;
    Word2VecCheckpoint::State st;
    for (const auto& [key, value] : w2v::runSettings(then, 1))
      if (key != "min-alpha-ratio") st.settings[key] = value;
    st.dim = then.dim;
    QVERIFY(w2v::checkResumable(st, w2v::runSettings(then, 1), then.dim, {}, "old.ckpt"));
    Word2VecOptions now;  // the default ratio
    try {
      w2v::checkResumable(st, w2v::runSettings(now, 1), now.dim, {}, "old.ckpt");
      QFAIL("a checkpoint of the old schedule was accepted by a run with another final rate");
    } catch (const Error& e) {
      const std::string m = e.what();
      QVERIFY2(m.find("old.ckpt") != std::string::npos && m.find("min-alpha-ratio 0.0001") != std::string::npos, e.what());
    }
  }

  void severalThreadsResume() {
    QTemporaryDir dir;
    Word2VecOptions o = options(writeCorpus(dir, 3000, 17), dir.filePath("run.ckpt").toStdString());
    o.threads = 2;
    o.checkpointEveryWords = 15000;  // periodic checkpoints with two threads parking
    makeCheckpoint(o, 20);
    Word2VecJob job(o);
    const JobResult r = runJob(job, 0);
    QCOMPARE(int(r.status), int(JobStatus::Finished));
    QVERIFY(job.summary().resumedWords > 0);
    QCOMPARE(job.summary().trainWords, int64_t(o.epochs) * job.vocabulary()->totalCount());
    const EmbeddingSet& set = *job.embeddings();
    QCOMPARE(set.rows(), job.vocabulary()->size());
    QCOMPARE(set.dim(), o.dim);
    for (int64_t i = 0; i < set.rows() * set.dim(); ++i) QVERIFY(std::isfinite(set.data()[i]));
    QVERIFY(!fs::exists(o.checkpointPath));
  }

  // A learning rate far too large: the run fails naming the step, and the checkpoint written
  // before the vectors diverged is kept, valid and finite. When exactly the vectors overflow is
  // chaotic in the rate (and may move with the compiler's floating-point choices), so a few rates
  // are tried: each must fail, and at least one after writing checkpoints.
  void divergenceKeepsTheLastGoodCheckpoint() {
    QTemporaryDir dir;
    const std::string corpus = writeCorpus(dir, 2500, 18);
    int keptSome = 0;
    for (double alpha : {0.5, 0.6, 0.8, 1.2, 2.0}) {
      Word2VecOptions o = options(corpus, dir.filePath("run.ckpt").toStdString());
      fs::remove(o.checkpointPath);
      o.alpha = alpha;
      o.checkpointEveryWords = 1024;
      Word2VecJob job(o);
      const JobResult r = runJob(job, 0);
      QVERIFY2(r.status == JobStatus::Failed, r.message.c_str());
      QVERIFY2(r.message.find("non-finite") != std::string::npos, r.message.c_str());
      QVERIFY2(r.message.find("step") != std::string::npos, r.message.c_str());
      if (job.summary().checkpointsWritten == 0) {
        QVERIFY(!fs::exists(o.checkpointPath));
        continue;
      }
      ++keptSome;
      QVERIFY2(r.message.find(o.checkpointPath + " is kept") != std::string::npos, r.message.c_str());
      Word2VecCheckpoint::Reader reader(o.checkpointPath);  // throws if damaged
      const Word2VecCheckpoint::State& st = reader.state();
      std::vector<float> syn0(st.words.size() * st.dim), syn1(reader.outputRows() * st.dim);
      reader.readMatrices({syn0.data(), int64_t(st.words.size()), st.dim},
                          {syn1.data(), reader.outputRows(), st.dim});  // checks finiteness
      QVERIFY(st.threads.at(0).words > 0);
      // Resuming from it fails again the same way, and still keeps it.
      Word2VecJob again(o);
      const JobResult r2 = runJob(again, 0);
      QVERIFY2(r2.status == JobStatus::Failed && r2.message.find("non-finite") != std::string::npos,
               r2.message.c_str());
      QVERIFY(again.summary().resumedWords > 0);
      QVERIFY(fs::exists(o.checkpointPath));
    }
    QVERIFY(keptSome >= 1);
  }
};

QTEST_APPLESS_MAIN(TestWord2VecResume)
#include "test_word2vec_resume.moc"
