#!/usr/bin/env bash
# Installs what is missing, builds, and starts EmbedLab on the built-in default corpus.
# Extra arguments go to the program.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
embedlab_install_packages
embedlab_build
if [ -x "$BUILD_DIR/bin/embedlab" ]; then
  exec "$BUILD_DIR/bin/embedlab" "$@"
fi
# Without the GUI (EMBEDLAB_BUILD_UI=OFF): train Word2Vec on the default corpus and show neighbours.
vec="$BUILD_DIR/default-vectors.bin"
"$BUILD_DIR/bin/embedlab-cli" train word2vec --out "$vec" "$@"
for w in king river music red france; do
  "$BUILD_DIR/bin/embedlab-cli" neighbors --vectors "$vec" --word "$w" --k 8
done
