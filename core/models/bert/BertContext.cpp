#include "core/models/bert/BertContext.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/util/Error.h"

namespace embedlab {

namespace {

// Byte offset of code point `cp` in UTF-8 `text` (the tokenizer's offsets count code points).
size_t byteOffset(std::string_view text, int64_t cp) {
  size_t i = 0;
  for (int64_t k = 0; k < cp && i < text.size(); ++k) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

// Runs of equal word ids: word w covers positions [first[w], end[w]).
void wordRuns(const WordPieceEncoding& e, int64_t limit, std::vector<int>& first, std::vector<int>& end) {
  first.clear();
  end.clear();
  const int64_t T = std::min<int64_t>(limit, static_cast<int64_t>(e.size()));
  for (int64_t t = 0; t < T; ++t) {
    const int32_t w = e.wordIds[static_cast<size_t>(t)];
    if (w < 0) continue;
    if (!first.empty() && end.back() == t && e.wordIds[static_cast<size_t>(t - 1)] == w) {
      end.back() = static_cast<int>(t + 1);
    } else {
      first.push_back(static_cast<int>(t));
      end.push_back(static_cast<int>(t + 1));
    }
  }
}

}  // namespace

BertContext::BertContext(BertModel& model, const WordPieceTokenizer& tokenizer, Options options)
    : model_(model), tokenizer_(tokenizer), options_(options) {
  const int L = model_.layers();
  if (options_.layer == -1) {
    first_ = std::max(1, L - 3);
    last_ = L;
  } else if (options_.layer >= 0 && options_.layer <= L) {
    first_ = last_ = options_.layer;
  } else {
    throw UsageError("BERT context: layer " + std::to_string(options_.layer) + " is not a hidden state of 0.." +
                     std::to_string(L) + " (or -1 for the mean of the last four)");
  }
  if (options_.batchSize < 1) throw UsageError("BERT context: batch size must be at least 1");
  const int64_t maxPos = model_.config().maxPositionEmbeddings;
  if (options_.maxLength <= 0 || options_.maxLength > maxPos) options_.maxLength = maxPos;
  if (options_.maxLength < 3) throw UsageError("BERT context: sequences of fewer than 3 positions hold no word");
  if (tokenizer_.vocab().size() == 0) throw UsageError("BERT context: the tokenizer has no vocabulary");
}

void BertContext::mixed(int b, int t, float* out) const {
  // out (C) = mean over hidden states first_..last_ of h_l[b, t]
  const int C = model_.hidden();
  const int64_t row = (static_cast<int64_t>(b) * model_.seqLen() + t) * C;
  std::fill_n(out, C, 0.0f);
  for (int l = first_; l <= last_; ++l) {
    const float* h = model_.hiddenState(l) + row;
    for (int c = 0; c < C; ++c) out[c] += h[c];
  }
  const float inv = 1.0f / static_cast<float>(last_ - first_ + 1);
  for (int c = 0; c < C; ++c) out[c] *= inv;
}

BertSentenceVectors BertContext::encode(std::string_view sentence) {
  BertSentenceVectors r;
  WordPieceTokenizer::EncodeOptions eo;
  eo.maxLength = options_.maxLength;
  r.encoding = tokenizer_.encode(sentence, eo);
  BertForwardOptions fo;
  fo.pooler = fo.mlm = fo.nsp = false;
  model_.forward(r.encoding, fo);
  const int C = model_.hidden();
  const int T = static_cast<int>(r.encoding.size());
  r.dim = C;
  r.tokenVectors.resize(static_cast<size_t>(T) * C);
  for (int t = 0; t < T; ++t) mixed(0, t, r.tokenVectors.data() + static_cast<size_t>(t) * C);
  wordRuns(r.encoding, T, r.wordFirst, r.wordEnd);
  const size_t W = r.wordFirst.size();
  r.wordVectors.assign(W * C, 0.0f);
  for (size_t w = 0; w < W; ++w) {
    float* v = r.wordVectors.data() + w * C;
    for (int t = r.wordFirst[w]; t < r.wordEnd[w]; ++t)
      for (int c = 0; c < C; ++c) v[c] += r.tokenVectors[static_cast<size_t>(t) * C + c];
    const float inv = 1.0f / static_cast<float>(r.wordEnd[w] - r.wordFirst[w]);
    for (int c = 0; c < C; ++c) v[c] *= inv;
    const auto& o = r.encoding.offsets;
    const int64_t s = o[static_cast<size_t>(r.wordFirst[w])].first, e = o[static_cast<size_t>(r.wordEnd[w] - 1)].second;
    const size_t bs = byteOffset(sentence, s), be = byteOffset(sentence, e);
    r.words.emplace_back(sentence.substr(bs, be > bs ? be - bs : 0));
  }
  return r;
}

EmbeddingSet BertContext::occurrences(const std::vector<std::string>& lines, const std::vector<std::string>& words,
                                      Stats* stats) {
  Stats local;
  Stats& st = stats ? *stats : local;
  st = Stats();
  // Each chosen word as the WordPiece ids BERT sees for it.
  std::map<std::vector<int32_t>, std::vector<size_t>> keys;  // piece ids -> indices into `words`
  for (size_t q = 0; q < words.size(); ++q) {
    const WordPieceEncoding e = tokenizer_.encode(words[q]);
    std::vector<int32_t> ids;
    std::set<int32_t> wordIds;
    for (size_t t = 0; t < e.size(); ++t)
      if (e.wordIds[t] >= 0) {
        ids.push_back(e.ids[t]);
        wordIds.insert(e.wordIds[t]);
      }
    if (ids.empty()) throw UsageError("BERT context: '" + words[q] + "' has no tokens");
    if (wordIds.size() > 1) throw UsageError("BERT context: '" + words[q] + "' is more than one word for the tokenizer");
    if (ids.size() == 1 && ids[0] == tokenizer_.vocab().unkId())
      throw UsageError("BERT context: '" + words[q] + "' is [UNK] for this vocabulary");
    keys[ids].push_back(q);
  }
  const int C = model_.hidden();
  EmbeddingSet set({}, C);
  std::vector<int64_t> perWord(words.size(), 0);

  struct Match {
    size_t query;
    int first, end;  // positions in the (truncated) row
    int repeat;      // 1 for the first occurrence of this word in the line, 2 for the second, ...
  };
  struct Pending {
    size_t line;
    std::vector<int32_t> ids;
    std::vector<Match> matches;
  };
  std::vector<Pending> batch;
  std::vector<int32_t> ids, mask;
  std::vector<float> vec(static_cast<size_t>(C)), acc(static_cast<size_t>(C));
  const int32_t pad = std::max<int32_t>(tokenizer_.vocab().padId(), 0);
  const int sep = tokenizer_.vocab().sepId();

  auto flush = [&]() {
    if (batch.empty()) return;
    const int B = static_cast<int>(batch.size());
    int T = 0;
    for (const auto& p : batch) T = std::max(T, static_cast<int>(p.ids.size()));
    ids.assign(static_cast<size_t>(B) * T, pad);
    mask.assign(static_cast<size_t>(B) * T, 0);
    for (int b = 0; b < B; ++b) {
      std::copy(batch[b].ids.begin(), batch[b].ids.end(), ids.begin() + static_cast<int64_t>(b) * T);
      std::fill_n(mask.begin() + static_cast<int64_t>(b) * T, batch[b].ids.size(), 1);
    }
    BertForwardOptions fo;
    fo.pooler = fo.mlm = fo.nsp = false;
    model_.forward(BertBatch{B, T, ids.data(), nullptr, mask.data()}, fo);
    for (int b = 0; b < B; ++b) {
      for (const Match& m : batch[b].matches) {
        std::fill(acc.begin(), acc.end(), 0.0f);
        for (int t = m.first; t < m.end; ++t) {
          mixed(b, t, vec.data());
          for (int c = 0; c < C; ++c) acc[c] += vec[c];
        }
        const float inv = 1.0f / static_cast<float>(m.end - m.first);
        for (int c = 0; c < C; ++c) acc[c] *= inv;
        // (appends rather than operator+: GCC 12 reports a false -Wrestrict for "x" + to_string())
        std::string label = words[m.query];
        label.push_back('#');
        label += std::to_string(batch[b].line);
        if (m.repeat > 1) {
          label.push_back(':');
          label += std::to_string(m.repeat);
        }
        const int64_t row = set.addRow(std::move(label), acc.data());
        set.meta().resize(static_cast<size_t>(set.rows()));
        RowMeta& meta = set.meta()[static_cast<size_t>(row)];
        meta.sentence = lines[batch[b].line];
        meta.position = m.first;
        meta.layer = first_ == last_ ? first_ : -1;
        ++st.occurrences;
      }
    }
    st.linesEncoded += B;
    batch.clear();
  };

  std::vector<int> first, end;
  const int64_t keep = options_.maxLength - 1;  // positions before the final [SEP]
  for (size_t i = 0; i < lines.size(); ++i) {
    ++st.linesRead;
    const WordPieceEncoding e = tokenizer_.encode(lines[i]);
    wordRuns(e, static_cast<int64_t>(e.size()), first, end);
    Pending p;
    std::map<size_t, int> repeats;
    for (size_t w = 0; w < first.size(); ++w) {
      auto it = keys.find(std::vector<int32_t>(e.ids.begin() + first[w], e.ids.begin() + end[w]));
      if (it == keys.end()) continue;
      for (size_t q : it->second) {
        const int repeat = ++repeats[q];
        if (end[w] > keep) {
          ++st.truncatedAway;
          continue;
        }
        if (options_.maxPerWord > 0 && perWord[q] >= options_.maxPerWord) continue;
        ++perWord[q];
        p.matches.push_back({q, first[w], end[w], repeat});
      }
    }
    if (p.matches.empty()) continue;
    // A single text truncates by keeping its first maxLength-1 positions and a final [SEP].
    p.line = i;
    const int64_t T = std::min<int64_t>(static_cast<int64_t>(e.size()), options_.maxLength);
    p.ids.assign(e.ids.begin(), e.ids.begin() + T);
    p.ids.back() = sep;
    batch.push_back(std::move(p));
    if (static_cast<int>(batch.size()) >= options_.batchSize) flush();
  }
  flush();
  for (size_t q = 0; q < words.size(); ++q)
    if (perWord[q] == 0) st.notFound.push_back(words[q]);
  return set;
}

EmbeddingSet BertContext::staticVectors(const std::vector<std::string>& lines, const std::vector<std::string>& words,
                                        Stats* stats) {
  const EmbeddingSet occ = occurrences(lines, words, stats);
  const int C = model_.hidden();
  // Row labels are "word#line[:k]": the part before the last '#' is the word as given.
  std::map<std::string, std::pair<std::vector<double>, int64_t>> sums;
  for (int64_t r = 0; r < occ.rows(); ++r) {
    const std::string& label = occ.label(r);
    auto& [sum, count] = sums[label.substr(0, label.rfind('#'))];
    if (sum.empty()) sum.assign(static_cast<size_t>(C), 0.0);
    for (int c = 0; c < C; ++c) sum[static_cast<size_t>(c)] += occ.row(r)[c];
    ++count;
  }
  EmbeddingSet set({}, C);
  std::vector<float> v(static_cast<size_t>(C));
  std::set<std::string> done;
  for (const auto& w : words) {  // in the order asked, each word once
    auto it = sums.find(w);
    if (it == sums.end() || !done.insert(w).second) continue;
    const auto& [sum, count] = it->second;
    for (int c = 0; c < C; ++c) v[static_cast<size_t>(c)] = static_cast<float>(sum[static_cast<size_t>(c)] / count);
    set.addRow(w, v.data(), count);
  }
  return set;
}

}  // namespace embedlab
