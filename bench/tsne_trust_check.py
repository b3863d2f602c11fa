#!/usr/bin/python3
"""Checks bench_tsne_tool's trustworthiness against sklearn.manifold.trustworthiness on one map.
usage: tsne_trust_check.py DIR COORDS.tsv   (keep N <= 10k: sklearn builds two N x N matrices)"""
import sys

import numpy as np
from sklearn.manifold import trustworthiness

directory, coords = sys.argv[1], sys.argv[2]
x = np.loadtxt(directory + "/data.tsv", dtype=np.float64, delimiter="\t")
y = np.loadtxt(coords, dtype=np.float64, delimiter="\t")
print(f"sklearn trustworthiness (k=10): {trustworthiness(x, y, n_neighbors=10):.5f}")
