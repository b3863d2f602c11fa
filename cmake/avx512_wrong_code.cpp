// Configure-time probe: Debian 12's g++ 12.2 with AVX-512 enabled turns the store of this
// constant initializer (after a vectorised loop) into a broadcast of its first element, so the
// vector holds 1 1 1 1 1 1 1 1. Exit code 0 means the compiler got it right.
#include <cstddef>
#include <vector>

__attribute__((noinline)) int sum(const std::vector<int>& v) {
  int s = 0;
  for (int x : v) s += x;
  return s;
}

int main() {
  std::vector<float> q(192);
  for (std::size_t i = 0; i < q.size(); ++i) q[i] = static_cast<float>((i * 37) % 11) / 5.0f - 1;
  std::vector<int> mask = {1, 1, 1, 1, 1, 1, 0, 0};
  return sum(mask) == 6 && q[1] < 2.0f ? 0 : 1;
}
