#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite through CTest.
# Extra arguments go to ctest (e.g. -R word2vec).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
embedlab_install_packages xvfb xauth
embedlab_build
cd "$BUILD_DIR"
ctest --output-on-failure --parallel "${EMBEDLAB_TEST_JOBS:-2}" "$@"
