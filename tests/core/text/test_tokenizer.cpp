// Tokenizer: lowercasing across scripts, CJK splitting, punctuation, numbers, joiners, the
// pre-tokenized mode, and that the fast (string_view) overload agrees with the plain one.
#include <QtTest>

#include <random>
#include <string>
#include <vector>

#include "core/text/Tokenizer.h"

using embedlab::Tokenizer;
using Tokens = std::vector<std::string>;

namespace {

Tokens tok(std::string_view line, Tokenizer::Options options = {}) {
  Tokens out;
  Tokenizer(options).tokenize(line, out);
  return out;
}

QString show(const Tokens& t) {
  QStringList parts;
  for (const auto& s : t) parts << QString::fromStdString("[" + s + "]");
  return parts.join(QString());
}

}  // namespace

#define CHECK_TOKENS(actual, expected)                                                       \
  do {                                                                                       \
    const Tokens a_ = (actual), e_ = (expected);                                             \
    if (a_ != e_) qWarning("got %s, expected %s", qPrintable(show(a_)), qPrintable(show(e_))); \
    QCOMPARE(a_, e_);                                                                        \
  } while (0)

class TestTokenizer : public QObject {
  Q_OBJECT
 private slots:
  void asciiWordsAndLowercase() {
    CHECK_TOKENS(tok("The Quick  BROWN\tfox"), (Tokens{"the", "quick", "brown", "fox"}));
  }

  void lowercaseCanBeTurnedOff() {
    Tokenizer::Options o;
    o.lowercase = false;
    CHECK_TOKENS(tok("The ÉCOLE, Ｈi", o), (Tokens{"The", "ÉCOLE", ",", "Ｈi"}));
  }

  void accentedLatin() {
    CHECK_TOKENS(tok("École ÄPFEL Øre ÇA Ŝtato ŁÓDŹ ĲSSEL Ÿ"),
                 (Tokens{"école", "äpfel", "øre", "ça", "ŝtato", "łódź", "ĳssel", "ÿ"}));
    CHECK_TOKENS(tok("straße ẞ"), (Tokens{"straße", "ß"}));
    CHECK_TOKENS(tok("TIẾNG VIỆT"), (Tokens{"tiếng", "việt"}));
  }

  void greekAndCyrillic() {
    CHECK_TOKENS(tok("ΑΘΗΝΑ Άλφα ΏΡΑ"), (Tokens{"αθηνα", "άλφα", "ώρα"}));
    CHECK_TOKENS(tok("Москва ЁЛКА Україна ЇЖАК"), (Tokens{"москва", "ёлка", "україна", "їжак"}));
    // The final sigma stays what it is; only capitals change.
    CHECK_TOKENS(tok("ΛΟΓΟΣ λόγος"), (Tokens{"λογοσ", "λόγος"}));
  }

  void fullWidthFoldedToAscii() {
    CHECK_TOKENS(tok("ＡＢＣ"), (Tokens{"abc"}));
    CHECK_TOKENS(tok("ｈｅｌｌｏ，ｗｏｒｌｄ！１２３"), (Tokens{"hello", ",", "world", "!", "123"}));
  }

  void cjkSplitIntoCharacters() {
    CHECK_TOKENS(tok("我爱北京天安门。"), (Tokens{"我", "爱", "北", "京", "天", "安", "门", "。"}));
    CHECK_TOKENS(tok("BERT模型good"), (Tokens{"bert", "模", "型", "good"}));
    // Extension A, compatibility ideographs and Extension B are ideographs too.
    CHECK_TOKENS(tok("\xE3\x90\x80\xEF\xA4\x80\xF0\xA0\x80\x80"), (Tokens{"\xE3\x90\x80", "\xEF\xA4\x80", "\xF0\xA0\x80\x80"}));
    // Kana is not split (as in BERT); CJK punctuation is.
    CHECK_TOKENS(tok("ひらがな「カタカナ」"), (Tokens{"ひらがな", "「", "カタカナ", "」"}));
  }

  void punctuationSplitOff() {
    CHECK_TOKENS(tok("Hello, world! (yes) \"no\"; a/b"),
                 (Tokens{"hello", ",", "world", "!", "(", "yes", ")", "\"", "no", "\"", ";", "a", "/", "b"}));
    CHECK_TOKENS(tok("wait…what — “quoted” ¿qué?"),
                 (Tokens{"wait", "…", "what", "—", "“", "quoted", "”", "¿", "qué", "?"}));
    CHECK_TOKENS(tok("end..."), (Tokens{"end", ".", ".", "."}));
  }

  void punctuationDropped() {
    Tokenizer::Options o;
    o.keepPunctuation = false;
    CHECK_TOKENS(tok("Hello, world! 你好。 3.14 don't -- ok", o),
                 (Tokens{"hello", "world", "你", "好", "3.14", "don't", "ok"}));
  }

  void numbers() {
    CHECK_TOKENS(tok("pi is 3.14, about 1,000 or 1,000,000.50 units."),
                 (Tokens{"pi", "is", "3.14", ",", "about", "1,000", "or", "1,000,000.50", "units", "."}));
    CHECK_TOKENS(tok("1. 2, .5 3-4"), (Tokens{"1", ".", "2", ",", ".", "5", "3", "-", "4"}));
    CHECK_TOKENS(tok("mp3 h2o ２０２４"), (Tokens{"mp3", "h2o", "2024"}));
  }

  void contractionsAndHyphens() {
    CHECK_TOKENS(tok("Don't can't rock'n'roll l'homme"), (Tokens{"don't", "can't", "rock'n'roll", "l'homme"}));
    CHECK_TOKENS(tok("don’t"), (Tokens{"don't"}));  // typographic apostrophe folded
    CHECK_TOKENS(tok("'quoted' dogs' 'tis"), (Tokens{"'", "quoted", "'", "dogs", "'", "'", "tis"}));
    CHECK_TOKENS(tok("well-known e-mail covid-19 x--y -dash-"),
                 (Tokens{"well-known", "e-mail", "covid-19", "x", "-", "-", "y", "-", "dash", "-"}));
  }

  void whitespaceVariants() {
    CHECK_TOKENS(tok(""), Tokens{});
    CHECK_TOKENS(tok("   \t  \r "), Tokens{});
    // NBSP, ideographic space, em space; zero-width space and BOM are dropped.
    CHECK_TOKENS(tok("a\xC2\xA0" "b\xE3\x80\x80" "c\xE2\x80\x83" "d\xE2\x80\x8B" "e\xEF\xBB\xBF" "f"),
                 (Tokens{"a", "b", "c", "d", "e", "f"}));
    // Replacement characters (from repaired input) are separators, not words.
    CHECK_TOKENS(tok("caf\xEF\xBF\xBD ok"), (Tokens{"caf", "ok"}));
  }

  void invalidUtf8DoesNotCrash() {
    // The contract asks for valid UTF-8, but nothing bad may happen otherwise.
    CHECK_TOKENS(tok("a\xFF" "b \xE2\x82 c\xC3"), (Tokens{"a", "b", "c"}));
  }

  void appendsWithoutClearing() {
    Tokens out{"x"};
    Tokenizer().tokenize("y z", out);
    CHECK_TOKENS(out, (Tokens{"x", "y", "z"}));
  }

  void preTokenized() {
    Tokenizer::Options o;
    o.preTokenized = true;
    CHECK_TOKENS(tok("  The ÉCOLE,\tdon't  我爱  3.14\r\n", o), (Tokens{"The", "ÉCOLE,", "don't", "我爱", "3.14"}));
    CHECK_TOKENS(tok("", o), Tokens{});
    CHECK_TOKENS(tok(" \t ", o), Tokens{});
    // Only ASCII whitespace splits.
    CHECK_TOKENS(tok("a\xC2\xA0" "b c", o), (Tokens{"a\xC2\xA0" "b", "c"}));
  }

  void fastOverloadEqualsSlow() {
    const std::vector<std::string> lines = {
        "The Quick, BROWN fox -- don't 3.14 1,000 ÉCOLE ΑΘΗΝΑ Москва ＡＢＣ！ 我爱北京。",
        "", "   ", "a", "'", "x-", "-x", "1.", ".1", "rock’n’roll…“hi”", "\xF0\x9F\x98\x80smile\xF0\x9F\x98\x80",
        "mixed\tTABS and\xC2\xA0NBSP", "İstanbul ŞİŞLİ", "end."};
    for (int mode = 0; mode < 4; ++mode) {
      Tokenizer::Options o;
      o.preTokenized = mode == 3;
      o.lowercase = mode != 1;
      o.keepPunctuation = mode != 2;
      const Tokenizer t(o);
      std::string buffer = "stale contents";
      std::vector<std::string_view> views{"stale"};
      for (const std::string& line : lines) {
        Tokens slow;
        t.tokenize(line, slow);
        t.tokenize(line, buffer, views);
        const Tokens fast(views.begin(), views.end());
        CHECK_TOKENS(fast, slow);
        for (std::string_view v : views) {
          QVERIFY(v.data() >= buffer.data());
          QVERIFY(v.data() + v.size() <= buffer.data() + buffer.size());
        }
      }
    }
  }

  void randomLinesKeepInvariants() {
    // Random mixtures of the characters that steer the rules: the two overloads agree, tokens
    // are non-empty valid UTF-8 without whitespace, and joiners never start or end a word.
    const std::vector<std::string> alphabet = {"a", "Z", "7", " ", "\t", "'", "’", "-", ".", ",", "!", "É", "Σ", "Ж",
                                               "Ａ", "１", "我", "。", "\xC2\xA0", "\xE2\x80\x8B", "😀", "ß", "İ", "--"};
    std::mt19937 rng(5);
    for (int mode = 0; mode < 3; ++mode) {
      Tokenizer::Options o;
      o.lowercase = mode != 1;
      o.keepPunctuation = mode != 2;
      const Tokenizer t(o);
      std::string buffer;
      std::vector<std::string_view> views;
      for (int round = 0; round < 2000; ++round) {
        std::string line;
        const int n = static_cast<int>(rng() % 30);
        for (int i = 0; i < n; ++i) line += alphabet[rng() % alphabet.size()];
        Tokens slow;
        t.tokenize(line, slow);
        t.tokenize(line, buffer, views);
        QCOMPARE(Tokens(views.begin(), views.end()), slow);
        QVERIFY(buffer.size() <= line.size());
        for (const std::string& s : slow) {
          QVERIFY(!s.empty());
          const QByteArray bytes(s.data(), static_cast<qsizetype>(s.size()));
          QCOMPARE(QString::fromUtf8(bytes).toUtf8(), bytes);
          QVERIFY(s.find(' ') == std::string::npos && s.find('\t') == std::string::npos);
          if (s.size() > 1) {
            QVERIFY2(s.front() != '\'' && s.front() != '-' && s.back() != '\'' && s.back() != '-', s.c_str());
          }
        }
      }
    }
  }

  void emojiAndSymbolsAreSeparate() {
    CHECK_TOKENS(tok("happy\xF0\x9F\x98\x80" "day €5 a+b=c"),
                 (Tokens{"happy", "\xF0\x9F\x98\x80", "day", "€", "5", "a", "+", "b", "=", "c"}));
  }
};

QTEST_APPLESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
