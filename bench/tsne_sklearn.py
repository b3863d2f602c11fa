#!/usr/bin/python3
"""scikit-learn's TSNE on DIR/data.tsv from the shared initial map DIR/init.tsv.
usage: tsne_sklearn.py DIR OUT.tsv THREADS   -> JSON on stdout (fit seconds, sklearn's own KL)"""
import json
import sys
import time

import numpy as np
from sklearn.manifold import TSNE

directory, out, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
x = np.loadtxt(directory + "/data.tsv", dtype=np.float32, delimiter="\t")
init = np.loadtxt(directory + "/init.tsv", dtype=np.float32, delimiter="\t")
tsne = TSNE(n_components=2, perplexity=30.0, early_exaggeration=12.0, learning_rate="auto",
            n_iter=1000, init=init, method="barnes_hut", angle=0.5, random_state=1, n_jobs=threads)
start = time.perf_counter()
y = tsne.fit_transform(x)
seconds = time.perf_counter() - start
np.savetxt(out, y, delimiter="\t", fmt="%.9g")
print(json.dumps({"seconds": round(seconds, 3), "kl_reported": float(tsne.kl_divergence_),
                  "iterations": int(tsne.n_iter_) + 1, "learning_rate": float(tsne.learning_rate_)}))
