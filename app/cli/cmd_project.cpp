// embedlab-cli project: a 2-D map of word vectors (PCA or t-SNE) written as word<TAB>x<TAB>y, the
// same coordinates the Explore page draws, for plotting elsewhere or the TensorFlow projector.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/cli/Command.h"
#include "app/cli/Files.h"
#include "app/cli/Interrupt.h"
#include "app/cli/ProgressPrinter.h"
#include "app/cli/Vectors.h"
#include "core/project/Pca.h"
#include "core/project/Tsne.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace embedlab::cli {
namespace {

using Clock = std::chrono::steady_clock;

void defineFlags(ArgParser& args) {
  args.required("vectors", "FILE", "word vectors: .vec/.txt (word2vec or GloVe text), .bin, .tsv")
      .required("method", "pca|tsne", "principal components or t-SNE")
      .required("out", "FILE.tsv", "where to write the map: one line per word, word<TAB>x<TAB>y")
      .option("top", "N", "all", "map only the first N rows (the most frequent words of a frequency-sorted file)")
      .option("components", "I,J", "1,2", "pca: the two principal components to plot (1-based)")
      .option("perplexity", "P", "30", "tsne: effective number of neighbours, at least 1 and below N - 1")
      .option("iterations", "N", "1000", "tsne: optimisation steps, 1..1000000")
      .option("learning-rate", "R", "auto", "tsne: gradient step (auto: max(N / 48, 50), as scikit-learn)")
      .option("tsne-method", "auto|exact|bh|fft", "auto",
              "tsne: repulsive forces exactly O(N^2), by Barnes-Hut (theta 0.5) or by FFT interpolation "
              "(auto: exact below 500 points, bh below 5000, fft above)")
      .option("seed", "S", "1", "random seed (t-SNE's random parts, randomized PCA)")
      .option("threads", "N", "0", "threads (0: all cores); a fixed --seed gives the same map at any count");
}

struct Request {
  std::string vectorsPath, outPath;
  bool tsne = false;
  int64_t top = 0;  // 0: all rows
  int componentX = 1, componentY = 2;  // 1-based
  TsneOptions tsneOptions;
  PcaOptions pcaOptions;
};

// "1,2" -> {1, 2}; the upper bound (the data's rank) is checked once the vectors are loaded.
void parseComponents(const std::string& text, int& x, int& y) {
  const auto bad = [&] {
    return UsageError("--components: expected two different component numbers like 1,2, got '" + text + "'");
  };
  const size_t comma = text.find(',');
  if (comma == std::string::npos) throw bad();
  const auto number = [&](size_t begin, size_t end) {
    int value = 0;
    const char* first = text.data() + begin;
    const char* last = text.data() + end;
    const auto [ptr, ec] = std::from_chars(first, last, value);
    if (ec != std::errc() || ptr != last || value < 1) throw bad();
    return value;
  };
  x = number(0, comma);
  y = number(comma + 1, text.size());
  if (x == y) throw bad();
}

// Every flag is checked here, before the (possibly large) vectors file is read.
Request readRequest(const ArgParser& args) {
  Request r;
  r.vectorsPath = args.getPath("vectors");
  r.tsne = args.getChoice("method", {"pca", "tsne"}) == "tsne";
  r.outPath = args.getPath("out");
  if (args.given("top") && args.get("top") != "all") r.top = args.getInt("top", 1, INT64_MAX);
  const uint64_t seed = args.getUInt("seed", UINT64_MAX);
  const int threads = static_cast<int>(args.getInt("threads", 0, 1024));

  // A flag of the other method is a mistake worth saying, not something to ignore silently.
  const char* tsneOnly[] = {"perplexity", "iterations", "learning-rate", "tsne-method"};
  if (!r.tsne) {
    for (const char* flag : tsneOnly)
      if (args.given(flag)) throw UsageError(std::string("--") + flag + ": only for --method tsne");
  } else if (args.given("components")) {
    throw UsageError("--components: only for --method pca");
  }

  if (r.tsne) {
    TsneOptions& o = r.tsneOptions;
    o.perplexity = args.getDouble("perplexity", 1, 1e6);
    o.iterations = static_cast<int>(args.getInt("iterations", 1, 1000000));
    if (args.given("learning-rate") && args.get("learning-rate") != "auto")
      o.learningRate = args.getDouble("learning-rate", 0, 1e9, true);
    const std::string method = args.getChoice("tsne-method", {"auto", "exact", "bh", "fft"});
    o.method = method == "exact" ? TsneOptions::Method::Exact
               : method == "bh"  ? TsneOptions::Method::BarnesHut
               : method == "fft" ? TsneOptions::Method::Fft
                                 : TsneOptions::Method::Auto;
    o.seed = seed;
    o.threads = threads;
    // A progress line every 50 iterations; each one costs an extra KL evaluation (~2%).
    o.callbackEvery = 50;
  } else {
    parseComponents(args.get("components"), r.componentX, r.componentY);
    r.pcaOptions.components = std::max(r.componentX, r.componentY);
    r.pcaOptions.seed = seed;
    r.pcaOptions.threads = threads;
  }
  requireWritableOutput(r.outPath);
  return r;
}

// Checks that need the data: enough rows for the method, the perplexity and components in range,
// finite values. Bad flags are usage errors naming the flag; bad data are errors naming the file.
void checkAgainstData(const Request& r, const EmbeddingSet& set, int64_t n) {
  const int64_t minRows = r.tsne ? 3 : 2;
  const std::string method = r.tsne ? "t-SNE" : "PCA";
  if (n < minRows) {
    if (r.top > 0 && r.top < set.rows())
      throw UsageError("--top: " + method + " needs at least " + std::to_string(minRows) + " rows, got " +
                       std::to_string(r.top));
    throw Error(r.vectorsPath + ": " + method + " needs at least " + std::to_string(minRows) +
                " vectors, the file has " + std::to_string(set.rows()));
  }
  if (r.tsne && r.tsneOptions.perplexity >= static_cast<double>(n - 1)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", r.tsneOptions.perplexity);
    throw UsageError("--perplexity: " + std::string(buf) + " is too large for " + std::to_string(n) +
                     " points (it must be below N - 1 = " + std::to_string(n - 1) + ")");
  }
  if (!r.tsne) {
    const int64_t rank = std::min<int64_t>(n, set.dim());
    if (r.pcaOptions.components > rank)
      throw UsageError("--components: component " + std::to_string(r.pcaOptions.components) +
                       " does not exist: " + std::to_string(n) + " points of dimension " +
                       std::to_string(set.dim()) + " have at most " + std::to_string(rank));
  }
  const float* data = set.data();
  const int d = set.dim();
  for (int64_t i = 0; i < n; ++i)
    for (int j = 0; j < d; ++j)
      if (!std::isfinite(data[i * d + j]))
        throw Error(r.vectorsPath + ": the vector of '" + set.label(i) + "' (row " + std::to_string(i + 1) +
                    ") has a non-finite value");
}

// A label as one TSV field: tabs and line breaks would split the line, so they become spaces.
void appendField(std::string& line, const std::string& label) {
  for (char c : label) line += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
}

void appendNumber(std::string& line, float value) {
  char buf[32];
  // Shortest text that reads back as the same float.
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  line.append(buf, ec == std::errc() ? end : buf);
}

// coords: (n, stride) row-major; columns cx, cy (0-based) are written.
void writeMap(const std::string& path, const EmbeddingSet& set, int64_t n, const float* coords, int stride,
              int cx, int cy) {
  AtomicFile file(path);
  std::string chunk;
  chunk.reserve(1 << 20);
  for (int64_t i = 0; i < n; ++i) {
    appendField(chunk, set.label(i));
    chunk += '\t';
    appendNumber(chunk, coords[i * stride + cx]);
    chunk += '\t';
    appendNumber(chunk, coords[i * stride + cy]);
    chunk += '\n';
    if (chunk.size() > (1 << 20) - 256) {
      file.write(chunk);
      chunk.clear();
    }
  }
  file.write(chunk);
  file.commit();
}

nlohmann::ordered_json runPca(const Request& r, const EmbeddingSet& set, int64_t n, CommandContext& ctx) {
  StopToken token;
  PcaResult pca;
  double seconds = 0;
  {
    // PCA has no stop points: Ctrl-C takes effect when it returns (a second one ends the process).
    InterruptGuard guard(token);
    ProgressPrinter printer({.unit = "rows", .showLoss = false, .quiet = ctx.quiet});
    printer.report(ProgressPrinter::fraction("pca", 0));
    const auto start = Clock::now();
    pca = Pca(r.pcaOptions).fit(set.data(), n, set.dim());
    seconds = std::chrono::duration<double>(Clock::now() - start).count();
    printer.report(ProgressPrinter::fraction("pca", 1));
    printer.finish();
  }
  if (token.stopRequested()) throw Error("interrupted: PCA stopped, " + r.outPath + " was not written");

  const int cx = r.componentX - 1, cy = r.componentY - 1;
  writeMap(r.outPath, set, n, pca.coordinates.data(), pca.k, cx, cy);
  return {{"n", n},
          {"seconds", seconds},
          {"method", "pca"},
          {"pca_method", pca.method == PcaOptions::Method::Exact ? "exact" : "randomized"},
          {"components", {r.componentX, r.componentY}},
          {"explained_variance_ratio",
           {roundForJson(pca.explainedVarianceRatio[cx]), roundForJson(pca.explainedVarianceRatio[cy])}},
          {"out", r.outPath}};
}

nlohmann::ordered_json runTsne(const Request& r, const EmbeddingSet& set, int64_t n, CommandContext& ctx) {
  const Tsne tsne(r.tsneOptions);
  StopToken token;
  TsneResult result;
  {
    InterruptGuard guard(token);
    ProgressPrinter printer({.unit = "iterations", .showLoss = true, .quiet = ctx.quiet});
    printer.report(ProgressPrinter::fraction("affinities", 0));
    // The affinities (kNN + calibration) come first and report nothing; time the optimisation
    // from its first callback so the rate and ETA are of the iterations alone.
    Clock::time_point optStart{};
    int optStartIteration = 0;
    const double lr = tsne.learningRate(n);
    const auto callback = [&](const TsneSnapshot& s) {
      const auto now = Clock::now();
      if (optStartIteration == 0) {
        optStart = now;
        optStartIteration = s.iteration;
      }
      Progress p;
      p.phase = "training";  // the printer shows loss (the KL divergence) and lr in this phase
      p.step = s.iteration;
      p.total = s.total;
      p.loss = s.klDivergence;
      p.lr = lr;
      const double elapsed = std::chrono::duration<double>(now - optStart).count();
      if (s.iteration > optStartIteration && elapsed > 0) {
        p.itemsPerSec = (s.iteration - optStartIteration) / elapsed;
        p.etaSeconds = (s.total - s.iteration) / p.itemsPerSec;
      }
      p.elapsedSeconds = elapsed;
      printer.report(p);
    };
    result = tsne.run(set.data(), n, set.dim(), callback, &token);
    printer.finish();
  }
  if (result.cancelled || token.stopRequested())
    throw Error("interrupted: t-SNE stopped, " + r.outPath + " was not written");

  writeMap(r.outPath, set, n, result.coordinates.data(), 2, 0, 1);
  return {{"n", n},
          {"seconds", result.seconds},
          {"kl_divergence", roundForJson(result.klDivergence)},
          {"method", "tsne"},
          {"tsne_method", result.method == TsneOptions::Method::Exact       ? "exact"
                          : result.method == TsneOptions::Method::BarnesHut ? "bh"
                                                                             : "fft"},
          {"perplexity", r.tsneOptions.perplexity},
          {"iterations", result.iterations},
          {"learning_rate", result.learningRate},
          {"affinity_seconds", result.affinitySeconds},
          {"out", r.outPath}};
}

nlohmann::ordered_json run(const ArgParser& args, CommandContext& ctx) {
  const Request r = readRequest(args);
  const EmbeddingSet set = loadVectors(r.vectorsPath, ctx);
  const int64_t n = r.top > 0 ? std::min(r.top, set.rows()) : set.rows();
  if (r.top > set.rows())
    ctx.warn("--top " + std::to_string(r.top) + ": " + r.vectorsPath + " has only " + std::to_string(set.rows()) +
             " vectors; mapping all of them");
  checkAgainstData(r, set, n);
  return r.tsne ? runTsne(r, set, n, ctx) : runPca(r, set, n, ctx);
}

const CommandRegistration registration{{
    "project",
    "map word vectors to 2-D with PCA or t-SNE (word<TAB>x<TAB>y per line)",
    "Examples:\n"
    "  embedlab-cli project --vectors vectors.bin --top 5000 --method tsne --perplexity 30 --out map.tsv\n"
    "  embedlab-cli project --vectors vectors.bin --method pca --components 2,3 --out pca.tsv\n"
    "Output:\n"
    "  {\"n\":5000,\"seconds\":4.1,\"kl_divergence\":1.92,\"method\":\"tsne\",\"tsne_method\":\"fft\",...}\n"
    "  pca: {\"n\":..,\"seconds\":..,\"method\":\"pca\",\"pca_method\":\"exact\",\"components\":[2,3],\n"
    "        \"explained_variance_ratio\":[..,..],\"out\":..}\n"
    "  seconds: the projection alone (not reading the vectors); kl_divergence: t-SNE only.\n"
    "  The rows are mapped in file order; Ctrl-C stops and writes nothing (exit code 1).",
    defineFlags, run}};

}  // namespace
}  // namespace embedlab::cli
