#include "core/io/WordVectors.h"

// The public entry points: which format a path names, and dispatch to the readers and writers of
// each layout (TextVectorsFormat, BinaryVectorsFormat, ProjectorTsvFormat).
#include <filesystem>
#include <new>
#include <stdexcept>

#include "core/io/BinaryVectorsFormat.h"
#include "core/io/ProjectorTsvFormat.h"
#include "core/io/TextVectorsFormat.h"
#include "core/io/VectorRows.h"
#include "core/util/Error.h"

namespace embedlab {

using wordvectors::endsWith;
using wordvectors::lowerAscii;

VectorFormat vectorFormatFromPath(const std::string& path) {
  std::string name = lowerAscii(std::filesystem::path(path).filename().string());
  if (endsWith(name, ".gz")) name.resize(name.size() - 3);
  if (endsWith(name, ".bin")) return VectorFormat::Word2VecBinary;
  if (endsWith(name, ".vec") || endsWith(name, ".txt")) return VectorFormat::Word2VecText;
  if (endsWith(name, ".tsv")) return VectorFormat::ProjectorTsv;
  throw Error(path + ": unknown vectors format (use a name ending in .vec, .txt, .bin or .tsv)");
}

const char* vectorFormatName(VectorFormat format) {
  switch (format) {
    case VectorFormat::Auto: return "auto";
    case VectorFormat::Word2VecText: return "word2vec text";
    case VectorFormat::Word2VecBinary: return "word2vec binary";
    case VectorFormat::GloveText: return "GloVe text";
    case VectorFormat::ProjectorTsv: return "projector TSV";
  }
  return "?";
}

std::string projectorMetadataPath(const std::string& vectorsPath) {
  std::filesystem::path p(vectorsPath);
  const std::string name = p.filename().string();
  if (name == "vectors.tsv") return (p.parent_path() / "metadata.tsv").string();
  std::string stem = vectorsPath;
  if (endsWith(lowerAscii(stem), ".tsv")) stem.resize(stem.size() - 4);
  return stem + ".metadata.tsv";
}

EmbeddingSet loadWordVectors(const std::string& path, VectorFormat format, int64_t maxRows) {
  WordVectorsLoadOptions options;
  options.format = format;
  options.maxRows = maxRows;
  return loadWordVectors(path, options);
}

EmbeddingSet loadWordVectors(const std::string& path, const WordVectorsLoadOptions& options,
                             WordVectorsLoadReport* report) {
  WordVectorsLoadReport local;
  WordVectorsLoadReport& rep = report ? *report : local;
  rep = WordVectorsLoadReport{};
  const VectorFormat format = options.format == VectorFormat::Auto ? vectorFormatFromPath(path) : options.format;
  try {
    switch (format) {
      case VectorFormat::Word2VecBinary: return wordvectors::loadBinaryVectors(path, options, rep);
      case VectorFormat::ProjectorTsv: return wordvectors::loadProjectorTsv(path, options, rep);
      case VectorFormat::GloveText:
      case VectorFormat::Word2VecText:
      case VectorFormat::Auto: break;
    }
    // .vec/.txt by extension: the header decides between word2vec text and GloVe.
    const VectorFormat requested = options.format == VectorFormat::Auto ? VectorFormat::Auto : format;
    return wordvectors::loadTextVectors(path, requested, options, rep);
  } catch (const std::bad_alloc&) {
    throw Error(path + ": not enough memory to load these vectors");
  } catch (const std::length_error&) {
    throw Error(path + ": not enough memory to load these vectors");
  }
}

void saveWordVectors(const EmbeddingSet& set, const std::string& path, VectorFormat format) {
  if (format == VectorFormat::Auto) {
    if (endsWith(lowerAscii(path), ".gz")) throw Error(path + ": writing compressed vectors is not supported");
    format = vectorFormatFromPath(path);
  }
  if (set.dim() <= 0) throw Error(path + ": cannot save vectors of dimension " + std::to_string(set.dim()));
  switch (format) {
    case VectorFormat::Word2VecText: return wordvectors::saveTextVectors(set, path, true);
    case VectorFormat::GloveText: return wordvectors::saveTextVectors(set, path, false);
    case VectorFormat::Word2VecBinary: return wordvectors::saveBinaryVectors(set, path);
    case VectorFormat::ProjectorTsv: return wordvectors::saveProjectorTsv(set, path);
    case VectorFormat::Auto: break;
  }
}

}  // namespace embedlab
