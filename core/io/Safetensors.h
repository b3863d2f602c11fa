#pragma once
// The safetensors format (Hugging Face): an 8-byte little-endian header length N, N bytes of JSON
// {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ..., "__metadata__": {..}},
// then the tensor bytes, offsets relative to the end of the header.
//
// Reading converts every floating tensor to float32 (F32, F16, BF16, F64) and keeps integer
// tensors (I64, I32, I16, I8, U8, BOOL) as int64 as well as float, so that fixtures with token ids
// and models with half-precision weights go through the same door. Every malformed file gives an
// Error that names the file and the problem; nothing is trusted before it has been checked.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace embedlab {

enum class SafeDType { F32, F16, BF16, F64, I64, I32, I16, I8, U8, BOOL };

const char* safeDTypeName(SafeDType dtype);
size_t safeDTypeSize(SafeDType dtype);

struct SafeTensor {
  std::string name;
  SafeDType dtype = SafeDType::F32;  // as stored in the file
  std::vector<int64_t> shape;
  std::vector<float> data;     // numel() values, row-major, converted to float32
  std::vector<int64_t> ints;   // numel() values for integer dtypes; empty for floating ones

  int64_t numel() const;
  bool isInteger() const;
  std::string shapeString() const;  // "[377, 64]"
};

class SafetensorsFile {
 public:
  // Reads and validates the whole file; throws Error naming `path` on any problem.
  static SafetensorsFile read(const std::string& path);
  // Same checks on bytes in memory; `label` names the source in messages.
  static SafetensorsFile parse(const std::string& bytes, const std::string& label);

  const std::string& path() const { return path_; }
  bool contains(const std::string& name) const { return index_.count(name) != 0; }
  const SafeTensor* find(const std::string& name) const;
  // Throws Error "<file>: tensor '<name>' not found".
  const SafeTensor& get(const std::string& name) const;
  // get() plus a shape check; throws Error "<file>: tensor '<name>' has shape [..], expected [..]".
  const SafeTensor& get(const std::string& name, const std::vector<int64_t>& expectedShape) const;

  // Names in the order of their data in the file.
  std::vector<std::string> names() const;
  const std::vector<SafeTensor>& tensors() const { return tensors_; }
  const std::map<std::string, std::string>& metadata() const { return metadata_; }

 private:
  std::string path_;
  std::vector<SafeTensor> tensors_;
  std::map<std::string, size_t> index_;
  std::map<std::string, std::string> metadata_;
};

// Collects tensors and writes them in one atomic step (temporary file + rename).
class SafetensorsWriter {
 public:
  // Stores `data` (numel = product of shape) as `dtype` (F32, F16, BF16 or F64); names must be unique.
  void add(const std::string& name, const std::vector<int64_t>& shape, const float* data,
           SafeDType dtype = SafeDType::F32);
  // Integer tensors (token ids, labels): I64 or I32.
  void addInts(const std::string& name, const std::vector<int64_t>& shape, const int64_t* data,
               SafeDType dtype = SafeDType::I64);
  void setMetadata(const std::string& key, const std::string& value) { metadata_[key] = value; }

  // The complete file contents (header + data).
  std::string serialize() const;
  // Throws Error naming `path` when it cannot be written.
  void write(const std::string& path) const;

 private:
  struct Entry {
    std::string name;
    SafeDType dtype;
    std::vector<int64_t> shape;
    std::string bytes;
  };
  void checkNew(const std::string& name) const;
  std::vector<Entry> entries_;
  std::map<std::string, std::string> metadata_;
};

// IEEE half and bfloat16 conversions (round to nearest even on the way down).
float halfToFloat(uint16_t h);
uint16_t floatToHalf(float f);
float bf16ToFloat(uint16_t b);
uint16_t floatToBf16(float f);

}  // namespace embedlab
