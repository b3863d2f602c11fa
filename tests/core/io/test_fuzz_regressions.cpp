// Inputs that libFuzzer found to break a core/io reader (tests/fuzz), one case each, kept so
// that the fix stays. The raw reproducers are in tests/fuzz/regressions/<target>/ as well.
#include <QTemporaryDir>
#include <QtTest>

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
};

QTEST_APPLESS_MAIN(TestIoFuzzRegressions)
#include "test_fuzz_regressions.moc"
