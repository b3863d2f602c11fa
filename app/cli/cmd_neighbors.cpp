// embedlab-cli neighbors: the words nearest to a word by cosine similarity.
#include <nlohmann/json.hpp>

#include "app/cli/Command.h"
#include "app/cli/Vectors.h"
#include "core/embeddings/NearestNeighbors.h"

namespace embedlab::cli {
namespace {

void defineFlags(ArgParser& args) {
  args.required("vectors", "FILE", "word vectors: .vec/.txt (word2vec or GloVe text), .bin, .tsv")
      .required("word", "W", "the query word (looked up as given, then lowercased)")
      .option("k", "N", "10", "how many neighbours, 1..10000");
}

nlohmann::ordered_json run(const ArgParser& args, CommandContext& ctx) {
  const std::string path = args.getPath("vectors");
  const std::string word = args.get("word");
  const int k = static_cast<int>(args.getInt("k", 1, 10000));
  const EmbeddingSet set = loadVectors(path, ctx);
  const int64_t row = findWord(set, word, "word", path);

  const NearestNeighbors index(set);
  nlohmann::ordered_json neighbors = nlohmann::ordered_json::array();
  for (const Neighbor& n : index.nearest(row, k))
    neighbors.push_back({{"word", set.label(n.row)}, {"cosine", roundForJson(n.score)}});
  return {{"word", set.label(row)}, {"neighbors", std::move(neighbors)}};
}

const CommandRegistration registration{{
    "neighbors",
    "list the nearest neighbours of a word by cosine similarity",
    "Example:\n"
    "  embedlab-cli neighbors --vectors vectors.bin --word music --k 3\n"
    "Output:\n"
    "  {\"word\":\"music\",\"neighbors\":[{\"word\":\"musical\",\"cosine\":0.764791},...]}\n"
    "A word not in the vocabulary is a usage error (exit code 2).",
    defineFlags, run}};

}  // namespace
}  // namespace embedlab::cli
