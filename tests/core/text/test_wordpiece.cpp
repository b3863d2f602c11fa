// WordPiece: the tokenizer against Hugging Face's reference (every fixture sentence and pair of
// tests/fixtures/bert-tiny/reference.json: ids, tokens, type ids, offsets), the normalisation
// steps one by one, truncation and padding, bad vocabulary files, and the vocabulary trainer.
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <sstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/text/Utf8.h"
#include "core/text/WordPiecePreTokenizer.h"
#include "core/text/WordPieceTokenizer.h"
#include "core/text/WordPieceTrainer.h"
#include "core/text/WordPieceUnicode.h"
#include "core/text/WordPieceVocab.h"
#include "core/train/Progress.h"
#include "core/util/Error.h"
#include "support/TestPaths.h"

using namespace embedlab;
using Strings = std::vector<std::string>;

namespace {

std::string fixture(const std::string& name) { return test::fixturesDir() + "/bert-tiny/" + name; }

const WordPieceTokenizer& tinyTokenizer() {
  static const WordPieceTokenizer t(WordPieceVocab::load(fixture("vocab.txt")));
  return t;
}

QString show(const Strings& t) {
  QStringList parts;
  for (const auto& s : t) parts << QString::fromStdString(s);
  return parts.join(QStringLiteral(" | "));
}

void writeFile(const std::string& path, const std::string& data) {
  std::ofstream f(path, std::ios::binary);
  f << data;
}

// A small vocabulary for the normalisation tests.
WordPieceTokenizer smallTokenizer(const Strings& extra, WordPieceTokenizer::Options options = {}) {
  Strings tokens = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};
  tokens.insert(tokens.end(), extra.begin(), extra.end());
  return WordPieceTokenizer(WordPieceVocab::fromTokens(tokens, "test vocabulary"), options);
}

// The message of the Error that `f` throws ("" when it throws none).
template <class F>
std::string errorOf(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// Lines of words made of 1-4 syllables from a fixed set, Zipf-like word frequencies, some
// punctuation, an accented and a CJK character: the same text on every run (a small LCG).
std::string syllableCorpus(int lines) {
  static const char* syllables[] = {"ka", "to", "ri", "men", "sa", "lo", "pu", "ne", "zi", "ga", "bo", "tar", "\u00e9l"};
  uint32_t state = 2024;
  auto next = [&state] { return (state = state * 1664525u + 1013904223u) >> 8; };
  std::vector<std::string> lexicon;
  for (int i = 0; i < 400; ++i) {
    std::string w;
    const int n = 1 + static_cast<int>(next() % 4);
    for (int k = 0; k < n; ++k) w += syllables[next() % 13];
    lexicon.push_back(w);
  }
  std::string text;
  for (int l = 0; l < lines; ++l) {
    const int n = 6 + static_cast<int>(next() % 6);
    for (int k = 0; k < n; ++k) {
      // Zipf-like: the square of a uniform index favours the front of the lexicon.
      const double u = static_cast<double>(next() % 10000) / 10000.0;
      text += lexicon[static_cast<size_t>(u * u * 400)];
      text += (k + 1 < n) ? (next() % 9 == 0 ? ", " : " ") : ".\n";
    }
    if (l % 50 == 0) text += "\u4E2D\u6587 K\u00c9 ZOO.\n";
  }
  return text;
}

}  // namespace

class TestWordPiece : public QObject {
  Q_OBJECT
 private slots:
  void matchesHuggingFaceReference() {
    std::ifstream in(fixture("reference.json"));
    QVERIFY(in.good());
    const nlohmann::json ref = nlohmann::json::parse(in);
    const auto& cases = ref.at("tokenization");
    QVERIFY(cases.size() >= 10);
    int pairs = 0;
    for (const auto& c : cases) {
      const std::string text = c.at("text");
      const bool isPair = c.contains("text_pair");
      const WordPieceEncoding e = isPair ? tinyTokenizer().encode(text, c.at("text_pair").get<std::string>())
                                         : tinyTokenizer().encode(text);
      pairs += isPair;
      const auto tokens = c.at("tokens").get<Strings>();
      if (e.tokens != tokens) qWarning("text '%s':\n got %s\nwant %s", text.c_str(), qPrintable(show(e.tokens)), qPrintable(show(tokens)));
      QCOMPARE(e.tokens, tokens);
      QCOMPARE(e.ids, c.at("ids").get<std::vector<int32_t>>());
      QCOMPARE(e.ids, c.at("slow_ids").get<std::vector<int32_t>>());
      QCOMPARE(e.typeIds, c.at("type_ids").get<std::vector<int32_t>>());
      const auto offsets = c.at("offsets").get<std::vector<std::vector<int64_t>>>();
      QCOMPARE(e.offsets.size(), offsets.size());
      for (size_t i = 0; i < offsets.size(); ++i) {
        if (e.offsets[i].first != offsets[i][0] || e.offsets[i].second != offsets[i][1])
          qWarning("text '%s' token %zu '%s': offsets (%lld,%lld), want (%lld,%lld)", text.c_str(), i,
                   e.tokens[i].c_str(), static_cast<long long>(e.offsets[i].first),
                   static_cast<long long>(e.offsets[i].second), static_cast<long long>(offsets[i][0]),
                   static_cast<long long>(offsets[i][1]));
        QCOMPARE(e.offsets[i].first, offsets[i][0]);
        QCOMPARE(e.offsets[i].second, offsets[i][1]);
      }
      QCOMPARE(e.attentionMask, std::vector<int32_t>(e.size(), 1));
      QCOMPARE(e.truncated, int64_t{0});
    }
    QVERIFY(pairs >= 2);
  }

  void tokenizeIsEncodeWithoutSpecialTokens() {
    QCOMPARE(tinyTokenizer().tokenize("Unbelievable words."),
             (Strings{"un", "##b", "##e", "##lie", "##vable", "words", "."}));
    QVERIFY(tinyTokenizer().tokenize("").empty());
    QVERIFY(tinyTokenizer().tokenize(" \t\n ").empty());
  }

  void unicodeTables() {
    using namespace wordpiece;
    QVERIFY(charClass(0xAD) == CharClass::Other);       // soft hyphen: Cf
    QVERIFY(charClass(0x200B) == CharClass::Other);     // zero width space: Cf
    QVERIFY(charClass(0xE000) == CharClass::Other);     // private use
    QVERIFY(charClass(0x0378) == CharClass::Other);     // unassigned
    QVERIFY(charClass(0x0301) == CharClass::NonspacingMark);
    QVERIFY(charClass(0x2014) == CharClass::Punctuation);
    QVERIFY(charClass('a') == CharClass::Plain);
    QVERIFY(charClass(0x10FFFF) == CharClass::Other);
    QVERIFY(charClass(0x110000) == CharClass::Other);
    QVERIFY(isPunctuation('$') && isPunctuation('`') && isPunctuation('~') && isPunctuation(0x3002));
    QVERIFY(!isPunctuation(0xB0) && !isPunctuation('a') && !isPunctuation(0x20AC));  // ° and € are symbols
    QVERIFY(isCjk(0x4E2D) && isCjk(0xF900) && isCjk(0x20000) && !isCjk(0x3042) && !isCjk(0xAC00));
    uint32_t out[3];
    QCOMPARE(stripAccents(0xE9, out), 1);  // é -> e
    QCOMPARE(out[0], uint32_t{'e'});
    QCOMPARE(stripAccents(0x419, out), 1);  // Й -> И (the breve is a mark)
    QCOMPARE(out[0], uint32_t{0x418});
    QCOMPARE(stripAccents(0x1EC7, out), 1);  // ệ -> e (two marks)
    QCOMPARE(out[0], uint32_t{'e'});
    QCOMPARE(stripAccents(0x390, out), 1);  // ΐ -> ι
    QCOMPARE(out[0], uint32_t{0x3B9});
    QCOMPARE(stripAccents(0xD55C, out), 3);  // 한 -> ᄒ ᅡ ᆫ
    QCOMPARE(out[0], uint32_t{0x1112});
    QCOMPARE(out[1], uint32_t{0x1161});
    QCOMPARE(out[2], uint32_t{0x11AB});
    QCOMPARE(stripAccents(0x0301, out), 0);
    QCOMPARE(stripAccents(0xF8, out), 1);  // ø has no decomposition
    QCOMPARE(out[0], uint32_t{0xF8});
    uint32_t low[2];
    QCOMPARE(toLowerFull(0x130, low), 2);  // İ -> i + combining dot above
    QCOMPARE(low[0], uint32_t{'i'});
    QCOMPARE(low[1], uint32_t{0x307});
    auto lower = [&](uint32_t cp) {
      toLowerFull(cp, low);
      return low[0];
    };
    QCOMPARE(lower(0x3A3), uint32_t{0x3C3});    // Σ -> σ, no final-sigma context
    QCOMPARE(lower(0x10A0), uint32_t{0x2D00});  // Georgian
    QCOMPARE(lower(0x1E9E), uint32_t{0xDF});    // ẞ -> ß
    QCOMPARE(lower(0xFF21), uint32_t{0xFF41});  // full-width A
    QCOMPARE(lower(0x100), uint32_t{0x101});
    QCOMPARE(lower(0x101), uint32_t{0x101});
    QCOMPARE(lower(0x10400), uint32_t{0x10428});  // Deseret
  }

  void accentsStrippedAndLowercased() {
    WordPiecePreTokenizer pre;
    WordPiecePreTokenizer::Words words;
    std::vector<std::string_view> views;
    pre.words("Café NAÏVE Ångström ŁÓDŹ Øre Ελλάδα Йод ΣΟΦΙΑ cafe\xCC\x81", words, views);
    QCOMPARE(std::vector<std::string>(views.begin(), views.end()),
             (Strings{"cafe", "naive", "angstrom", "łodz", "øre", "ελλαδα", "иод", "σοφια", "cafe"}));
    pre.words("한국어", words, views);
    QCOMPARE(views.size(), size_t{1});
    QCOMPARE(std::string(views[0]), std::string("\u1112\u1161\u11AB\u1100\u116E\u11A8\u110B\u1165"));

    WordPiecePreTokenizer::Options keep;
    keep.stripAccents = false;
    WordPiecePreTokenizer(keep).words("Café İstanbul", words, views);
    QCOMPARE(std::vector<std::string>(views.begin(), views.end()), (Strings{"café", "i\u0307stanbul"}));
    keep.lowercase = false;
    WordPiecePreTokenizer(keep).words("Café İstanbul", words, views);
    QCOMPARE(std::vector<std::string>(views.begin(), views.end()), (Strings{"Café", "İstanbul"}));

    // Through the tokenizer: strip_accents follows do_lower_case unless set.
    const Strings vocab = {"cafe", "café", "Café", "naive"};
    QCOMPARE(smallTokenizer(vocab).tokenize("CAFÉ Naïve"), (Strings{"cafe", "naive"}));
    WordPieceTokenizer::Options o;
    o.stripAccents = false;
    QCOMPARE(smallTokenizer(vocab, o).tokenize("CAFÉ Naïve"), (Strings{"café", "[UNK]"}));
    o = {};
    o.lowercase = false;
    QCOMPARE(smallTokenizer(vocab, o).tokenize("Café cafe"), (Strings{"Café", "cafe"}));
  }

  void offsetsOfDecomposedCharacters() {
    // Each normalised character points at the input character it came from (code points).
    const WordPieceTokenizer t = smallTokenizer({"a", "##e", "##i", "cafe", "\u1112", "##\u1161", "##\u11AB"});
    const WordPieceEncoding e = t.encode("Ãéí café 한");
    QCOMPARE(e.tokens, (Strings{"[CLS]", "a", "##e", "##i", "cafe", "\u1112", "##\u1161", "##\u11AB", "[SEP]"}));
    const std::vector<std::pair<int64_t, int64_t>> want = {{0, 0}, {0, 1}, {1, 2}, {2, 3}, {4, 8},
                                                           {9, 10}, {9, 10}, {9, 10}, {0, 0}};
    QCOMPARE(e.offsets, want);
    QCOMPARE(e.wordIds, (std::vector<int32_t>{-1, 0, 0, 0, 1, 2, 2, 2, -1}));
    // A combining accent typed separately adds no character; offsets still count it.
    const WordPieceEncoding d = t.encode("cafe\xCC\x81 a");
    QCOMPARE(d.tokens, (Strings{"[CLS]", "cafe", "a", "[SEP]"}));
    QCOMPARE(d.offsets[1], (std::pair<int64_t, int64_t>{0, 4}));
    QCOMPARE(d.offsets[2], (std::pair<int64_t, int64_t>{6, 7}));
  }

  void controlCharactersDroppedAndWhitespaceNormalised() {
    const WordPieceTokenizer t = smallTokenizer({"abc", "d", "e", "f"});
    // \x01, U+200B (Cf), U+00AD (Cf), U+E000 (private use), U+FFFD and an invalid byte vanish
    // without splitting the word; \t \n \r, NBSP, ideographic space and U+2028 split words.
    const WordPieceEncoding e = t.encode("a\x01" "b\u200B\u00AD\uE000c\uFFFD\xFF d\te\u00A0f\r\n\u3000\u2028d");
    QCOMPARE(e.tokens, (Strings{"[CLS]", "abc", "d", "e", "f", "d", "[SEP]"}));
    QCOMPARE(e.offsets[1], (std::pair<int64_t, int64_t>{0, 7}));
    QCOMPARE(e.offsets[2], (std::pair<int64_t, int64_t>{10, 11}));
    QCOMPARE(e.offsets[5], (std::pair<int64_t, int64_t>{19, 20}));
    QCOMPARE(t.tokenize(std::string("a\0b c", 5)), (Strings{"[UNK]", "[UNK]"}));
    QCOMPARE(t.tokenize(std::string("ab\0c", 4)), (Strings{"abc"}));
    QCOMPARE(t.tokenize("\x1f\x7f\u200B"), Strings{});
  }

  void punctuationAndCjkSplit() {
    const WordPieceTokenizer t = smallTokenizer({"a", "b", "$", "+", "\u2014", "\u00B7", "a\u00B0b", "\u4E2D",
                                                 "\u6587", "abc", "\u3072\u3089\u304B\u306A", "\u3002"});
    QCOMPARE(t.tokenize("a$b+a\u2014b\u00B7a a\u00B0b"),
             (Strings{"a", "$", "b", "+", "a", "\u2014", "b", "\u00B7", "a", "a\u00B0b"}));
    // Hiragana is not split; accent stripping turns が into か (NFD: か + a voicing mark, Mn),
    // as BERT uncased does.
    QCOMPARE(t.tokenize("\u4E2D\u6587abc \u3072\u3089\u304C\u306A\u3002"),
             (Strings{"\u4E2D", "\u6587", "abc", "\u3072\u3089\u304B\u306A", "\u3002"}));
    WordPieceTokenizer::Options o;
    o.splitCjk = false;
    QCOMPARE(smallTokenizer({"\u4E2D\u6587"}, o).tokenize("\u4E2D\u6587"), (Strings{"\u4E2D\u6587"}));
  }

  void longAndUnmatchedWordsAreUnknown() {
    const WordPieceTokenizer t = smallTokenizer({"a", "##a", "x", "##y"});
    const std::string hundred(100, 'a');
    QCOMPARE(t.tokenize(hundred).size(), size_t{100});
    const WordPieceEncoding e = t.encode(hundred + "a xy");
    QCOMPARE(e.tokens, (Strings{"[CLS]", "[UNK]", "x", "##y", "[SEP]"}));
    QCOMPARE(e.offsets[1], (std::pair<int64_t, int64_t>{0, 101}));
    // Characters count, not bytes: 100 two-byte letters are still a word.
    const WordPieceTokenizer greek = smallTokenizer({"\u03B1", "##\u03B1"});
    std::string alphas;
    for (int i = 0; i < 100; ++i) alphas += "\u03B1";
    QCOMPARE(greek.tokenize(alphas).size(), size_t{100});
    QCOMPARE(greek.tokenize(alphas + "\u03B1"), (Strings{"[UNK]"}));
    // One part without a piece makes the whole word unknown.
    const WordPieceEncoding u = t.encode("ab xy");
    QCOMPARE(u.tokens, (Strings{"[CLS]", "[UNK]", "x", "##y", "[SEP]"}));
    QCOMPARE(u.offsets[1], (std::pair<int64_t, int64_t>{0, 2}));
    QCOMPARE(t.tokenize("\U0001F600"), (Strings{"[UNK]"}));
  }

  void specialTokensInTheText() {
    const WordPieceTokenizer t = smallTokenizer({"the", "of", "mask", "[", "]"});
    const WordPieceEncoding e = t.encode("the [MASK] of[SEP]the [mask]");
    QCOMPARE(e.tokens,
             (Strings{"[CLS]", "the", "[MASK]", "of", "[SEP]", "the", "[", "mask", "]", "[SEP]"}));
    QCOMPARE(e.ids[2], t.vocab().maskId());
    QCOMPARE(e.offsets[2], (std::pair<int64_t, int64_t>{4, 10}));
    QCOMPARE(e.offsets[4], (std::pair<int64_t, int64_t>{13, 18}));
    QCOMPARE(e.offsets[5], (std::pair<int64_t, int64_t>{18, 21}));
    WordPieceTokenizer::Options o;
    o.splitSpecialTokens = false;
    const WordPieceTokenizer plain(t.vocab(), o);
    QCOMPARE(plain.tokenize("[MASK]"), (Strings{"[", "mask", "]"}));
  }

  void truncation() {
    const WordPieceTokenizer t = smallTokenizer({"a", "b"});
    auto text = [](char c, int n) {
      std::string s;
      for (int i = 0; i < n; ++i) s += std::string(i ? " " : "") + c;
      return s;
    };
    auto lengths = [&](int n1, int n2, int64_t maxLength) {
      WordPieceTokenizer::EncodeOptions o;
      o.maxLength = maxLength;
      const WordPieceEncoding e = t.encode(text('a', n1), text('b', n2), o);
      int64_t a = 0, b = 0;
      for (const std::string& tok : e.tokens) a += tok == "a", b += tok == "b";
      if (e.truncated != n1 + n2 - a - b) return std::pair<int64_t, int64_t>{-1, -1};
      return std::pair<int64_t, int64_t>{a, b};
    };
    // Hugging Face's longest-first (target = max length - 3).
    QCOMPARE(lengths(10, 3, 10), (std::pair<int64_t, int64_t>{4, 3}));  // only the longer is cut
    QCOMPARE(lengths(3, 10, 10), (std::pair<int64_t, int64_t>{3, 4}));
    QCOMPARE(lengths(6, 6, 9), (std::pair<int64_t, int64_t>{3, 3}));
    QCOMPARE(lengths(6, 6, 10), (std::pair<int64_t, int64_t>{3, 4}));  // tie: the second gets the odd one
    QCOMPARE(lengths(5, 6, 10), (std::pair<int64_t, int64_t>{3, 4}));  // the longer gets the odd one
    QCOMPARE(lengths(6, 5, 10), (std::pair<int64_t, int64_t>{4, 3}));
    QCOMPARE(lengths(20, 30, 3), (std::pair<int64_t, int64_t>{0, 0}));
    QCOMPARE(lengths(2, 2, 7), (std::pair<int64_t, int64_t>{2, 2}));  // fits: nothing cut
    QCOMPARE(lengths(2, 2, 0), (std::pair<int64_t, int64_t>{2, 2}));  // 0: no limit

    WordPieceTokenizer::EncodeOptions o;
    o.maxLength = 4;
    const WordPieceEncoding e = t.encode("a b a b a", o);
    QCOMPARE(e.tokens, (Strings{"[CLS]", "a", "b", "[SEP]"}));
    QCOMPARE(e.truncated, int64_t{3});
    const WordPieceEncoding pair = t.encode("a a a", "b b b", o);
    QCOMPARE(pair.tokens, (Strings{"[CLS]", "[SEP]", "b", "[SEP]"}));
    QCOMPARE(pair.typeIds, (std::vector<int32_t>{0, 0, 1, 1}));
    o.maxLength = 2;
    QVERIFY_THROWS_EXCEPTION(UsageError, t.encode("a", "b", o));
    QCOMPARE(t.encode("a", o).tokens, (Strings{"[CLS]", "[SEP]"}));
    o.maxLength = 1;
    QVERIFY_THROWS_EXCEPTION(UsageError, t.encode("a", o));
  }

  void paddingAndAttentionMask() {
    const WordPieceTokenizer& t = tinyTokenizer();
    WordPieceTokenizer::EncodeOptions o;
    o.padTo = 9;
    const WordPieceEncoding e = t.encode("river bank", "money", o);
    QCOMPARE(e.size(), size_t{9});
    QCOMPARE(e.tokens, (Strings{"[CLS]", "river", "bank", "[SEP]", "money", "[SEP]", "[PAD]", "[PAD]", "[PAD]"}));
    QCOMPARE(e.ids[6], t.vocab().padId());
    QCOMPARE(e.attentionMask, (std::vector<int32_t>{1, 1, 1, 1, 1, 1, 0, 0, 0}));
    QCOMPARE(e.typeIds, (std::vector<int32_t>{0, 0, 0, 0, 1, 1, 0, 0, 0}));
    QCOMPARE(e.offsets[7], (std::pair<int64_t, int64_t>{0, 0}));
    QCOMPARE(e.wordIds[8], -1);
    // Truncate and pad to the same length, as a batch of fixed-length sequences wants.
    o.maxLength = 5;
    o.padTo = 5;
    const WordPieceEncoding f = t.encode("the king and the queen", o);
    QCOMPARE(f.tokens, (Strings{"[CLS]", "the", "king", "and", "[SEP]"}));
    o.maxLength = 0;
    o.padTo = 2;  // shorter than the encoding: nothing to pad
    QCOMPARE(t.encode("the king", o).size(), size_t{4});
    // A vocabulary without [PAD] cannot pad.
    const WordPieceTokenizer noPad(WordPieceVocab::fromTokens({"[UNK]", "[CLS]", "[SEP]", "a"}, "nopad.txt"));
    o.padTo = 8;
    const std::string msg = errorOf([&] { noPad.encode("a", o); });
    QVERIFY2(msg.find("nopad.txt") != std::string::npos && msg.find("[PAD]") != std::string::npos, msg.c_str());
  }

  void badVocabularyFiles() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string d = dir.path().toStdString();
    auto loadError = [&](const std::string& name, const std::string& contents) {
      const std::string path = d + "/" + name;
      writeFile(path, contents);
      return errorOf([&] { WordPieceVocab::load(path); });
    };
    auto expect = [&](const std::string& msg, const std::string& name, const std::string& what) {
      if (msg.find(d + "/" + name) == std::string::npos || msg.find(what) == std::string::npos)
        qWarning("message: '%s', expected the file %s and '%s'", msg.c_str(), name.c_str(), what.c_str());
      QVERIFY(msg.find(d + "/" + name) != std::string::npos);
      QVERIFY(msg.find(what) != std::string::npos);
    };
    const std::string good = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\na\n##b\n";
    QVERIFY(loadError("good.txt", good).empty());
    expect(loadError("empty.txt", ""), "empty.txt", "empty");
    expect(loadError("blank.txt", "\n \n\r\n"), "blank.txt", "empty");
    expect(loadError("dup.txt", good + "x\na\n"), "dup.txt:9", "duplicate token 'a'");
    expect(loadError("nounk.txt", "[PAD]\n[CLS]\n[SEP]\na\n"), "nounk.txt", "[UNK]");
    expect(loadError("nocls.txt", "[UNK]\n[SEP]\na\n"), "nocls.txt", "[CLS]");
    expect(loadError("nosep.txt", "[UNK]\n[CLS]\na\n"), "nosep.txt", "[SEP]");
    expect(loadError("binary.txt", std::string("[UNK]\n[CLS]\n\0\x01\x02\n", 16)), "binary.txt:3", "not a text file");
    expect(loadError("latin1.txt", "[UNK]\n[CLS]\n[SEP]\ncaf\xE9\n"), "latin1.txt:4", "UTF-8");
    expect(errorOf([&] { WordPieceVocab::load(d + "/missing.txt"); }), "missing.txt", "no such file");
    const std::string dirMsg = errorOf([&] { WordPieceVocab::load(d); });
    QVERIFY2(dirMsg.find(d) != std::string::npos && dirMsg.find("directory") != std::string::npos, dirMsg.c_str());
    expect(errorOf([&] { WordPieceTokenizer::fromFile(d + "/nocls.txt"); }), "nocls.txt", "[CLS]");

    // Ids are line numbers; CRLF, trailing spaces and a BOM are not part of tokens; blank lines
    // keep their id.
    writeFile(d + "/crlf.txt", "\xEF\xBB\xBF[PAD]\r\n[UNK] \r\n\r\n[CLS]\r\n[SEP]\r\nhello\r\n");
    const WordPieceVocab v = WordPieceVocab::load(d + "/crlf.txt");
    QCOMPARE(v.size(), int64_t{6});
    QCOMPARE(v.padId(), 0);
    QCOMPARE(v.unkId(), 1);
    QCOMPARE(v.clsId(), 3);
    QCOMPARE(v.id("hello"), 5);
    QCOMPARE(v.id(""), -1);
    QCOMPARE(v.maskId(), -1);
    // Save and load again.
    v.save(d + "/saved.txt");
    const WordPieceVocab w = WordPieceVocab::load(d + "/saved.txt");
    QCOMPARE(w.tokens(), v.tokens());
    // From tokens, errors name the source given.
    const std::string msg = errorOf([] { WordPieceVocab::fromTokens({"[UNK]", "[CLS]", "[SEP]", "a", "a"}, "mine"); });
    QVERIFY2(msg.find("mine") != std::string::npos && msg.find("duplicate") != std::string::npos, msg.c_str());
  }

  void tokenizerConfig() {
    QTemporaryDir dir;
    const std::string d = dir.path().toStdString();
    writeFile(d + "/vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nHello\nhello\ncafé\ncafe\n");
    QCOMPARE(WordPieceTokenizer::fromFile(d + "/vocab.txt").tokenize("Hello café"), (Strings{"hello", "cafe"}));
    writeFile(d + "/tokenizer_config.json", R"({"do_lower_case": false, "strip_accents": null, "model_max_length": 512})");
    const WordPieceTokenizer cased = WordPieceTokenizer::fromFile(d + "/vocab.txt");
    QVERIFY(!cased.options().lowercase);
    QCOMPARE(cased.tokenize("Hello café"), (Strings{"Hello", "café"}));
    writeFile(d + "/tokenizer_config.json", R"({"do_lower_case": true, "strip_accents": false})");
    QCOMPARE(WordPieceTokenizer::fromFile(d + "/vocab.txt").tokenize("Hello Café"), (Strings{"hello", "café"}));
    writeFile(d + "/tokenizer_config.json", R"({"do_lower_case": "yes"})");
    std::string msg = errorOf([&] { WordPieceTokenizer::fromFile(d + "/vocab.txt"); });
    QVERIFY2(msg.find("tokenizer_config.json") != std::string::npos && msg.find("do_lower_case") != std::string::npos,
             msg.c_str());
    writeFile(d + "/tokenizer_config.json", "{not json");
    msg = errorOf([&] { WordPieceTokenizer::fromFile(d + "/vocab.txt"); });
    QVERIFY2(msg.find("tokenizer_config.json") != std::string::npos, msg.c_str());
  }

  void trainerOnAGeneratedCorpus() {
    QTemporaryDir dir;
    const std::string corpus = dir.path().toStdString() + "/corpus.txt";
    writeFile(corpus, syllableCorpus(3000));
    WordPieceTrainer::Options o;
    o.vocabSize = 300;
    const WordPieceTrainer trainer(o);
    std::vector<Progress> reports;
    const WordPieceTrainer::Result r = trainer.trainFiles({corpus}, [&](const Progress& p) { reports.push_back(p); });
    QVERIFY(!r.stopped);
    QCOMPARE(static_cast<int64_t>(r.tokens.size()), o.vocabSize);
    QCOMPARE(Strings(r.tokens.begin(), r.tokens.begin() + 5), (Strings{"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}));
    QCOMPARE(r.stats.lines, int64_t{3000 + 60});
    QVERIFY(r.stats.words > 20000);
    QVERIFY(r.stats.merges > 0);
    QVERIFY(!reports.empty());
    QCOMPARE(reports.back().phase, std::string("merging"));
    QCOMPARE(reports.back().step, o.vocabSize);

    // Every character of the corpus is a piece, in the positions where it occurs.
    const WordPieceVocab vocab = WordPieceVocab::fromTokens(r.tokens, "trained");
    for (const char* c : {"k", "z", "e", "##a", "##k", "##z", "##e", ".", ",", "\u4E2D", "\u6587"})
      QVERIFY2(vocab.id(c) >= 0, c);
    QCOMPARE(vocab.id("\u00e9"), -1);  // accents are stripped before training
    QCOMPARE(vocab.id("##\u00e9"), -1);
    QCOMPARE(vocab.id("##."), -1);  // punctuation is always a word of its own
    QCOMPARE(vocab.id("##\u4E2D"), -1);

    // Deterministic: the same corpus gives the same vocabulary, and so do its word counts in
    // any order.
    QCOMPARE(trainer.trainFiles({corpus}).tokens, r.tokens);
    WordPieceTrainer::WordCounts counts = trainer.countWords({corpus});
    std::reverse(counts.begin(), counts.end());
    QCOMPARE(trainer.train(counts).tokens, r.tokens);

    // Tokenizing the training text: no [UNK], and the common words take few pieces.
    const std::string path = dir.path().toStdString() + "/vocab.txt";
    WordPieceTrainer::save(r, path);
    const WordPieceTokenizer t = WordPieceTokenizer::fromFile(path);
    QCOMPARE(t.vocab().tokens(), r.tokens);
    int64_t pieces = 0, unknown = 0, words = 0;
    std::istringstream lines(syllableCorpus(3000));
    std::string line;
    WordPiecePreTokenizer::Words w;
    std::vector<std::string_view> views;
    while (std::getline(lines, line)) {
      for (const std::string& tok : t.tokenize(line)) pieces += 1, unknown += tok == "[UNK]";
      WordPiecePreTokenizer().words(line, w, views);
      words += static_cast<int64_t>(views.size());
    }
    QCOMPARE(unknown, int64_t{0});
    QVERIFY2(static_cast<double>(pieces) / static_cast<double>(words) < 2.0,
             qPrintable(QString::number(static_cast<double>(pieces) / static_cast<double>(words))));
  }

  void likelihoodTrainerOnAGeneratedCorpus() {
    WordPieceTrainer::Options o;
    o.vocabSize = 250;
    o.score = WordPieceTrainer::Score::Likelihood;
    const WordPieceTrainer trainer(o);
    QTemporaryDir dir;
    const std::string corpus = dir.path().toStdString() + "/corpus.txt";
    writeFile(corpus, syllableCorpus(1500));
    const WordPieceTrainer::Result r = trainer.trainFiles({corpus});
    QCOMPARE(static_cast<int64_t>(r.tokens.size()), o.vocabSize);
    QCOMPARE(trainer.trainFiles({corpus}).tokens, r.tokens);
    const WordPieceTokenizer t(WordPieceVocab::fromTokens(r.tokens, "trained"));
    std::istringstream lines(syllableCorpus(1500));
    std::string line;
    while (std::getline(lines, line))
      for (const std::string& tok : t.tokenize(line)) QVERIFY2(tok != "[UNK]", line.c_str());
  }

  void randomInputNeverBreaksInvariants() {
    // Random bytes and random code points from many scripts (invalid UTF-8, controls, marks,
    // CJK, emoji): offsets stay inside the text and in order, all vectors agree in length,
    // truncation and padding give exactly the asked length.
    const WordPieceTokenizer& t = tinyTokenizer();
    std::mt19937 rng(7);
    const uint32_t starts[] = {0x20, 0x80, 0x300, 0x370, 0x400, 0x600, 0x900, 0x1100, 0x2000,
                               0x3000, 0x4E00, 0xAC00, 0xE000, 0xFFF0, 0x1F600};
    for (int round = 0; round < 300; ++round) {
      std::string text;
      const int n = static_cast<int>(rng() % 60);
      for (int i = 0; i < n; ++i) {
        const uint32_t kind = rng() % 4;
        if (kind == 0) {
          text.push_back(static_cast<char>(rng() % 256));
        } else if (kind == 1) {
          text.push_back(static_cast<char>(' ' + rng() % 95));
        } else {
          const uint32_t cp = starts[rng() % std::size(starts)] + rng() % 128;
          if (cp >= 0xD800 && cp < 0xE000) continue;
          std::string enc;
          if (cp < 0x80) enc.push_back(static_cast<char>(cp));
          else if (cp < 0x800) enc = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
          else if (cp < 0x10000)
            enc = {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                   static_cast<char>(0x80 | (cp & 0x3F))};
          else
            enc = {static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
                   static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
          text += enc;
        }
      }
      // Upper bound of the offsets: the text's characters, an invalid byte counting as one.
      int64_t chars = 0;
      for (size_t i = 0; i < text.size();) {
        size_t len;
        utf8::decode(reinterpret_cast<const unsigned char*>(text.data()) + i, text.size() - i, len);
        i += len;
        ++chars;
      }
      const WordPieceEncoding e = t.encode(text);
      QCOMPARE(e.tokens.size(), e.ids.size());
      QCOMPARE(e.offsets.size(), e.ids.size());
      QCOMPARE(e.wordIds.size(), e.ids.size());
      int64_t lastStart = 0;
      for (size_t i = 1; i + 1 < e.size(); ++i) {
        QVERIFY(e.offsets[i].first >= lastStart);
        QVERIFY(e.offsets[i].first < e.offsets[i].second);
        QVERIFY(e.offsets[i].second <= chars);
        QVERIFY(e.ids[i] >= 0 && e.ids[i] < t.vocab().size());
        lastStart = e.offsets[i].first;
      }
      WordPieceTokenizer::EncodeOptions o;
      o.maxLength = 3 + static_cast<int64_t>(rng() % 20);
      o.padTo = o.maxLength;
      const WordPieceEncoding p = t.encode(text, text.substr(text.size() / 2), o);
      QCOMPARE(static_cast<int64_t>(p.size()), o.maxLength);
      QCOMPARE(p.typeIds.size(), p.size());
      QCOMPARE(p.attentionMask.size(), p.size());
    }
  }

  void trainerScoresAndLimits() {
    // Word counts built by hand: the two scores choose different first merges.
    //   (x, ##y): count 3, parts 3 and 3 -> likelihood 1/3, frequency 3
    //   (a, ##b): count 10, parts 40 and 10 -> likelihood 1/40, frequency 10
    const WordPieceTrainer::WordCounts counts = {{"xy", 3}, {"ab", 10}, {"a", 30}};
    WordPieceTrainer::Options o;
    o.vocabSize = 5 + 4 + 1;  // specials, a x ##b ##y, one merge
    o.score = WordPieceTrainer::Score::Likelihood;
    QCOMPARE(WordPieceTrainer(o).train(counts).tokens.back(), std::string("xy"));
    o.score = WordPieceTrainer::Score::Frequency;
    QCOMPARE(WordPieceTrainer(o).train(counts).tokens.back(), std::string("ab"));
    // Ties go to the pair that sorts first.
    o.vocabSize = 5 + 4 + 1;
    QCOMPARE(WordPieceTrainer(o).train({{"cd", 5}, {"ab", 5}}).tokens.back(), std::string("ab"));
    // Pairs seen fewer than minFrequency times are never merged: the vocabulary stays smaller.
    o.vocabSize = 100;
    o.minFrequency = 4;
    const auto r = WordPieceTrainer(o).train(counts);
    QCOMPARE(r.tokens, (Strings{"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "##b", "ab"}));
    // Characters below minFrequency are left out (x, y: 3 < 4), and so are the words with them.
    QCOMPARE(r.stats.trainingWords, int64_t{2});
    // A merged string that is already a piece is not added twice.
    o.minFrequency = 1;
    o.vocabSize = 100;
    const auto m = WordPieceTrainer(o).train({{"abc", 4}, {"ab", 1}, {"bc", 1}});
    std::set<std::string> unique(m.tokens.begin(), m.tokens.end());
    QCOMPARE(unique.size(), m.tokens.size());
    QVERIFY(unique.count("abc"));
    // A special token spelled like a word or a character is not added again.
    o.specialTokens = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "ab", "a"};
    const auto sp = WordPieceTrainer(o).train({{"abab", 10}, {"ab", 3}});
    QCOMPARE(sp.tokens, (Strings{"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "ab", "a", "##a", "##b", "##ab", "abab"}));
    o.specialTokens = WordPieceTrainer::Options().specialTokens;
    // A target smaller than the alphabet keeps the most frequent characters.
    o.vocabSize = 7;
    const auto small = WordPieceTrainer(o).train({{"aaa", 10}, {"b", 1}, {"c", 5}});
    QCOMPARE(small.tokens, (Strings{"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "##a"}));
    o.vocabSize = 3;
    QVERIFY_THROWS_EXCEPTION(UsageError, WordPieceTrainer(o).train(counts));
  }

  void trainerStopsWhenAsked() {
    WordPieceTrainer::Options o;
    o.vocabSize = 1000;
    StopToken stop;
    int calls = 0;
    WordPieceTrainer::WordCounts counts;
    for (int i = 0; i < 2000; ++i) counts.emplace_back(std::string(1, 'w').append(std::to_string(i * 7919)), 3);
    const auto r = WordPieceTrainer(o).train(counts, [&](const Progress&) { ++calls; }, &stop);
    QVERIFY(!r.stopped);
    stop.requestStop();
    const auto s = WordPieceTrainer(o).train(counts, {}, &stop);
    QVERIFY(s.stopped);
    QVERIFY(s.tokens.size() < r.tokens.size());
    QTemporaryDir dir;
    const std::string corpus = dir.path().toStdString() + "/c.txt";
    writeFile(corpus, syllableCorpus(2000));
    QVERIFY(WordPieceTrainer(o).trainFiles({corpus}, {}, &stop).stopped);
    // Corpus errors name the file.
    const std::string msg = errorOf([&] { WordPieceTrainer(o).trainFiles({corpus + ".missing"}); });
    QVERIFY2(msg.find("c.txt.missing") != std::string::npos, msg.c_str());
  }
};

QTEST_APPLESS_MAIN(TestWordPiece)
#include "test_wordpiece.moc"
