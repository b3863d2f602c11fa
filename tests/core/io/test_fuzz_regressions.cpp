// Inputs that libFuzzer found to break a core/io reader (tests/fuzz), one case each, kept so
// that the fix stays. The raw reproducers are in tests/fuzz/regressions/<target>/ as well.
#include <QTemporaryDir>
#include <QtTest>
#include <sys/resource.h>

#include <cstring>
#include <fstream>
#include <string>

#include "core/io/WordVectors.h"
#include "core/util/Error.h"

using namespace embedlab;

namespace {

void writeFile(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string floats(std::initializer_list<float> values) {
  std::string out;
  for (float v : values) out.append(reinterpret_cast<const char*>(&v), sizeof v);
  return out;
}

// Runs `load`, expects an Error whose message contains every one of `parts`.
template <class Load>
void expectError(Load&& load, std::initializer_list<const char*> parts) {
  try {
    load();
  } catch (const Error& e) {
    for (const char* p : parts) QVERIFY2(std::strstr(e.what(), p), e.what());
    return;
  }
  QFAIL("no Error thrown");
}

}  // namespace

class TestIoFuzzRegressions : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir tmp_;

 private slots:
  // fuzz_word2vec_binary, crash-d5c37fae: a binary row whose word is empty (the space that ends
  // a word comes first). It was loaded as a row labelled "", against the documented policy
  // (labels are non-empty; the text formats already refused it), and saved back as "_".
  void binaryRowWithEmptyWord() {
    const std::string path = tmp_.filePath("empty-word.bin").toStdString();
    writeFile(path, "2 2\nking " + floats({1, 2}) + "\n " + floats({3, 4}) + "\n");
    expectError([&] { loadWordVectors(path); }, {"empty-word.bin", "row 2", "empty word"});
    // Only the first row asked for: the bad row is never read, the file loads.
    QCOMPARE(loadWordVectors(path, VectorFormat::Auto, 1).rows(), int64_t{1});
  }

  // Found with fuzz_word2vec_text's "huge_header" seed: a 12 KB file, header "1 1048576", then
  // twelve thousand blank lines and one short row. Each chunk's value buffer had room for every
  // line, blank ones included: 12001 x 2^20 floats (50 GB) asked for before the first row was
  // parsed (a bad_alloc, reported as "not enough memory"; with fewer lines or a smaller
  // dimension, gigabytes really allocated and zeroed for a few KB of input). Blank lines now take
  // no room: the short row's own error comes at once, in a few MB.
  void blankLinesDoNotMultiplyTheHeadersDimension() {
    const std::string path = tmp_.filePath("blank-lines.vec").toStdString();
    writeFile(path, "1 1048576\n" + std::string(12000, '\n') + "a 1\n");
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    expectError([&] { loadWordVectors(path); }, {"blank-lines.vec", "line 12002", "expected 1048576 values, found 1"});
    rusage after{};
    getrusage(RUSAGE_SELF, &after);
    const long grownMb = (after.ru_maxrss - before.ru_maxrss) / 1024;  // ru_maxrss is in KiB
    QVERIFY2(grownMb < 200, qPrintable(QString("peak memory grew by %1 MB").arg(grownMb)));

    // The same for a projector TSV: trailing blank lines after a wide first row. (A hundred
    // thousand of them also took 25 s: each blank line looked at all the lines after it.)
    const std::string tsv = tmp_.filePath("blank-lines.tsv").toStdString();
    std::string row;
    for (int d = 0; d < 4096; ++d) row += d ? "\t1" : "1";
    writeFile(tsv, row + "\n" + std::string(100000, '\n'));
    getrusage(RUSAGE_SELF, &before);
    QCOMPARE(loadWordVectors(tsv).rows(), int64_t{1});
    getrusage(RUSAGE_SELF, &after);
    QVERIFY2((after.ru_maxrss - before.ru_maxrss) / 1024 < 200, "blank lines of a TSV took memory");
    // A row after a blank line is still an error naming the first blank line.
    writeFile(tsv, "1\t2\n\n\n3\t4\n");
    expectError([&] { loadWordVectors(tsv); }, {"blank-lines.tsv", "line 2", "empty line"});
  }

  // fuzz_glove_tsv (CI, 2026-11-30; tests/fuzz/regressions/fuzz_glove_tsv/bom-word): a GloVe file
  // whose second line is a word made of U+FEFF alone. It loaded (a BOM is only dropped at the
  // start of the file), but saving wrote that word first, where reading back took it for a
  // byte-order mark: " 1.000000", an empty word, and the copy did not load. A written word never
  // starts with U+FEFF now, in every text and binary format.
  void wordStartingWithByteOrderMarkSurvivesASave() {
    const std::string path = tmp_.filePath("bom-word.txt").toStdString();
    writeFile(path, "\n\xEF\xBB\xBF 1\n\xEF\xBB\xBF\xEF\xBB\xBF" "cat 2\n");
    const EmbeddingSet set = loadWordVectors(path, VectorFormat::GloveText);
    QCOMPARE(set.rows(), int64_t{2});
    QCOMPARE(set.label(0), std::string("\xEF\xBB\xBF"));
    for (VectorFormat format : {VectorFormat::GloveText, VectorFormat::Word2VecText, VectorFormat::Word2VecBinary}) {
      const std::string copy = tmp_.filePath("copy").toStdString();
      saveWordVectors(set, copy, format);
      const EmbeddingSet back = loadWordVectors(copy, format);
      QCOMPARE(back.rows(), int64_t{2});
      QCOMPARE(back.label(0), std::string("_"));
      QCOMPARE(back.label(1), std::string("cat"));
      QCOMPARE(back.row(1)[0], 2.0f);
    }
  }
};

QTEST_APPLESS_MAIN(TestIoFuzzRegressions)
#include "test_fuzz_regressions.moc"
