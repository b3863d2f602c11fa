#include "core/eval/TaskData.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "core/text/CorpusReader.h"
#include "core/util/Error.h"

namespace embedlab {
namespace {

bool isBlank(const std::string& line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

// DIR/NAME.tsv, else DIR/NAME.tsv.gz; Error when neither exists.
std::string findSplit(const std::string& dir, const std::string& name) {
  namespace fs = std::filesystem;
  for (const std::string& candidate : {dir + "/" + name + ".tsv", dir + "/" + name + ".tsv.gz"}) {
    std::error_code ec;
    if (fs::exists(candidate, ec)) return candidate;
  }
  throw Error(dir + ": no " + name + ".tsv or " + name + ".tsv.gz in the task directory");
}

}  // namespace

std::vector<std::pair<std::string, std::string>> readLabelledFile(const std::string& path) {
  CorpusReader::Options options;
  options.maxLineBytes = int64_t{1} << 30;  // an example must stay one line: no pieces
  CorpusReader reader(path, options);
  std::vector<std::pair<std::string, std::string>> examples;
  std::string line;
  int64_t lineNo = 0;
  while (reader.nextLine(line)) {
    ++lineNo;
    if (isBlank(line)) continue;
    const size_t tab = line.find('\t');
    const std::string where = path + ": line " + std::to_string(lineNo) + ": ";
    if (tab == std::string::npos) throw Error(where + "no tab between label and text (expected 'label<TAB>text')");
    std::string label = line.substr(0, tab);
    while (!label.empty() && label.back() == ' ') label.pop_back();
    while (!label.empty() && label.front() == ' ') label.erase(label.begin());
    if (label.empty()) throw Error(where + "empty label");
    examples.emplace_back(std::move(label), line.substr(tab + 1));
  }
  if (examples.empty()) throw Error(path + ": no examples in the file (empty)");
  return examples;
}

TaskData TaskData::load(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw Error(dir + ": not a task directory (expected train.tsv and test.tsv in it)");
  TaskData task;
  task.trainPath = findSplit(dir, "train");
  task.testPath = findSplit(dir, "test");
  auto train = readLabelledFile(task.trainPath);
  auto test = readLabelledFile(task.testPath);

  std::map<std::string, int> index;  // sorted by label
  for (const auto& e : train) index.emplace(e.first, 0);
  for (auto& [label, id] : index) {
    id = static_cast<int>(task.labels.size());
    task.labels.push_back(label);
  }
  task.trainClasses = static_cast<int>(task.labels.size());
  std::map<std::string, int> unseen;
  for (const auto& e : test)
    if (!index.count(e.first)) unseen.emplace(e.first, 0);
  for (auto& [label, id] : unseen) {
    id = static_cast<int>(task.labels.size());
    index.emplace(label, id);
    task.labels.push_back(label);
    task.unseenTestLabels.push_back(label);
  }
  task.train.reserve(train.size());
  for (auto& e : train) task.train.push_back({index.at(e.first), std::move(e.second)});
  task.test.reserve(test.size());
  for (auto& e : test) task.test.push_back({index.at(e.first), std::move(e.second)});
  return task;
}

}  // namespace embedlab
