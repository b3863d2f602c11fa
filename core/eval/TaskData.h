#pragma once
// A text-classification task on disk: a directory with train.tsv and test.tsv (each optionally
// .gz), one example per line as `label<TAB>text`. Lines are read with CorpusReader, so gzip, a
// byte-order mark, CRLF and invalid UTF-8 (replaced by U+FFFD) are handled the same way as corpora.
//
// Policies:
// - Blank lines (only whitespace) are skipped; any other line must hold a tab with a non-empty
//   label before it, else Error "FILE: line L: ...". The text may be empty.
// - A file without any example is an Error naming it.
// - Classes are the labels of the training file, sorted (byte order), so that the class order
//   and hence the confusion matrix are the same on every run. A test label that the training
//   file never shows is allowed (it can only be predicted wrong) and listed in unseenTestLabels;
//   it gets a class index after the training classes, so metrics still count it.
#include <string>
#include <vector>

namespace embedlab {

struct LabelledText {
  int label = 0;  // index into TaskData::labels
  std::string text;
};

struct TaskData {
  std::string trainPath, testPath;
  std::vector<std::string> labels;  // sorted training labels, then unseen test labels (sorted)
  int trainClasses = 0;             // labels[0, trainClasses) occur in the training file
  std::vector<LabelledText> train, test;
  std::vector<std::string> unseenTestLabels;

  // Reads DIR/train.tsv(.gz) and DIR/test.tsv(.gz). Throws Error naming the file (and line).
  static TaskData load(const std::string& dir);
};

// Reads one `label<TAB>text` file into (label, text) pairs in file order.
std::vector<std::pair<std::string, std::string>> readLabelledFile(const std::string& path);

}  // namespace embedlab
