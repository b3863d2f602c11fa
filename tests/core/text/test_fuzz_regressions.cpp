// Inputs that libFuzzer found to break a core/text reader (tests/fuzz), one case each, kept so
// that the fix stays. The raw reproducers are in tests/fuzz/regressions/<target>/ as well.
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <string>
#include <vector>

#include "core/text/CorpusReader.h"
#include "core/text/Vocabulary.h"
#include "core/util/Error.h"

using embedlab::CorpusReader;
using embedlab::Vocabulary;
using Lines = std::vector<std::string>;

namespace {

void writeFile(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

Lines readPart(const std::string& path, int part, int parts) {
  CorpusReader::Options o;
  o.part = part;
  o.parts = parts;
  CorpusReader reader(path, o);
  Lines lines;
  std::string line;
  while (reader.nextLine(line)) lines.push_back(line);
  return lines;
}

Lines readParts(const std::string& path, int parts) {
  Lines all;
  for (int p = 0; p < parts; ++p) {
    const Lines got = readPart(path, p, parts);
    all.insert(all.end(), got.begin(), got.end());
  }
  return all;
}

}  // namespace

class TestTextFuzzRegressions : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir tmp_;

 private slots:
  // fuzz_corpus_reader, crash-ba4920c2: a file that starts with a byte-order mark, read in parts
  // so small that the first part ends inside the mark (10 bytes, 3 parts). The first part took
  // the first line to start after the mark, outside its range; the second took it to straddle
  // its start and skipped it: the line was read by no part (training on N threads lost it).
  void bomFirstLineReadByOnePart() {
    const std::string path = tmp_.filePath("bom.txt").toStdString();
    writeFile(path, "\xEF\xBB\xBF\xE0\xEFline ");
    const Lines whole = readPart(path, 0, 1);
    QCOMPARE(whole.size(), size_t{1});
    QCOMPARE(readParts(path, 3), whole);
  }

  // The same over every small size and part count: parts together give the whole file's lines.
  void bomFilesInAnyNumberOfParts() {
    const std::string path = tmp_.filePath("bom-many.txt").toStdString();
    for (const std::string body : {"a", "ab\ncd", "\nx\n", "one two\nthree\n\nfour", "\n\n\n"}) {
      writeFile(path, "\xEF\xBB\xBF" + body);
      const Lines whole = readPart(path, 0, 1);
      for (int parts = 2; parts <= 12; ++parts)
        QVERIFY2(readParts(path, parts) == whole,
                 qPrintable(QString("body '%1' in %2 parts").arg(QString::fromStdString(body)).arg(parts)));
    }
  }

  // fuzz_vocabulary, crash-6a66a0b8: a vocabulary whose most frequent word begins with U+FEFF
  // (the bytes of a byte-order mark; "\r" before it kept load() from taking it for one). save()
  // wrote it first, and load() then dropped those bytes as the file's mark: the saved vocabulary
  // read back with another word.
  void vocabularySaveKeepsLeadingBomOfFirstWord() {
    const std::string path = tmp_.filePath("bom-vocab.txt").toStdString();
    writeFile(path, "\r\xEF\xBB\xBFthe 5\r\n\r\n  a\t3  \r\n");
    const Vocabulary v = Vocabulary::load(path);
    QCOMPARE(v.size(), int64_t{2});
    QCOMPARE(v.word(0), std::string("\xEF\xBB\xBFthe"));
    const std::string copy = tmp_.filePath("bom-vocab-copy.txt").toStdString();
    v.save(copy);
    const Vocabulary back = Vocabulary::load(copy);
    QCOMPARE(back.words(), v.words());
    QCOMPARE(back.counts(), v.counts());
  }
};

QTEST_APPLESS_MAIN(TestTextFuzzRegressions)
#include "test_fuzz_regressions.moc"
