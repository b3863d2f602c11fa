#pragma once
// Eigen views over the plain row-major float buffers that every layer works on. Maps never copy:
// a product between maps runs Eigen's blocked (AVX-512 with -march=native) kernel in place.
// GCC 12 reports a false -Wmaybe-uninitialized inside Eigen's AVX-512 packet transposes
// (avx512fintrin.h, inlined into the GEMM packing routines). The pragma covers the headers'
// locations only: our own code keeps the warning.
#pragma GCC diagnostic push
#ifndef __clang__  // a GCC warning: clang would report the pragma itself as unknown
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <Eigen/Core>
#pragma GCC diagnostic pop

namespace embedlab::nn {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixMap = Eigen::Map<RowMatrix>;
using ConstMatrixMap = Eigen::Map<const RowMatrix>;
// Rows that are not adjacent in memory, e.g. time step t of every sequence in a (B,T,C) buffer
// (stride T*C) or one head's columns of a (B,T,3C) buffer (stride 3C).
using StridedMap = Eigen::Map<RowMatrix, 0, Eigen::OuterStride<>>;
using ConstStridedMap = Eigen::Map<const RowMatrix, 0, Eigen::OuterStride<>>;
using RowVectorMap = Eigen::Map<Eigen::RowVectorXf>;
using ConstRowVectorMap = Eigen::Map<const Eigen::RowVectorXf>;

}  // namespace embedlab::nn
