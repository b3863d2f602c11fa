#pragma once
// The checkpoint of a Word2Vec run: everything needed to continue it exactly where it stopped.
//
// The file has the safetensors layout (8-byte header length, JSON header, raw little-endian data),
// so that standard tools can open it, but it is written and read here row by row: a checkpoint
// of a large model never needs a second copy of its matrices in memory.
//   vocab    U8  [bytes]     the words in id order, each followed by '\n'
//   counts   I64 [V]         their corpus counts
//   syn0     F32 [V, dim]    input vectors
//   syn1     F32 [R, dim]    output vectors (R = V for negative sampling, V-1 for the Huffman tree)
//   loss_log U8  [bytes]     the CSV rows of the loss log so far (may be empty)
//   __metadata__: format "embedlab-word2vec-checkpoint", version, checksum (of every data byte),
//     and "state": JSON {settings:{...}, corpus:[{path,size,mtime}], threads:[{epoch,file,lines,
//     token,rng,words,pairs,loss_bits,done}]}.
// Reading checks the layout, every shape, the settings' form and the checksum, and names the
// file and the problem when anything is wrong.
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace embedlab {

class Word2VecCheckpoint {
 public:
  static constexpr const char* kFormat = "embedlab-word2vec-checkpoint";
  static constexpr int kVersion = 1;

  // Where one worker thread stands, taken at one of its sync points (between sentences, so no
  // sentence is half trained): the next word it reads is token `token` of line `lines` (0-based,
  // counting the reader's lines or line pieces) of the `file`-th stretch the thread reads in epoch
  // `epoch`: a corpus file, or with chunked reading a chunk in that epoch's order.
  struct ThreadPosition {
    int32_t epoch = 0;
    int32_t file = 0;
    int64_t lines = 0;     // lines of `file` fully done in this epoch (in this thread's part)
    int64_t token = 0;     // tokens of the next line already done
    uint64_t rng = 0;      // the thread's generator state
    int64_t words = 0;     // cumulative corpus words, training pairs and loss of the thread
    int64_t pairs = 0;
    double loss = 0;
    bool done = false;     // its part of every epoch is done
  };

  struct CorpusStamp {
    std::string path;
    int64_t size = 0;
    int64_t mtime = 0;     // std::filesystem::last_write_time, in its clock's ticks
  };

  // A row-major float matrix with padded rows: `rows` rows of `dim` values, `stride` floats apart.
  struct Matrix {
    float* data = nullptr;
    int64_t rows = 0;
    int stride = 0;
  };

  struct State {
    std::map<std::string, std::string> settings;  // the options that fix the run, as text
    std::vector<CorpusStamp> corpus;
    std::vector<ThreadPosition> threads;
    int dim = 0;
    std::vector<std::string> words;
    std::vector<int64_t> counts;
    std::string lossLog;
  };

  // Stamp of a corpus file as it is on disk now (size and modification time).
  static CorpusStamp stamp(const std::string& path);

  // Writes atomically. Returns false and leaves any previous file untouched when a matrix holds
  // a non-finite value (the previous checkpoint is the last good one); throws Error naming the
  // path when the file cannot be written.
  static bool write(const std::string& path, const State& state, const Matrix& syn0, const Matrix& syn1);

  // Reading in two steps: open() checks the whole header (layout, shapes, settings' form) and
  // returns the state; readMatrices() then fills matrices of the shapes the state implies and
  // checks the checksum. Both throw Error naming the file.
  class Reader {
   public:
    explicit Reader(const std::string& path);
    ~Reader();
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;

    const State& state() const { return state_; }
    int64_t outputRows() const { return syn1Rows_; }
    void readMatrices(const Matrix& syn0, const Matrix& syn1);

   private:
    std::string path_;
    std::FILE* file_ = nullptr;
    State state_;
    int64_t dataStart_ = 0;
    int64_t syn1Rows_ = 0;
    int64_t syn0Offset_ = 0, syn1Offset_ = 0;
    uint64_t prefixHash_ = 0;  // the checksum over the data before syn0 (vocab, counts)
    uint64_t checksum_ = 0;
  };
};

}  // namespace embedlab
