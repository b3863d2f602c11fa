#pragma once
// Help → Keyboard shortcuts: every action of the window that has a shortcut, as a table.
#include <QDialog>
#include <QList>

class QAction;

namespace embedlab::ui {

class ShortcutsDialog : public QDialog {
  Q_OBJECT
 public:
  ShortcutsDialog(const QList<QAction*>& actions, QWidget* parent = nullptr);
};

}  // namespace embedlab::ui
