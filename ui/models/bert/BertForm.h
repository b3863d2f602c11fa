#pragma once
// The BERT pre-training form: model size (layers, hidden, heads, intermediate, max length), the
// WordPiece vocabulary size trained on the corpus, batch, steps, learning rate, warm-up, threads,
// seed. Defaults are embedlab-cli's (`train bert`).
#include "ui/models/ModelOptionsForm.h"

class QLineEdit;
class QSpinBox;

namespace embedlab::ui {

class BertForm : public ModelOptionsForm {
  Q_OBJECT
 public:
  explicit BertForm(QWidget* parent = nullptr);

  void restoreDefaults() override;
  QString validate() const override;

 private:
  void retranslate() override;

  QSpinBox* layers_ = nullptr;
  QSpinBox* hidden_ = nullptr;
  QSpinBox* heads_ = nullptr;
  QSpinBox* intermediate_ = nullptr;
  QSpinBox* maxLength_ = nullptr;
  QSpinBox* vocabSize_ = nullptr;
  QSpinBox* batch_ = nullptr;
  QSpinBox* steps_ = nullptr;
  QLineEdit* lr_ = nullptr;
  QSpinBox* warmup_ = nullptr;
  QSpinBox* threads_ = nullptr;
  QSpinBox* seed_ = nullptr;
};

}  // namespace embedlab::ui
