#include "ui/models/elmo/ElmoModel.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <cmath>

#include "core/models/elmo/ElmoTrainer.h"
#include "core/nn/CharCnn.h"
#include "core/util/Error.h"
#include "ui/models/elmo/ElmoForm.h"

namespace embedlab::ui {

namespace {

double number(const QVariantMap& v, const char* key, double fallback) {
  const QVariant value = v.value(QLatin1String(key));
  const QString text = value.toString().trimmed();
  if (!value.isValid() || text.isEmpty()) return fallback;
  bool ok = false;
  const double d = text.toDouble(&ok);
  if (!ok || !std::isfinite(d)) throw UsageError(std::string("elmo option ") + key + ": not a number: " + text.toStdString());
  return d;
}

int positive(const QVariantMap& v, const char* key, int fallback, int min = 1) {
  const double d = number(v, key, fallback);
  if (d < min || d > 1e9 || d != std::floor(d))
    throw UsageError(std::string("elmo option ") + key + ": must be a whole number of at least " + std::to_string(min) +
                     ", got " + v.value(QLatin1String(key)).toString().toStdString());
  return static_cast<int>(d);
}

}  // namespace

std::vector<nn::CharConvFilter> parseCharFilters(const QString& text) {
  std::vector<nn::CharConvFilter> filters;
  static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
  for (const QString& part : text.split(separators, Qt::SkipEmptyParts)) {
    const QStringList wc = part.split(QLatin1Char(':'));
    bool okW = false, okC = false;
    const int width = wc.size() == 2 ? wc[0].toInt(&okW) : 0;
    const int count = wc.size() == 2 ? wc[1].toInt(&okC) : 0;
    if (!okW || !okC || width < 1 || count < 1 || width > 50 || count > 4096)
      throw UsageError("elmo option char_filters: \"" + part.toStdString() +
                       "\" is not a width:count pair (width 1-50, count 1-4096)");
    filters.push_back({width, count});
  }
  if (filters.empty()) throw UsageError("elmo option char_filters: at least one width:count pair is needed");
  return filters;
}

QString formatCharFilters(const std::vector<nn::CharConvFilter>& filters) {
  QStringList parts;
  for (const auto& f : filters) parts << QStringLiteral("%1:%2").arg(f.width).arg(f.count);
  return parts.join(QStringLiteral(", "));
}

elmo::ElmoTrainerOptions elmoOptionsFromValues(const QVariantMap& v) {
  elmo::ElmoTrainerOptions o;
  if (v.contains(QStringLiteral("char_filters")))
    o.model.filters = parseCharFilters(v.value(QStringLiteral("char_filters")).toString());
  o.model.highway = positive(v, "highway", o.model.highway, 0);
  o.model.lstmHidden = positive(v, "lstm_hidden", o.model.lstmHidden);
  o.model.projection = positive(v, "projection", o.model.projection);
  o.maxVocab = positive(v, "max_vocab", static_cast<int>(o.maxVocab), 4);
  o.seqLen = positive(v, "seq_len", o.seqLen);
  o.batch = positive(v, "batch", o.batch);
  o.epochs = positive(v, "epochs", o.epochs);
  const double lr = number(v, "lr", o.lr);
  if (!(lr > 0 && lr <= 1)) throw UsageError("elmo option lr: must be above 0 and at most 1, got " + std::to_string(lr));
  o.lr = static_cast<float>(lr);
  o.threads = positive(v, "threads", o.threads, 0);
  o.seed = static_cast<uint64_t>(positive(v, "seed", static_cast<int>(o.seed), 0));
  return o;
}

ModelDescriptor elmoModel() {
  ModelDescriptor d;
  d.id = QStringLiteral("elmo");
  d.displayName = [] { return QCoreApplication::translate("embedlab::ui::ElmoForm", "ELMo"); };
  d.description = [] {
    return QCoreApplication::translate("embedlab::ui::ElmoForm",
                                       "Contextual vectors from a character-CNN and forward and backward LSTM "
                                       "language models (Peters et al. 2018).");
  };
  d.createForm = [](QWidget* parent) -> ModelOptionsForm* { return new ElmoForm(parent); };
  // A directory: vocab.txt, checkpoint.safetensors and, when finished, model.safetensors.
  d.outputFileName = QStringLiteral("elmo");
  d.unitName = [] { return QCoreApplication::translate("embedlab::ui::ElmoForm", "tokens"); };
  d.extraSeries = {QStringLiteral("perplexity")};
  d.finalMetrics = [](const TrainingJob& job) {
    QVariantMap m;
    if (const auto* t = dynamic_cast<const elmo::ElmoTrainer*>(&job)) {
      m[QStringLiteral("train_steps")] = static_cast<qlonglong>(t->steps());
      if (std::isfinite(t->finalLoss()) && t->finalLoss() > 0) m[QStringLiteral("final_perplexity")] = std::exp(t->finalLoss());
      if (std::isfinite(t->heldoutPerplexity()) && t->heldoutPerplexity() > 0)
        m[QStringLiteral("heldout_perplexity")] = t->heldoutPerplexity();
      if (t->tokensPerSecond() > 0) m[QStringLiteral("items_per_sec")] = t->tokensPerSecond();
    }
    return m;
  };
  d.createJob = [](const QVariantMap& values, const QStringList& corpusFiles,
                   const QString& outputPath) -> std::unique_ptr<TrainingJob> {
    elmo::ElmoTrainerOptions o = elmoOptionsFromValues(values);
    for (const QString& f : corpusFiles) o.corpusFiles.push_back(f.toStdString());
    if (o.corpusFiles.empty()) throw UsageError("elmo: no corpus file");
    o.outDir = outputPath.toStdString();
    if (o.outDir.empty()) throw UsageError("elmo: an output directory is required");
    return std::make_unique<elmo::ElmoTrainer>(std::move(o));
  };
  return d;
}

}  // namespace embedlab::ui
