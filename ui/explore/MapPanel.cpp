#include "ui/explore/MapPanel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/embeddings/EmbeddingSet.h"
#include "core/embeddings/NearestNeighbors.h"
#include "core/project/KMeans.h"
#include "ui/explore/MapWidget.h"
#include "ui/util/BackgroundTask.h"
#include "ui/vectors/CurrentVectors.h"

namespace embedlab::ui {

namespace {
enum ExportFormat { ExportPng, ExportSvg, ExportTsv };
constexpr int kDefaultRows = 2000;
}  // namespace

MapPanel::MapPanel(CurrentVectors* vectors, QWidget* parent) : QWidget(parent), vectors_(vectors) {
  projection_ = new ProjectionController(this);
  clusterTask_ = new BackgroundTask(this);
  map_ = new MapWidget(this);
  map_->setObjectName(QStringLiteral("embeddingMap"));

  // Rows.
  rowsBox_ = new QGroupBox(this);
  rowsMode_ = new QComboBox(rowsBox_);
  for (int i = 0; i < 4; ++i) rowsMode_->addItem(QString());
  rowsCountLabel_ = new QLabel(rowsBox_);
  rowsCount_ = new QSpinBox(rowsBox_);
  rowsCount_->setRange(3, 100000000);
  rowsCount_->setValue(kDefaultRows);
  rowsCount_->setSingleStep(500);
  rowsQuery_ = new QLineEdit(rowsBox_);
  rowsQuery_->setObjectName(QStringLiteral("mapRowsQuery"));
  auto* rowsLayout = new QFormLayout(rowsBox_);
  rowsLayout->addRow(rowsMode_);
  rowsLayout->addRow(rowsQuery_);
  rowsLayout->addRow(rowsCountLabel_, rowsCount_);

  // Projection.
  projectionBox_ = new QGroupBox(this);
  method_ = new QComboBox(projectionBox_);
  method_->addItem(QStringLiteral("PCA"));
  method_->addItem(QStringLiteral("t-SNE"));
  pcaRow_ = new QWidget(projectionBox_);
  pcaLabel_ = new QLabel(pcaRow_);
  pcaX_ = new QSpinBox(pcaRow_);
  pcaY_ = new QSpinBox(pcaRow_);
  pcaX_->setRange(1, 1);
  pcaY_->setRange(1, 2);
  pcaX_->setValue(1);
  pcaY_->setValue(2);
  auto* pcaLayout = new QHBoxLayout(pcaRow_);
  pcaLayout->setContentsMargins(0, 0, 0, 0);
  pcaLayout->addWidget(pcaLabel_);
  pcaLayout->addWidget(pcaX_);
  pcaLayout->addWidget(pcaY_);
  tsneForm_ = new QWidget(projectionBox_);
  perplexityLabel_ = new QLabel(tsneForm_);
  perplexity_ = new QDoubleSpinBox(tsneForm_);
  perplexity_->setRange(2, 200);
  perplexity_->setValue(30);
  learningRateLabel_ = new QLabel(tsneForm_);
  learningRate_ = new QDoubleSpinBox(tsneForm_);
  learningRate_->setRange(0, 100000);
  learningRate_->setDecimals(0);
  learningRate_->setSingleStep(50);
  learningRate_->setValue(0);
  iterationsLabel_ = new QLabel(tsneForm_);
  iterations_ = new QSpinBox(tsneForm_);
  iterations_->setRange(50, 100000);
  iterations_->setSingleStep(250);
  iterations_->setValue(1000);
  seedLabel_ = new QLabel(tsneForm_);
  seed_ = new QSpinBox(tsneForm_);
  seed_->setRange(0, 1000000000);
  seed_->setValue(1);
  auto* tsneLayout = new QFormLayout(tsneForm_);
  tsneLayout->setContentsMargins(0, 0, 0, 0);
  tsneLayout->addRow(perplexityLabel_, perplexity_);
  tsneLayout->addRow(learningRateLabel_, learningRate_);
  tsneLayout->addRow(iterationsLabel_, iterations_);
  tsneLayout->addRow(seedLabel_, seed_);
  run_ = new QPushButton(projectionBox_);
  run_->setObjectName(QStringLiteral("runProjection"));
  pause_ = new QPushButton(projectionBox_);
  pause_->setCheckable(true);
  stop_ = new QPushButton(projectionBox_);
  status_ = new QLabel(projectionBox_);
  status_->setWordWrap(true);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(run_);
  buttons->addWidget(pause_);
  buttons->addWidget(stop_);
  auto* projLayout = new QVBoxLayout(projectionBox_);
  projLayout->addWidget(method_);
  projLayout->addWidget(pcaRow_);
  projLayout->addWidget(tsneForm_);
  projLayout->addLayout(buttons);
  projLayout->addWidget(status_);

  // View: colouring, search, neighbours, isolate, reset, export.
  viewBox_ = new QGroupBox(this);
  colorLabel_ = new QLabel(viewBox_);
  color_ = new QComboBox(viewBox_);
  color_->addItem(QString());
  color_->addItem(QString());
  clustersLabel_ = new QLabel(viewBox_);
  clusters_ = new QSpinBox(viewBox_);
  clusters_->setRange(2, 60);
  clusters_->setValue(8);
  search_ = new QLineEdit(viewBox_);
  search_->setObjectName(QStringLiteral("mapSearch"));
  search_->setClearButtonEnabled(true);
  searchTimer_ = new QTimer(this);
  searchTimer_->setSingleShot(true);
  searchTimer_->setInterval(250);
  kLabel_ = new QLabel(viewBox_);
  k_ = new QSpinBox(viewBox_);
  k_->setRange(1, 500);
  k_->setValue(10);
  isolate_ = new QCheckBox(viewBox_);
  reset_ = new QPushButton(viewBox_);
  export_ = new QToolButton(viewBox_);
  export_->setPopupMode(QToolButton::InstantPopup);
  auto* exportMenu = new QMenu(export_);
  for (int f : {ExportPng, ExportSvg, ExportTsv})
    connect(exportMenu->addAction(QString()), &QAction::triggered, this, [this, f] { exportMap(f); });
  export_->setMenu(exportMenu);
  auto* viewLayout = new QFormLayout(viewBox_);
  viewLayout->addRow(colorLabel_, color_);
  viewLayout->addRow(clustersLabel_, clusters_);
  viewLayout->addRow(search_);
  viewLayout->addRow(kLabel_, k_);
  viewLayout->addRow(isolate_);
  auto* viewButtons = new QHBoxLayout;
  viewButtons->addWidget(reset_);
  viewButtons->addWidget(export_);
  viewLayout->addRow(viewButtons);

  message_ = new QLabel(this);
  message_->setWordWrap(true);
  message_->setVisible(false);

  auto* controls = new QWidget;
  controls_ = controls;
  auto* controlsLayout = new QVBoxLayout(controls);
  controlsLayout->addWidget(rowsBox_);
  controlsLayout->addWidget(projectionBox_);
  controlsLayout->addWidget(viewBox_);
  controlsLayout->addWidget(message_);
  controlsLayout->addStretch();
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(controls);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  controlsScroll_ = scroll;

  auto* neighboursPane = new QWidget;
  neighboursTitle_ = new QLabel(neighboursPane);
  neighbours_ = new QTableWidget(0, 4, neighboursPane);
  neighbours_->setObjectName(QStringLiteral("mapNeighboursTable"));
  neighbours_->verticalHeader()->hide();
  neighbours_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  neighbours_->setSelectionBehavior(QAbstractItemView::SelectRows);
  neighbours_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
  auto* nl = new QVBoxLayout(neighboursPane);
  nl->setContentsMargins(0, 0, 0, 0);
  nl->addWidget(neighboursTitle_);
  nl->addWidget(neighbours_, 1);

  auto* right = new QSplitter(Qt::Vertical, this);
  right->addWidget(map_);
  right->addWidget(neighboursPane);
  right->setStretchFactor(0, 4);
  right->setStretchFactor(1, 1);
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(scroll);
  split->addWidget(right);
  split->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(split);

  connect(method_, &QComboBox::currentIndexChanged, this, &MapPanel::updateState);
  connect(rowsMode_, &QComboBox::currentIndexChanged, this, &MapPanel::updateState);
  connect(run_, &QPushButton::clicked, this, [this] { runProjection(); });
  connect(rowsQuery_, &QLineEdit::returnPressed, run_, &QPushButton::click);
  connect(pause_, &QPushButton::toggled, this, [this](bool paused) {
    projection_->setPaused(paused);
    updateState();
  });
  connect(stop_, &QPushButton::clicked, projection_, &ProjectionController::cancel);
  connect(projection_, &ProjectionController::started, this, &MapPanel::updateState);
  connect(projection_, &ProjectionController::progressed, this, [this] { onProjectionUpdate(false); });
  connect(projection_, &ProjectionController::finished, this, [this] { onProjectionUpdate(true); });
  connect(projection_, &ProjectionController::failed, this, [this](const QString& m) {
    statusText_ = tr("The projection failed: %1").arg(m);
    statusIsError_ = true;
    updateState();
  });
  connect(projection_, &ProjectionController::cancelled, this, [this] {
    statusText_ = tr("Stopped.");
    statusIsError_ = false;
    updateState();
  });
  connect(color_, &QComboBox::activated, this, [this](int i) { setColoring(i == 1 ? Coloring::Clusters : Coloring::Rank); });
  connect(clusters_, &QSpinBox::editingFinished, this, [this] {
    if (color_->currentIndex() == 1) runClusters();
  });
  connect(clusterTask_, &BackgroundTask::failed, this, [this](const QString& m) { setMessage(tr("k-means failed: %1").arg(m), true); });
  connect(search_, &QLineEdit::textChanged, searchTimer_, qOverload<>(&QTimer::start));
  connect(search_, &QLineEdit::returnPressed, this, &MapPanel::applySearch);
  connect(searchTimer_, &QTimer::timeout, this, &MapPanel::applySearch);
  connect(k_, &QSpinBox::valueChanged, this, [this] {
    if (map_->currentPoint() >= 0) showNeighbours(map_->currentPoint());
  });
  connect(isolate_, &QCheckBox::toggled, map_, &MapWidget::setIsolated);
  connect(reset_, &QPushButton::clicked, map_, &MapWidget::resetView);
  connect(map_, &MapWidget::pointClicked, this, &MapPanel::onPointClicked);
  connect(neighbours_, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
    // Walk the map: the double-clicked neighbour becomes the selected point (when it is on the map).
    QTableWidgetItem* item = neighbours_->item(row, 1);
    if (item) selectWord(item->text());
  });
  connect(vectors_, &CurrentVectors::loadingStarted, this, &MapPanel::onVectorsChanged);
  connect(vectors_, &CurrentVectors::changed, this, &MapPanel::onVectorsChanged);

  retranslate();
  onVectorsChanged();
}

MapPanel::~MapPanel() {
  // Stop the workers before the widgets they report to go away (their destructors join).
  projection_->cancel();
  clusterTask_->cancel();
}

void MapPanel::retranslate() {
  rowsBox_->setTitle(tr("Words on the map"));
  rowsMode_->setItemText(0, tr("Most frequent words"));
  rowsMode_->setItemText(1, tr("Matches of a search"));
  rowsMode_->setItemText(2, tr("Neighbours of a word"));
  rowsMode_->setItemText(3, tr("All words"));
  rowsMode_->setToolTip(tr("Which rows of the vectors are projected onto the map"));
  rowsCountLabel_->setText(tr("At most:"));
  rowsCount_->setToolTip(tr("How many words to show: the most frequent ones, the most frequent matches, or the nearest neighbours"));
  rowsQuery_->setToolTip(tr("For \"Matches of a search\": a regular expression (case-insensitive); for \"Neighbours of a word\": the word"));
  projectionBox_->setTitle(tr("Projection"));
  method_->setToolTip(tr("PCA: a linear projection onto two principal components (fast, keeps global structure); "
                         "t-SNE: a non-linear map that keeps neighbourhoods (slower, animated)"));
  pcaLabel_->setText(tr("Components:"));
  pcaX_->setToolTip(tr("Principal component on the horizontal axis (1 = largest variance)"));
  pcaY_->setToolTip(tr("Principal component on the vertical axis"));
  perplexityLabel_->setText(tr("Perplexity:"));
  perplexity_->setToolTip(tr("Effective number of neighbours each point attends to (5–50 is typical; must be below the number of points)"));
  learningRateLabel_->setText(tr("Learning rate:"));
  learningRate_->setSpecialValueText(tr("auto"));
  learningRate_->setToolTip(tr("Gradient step size; auto uses max(n / 48, 50) as scikit-learn does"));
  iterationsLabel_->setText(tr("Iterations:"));
  iterations_->setToolTip(tr("Optimisation steps (the first 250 use early exaggeration)"));
  seedLabel_->setText(tr("Seed:"));
  seed_->setToolTip(tr("Random seed: the same seed and settings give the same map"));
  pause_->setToolTip(tr("Pause or resume the running t-SNE"));
  stop_->setText(tr("Stop"));
  stop_->setToolTip(tr("Stop the projection; the map keeps the coordinates reached so far"));
  viewBox_->setTitle(tr("View"));
  colorLabel_->setText(tr("Colour:"));
  color_->setItemText(0, tr("Frequency rank"));
  color_->setItemText(1, tr("k-means clusters"));
  color_->setToolTip(tr("Colour points by how frequent the word is, or by k-means clusters of the original vectors"));
  clustersLabel_->setText(tr("Clusters:"));
  clusters_->setToolTip(tr("Number of k-means clusters (computed on the original vectors, cosine geometry)"));
  search_->setPlaceholderText(tr("Search (regular expression)"));
  search_->setToolTip(tr("Highlight the words that match a regular expression, e.g. ^un or (ing|ed)$"));
  kLabel_->setText(tr("Neighbours (k):"));
  k_->setToolTip(tr("How many nearest neighbours of the clicked word to list (cosine in the original space)"));
  isolate_->setText(tr("Isolate selection"));
  isolate_->setToolTip(tr("Show only the selected, highlighted and linked points"));
  reset_->setText(tr("Reset view"));
  reset_->setToolTip(tr("Fit the whole map in the view (Home)"));
  export_->setText(tr("Export"));
  export_->setToolTip(tr("Save the current view as PNG or SVG, or the coordinates as TSV"));
  const QList<QAction*> actions = export_->menu()->actions();
  actions[ExportPng]->setText(tr("Image (PNG)…"));
  actions[ExportSvg]->setText(tr("Vector image (SVG)…"));
  actions[ExportTsv]->setText(tr("Coordinates (TSV)…"));
  map_->setToolTip(QString());
  map_->setWhatsThis(tr("Wheel or +/− to zoom, drag or arrow keys to pan, Home to fit. Click a word to list its neighbours; "
                        "Shift+click or Shift+drag to select several."));
  neighboursTitle_->setText(tr("Nearest neighbours of the clicked word (original space)"));
  neighbours_->setHorizontalHeaderLabels({tr("#"), tr("Word"), tr("Cosine"), tr("On the map")});
  neighbours_->setToolTip(tr("Double-click a neighbour to select it on the map"));
  updateState();
  if (isVisible()) fitControlsWidth();
}

void MapPanel::fitControlsWidth() {
  // The controls never scroll sideways: the column is as wide as their texts in this language.
  // Measured once shown, when the combo boxes size themselves to their items.
  controlsScroll_->setMinimumWidth(controls_->sizeHint().width() +
                                   controlsScroll_->style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 4);
}

void MapPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void MapPanel::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  fitControlsWidth();
  maybeAutoRun();
}

void MapPanel::maybeAutoRun() {
  // A first look without pressing anything: a PCA map of the most frequent words (milliseconds).
  if (!autoRunDone_ && vectors_->isReady() && map_->count() == 0 && !projection_->isRunning() &&
      method_->currentIndex() == 0) {
    autoRunDone_ = true;
    runProjection();
  }
}

void MapPanel::setMessage(const QString& text, bool error) {
  message_->setText(text);
  message_->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
  message_->setVisible(!text.isEmpty());
}

QString MapPanel::message() const { return message_->text(); }
QString MapPanel::status() const { return status_->text(); }

void MapPanel::updateState() {
  const bool ready = vectors_->isReady();
  const bool running = projection_->isRunning();
  const bool tsne = method_->currentIndex() == 1;
  pcaRow_->setVisible(!tsne);
  tsneForm_->setVisible(tsne);
  const auto rows = Rows(rowsMode_->currentIndex());
  rowsQuery_->setEnabled(rows == Rows::SearchMatches || rows == Rows::NeighboursOf);
  rowsQuery_->setPlaceholderText(rows == Rows::NeighboursOf ? tr("word") : tr("regular expression, e.g. ^[a-z]+ing$"));
  rowsCount_->setEnabled(rows != Rows::All);
  run_->setEnabled(ready);
  run_->setText(map_->count() > 0 || running ? tr("Re-run") : tr("Run"));
  run_->setToolTip(tr("Compute the map of the chosen words with these settings (restarts a running projection)"));
  pause_->setEnabled(running && projection_->method() == ProjectionController::Method::Tsne);
  if (pause_->isChecked() != (running && projection_->isPaused())) {
    const QSignalBlocker block(pause_);
    pause_->setChecked(running && projection_->isPaused());
  }
  pause_->setText(pause_->isChecked() ? tr("Resume") : tr("Pause"));
  stop_->setEnabled(running);
  if (running && statusText_.isEmpty()) statusText_ = tr("Computing…");
  status_->setText(statusText_);
  status_->setStyleSheet(statusIsError_ ? QStringLiteral("color: #b00020;") : QString());
  clustersLabel_->setEnabled(color_->currentIndex() == 1);
  clusters_->setEnabled(color_->currentIndex() == 1);
  export_->setEnabled(map_->count() > 0);
}

void MapPanel::computeRanks() {
  rank_.clear();
  byFrequency_.clear();
  const auto set = vectors_->set();
  if (!set) return;
  const int64_t n = set->rows();
  byFrequency_.resize(n);
  std::iota(byFrequency_.begin(), byFrequency_.end(), int64_t(0));
  // Counts when the set has them; otherwise the file order, which word2vec-style files sort by frequency.
  const auto& counts = set->counts();
  if (int64_t(counts.size()) == n && std::any_of(counts.begin(), counts.end(), [](int64_t c) { return c > 0; }))
    std::stable_sort(byFrequency_.begin(), byFrequency_.end(), [&](int64_t a, int64_t b) { return counts[a] > counts[b]; });
  rank_.assign(n, 0);
  for (int64_t r = 0; r < n; ++r) rank_[byFrequency_[r]] = int(r);
}

void MapPanel::onVectorsChanged() {
  // New (or no) vectors: anything computed on the old ones is void.
  projection_->cancel();
  clusterTask_->cancel();
  map_->clear();
  mapRows_.clear();
  mapIndex_.clear();
  pendingRows_.clear();
  ++mapGeneration_;
  neighbours_->setRowCount(0);
  statusText_.clear();
  statusIsError_ = false;
  setMessage(QString(), false);
  computeRanks();
  if (const auto set = vectors_->set()) {
    const int components = int(std::min<int64_t>(set->dim(), std::max<int64_t>(2, set->rows())));
    pcaX_->setRange(1, std::max(1, components));
    pcaY_->setRange(1, std::max(2, components));
    autoRunDone_ = false;
  }
  updateState();
  if (isVisible()) maybeAutoRun();
}

void MapPanel::setRows(Rows rows, const QString& query, int count) {
  rowsMode_->setCurrentIndex(int(rows));
  rowsQuery_->setText(query);
  if (count > 0) rowsCount_->setValue(count);
  updateState();
}

void MapPanel::setMethod(ProjectionController::Method method) {
  method_->setCurrentIndex(method == ProjectionController::Method::Tsne ? 1 : 0);
}

void MapPanel::setPcaComponents(int x, int y) {
  pcaX_->setValue(x + 1);
  pcaY_->setValue(y + 1);
}

void MapPanel::setTsneSettings(double perplexity, double learningRate, int iterations, int seed) {
  perplexity_->setValue(perplexity);
  learningRate_->setValue(learningRate);
  iterations_->setValue(iterations);
  seed_->setValue(seed);
}

void MapPanel::setNeighbourCount(int k) { k_->setValue(k); }

bool MapPanel::chooseRows(std::vector<int64_t>& rows, QString* error) const {
  rows.clear();
  const auto set = vectors_->set();
  const int64_t n = set->rows();
  const int64_t limit = rowsCount_->value();
  const QString query = rowsQuery_->text().trimmed();
  switch (Rows(rowsMode_->currentIndex())) {
    case Rows::TopFrequent:
      rows.assign(byFrequency_.begin(), byFrequency_.begin() + std::min(n, limit));
      break;
    case Rows::All:
      rows.resize(n);
      std::iota(rows.begin(), rows.end(), int64_t(0));
      break;
    case Rows::SearchMatches: {
      if (query.isEmpty()) {
        *error = tr("Type a regular expression to choose the words.");
        return false;
      }
      const QRegularExpression re(query, QRegularExpression::CaseInsensitiveOption);
      if (!re.isValid()) {
        *error = tr("Invalid regular expression at position %1: %2").arg(re.patternErrorOffset()).arg(re.errorString());
        return false;
      }
      for (int64_t r : byFrequency_) {  // most frequent matches first
        if (re.match(QString::fromStdString(set->label(r))).hasMatch()) rows.push_back(r);
        if (int64_t(rows.size()) >= limit) break;
      }
      if (rows.empty()) {
        *error = tr("No word matches \"%1\".").arg(query);
        return false;
      }
      break;
    }
    case Rows::NeighboursOf: {
      const int64_t row = vectors_->rowOf(query);
      if (row < 0) {
        *error = query.isEmpty() ? tr("Type a word to map its neighbours.") : tr("\"%1\" is not in the vocabulary.").arg(query);
        return false;
      }
      rows.push_back(row);
      const int k = int(std::min<int64_t>(limit - 1, n - 1));
      if (k >= 1)
        for (const Neighbor& nb : vectors_->index()->nearest(row, k)) rows.push_back(nb.row);
      break;
    }
  }
  if (rows.size() < 3) {
    *error = tr("A map needs at least 3 words; %n chosen.", nullptr, int(rows.size()));
    return false;
  }
  return true;
}

bool MapPanel::runProjection() {
  setMessage(QString(), false);
  if (!vectors_->isReady()) {
    setMessage(tr("No vectors are loaded."), true);
    return false;
  }
  std::vector<int64_t> rows;
  QString error;
  if (!chooseRows(rows, &error)) {
    setMessage(error, true);
    return false;
  }
  const auto set = vectors_->set();
  pendingRows_ = rows;
  statusIsError_ = false;
  if (method_->currentIndex() == 0) {
    const int maxComponents = int(std::min<int64_t>(set->dim(), int64_t(rows.size())));
    const int x = pcaX_->value() - 1, y = pcaY_->value() - 1;
    if (x == y || std::max(x, y) >= maxComponents) {
      setMessage(tr("Choose two different components, at most %1 for these words.").arg(maxComponents), true);
      return false;
    }
    statusText_ = tr("Computing PCA of %n word(s)…", nullptr, int(rows.size()));
    projection_->runPca(set, std::move(rows), x, y);
  } else {
    TsneOptions o;
    o.perplexity = perplexity_->value();
    o.learningRate = learningRate_->value();
    o.iterations = iterations_->value();
    o.seed = uint64_t(seed_->value());
    // Small maps run on one thread: an iteration is then a few microseconds of work, and OpenMP's
    // barriers (one thread preempted on a busy machine stalls the other) would cost more than it.
    o.threads = rows.size() < 2000 ? 1 : 0;
    // Each callback costs a copy and a KL evaluation; large maps take them less often.
    o.callbackEvery = rows.size() < 5000 ? 5 : 25;
    if (!(o.perplexity < double(rows.size()) - 1)) {
      setMessage(tr("The perplexity must be below the number of words minus one (%1).").arg(rows.size() - 1), true);
      return false;
    }
    statusText_ = tr("t-SNE: finding neighbours of %n word(s)…", nullptr, int(rows.size()));
    projection_->runTsne(set, std::move(rows), o);
  }
  updateState();
  return true;
}

void MapPanel::onProjectionUpdate(bool final) {
  const auto set = vectors_->set();
  if (!set) return;
  const std::vector<float>& xy = final ? projection_->result().xy : projection_->latest().xy;
  if (xy.size() != pendingRows_.size() * 2) return;
  if (pendingRows_ != mapRows_ || map_->count() != int(mapRows_.size())) {
    // A new set of words: new points (selection, highlight and clusters start afresh).
    mapRows_ = pendingRows_;
    ++mapGeneration_;
    mapIndex_.assign(set->rows(), -1);
    QStringList labels;
    labels.reserve(int(mapRows_.size()));
    std::vector<int> priority(mapRows_.size());
    for (size_t i = 0; i < mapRows_.size(); ++i) {
      mapIndex_[mapRows_[i]] = int(i);
      labels.push_back(QString::fromStdString(set->label(mapRows_[i])));
      priority[i] = rank_[mapRows_[i]];
    }
    map_->setPoints(xy, labels, std::move(priority));
    map_->setIsolated(isolate_->isChecked());
    neighbours_->setRowCount(0);
    if (!search_->text().isEmpty()) applySearch();
    if (color_->currentIndex() == 1) runClusters();
  } else {
    map_->setCoordinates(xy);
  }
  const QLocale locale;
  if (projection_->method() == ProjectionController::Method::Pca && final) {
    const auto& r = projection_->result();
    statusText_ = tr("PC%1: %2% and PC%3: %4% of the variance (%5 words)")
                      .arg(r.componentX + 1)
                      .arg(locale.toString(r.varianceX * 100, 'f', 1))
                      .arg(r.componentY + 1)
                      .arg(locale.toString(r.varianceY * 100, 'f', 1))
                      .arg(locale.toString(qlonglong(r.n)));
  } else if (final) {
    const auto& r = projection_->result();
    statusText_ = tr("t-SNE (%1): %2 iterations, KL %3, %4 s")
                      .arg(r.tsneMethod)
                      .arg(r.iterations)
                      .arg(locale.toString(r.kl, 'f', 3))
                      .arg(locale.toString(r.seconds, 'f', 1));
  } else {
    const auto& s = projection_->latest();
    statusText_ = tr("t-SNE: iteration %1 of %2, KL %3").arg(s.iteration).arg(s.total).arg(locale.toString(s.kl, 'f', 3));
  }
  updateState();
}

bool MapPanel::setSearch(const QString& pattern) {
  searchTimer_->stop();
  if (search_->text() != pattern) {
    const QSignalBlocker block(search_);
    search_->setText(pattern);
  }
  const QString p = pattern.trimmed();
  if (p.isEmpty()) {
    map_->setHighlight({});
    setMessage(QString(), false);
    return true;
  }
  const QRegularExpression re(p, QRegularExpression::CaseInsensitiveOption);
  if (!re.isValid()) {
    map_->setHighlight({});
    setMessage(tr("Invalid regular expression at position %1: %2").arg(re.patternErrorOffset()).arg(re.errorString()), true);
    return false;
  }
  std::vector<int> matches;
  for (int i = 0; i < map_->count(); ++i)
    if (re.match(map_->label(i)).hasMatch()) matches.push_back(i);
  setMessage(tr("%n word(s) on the map match.", nullptr, int(matches.size())), false);
  map_->setHighlight(std::move(matches));
  return true;
}

void MapPanel::applySearch() { setSearch(search_->text()); }

bool MapPanel::setColoring(Coloring coloring, int k) {
  color_->setCurrentIndex(coloring == Coloring::Clusters ? 1 : 0);
  if (k > 0) clusters_->setValue(k);
  updateState();
  if (coloring == Coloring::Rank) {
    clusterTask_->cancel();
    map_->setColorMode(MapWidget::ColorMode::Rank);
    return true;
  }
  if (map_->count() == 0) return false;  // clusters follow when a map exists
  runClusters();
  return true;
}

void MapPanel::runClusters() {
  const auto set = vectors_->set();
  if (!set || mapRows_.empty()) return;
  const int k = int(std::min<int64_t>(clusters_->value(), int64_t(mapRows_.size())));
  const std::vector<int64_t> rows = mapRows_;
  const quint64 generation = mapGeneration_;
  setMessage(tr("Clustering %n word(s)…", nullptr, int(rows.size())), false);
  clusterTask_->start([this, set, rows, k, generation](StopToken& token, const BackgroundTask::ProgressFn&) -> std::function<void()> {
    // Gather the map's rows: k-means runs on the original vectors, not on the 2-D map.
    const int d = set->dim();
    std::vector<float> data(rows.size() * size_t(d));
    for (size_t i = 0; i < rows.size(); ++i) std::copy(set->row(rows[i]), set->row(rows[i]) + d, data.begin() + int64_t(i) * d);
    KMeansOptions o;
    o.k = k;
    o.restarts = rows.size() <= 20000 ? 3 : 1;
    KMeansResult r = KMeans(o).fit(data.data(), int64_t(rows.size()), d, &token);
    if (r.cancelled) return {};
    return [this, labels = std::move(r.labels), generation, k] {
      if (generation != mapGeneration_) return;  // the map changed meanwhile
      map_->setClusters(labels);
      map_->setColorMode(color_->currentIndex() == 1 ? MapWidget::ColorMode::Cluster : MapWidget::ColorMode::Rank);
      setMessage(tr("%n cluster(s) (k-means on the original vectors).", nullptr, k), false);
    };
  });
}

void MapPanel::onPointClicked(int point) {
  if (point < 0) {
    neighbours_->setRowCount(0);
    map_->setLinks(-1, {});
    return;
  }
  showNeighbours(point);
}

void MapPanel::showNeighbours(int point) {
  const auto set = vectors_->set();
  const auto index = vectors_->index();
  if (!set || !index || point < 0 || point >= int(mapRows_.size())) return;
  const std::vector<Neighbor> result = index->nearest(mapRows_[point], k_->value());
  std::vector<int> onMap;
  neighbours_->setRowCount(int(result.size()));
  for (int i = 0; i < int(result.size()); ++i) {
    const int m = mapIndex_[result[i].row];
    if (m >= 0) onMap.push_back(m);
    auto* rank = new QTableWidgetItem(QString::number(i + 1));
    rank->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto* score = new QTableWidgetItem(QString::number(result[i].score, 'f', 4));
    score->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    neighbours_->setItem(i, 0, rank);
    neighbours_->setItem(i, 1, new QTableWidgetItem(QString::fromStdString(set->label(result[i].row))));
    neighbours_->setItem(i, 2, score);
    neighbours_->setItem(i, 3, new QTableWidgetItem(m >= 0 ? tr("yes") : tr("no")));
  }
  neighboursTitle_->setText(tr("Nearest neighbours of \"%1\" (original space, cosine)").arg(QString::fromStdString(set->label(mapRows_[point]))));
  map_->setLinks(point, std::move(onMap));
}

bool MapPanel::selectPoint(int point) {
  if (point < 0 || point >= map_->count()) return false;
  map_->clickPoint(point);  // emits pointClicked -> showNeighbours
  return true;
}

bool MapPanel::selectWord(const QString& word) {
  const int64_t row = vectors_->rowOf(word);
  if (row < 0 || row >= int64_t(mapIndex_.size()) || mapIndex_[row] < 0) {
    setMessage(tr("\"%1\" is not on the map.").arg(word.trimmed()), true);
    return false;
  }
  const int point = mapIndex_[row];
  selectPoint(point);
  const QPointF p = map_->pointPosition(point);
  if (!map_->rect().contains(p.toPoint())) map_->centerOn(point);
  return true;
}

void MapPanel::exportMap(int format) {
  static const char* const names[] = {"map.png", "map.svg", "map.tsv"};
  const QString filters[] = {tr("PNG images (*.png)"), tr("SVG images (*.svg)"), tr("Tab-separated values (*.tsv)")};
  const QString path = QFileDialog::getSaveFileName(this, tr("Export the map"), QString::fromLatin1(names[format]), filters[format]);
  if (path.isEmpty()) return;
  QString error;
  const bool ok = format == ExportPng   ? map_->exportPng(path, &error)
                  : format == ExportSvg ? map_->exportSvg(path, &error)
                                        : map_->exportTsv(path, &error);
  setMessage(ok ? tr("Saved %1.").arg(path) : error, !ok);
}

}  // namespace embedlab::ui
