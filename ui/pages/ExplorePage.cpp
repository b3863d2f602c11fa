#include "ui/pages/ExplorePage.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/embeddings/EmbeddingSet.h"
#include "core/embeddings/NearestNeighbors.h"
#include "ui/explore/MapPanel.h"
#include "ui/vectors/CurrentVectors.h"

namespace embedlab::ui {

namespace {

QTableWidget* makeResultTable(QWidget* parent) {
  auto* t = new QTableWidget(0, 3, parent);
  t->verticalHeader()->hide();
  t->setEditTriggers(QAbstractItemView::NoEditTriggers);
  t->setSelectionBehavior(QAbstractItemView::SelectRows);
  t->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
  t->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  t->setMinimumHeight(150);
  return t;
}

void fill(QTableWidget* table, const embedlab::EmbeddingSet& set, const std::vector<embedlab::Neighbor>& result) {
  table->setRowCount(static_cast<int>(result.size()));
  for (int i = 0; i < static_cast<int>(result.size()); ++i) {
    auto* rank = new QTableWidgetItem(QString::number(i + 1));
    rank->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto* score = new QTableWidgetItem(QString::number(result[i].score, 'f', 4));
    score->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    table->setItem(i, 0, rank);
    table->setItem(i, 1, new QTableWidgetItem(QString::fromStdString(set.label(result[i].row))));
    table->setItem(i, 2, score);
  }
}

}  // namespace

ExplorePage::ExplorePage(CurrentVectors* vectors, QWidget* parent) : QWidget(parent), vectors_(vectors) {
  source_ = new QLabel(this);
  source_->setWordWrap(true);
  open_ = new QPushButton(this);
  auto* top = new QHBoxLayout;
  top->addWidget(source_, 1);
  top->addWidget(open_);

  tabs_ = new QTabWidget(this);
  map_ = new MapPanel(vectors_, tabs_);
  lookups_ = new QWidget(tabs_);
  neighboursBox_ = new QGroupBox(lookups_);
  wordLabel_ = new QLabel(neighboursBox_);
  word_ = new QLineEdit(neighboursBox_);
  word_->setObjectName(QStringLiteral("neighbourWord"));
  kLabel_ = new QLabel(neighboursBox_);
  k_ = new QSpinBox(neighboursBox_);
  k_->setRange(1, 1000);
  k_->setValue(10);
  find_ = new QPushButton(neighboursBox_);
  neighboursMessage_ = new QLabel(neighboursBox_);
  neighboursMessage_->setWordWrap(true);
  neighbours_ = makeResultTable(neighboursBox_);
  neighbours_->setObjectName(QStringLiteral("neighboursTable"));
  auto* row = new QHBoxLayout;
  row->addWidget(wordLabel_);
  row->addWidget(word_, 1);
  row->addWidget(kLabel_);
  row->addWidget(k_);
  row->addWidget(find_);
  auto* nl = new QVBoxLayout(neighboursBox_);
  nl->addLayout(row);
  nl->addWidget(neighboursMessage_);
  nl->addWidget(neighbours_, 1);

  analogyBox_ = new QGroupBox(lookups_);
  a_ = new QLineEdit(analogyBox_);
  b_ = new QLineEdit(analogyBox_);
  c_ = new QLineEdit(analogyBox_);
  isTo1_ = new QLabel(analogyBox_);
  as_ = new QLabel(analogyBox_);
  isTo2_ = new QLabel(analogyBox_);
  method_ = new QComboBox(analogyBox_);
  method_->addItem(QStringLiteral("3CosAdd"));
  method_->addItem(QStringLiteral("3CosMul"));
  solve_ = new QPushButton(analogyBox_);
  analogyMessage_ = new QLabel(analogyBox_);
  analogyMessage_->setWordWrap(true);
  analogy_ = makeResultTable(analogyBox_);
  analogy_->setObjectName(QStringLiteral("analogyTable"));
  auto* arow = new QHBoxLayout;
  arow->addWidget(a_, 1);
  arow->addWidget(isTo1_);
  arow->addWidget(b_, 1);
  arow->addWidget(as_);
  arow->addWidget(c_, 1);
  arow->addWidget(isTo2_);
  auto* arow2 = new QHBoxLayout;
  arow2->addWidget(method_);
  arow2->addStretch();
  arow2->addWidget(solve_);
  auto* al = new QVBoxLayout(analogyBox_);
  al->addLayout(arow);
  al->addLayout(arow2);
  al->addWidget(analogyMessage_);
  al->addWidget(analogy_, 1);

  auto* boxes = new QHBoxLayout(lookups_);
  boxes->addWidget(neighboursBox_, 1);
  boxes->addWidget(analogyBox_, 1);
  tabs_->addTab(map_, QString());
  tabs_->addTab(lookups_, QString());
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(tabs_, 1);

  connect(open_, &QPushButton::clicked, this, &ExplorePage::openVectorsRequested);
  connect(find_, &QPushButton::clicked, this, [this] { findNeighbours(word_->text(), k_->value()); });
  connect(word_, &QLineEdit::returnPressed, find_, &QPushButton::click);
  connect(solve_, &QPushButton::clicked, this,
          [this] { solveAnalogy(a_->text(), b_->text(), c_->text(), k_->value()); });
  for (QLineEdit* e : {a_, b_, c_}) connect(e, &QLineEdit::returnPressed, solve_, &QPushButton::click);
  connect(vectors_, &CurrentVectors::loadingStarted, this, [this] { onVectorsChanged(); });
  connect(vectors_, &CurrentVectors::changed, this, &ExplorePage::onVectorsChanged);

  retranslate();
}

void ExplorePage::retranslate() {
  tabs_->setTabText(tabs_->indexOf(map_), tr("Map"));
  tabs_->setTabToolTip(tabs_->indexOf(map_), tr("PCA and t-SNE maps of the vectors"));
  tabs_->setTabText(tabs_->indexOf(lookups_), tr("Neighbours and analogies"));
  tabs_->setTabToolTip(tabs_->indexOf(lookups_), tr("Nearest neighbours of a word and analogy questions"));
  open_->setText(tr("Open vectors…"));
  open_->setToolTip(tr("Explore word vectors from a file (.vec, .txt, .bin, .tsv)"));
  neighboursBox_->setTitle(tr("Nearest neighbours"));
  wordLabel_->setText(tr("Word:"));
  word_->setPlaceholderText(tr("e.g. water"));
  word_->setToolTip(tr("A word of the vocabulary; its closest words by cosine similarity are listed"));
  kLabel_->setText(tr("k:"));
  k_->setToolTip(tr("How many results to list"));
  find_->setText(tr("&Find"));
  analogyBox_->setTitle(tr("Analogy"));
  a_->setPlaceholderText(tr("man"));
  b_->setPlaceholderText(tr("king"));
  c_->setPlaceholderText(tr("woman"));
  isTo1_->setText(tr("is to"));
  as_->setText(tr("as"));
  isTo2_->setText(tr("is to ?"));
  method_->setToolTip(tr("3CosAdd: b − a + c (Mikolov et al.); 3CosMul: multiplicative combination (Levy and Goldberg)"));
  solve_->setText(tr("&Solve"));
  const QStringList neighbourHeaders = {tr("#"), tr("Word"), tr("Cosine")};
  const QStringList analogyHeaders = {tr("#"), tr("Word"), tr("Score")};
  neighbours_->setHorizontalHeaderLabels(neighbourHeaders);
  analogy_->setHorizontalHeaderLabels(analogyHeaders);
  onVectorsChanged();
}

void ExplorePage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void ExplorePage::onVectorsChanged() {
  const bool ready = vectors_->isReady();
  find_->setEnabled(ready);
  solve_->setEnabled(ready);
  if (vectors_->isLoading()) {
    source_->setText(tr("Loading vectors: %1…").arg(vectors_->name()));
  } else if (ready) {
    const QLocale locale;
    source_->setText(tr("Vectors: <b>%1</b> — %2 words × %3 dimensions")
                         .arg(vectors_->name().toHtmlEscaped(), locale.toString(static_cast<qlonglong>(vectors_->set()->rows())))
                         .arg(vectors_->set()->dim()));
  } else if (!vectors_->lastError().isEmpty()) {
    source_->setText(QStringLiteral("<span style='color:#b00020'>%1</span>")
                         .arg(tr("Cannot load the vectors: %1").arg(vectors_->lastError()).toHtmlEscaped()));
  } else {
    source_->setText(tr("No vectors yet: train a model on the Train page (or select a finished run), or open a vectors file."));
  }
}

void ExplorePage::setMessage(QLabel* label, const QString& text, bool error) {
  label->setText(text);
  label->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
  label->setVisible(!text.isEmpty());
}

QString ExplorePage::message() const {
  return neighboursMessage_->text().isEmpty() ? analogyMessage_->text() : neighboursMessage_->text();
}

void ExplorePage::showMap() { tabs_->setCurrentWidget(map_); }
void ExplorePage::showLookups() { tabs_->setCurrentWidget(lookups_); }

bool ExplorePage::findNeighbours(const QString& word, int k) {
  showLookups();
  word_->setText(word);
  k_->setValue(k);
  neighbours_->setRowCount(0);
  if (!vectors_->isReady()) {
    setMessage(neighboursMessage_, tr("No vectors are loaded."), true);
    return false;
  }
  const int64_t row = vectors_->rowOf(word);
  if (row < 0) {
    setMessage(neighboursMessage_, tr("\"%1\" is not in the vocabulary.").arg(word.trimmed()), true);
    return false;
  }
  fill(neighbours_, *vectors_->set(), vectors_->index()->nearest(row, k));
  setMessage(neighboursMessage_, QString(), false);
  return true;
}

bool ExplorePage::solveAnalogy(const QString& a, const QString& b, const QString& c, int k) {
  showLookups();
  a_->setText(a);
  b_->setText(b);
  c_->setText(c);
  analogy_->setRowCount(0);
  if (!vectors_->isReady()) {
    setMessage(analogyMessage_, tr("No vectors are loaded."), true);
    return false;
  }
  QStringList missing;
  const int64_t ra = vectors_->rowOf(a), rb = vectors_->rowOf(b), rc = vectors_->rowOf(c);
  if (ra < 0) missing << a.trimmed();
  if (rb < 0) missing << b.trimmed();
  if (rc < 0) missing << c.trimmed();
  if (!missing.isEmpty()) {
    setMessage(analogyMessage_, tr("Not in the vocabulary: %1").arg(missing.join(QStringLiteral(", "))), true);
    return false;
  }
  const auto method = method_->currentIndex() == 1 ? AnalogyMethod::CosMul : AnalogyMethod::CosAdd;
  fill(analogy_, *vectors_->set(), vectors_->index()->analogy(ra, rb, rc, k, method));
  setMessage(analogyMessage_, QString(), false);
  return true;
}

}  // namespace embedlab::ui
