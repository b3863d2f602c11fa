#include "ui/pages/BertPage.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <string>
#include <vector>

#include "core/embeddings/EmbeddingSet.h"
#include "core/text/CorpusReader.h"
#include "ui/bert/AttentionHeatmap.h"
#include "ui/bert/BertSession.h"
#include "ui/util/BackgroundTask.h"

namespace embedlab::ui {

namespace {

// The lines among the first `sample` non-empty lines of the corpus files that may contain `word`
// (a cheap case-insensitive filter; the model's tokenizer decides what is really an occurrence),
// with their numbers among those non-empty lines.
struct Sample {
  std::vector<std::string> lines;
  std::vector<int64_t> numbers;
};

Sample corpusSample(const QStringList& files, const QString& word, int sample, StopToken& token,
                    const BackgroundTask::ProgressFn& progress) {
  Sample out;
  const QString needle = word.toLower();
  int seen = 0;
  for (const QString& file : files) {
    CorpusReader reader(file.toStdString());
    std::string line;
    while (seen < sample && reader.nextLine(line)) {
      if (token.stopRequested()) return {};
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      if (QString::fromUtf8(line.data(), qsizetype(line.size())).toLower().contains(needle)) {
        out.lines.push_back(line);
        out.numbers.push_back(seen);
      }
      ++seen;
      if (seen % 256 == 0) progress(0.2 * seen / sample);
    }
    if (seen >= sample) break;
  }
  return out;
}

QString tokenChips(const BertSentenceAnalysis& a) {
  // WordPieces as chips: continuation pieces (##) tinted, the pair's tokens in another colour.
  QStringList chips;
  for (int i = 0; i < a.tokens.size(); ++i) {
    const QString& t = a.tokens[i];
    const bool special = t.startsWith(QLatin1Char('[')) && t.endsWith(QLatin1Char(']'));
    const bool piece = t.startsWith(QLatin1String("##"));
    const bool second = i < int(a.typeIds.size()) && a.typeIds[size_t(i)] == 1;
    const char* bg = special ? "#e8e8e8" : piece ? "#fde2c4" : second ? "#d7ecd9" : "#dbe8f6";
    chips << QStringLiteral("<span style=\"background:%1;\">&nbsp;%2&nbsp;</span>").arg(QLatin1String(bg), t.toHtmlEscaped());
  }
  return chips.join(QLatin1Char(' '));
}

}  // namespace

BertPage::BertPage(QWidget* parent) : QWidget(parent) {
  modelTask_ = new BackgroundTask(this);
  contextTask_ = new BackgroundTask(this);

  modelPath_ = new QLineEdit(this);
  modelPath_->setObjectName(QStringLiteral("bertModelPath"));
  browse_ = new QPushButton(this);
  browse_->setObjectName(QStringLiteral("bertBrowse"));
  modelInfo_ = new QLabel(this);
  modelInfo_->setObjectName(QStringLiteral("bertModelInfo"));
  message_ = new QLabel(this);
  message_->setObjectName(QStringLiteral("bertMessage"));
  message_->setWordWrap(true);
  message_->hide();
  auto* modelRow = new QHBoxLayout;
  modelRow->addWidget(modelPath_, 1);
  modelRow->addWidget(browse_);
  modelRow->addWidget(modelInfo_);

  sentenceLabel_ = new QLabel(this);
  sentence_ = new QLineEdit(this);
  sentence_->setObjectName(QStringLiteral("bertSentence"));
  pairLabel_ = new QLabel(this);
  pair_ = new QLineEdit(this);
  pair_->setObjectName(QStringLiteral("bertPair"));
  analyze_ = new QPushButton(this);
  analyze_->setObjectName(QStringLiteral("bertAnalyze"));
  auto* input = new QGridLayout;
  input->addWidget(sentenceLabel_, 0, 0);
  input->addWidget(sentence_, 0, 1);
  input->addWidget(pairLabel_, 1, 0);
  input->addWidget(pair_, 1, 1);
  input->addWidget(analyze_, 0, 2, 2, 1);
  tokensTitle_ = new QLabel(this);
  tokens_ = new QLabel(this);
  tokens_->setObjectName(QStringLiteral("bertTokens"));
  tokens_->setWordWrap(true);
  tokens_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  tokens_->setTextFormat(Qt::RichText);
  input->addWidget(tokensTitle_, 2, 0, Qt::AlignTop);
  input->addWidget(tokens_, 2, 1, 1, 2);

  tabs_ = new QTabWidget(this);
  // Attention.
  auto* attTab = new QWidget(tabs_);
  attLayerLabel_ = new QLabel(attTab);
  attLayer_ = new QComboBox(attTab);
  attLayer_->setObjectName(QStringLiteral("attentionLayer"));
  attHeadLabel_ = new QLabel(attTab);
  attHead_ = new QComboBox(attTab);
  attHead_->setObjectName(QStringLiteral("attentionHead"));
  attention_ = new AttentionHeatmap(attTab);
  attention_->setObjectName(QStringLiteral("attentionHeatmap"));
  auto* attPick = new QHBoxLayout;
  attPick->addWidget(attLayerLabel_);
  attPick->addWidget(attLayer_);
  attPick->addSpacing(12);
  attPick->addWidget(attHeadLabel_);
  attPick->addWidget(attHead_);
  attPick->addStretch(1);
  auto* attLayout = new QVBoxLayout(attTab);
  attLayout->addLayout(attPick);
  attLayout->addWidget(attention_, 1);
  tabs_->addTab(attTab, QString());
  // Token similarity.
  auto* simTab = new QWidget(tabs_);
  simLayerLabel_ = new QLabel(simTab);
  simLayer_ = new QComboBox(simTab);
  simLayer_->setObjectName(QStringLiteral("similarityLayer"));
  similarity_ = new AttentionHeatmap(simTab);
  similarity_->setObjectName(QStringLiteral("similarityHeatmap"));
  similarity_->setRamp(AttentionHeatmap::Ramp::Diverging);
  similarity_->setValueRange(-1, 1);
  auto* simPick = new QHBoxLayout;
  simPick->addWidget(simLayerLabel_);
  simPick->addWidget(simLayer_);
  simPick->addStretch(1);
  auto* simLayout = new QVBoxLayout(simTab);
  simLayout->addLayout(simPick);
  simLayout->addWidget(similarity_, 1);
  tabs_->addTab(simTab, QString());
  // Contexts of a word in the corpus sample.
  auto* ctxTab = new QWidget(tabs_);
  wordLabel_ = new QLabel(ctxTab);
  word_ = new QLineEdit(ctxTab);
  word_->setObjectName(QStringLiteral("contextWord"));
  sampleLabel_ = new QLabel(ctxTab);
  sample_ = new QSpinBox(ctxTab);
  sample_->setObjectName(QStringLiteral("contextSample"));
  sample_->setRange(10, 1000000);
  sample_->setValue(5000);
  sample_->setSingleStep(1000);
  ctxLayerLabel_ = new QLabel(ctxTab);
  ctxLayer_ = new QComboBox(ctxTab);
  ctxLayer_->setObjectName(QStringLiteral("contextLayer"));
  collect_ = new QPushButton(ctxTab);
  collect_->setObjectName(QStringLiteral("contextCollect"));
  cancelCollect_ = new QPushButton(ctxTab);
  ctxProgress_ = new QProgressBar(ctxTab);
  ctxProgress_->setRange(0, 1000);
  ctxProgress_->setTextVisible(false);
  ctxProgress_->hide();
  ctxResult_ = new QLabel(ctxTab);
  ctxResult_->setObjectName(QStringLiteral("contextResult"));
  ctxResult_->setWordWrap(true);
  send_ = new QPushButton(ctxTab);
  send_->setObjectName(QStringLiteral("contextSend"));
  auto* form = new QFormLayout;
  form->addRow(wordLabel_, word_);
  form->addRow(sampleLabel_, sample_);
  form->addRow(ctxLayerLabel_, ctxLayer_);
  auto* ctxButtons = new QHBoxLayout;
  ctxButtons->addWidget(collect_);
  ctxButtons->addWidget(cancelCollect_);
  ctxButtons->addWidget(ctxProgress_, 1);
  ctxButtons->addWidget(send_);
  auto* ctxLayout = new QVBoxLayout(ctxTab);
  ctxLayout->addLayout(form);
  ctxLayout->addLayout(ctxButtons);
  ctxLayout->addWidget(ctxResult_);
  ctxLayout->addStretch(1);
  tabs_->addTab(ctxTab, QString());

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(modelRow);
  layout->addWidget(message_);
  layout->addLayout(input);
  layout->addWidget(tabs_, 1);

  connect(browse_, &QPushButton::clicked, this, &BertPage::openModelInteractive);
  connect(modelPath_, &QLineEdit::returnPressed, this, [this] { openModel(modelPath_->text().trimmed()); });
  connect(analyze_, &QPushButton::clicked, this, &BertPage::analyze);
  connect(sentence_, &QLineEdit::returnPressed, this, &BertPage::analyze);
  connect(pair_, &QLineEdit::returnPressed, this, &BertPage::analyze);
  connect(sentence_, &QLineEdit::textChanged, this, &BertPage::updateButtons);
  connect(word_, &QLineEdit::textChanged, this, &BertPage::updateButtons);
  connect(word_, &QLineEdit::returnPressed, this, &BertPage::collectOccurrences);
  connect(attLayer_, &QComboBox::currentIndexChanged, this, &BertPage::updateAttention);
  connect(attHead_, &QComboBox::currentIndexChanged, this, &BertPage::updateAttention);
  connect(simLayer_, &QComboBox::currentIndexChanged, this, &BertPage::updateSimilarity);
  connect(collect_, &QPushButton::clicked, this, &BertPage::collectOccurrences);
  connect(cancelCollect_, &QPushButton::clicked, contextTask_, &BackgroundTask::cancel);
  connect(send_, &QPushButton::clicked, this, [this] {
    if (occurrences_) emit sendToExplorer(occurrences_);
  });
  connect(modelTask_, &BackgroundTask::failed, this, [this](const QString& message) {
    showMessage(message, true);
    updateButtons();
    emit failed(message);
  });
  connect(modelTask_, &BackgroundTask::cancelled, this, &BertPage::updateButtons);
  connect(modelTask_, &BackgroundTask::succeeded, this, &BertPage::updateButtons);
  connect(contextTask_, &BackgroundTask::progressed, this,
          [this](double f) { ctxProgress_->setValue(static_cast<int>(f * 1000)); });
  connect(contextTask_, &BackgroundTask::failed, this, [this](const QString& message) {
    ctxProgress_->hide();
    ctxResult_->setText(tr("Could not collect the contexts: %1").arg(message));
    updateButtons();
    emit failed(message);
  });
  connect(contextTask_, &BackgroundTask::cancelled, this, [this] {
    ctxProgress_->hide();
    ctxResult_->setText(tr("Stopped."));
    updateButtons();
  });

  retranslate();
  if (!BertSession::available())
    showMessage(tr("BERT model support is not built yet in this version of EmbedLab: models cannot be "
                   "opened on this page."),
                true);
  updateButtons();
}

BertPage::~BertPage() = default;

void BertPage::retranslate() {
  modelPath_->setPlaceholderText(tr("A model directory with config.json, model.safetensors and vocab.txt"));
  browse_->setText(tr("Open model…"));
  if (!session_) modelInfo_->setText(tr("No model"));
  sentenceLabel_->setText(tr("Sentence:"));
  sentence_->setPlaceholderText(tr("e.g. She sat on the bank of the river."));
  pairLabel_->setText(tr("Pair:"));
  pair_->setPlaceholderText(tr("optional second sentence"));
  analyze_->setText(tr("&Run"));
  tokensTitle_->setText(tr("Tokens:"));
  tabs_->setTabText(0, tr("Attention"));
  tabs_->setTabText(1, tr("Token similarity"));
  tabs_->setTabText(2, tr("Contexts in the corpus"));
  attLayerLabel_->setText(tr("Layer:"));
  attHeadLabel_->setText(tr("Head:"));
  simLayerLabel_->setText(tr("Vectors of:"));
  similarity_->setToolTip(tr("Cosine similarity between the tokens' contextual vectors"));
  wordLabel_->setText(tr("Word:"));
  word_->setPlaceholderText(tr("e.g. bank"));
  sampleLabel_->setText(tr("Corpus sample:"));
  sample_->setSuffix(tr(" lines"));
  sample_->setToolTip(tr("How many lines from the start of the current corpus are searched"));
  ctxLayerLabel_->setText(tr("Vectors of:"));
  collect_->setText(tr("&Collect"));
  cancelCollect_->setText(tr("Stop"));
  send_->setText(tr("Send to Explorer"));
  send_->setToolTip(tr("Show the occurrences on the Explore page: neighbours and maps"));
  fillLayerCombos();
}

void BertPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void BertPage::fillLayerCombos() {
  const int L = session_ ? session_->layers() : 0, H = session_ ? session_->heads() : 0;
  auto refill = [](QComboBox* combo, const std::vector<std::pair<QString, int>>& items) {
    const QVariant keep = combo->currentData();
    const QSignalBlocker block(combo);
    combo->clear();
    for (const auto& [text, data] : items) combo->addItem(text, data);
    const int i = combo->findData(keep);
    combo->setCurrentIndex(i >= 0 ? i : 0);
  };
  std::vector<std::pair<QString, int>> att{{tr("Mean of all layers"), AttentionHeatmap::kMean}};
  for (int l = 0; l < L; ++l) att.push_back({tr("Layer %1").arg(l + 1), l});
  refill(attLayer_, att);
  std::vector<std::pair<QString, int>> heads{{tr("Mean of all heads"), AttentionHeatmap::kMean}};
  for (int h = 0; h < H; ++h) heads.push_back({tr("Head %1").arg(h + 1), h});
  refill(attHead_, heads);
  std::vector<std::pair<QString, int>> vec{{tr("Mean of the last four layers"), BertLayerChoice::kLastFourMean},
                                           {tr("Embeddings (layer 0)"), 0}};
  for (int l = 1; l <= L; ++l) vec.push_back({tr("Layer %1").arg(l), l});
  refill(simLayer_, vec);
  refill(ctxLayer_, vec);
}

int BertPage::layerChoice(const QComboBox* combo) const {
  const QVariant v = combo->currentData();
  return v.isValid() ? v.toInt() : BertLayerChoice::kLastFourMean;
}

bool BertPage::isBusy() const { return modelTask_->isRunning() || contextTask_->isRunning(); }

QString BertPage::messageText() const { return message_->text(); }

void BertPage::showMessage(const QString& text, bool error) {
  message_->setText(text);
  message_->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
  message_->setVisible(!text.isEmpty());
}

void BertPage::updateButtons() {
  const bool supported = BertSession::available();
  const bool loading = modelTask_->isRunning();
  modelPath_->setEnabled(supported && !loading);
  browse_->setEnabled(supported && !loading);
  analyze_->setEnabled(session_ && !loading && !sentence_->text().trimmed().isEmpty());
  const bool collecting = contextTask_->isRunning();
  collect_->setEnabled(session_ && !collecting && !word_->text().trimmed().isEmpty() && !corpusFiles_.isEmpty());
  collect_->setToolTip(corpusFiles_.isEmpty() ? tr("No corpus: choose one on the Data page first.") : QString());
  cancelCollect_->setEnabled(collecting);
  send_->setEnabled(occurrences_ && !occurrences_->empty() && !collecting);
}

void BertPage::setCorpusFiles(const QStringList& files) {
  corpusFiles_ = files;
  updateButtons();
}

void BertPage::setSentence(const QString& text, const QString& pair) {
  sentence_->setText(text);
  pair_->setText(pair);
}

void BertPage::setWord(const QString& word) { word_->setText(word); }
void BertPage::setSampleSize(int sentences) { sample_->setValue(sentences); }

void BertPage::openModelInteractive() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a BERT model directory"), modelPath_->text());
  if (!dir.isEmpty()) openModel(dir);
}

bool BertPage::openModel(const QString& directory) {
  if (!BertSession::available() || directory.isEmpty()) return false;
  modelPath_->setText(QDir::toNativeSeparators(directory));
  showMessage(tr("Loading %1…").arg(QFileInfo(directory).fileName()), false);
  contextTask_->cancel();
  modelTask_->start([this, directory](StopToken&, const BackgroundTask::ProgressFn&) -> std::function<void()> {
    std::shared_ptr<BertSession> session = BertSession::open(directory);
    return [this, session] {
      session_ = session;
      analysis_.reset();
      occurrences_.reset();
      attention_->clear();
      similarity_->clear();
      tokens_->clear();
      ctxResult_->clear();
      modelInfo_->setText(session->summary());
      showMessage(QString(), false);
      fillLayerCombos();
      emit statusMessage(tr("BERT model loaded: %1").arg(session->summary()));
      emit modelLoaded();
    };
  });
  updateButtons();
  return true;
}

bool BertPage::analyze() {
  if (!session_ || modelTask_->isRunning()) return false;
  const QString text = sentence_->text().trimmed(), pair = pair_->text().trimmed();
  if (text.isEmpty()) return false;
  std::shared_ptr<const BertSession> session = session_;
  modelTask_->start([this, session, text, pair](StopToken&, const BackgroundTask::ProgressFn&) -> std::function<void()> {
    auto result = std::make_shared<BertSentenceAnalysis>(session->analyze(text, pair));
    return [this, result] {
      analysis_ = std::make_unique<BertSentenceAnalysis>(std::move(*result));
      showMessage(QString(), false);
      showAnalysis();
      emit analysisReady();
    };
  });
  updateButtons();
  return true;
}

void BertPage::showAnalysis() {
  if (!analysis_) return;
  tokens_->setText(tokenChips(*analysis_));
  if (!attention_->setAttention(analysis_->tokens, analysis_->layers, analysis_->heads, analysis_->attentions))
    attention_->clear();
  updateAttention();
  updateSimilarity();
}

void BertPage::updateAttention() {
  attention_->setLayer(layerChoice(attLayer_));
  attention_->setHead(layerChoice(attHead_));
  const QString layer = attention_->layer() == AttentionHeatmap::kMean ? tr("mean of all layers")
                                                                       : tr("layer %1").arg(attention_->layer() + 1);
  const QString head = attention_->head() == AttentionHeatmap::kMean ? tr("mean of all heads")
                                                                     : tr("head %1").arg(attention_->head() + 1);
  attention_->setTitle(analysis_ ? tr("Attention, %1, %2 (row: from, column: to)").arg(layer, head) : QString());
}

void BertPage::updateSimilarity() {
  if (!analysis_) {
    similarity_->clear();
    return;
  }
  const int T = static_cast<int>(analysis_->tokens.size());
  const std::vector<float> x = BertSession::layerVectors(*analysis_, BertLayerChoice{layerChoice(simLayer_)});
  if (x.empty() || T == 0) {
    similarity_->clear();
    return;
  }
  similarity_->setMatrix(analysis_->tokens, BertSession::cosineMatrix(x.data(), T, analysis_->hidden));
  similarity_->setTitle(tr("Cosine similarity of the tokens' vectors (%1)").arg(simLayer_->currentText()));
}

bool BertPage::collectOccurrences() {
  if (!session_ || contextTask_->isRunning() || corpusFiles_.isEmpty()) return false;
  const QString word = word_->text().trimmed();
  if (word.isEmpty()) return false;
  const QStringList files = corpusFiles_;
  const int sample = sample_->value();
  const BertLayerChoice layer{layerChoice(ctxLayer_)};
  const QString layerName = ctxLayer_->currentText();
  std::shared_ptr<const BertSession> session = session_;
  occurrences_.reset();
  ctxProgress_->setValue(0);
  ctxProgress_->show();
  ctxResult_->setText(tr("Reading the corpus sample…"));
  contextTask_->start([this, session, word, files, sample, layer, layerName](
                          StopToken& token, const BackgroundTask::ProgressFn& progress) -> std::function<void()> {
    const Sample lines = corpusSample(files, word, sample, token, progress);
    if (token.stopRequested()) return {};
    std::shared_ptr<EmbeddingSet> set = session->occurrences(
        word, lines.lines, lines.numbers, layer, token, [&progress](double f) { progress(0.2 + 0.8 * f); });
    if (!set) return {};
    return [this, set, word, sample, layerName] {
      occurrences_ = set;
      ctxProgress_->hide();
      if (set->empty())
        ctxResult_->setText(tr("\"%1\" does not occur in the first %2 lines of the corpus.")
                                .arg(word, QLocale().toString(sample)));
      else
        ctxResult_->setText(tr("%n occurrence(s) of \"%1\" in the first %2 lines (%3, %4 dimensions).", nullptr,
                               static_cast<int>(set->rows()))
                                .arg(word, QLocale().toString(sample), layerName)
                                .arg(set->dim()));
      updateButtons();
      emit occurrencesReady();
    };
  });
  updateButtons();
  return true;
}

}  // namespace embedlab::ui
