// embedlab-cli analogy: "A is to B as C is to ?" with 3CosAdd or 3CosMul, the query words excluded.
#include <nlohmann/json.hpp>

#include "app/cli/Command.h"
#include "app/cli/Vectors.h"
#include "core/embeddings/NearestNeighbors.h"

namespace embedlab::cli {
namespace {

void defineFlags(ArgParser& args) {
  args.required("vectors", "FILE", "word vectors: .vec/.txt (word2vec or GloVe text), .bin, .tsv")
      .required("a", "A", "A is to B ...")
      .required("b", "B", "... as C ...")
      .required("c", "C", "... is to ?")
      .option("k", "N", "5", "how many answers, 1..10000")
      .option("method", "3cosadd|3cosmul", "3cosadd",
              "3CosAdd (Mikolov et al. 2013) or 3CosMul (Levy and Goldberg 2014)");
}

nlohmann::ordered_json run(const ArgParser& args, CommandContext& ctx) {
  const std::string path = args.getPath("vectors");
  const int k = static_cast<int>(args.getInt("k", 1, 10000));
  const AnalogyMethod method =
      args.getChoice("method", {"3cosadd", "3cosmul"}) == "3cosadd" ? AnalogyMethod::CosAdd : AnalogyMethod::CosMul;
  const std::string a = args.get("a"), b = args.get("b"), c = args.get("c");
  const EmbeddingSet set = loadVectors(path, ctx);
  const int64_t ra = findWord(set, a, "a", path), rb = findWord(set, b, "b", path), rc = findWord(set, c, "c", path);

  const NearestNeighbors index(set);
  nlohmann::ordered_json answers = nlohmann::ordered_json::array();
  for (const Neighbor& n : index.analogy(ra, rb, rc, k, method))
    answers.push_back({{"word", set.label(n.row)}, {"score", roundForJson(n.score)}});
  return {{"a", set.label(ra)}, {"b", set.label(rb)}, {"c", set.label(rc)}, {"answers", std::move(answers)}};
}

const CommandRegistration registration{{
    "analogy",
    "answer \"A is to B as C is to ?\" from word vectors",
    "Example:\n"
    "  embedlab-cli analogy --vectors vectors.bin --a good --b better --c bad --k 3 --method 3cosmul\n"
    "Output:\n"
    "  {\"a\":\"good\",\"b\":\"better\",\"c\":\"bad\",\"answers\":[{\"word\":\"worse\",\"score\":1.016389},...]}\n"
    "The three query words are never answers. A word not in the vocabulary is a usage error (exit 2).",
    defineFlags, run}};

}  // namespace
}  // namespace embedlab::cli
