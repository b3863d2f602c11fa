// A classification task directory: the input is "train.tsv<NUL>test.tsv" (no NUL: the same bytes
// for both), each part a file of `label<TAB>text` lines, plain or gzip by its magic bytes.
// A task that loads has every example's label index in range and the class lists in order.
#include <algorithm>
#include <cstdint>
#include <string>

#include "core/eval/TaskData.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace embedlab;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  bool split = false;
  auto [train, test] = fuzz::splitAt(fuzz::asView(data, size), std::string_view("\0", 1), &split);
  fuzz::writeFile("train.tsv", train);
  fuzz::writeFile("test.tsv", split ? test : train);
  TaskData task;
  if (!fuzz::onlyErrors("TaskData::load", [&] { task = TaskData::load(fuzz::scratchDir()); })) return 0;
  EMBEDLAB_FUZZ_CHECK(!task.train.empty() && !task.test.empty());
  EMBEDLAB_FUZZ_CHECK(task.trainClasses > 0 && task.trainClasses <= static_cast<int>(task.labels.size()));
  EMBEDLAB_FUZZ_CHECK(std::is_sorted(task.labels.begin(), task.labels.begin() + task.trainClasses));
  EMBEDLAB_FUZZ_CHECK(task.unseenTestLabels.size() == task.labels.size() - static_cast<size_t>(task.trainClasses));
  for (const LabelledText& e : task.train) EMBEDLAB_FUZZ_CHECK(e.label >= 0 && e.label < task.trainClasses);
  for (const LabelledText& e : task.test)
    EMBEDLAB_FUZZ_CHECK(e.label >= 0 && e.label < static_cast<int>(task.labels.size()));
  for (const std::string& label : task.labels) EMBEDLAB_FUZZ_CHECK(!label.empty());
  return 0;
}
