#include "core/io/Safetensors.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace embedlab {

namespace {

// The reference implementation refuses headers above 100 MB; a larger value is a corrupt length.
constexpr uint64_t kMaxHeaderBytes = 100'000'000;

struct DTypeInfo {
  SafeDType dtype;
  const char* name;
  size_t size;
};

constexpr DTypeInfo kDTypes[] = {
    {SafeDType::F32, "F32", 4}, {SafeDType::F16, "F16", 2}, {SafeDType::BF16, "BF16", 2},
    {SafeDType::F64, "F64", 8}, {SafeDType::I64, "I64", 8}, {SafeDType::I32, "I32", 4},
    {SafeDType::I16, "I16", 2}, {SafeDType::I8, "I8", 1},   {SafeDType::U8, "U8", 1},
    {SafeDType::BOOL, "BOOL", 1},
};

bool dtypeFromName(const std::string& name, SafeDType* out) {
  for (const auto& info : kDTypes) {
    if (name == info.name) {
      *out = info.dtype;
      return true;
    }
  }
  return false;
}

std::string shapeToString(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(shape[i]);
  }
  return s + "]";
}

template <typename T>
T loadLE(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));  // the format is little-endian, as is every host we build for
  return v;
}

// Converts `n` elements of `dtype` at `src` into the tensor's float (and int) storage.
void decode(const char* src, int64_t n, SafeTensor& t) {
  t.data.resize(static_cast<size_t>(n));
  if (n == 0) return;  // empty tensors: nothing to convert (and memcpy must not see null)
  float* out = t.data.data();
  auto ints = [&](auto tag) {
    using T = decltype(tag);
    t.ints.resize(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      const T v = loadLE<T>(src + i * sizeof(T));
      t.ints[i] = static_cast<int64_t>(v);
      out[i] = static_cast<float>(v);
    }
  };
  switch (t.dtype) {
    case SafeDType::F32:
      std::memcpy(out, src, static_cast<size_t>(n) * 4);
      break;
    case SafeDType::F16:
      for (int64_t i = 0; i < n; ++i) out[i] = halfToFloat(loadLE<uint16_t>(src + 2 * i));
      break;
    case SafeDType::BF16:
      for (int64_t i = 0; i < n; ++i) out[i] = bf16ToFloat(loadLE<uint16_t>(src + 2 * i));
      break;
    case SafeDType::F64:
      for (int64_t i = 0; i < n; ++i) out[i] = static_cast<float>(loadLE<double>(src + 8 * i));
      break;
    case SafeDType::I64: ints(int64_t{}); break;
    case SafeDType::I32: ints(int32_t{}); break;
    case SafeDType::I16: ints(int16_t{}); break;
    case SafeDType::I8: ints(int8_t{}); break;
    case SafeDType::U8: ints(uint8_t{}); break;
    case SafeDType::BOOL: ints(uint8_t{}); break;
  }
}

}  // namespace

const char* safeDTypeName(SafeDType dtype) {
  for (const auto& info : kDTypes)
    if (info.dtype == dtype) return info.name;
  return "?";
}

size_t safeDTypeSize(SafeDType dtype) {
  for (const auto& info : kDTypes)
    if (info.dtype == dtype) return info.size;
  return 0;
}

// ---- half / bfloat16 -------------------------------------------------------------------------

float halfToFloat(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h >> 15) << 31;
  const uint32_t exp = (h >> 10) & 0x1f;
  const uint32_t mant = h & 0x3ff;
  uint32_t bits;
  if (exp == 0) {
    // zero or subnormal: mant * 2^-24, exact in float
    float v = std::ldexp(static_cast<float>(mant), -24);
    return sign ? -v : v;
  } else if (exp == 31) {
    bits = sign | 0x7f800000u | (mant << 13);  // inf or NaN (payload kept)
  } else {
    bits = sign | ((exp - 15 + 127) << 23) | (mant << 13);
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

uint16_t floatToHalf(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  const uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000);
  const uint32_t abs = bits & 0x7fffffffu;
  if (abs > 0x7f800000u) return sign | 0x7e00;     // NaN
  if (abs >= 0x47800000u) return sign | 0x7c00;    // >= 65536 (or inf): infinity
  if (abs < 0x38800000u) {
    // below the smallest normal half (2^-14): subnormal, value / 2^-24 rounded to nearest even
    float a;
    std::memcpy(&a, &abs, 4);
    const float m = std::nearbyint(std::ldexp(a, 24));
    return sign | static_cast<uint16_t>(m);  // m == 1024 encodes the smallest normal, as it should
  }
  const uint32_t exp = (abs >> 23) - 127 + 15;
  const uint32_t mant = abs & 0x7fffff;
  uint32_t h = (exp << 10) | (mant >> 13);
  const uint32_t rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest == 0x1000 && (h & 1))) ++h;  // a carry into the exponent is correct
  return sign | static_cast<uint16_t>(h);
}

float bf16ToFloat(uint16_t b) {
  const uint32_t bits = static_cast<uint32_t>(b) << 16;
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

uint16_t floatToBf16(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  if ((bits & 0x7fffffffu) > 0x7f800000u) return static_cast<uint16_t>((bits >> 16) | 0x40);
  bits += 0x7fffu + ((bits >> 16) & 1);
  return static_cast<uint16_t>(bits >> 16);
}

// ---- SafeTensor ------------------------------------------------------------------------------

int64_t SafeTensor::numel() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

bool SafeTensor::isInteger() const {
  return dtype != SafeDType::F32 && dtype != SafeDType::F16 && dtype != SafeDType::BF16 &&
         dtype != SafeDType::F64;
}

std::string SafeTensor::shapeString() const { return shapeToString(shape); }

// ---- reading ---------------------------------------------------------------------------------

SafetensorsFile SafetensorsFile::read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open file");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw Error(path + ": read error");
  return parse(ss.str(), path);
}

SafetensorsFile SafetensorsFile::parse(const std::string& bytes, const std::string& label) {
  auto fail = [&](const std::string& what) -> Error {
    return Error(label + ": " + what);
  };
  const uint64_t fileSize = bytes.size();
  if (fileSize < 8)
    throw fail("not a safetensors file (" + std::to_string(fileSize) +
               " bytes, shorter than the 8-byte header length)");
  const uint64_t headerLen = loadLE<uint64_t>(bytes.data());
  if (headerLen > kMaxHeaderBytes)
    throw fail("safetensors header length " + std::to_string(headerLen) +
               " is absurd (limit 100000000 bytes); the file is corrupt or not safetensors");
  if (headerLen > fileSize - 8)
    throw fail("safetensors header length " + std::to_string(headerLen) +
               " runs past the end of the file (" + std::to_string(fileSize) + " bytes)");
  const char* headerBegin = bytes.data() + 8;
  const uint64_t dataSize = fileSize - 8 - headerLen;
  const char* data = headerBegin + headerLen;

  // Duplicate keys are legal JSON but ambiguous tensors: the callback sees every top-level key.
  std::set<std::string> seen;
  std::string duplicate;
  nlohmann::json header;
  try {
    header = nlohmann::json::parse(
        headerBegin, headerBegin + headerLen,
        [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
          if (depth == 1 && event == nlohmann::json::parse_event_t::key && parsed.is_string()) {
            const std::string key = parsed.get<std::string>();
            if (!seen.insert(key).second && duplicate.empty()) duplicate = key;
          }
          return true;
        });
  } catch (const nlohmann::json::exception& e) {
    throw fail(std::string("bad JSON in the safetensors header: ") + e.what());
  }
  if (!header.is_object()) throw fail("the safetensors header is not a JSON object");
  if (!duplicate.empty()) throw fail("tensor name '" + duplicate + "' appears twice in the header");

  SafetensorsFile file;
  file.path_ = label;
  struct Span {
    uint64_t begin, end;
    size_t tensor;
  };
  std::vector<Span> spans;
  for (auto it = header.begin(); it != header.end(); ++it) {
    const std::string& name = it.key();
    const nlohmann::json& v = it.value();
    if (name == "__metadata__") {
      if (!v.is_object()) throw fail("__metadata__ is not a JSON object");
      for (auto m = v.begin(); m != v.end(); ++m) {
        if (!m.value().is_string())
          throw fail("__metadata__ value of '" + m.key() + "' is not a string");
        file.metadata_[m.key()] = m.value().get<std::string>();
      }
      continue;
    }
    const std::string where = "tensor '" + name + "': ";
    if (!v.is_object()) throw fail(where + "header entry is not a JSON object");
    if (!v.contains("dtype") || !v["dtype"].is_string()) throw fail(where + "missing dtype");
    if (!v.contains("shape") || !v["shape"].is_array()) throw fail(where + "missing shape");
    if (!v.contains("data_offsets") || !v["data_offsets"].is_array() ||
        v["data_offsets"].size() != 2)
      throw fail(where + "missing or malformed data_offsets");
    SafeTensor t;
    t.name = name;
    const std::string dtypeName = v["dtype"].get<std::string>();
    if (!dtypeFromName(dtypeName, &t.dtype)) throw fail(where + "unknown dtype '" + dtypeName + "'");
    uint64_t numel = 1;
    for (const auto& d : v["shape"]) {
      if (!d.is_number_unsigned()) throw fail(where + "shape has a dimension that is not a non-negative integer");
      const uint64_t dim = d.get<uint64_t>();
      if (dim > (uint64_t{1} << 50) || __builtin_mul_overflow(numel, dim, &numel) ||
          numel > (uint64_t{1} << 50))
        throw fail(where + "shape " + v["shape"].dump() + " is absurdly large");
      t.shape.push_back(static_cast<int64_t>(dim));
    }
    const auto& offs = v["data_offsets"];
    if (!offs[0].is_number_unsigned() || !offs[1].is_number_unsigned())
      throw fail(where + "data_offsets are not non-negative integers");
    const uint64_t begin = offs[0].get<uint64_t>(), end = offs[1].get<uint64_t>();
    if (begin > end)
      throw fail(where + "data_offsets [" + std::to_string(begin) + ", " + std::to_string(end) +
                 "] run backwards");
    if (end > dataSize)
      throw fail(where + "data_offsets [" + std::to_string(begin) + ", " + std::to_string(end) +
                 "] point past the end of the data (" + std::to_string(dataSize) + " bytes)");
    const uint64_t expected = numel * safeDTypeSize(t.dtype);
    if (end - begin != expected)
      throw fail(where + "dtype " + dtypeName + " and shape " + shapeToString(t.shape) + " need " +
                 std::to_string(expected) + " bytes, but data_offsets give " +
                 std::to_string(end - begin));
    spans.push_back({begin, end, file.tensors_.size()});
    file.tensors_.push_back(std::move(t));
  }

  // The tensors must tile the data exactly: no overlap (two tensors sharing bytes), no gap.
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  uint64_t covered = 0;
  for (size_t i = 0; i < spans.size(); ++i) {
    const Span& s = spans[i];
    const std::string& name = file.tensors_[s.tensor].name;
    if (s.begin < covered)
      throw fail("tensor '" + name + "' overlaps tensor '" + file.tensors_[spans[i - 1].tensor].name +
                 "' in the data");
    if (s.begin > covered)
      throw fail("the tensors do not cover the data: bytes " + std::to_string(covered) + ".." +
                 std::to_string(s.begin) + " belong to no tensor");
    covered = s.end;
  }
  if (covered != dataSize)
    throw fail("the tensors do not cover the data: " + std::to_string(dataSize - covered) +
               " bytes after the last tensor belong to no tensor");

  // Decode in file order so that names() can report it.
  std::vector<SafeTensor> ordered;
  ordered.reserve(spans.size());
  for (const Span& s : spans) {
    SafeTensor& t = file.tensors_[s.tensor];
    decode(data + s.begin, t.numel(), t);
    ordered.push_back(std::move(t));
  }
  file.tensors_ = std::move(ordered);
  for (size_t i = 0; i < file.tensors_.size(); ++i) file.index_[file.tensors_[i].name] = i;
  return file;
}

const SafeTensor* SafetensorsFile::find(const std::string& name) const {
  auto it = index_.find(name);
  return it == index_.end() ? nullptr : &tensors_[it->second];
}

const SafeTensor& SafetensorsFile::get(const std::string& name) const {
  const SafeTensor* t = find(name);
  if (!t) throw Error(path_ + ": tensor '" + name + "' not found");
  return *t;
}

const SafeTensor& SafetensorsFile::get(const std::string& name,
                                       const std::vector<int64_t>& expectedShape) const {
  const SafeTensor& t = get(name);
  if (t.shape != expectedShape)
    throw Error(path_ + ": tensor '" + name + "' has shape " + t.shapeString() + ", expected " +
                shapeToString(expectedShape));
  return t;
}

std::vector<std::string> SafetensorsFile::names() const {
  std::vector<std::string> out;
  out.reserve(tensors_.size());
  for (const auto& t : tensors_) out.push_back(t.name);
  return out;
}

// ---- writing ---------------------------------------------------------------------------------

void SafetensorsWriter::checkNew(const std::string& name) const {
  if (name.empty() || name == "__metadata__")
    throw UsageError("safetensors: invalid tensor name '" + name + "'");
  for (const auto& e : entries_)
    if (e.name == name) throw UsageError("safetensors: tensor '" + name + "' added twice");
}

static int64_t checkedNumel(const std::string& name, const std::vector<int64_t>& shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0) throw UsageError("safetensors: tensor '" + name + "' has a negative dimension");
    n *= d;
  }
  return n;
}

void SafetensorsWriter::add(const std::string& name, const std::vector<int64_t>& shape,
                            const float* data, SafeDType dtype) {
  checkNew(name);
  const int64_t n = checkedNumel(name, shape);
  Entry e{name, dtype, shape, {}};
  e.bytes.resize(static_cast<size_t>(n) * safeDTypeSize(dtype));
  char* out = e.bytes.data();
  switch (dtype) {
    case SafeDType::F32:
      if (n) std::memcpy(out, data, static_cast<size_t>(n) * 4);
      break;
    case SafeDType::F16:
      for (int64_t i = 0; i < n; ++i) {
        const uint16_t h = floatToHalf(data[i]);
        std::memcpy(out + 2 * i, &h, 2);
      }
      break;
    case SafeDType::BF16:
      for (int64_t i = 0; i < n; ++i) {
        const uint16_t h = floatToBf16(data[i]);
        std::memcpy(out + 2 * i, &h, 2);
      }
      break;
    case SafeDType::F64:
      for (int64_t i = 0; i < n; ++i) {
        const double d = data[i];
        std::memcpy(out + 8 * i, &d, 8);
      }
      break;
    default:
      throw UsageError(std::string("safetensors: cannot store floats as ") + safeDTypeName(dtype));
  }
  entries_.push_back(std::move(e));
}

void SafetensorsWriter::addInts(const std::string& name, const std::vector<int64_t>& shape,
                                const int64_t* data, SafeDType dtype) {
  checkNew(name);
  const int64_t n = checkedNumel(name, shape);
  Entry e{name, dtype, shape, {}};
  e.bytes.resize(static_cast<size_t>(n) * safeDTypeSize(dtype));
  if (dtype == SafeDType::I64) {
    if (n) std::memcpy(e.bytes.data(), data, static_cast<size_t>(n) * 8);
  } else if (dtype == SafeDType::I32) {
    for (int64_t i = 0; i < n; ++i) {
      const int32_t v = static_cast<int32_t>(data[i]);
      std::memcpy(e.bytes.data() + 4 * i, &v, 4);
    }
  } else {
    throw UsageError(std::string("safetensors: cannot store integers as ") + safeDTypeName(dtype));
  }
  entries_.push_back(std::move(e));
}

std::string SafetensorsWriter::serialize() const {
  nlohmann::ordered_json header = nlohmann::ordered_json::object();
  if (!metadata_.empty()) {
    nlohmann::ordered_json meta = nlohmann::ordered_json::object();
    for (const auto& [k, v] : metadata_) meta[k] = v;
    header["__metadata__"] = meta;
  }
  uint64_t offset = 0;
  for (const auto& e : entries_) {
    nlohmann::ordered_json t = nlohmann::ordered_json::object();
    t["dtype"] = safeDTypeName(e.dtype);
    t["shape"] = e.shape;
    t["data_offsets"] = {offset, offset + e.bytes.size()};
    header[e.name] = t;
    offset += e.bytes.size();
  }
  std::string json = header.dump();
  // Pad with spaces so that the data start 8-byte aligned, as the reference writer does.
  while ((json.size() % 8) != 0) json.push_back(' ');
  std::string out;
  out.reserve(8 + json.size() + offset);
  const uint64_t n = json.size();
  out.append(reinterpret_cast<const char*>(&n), 8);
  out += json;
  for (const auto& e : entries_) out += e.bytes;
  return out;
}

void SafetensorsWriter::write(const std::string& path) const {
  const std::string bytes = serialize();
  AtomicFile file(path);
  file.write(bytes.data(), bytes.size());
  file.commit();
}

}  // namespace embedlab
