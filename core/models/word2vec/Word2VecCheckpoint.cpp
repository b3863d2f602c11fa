#include "core/models/word2vec/Word2VecCheckpoint.h"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace embedlab {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

// The header is small (settings, one position per thread); anything larger is not ours.
constexpr uint64_t kMaxHeader = 64ull << 20;

// A 64-bit checksum over spans of bytes, eight at a time: enough to notice a flipped or
// truncated byte, and fast enough (a multiply per 8 bytes) to run over gigabytes of vectors.
struct Checksum {
  uint64_t h = 0x243f6a8885a308d3ULL;
  void add(const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
      h ^= h >> 32;
    }
    for (; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3ULL;
    h = (h ^ n) * 0xbf58476d1ce4e5b9ULL;  // the span's length: moving a boundary changes the sum
  }
};

std::string hex(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

json tensorEntry(const char* dtype, const std::vector<int64_t>& shape, int64_t begin, int64_t end) {
  return {{"dtype", dtype}, {"shape", shape}, {"data_offsets", {begin, end}}};
}

}  // namespace

Word2VecCheckpoint::CorpusStamp Word2VecCheckpoint::stamp(const std::string& path) {
  CorpusStamp s;
  s.path = path;
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) throw Error(path + ": cannot read its size (" + ec.message() + ")");
  s.size = static_cast<int64_t>(size);
  const auto time = fs::last_write_time(path, ec);
  if (ec) throw Error(path + ": cannot read its modification time (" + ec.message() + ")");
  s.mtime = static_cast<int64_t>(time.time_since_epoch().count());
  return s;
}

bool Word2VecCheckpoint::write(const std::string& path, const State& st, const Matrix& syn0, const Matrix& syn1) {
  const int dim = st.dim;
  const int64_t V = static_cast<int64_t>(st.words.size());
  if (syn0.rows != V || static_cast<int64_t>(st.counts.size()) != V)
    throw Error(path + ": internal error: the checkpoint's vocabulary and matrices disagree");
  std::string vocabBytes;
  for (const std::string& w : st.words) {
    vocabBytes += w;
    vocabBytes += '\n';
  }
  const size_t rowBytes = sizeof(float) * static_cast<size_t>(dim);

  // Pass 1: the checksum, and the check that every value is finite (a model that has diverged
  // must not replace the last good checkpoint).
  Checksum sum;
  sum.add(vocabBytes.data(), vocabBytes.size());
  sum.add(st.counts.data(), st.counts.size() * sizeof(int64_t));
  for (const Matrix* m : {&syn0, &syn1})
    for (int64_t r = 0; r < m->rows; ++r) {
      const float* row = m->data + r * m->stride;
      for (int i = 0; i < dim; ++i)
        if (!std::isfinite(row[i])) return false;
      sum.add(row, rowBytes);
    }
  sum.add(st.lossLog.data(), st.lossLog.size());

  // The header.
  json state = json::object();
  json settings = json::object();
  for (const auto& [k, v] : st.settings) settings[k] = v;
  state["settings"] = settings;
  json corpus = json::array();
  for (const CorpusStamp& c : st.corpus) corpus.push_back({{"path", c.path}, {"size", c.size}, {"mtime", c.mtime}});
  state["corpus"] = corpus;
  json threads = json::array();
  for (const ThreadPosition& t : st.threads) {
    uint64_t lossBits;
    std::memcpy(&lossBits, &t.loss, sizeof lossBits);
    threads.push_back({{"epoch", t.epoch},
                       {"file", t.file},
                       {"lines", t.lines},
                       {"token", t.token},
                       {"rng", hex(t.rng)},
                       {"words", t.words},
                       {"pairs", t.pairs},
                       {"loss_bits", hex(lossBits)},  // exact: the loss bookkeeping resumes bit for bit
                       {"done", t.done}});
  }
  state["threads"] = threads;

  int64_t at = 0;
  auto span = [&](int64_t bytes) {
    const int64_t begin = at;
    at += bytes;
    return std::pair<int64_t, int64_t>{begin, at};
  };
  const auto vocabSpan = span(static_cast<int64_t>(vocabBytes.size()));
  const auto countsSpan = span(V * 8);
  const auto syn0Span = span(syn0.rows * static_cast<int64_t>(rowBytes));
  const auto syn1Span = span(syn1.rows * static_cast<int64_t>(rowBytes));
  const auto logSpan = span(static_cast<int64_t>(st.lossLog.size()));
  json header = json::object();
  header["__metadata__"] = {{"format", kFormat},
                            {"version", std::to_string(kVersion)},
                            {"checksum", hex(sum.h)},
                            {"state", state.dump()}};
  header["vocab"] = tensorEntry("U8", {vocabSpan.second - vocabSpan.first}, vocabSpan.first, vocabSpan.second);
  header["counts"] = tensorEntry("I64", {V}, countsSpan.first, countsSpan.second);
  header["syn0"] = tensorEntry("F32", {syn0.rows, dim}, syn0Span.first, syn0Span.second);
  header["syn1"] = tensorEntry("F32", {syn1.rows, dim}, syn1Span.first, syn1Span.second);
  header["loss_log"] = tensorEntry("U8", {logSpan.second - logSpan.first}, logSpan.first, logSpan.second);
  std::string text = header.dump();
  while (text.size() % 8) text += ' ';  // the data starts 8-byte aligned, as safetensors writers do

  // Pass 2: the bytes.
  AtomicFile out(path);
  const uint64_t n = text.size();
  unsigned char len[8];
  for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(n >> (8 * i));
  out.write(len, 8);
  out.write(text);
  out.write(vocabBytes);
  out.write(st.counts.data(), st.counts.size() * sizeof(int64_t));
  for (const Matrix* m : {&syn0, &syn1})
    for (int64_t r = 0; r < m->rows; ++r) out.write(m->data + r * m->stride, rowBytes);
  out.write(st.lossLog);
  out.commit();
  return true;
}

// ------------------------------------------------------------------------------------------------

namespace {

class HeaderCheck {
 public:
  explicit HeaderCheck(const std::string& path) : path_(path) {}
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(path_ + ": not a valid Word2Vec checkpoint (" + what + "); delete it or start fresh");
  }
  const json& field(const json& obj, const char* key, const std::string& where) const {
    auto it = obj.find(key);
    if (it == obj.end()) fail(where + " lacks \"" + key + "\"");
    return *it;
  }
  int64_t integer(const json& obj, const char* key, const std::string& where, int64_t lo, int64_t hi) const {
    const json& v = field(obj, key, where);
    if (!v.is_number_integer()) fail(where + "." + key + " is not a whole number");
    const int64_t x = v.get<int64_t>();
    if (x < lo || x > hi) fail(where + "." + key + " is out of range");
    return x;
  }
  uint64_t hexValue(const json& obj, const char* key, const std::string& where) const {
    const json& v = field(obj, key, where);
    if (!v.is_string() || v.get<std::string>().size() != 16 ||
        v.get<std::string>().find_first_not_of("0123456789abcdef") != std::string::npos)
      fail(where + "." + key + " is not 16 hex digits");
    return std::stoull(v.get<std::string>(), nullptr, 16);
  }
  // A tensor entry: dtype, shape and offsets [begin, end) that must follow `at` exactly.
  std::vector<int64_t> tensor(const json& header, const char* name, const char* dtype, int64_t elemBytes,
                              int64_t& at, int64_t& begin) const {
    const json& t = field(header, name, "the header");
    if (!t.is_object()) fail(std::string("tensor ") + name + " is not an object");
    const json& d = field(t, "dtype", name);
    if (!d.is_string() || d.get<std::string>() != dtype) fail(std::string("tensor ") + name + " is not " + dtype);
    const json& s = field(t, "shape", name);
    if (!s.is_array() || s.empty() || s.size() > 2) fail(std::string("tensor ") + name + " has a bad shape");
    std::vector<int64_t> shape;
    int64_t numel = 1;
    for (const json& x : s) {
      if (!x.is_number_integer() || x.get<int64_t>() < 0 || x.get<int64_t>() > (int64_t(1) << 40))
        fail(std::string("tensor ") + name + " has a bad shape");
      shape.push_back(x.get<int64_t>());
      if (shape.back() > 0 && numel > (int64_t(1) << 44) / shape.back())  // checked before it can overflow
        fail(std::string("tensor ") + name + " is impossibly large");
      numel *= shape.back();
    }
    const json& o = field(t, "data_offsets", name);
    if (!o.is_array() || o.size() != 2 || !o[0].is_number_integer() || !o[1].is_number_integer())
      fail(std::string("tensor ") + name + " has bad data_offsets");
    begin = o[0].get<int64_t>();
    const int64_t end = o[1].get<int64_t>();
    if (begin != at || end - begin != numel * elemBytes)
      fail(std::string("tensor ") + name + "'s data_offsets do not match its shape and place");
    at = end;
    return shape;
  }

 private:
  const std::string& path_;
};

}  // namespace

Word2VecCheckpoint::Reader::Reader(const std::string& path) : path_(path) {
  const HeaderCheck check(path_);
  std::error_code ec;
  if (!fs::is_regular_file(path_, ec)) throw Error(path_ + ": no such checkpoint file");
  const int64_t fileSize = static_cast<int64_t>(fs::file_size(path_, ec));
  if (ec) throw Error(path_ + ": cannot read the checkpoint (" + ec.message() + ")");
  file_ = std::fopen(path_.c_str(), "rb");
  if (!file_) throw Error(path_ + ": cannot open the checkpoint");
  auto readExactly = [&](void* dst, size_t n, const char* what) {
    if (n > 0 && std::fread(dst, 1, n, file_) != n) check.fail(std::string("truncated in ") + what);
  };
  unsigned char len[8];
  if (fileSize < 8) check.fail("truncated: shorter than 8 bytes");
  readExactly(len, 8, "the header length");
  uint64_t n = 0;
  for (int i = 0; i < 8; ++i) n |= static_cast<uint64_t>(len[i]) << (8 * i);
  if (n == 0 || n > kMaxHeader || n > static_cast<uint64_t>(fileSize - 8))
    check.fail("header length " + std::to_string(n) + " does not fit a file of " + std::to_string(fileSize) +
               " bytes");
  std::string text(n, '\0');
  readExactly(text.data(), n, "the header");
  dataStart_ = 8 + static_cast<int64_t>(n);
  const json header = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!header.is_object()) check.fail("the header is not a JSON object");

  const json& meta = check.field(header, "__metadata__", "the header");
  if (!meta.is_object()) check.fail("__metadata__ is not an object");
  const json& format = check.field(meta, "format", "__metadata__");
  if (!format.is_string() || format.get<std::string>() != kFormat) check.fail("format is not " + std::string(kFormat));
  const json& version = check.field(meta, "version", "__metadata__");
  if (!version.is_string() || version.get<std::string>() != std::to_string(kVersion))
    throw Error(path_ + ": Word2Vec checkpoint version " + version.dump() + " is not supported (this program reads " +
                std::to_string(kVersion) + "); delete it or start fresh");
  checksum_ = check.hexValue(meta, "checksum", "__metadata__");
  const json& stateText = check.field(meta, "state", "__metadata__");
  if (!stateText.is_string()) check.fail("state is not a string");
  const json st = json::parse(stateText.get<std::string>(), nullptr, false);
  if (!st.is_object()) check.fail("state is not a JSON object");

  // Tensors, in file order, each exactly after the previous one.
  int64_t at = 0, vocabAt = 0, countsAt = 0, logAt = 0;
  const int64_t vocabBytes = check.tensor(header, "vocab", "U8", 1, at, vocabAt)[0];
  const std::vector<int64_t> countsShape = check.tensor(header, "counts", "I64", 8, at, countsAt);
  const std::vector<int64_t> syn0Shape = check.tensor(header, "syn0", "F32", 4, at, syn0Offset_);
  const std::vector<int64_t> syn1Shape = check.tensor(header, "syn1", "F32", 4, at, syn1Offset_);
  const int64_t logBytes = check.tensor(header, "loss_log", "U8", 1, at, logAt)[0];
  if (dataStart_ + at != fileSize)
    check.fail("truncated or padded: the tensors need " + std::to_string(dataStart_ + at) + " bytes, the file has " +
               std::to_string(fileSize));
  if (countsShape.size() != 1 || syn0Shape.size() != 2 || syn1Shape.size() != 2) check.fail("bad tensor ranks");
  const int64_t V = countsShape[0];
  if (V < 1 || syn0Shape[0] != V || syn0Shape[1] < 1 || syn0Shape[1] > 10000 || syn1Shape[1] != syn0Shape[1] ||
      (syn1Shape[0] != V && syn1Shape[0] != std::max<int64_t>(V - 1, 1)))
    check.fail("the shapes of counts, syn0 and syn1 do not fit together");
  state_.dim = static_cast<int>(syn0Shape[1]);
  syn1Rows_ = syn1Shape[0];

  // The small tensors are read now; the matrices later, straight into the model.
  Checksum sum;
  std::string vocab(static_cast<size_t>(vocabBytes), '\0');
  readExactly(vocab.data(), vocab.size(), "the vocabulary");
  sum.add(vocab.data(), vocab.size());
  state_.counts.resize(static_cast<size_t>(V));
  readExactly(state_.counts.data(), state_.counts.size() * 8, "the counts");
  sum.add(state_.counts.data(), state_.counts.size() * 8);
  prefixHash_ = sum.h;
  if (std::fseek(file_, static_cast<long>(dataStart_ + logAt), SEEK_SET) != 0) check.fail("cannot seek to loss_log");
  state_.lossLog.resize(static_cast<size_t>(logBytes));
  readExactly(state_.lossLog.data(), state_.lossLog.size(), "the loss log");
  size_t start = 0;
  while (start < vocab.size()) {
    const size_t nl = vocab.find('\n', start);
    if (nl == std::string::npos) check.fail("the vocabulary does not end with a newline");
    if (nl == start) check.fail("the vocabulary has an empty word");
    state_.words.emplace_back(vocab, start, nl - start);
    start = nl + 1;
  }
  if (static_cast<int64_t>(state_.words.size()) != V)
    check.fail("the vocabulary has " + std::to_string(state_.words.size()) + " words, counts has " +
               std::to_string(V));
  for (int64_t c : state_.counts)
    if (c < 1) check.fail("a count is not positive");

  // The state.
  const json& settings = check.field(st, "settings", "state");
  if (!settings.is_object()) check.fail("state.settings is not an object");
  for (auto it = settings.begin(); it != settings.end(); ++it) {
    if (!it.value().is_string()) check.fail("state.settings." + it.key() + " is not a string");
    state_.settings[it.key()] = it.value().get<std::string>();
  }
  const json& corpus = check.field(st, "corpus", "state");
  if (!corpus.is_array() || corpus.empty()) check.fail("state.corpus is not a list of files");
  for (const json& c : corpus) {
    if (!c.is_object()) check.fail("state.corpus holds a non-object");
    CorpusStamp s;
    const json& p = check.field(c, "path", "state.corpus");
    if (!p.is_string()) check.fail("state.corpus.path is not a string");
    s.path = p.get<std::string>();
    s.size = check.integer(c, "size", "state.corpus", 0, INT64_MAX);
    s.mtime = check.integer(c, "mtime", "state.corpus", INT64_MIN, INT64_MAX);
    state_.corpus.push_back(s);
  }
  const json& threads = check.field(st, "threads", "state");
  if (!threads.is_array() || threads.empty() || threads.size() > 1024) check.fail("state.threads is not a list of 1..1024");
  for (const json& t : threads) {
    if (!t.is_object()) check.fail("state.threads holds a non-object");
    ThreadPosition p;
    const std::string w = "state.threads[" + std::to_string(state_.threads.size()) + "]";
    p.epoch = static_cast<int32_t>(check.integer(t, "epoch", w, 0, 100000));
    p.file = static_cast<int32_t>(check.integer(t, "file", w, 0, INT32_MAX));  // a file, or a chunk
    p.lines = check.integer(t, "lines", w, 0, INT64_MAX);
    p.token = check.integer(t, "token", w, 0, INT64_MAX);
    p.rng = check.hexValue(t, "rng", w);
    p.words = check.integer(t, "words", w, 0, INT64_MAX);
    p.pairs = check.integer(t, "pairs", w, 0, INT64_MAX);
    const uint64_t bits = check.hexValue(t, "loss_bits", w);
    std::memcpy(&p.loss, &bits, sizeof bits);
    if (!std::isfinite(p.loss)) check.fail(w + ".loss is not finite");
    const json& done = check.field(t, "done", w);
    if (!done.is_boolean()) check.fail(w + ".done is not true/false");
    p.done = done.get<bool>();
    state_.threads.push_back(p);
  }
}

Word2VecCheckpoint::Reader::~Reader() {
  if (file_) std::fclose(file_);
}

void Word2VecCheckpoint::Reader::readMatrices(const Matrix& syn0, const Matrix& syn1) {
  const HeaderCheck check(path_);
  const int64_t V = static_cast<int64_t>(state_.words.size());
  if (syn0.rows != V || syn1.rows != syn1Rows_)
    throw Error(path_ + ": internal error: matrices of the wrong shape for the checkpoint");
  const size_t rowBytes = sizeof(float) * static_cast<size_t>(state_.dim);
  Checksum sum;
  sum.h = prefixHash_;
  if (std::fseek(file_, static_cast<long>(dataStart_ + syn0Offset_), SEEK_SET) != 0) check.fail("cannot seek to syn0");
  for (const Matrix* m : {&syn0, &syn1})
    for (int64_t r = 0; r < m->rows; ++r) {
      float* row = m->data + r * m->stride;
      if (std::fread(row, 1, rowBytes, file_) != rowBytes) check.fail("truncated in the vectors");
      sum.add(row, rowBytes);
    }
  sum.add(state_.lossLog.data(), state_.lossLog.size());
  if (sum.h != checksum_) check.fail("checksum mismatch: the file is corrupt");
  for (const Matrix* m : {&syn0, &syn1})
    for (int64_t r = 0; r < m->rows; ++r)
      for (int i = 0; i < state_.dim; ++i)
        if (!std::isfinite(m->data[r * m->stride + i])) check.fail("non-finite vectors");
}

}  // namespace embedlab
