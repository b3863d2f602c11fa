#pragma once
// The hyperparameter form a model contributes to the Train page: typed fields with defaults and a
// tooltip each, validation before start, and its values as a plain map (saved in the settings and
// in each run's record, and handed back to the model's job factory).
#include <QString>
#include <QVariantMap>
#include <QWidget>

namespace embedlab::ui {

class ModelOptionsForm : public QWidget {
  Q_OBJECT
 public:
  using QWidget::QWidget;

  virtual QVariantMap values() const = 0;
  // Unknown keys are ignored and missing keys keep their current value.
  virtual void setValues(const QVariantMap& values) = 0;
  virtual void restoreDefaults() = 0;
  // Empty when the values may be used; otherwise a message for a person naming the field.
  virtual QString validate() const = 0;

 signals:
  void changed();
};

}  // namespace embedlab::ui
