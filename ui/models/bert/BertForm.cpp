#include "ui/models/bert/BertForm.h"

#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QThread>

#include <cmath>
#include <exception>

#include "core/models/bert/BertPretrainer.h"
#include "ui/models/bert/BertModel.h"

namespace embedlab::ui {

namespace {

QSpinBox* makeSpin(QWidget* parent, int min, int max, const char* name) {
  auto* s = new QSpinBox(parent);
  s->setRange(min, max);
  s->setAccelerated(true);
  s->setObjectName(QLatin1String(name));
  return s;
}

}  // namespace

BertForm::BertForm(QWidget* parent) : ModelOptionsForm(parent) {
  layout_ = new QFormLayout(this);
  layout_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

  layers_ = makeSpin(this, 1, 48, "layers");
  hidden_ = makeSpin(this, 4, 4096, "hidden");
  heads_ = makeSpin(this, 1, 64, "heads");
  intermediate_ = makeSpin(this, 4, 16384, "intermediate");
  maxLength_ = makeSpin(this, 8, 2048, "max_len");
  vocabSize_ = makeSpin(this, 16, 1000000, "vocab_size");
  batch_ = makeSpin(this, 1, 4096, "batch");
  steps_ = makeSpin(this, 1, 100000000, "steps");
  lr_ = new QLineEdit(this);
  lr_->setObjectName(QStringLiteral("lr"));
  warmup_ = makeSpin(this, -1, 100000000, "warmup");
  threads_ = makeSpin(this, 0, 256, "threads");
  seed_ = makeSpin(this, 0, 2000000000, "seed");

  for (QWidget* w : {static_cast<QWidget*>(layers_), static_cast<QWidget*>(hidden_), static_cast<QWidget*>(heads_),
                     static_cast<QWidget*>(intermediate_), static_cast<QWidget*>(maxLength_),
                     static_cast<QWidget*>(vocabSize_), static_cast<QWidget*>(batch_), static_cast<QWidget*>(steps_),
                     static_cast<QWidget*>(lr_), static_cast<QWidget*>(warmup_), static_cast<QWidget*>(threads_),
                     static_cast<QWidget*>(seed_)})
    layout_->addRow(new QLabel(this), w);

  restoreDefaults();
  retranslate();

  auto emitChanged = [this] { emit changed(); };
  for (QSpinBox* s : {layers_, hidden_, heads_, intermediate_, maxLength_, vocabSize_, batch_, steps_, warmup_,
                      threads_, seed_})
    connect(s, &QSpinBox::valueChanged, this, emitChanged);
  connect(lr_, &QLineEdit::textChanged, this, emitChanged);
}

void BertForm::retranslate() {
  threads_->setSpecialValueText(tr("all cores"));
  warmup_->setSpecialValueText(tr("10% of the steps"));
  struct Row { QWidget* field; QString label; QString tip; };
  const Row rows[] = {
      {layers_, tr("Layers"), tr("Transformer layers of the encoder (BERT-base has 12; 2–4 train quickly).")},
      {hidden_, tr("Hidden size"), tr("Width of every token vector; must be divisible by the number of heads.")},
      {heads_, tr("Attention heads"), tr("Self-attention heads per layer; each looks at hidden / heads dimensions.")},
      {intermediate_, tr("Intermediate size"), tr("Width of the feed-forward block in each layer (usually 4 × hidden).")},
      {maxLength_, tr("Maximum length"), tr("WordPieces per training sequence, and the longest input the model accepts.")},
      {vocabSize_, tr("Vocabulary size"),
       tr("WordPieces in the vocabulary trained on the corpus, special tokens included.")},
      {batch_, tr("Batch"), tr("Sequences per optimizer step.")},
      {steps_, tr("Steps"), tr("Optimizer steps to train for.")},
      {lr_, tr("Learning rate"), tr("Peak learning rate of AdamW, reached after the warm-up, then decayed linearly to 0.")},
      {warmup_, tr("Warm-up steps"), tr("Steps over which the learning rate rises from 0 (-1: 10% of the steps).")},
      {threads_, tr("Threads"),
       tr("Worker threads (0: all cores). One thread with a fixed seed gives the same model every time.")},
      {seed_, tr("Seed"), tr("Seed of the initial weights, the masking and dropout.")},
  };
  for (const Row& r : rows) {
    r.field->setToolTip(r.tip);
    if (auto* label = qobject_cast<QLabel*>(layout_->labelForField(r.field))) {
      label->setText(r.label + QLatin1Char(':'));
      label->setToolTip(r.tip);
    }
  }
}

void BertForm::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  ModelOptionsForm::changeEvent(event);
}

void BertForm::restoreDefaults() {
  layers_->setValue(4);
  hidden_->setValue(256);
  heads_->setValue(4);
  intermediate_->setValue(1024);
  maxLength_->setValue(128);
  vocabSize_->setValue(8000);
  batch_->setValue(32);
  steps_->setValue(1000);
  lr_->setText(QStringLiteral("1e-4"));
  warmup_->setValue(-1);
  threads_->setValue(qMax(1, QThread::idealThreadCount()));
  seed_->setValue(1);
}

QVariantMap BertForm::values() const {
  QVariantMap v;
  v[QStringLiteral("layers")] = layers_->value();
  v[QStringLiteral("hidden")] = hidden_->value();
  v[QStringLiteral("heads")] = heads_->value();
  v[QStringLiteral("intermediate")] = intermediate_->value();
  v[QStringLiteral("max_len")] = maxLength_->value();
  v[QStringLiteral("vocab_size")] = vocabSize_->value();
  v[QStringLiteral("batch")] = batch_->value();
  v[QStringLiteral("steps")] = steps_->value();
  v[QStringLiteral("lr")] = lr_->text().trimmed();
  v[QStringLiteral("warmup")] = warmup_->value();
  v[QStringLiteral("threads")] = threads_->value();
  v[QStringLiteral("seed")] = seed_->value();
  return v;
}

void BertForm::setValues(const QVariantMap& v) {
  auto setSpin = [&v](QSpinBox* spin, const char* key) {
    if (v.contains(QLatin1String(key))) spin->setValue(v.value(QLatin1String(key)).toInt());
  };
  setSpin(layers_, "layers");
  setSpin(hidden_, "hidden");
  setSpin(heads_, "heads");
  setSpin(intermediate_, "intermediate");
  setSpin(maxLength_, "max_len");
  setSpin(vocabSize_, "vocab_size");
  setSpin(batch_, "batch");
  setSpin(steps_, "steps");
  if (v.contains(QStringLiteral("lr"))) lr_->setText(v.value(QStringLiteral("lr")).toString());
  setSpin(warmup_, "warmup");
  setSpin(threads_, "threads");
  setSpin(seed_, "seed");
}

QString BertForm::validate() const {
  if (hidden_->value() % heads_->value() != 0)
    return tr("Hidden size (%1) must be divisible by the number of attention heads (%2).")
        .arg(hidden_->value())
        .arg(heads_->value());
  bool ok = false;
  const double lr = lr_->text().trimmed().toDouble(&ok);
  if (!ok || !std::isfinite(lr) || lr <= 0 || lr > 1)
    return tr("Learning rate must be a number above 0 and at most 1, such as 1e-4; got \"%1\".").arg(lr_->text());
  if (warmup_->value() > steps_->value())
    return tr("Warm-up (%1 steps) must not be longer than the training (%2 steps).")
        .arg(warmup_->value())
        .arg(steps_->value());
  // The same parser as the job factory, so the form never accepts what the job would refuse.
  try {
    BertPretrainerOptions o = bertOptionsFromValues(values());
    o.corpusFiles = {"corpus"};
    o.outDir = "out";
    o.validate();
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
  return QString();
}

}  // namespace embedlab::ui
