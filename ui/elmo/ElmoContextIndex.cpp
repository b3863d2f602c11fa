#include "ui/elmo/ElmoContextIndex.h"

#include <algorithm>
#include <unordered_map>

#include "core/embeddings/EmbeddingSet.h"
#include "core/embeddings/NearestNeighbors.h"
#include "core/models/elmo/ElmoEmbedder.h"
#include "core/models/elmo/ElmoModel.h"

namespace embedlab::ui {

ElmoContextIndex::~ElmoContextIndex() = default;

std::string tokenContext(const std::vector<std::string>& tokens, int position, int radius) {
  const int n = static_cast<int>(tokens.size());
  const int from = std::max(0, position - radius), to = std::min(n, position + radius + 1);
  std::string s = from > 0 ? "… " : "";
  for (int i = from; i < to; ++i) {
    if (i > from) s += ' ';
    s += tokens[size_t(i)];
  }
  if (to < n) s += " …";
  return s;
}

std::shared_ptr<ElmoContextIndex> ElmoContextIndex::build(const elmo::ElmoModel& model,
                                                          const Tokenizer::Options& tokenizer,
                                                          const std::vector<std::string>& lines, StopToken& token,
                                                          const std::function<void(double)>& progress,
                                                          int threads) {
  std::vector<std::vector<std::string>> sentences = elmo::ElmoEmbedder::tokenize(lines, tokenizer);
  sentences.erase(std::remove_if(sentences.begin(), sentences.end(), [](const auto& s) { return s.empty(); }),
                  sentences.end());
  elmo::ElmoEmbedderOptions eo;
  eo.maxTokens = 64;  // long lines would only add rows, not contexts
  eo.threads = threads;
  const elmo::ElmoEmbedder embedder(model, eo);
  bool stopped = false;
  // out[i]: (K, T_i, D)
  const std::vector<std::vector<float>> out = embedder.embed(
      sentences,
      [&progress](int64_t done, int64_t total) {
        if (progress && total > 0) progress(0.9 * double(done) / double(total));
      },
      &token, &stopped);
  if (stopped || token.stopRequested()) return nullptr;

  const int K = embedder.layers(), D = embedder.dim();
  std::shared_ptr<ElmoContextIndex> index(new ElmoContextIndex);
  index->sentences_ = static_cast<int64_t>(sentences.size());
  std::unordered_map<std::string, int64_t> layer0Rows;
  for (int k = 0; k < K; ++k) {
    index->sets_.push_back(std::make_shared<EmbeddingSet>(std::vector<std::string>{}, D));
    index->words_.emplace_back();
  }
  for (size_t i = 0; i < sentences.size(); ++i) {
    const std::vector<std::string>& s = sentences[i];
    const int T = static_cast<int>(std::min(s.size(), out[i].size() / (size_t(K) * size_t(D))));
    std::string line;
    for (int t = 0; t < T; ++t) line += (t ? " " : "") + s[size_t(t)];
    for (int t = 0; t < T; ++t) {
      for (int k = 0; k < K; ++k) {
        const float* v = out[i].data() + (size_t(k) * T + size_t(t)) * size_t(D);
        EmbeddingSet& set = *index->sets_[size_t(k)];
        if (k == 0) {
          // Context-free: the first occurrence of a word stands for all of them.
          auto [it, added] = layer0Rows.emplace(s[size_t(t)], set.rows());
          if (!added) {
            if (!set.counts().empty()) ++set.counts()[size_t(it->second)];
            continue;
          }
          set.addRow(s[size_t(t)], v, 1);
        } else {
          set.addRow(s[size_t(t)] + " · " + tokenContext(s, t), v);
        }
        if (set.meta().size() < size_t(set.rows())) set.meta().resize(size_t(set.rows()));
        RowMeta& meta = set.meta().back();
        meta.sentence = k == 0 ? std::string() : line;
        meta.position = k == 0 ? -1 : t;
        meta.layer = k;
        index->words_[size_t(k)].push_back(s[size_t(t)]);
      }
    }
    if (token.stopRequested()) return nullptr;
  }
  NearestNeighbors::Options no;
  no.threads = 1;
  for (int k = 0; k < K; ++k) index->index_.push_back(std::make_unique<NearestNeighbors>(*index->sets_[size_t(k)], no));
  if (progress) progress(1.0);
  return index;
}

int64_t ElmoContextIndex::occurrences() const { return sets_.size() > 1 ? sets_[1]->rows() : 0; }

std::vector<ElmoNeighbor> ElmoContextIndex::nearest(int layer, const float* vector, int k) const {
  std::vector<ElmoNeighbor> out;
  if (layer < 0 || layer >= layers() || sets_[size_t(layer)]->empty()) return out;
  const EmbeddingSet& set = *sets_[size_t(layer)];
  // A corpus repeats lines (headers, boilerplate, short sentences): the same word in the same
  // context is shown once, so the k rows found are k different contexts.
  std::vector<std::string> shown;
  for (const Neighbor& n : index_[size_t(layer)]->nearest(vector, 4 * k)) {
    if (int(out.size()) == k) break;
    if (std::find(shown.begin(), shown.end(), set.label(n.row)) != shown.end()) continue;
    shown.push_back(set.label(n.row));
    ElmoNeighbor e;
    e.word = words_[size_t(layer)][size_t(n.row)];
    if (layer > 0 && size_t(n.row) < set.meta().size()) {
      const RowMeta& m = set.meta()[size_t(n.row)];
      const std::string& label = set.label(n.row);
      const size_t dot = label.find(" · ");
      e.context = dot == std::string::npos ? m.sentence : label.substr(dot + 4);
    }
    e.cosine = n.score;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace embedlab::ui
