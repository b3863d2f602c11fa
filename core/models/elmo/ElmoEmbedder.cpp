#include "core/models/elmo/ElmoEmbedder.h"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <numeric>

#include "core/util/Error.h"

namespace embedlab::elmo {

ElmoEmbedder::ElmoEmbedder(const ElmoModel& model, ElmoEmbedderOptions options)
    : model_(model), opt_(options) {
  if (opt_.batch < 1) throw UsageError("elmo embedder: batch must be positive");
  if (opt_.maxTokens < 0) throw UsageError("elmo embedder: maxTokens must be >= 0");
}

int ElmoEmbedder::layers() const { return model_.options().layers + 1; }
int ElmoEmbedder::dim() const { return 2 * model_.options().projection; }

std::vector<std::vector<std::string>> ElmoEmbedder::tokenize(const std::vector<std::string>& texts,
                                                             const Tokenizer::Options& options) {
  const Tokenizer tokenizer(options);
  std::vector<std::vector<std::string>> out(texts.size());
#pragma omp parallel for schedule(dynamic, 64)
  for (int64_t i = 0; i < static_cast<int64_t>(texts.size()); ++i) tokenizer.tokenize(texts[i], out[i]);
  return out;
}

bool ElmoEmbedder::forEachSentence(const std::vector<std::vector<std::string>>& sentences,
                                   const std::function<void(int64_t, std::vector<float>&)>& consume,
                                   const ProgressFn& progress, StopToken* token) const {
  const int64_t n = static_cast<int64_t>(sentences.size());
  auto length = [&](int64_t i) {
    const int64_t t = static_cast<int64_t>(sentences[i].size());
    return opt_.maxTokens > 0 ? std::min<int64_t>(t, opt_.maxTokens) : t;
  };
  // Longest first: similar lengths share a batch, and the long batches start early so that the
  // dynamic schedule ends with short ones.
  std::vector<int64_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) { return length(a) > length(b); });
  // Batches of at most `batch` sentences and about batchTokens padded positions: the LSTM keeps
  // ~13 KB per position and layer for its backward pass, which inference does not need but pays.
  std::vector<std::pair<int64_t, int64_t>> ranges;  // [begin, end) in `order`
  for (int64_t begin = 0; begin < n;) {
    const int64_t width = length(order[begin]) + 2;
    const int64_t fit = std::max<int64_t>(1, opt_.batchTokens / width);
    const int64_t end = std::min({n, begin + opt_.batch, begin + fit});
    ranges.push_back({begin, end});
    begin = end;
  }
  const int64_t batches = static_cast<int64_t>(ranges.size());
  std::atomic<bool> stop{false};
  std::atomic<int64_t> done{0};
  std::mutex progressMutex;
  const int threads = opt_.threads > 0 ? opt_.threads : omp_get_max_threads();
  std::exception_ptr failure;

#pragma omp parallel num_threads(threads)
  {
    ElmoModel::Workspace ws;
    std::vector<std::vector<std::string>> batch;
    std::vector<std::vector<float>> out;
#pragma omp for schedule(dynamic, 1)
    for (int64_t k = 0; k < batches; ++k) {
      if (stop.load(std::memory_order_relaxed)) continue;
      if (token && token->stopRequested()) {
        stop = true;
        continue;
      }
      const int64_t begin = ranges[k].first, end = ranges[k].second;
      batch.clear();
      for (int64_t j = begin; j < end; ++j) {
        const auto& s = sentences[order[j]];
        batch.emplace_back(s.begin(), s.begin() + length(order[j]));
      }
      try {
        model_.representations(batch, ws, out);
        for (int64_t j = begin; j < end; ++j) consume(order[j], out[j - begin]);
      } catch (...) {
        // An exception may not leave an OpenMP region: keep the first, stop, rethrow after it.
        std::lock_guard<std::mutex> lock(progressMutex);
        if (!failure) failure = std::current_exception();
        stop = true;
        continue;
      }
      const int64_t finished = done.fetch_add(end - begin) + (end - begin);
      if (progress) {
        std::lock_guard<std::mutex> lock(progressMutex);
        progress(finished, n);
      }
    }
  }
  if (failure) std::rethrow_exception(failure);
  return !stop.load();
}

std::vector<std::vector<float>> ElmoEmbedder::embed(const std::vector<std::vector<std::string>>& sentences,
                                                    const ProgressFn& progress, StopToken* token,
                                                    bool* stopped) const {
  std::vector<std::vector<float>> result(sentences.size());
  const bool complete = forEachSentence(
      sentences, [&](int64_t i, std::vector<float>& layers) { result[i] = std::move(layers); }, progress,
      token);
  if (stopped) *stopped = !complete;
  return result;
}

std::vector<float> ElmoEmbedder::embedMeanPooled(const std::vector<std::vector<std::string>>& sentences,
                                                 const ProgressFn& progress, StopToken* token,
                                                 bool* stopped) const {
  const int K = layers(), D = dim();
  const int64_t KD = static_cast<int64_t>(K) * D;
  // Pieces of at most chunkTokens tokens; owner[p] is the sentence of piece p.
  std::vector<std::vector<std::string>> pieces;
  std::vector<int64_t> owner;
  for (int64_t i = 0; i < static_cast<int64_t>(sentences.size()); ++i) {
    const auto& s = sentences[i];
    const int64_t T = opt_.maxTokens > 0 ? std::min<int64_t>(s.size(), opt_.maxTokens)
                                         : static_cast<int64_t>(s.size());
    const int64_t chunk = opt_.chunkTokens > 0 ? opt_.chunkTokens : std::max<int64_t>(T, 1);
    for (int64_t b = 0; b < T; b += chunk) {
      pieces.emplace_back(s.begin() + b, s.begin() + std::min(T, b + chunk));
      owner.push_back(i);
    }
  }
  // Per piece: the sum over its tokens of every layer (K,D) and its token count. Pieces of one
  // sentence may run on different threads, so they are added up afterwards.
  std::vector<float> sums(pieces.size() * KD, 0.0f);
  std::vector<int64_t> counts(pieces.size(), 0);
  const bool complete = forEachSentence(
      pieces,
      [&](int64_t p, std::vector<float>& layers) {
        const int64_t T = static_cast<int64_t>(layers.size()) / KD;
        counts[p] = T;
        std::vector<double> acc(D);
        for (int k = 0; k < K; ++k) {
          std::fill(acc.begin(), acc.end(), 0.0);
          for (int64_t t = 0; t < T; ++t) {
            const float* v = layers.data() + (k * T + t) * D;
            for (int d = 0; d < D; ++d) acc[d] += v[d];
          }
          float* dst = sums.data() + p * KD + static_cast<int64_t>(k) * D;
          for (int d = 0; d < D; ++d) dst[d] = static_cast<float>(acc[d]);
        }
      },
      [&](int64_t done, int64_t all) {
        // Reported in sentences, as the caller counts them.
        if (progress) progress(done * static_cast<int64_t>(sentences.size()) / std::max<int64_t>(all, 1),
                               static_cast<int64_t>(sentences.size()));
      },
      token);
  if (stopped) *stopped = !complete;

  std::vector<double> total(sentences.size() * KD, 0.0);
  std::vector<int64_t> tokens(sentences.size(), 0);
  for (size_t p = 0; p < pieces.size(); ++p) {
    tokens[owner[p]] += counts[p];
    for (int64_t f = 0; f < KD; ++f) total[owner[p] * KD + f] += sums[p * KD + f];
  }
  std::vector<float> pooled(sentences.size() * KD, 0.0f);  // an empty sentence stays 0
  for (size_t i = 0; i < sentences.size(); ++i)
    if (tokens[i] > 0)
      for (int64_t f = 0; f < KD; ++f)
        pooled[i * KD + f] = static_cast<float>(total[i * KD + f] / static_cast<double>(tokens[i]));
  return pooled;
}

}  // namespace embedlab::elmo
