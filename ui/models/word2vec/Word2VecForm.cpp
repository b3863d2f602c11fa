#include "ui/models/word2vec/Word2VecForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QThread>

#include <cmath>

namespace embedlab::ui {

namespace {

// A number typed as text ("1e-3" is easier to type than a spin box allows); nullopt-like NaN when
// it does not parse.
double parseNumber(const QString& text) {
  bool ok = false;
  const double v = text.trimmed().toDouble(&ok);
  return ok ? v : std::nan("");
}

}  // namespace

Word2VecForm::Word2VecForm(QWidget* parent) : ModelOptionsForm(parent) {
  arch_ = new QComboBox(this);
  arch_->addItem(QString(), QStringLiteral("skipgram"));
  arch_->addItem(QString(), QStringLiteral("cbow"));
  arch_->setObjectName(QStringLiteral("arch"));
  loss_ = new QComboBox(this);
  loss_->addItem(QString(), QStringLiteral("ns"));
  loss_->addItem(QString(), QStringLiteral("hs"));
  loss_->setObjectName(QStringLiteral("loss"));
  dim_ = makeSpin(1, 2000, "dim");
  window_ = makeSpin(1, 100, "window");
  negative_ = makeSpin(0, 100, "negative");
  epochs_ = makeSpin(1, 1000, "epochs");
  minCount_ = makeSpin(1, 1000000000, "min_count");
  maxVocab_ = makeSpin(0, 1000000000, "max_vocab");
  sample_ = new QLineEdit(this);
  sample_->setObjectName(QStringLiteral("sample"));
  alpha_ = new QLineEdit(this);
  alpha_->setObjectName(QStringLiteral("alpha"));
  minAlphaRatio_ = new QLineEdit(this);
  minAlphaRatio_->setObjectName(QStringLiteral("min_alpha_ratio"));
  threads_ = makeSpin(0, 256, "threads");
  seed_ = makeSpin(0, 2000000000, "seed");
  preTokenized_ = new QCheckBox(this);
  preTokenized_->setObjectName(QStringLiteral("pretokenized"));

  addRows({arch_, loss_, dim_, window_, negative_, epochs_, minCount_, maxVocab_, sample_, alpha_, minAlphaRatio_,
           threads_, seed_, preTokenized_});

  restoreDefaults();
  retranslate();

  connect(loss_, &QComboBox::currentIndexChanged, this, [this] {
    negative_->setEnabled(loss_->currentData().toString() == QLatin1String("ns"));
    emit changed();
  });
  emitChangedOnEdit({arch_, dim_, window_, negative_, epochs_, minCount_, maxVocab_, sample_, alpha_,
                     minAlphaRatio_, threads_, seed_, preTokenized_});
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

  setRowTexts({
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
       tr("Starting learning rate. Empty: 0.025 for skip-gram, 0.05 for CBOW.")},
      {minAlphaRatio_, tr("Final learning rate"),
       tr("The learning rate decays linearly from the starting rate to this fraction of it by the end of "
          "training. At the usual 5 epochs 0.1 gave better vectors than word2vec.c's 0.0001 on every corpus "
          "measured; use 0.0001 to train exactly as word2vec.c does.")},
      {threads_, tr("Threads"),
       tr("Worker threads (0: all cores). One thread with a fixed seed gives identical vectors every time.")},
      {seed_, tr("Seed"), tr("Seed of the random number generators.")},
      {preTokenized_, tr("Pre-tokenized corpus"),
       tr("Split lines on whitespace only and keep the text as it is (for corpora tokenized elsewhere).")},
  });
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
  minAlphaRatio_->setText(QStringLiteral("0.1"));
  threads_->setValue(qMax(1, QThread::idealThreadCount()));
  seed_->setValue(1);
  preTokenized_->setChecked(false);
}

void Word2VecForm::setValues(const QVariantMap& v) {
  ModelOptionsForm::setValues(v);
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
  const double ratio = parseNumber(minAlphaRatio_->text());
  if (!std::isfinite(ratio) || ratio < 0 || ratio > 1)
    return tr("Final learning rate must be a fraction of the starting rate from 0 to 1, such as 0.1; got \"%1\".")
        .arg(minAlphaRatio_->text());
  if (loss_->currentData().toString() == QLatin1String("ns") && negative_->value() < 1)
    return tr("Negative samples must be at least 1 with negative sampling.");
  if (maxVocab_->value() > 0 && maxVocab_->value() < 2)
    return tr("Maximum vocabulary must be 0 (no limit) or at least 2 words.");
  return QString();
}

}  // namespace embedlab::ui
