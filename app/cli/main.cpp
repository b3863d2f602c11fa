#include <cstdio>
#include "core/version.h"
int main() { std::printf("embedlab-cli %s\n", embedlab::version()); return 0; }
