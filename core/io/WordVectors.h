#pragma once
// Static word vectors on disk: word2vec text and binary (as word2vec.c, gensim and fastText write
// and read them), GloVe text, and the TSV pair of the TensorFlow Embedding Projector.
//
// Layouts written (byte for byte as word2vec.c):
//   Word2VecText    "N D\n" then per row "word v1 v2 ... vD \n"  (values "%f", each followed by a
//                   space — word2vec.c's habit; gensim strips it, fastText reads with >>)
//   Word2VecBinary  "N D\n" then per row "word " + D little-endian float32 + "\n"
//   GloveText       per row "word v1 v2 ... vD\n", no header line
//   ProjectorTsv    vectors: per row "v1\tv2\t...\tvD\n"; metadata beside it: one label per line,
//                   or a header "word\tcount" then "word\tcount" lines when counts are known.
//                   X/vectors.tsv pairs with X/metadata.tsv; any other X.tsv with X.metadata.tsv.
//
// Read as well: gensim's binary rows (no "\n" after the floats), fastText's .vec ("%g"-like
// values with a trailing space), CRLF line ends, a UTF-8 byte-order mark, gzip-compressed files
// (path ending in .gz). A projector vectors file without its metadata file gets the row numbers
// ("0", "1", ...) as labels; a metadata header may name the columns word/label/token and count.
//
// Policies (documented because each could have gone the other way):
// - Duplicate words: the first row wins, later ones are skipped and counted in the load report
//   (gensim does the same); N in the header counts the rows present, duplicates included.
// - Labels must be valid UTF-8 and non-empty; on saving, whitespace inside a label (which these
//   formats cannot carry) is replaced by '_' and an empty label is written as "_".
// - Values must be finite numbers; NaN/inf is an error.
// - A text file with more rows than its header announces is an error (a damaged header);
//   maxRows > 0 reads only the first rows and ignores the rest.
// Every problem throws embedlab::Error naming the file, the problem and (text) the line.
//
// This header is the one to include; each layout's reader and writer lives in its own file
// (TextVectorsFormat, BinaryVectorsFormat, ProjectorTsvFormat) over the shared line parsing
// (VectorLines) and row policies (VectorRows).
#include <cstdint>
#include <string>

#include "core/embeddings/EmbeddingSet.h"
#include "core/train/Progress.h"

namespace embedlab {

enum class VectorFormat { Auto, Word2VecText, Word2VecBinary, GloveText, ProjectorTsv };

// What the extension says (".gz" stripped first): .bin -> binary, .vec/.txt -> Word2VecText
// (loading then checks for the "N D" header and falls back to GloVe), .tsv -> ProjectorTsv.
// Throws Error naming the path for any other extension.
VectorFormat vectorFormatFromPath(const std::string& path);
const char* vectorFormatName(VectorFormat format);

struct WordVectorsLoadReport {
  VectorFormat format = VectorFormat::Auto;  // the format actually read
  int64_t headerRows = 0;                    // N of the header (0 for GloVe / TSV)
  int64_t duplicatesSkipped = 0;             // rows dropped because their word came earlier
};

struct WordVectorsLoadOptions {
  VectorFormat format = VectorFormat::Auto;
  int64_t maxRows = 0;  // > 0: read only the first maxRows rows
  int threads = 0;      // parsing threads (0 = OpenMP default); results do not depend on it
  const StopToken* stop = nullptr;  // a stop request aborts with Error("...: loading stopped")
  ProgressSink progress;            // step/total in bytes, phase "loading"
};

EmbeddingSet loadWordVectors(const std::string& path, VectorFormat format = VectorFormat::Auto,
                             int64_t maxRows = 0);
EmbeddingSet loadWordVectors(const std::string& path, const WordVectorsLoadOptions& options,
                             WordVectorsLoadReport* report = nullptr);

// Atomic (temporary file + rename); for ProjectorTsv both files are written atomically.
void saveWordVectors(const EmbeddingSet& set, const std::string& path, VectorFormat format = VectorFormat::Auto);

// The metadata file that pairs with a projector vectors file (see above).
std::string projectorMetadataPath(const std::string& vectorsPath);

}  // namespace embedlab
