// CorpusReader: line endings, BOM, NUL, UTF-8 repair, long lines in pieces, gzip (equal to
// plain, multi-member, truncated, corrupt), bad files, part partitioning and rewind.
#include <QTemporaryDir>
#include <sys/stat.h>
#include <unistd.h>
#include <QtTest>
#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "core/text/CorpusReader.h"
#include "core/util/Error.h"

using embedlab::CorpusReader;
using Lines = std::vector<std::string>;

namespace {

void writeFile(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string gzip(const std::string& bytes) {
  z_stream zs{};
  if (deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&zs, bytes.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END ? out : std::string();
}

Lines readAll(CorpusReader& r) {
  Lines lines;
  std::string line;
  while (r.nextLine(line)) lines.push_back(line);
  return lines;
}

Lines readAll(const std::string& path, CorpusReader::Options o = {}) {
  CorpusReader r(path, o);
  return readAll(r);
}

// The message of the embedlab::Error that `f` throws, or "" when it does not throw.
std::string errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const embedlab::Error& e) {
    return e.what();
  }
  return {};
}

bool startsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

bool validUtf8(const std::string& s) {
  // Strict check, independent from the code under test: decode with QString and compare back.
  const QByteArray bytes(s.data(), static_cast<qsizetype>(s.size()));
  return QString::fromUtf8(bytes).toUtf8() == bytes;
}

// A corpus with a bit of everything, deterministic.
std::string mixedCorpus(int lines) {
  std::mt19937 rng(7);
  const char* words[] = {"alpha", "beta", "Gamma", "δέλτα", "эпсилон", "中文", "3.14", "don't", "x", ""};
  std::string text;
  for (int i = 0; i < lines; ++i) {
    const int n = static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) {
      if (k) text += ' ';
      text += words[rng() % 10];
    }
    text += (i % 5 == 0) ? "\r\n" : "\n";
  }
  return text;
}

}  // namespace

class TestCorpusReader : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::string path(const char* name) { return dir_.filePath(name).toStdString(); }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void crlfAndBom() {
    const std::string p = path("crlf.txt");
    writeFile(p, "\xEF\xBB\xBFline one\r\nline two\r\n\r\nmid\rcr\nlast");
    CorpusReader r(p);
    QCOMPARE(readAll(r), (Lines{"line one", "line two", "", "mid\rcr", "last"}));
    QCOMPARE(r.linesRead(), int64_t(5));
    QCOMPARE(r.invalidUtf8(), int64_t(0));
    QVERIFY(!r.compressed());
    QCOMPARE(r.bytesConsumed(), r.fileBytes());
  }

  void bomOnlyAtFileStart() {
    const std::string p = path("bom2.txt");
    writeFile(p, "a\n\xEF\xBB\xBF" "b\n");
    QCOMPARE(readAll(p), (Lines{"a", "\xEF\xBB\xBF" "b"}));
  }

  void nulBytesDropped() {
    const std::string p = path("nul.txt");
    writeFile(p, std::string("ab\0c\n\0\0d\n", 9));
    CorpusReader r(p);
    QCOMPARE(readAll(r), (Lines{"abc", "d"}));
    QCOMPARE(r.nulBytes(), int64_t(3));
  }

  void invalidUtf8ReplacedAndCounted() {
    const std::string p = path("bad.txt");
    const std::string fffd = "\xEF\xBF\xBD";
    writeFile(p,
              "ok \xFF x\n"                      // invalid byte: 1
              "over\xC0\xAFlong\n"               // overlong '/': 2 bytes, each a replacement
              "sur\xED\xA0\x80gate\n"            // surrogate D800: 3 bytes
              "cut\xE2\x82" "A\n"                // truncated 3-byte sequence: 1 replacement, 2 bytes
              "stray\x80\xBF\n"                  // stray continuation bytes: 2
              "big\xF4\x90\x80\x80\n"            // above U+10FFFF: 4
              "fine é € \xF0\x9F\x98\x80\n"      // valid 2-, 3- and 4-byte sequences
              "end\xE2\x82");                    // truncated at end of file: 1 replacement, 2 bytes
    CorpusReader r(p);
    const Lines lines = readAll(r);
    QCOMPARE(lines, (Lines{"ok " + fffd + " x", "over" + fffd + fffd + "long", "sur" + fffd + fffd + fffd + "gate",
                           "cut" + fffd + "A", "stray" + fffd + fffd, "big" + fffd + fffd + fffd + fffd,
                           "fine é € \xF0\x9F\x98\x80", "end" + fffd}));
    QCOMPARE(r.invalidUtf8(), int64_t(1 + 2 + 3 + 2 + 2 + 4 + 2));
    for (const auto& l : lines) QVERIFY(validUtf8(l));
  }

  void multibyteAcrossChunkBoundaries() {
    // 2-, 3- and 4-byte characters at every alignment against the reader's chunk size.
    const std::string p = path("align.txt");
    std::string text;
    Lines expected;
    for (const std::string ch : {"é", "€", "\xF0\x9F\x98\x80"}) {
      for (int shift = 0; shift < 4; ++shift) {
        std::string line(static_cast<size_t>(shift), 'a');
        while (line.size() < 300000) line += ch;
        expected.push_back(line);
        text += line + "\n";
      }
    }
    writeFile(p, text);
    CorpusReader r(p);
    QCOMPARE(readAll(r), expected);
    QCOMPARE(r.invalidUtf8(), int64_t(0));
  }

  void longLineArrivesInPieces() {
    // 5 MB on one line, words separated by blanks: pieces within the limit, cut after a blank.
    const std::string p = path("long.txt");
    std::string big;
    std::mt19937 rng(1);
    while (big.size() < 5 * 1000 * 1000) {
      big += "wörd" + std::to_string(rng() % 1000);
      big += (rng() % 7 == 0) ? '\t' : ' ';
    }
    writeFile(p, "first\n" + big + "\r\nlast\n");
    for (int64_t limit : {int64_t(1) << 20, int64_t(4096), int64_t(1000)}) {
      CorpusReader::Options o;
      o.maxLineBytes = limit;
      CorpusReader r(p, o);
      std::string line, joined;
      QVERIFY(r.nextLine(line));
      QCOMPARE(line, std::string("first"));
      int pieces = 0;
      while (joined.size() < big.size() && r.nextLine(line)) {
        QVERIFY(static_cast<int64_t>(line.size()) <= limit);
        QVERIFY(!line.empty());
        if (joined.size() + line.size() < big.size()) {
          const char lastChar = line.back();
          QVERIFY2(lastChar == ' ' || lastChar == '\t', "a piece should end after a blank when there is one");
        }
        joined += line;
        ++pieces;
      }
      QCOMPARE(joined.size(), big.size());
      QVERIFY(joined == big);
      QVERIFY(pieces >= static_cast<int>(big.size() / limit));
      QVERIFY(r.nextLine(line));
      QCOMPARE(line, std::string("last"));
      QVERIFY(!r.nextLine(line));
      QCOMPARE(r.linesRead(), int64_t(3));
    }
  }

  void longLineWithoutBlanksCutAtCharacters() {
    const std::string p = path("long2.txt");
    std::string big;
    while (big.size() < 200000) big += "漢字ä";
    writeFile(p, big + "\n");
    CorpusReader::Options o;
    o.maxLineBytes = 1001;
    CorpusReader r(p, o);
    std::string line, joined;
    while (r.nextLine(line)) {
      QVERIFY(line.size() <= 1001);
      const bool lastPiece = joined.size() + line.size() == big.size();
      QVERIFY(lastPiece || line.size() >= 998);  // at most one character short of the limit
      QVERIFY(validUtf8(line));
      joined += line;
      if (joined.size() == big.size()) break;
    }
    QVERIFY(joined == big);
    QVERIFY(!r.nextLine(line));
    QCOMPARE(r.linesRead(), int64_t(1));
  }

  void lineOfExactlyTheLimitIsWhole() {
    const std::string p = path("exact.txt");
    writeFile(p, std::string(100, 'x') + "\n" + std::string(101, 'y') + "\n");
    CorpusReader::Options o;
    o.maxLineBytes = 100;
    QCOMPARE(readAll(p, o), (Lines{std::string(100, 'x'), std::string(100, 'y'), "y"}));
  }

  void gzEqualsPlain() {
    const std::string text = "\xEF\xBB\xBF" + mixedCorpus(5000) + "bad \xFF byte\nno newline at end";
    const std::string plain = path("mixed.txt"), gz = path("mixed.txt.gz"), disguised = path("mixed.dat");
    writeFile(plain, text);
    const std::string packed = gzip(text);
    QVERIFY(!packed.empty());
    writeFile(gz, packed);
    writeFile(disguised, packed);  // recognised by its magic bytes, not its name
    CorpusReader a(plain), b(gz), c(disguised);
    const Lines la = readAll(a);
    QCOMPARE(readAll(b), la);
    QCOMPARE(readAll(c), la);
    QVERIFY(b.compressed());
    QVERIFY(c.compressed());
    QCOMPARE(b.linesRead(), a.linesRead());
    QCOMPARE(b.invalidUtf8(), int64_t(1));
    QCOMPARE(a.invalidUtf8(), int64_t(1));
    QCOMPARE(b.textBytes(), static_cast<int64_t>(text.size()));
    QCOMPARE(a.textBytes(), static_cast<int64_t>(text.size()));
    QCOMPARE(b.bytesConsumed(), b.fileBytes());
    QCOMPARE(b.fileBytes(), static_cast<int64_t>(packed.size()));
  }

  void gzMultiMember() {
    const std::string one = mixedCorpus(300), two = "second member\nlast line\n";
    const std::string p = path("multi.gz");
    writeFile(p, gzip(one) + gzip(two));
    const std::string q = path("multi.txt");
    writeFile(q, one + two);
    QCOMPARE(readAll(p), readAll(q));
  }

  void gzEmpty() {
    const std::string p = path("empty.gz");
    writeFile(p, gzip(""));
    QCOMPARE(readAll(p), Lines{});
  }

  void truncatedGzThrowsNamingFile() {
    const std::string text = mixedCorpus(20000);
    const std::string packed = gzip(text);
    const std::string p = path("trunc.txt.gz");
    for (size_t keep : {packed.size() / 2, packed.size() - 4, size_t(12)}) {
      writeFile(p, packed.substr(0, keep));
      const std::string msg = errorOf([&] {
        CorpusReader r(p);
        readAll(r);
      });
      QVERIFY2(startsWith(msg, p), msg.c_str());
      QVERIFY2(msg.find("gzip") != std::string::npos, msg.c_str());
    }
  }

  void corruptGzThrowsNamingFile() {
    std::string packed = gzip(mixedCorpus(20000));
    for (size_t i = packed.size() / 3; i < packed.size() / 3 + 64; ++i) packed[i] = static_cast<char>(packed[i] ^ 0x5A);
    const std::string p = path("corrupt.gz");
    writeFile(p, packed);
    const std::string msg = errorOf([&] {
      CorpusReader r(p);
      readAll(r);
    });
    QVERIFY2(startsWith(msg, p), msg.c_str());
    // A bad header is reported at once.
    writeFile(p, std::string("\x1f\x8b\x08\xff garbage garbage garbage", 27));
    const std::string msg2 = errorOf([&] {
      CorpusReader r(p);
      readAll(r);
    });
    QVERIFY2(startsWith(msg2, p), msg2.c_str());
  }

  void badFilesThrowNamingFile() {
    const std::string missing = path("no-such-file.txt");
    QVERIFY(startsWith(errorOf([&] { CorpusReader r(missing); }), missing));
    const std::string d = dir_.path().toStdString();
    const std::string msgDir = errorOf([&] { CorpusReader r(d); });
    QVERIFY2(startsWith(msgDir, d) && msgDir.find("directory") != std::string::npos, msgDir.c_str());

    std::string elf("\x7f" "ELF\x02\x01\x01", 7);
    elf += std::string(200, '\0');
    std::string png("\x89PNG\r\n\x1a\n", 8);
    png += "IHDR some text after";
    std::string nulHeavy;
    for (int i = 0; i < 1000; ++i) nulHeavy += std::string("ab\0\0\0", 5);
    std::string utf16("\xff\xfeh\0e\0l\0l\0o\0", 12);
    std::string zip("PK\x03\x04readme.txt", 14);
    int k = 0;
    for (const std::string& content : {elf, png, nulHeavy, utf16, zip}) {
      const std::string p = path(("binary" + std::to_string(k++) + ".txt").c_str());
      writeFile(p, content);
      const std::string msg = errorOf([&] { CorpusReader r(p); });
      QVERIFY2(startsWith(msg, p), (p + " -> '" + msg + "'").c_str());
      QVERIFY2(msg.find("not a text file") != std::string::npos, msg.c_str());
    }
    // Binary data inside a .gz is found as well.
    const std::string gzElf = path("elf.gz");
    writeFile(gzElf, gzip(elf));
    QVERIFY(startsWith(errorOf([&] { CorpusReader r(gzElf); }), gzElf));

    // A text file with a few NULs is text; an empty file is not an error for the reader.
    const std::string fewNuls = path("fewnuls.txt");
    writeFile(fewNuls, mixedCorpus(200) + std::string("x\0y\0z\n", 6));
    QVERIFY(errorOf([&] { readAll(fewNuls); }).empty());
    const std::string empty = path("empty.txt");
    writeFile(empty, "");
    CorpusReader r(empty);
    QCOMPARE(readAll(r), Lines{});
    QCOMPARE(r.fileBytes(), int64_t(0));
  }

  void pipesAndDevicesThrow() {
    const std::string fifo = path("fifo");
    QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
    const std::string msg = errorOf([&] { CorpusReader r(fifo); });  // must not block
    QVERIFY2(startsWith(msg, fifo) && msg.find("regular") != std::string::npos, msg.c_str());
    QVERIFY(startsWith(errorOf([] { CorpusReader r("/dev/null"); }), "/dev/null"));
  }

  void unreadableFileThrows() {
    if (::geteuid() == 0) QSKIP("running as root: permissions do not apply");
    const std::string p = path("secret.txt");
    writeFile(p, "hidden\n");
    QFile::setPermissions(QString::fromStdString(p), QFileDevice::Permissions());
    const std::string msg = errorOf([&] { CorpusReader r(p); });
    QFile::setPermissions(QString::fromStdString(p), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QVERIFY2(startsWith(msg, p), msg.c_str());
  }

  void partsReadEveryLineOnce_data() {
    QTest::addColumn<bool>("gz");
    QTest::addColumn<bool>("finalNewline");
    QTest::newRow("plain") << false << true;
    QTest::newRow("plain, no final newline") << false << false;
    QTest::newRow("gz") << true << true;
    QTest::newRow("gz, no final newline") << true << false;
  }

  void partsReadEveryLineOnce() {
    QFETCH(bool, gz);
    QFETCH(bool, finalNewline);
    // Numbered lines of varied length (some empty, some long), so a lost or doubled line shows.
    std::string text;
    std::mt19937 rng(3);
    const int n = 3001;
    for (int i = 0; i < n; ++i) {
      text += 'L';
      text += std::to_string(i);
      const int pad = (i % 97 == 0) ? 5000 : static_cast<int>(rng() % 40);
      text += std::string(static_cast<size_t>(pad), 'x');
      if (i + 1 < n || finalNewline) text += "\n";
    }
    const std::string p = path(gz ? "parts.gz" : "parts.txt");
    writeFile(p, gz ? gzip(text) : text);
    const Lines all = readAll(p);
    QCOMPARE(static_cast<int>(all.size()), n);
    for (int parts : {1, 2, 3, 7, 64}) {
      std::vector<std::string> merged;
      int64_t consumed = 0, lines = 0;
      for (int part = 0; part < parts; ++part) {
        CorpusReader::Options o;
        o.part = part;
        o.parts = parts;
        CorpusReader r(p, o);
        const Lines mine = readAll(r);
        merged.insert(merged.end(), mine.begin(), mine.end());
        consumed += r.bytesConsumed();
        lines += r.linesRead();
        QCOMPARE(r.linesRead(), static_cast<int64_t>(mine.size()));
      }
      QCOMPARE(lines, static_cast<int64_t>(n));
      QCOMPARE(consumed, static_cast<int64_t>(QFileInfo(QString::fromStdString(p)).size()));
      if (!gz) {
        QCOMPARE(merged, all);  // byte ranges in order: concatenation is the file
      } else {
        std::sort(merged.begin(), merged.end());
        Lines sorted = all;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(merged, sorted);
      }
    }
  }

  void morePartsThanLines() {
    const std::string p = path("tiny.txt");
    writeFile(p, "a\nb\n");
    Lines merged;
    for (int part = 0; part < 9; ++part) {
      CorpusReader::Options o;
      o.part = part;
      o.parts = 9;
      const Lines mine = readAll(p, o);
      merged.insert(merged.end(), mine.begin(), mine.end());
    }
    QCOMPARE(merged, (Lines{"a", "b"}));
  }

  void badPartOptionsThrow() {
    const std::string p = path("tiny.txt");
    CorpusReader::Options o;
    o.part = 3;
    o.parts = 3;
    QVERIFY(startsWith(errorOf([&] { CorpusReader r(p, o); }), p));
  }

  void randomTextMatchesModel() {
    // Random well-formed text with CR, CRLF, NUL and multi-byte characters, read with random
    // line limits and part counts. A piece ends a line exactly when linesRead() advances, so
    // the pieces can be glued back and compared with a straightforward model of the rules.
    std::mt19937 rng(2024);
    const std::vector<std::string> alphabet = {"a", "b", " ", "\t", "\n", "\r\n", "\r", "é", "€", "\xF0\x9F\x98\x80",
                                               "xyz", "  "};
    const std::string p = path("random.txt"), gz = path("random.gz");
    for (int round = 0; round < 100; ++round) {
      std::string text;
      const int n = static_cast<int>(rng() % 400);
      for (int i = 0; i < n; ++i) text += (rng() % 64 == 0) ? std::string(1, '\0') : alphabet[rng() % alphabet.size()];
      // Model: drop NULs, split at LF, strip one CR before each LF; a non-empty tail is a line.
      Lines expected;
      std::string cur;
      bool open = false;
      for (char c : text) {
        if (c == '\n') {
          if (!cur.empty() && cur.back() == '\r') cur.pop_back();
          expected.push_back(cur);
          cur.clear();
          open = false;
        } else {
          open = true;
          if (c != '\0') cur += c;
        }
      }
      if (open) {
        if (!cur.empty() && cur.back() == '\r') cur.pop_back();
        expected.push_back(cur);
      }
      writeFile(p, text);
      writeFile(gz, gzip(text));
      const int64_t limit = 1 + static_cast<int64_t>(rng() % 24);
      const int parts = 1 + static_cast<int>(rng() % 4);
      for (const std::string& file : {p, gz}) {
        Lines got;
        for (int part = 0; part < parts; ++part) {
          CorpusReader::Options o;
          o.maxLineBytes = limit;
          o.part = part;
          o.parts = parts;
          CorpusReader r(file, o);
          std::string piece, line;
          int64_t lines = 0;
          while (r.nextLine(piece)) {
            QVERIFY(static_cast<int64_t>(piece.size()) <= std::max<int64_t>(limit, 4));
            QVERIFY(validUtf8(piece));
            QVERIFY(piece.find('\0') == std::string::npos);
            line += piece;
            if (r.linesRead() > lines) {
              lines = r.linesRead();
              got.push_back(line);
              line.clear();
            } else {
              QVERIFY(!piece.empty());
            }
          }
          QVERIFY2(line.empty(), "the last piece of a line must advance linesRead()");
          QCOMPARE(r.invalidUtf8(), int64_t(0));
        }
        if (file == gz) {
          std::sort(got.begin(), got.end());
          Lines sorted = expected;
          std::sort(sorted.begin(), sorted.end());
          QCOMPARE(got, sorted);
        } else {
          QCOMPARE(got, expected);
        }
      }
    }
  }

  void randomBytesNeverBreakTheReader() {
    std::mt19937 rng(99);
    const std::string p = path("noise.bin.txt");
    const unsigned char interesting[] = {'\n', '\r', 0, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x80, 0xBF, 0xC3, 0xED, 0xA0, 0xF4, 0x90, ' ', 'a'};
    for (int round = 0; round < 100; ++round) {
      std::string bytes;
      const int n = static_cast<int>(rng() % 600);
      for (int i = 0; i < n; ++i) bytes += static_cast<char>(interesting[rng() % sizeof interesting]);
      writeFile(p, bytes);
      CorpusReader::Options o;
      o.maxLineBytes = 1 + static_cast<int64_t>(rng() % 40);
      try {
        CorpusReader r(p, o);
        std::string piece;
        int64_t total = 0;
        while (r.nextLine(piece)) {
          QVERIFY(validUtf8(piece));
          QVERIFY(static_cast<int64_t>(piece.size()) <= std::max<int64_t>(o.maxLineBytes, 4));
          total += static_cast<int64_t>(piece.size());
        }
        // Every byte is either kept, dropped as NUL or replaced (a replacement is 3 bytes).
        QVERIFY(r.invalidUtf8() + r.nulBytes() <= n);
        QVERIFY(total <= static_cast<int64_t>(n) * 3);
      } catch (const embedlab::Error& e) {
        // Refusing a file as binary is fine; it must name the file.
        QVERIFY2(startsWith(e.what(), p), e.what());
      }
    }
  }

  void rewind() {
    const std::string text = "\xEF\xBB\xBF" + mixedCorpus(3000) + "bad\xFF\n";
    const std::string plain = path("rw.txt"), gz = path("rw.gz");
    writeFile(plain, text);
    writeFile(gz, gzip(text));
    for (const std::string& p : {plain, gz}) {
      for (int part = 0; part < 2; ++part) {
        CorpusReader::Options o;
        o.part = part;
        o.parts = 2;
        CorpusReader r(p, o);
        std::string line;
        for (int i = 0; i < 10; ++i) QVERIFY(r.nextLine(line));
        r.rewind();
        const Lines first = readAll(r);
        const int64_t invalid = r.invalidUtf8();
        r.rewind();
        QCOMPARE(r.linesRead(), int64_t(0));
        QCOMPARE(readAll(r), first);
        QCOMPARE(r.invalidUtf8(), invalid);
        QCOMPARE(r.linesRead(), static_cast<int64_t>(first.size()));
      }
    }
  }
};

QTEST_APPLESS_MAIN(TestCorpusReader)
#include "test_corpus_reader.moc"
