#pragma once
// The hyperparameter form a model contributes to the Train page: typed fields with defaults and a
// tooltip each, validation before start, and its values as a plain map (saved in the settings and
// in each run's record, and handed back to the model's job factory).
//
// The base lays the fields out in one QFormLayout, a label beside each, and gives the forms what
// they all do alike: labels and tooltips (re)set from one table, a language switch calling
// retranslate(), changed() emitted for any edit, and the value map read from and written to the
// fields, each named by its key (objectName; tests find fields by it too).
#include <QString>
#include <QVariantMap>
#include <QWidget>
#include <initializer_list>

class QFormLayout;
class QSpinBox;
class QWidget;

namespace embedlab::ui {

class ModelOptionsForm : public QWidget {
  Q_OBJECT
 public:
  explicit ModelOptionsForm(QWidget* parent = nullptr);

  // By default every field of the form by its object name, which is its key: a spin box's value,
  // a line edit's trimmed text, a combo box's item data, a check box's state.
  virtual QVariantMap values() const;
  // Unknown keys are ignored and missing keys keep their current value. By default the reverse of
  // values(); "0" in a line edit with a placeholder (the engine's "automatic") shows as empty.
  virtual void setValues(const QVariantMap& values);
  virtual void restoreDefaults() = 0;
  // Empty when the values may be used; otherwise a message for a person naming the field.
  virtual QString validate() const = 0;

 signals:
  void changed();

 protected:
  // One row's texts, translated by the form (so each form keeps its own translation context).
  struct RowText {
    QWidget* field;
    QString label;   // shown with a ':' after it
    QString tip;     // on the label and on the field
  };

  // Adds a row per field, in order, each with an empty label that setRowTexts() fills.
  void addRows(std::initializer_list<QWidget*> fields);
  void setRowTexts(std::initializer_list<RowText> rows);
  // Emits changed() on every edit of these fields (spin boxes, line edits, combo boxes, check boxes).
  void emitChangedOnEdit(std::initializer_list<QWidget*> fields);

  // A spin box over [min, max] whose object name is the field's key.
  QSpinBox* makeSpin(int min, int max, const char* name);

  // Sets every visible text; called by the form once built and again on a language switch.
  virtual void retranslate() {}
  void changeEvent(QEvent* event) override;

  QFormLayout* formLayout() const { return layout_; }

 private:
  QFormLayout* layout_ = nullptr;
};

}  // namespace embedlab::ui
