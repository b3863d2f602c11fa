// SafetensorsFile::parse on the input (read() through a file for every input as well, so that
// both doors are covered). A file that parses has tensors whose data match their shapes; written
// back with SafetensorsWriter (F32 / I64) it parses again to the same names, shapes and values.
#include <cstdint>
#include <cstring>
#include <string>

#include "core/io/Safetensors.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace embedlab;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(fuzz::asView(data, size));
  SafetensorsFile file;
  const bool parsed = fuzz::onlyErrors("SafetensorsFile::parse", [&] { file = SafetensorsFile::parse(bytes, "fuzz"); });
  const std::string path = fuzz::writeFile("model.safetensors", bytes);
  SafetensorsFile fromDisk;
  const bool read = fuzz::onlyErrors("SafetensorsFile::read", [&] { fromDisk = SafetensorsFile::read(path); });
  EMBEDLAB_FUZZ_CHECK(parsed == read);
  if (!parsed) return 0;
  EMBEDLAB_FUZZ_CHECK(fromDisk.names() == file.names());

  SafetensorsWriter writer;
  size_t written = 0;
  for (const SafeTensor& t : file.tensors()) {
    EMBEDLAB_FUZZ_CHECK(static_cast<int64_t>(t.data.size()) == t.numel());
    if (t.isInteger()) EMBEDLAB_FUZZ_CHECK(t.numel() == 0 || static_cast<int64_t>(t.ints.size()) == t.numel());
    EMBEDLAB_FUZZ_CHECK(file.find(t.name) == &t);
    if (t.name.empty()) continue;  // legal in a file, refused by the writer
    if (t.isInteger() && !t.ints.empty())
      writer.addInts(t.name, t.shape, t.ints.data(), SafeDType::I64);
    else
      writer.add(t.name, t.shape, t.data.data(), SafeDType::F32);
    ++written;
  }
  for (const auto& [key, value] : file.metadata()) writer.setMetadata(key, value);
  SafetensorsFile back;
  EMBEDLAB_FUZZ_CHECK(fuzz::onlyErrors("SafetensorsFile::parse (written back)",
                                       [&] { back = SafetensorsFile::parse(writer.serialize(), "back"); }));
  EMBEDLAB_FUZZ_CHECK(back.tensors().size() == written);
  EMBEDLAB_FUZZ_CHECK(back.metadata() == file.metadata());
  for (const SafeTensor& t : back.tensors()) {
    const SafeTensor& original = file.get(t.name);
    EMBEDLAB_FUZZ_CHECK(t.shape == original.shape);
    EMBEDLAB_FUZZ_CHECK(t.data.size() == original.data.size());
    if (!t.data.empty()) EMBEDLAB_FUZZ_CHECK(std::memcmp(t.data.data(), original.data.data(), 4 * t.data.size()) == 0);
  }
  return 0;
}
