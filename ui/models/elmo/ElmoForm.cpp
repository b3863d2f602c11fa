#include "ui/models/elmo/ElmoForm.h"

#include <QLineEdit>
#include <QSpinBox>
#include <QThread>

#include <cmath>
#include <exception>

#include "core/models/elmo/ElmoTrainer.h"
#include "core/nn/CharCnn.h"
#include "ui/models/elmo/ElmoModel.h"

namespace embedlab::ui {

namespace {

const char* const kDefaultFilters = "1:32, 2:32, 3:64, 4:128, 5:256";

}  // namespace

ElmoForm::ElmoForm(QWidget* parent) : ModelOptionsForm(parent) {
  filters_ = new QLineEdit(this);
  filters_->setObjectName(QStringLiteral("char_filters"));
  highway_ = makeSpin(0, 8, "highway");
  hidden_ = makeSpin(1, 8192, "lstm_hidden");
  projection_ = makeSpin(1, 4096, "projection");
  maxVocab_ = makeSpin(4, 2000000, "max_vocab");
  seqLen_ = makeSpin(1, 1000, "seq_len");
  batch_ = makeSpin(1, 4096, "batch");
  epochs_ = makeSpin(1, 1000, "epochs");
  lr_ = new QLineEdit(this);
  lr_->setObjectName(QStringLiteral("lr"));
  threads_ = makeSpin(0, 256, "threads");
  seed_ = makeSpin(0, 2000000000, "seed");

  addRows({filters_, highway_, hidden_, projection_, maxVocab_, seqLen_, batch_, epochs_, lr_, threads_, seed_});

  restoreDefaults();
  retranslate();

  emitChangedOnEdit({filters_, highway_, hidden_, projection_, maxVocab_, seqLen_, batch_, epochs_, lr_, threads_, seed_});
}

void ElmoForm::retranslate() {
  threads_->setSpecialValueText(tr("all cores"));
  setRowTexts({
      {filters_, tr("Character filters"),
       tr("Convolutions over the characters of each token, as width:count pairs (e.g. \"1:32, 2:32, 3:64\"): "
          "filters of width k see k characters at a time; their maxima over the word make its encoding.")},
      {highway_, tr("Highway layers"),
       tr("Gated layers after the convolutions that mix the filter outputs (ELMo uses 2; 1 is faster).")},
      {hidden_, tr("LSTM hidden size"), tr("Cell size of each LSTM layer, per direction.")},
      {projection_, tr("Projection size"),
       tr("Size of the token encoding and of each LSTM output after projection; each ELMo layer has "
          "twice this many dimensions (forward and backward).")},
      {maxVocab_, tr("Maximum vocabulary"),
       tr("Words the output softmax predicts (the most frequent ones, with <s>, </s> and <unk>). The input "
          "side reads characters, so any word can be encoded.")},
      {seqLen_, tr("Sequence length"),
       tr("Tokens per step of truncated back-propagation through time; the LSTM state is carried over to "
          "the next step.")},
      {batch_, tr("Batch"), tr("Parallel streams of text per step.")},
      {epochs_, tr("Epochs"), tr("How many times the whole corpus is read.")},
      {lr_, tr("Learning rate"), tr("Adam's learning rate, e.g. 1e-3.")},
      {threads_, tr("Threads"),
       tr("Worker threads (0: all cores). One thread with a fixed seed gives the same model every time.")},
      {seed_, tr("Seed"), tr("Seed of the initial weights and of the sampled softmax.")},
  });
}

void ElmoForm::restoreDefaults() {
  filters_->setText(QLatin1String(kDefaultFilters));
  highway_->setValue(1);
  hidden_->setValue(512);
  projection_->setValue(256);
  maxVocab_->setValue(20000);
  seqLen_->setValue(20);
  batch_->setValue(32);
  epochs_->setValue(1);
  lr_->setText(QStringLiteral("1e-3"));
  threads_->setValue(qMax(1, QThread::idealThreadCount()));
  seed_->setValue(1);
}

QString ElmoForm::validate() const {
  try {
    parseCharFilters(filters_->text());
  } catch (const std::exception&) {
    return tr("Character filters must be width:count pairs such as \"1:32, 2:32, 3:64\"; got \"%1\".")
        .arg(filters_->text());
  }
  bool ok = false;
  const double lr = lr_->text().trimmed().toDouble(&ok);
  if (!ok || !std::isfinite(lr) || lr <= 0 || lr > 1)
    return tr("Learning rate must be a number above 0 and at most 1, such as 1e-3; got \"%1\".").arg(lr_->text());
  // The same parser as the job factory, so the form never accepts what the job would refuse.
  try {
    elmoOptionsFromValues(values());
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
  return QString();
}

}  // namespace embedlab::ui
