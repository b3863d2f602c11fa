#include "ui/models/bert/BertForm.h"

#include <QLineEdit>
#include <QSpinBox>
#include <QThread>

#include <cmath>
#include <exception>

#include "core/models/bert/BertPretrainer.h"
#include "ui/models/bert/BertModel.h"

namespace embedlab::ui {

BertForm::BertForm(QWidget* parent) : ModelOptionsForm(parent) {
  layers_ = makeSpin(1, 48, "layers");
  hidden_ = makeSpin(4, 4096, "hidden");
  heads_ = makeSpin(1, 64, "heads");
  intermediate_ = makeSpin(4, 16384, "intermediate");
  maxLength_ = makeSpin(8, 2048, "max_len");
  vocabSize_ = makeSpin(16, 1000000, "vocab_size");
  batch_ = makeSpin(1, 4096, "batch");
  steps_ = makeSpin(1, 100000000, "steps");
  lr_ = new QLineEdit(this);
  lr_->setObjectName(QStringLiteral("lr"));
  warmup_ = makeSpin(-1, 100000000, "warmup");
  threads_ = makeSpin(0, 256, "threads");
  seed_ = makeSpin(0, 2000000000, "seed");

  addRows({layers_, hidden_, heads_, intermediate_, maxLength_, vocabSize_, batch_, steps_, lr_, warmup_, threads_, seed_});

  restoreDefaults();
  retranslate();

  emitChangedOnEdit({layers_, hidden_, heads_, intermediate_, maxLength_, vocabSize_, batch_, steps_, lr_, warmup_, threads_, seed_});
}

void BertForm::retranslate() {
  threads_->setSpecialValueText(tr("all cores"));
  warmup_->setSpecialValueText(tr("10% of the steps"));
  setRowTexts({
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
  });
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
