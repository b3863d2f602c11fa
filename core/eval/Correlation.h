#pragma once
// Correlation coefficients for evaluation (double accumulators throughout).
#include <vector>

namespace embedlab {

// Pearson's r of two equally long samples. NaN when n < 2 or either sample is constant.
double pearson(const std::vector<double>& x, const std::vector<double>& y);

// Ranks 1..n, tied values sharing the average of the ranks they span.
std::vector<double> averageRanks(const std::vector<double>& x);

// Spearman's rho = Pearson's r of the average ranks (correct with ties).
double spearman(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace embedlab
