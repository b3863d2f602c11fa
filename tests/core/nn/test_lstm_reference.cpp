// Our LSTM and LSTMP against torch.nn.LSTM (tests/fixtures/lstm, computed in float64 by PyTorch):
// outputs, final states and, for loss = Σ out ⊙ R, the gradients of the input and every weight.
#include <QtTest>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/io/Safetensors.h"
#include "core/nn/Lstm.h"
#include "support/TestPaths.h"

using namespace embedlab;
using namespace embedlab::nn;

namespace {

double relError(const std::vector<float>& ours, const std::vector<float>& ref) {
  double d2 = 0, r2 = 0;
  for (size_t i = 0; i < ref.size(); ++i) {
    const double d = static_cast<double>(ours[i]) - ref[i];
    d2 += d * d;
    r2 += static_cast<double>(ref[i]) * ref[i];
  }
  return std::sqrt(d2) / std::max(std::sqrt(r2), 1e-30);
}

}  // namespace

class TestLstmReference : public QObject {
  Q_OBJECT

 private:
  void compare(const char* what, const std::vector<float>& ours, const SafeTensor& ref, double tol) {
    QVERIFY2(ours.size() == ref.data.size(), (std::string(what) + ": size mismatch").c_str());
    const double e = relError(ours, ref.data);
    qInfo("%s: relative error %.3g", what, e);
    QVERIFY2(e < tol, (std::string(what) + ": relative error " + std::to_string(e)).c_str());
  }

  void run(const std::string& name) {
    const std::string base = test::fixturesDir() + "/lstm/" + name;
    const auto f = SafetensorsFile::read(base + ".safetensors");
    nlohmann::json meta;
    std::ifstream(base + ".json") >> meta;
    const std::string module = meta["module"];
    QVERIFY(module.find("batch_first=True") != std::string::npos);
    QCOMPARE(std::string(meta["gate_order"]).substr(0, 10), std::string("i, f, g, o"));

    const auto& x = f.get("x");
    QCOMPARE(x.shape.size(), size_t(3));
    const int B = static_cast<int>(x.shape[0]), T = static_cast<int>(x.shape[1]);
    LstmOptions opt;
    opt.input = static_cast<int>(x.shape[2]);
    opt.hidden = static_cast<int>(f.get("weight_ih_l0").shape[0] / 4);
    opt.projection = f.contains("weight_hr_l0") ? static_cast<int>(f.get("weight_hr_l0").shape[0]) : 0;
    const int R = opt.outputSize(), H = opt.hidden, I = opt.input;
    // the module string and the tensors agree
    QVERIFY(module.find("hidden_size=" + std::to_string(H)) != std::string::npos);
    QVERIFY(module.find("proj_size=" + std::to_string(opt.projection)) != std::string::npos);
    f.get("weight_ih_l0", {4 * H, I});
    f.get("weight_hh_l0", {4 * H, R});
    f.get("out", {B, T, R});

    LstmWeights w;
    w.wIh = f.get("weight_ih_l0").data.data();
    w.wHh = f.get("weight_hh_l0").data.data();
    w.bIh = f.get("bias_ih_l0").data.data();
    w.bHh = f.get("bias_hh_l0").data.data();
    if (opt.projection) w.wHr = f.get("weight_hr_l0", {R, H}).data.data();

    std::vector<float> out(static_cast<size_t>(B) * T * R), hN(static_cast<size_t>(B) * R),
        cN(static_cast<size_t>(B) * H);
    LstmCache cache;
    lstmForward(opt, w, out.data(), cache, x.data.data(), B, T, nullptr, nullptr, hN.data(), cN.data());
    compare((name + " out").c_str(), out, f.get("out"), 1e-4);
    compare((name + " h_n").c_str(), hN, f.get("h_n", {1, B, R}), 1e-4);
    compare((name + " c_n").c_str(), cN, f.get("c_n", {1, B, H}), 1e-4);

    // loss = Σ out ⊙ R; the reference loss value too
    const auto& Rt = f.get("R", {B, T, R});
    double loss = 0;
    for (size_t i = 0; i < out.size(); ++i) loss += static_cast<double>(out[i]) * Rt.data[i];
    const double refLoss = meta["loss_value"];
    QVERIFY2(std::fabs(loss - refLoss) < 1e-4 * std::max(1.0, std::fabs(refLoss)),
             (std::to_string(loss) + " vs " + std::to_string(refLoss)).c_str());

    std::vector<float> dx(x.data.size()), dwIh(4 * H * I), dwHh(4 * H * R), dbIh(4 * H), dbHh(4 * H),
        dwHr(static_cast<size_t>(opt.projection) * H);
    LstmGrads g{dwIh.data(), dwHh.data(), dbIh.data(), dbHh.data(), opt.projection ? dwHr.data() : nullptr};
    lstmBackward(opt, w, g, dx.data(), Rt.data.data(), x.data.data(), out.data(), cache);
    compare((name + " grad.x").c_str(), dx, f.get("grad.x"), 1e-3);
    compare((name + " grad.weight_ih_l0").c_str(), dwIh, f.get("grad.weight_ih_l0"), 1e-3);
    compare((name + " grad.weight_hh_l0").c_str(), dwHh, f.get("grad.weight_hh_l0"), 1e-3);
    compare((name + " grad.bias_ih_l0").c_str(), dbIh, f.get("grad.bias_ih_l0"), 1e-3);
    compare((name + " grad.bias_hh_l0").c_str(), dbHh, f.get("grad.bias_hh_l0"), 1e-3);
    if (opt.projection) compare((name + " grad.weight_hr_l0").c_str(), dwHr, f.get("grad.weight_hr_l0"), 1e-3);
  }

 private slots:
  void lstm() { run("lstm"); }
  void lstmp() { run("lstmp"); }
};

QTEST_APPLESS_MAIN(TestLstmReference)
#include "test_lstm_reference.moc"
