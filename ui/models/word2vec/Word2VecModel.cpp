#include "ui/models/word2vec/Word2VecModel.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <cmath>

#include "core/models/word2vec/Word2Vec.h"
#include "core/util/Error.h"
#include "ui/models/word2vec/Word2VecForm.h"

namespace embedlab::ui {

namespace {

double number(const QVariantMap& v, const char* key, double fallback) {
  const QVariant value = v.value(QLatin1String(key));
  const QString text = value.toString().trimmed();
  if (!value.isValid() || text.isEmpty()) return fallback;
  bool ok = false;
  const double d = text.toDouble(&ok);
  if (!ok || !std::isfinite(d)) throw UsageError(std::string("word2vec option ") + key + ": not a number: " + text.toStdString());
  return d;
}

}  // namespace

Word2VecOptions word2vecOptionsFromValues(const QVariantMap& v) {
  Word2VecOptions o;
  o.arch = v.value(QStringLiteral("arch")).toString() == QLatin1String("cbow") ? Word2VecOptions::Arch::Cbow
                                                                                : Word2VecOptions::Arch::SkipGram;
  o.loss = v.value(QStringLiteral("loss")).toString() == QLatin1String("hs")
               ? Word2VecOptions::Loss::HierarchicalSoftmax
               : Word2VecOptions::Loss::NegativeSampling;
  o.dim = static_cast<int>(number(v, "dim", o.dim));
  o.window = static_cast<int>(number(v, "window", o.window));
  o.negative = static_cast<int>(number(v, "negative", o.negative));
  o.epochs = static_cast<int>(number(v, "epochs", o.epochs));
  o.minCount = static_cast<int64_t>(number(v, "min_count", static_cast<double>(o.minCount)));
  o.maxVocab = static_cast<int64_t>(number(v, "max_vocab", static_cast<double>(o.maxVocab)));
  o.sample = number(v, "sample", o.sample);
  o.alpha = number(v, "alpha", 0);
  // Runs recorded before the final rate was a setting decayed as word2vec.c does.
  o.minAlphaRatio = number(v, "min_alpha_ratio", Word2VecOptions::kWord2vecCMinAlphaRatio);
  o.threads = static_cast<int>(number(v, "threads", o.threads));
  o.seed = static_cast<uint64_t>(number(v, "seed", static_cast<double>(o.seed)));
  o.preTokenized = v.value(QStringLiteral("pretokenized")).toBool();
  return o;
}

QString word2vecCheckpointPath(const QString& outputPath) { return outputPath + QStringLiteral(".checkpoint"); }

ModelDescriptor word2vecModel() {
  ModelDescriptor d;
  d.id = QStringLiteral("word2vec");
  d.displayName = [] { return QCoreApplication::translate("embedlab::ui::Word2VecForm", "Word2Vec"); };
  d.description = [] {
    return QCoreApplication::translate("embedlab::ui::Word2VecForm",
                                       "Static word vectors from skip-gram or CBOW (Mikolov et al. 2013).");
  };
  d.createForm = [](QWidget* parent) -> ModelOptionsForm* { return new Word2VecForm(parent); };
  d.outputFileName = QStringLiteral("vectors.vec");
  d.unitName = [] { return QCoreApplication::translate("embedlab::ui::Word2VecForm", "words"); };
  d.finalMetrics = [](const TrainingJob& job) {
    QVariantMap m;
    if (const auto* w2v = dynamic_cast<const Word2VecJob*>(&job)) {
      const Word2VecSummary& s = w2v->summary();
      m[QStringLiteral("vocabulary_size")] = static_cast<qlonglong>(s.vocabSize);
      m[QStringLiteral("train_words")] = static_cast<qlonglong>(s.trainWords);
      m[QStringLiteral("seconds")] = s.seconds;
      if (s.wordsPerSec > 0) m[QStringLiteral("items_per_sec")] = s.wordsPerSec;
    }
    return m;
  };
  d.createJob = [](const QVariantMap& values, const QStringList& corpusFiles,
                   const QString& outputPath) -> std::unique_ptr<TrainingJob> {
    Word2VecOptions o = word2vecOptionsFromValues(values);
    for (const QString& f : corpusFiles) o.corpusFiles.push_back(f.toStdString());
    o.outputPath = outputPath.toStdString();
    if (!outputPath.isEmpty()) {
      o.lossLogPath = (QFileInfo(outputPath).absolutePath() + QStringLiteral("/loss.csv")).toStdString();
      // As BERT and ELMo keep theirs in their output folder: a stopped (or crashed) run leaves its
      // state in the run folder, and a job made again for that folder continues from it. The name
      // is the CLI's, so `embedlab-cli train word2vec --out RUN/vectors.vec` resumes it too.
      o.checkpointPath = word2vecCheckpointPath(outputPath).toStdString();
      o.resume = true;
      o.checkpointEverySeconds = 600;  // the CLI's default: a crash loses at most ten minutes
    }
    o.validate();
    return std::make_unique<Word2VecJob>(std::move(o));
  };
  return d;
}

}  // namespace embedlab::ui
