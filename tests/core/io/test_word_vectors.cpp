// Word-vector formats: round trips, the exact byte layouts word2vec.c writes, files as gensim and
// fastText write them, and every kind of bad input.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <zlib.h>

#include "core/io/WordVectors.h"
#include "core/util/Error.h"

using namespace embedlab;

namespace {

void writeBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string readBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string floatBytes(std::initializer_list<float> values) {
  std::string out;
  for (float v : values) out.append(reinterpret_cast<const char*>(&v), sizeof v);  // x86: little-endian
  return out;
}

EmbeddingSet sample(int rows, int dim, unsigned seed, bool counts = false) {
  std::vector<std::string> labels;
  for (int r = 0; r < rows; ++r) {
    std::string label = "w";  // appended, not "w" + ...: GCC 12 gives a false -Wrestrict on that
    label += std::to_string(r);
    if (r % 3 == 0) label += "é";
    labels.push_back(label);
  }
  EmbeddingSet set(labels, dim);
  std::mt19937 rng(seed);
  std::normal_distribution<float> dist(0.0f, 1.0f);
  for (int64_t i = 0; i < set.rows() * dim; ++i) set.data()[i] = dist(rng);
  if (counts) {
    set.counts().resize(static_cast<size_t>(rows));
    for (int r = 0; r < rows; ++r) set.counts()[r] = 1000 - r;
  }
  return set;
}

// Expects loadWordVectors to throw an Error whose message names the file and contains `what`.
void expectLoadError(const std::string& path, const std::string& what, VectorFormat format = VectorFormat::Auto) {
  try {
    loadWordVectors(path, format);
  } catch (const Error& e) {
    const std::string msg = e.what();
    const std::string name = path.substr(path.find_last_of('/') + 1);
    QVERIFY2(msg.find(name) != std::string::npos, msg.c_str());
    QVERIFY2(msg.find(what) != std::string::npos, (msg + "  [expected: " + what + "]").c_str());
    return;
  }
  QFAIL(("no error for " + path).c_str());
}

}  // namespace

class TestWordVectors : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::string path(const std::string& name) const { return dir_.filePath(QString::fromStdString(name)).toStdString(); }

 private slots:
  void formatFromExtension() {
    QCOMPARE(vectorFormatFromPath("a/b.bin"), VectorFormat::Word2VecBinary);
    QCOMPARE(vectorFormatFromPath("b.VEC"), VectorFormat::Word2VecText);
    QCOMPARE(vectorFormatFromPath("b.txt.gz"), VectorFormat::Word2VecText);
    QCOMPARE(vectorFormatFromPath("x/vectors.tsv"), VectorFormat::ProjectorTsv);
    QVERIFY_THROWS_EXCEPTION(Error, vectorFormatFromPath("model.pt"));
    QCOMPARE(projectorMetadataPath("out/vectors.tsv"), std::string("out/metadata.tsv"));
    QCOMPARE(projectorMetadataPath("out/emb.tsv"), std::string("out/emb.metadata.tsv"));
  }

  void binaryByteLayout() {
    // 2 x 3, exactly as word2vec.c writes it: header, then "word " + 3 float32 + "\n" per row.
    EmbeddingSet set({"a", "bc"}, 3);
    const float r0[] = {1.0f, -2.5f, 0.125f}, r1[] = {0.0f, 3.0f, -1e-3f};
    std::memcpy(set.row(0), r0, sizeof r0);
    std::memcpy(set.row(1), r1, sizeof r1);
    const std::string p = path("layout.bin");
    saveWordVectors(set, p);
    const std::string expected =
        std::string("2 3\n") + "a " + floatBytes({1.0f, -2.5f, 0.125f}) + "\n" + "bc " + floatBytes({0.0f, 3.0f, -1e-3f}) + "\n";
    QCOMPARE(readBytes(p), expected);
    EmbeddingSet back = loadWordVectors(p);
    QCOMPARE(back.rows(), int64_t(2));
    QCOMPARE(back.dim(), 3);
    QCOMPARE(back.label(1), std::string("bc"));
    QVERIFY(std::memcmp(back.data(), set.data(), sizeof(float) * 6) == 0);
  }

  void textByteLayout() {
    // word2vec.c: "%lld %lld\n", then "%s " and "%lf " per value, then "\n".
    EmbeddingSet set({"a", "bc"}, 2);
    const float v[] = {1.0f, -2.5f, 0.1234567f, -0.0000001f};
    std::memcpy(set.data(), v, sizeof v);
    const std::string p = path("layout.vec");
    saveWordVectors(set, p);
    QCOMPARE(readBytes(p), std::string("2 2\na 1.000000 -2.500000 \nbc 0.123457 -0.000000 \n"));
    // GloVe: no header, " %lf" per value.
    const std::string g = path("layout-glove.txt");
    saveWordVectors(set, g, VectorFormat::GloveText);
    QCOMPARE(readBytes(g), std::string("a 1.000000 -2.500000\nbc 0.123457 -0.000000\n"));
  }

  void fixedFormatMatchesPrintf() {
    // The fast formatter must write what fprintf("%lf") writes, for any float.
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> mag(-30.0f, 30.0f);
    EmbeddingSet set({"x"}, 1000);
    for (int d = 0; d < 1000; ++d) set.row(0)[d] = (d % 2 ? -1.0f : 1.0f) * std::pow(2.0f, mag(rng)) * 0.77f;
    // Exact ties at the 6th decimal (half-to-even), zeros of both signs, tiny negatives, huge values.
    const float special[] = {0.0078125f, -0.0078125f, 0.0234375f, 1.5f / 64, 0.0f, -0.0f, -1e-9f, 4e-7f, 5e-7f,
                             0.9999995f, 3.4e38f, -3.4e38f, 1e10f, 123456.789f, 9.0e9f, 2.5e-7f, 1.4e-45f};
    std::copy(std::begin(special), std::end(special), set.row(0));
    const std::string p = path("printf.vec");
    saveWordVectors(set, p);
    std::string expected = "1 1000\nx ";
    char buf[128];
    for (int d = 0; d < 1000; ++d) {
      std::snprintf(buf, sizeof buf, "%lf ", static_cast<double>(set.row(0)[d]));
      expected += buf;
    }
    expected += "\n";
    QCOMPARE(readBytes(p), expected);
  }

  void roundTrips() {
    EmbeddingSet set = sample(50, 7, 1, true);
    for (const char* name : {"rt.bin", "rt.vec", "rt.txt", "vectors.tsv", "rt.tsv"}) {
      const std::string p = path(name);
      saveWordVectors(set, p);
      EmbeddingSet back = loadWordVectors(p);
      QCOMPARE(back.rows(), set.rows());
      QCOMPARE(back.dim(), set.dim());
      QCOMPARE(back.labels(), set.labels());
      const bool exact = std::string(name).find(".bin") != std::string::npos || std::string(name).find(".tsv") != std::string::npos;
      for (int64_t i = 0; i < set.rows() * set.dim(); ++i) {
        if (exact)
          QCOMPARE(back.data()[i], set.data()[i]);
        else
          QVERIFY(std::fabs(back.data()[i] - set.data()[i]) <= 5e-7f + 1e-6f * std::fabs(set.data()[i]));
      }
    }
    // GloVe round trip (explicit format on save; the loader sees no header and falls back).
    const std::string g = path("glove.txt");
    saveWordVectors(set, g, VectorFormat::GloveText);
    WordVectorsLoadReport report;
    WordVectorsLoadOptions options;
    EmbeddingSet back = loadWordVectors(g, options, &report);
    QCOMPARE(report.format, VectorFormat::GloveText);
    QCOMPARE(back.labels(), set.labels());
    QCOMPARE(back.dim(), 7);
  }

  void projectorMetadata() {
    EmbeddingSet set = sample(3, 2, 2, true);
    saveWordVectors(set, path("vectors.tsv"));
    QCOMPARE(readBytes(path("metadata.tsv")), std::string("word\tcount\nw0é\t1000\nw1\t999\nw2\t998\n"));
    EmbeddingSet back = loadWordVectors(path("vectors.tsv"));
    QCOMPARE(back.counts(), set.counts());
    EmbeddingSet plain = sample(3, 2, 2, false);
    saveWordVectors(plain, path("plain.tsv"));
    QCOMPARE(readBytes(path("plain.metadata.tsv")), std::string("w0é\nw1\nw2\n"));
    // Opening the labels file by mistake says so.
    expectLoadError(path("metadata.tsv"), "metadata");
    // Vectors without metadata get their row numbers as labels.
    writeBytes(path("nometa.tsv"), "1\t2\n3\t4\n");
    EmbeddingSet numbered = loadWordVectors(path("nometa.tsv"));
    QCOMPARE(numbered.label(1), std::string("1"));
    QCOMPARE(numbered.row(1)[1], 4.0f);
    // Metadata with the wrong number of labels.
    writeBytes(path("short.tsv"), "1\t2\n3\t4\n");
    writeBytes(path("short.metadata.tsv"), "one\n");
    expectLoadError(path("short.tsv"), "labels");
  }

  void readsGensimAndFastTextLayouts() {
    // gensim's binary: no "\n" after each row's floats.
    writeBytes(path("gensim.bin"), "2 2\nkönig " + floatBytes({0.5f, -1.0f}) + "queen " + floatBytes({2.0f, 3.0f}));
    EmbeddingSet g = loadWordVectors(path("gensim.bin"));
    QCOMPARE(g.rows(), int64_t(2));
    QCOMPARE(g.label(0), std::string("könig"));
    QCOMPARE(g.row(1)[1], 3.0f);
    // gensim's text: repr() values, no trailing space, exponents.
    writeBytes(path("gensim.txt"), "2 3\nthe 0.1 -2.5e-05 3.0\nof 1e+01 0.0 -0.5\n");
    EmbeddingSet t = loadWordVectors(path("gensim.txt"));
    QCOMPARE(t.row(0)[1], -2.5e-05f);
    QCOMPARE(t.row(1)[0], 10.0f);
    // fastText's .vec: setprecision(5) values, each followed by a space; CRLF tolerated too.
    writeBytes(path("ft.vec"), "2 2\n</s> 0.0012346 -1.2346e-05 \r\n, -0.23 0.5 \r\n");
    EmbeddingSet f = loadWordVectors(path("ft.vec"));
    QCOMPARE(f.label(0), std::string("</s>"));
    QCOMPARE(f.row(0)[1], -1.2346e-05f);
    QCOMPARE(f.label(1), std::string(","));
    // A byte-order mark before the header.
    writeBytes(path("bom.vec"), "\xEF\xBB\xBF" "1 2\nword 1 2\n");
    QCOMPARE(loadWordVectors(path("bom.vec")).label(0), std::string("word"));
    // Compressed text.
    const std::string gz = path("ft.vec.gz");
    gzFile out = gzopen(gz.c_str(), "wb");
    const std::string text = "1 2\nword 1.5 2.5 \n";
    gzwrite(out, text.data(), static_cast<unsigned>(text.size()));
    gzclose(out);
    EmbeddingSet z = loadWordVectors(gz);
    QCOMPARE(z.rows(), int64_t(1));
    QCOMPARE(z.row(0)[1], 2.5f);
  }

  void maxRowsAndDuplicates() {
    EmbeddingSet set = sample(20, 4, 3);
    saveWordVectors(set, path("m.vec"));
    saveWordVectors(set, path("m.bin"));
    for (const char* name : {"m.vec", "m.bin"}) {
      EmbeddingSet head = loadWordVectors(path(name), VectorFormat::Auto, 5);
      QCOMPARE(head.rows(), int64_t(5));
      QCOMPARE(head.label(4), std::string("w4"));
    }
    // Duplicates: the first row wins, the rest are counted.
    writeBytes(path("dup.vec"), "3 1\na 1\nb 2\na 3\n");
    WordVectorsLoadReport report;
    EmbeddingSet d = loadWordVectors(path("dup.vec"), WordVectorsLoadOptions{}, &report);
    QCOMPARE(d.rows(), int64_t(2));
    QCOMPARE(d.row(d.find("a"))[0], 1.0f);
    QCOMPARE(report.duplicatesSkipped, int64_t(1));
    QCOMPARE(report.headerRows, int64_t(3));
  }

  void labelsWithWhitespaceAreSanitised() {
    EmbeddingSet set({"new york", ""}, 1);
    saveWordVectors(set, path("ws.vec"));
    EmbeddingSet back = loadWordVectors(path("ws.vec"));
    QCOMPARE(back.label(0), std::string("new_york"));
    QCOMPARE(back.label(1), std::string("_"));
  }

  void badInput() {
    expectLoadError(path("missing.vec"), "no such file");
    writeBytes(path("empty.vec"), "");
    expectLoadError(path("empty.vec"), "empty");
    writeBytes(path("blank.vec"), "\n\n  \n");
    expectLoadError(path("blank.vec"), "empty");
    writeBytes(path("badheader.bin"), "two three\nxx");
    expectLoadError(path("badheader.bin"), "bad header");
    writeBytes(path("badheader.vec"), "2 3 4 5\n");
    expectLoadError(path("badheader.vec"), "bad header", VectorFormat::Word2VecText);
    writeBytes(path("dim0.vec"), "2 0\na\nb\n");
    expectLoadError(path("dim0.vec"), "dimension 0");
    writeBytes(path("dimneg.bin"), "2 -3\n");
    expectLoadError(path("dimneg.bin"), "dimension -3");
    writeBytes(path("dimhuge.vec"), "2 99999999999\na 1\n");
    expectLoadError(path("dimhuge.vec"), "not plausible");
    writeBytes(path("count.vec"), "2 3\na 1 2 3\nb 1 2\n");
    expectLoadError(path("count.vec"), "line 3: expected 3 values, found 2");
    writeBytes(path("toomany.vec"), "2 3\na 1 2 3\nb 1 2 3 4\n");
    expectLoadError(path("toomany.vec"), "line 3: expected 3 values, found 4");
    writeBytes(path("nonnum.vec"), "1 2\na 1 x2\n");
    expectLoadError(path("nonnum.vec"), "line 2: value 'x2' is not a number");
    writeBytes(path("nan.vec"), "1 2\na 1 nan\n");
    expectLoadError(path("nan.vec"), "not finite");
    writeBytes(path("inf.txt"), "a 1 inf\n");
    expectLoadError(path("inf.txt"), "not finite");
    writeBytes(path("fewrows.vec"), "5 2\na 1 2\nb 3 4\n");
    expectLoadError(path("fewrows.vec"), "announces 5 rows but the file has only 2");
    writeBytes(path("morerows.vec"), "1 2\na 1 2\nb 3 4\n");
    expectLoadError(path("morerows.vec"), "line 3: more rows");
    writeBytes(path("utf8.vec"), "1 2\n\xff\xfe 1 2\n");
    expectLoadError(path("utf8.vec"), "UTF-8");
    writeBytes(path("utf8.bin"), "1 1\n\xc3\x28 " + floatBytes({1.0f}) + "\n");
    expectLoadError(path("utf8.bin"), "UTF-8");
    // Binary truncated: the header promises more than the file holds, or the last row is cut.
    writeBytes(path("short.bin"), "3 2\na " + floatBytes({1.0f, 2.0f}) + "\n");
    expectLoadError(path("short.bin"), "truncated");
    const std::string cut = "2 2\na " + floatBytes({1.0f, 2.0f}) + "\nbbbbbbbbbbb " + floatBytes({1.0f});
    writeBytes(path("cut.bin"), cut);
    expectLoadError(path("cut.bin"), "truncated");
    float nan = std::nanf("");
    writeBytes(path("nan.bin"), "1 2\na " + floatBytes({1.0f, nan}) + "\n");
    expectLoadError(path("nan.bin"), "not finite");
    writeBytes(path("extra.bin"), "1 1\na " + floatBytes({1.0f}) + "\nb " + floatBytes({1.0f}) + "\n");
    expectLoadError(path("extra.bin"), "more data");
    // A text file saved under a .bin name, a binary file under a .vec name.
    writeBytes(path("text.bin"), "2 3\na 1 2 3\nb 1 2 3\n");
    expectLoadError(path("text.bin"), "text.bin");
    writeBytes(path("bin.vec"), "1 2\na " + floatBytes({1.0f, 2.0f}) + "\n");
    expectLoadError(path("bin.vec"), "line 2");
    writeBytes(path("nul.txt"), std::string("a\0b 1 2\n", 8));
    expectLoadError(path("nul.txt"), "NUL");
    writeBytes(path("bad.tsv"), "1\t2\n3\tx\n");
    expectLoadError(path("bad.tsv"), "line 2");
    QVERIFY_THROWS_EXCEPTION(Error, saveWordVectors(sample(2, 2, 1), path("out.pt")));
    QVERIFY_THROWS_EXCEPTION(Error, saveWordVectors(sample(2, 2, 1), path("nodir/out.vec")));
  }

  void absurdHeadersDoNotAllocate() {
    // A header asking for 10^12 rows must give an error, not an allocation failure or a crash.
    const std::string gz = path("huge.vec.gz");
    gzFile out = gzopen(gz.c_str(), "wb");
    const std::string text = "1000000000000 2\na 1 2\n";
    gzwrite(out, text.data(), static_cast<unsigned>(text.size()));
    gzclose(out);
    expectLoadError(gz, "announces 1000000000000 rows");
    writeBytes(path("huge.vec"), text);
    expectLoadError(path("huge.vec"), "announces 1000000000000 rows");
    // A header with a large dimension over many short lines: the error, not a huge allocation.
    std::string manyLines = "3 1000000\n";
    for (int i = 0; i < 100000; ++i) manyLines += "w 1\n";
    writeBytes(path("wide.vec"), manyLines);
    expectLoadError(path("wide.vec"), "line 2: expected 1000000 values, found 1");
    writeBytes(path("huge.bin"), "1000000000000 1000\na ");
    expectLoadError(path("huge.bin"), "truncated");
  }

  void stopAbortsLoading() {
    saveWordVectors(sample(10, 3, 1), path("stop.vec"));
    StopToken stop;
    stop.requestStop();
    WordVectorsLoadOptions options;
    options.stop = &stop;
    try {
      loadWordVectors(path("stop.vec"), options);
      QFAIL("expected a stop");
    } catch (const Error& e) {
      QVERIFY(std::string(e.what()).find("stopped") != std::string::npos);
    }
  }

  void damagedFilesGiveErrorsNotCrashes() {
    // Random byte damage (deterministic): every outcome is a set or an embedlab::Error.
    EmbeddingSet set = sample(30, 6, 4, true);
    std::mt19937 rng(11);
    for (const char* name : {"fz.vec", "fz.bin", "fz.tsv", "fz.txt"}) {
      const std::string clean = path(name);
      if (std::string(name) == "fz.txt")
        saveWordVectors(set, clean, VectorFormat::GloveText);
      else
        saveWordVectors(set, clean);
      const std::string bytes = readBytes(clean);
      for (int trial = 0; trial < 60; ++trial) {
        std::string damaged = bytes;
        const int edits = 1 + static_cast<int>(rng() % 4);
        for (int e = 0; e < edits; ++e) {
          const size_t at = rng() % damaged.size();
          switch (rng() % 3) {
            case 0: damaged[at] = static_cast<char>(rng() & 0xFF); break;
            case 1: damaged.erase(at, 1 + rng() % 8); break;
            default: damaged.resize(at); break;
          }
          if (damaged.empty()) break;
        }
        const std::string p = path(std::string("d-") + name);
        writeBytes(p, damaged);
        if (std::string(name) == "fz.tsv") writeBytes(projectorMetadataPath(p), readBytes(projectorMetadataPath(clean)));
        try {
          EmbeddingSet back = loadWordVectors(p);
          QVERIFY(back.rows() <= set.rows() + 1);
        } catch (const Error& e) {
          QVERIFY(std::string(e.what()).find("d-fz") != std::string::npos);
        }
      }
    }
  }

  void failedWriteLeavesNoFile() {
    // The directory does not exist: nothing is created and the error names the file.
    try {
      saveWordVectors(sample(2, 2, 1), path("no/such/dir/out.bin"));
      QFAIL("expected an error");
    } catch (const Error& e) {
      QVERIFY(std::string(e.what()).find("out.bin") != std::string::npos);
    }
    QVERIFY(!QFile::exists(QString::fromStdString(path("no/such/dir/out.bin"))));
  }

  void largeTextLoadsAcrossChunks() {
    // More than one 16 MiB chunk, so lines cross chunk boundaries.
    EmbeddingSet set = sample(20000, 100, 9);
    saveWordVectors(set, path("big.vec"));
    WordVectorsLoadOptions options;
    int64_t lastStep = 0, total = 0;
    options.progress = [&](const Progress& p) {
      lastStep = p.step;
      total = p.total;
    };
    EmbeddingSet back = loadWordVectors(path("big.vec"), options);
    QVERIFY(total > 0);
    QVERIFY(lastStep > 0 && lastStep <= total);
    QCOMPARE(back.rows(), set.rows());
    QCOMPARE(back.label(19999), set.label(19999));
    QVERIFY(std::fabs(back.row(12345)[67] - set.row(12345)[67]) < 1e-6f);
  }
};

QTEST_APPLESS_MAIN(TestWordVectors)
#include "test_word_vectors.moc"
