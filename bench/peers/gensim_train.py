#!/usr/bin/python3
"""Trains gensim's Word2Vec in its fastest mode (corpus_file=, C++ line reader, no Python per
sentence) with the benchmark's settings and writes word2vec text vectors.

usage: gensim_train.py CORPUS OUT.vec sg|cbow THREADS [EPOCHS] [SAMPLE] [ALPHA]
"""
import sys

from gensim.models import Word2Vec


def main():
    corpus, out, arch, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    epochs = int(sys.argv[5]) if len(sys.argv) > 5 else 5
    sample = float(sys.argv[6]) if len(sys.argv) > 6 else 1e-4
    sg = 1 if arch == "sg" else 0
    alpha = float(sys.argv[7]) if len(sys.argv) > 7 else (0.025 if sg else 0.05)
    model = Word2Vec(corpus_file=corpus, vector_size=100, window=5, negative=5, hs=0, sg=sg,
                     cbow_mean=1, epochs=epochs, min_count=5, sample=sample, workers=threads,
                     alpha=alpha, min_alpha=alpha * 1e-4, seed=1)
    model.wv.save_word2vec_format(out, binary=False)


if __name__ == "__main__":
    main()
