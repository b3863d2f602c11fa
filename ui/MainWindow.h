#pragma once
// The EmbedLab window: a sidebar workflow Data → Train → Explore → Evaluate over a stack of pages,
// menus, shortcuts, a status bar, settings and the language switch.
#include <QMainWindow>
#include <QStringList>

class QAction;
class QActionGroup;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace embedlab::ui {

class BackgroundTask;
class CurrentVectors;
class DataPage;
class EvaluatePage;
class BertPage;
class ElmoPage;
class ExplorePage;
class LanguageManager;
class RunStore;
class RunTableModel;
class TrainPage;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  enum Page { DataPageIndex, TrainPageIndex, ExplorePageIndex, EvaluatePageIndex, BertPageIndex, ElmoPageIndex, PageCount };

  struct Options {
    QString workspace;             // empty: EMBEDLAB_WORKSPACE or the default location
    bool loadDefaultCorpus = true;  // when no corpus is remembered
    QString language;               // empty: from the settings, else the system locale
  };

  MainWindow() : MainWindow(Options()) {}
  explicit MainWindow(const Options& options, QWidget* parent = nullptr);
  ~MainWindow() override;

  static QString defaultCorpusPath();  // <exe dir>/../share/embedlab/default-corpus.txt

  void setPage(int page);
  int page() const;
  bool setLanguage(const QString& code);  // "en", "zh_CN"

  DataPage* dataPage() const { return data_; }
  TrainPage* trainPage() const { return train_; }
  ExplorePage* explorePage() const { return explore_; }
  EvaluatePage* evaluatePage() const { return evaluate_; }
  BertPage* bertPage() const { return bert_; }
  ElmoPage* elmoPage() const { return elmo_; }
  CurrentVectors* currentVectors() const { return vectors_; }
  RunTableModel* runModel() const { return runs_; }
  RunStore* runStore() const { return store_; }
  LanguageManager* languageManager() const { return language_; }
  QListWidget* sidebar() const { return sidebar_; }
  QString statusText() const;

  bool openVectorsFile(const QString& path);
  bool saveVectorsFile(const QString& path);  // synchronous; false with a message on failure

 public slots:
  void openCorpusInteractive();
  void openVectorsInteractive();
  void saveVectorsInteractive();
  void showShortcuts();
  void showAbout();

 protected:
  void closeEvent(QCloseEvent* event) override;
  void showEvent(QShowEvent* event) override;
  void changeEvent(QEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void createActions();
  void createMenus();
  void retranslate();
  void saveSettings();
  void restoreSettings(const Options& options);
  void addRecent(const QString& kind, const QString& path);
  void rebuildRecentMenu();
  void onSelectedRunChanged(const QString& runId);
  void updateTrainingActions();
  void updateCorpusStatus();
  void showStatus(const QString& message);

  RunStore* store_;
  RunTableModel* runs_;
  CurrentVectors* vectors_;
  LanguageManager* language_;

  QListWidget* sidebar_;
  QStackedWidget* stack_;
  DataPage* data_;
  TrainPage* train_;
  ExplorePage* explore_;
  EvaluatePage* evaluate_;
  BertPage* bert_;
  ElmoPage* elmo_;
  QLabel* corpusStatus_;
  QLabel* trainingStatus_;
  QString lastStatus_;

  QMenu* fileMenu_;
  QMenu* recentMenu_;
  QMenu* viewMenu_;
  QMenu* languageMenu_;
  QMenu* trainingMenu_;
  QMenu* helpMenu_;
  QAction* openCorpus_;
  QAction* openVectors_;
  QAction* saveVectors_;
  QAction* exportPng_;
  QAction* exportCsv_;
  QAction* quit_;
  QAction* pages_[PageCount];
  QActionGroup* languageGroup_;
  QAction* english_;
  QAction* chinese_;
  QAction* start_;
  QAction* pause_;
  QAction* stop_;
  QAction* deleteRun_;
  QAction* shortcuts_;
  QAction* about_;
  QStringList recent_;
  bool shownOnce_ = false;
};

}  // namespace embedlab::ui
