#pragma once
// The ELMo biLM hyperparameter form: the char-CNN filters, highway layers, LSTM and projection
// sizes, softmax vocabulary, truncated-BPTT length, batch, epochs, learning rate, threads, seed.
// Defaults are embedlab-cli's (`train elmo`).
#include "ui/models/ModelOptionsForm.h"

class QLineEdit;
class QSpinBox;

namespace embedlab::ui {

class ElmoForm : public ModelOptionsForm {
  Q_OBJECT
 public:
  explicit ElmoForm(QWidget* parent = nullptr);

  void restoreDefaults() override;
  QString validate() const override;

 private:
  void retranslate() override;

  QLineEdit* filters_ = nullptr;
  QSpinBox* highway_ = nullptr;
  QSpinBox* hidden_ = nullptr;
  QSpinBox* projection_ = nullptr;
  QSpinBox* maxVocab_ = nullptr;
  QSpinBox* seqLen_ = nullptr;
  QSpinBox* batch_ = nullptr;
  QSpinBox* epochs_ = nullptr;
  QLineEdit* lr_ = nullptr;
  QSpinBox* threads_ = nullptr;
  QSpinBox* seed_ = nullptr;
};

}  // namespace embedlab::ui
