#!/bin/sh
# Installs the peers that bench/tsne_peers.sh compares against (Debian packages only).
set -e
if /usr/bin/python3 -c "import sklearn" 2>/dev/null && Rscript -e 'library(Rtsne)' >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends python3-sklearn r-cran-rtsne r-base-core >/dev/null
