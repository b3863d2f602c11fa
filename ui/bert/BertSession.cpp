#include "ui/bert/BertSession.h"

#include <QCoreApplication>
#include <QDir>

#include <algorithm>
#include <cmath>

#include "core/embeddings/EmbeddingSet.h"
#include "core/models/bert/BertCheckpoint.h"
#include "core/models/bert/BertContext.h"
#include "core/models/bert/BertModel.h"
#include "core/text/WordPieceTokenizer.h"
#include "core/util/Error.h"

namespace embedlab::ui {

struct BertSession::Impl {
  std::unique_ptr<BertModel> model;
  WordPieceTokenizer tokenizer;
};

namespace {

BertForwardOptions encoderOnly() {
  BertForwardOptions o;
  o.pooler = false;
  o.mlm = false;
  o.nsp = false;
  return o;
}

}  // namespace

BertSession::~BertSession() = default;

bool BertSession::available() { return true; }

std::shared_ptr<BertSession> BertSession::open(const QString& directory) {
  BertCheckpoint checkpoint = BertCheckpoint::load(QDir::cleanPath(directory).toStdString());
  std::shared_ptr<BertSession> s(new BertSession);
  s->impl_ = std::make_unique<Impl>();
  s->impl_->tokenizer = checkpoint.tokenizer();
  s->impl_->model = checkpoint.takeModel();
  const BertConfig& c = s->impl_->model->config();
  s->directory_ = directory;
  s->layers_ = c.numHiddenLayers;
  s->heads_ = c.numAttentionHeads;
  s->hidden_ = c.hiddenSize;
  s->maxLength_ = c.maxPositionEmbeddings;
  s->vocab_ = static_cast<int>(c.vocabSize);
  return s;
}

QString BertSession::summary() const {
  return QCoreApplication::translate("embedlab::ui::BertPage", "%1 layers · hidden %2 · %3 heads · %4 WordPieces")
      .arg(layers_)
      .arg(hidden_)
      .arg(heads_)
      .arg(vocab_);
}

BertSentenceAnalysis BertSession::analyze(const QString& text, const QString& pair) const {
  const std::string a = text.toStdString(), b = pair.toStdString();
  WordPieceTokenizer::EncodeOptions eo;
  eo.maxLength = maxLength_;
  std::lock_guard<std::mutex> lock(mutex_);
  const WordPieceEncoding e = b.empty() ? impl_->tokenizer.encode(a, eo) : impl_->tokenizer.encode(a, b, eo);
  BertModel& m = *impl_->model;
  m.forward(e, encoderOnly());
  BertSentenceAnalysis r;
  const int T = static_cast<int>(e.size());
  for (const std::string& t : e.tokens) r.tokens << QString::fromStdString(t);
  r.typeIds.assign(e.typeIds.begin(), e.typeIds.end());
  r.layers = layers_;
  r.heads = heads_;
  r.hidden = hidden_;
  // attentions: L of (1,NH,T,T) -> (L,NH,T,T);  hidden states: L+1 of (1,T,C) -> (L+1,T,C)
  const size_t att = size_t(heads_) * T * T, hid = size_t(T) * hidden_;
  r.attentions.resize(size_t(layers_) * att);
  for (int l = 0; l < layers_; ++l) std::copy_n(m.attention(l), att, r.attentions.begin() + l * att);
  r.hiddenStates.resize(size_t(layers_ + 1) * hid);
  for (int l = 0; l <= layers_; ++l) std::copy_n(m.hiddenState(l), hid, r.hiddenStates.begin() + l * hid);
  return r;
}

std::vector<float> BertSession::layerVectors(const BertSentenceAnalysis& a, BertLayerChoice choice) {
  const int T = static_cast<int>(a.tokens.size()), C = a.hidden, L = a.layers;
  const size_t n = size_t(T) * C;
  if (n == 0 || a.hiddenStates.size() != size_t(L + 1) * n) return {};
  int from = choice.layer, to = choice.layer;
  if (choice.layer == BertLayerChoice::kLastFourMean) {
    from = std::max(1, L - 3);
    to = L;
  }
  if (from < 0 || to > L || from > to) return {};
  std::vector<double> sum(n, 0.0);
  for (int l = from; l <= to; ++l)
    for (size_t k = 0; k < n; ++k) sum[k] += a.hiddenStates[size_t(l) * n + k];
  std::vector<float> out(n);
  for (size_t k = 0; k < n; ++k) out[k] = static_cast<float>(sum[k] / (to - from + 1));
  return out;
}

std::vector<float> BertSession::cosineMatrix(const float* x, int T, int C) {
  // x: (T,C) -> (T,T); norms in double so that long vectors lose nothing.
  std::vector<double> norm(static_cast<size_t>(T));
  for (int i = 0; i < T; ++i) {
    double s = 0;
    for (int c = 0; c < C; ++c) s += double(x[size_t(i) * C + c]) * x[size_t(i) * C + c];
    norm[size_t(i)] = std::sqrt(s);
  }
  std::vector<float> out(size_t(T) * T, 0.0f);
  for (int i = 0; i < T; ++i)
    for (int j = i; j < T; ++j) {
      double d = 0;
      for (int c = 0; c < C; ++c) d += double(x[size_t(i) * C + c]) * x[size_t(j) * C + c];
      const double den = norm[size_t(i)] * norm[size_t(j)];
      const float v = den > 0 ? static_cast<float>(std::clamp(d / den, -1.0, 1.0)) : 0.0f;
      out[size_t(i) * T + j] = out[size_t(j) * T + i] = v;
    }
  return out;
}

std::shared_ptr<EmbeddingSet> BertSession::occurrences(const QString& word, const std::vector<std::string>& sentences,
                                                       const std::vector<int64_t>& lineNumbers, BertLayerChoice choice,
                                                       StopToken& token,
                                                       const std::function<void(double)>& progress) const {
  const std::string query = word.trimmed().toStdString();
  if (choice.layer != BertLayerChoice::kLastFourMean && (choice.layer < 0 || choice.layer > layers_))
    throw UsageError("bert: no layer " + std::to_string(choice.layer));
  BertContext::Options co;
  co.layer = choice.layer;  // the same convention: -1 is the mean of the last four layers
  auto set = std::make_shared<EmbeddingSet>(std::vector<std::string>{}, hidden_);
  // BertContext encodes a list of lines in one go; chunks of it keep a stop request answered
  // quickly and the progress moving. Its labels "word#i[:k]" count lines of the chunk, so they
  // are renumbered with the corpus sample's line numbers.
  constexpr size_t kChunk = 32;
  size_t done = 0;
  do {
    if (token.stopRequested()) return nullptr;
    const size_t end = std::min(sentences.size(), done + kChunk);
    const std::vector<std::string> chunk(sentences.begin() + done, sentences.begin() + end);
    EmbeddingSet part;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      BertContext context(*impl_->model, impl_->tokenizer, co);
      part = context.occurrences(chunk, {query});  // UsageError for [UNK] or several words
    }
    for (int64_t r = 0; r < part.rows(); ++r) {
      std::string label = part.label(r);
      const size_t hash = label.rfind('#');
      if (hash != std::string::npos) {
        const size_t colon = label.find(':', hash);
        const size_t local = std::stoul(label.substr(hash + 1, colon == std::string::npos ? std::string::npos : colon - hash - 1));
        const int64_t line = done + local < lineNumbers.size() ? lineNumbers[done + local] : int64_t(done + local);
        label = label.substr(0, hash + 1) + std::to_string(line) + (colon == std::string::npos ? "" : label.substr(colon));
      }
      set->addRow(std::move(label), part.row(r));
      set->meta().resize(size_t(set->rows()));
      if (size_t(r) < part.meta().size()) set->meta().back() = part.meta()[size_t(r)];
    }
    done = end;
    if (progress) progress(sentences.empty() ? 1.0 : double(done) / double(sentences.size()));
  } while (done < sentences.size());
  return set;
}

}  // namespace embedlab::ui
