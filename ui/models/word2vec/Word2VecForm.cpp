#include "ui/models/word2vec/Word2VecForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QThread>

#include <cmath>

namespace embedlab::ui {

namespace {

QSpinBox* makeSpin(QWidget* parent, int min, int max) {
  auto* s = new QSpinBox(parent);
  s->setRange(min, max);
  s->setAccelerated(true);
  return s;
}

// A number typed as text ("1e-3" is easier to type than a spin box allows); nullopt-like NaN when
// it does not parse.
double parseNumber(const QString& text) {
  bool ok = false;
  const double v = text.trimmed().toDouble(&ok);
  return ok ? v : std::nan("");
}

}  // namespace

Word2VecForm::Word2VecForm(QWidget* parent) : ModelOptionsForm(parent) {
  layout_ = new QFormLayout(this);
  layout_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

  arch_ = new QComboBox(this);
  arch_->addItem(QString(), QStringLiteral("skipgram"));
  arch_->addItem(QString(), QStringLiteral("cbow"));
  arch_->setObjectName(QStringLiteral("arch"));
  loss_ = new QComboBox(this);
  loss_->addItem(QString(), QStringLiteral("ns"));
  loss_->addItem(QString(), QStringLiteral("hs"));
  loss_->setObjectName(QStringLiteral("loss"));
  dim_ = makeSpin(this, 1, 2000);
  dim_->setObjectName(QStringLiteral("dim"));
  window_ = makeSpin(this, 1, 100);
  window_->setObjectName(QStringLiteral("window"));
  negative_ = makeSpin(this, 0, 100);
  negative_->setObjectName(QStringLiteral("negative"));
  epochs_ = makeSpin(this, 1, 1000);
  epochs_->setObjectName(QStringLiteral("epochs"));
  minCount_ = makeSpin(this, 1, 1000000000);
  minCount_->setObjectName(QStringLiteral("min_count"));
  maxVocab_ = makeSpin(this, 0, 1000000000);
  maxVocab_->setObjectName(QStringLiteral("max_vocab"));
  sample_ = new QLineEdit(this);
  sample_->setObjectName(QStringLiteral("sample"));
  alpha_ = new QLineEdit(this);
  alpha_->setObjectName(QStringLiteral("alpha"));
  threads_ = makeSpin(this, 0, 256);
  threads_->setObjectName(QStringLiteral("threads"));
  seed_ = makeSpin(this, 0, 2000000000);
  seed_->setObjectName(QStringLiteral("seed"));
  preTokenized_ = new QCheckBox(this);
  preTokenized_->setObjectName(QStringLiteral("pretokenized"));

  for (QWidget* w : {static_cast<QWidget*>(arch_), static_cast<QWidget*>(loss_), static_cast<QWidget*>(dim_),
                     static_cast<QWidget*>(window_), static_cast<QWidget*>(negative_),
                     static_cast<QWidget*>(epochs_), static_cast<QWidget*>(minCount_),
                     static_cast<QWidget*>(maxVocab_), static_cast<QWidget*>(sample_),
                     static_cast<QWidget*>(alpha_), static_cast<QWidget*>(threads_),
                     static_cast<QWidget*>(seed_), static_cast<QWidget*>(preTokenized_)})
    layout_->addRow(new QLabel(this), w);

  restoreDefaults();
  retranslate();

  auto emitChanged = [this] { emit changed(); };
  connect(arch_, &QComboBox::currentIndexChanged, this, emitChanged);
  connect(loss_, &QComboBox::currentIndexChanged, this, [this] {
    negative_->setEnabled(loss_->currentData().toString() == QLatin1String("ns"));
    emit changed();
  });
  for (QSpinBox* s : {dim_, window_, negative_, epochs_, minCount_, maxVocab_, threads_, seed_})
    connect(s, &QSpinBox::valueChanged, this, emitChanged);
  connect(sample_, &QLineEdit::textChanged, this, emitChanged);
  connect(alpha_, &QLineEdit::textChanged, this, emitChanged);
  connect(preTokenized_, &QCheckBox::toggled, this, emitChanged);
}

void Word2VecForm::retranslate() {
  arch_->setItemText(0, tr("Skip-gram"));
  arch_->setItemText(1, tr("CBOW"));
  loss_->setItemText(0, tr("Negative sampling"));
  loss_->setItemText(1, tr("Hierarchical softmax"));
  maxVocab_->setSpecialValueText(tr("no limit"));
  threads_->setSpecialValueText(tr("all cores"));
  alpha_->setPlaceholderText(tr("auto"));
  preTokenized_->setText(tr("split on whitespace only"));

  struct Row { QWidget* field; QString label; QString tip; };
  const Row rows[] = {
      {arch_, tr("Architecture"),
       tr("Skip-gram predicts the context words from each word (better for rare words); CBOW predicts "
          "a word from the average of its context (faster).")},
      {loss_, tr("Output layer"),
       tr("Negative sampling contrasts each true pair with a few random noise words; hierarchical "
          "softmax walks a Huffman tree over the vocabulary.")},
      {dim_, tr("Dimensions"), tr("Length of each word vector. 100–300 is usual; small values train faster.")},
      {window_, tr("Window"),
       tr("Largest distance between a word and a context word. The effective window is drawn from 1 "
          "to this value for every word, so near words count more.")},
      {negative_, tr("Negative samples"),
       tr("Noise words per true pair with negative sampling (5–20 for small corpora, 2–5 for large ones).")},
      {epochs_, tr("Epochs"), tr("How many times the whole corpus is read.")},
      {minCount_, tr("Minimum count"), tr("Words seen fewer times than this are left out of the vocabulary.")},
      {maxVocab_, tr("Maximum vocabulary"), tr("Keep only this many of the most frequent words (0: no limit).")},
      {sample_, tr("Subsampling"),
       tr("Threshold for randomly skipping very frequent words (e.g. 1e-3 or 1e-5); 0 turns it off.")},
      {alpha_, tr("Learning rate"),
       tr("Starting learning rate, decayed linearly to zero. Empty: 0.025 for skip-gram, 0.05 for CBOW.")},
      {threads_, tr("Threads"),
       tr("Worker threads (0: all cores). One thread with a fixed seed gives identical vectors every time.")},
      {seed_, tr("Seed"), tr("Seed of the random number generators.")},
      {preTokenized_, tr("Pre-tokenized corpus"),
       tr("Split lines on whitespace only and keep the text as it is (for corpora tokenized elsewhere).")},
  };
  for (const Row& r : rows) {
    r.field->setToolTip(r.tip);
    if (auto* label = qobject_cast<QLabel*>(layout_->labelForField(r.field))) {
      label->setText(r.label + QLatin1Char(':'));
      label->setToolTip(r.tip);
    }
  }
}

void Word2VecForm::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  ModelOptionsForm::changeEvent(event);
}

void Word2VecForm::restoreDefaults() {
  arch_->setCurrentIndex(0);
  loss_->setCurrentIndex(0);
  dim_->setValue(100);
  window_->setValue(5);
  negative_->setValue(5);
  negative_->setEnabled(true);
  epochs_->setValue(5);
  minCount_->setValue(5);
  maxVocab_->setValue(0);
  sample_->setText(QStringLiteral("1e-3"));
  alpha_->clear();
  threads_->setValue(qMax(1, QThread::idealThreadCount()));
  seed_->setValue(1);
  preTokenized_->setChecked(false);
}

QVariantMap Word2VecForm::values() const {
  QVariantMap v;
  v[QStringLiteral("arch")] = arch_->currentData();
  v[QStringLiteral("loss")] = loss_->currentData();
  v[QStringLiteral("dim")] = dim_->value();
  v[QStringLiteral("window")] = window_->value();
  v[QStringLiteral("negative")] = negative_->value();
  v[QStringLiteral("epochs")] = epochs_->value();
  v[QStringLiteral("min_count")] = minCount_->value();
  v[QStringLiteral("max_vocab")] = maxVocab_->value();
  v[QStringLiteral("sample")] = sample_->text().trimmed();
  v[QStringLiteral("alpha")] = alpha_->text().trimmed();
  v[QStringLiteral("threads")] = threads_->value();
  v[QStringLiteral("seed")] = seed_->value();
  v[QStringLiteral("pretokenized")] = preTokenized_->isChecked();
  return v;
}

void Word2VecForm::setValues(const QVariantMap& v) {
  auto setCombo = [&v](QComboBox* combo, const char* key) {
    if (!v.contains(QLatin1String(key))) return;
    const int i = combo->findData(v.value(QLatin1String(key)).toString());
    if (i >= 0) combo->setCurrentIndex(i);
  };
  auto setSpin = [&v](QSpinBox* spin, const char* key) {
    if (v.contains(QLatin1String(key))) spin->setValue(v.value(QLatin1String(key)).toInt());
  };
  auto setText = [&v](QLineEdit* edit, const char* key) {
    if (!v.contains(QLatin1String(key))) return;
    const QVariant value = v.value(QLatin1String(key));
    // 0 is the engine's "automatic" learning rate: show it as the empty field.
    edit->setText(edit->placeholderText().isEmpty() || value.toString() != QLatin1String("0") ? value.toString()
                                                                                            : QString());
  };
  setCombo(arch_, "arch");
  setCombo(loss_, "loss");
  setSpin(dim_, "dim");
  setSpin(window_, "window");
  setSpin(negative_, "negative");
  setSpin(epochs_, "epochs");
  setSpin(minCount_, "min_count");
  setSpin(maxVocab_, "max_vocab");
  setText(sample_, "sample");
  setText(alpha_, "alpha");
  setSpin(threads_, "threads");
  setSpin(seed_, "seed");
  if (v.contains(QStringLiteral("pretokenized"))) preTokenized_->setChecked(v.value(QStringLiteral("pretokenized")).toBool());
  negative_->setEnabled(loss_->currentData().toString() == QLatin1String("ns"));
}

QString Word2VecForm::validate() const {
  const double sample = parseNumber(sample_->text());
  if (!std::isfinite(sample) || sample < 0 || sample >= 1)
    return tr("Subsampling must be a number from 0 (off) to below 1, such as 1e-3; got \"%1\".")
        .arg(sample_->text());
  if (!alpha_->text().trimmed().isEmpty()) {
    const double alpha = parseNumber(alpha_->text());
    if (!std::isfinite(alpha) || alpha <= 0 || alpha > 1)
      return tr("Learning rate must be a number above 0 and at most 1, such as 0.025, or empty for "
                "automatic; got \"%1\".")
          .arg(alpha_->text());
  }
  if (loss_->currentData().toString() == QLatin1String("ns") && negative_->value() < 1)
    return tr("Negative samples must be at least 1 with negative sampling.");
  if (maxVocab_->value() > 0 && maxVocab_->value() < 2)
    return tr("Maximum vocabulary must be 0 (no limit) or at least 2 words.");
  return QString();
}

}  // namespace embedlab::ui
