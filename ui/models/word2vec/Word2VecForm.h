#pragma once
// The Word2Vec hyperparameter form: typed fields, word2vec.c's defaults, a tooltip on each.
#include "ui/models/ModelOptionsForm.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace embedlab::ui {

class Word2VecForm : public ModelOptionsForm {
  Q_OBJECT
 public:
  explicit Word2VecForm(QWidget* parent = nullptr);

  void setValues(const QVariantMap& values) override;
  void restoreDefaults() override;
  QString validate() const override;

 private:
  void retranslate() override;

  QComboBox* arch_ = nullptr;
  QComboBox* loss_ = nullptr;
  QSpinBox* dim_ = nullptr;
  QSpinBox* window_ = nullptr;
  QSpinBox* negative_ = nullptr;
  QSpinBox* epochs_ = nullptr;
  QSpinBox* minCount_ = nullptr;
  QSpinBox* maxVocab_ = nullptr;
  QLineEdit* sample_ = nullptr;
  QLineEdit* alpha_ = nullptr;
  QLineEdit* minAlphaRatio_ = nullptr;
  QSpinBox* threads_ = nullptr;
  QSpinBox* seed_ = nullptr;
  QCheckBox* preTokenized_ = nullptr;
};

}  // namespace embedlab::ui
