// The HTML comparison report: tables, charts and heat maps are there with the right numbers, every
// text from the data is escaped, and every inline SVG is well-formed XML.
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "core/eval/HtmlReport.h"

using namespace embedlab;

namespace {

ReportClassificationRow makeRow(const std::string& model, const std::string& task, double acc, double f1, int classes) {
  ReportClassificationRow r;
  r.model = model;
  r.task = task;
  r.features = "tfidf";
  r.metrics.accuracy = acc;
  r.metrics.macroF1 = f1;
  for (int c = 0; c < classes; ++c) {
    r.labels.push_back("class" + std::to_string(c));
    ClassMetrics m;
    m.precision = 0.5;
    m.recall = 0.25;
    m.f1 = 1.0 / 3.0;
    m.support = 10 + c;
    r.metrics.perClass.push_back(m);
    std::vector<int64_t> row(static_cast<size_t>(classes), 1);
    row[static_cast<size_t>(c)] = 7;
    r.metrics.confusion.push_back(row);
  }
  r.trainSeconds = 1.25;
  r.inferenceSeconds = 0.5;
  return r;
}

int count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
  return n;
}

}  // namespace

class TestHtmlReport : public QObject {
  Q_OBJECT

 private slots:
  void escapes() {
    QCOMPARE(htmlEscape("a<b>&\"c'"), std::string("a&lt;b&gt;&amp;&quot;c&#39;"));
    ReportData data;
    data.title = "<script>alert(1)</script>";
    data.classification.push_back(makeRow("evil <img src=x>", "spam & ham", 0.9, 0.8, 2));
    const std::string html = renderHtmlReport(data);
    QVERIFY(html.find("<script>") == std::string::npos);
    QVERIFY(html.find("<img") == std::string::npos);
    QVERIFY(html.find("evil &lt;img src=x&gt;") != std::string::npos);
    QVERIFY(html.find("spam &amp; ham") != std::string::npos);
  }

  void tablesChartsAndHeatmaps() {
    ReportData data;
    data.subtitle = "test run";
    data.commands = {"embedlab-cli report --runs a --task t"};
    data.classification.push_back(makeRow("TF-IDF", "spam", 0.98, 0.97, 2));
    data.classification.push_back(makeRow("word2vec", "spam", 0.91, 0.90, 2));
    data.classification.push_back(makeRow("TF-IDF", "supersense", 0.75, 0.73, 5));
    data.classification.push_back(makeRow("word2vec", "supersense", 0.62, NAN, 5));  // a missing value
    ReportIntrinsicRow intrinsic;
    intrinsic.model = "word2vec";
    intrinsic.hasAnalogy = true;
    intrinsic.analogyAccuracy = 0.1836;
    intrinsic.analogyCorrect = 1436;
    intrinsic.analogyTotal = 7821;
    data.intrinsic.push_back(intrinsic);
    const std::string html = renderHtmlReport(data);

    // Table: one data row per result, best per task in bold.
    QCOMPARE(count(html, "<tr><td>spam</td>"), 2);
    QCOMPARE(count(html, "<tr><td>supersense</td>"), 2);
    QVERIFY(html.find("<td class=\"num best\">0.9800</td>") != std::string::npos);
    QVERIFY(html.find("<td class=\"num best\">0.7500</td>") != std::string::npos);
    QVERIFY(html.find("<td class=\"num\">0.9100</td>") != std::string::npos);
    // Charts: accuracy has 4 bars, macro-F1 3 (the NaN is left out, not drawn as 0).
    QCOMPARE(count(html, " on spam: "), 4);
    QCOMPARE(count(html, " on supersense: "), 3);
    // Heat maps: 2x2 twice and 5x5 twice.
    QCOMPARE(count(html, "<title>true "), 2 * 4 + 2 * 25);
    QVERIFY(html.find("<title>true class1, predicted class1: 7</title>") != std::string::npos);
    QVERIFY(html.find("1436 / 7821") != std::string::npos);
    QVERIFY(html.find("embedlab-cli report --runs a --task t") != std::string::npos);

    // Every SVG is well-formed XML.
    int svgs = 0;
    for (size_t pos = html.find("<svg"); pos != std::string::npos; pos = html.find("<svg", pos + 1)) {
      const size_t end = html.find("</svg>", pos);
      QVERIFY(end != std::string::npos);
      QXmlStreamReader xml(QByteArray::fromStdString(html.substr(pos, end + 6 - pos)));
      while (!xml.atEnd()) xml.readNext();
      QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
      ++svgs;
    }
    QCOMPARE(svgs, 2 + 4);
  }

  void writesAtomically() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("report.html").toStdString();
    ReportData data;
    data.classification.push_back(makeRow("TF-IDF", "spam", 0.98, 0.97, 2));
    writeHtmlReport(path, data);
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    QCOMPARE(ss.str(), renderHtmlReport(data));
    QVERIFY_THROWS_EXCEPTION(std::exception, writeHtmlReport(dir.filePath("missing/dir/report.html").toStdString(), data));
  }
};

QTEST_APPLESS_MAIN(TestHtmlReport)
#include "test_html_report.moc"
