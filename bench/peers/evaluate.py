#!/usr/bin/python3
"""Evaluates word2vec-format vectors the same way for every tool: Google analogies (3CosAdd,
restrict_vocab 30000, case-insensitive, as compute-accuracy) and WordSim-353 Spearman, both with
gensim's KeyedVectors. Prints one JSON object.

usage: evaluate.py VECTORS QUESTIONS WORDSIM
"""
import json
import logging
import sys

from gensim.models import KeyedVectors


def main():
    vectors, questions, wordsim = sys.argv[1], sys.argv[2], sys.argv[3]
    logging.disable(logging.CRITICAL)
    kv = KeyedVectors.load_word2vec_format(vectors, binary=False, unicode_errors="replace")
    accuracy, sections = kv.evaluate_word_analogies(questions, restrict_vocab=30000, case_insensitive=True)
    total = next(s for s in sections if s["section"] == "Total accuracy")
    pearson, spearman, oov = kv.evaluate_word_pairs(wordsim, delimiter="\t", restrict_vocab=300000,
                                                   case_insensitive=True)
    print(json.dumps({
        "analogy_accuracy": accuracy,
        "analogy_correct": len(total["correct"]),
        "analogy_total": len(total["correct"]) + len(total["incorrect"]),
        "spearman": float(spearman[0]),
        "pearson": float(pearson[0]),
        "wordsim_oov_percent": float(oov),
        "vocab": len(kv.index_to_key),
    }))


if __name__ == "__main__":
    main()
