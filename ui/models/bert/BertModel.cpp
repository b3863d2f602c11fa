#include "ui/models/bert/BertModel.h"

#include <QCoreApplication>

#include <cmath>

#include "core/models/bert/BertPretrainer.h"
#include "core/util/Error.h"
#include "ui/models/bert/BertForm.h"

namespace embedlab::ui {

namespace {

double number(const QVariantMap& v, const char* key, double fallback) {
  const QVariant value = v.value(QLatin1String(key));
  const QString text = value.toString().trimmed();
  if (!value.isValid() || text.isEmpty()) return fallback;
  bool ok = false;
  const double d = text.toDouble(&ok);
  if (!ok || !std::isfinite(d)) throw UsageError(std::string("bert option ") + key + ": not a number: " + text.toStdString());
  return d;
}

int64_t whole(const QVariantMap& v, const char* key, int64_t fallback, int64_t min) {
  const double d = number(v, key, double(fallback));
  if (d < double(min) || d > 1e12 || d != std::floor(d))
    throw UsageError(std::string("bert option ") + key + ": must be a whole number of at least " + std::to_string(min) +
                     ", got " + v.value(QLatin1String(key)).toString().toStdString());
  return static_cast<int64_t>(d);
}

}  // namespace

BertPretrainerOptions bertOptionsFromValues(const QVariantMap& v) {
  BertPretrainerOptions o;
  o.layers = static_cast<int>(whole(v, "layers", o.layers, 1));
  o.hidden = static_cast<int>(whole(v, "hidden", o.hidden, 1));
  o.heads = static_cast<int>(whole(v, "heads", o.heads, 1));
  o.intermediate = static_cast<int>(whole(v, "intermediate", o.intermediate, 1));
  o.maxLength = static_cast<int>(whole(v, "max_len", o.maxLength, 3));
  o.vocabSize = whole(v, "vocab_size", o.vocabSize, 16);
  o.batch = static_cast<int>(whole(v, "batch", o.batch, 1));
  o.steps = whole(v, "steps", o.steps, 1);
  o.lr = number(v, "lr", o.lr);
  if (!(o.lr > 0 && o.lr <= 1)) throw UsageError("bert option lr: must be above 0 and at most 1, got " + std::to_string(o.lr));
  o.warmup = whole(v, "warmup", o.warmup, -1);
  o.threads = static_cast<int>(whole(v, "threads", o.threads, 0));
  o.seed = static_cast<uint64_t>(whole(v, "seed", static_cast<int64_t>(o.seed), 0));
  return o;
}

ModelDescriptor bertModel() {
  ModelDescriptor d;
  d.id = QStringLiteral("bert");
  d.displayName = [] { return QCoreApplication::translate("embedlab::ui::BertForm", "BERT"); };
  d.description = [] {
    return QCoreApplication::translate("embedlab::ui::BertForm",
                                       "A Transformer encoder pre-trained by masked-language modelling "
                                       "(Devlin et al. 2018); contextual vectors and attention.");
  };
  d.createForm = [](QWidget* parent) -> ModelOptionsForm* { return new BertForm(parent); };
  // A directory in the Hugging Face layout: config.json, model.safetensors, vocab.txt, ...
  d.outputFileName = QStringLiteral("bert");
  // Progress::step counts optimizer steps, but the throughput is in tokens a second.
  d.unitName = [] { return QCoreApplication::translate("embedlab::ui::BertForm", "tokens"); };
  d.extraSeries = {QStringLiteral("mlm_accuracy"), QStringLiteral("nsp_accuracy")};
  d.finalMetrics = [](const TrainingJob& job) {
    QVariantMap m;
    if (const auto* b = dynamic_cast<const BertPretrainer*>(&job)) {
      const BertPretrainerSummary& s = b->summary();
      m[QStringLiteral("train_steps")] = static_cast<qlonglong>(s.steps);
      m[QStringLiteral("vocabulary_size")] = static_cast<qlonglong>(s.vocabSize);
      m[QStringLiteral("final_mlm_loss")] = s.finalMlmLoss;
      m[QStringLiteral("mlm_accuracy")] = s.finalMlmAccuracy;
      if (b->options().nsp) m[QStringLiteral("nsp_accuracy")] = s.finalNspAccuracy;
      if (s.tokensPerSec > 0) m[QStringLiteral("items_per_sec")] = s.tokensPerSec;
    }
    return m;
  };
  d.createJob = [](const QVariantMap& values, const QStringList& corpusFiles,
                   const QString& outputPath) -> std::unique_ptr<TrainingJob> {
    BertPretrainerOptions o = bertOptionsFromValues(values);
    for (const QString& f : corpusFiles) o.corpusFiles.push_back(f.toStdString());
    o.outDir = outputPath.toStdString();
    o.validate();
    return std::make_unique<BertPretrainer>(std::move(o));
  };
  return d;
}

}  // namespace embedlab::ui
