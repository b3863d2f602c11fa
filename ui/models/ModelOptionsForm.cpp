#include "ui/models/ModelOptionsForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace embedlab::ui {

ModelOptionsForm::ModelOptionsForm(QWidget* parent) : QWidget(parent) {
  layout_ = new QFormLayout(this);
  layout_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
}

void ModelOptionsForm::addRows(std::initializer_list<QWidget*> fields) {
  for (QWidget* field : fields) layout_->addRow(new QLabel(this), field);
}

void ModelOptionsForm::setRowTexts(std::initializer_list<RowText> rows) {
  for (const RowText& r : rows) {
    r.field->setToolTip(r.tip);
    if (auto* label = qobject_cast<QLabel*>(layout_->labelForField(r.field))) {
      label->setText(r.label + QLatin1Char(':'));
      label->setToolTip(r.tip);
    }
  }
}

void ModelOptionsForm::emitChangedOnEdit(std::initializer_list<QWidget*> fields) {
  auto emitChanged = [this] { emit changed(); };
  for (QWidget* field : fields) {
    if (auto* spin = qobject_cast<QSpinBox*>(field))
      connect(spin, &QSpinBox::valueChanged, this, emitChanged);
    else if (auto* edit = qobject_cast<QLineEdit*>(field))
      connect(edit, &QLineEdit::textChanged, this, emitChanged);
    else if (auto* combo = qobject_cast<QComboBox*>(field))
      connect(combo, &QComboBox::currentIndexChanged, this, emitChanged);
    else if (auto* check = qobject_cast<QCheckBox*>(field))
      connect(check, &QCheckBox::toggled, this, emitChanged);
  }
}

QSpinBox* ModelOptionsForm::makeSpin(int min, int max, const char* name) {
  auto* s = new QSpinBox(this);
  s->setRange(min, max);
  s->setAccelerated(true);
  s->setObjectName(QLatin1String(name));
  return s;
}

QVariantMap ModelOptionsForm::values() const {
  QVariantMap v;
  for (int row = 0; row < layout_->rowCount(); ++row) {
    const QLayoutItem* item = layout_->itemAt(row, QFormLayout::FieldRole);
    const QWidget* field = item ? item->widget() : nullptr;
    if (!field || field->objectName().isEmpty()) continue;
    const QString key = field->objectName();
    if (auto* spin = qobject_cast<const QSpinBox*>(field))
      v[key] = spin->value();
    else if (auto* edit = qobject_cast<const QLineEdit*>(field))
      v[key] = edit->text().trimmed();
    else if (auto* combo = qobject_cast<const QComboBox*>(field))
      v[key] = combo->currentData();
    else if (auto* check = qobject_cast<const QCheckBox*>(field))
      v[key] = check->isChecked();
  }
  return v;
}

void ModelOptionsForm::setValues(const QVariantMap& v) {
  for (int row = 0; row < layout_->rowCount(); ++row) {
    const QLayoutItem* item = layout_->itemAt(row, QFormLayout::FieldRole);
    QWidget* field = item ? item->widget() : nullptr;
    if (!field || !v.contains(field->objectName())) continue;
    const QVariant value = v.value(field->objectName());
    if (auto* spin = qobject_cast<QSpinBox*>(field)) {
      spin->setValue(value.toInt());
    } else if (auto* edit = qobject_cast<QLineEdit*>(field)) {
      // 0 is the engine's "automatic" (a learning rate, say): show it as the empty field.
      const bool automatic = !edit->placeholderText().isEmpty() && value.toString() == QLatin1String("0");
      edit->setText(automatic ? QString() : value.toString());
    } else if (auto* combo = qobject_cast<QComboBox*>(field)) {
      const int i = combo->findData(value.toString());
      if (i >= 0) combo->setCurrentIndex(i);
    } else if (auto* check = qobject_cast<QCheckBox*>(field)) {
      check->setChecked(value.toBool());
    }
  }
}

void ModelOptionsForm::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

}  // namespace embedlab::ui
