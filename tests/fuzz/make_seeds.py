#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets: tests/fuzz/seeds/<target>/<name>.

Small valid files of each format, written here by hand, plus a few edge cases (BOM, CRLF,
gzip, truncation, huge headers). Deterministic: re-running it gives the same bytes. Seeds are
committed; run this only to change them.
"""
import gzip
import json
import os
import struct
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seeds")
REGRESSIONS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "regressions")


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def put(target: str, name: str, data, root=ROOT):
    if isinstance(data, str):
        data = data.encode("utf-8")
    d = os.path.join(root, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


CORPUS = ("The king rode to Paris; the queen stayed.\n"
          "Don't split well-known words: 3.14 and 1,000 stay whole.\n"
          "Ünïcödé ΑΒΓ Привет 東京タワー ｆｕｌｌｗｉｄｔｈ\n")

# --- corpus reader: first byte = mode (piece limit, parts, tokenizer options), then the file ---
put("fuzz_corpus_reader", "plain", b"\x00" + CORPUS.encode())
put("fuzz_corpus_reader", "parts3", b"\x10" + CORPUS.encode() * 3)
put("fuzz_corpus_reader", "short_pieces", b"\x03" + b"a very long line " * 20 + b"\n")
put("fuzz_corpus_reader", "bom_crlf", b"\xe0" + b"\xef\xbb\xbfline one\r\nline two\r\n\r\nlast")
put("fuzz_corpus_reader", "bad_utf8", b"\x21" + b"ok \xff\xfe bad \xc3 cut \xe6\x9d\nnul\x00byte\n\xf0\x9f\x98")
put("fuzz_corpus_reader", "gzip", b"\x08" + gz(CORPUS.encode()))
put("fuzz_corpus_reader", "gzip_two_members", b"\x18" + gz(b"first member\n") + gz(b"second member\n"))
put("fuzz_corpus_reader", "gzip_truncated", b"\x00" + gz(CORPUS.encode() * 4)[:40])
put("fuzz_corpus_reader", "empty", b"\x00")

# --- WordPiece: vocab.txt NUL text ---
VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "king", "queen", "un", "##aff", "##able",
         "hello", ",", "!", "world", "##s", "東", "京", "a", "##b"]
put("fuzz_wordpiece", "basic", "\n".join(VOCAB).encode() + "\n\x00Hello, world! The kings unaffable [MASK] 東京".encode())
put("fuzz_wordpiece", "pair", "\n".join(VOCAB).encode() + b"\n\x00the king\tthe queen is unaffable")
put("fuzz_wordpiece", "crlf_bom_blank", b"\xef\xbb\xbf" + "\r\n".join(VOCAB[:5] + ["", "ab  ", "##"]).encode() + b"\x00ab ab")
put("fuzz_wordpiece", "no_text", "\n".join(VOCAB).encode())
put("fuzz_wordpiece", "missing_unk", b"[CLS]\n[SEP]\nx\n\x00x")
put("fuzz_wordpiece", "long_word", "\n".join(VOCAB).encode() + b"\x00" + b"a" * 150 + b" \xcc\x81e\xcc\x81 \xff")

# --- vocabulary: "word count" lines ---
put("fuzz_vocabulary", "basic", "the 120\nking 7\nqueen 7\nрека 3\n東京 1\n")
put("fuzz_vocabulary", "bom_crlf_blank", b"\xef\xbb\xbfthe 5\r\n\r\n  a\t3  \r\n")
put("fuzz_vocabulary", "duplicate", "a 1\nb 2\na 3\n")
put("fuzz_vocabulary", "negative", "a -1\n")
put("fuzz_vocabulary", "overflow", "a 9223372036854775807\nb 9223372036854775807\n")
put("fuzz_vocabulary", "zero", "a 0\nb 0\n")

# --- word vectors ---
TEXT = "3 4\nking 0.1 0.2 -0.3 4e-2\nqueen 0.5 -0.25 1 0\n東京 +1 2 3 4 \n"
put("fuzz_word2vec_text", "w2v", b"\x00" + TEXT.encode())
put("fuzz_word2vec_text", "w2v_maxrows", b"\x01" + TEXT.encode())
put("fuzz_word2vec_text", "glove", b"\x00" + b"the 0.1 0.2\nof -1 2.5\n")
put("fuzz_word2vec_text", "bom_crlf", b"\x00\xef\xbb\xbf2 2\r\na 1 2\r\nb 3 4\r\n")
put("fuzz_word2vec_text", "gzip", b"\x00" + gz(TEXT.encode()))
put("fuzz_word2vec_text", "huge_header", b"\x00" + b"1000000000 1048576\na 1\n")
put("fuzz_word2vec_text", "blank_lines", b"\x00" + b"2 3\n\n\n\na 1 2 3\n\n\nb 1 2 3\n\n")
put("fuzz_word2vec_text", "nan", b"\x00" + b"1 2\na nan 1\n")
put("fuzz_word2vec_text", "dup", b"\x00" + b"3 1\na 1\na 2\nb 3\n")


def w2v_binary(rows, dim, newline=True):
    out = f"{len(rows)} {dim}\n".encode()
    for word, vec in rows:
        out += word.encode() + b" " + struct.pack("<%df" % dim, *vec) + (b"\n" if newline else b"")
    return out


BIN = w2v_binary([("king", [0.1, 0.2, 0.3]), ("queen", [-1, 0, 1]), ("東京", [2, 2, 2])], 3)
put("fuzz_word2vec_binary", "w2v", b"\x00" + BIN)
put("fuzz_word2vec_binary", "gensim_no_newline", b"\x00" + w2v_binary([("a", [1, 2]), ("b", [3, 4])], 2, False))
put("fuzz_word2vec_binary", "maxrows", b"\x02" + BIN)
put("fuzz_word2vec_binary", "truncated", b"\x00" + BIN[:-7])
put("fuzz_word2vec_binary", "gzip", b"\x00" + gz(BIN))
put("fuzz_word2vec_binary", "inf", b"\x00" + b"1 1\na " + struct.pack("<f", float("inf")) + b"\n")
put("fuzz_word2vec_binary", "huge_header", b"\x00" + b"3 1048576\na ")

# --- GloVe / projector TSV: vectors NUL metadata ---
put("fuzz_glove_tsv", "glove_only", b"the 0.1 0.2 0.3\nof 1 2 3\n")
put("fuzz_glove_tsv", "tsv_labels", b"0.1\t0.2\n0.3\t0.4\n\x00king\nqueen\n")
put("fuzz_glove_tsv", "tsv_header", b"1\t2\t3\n4\t5\t6\n\x00word\tcount\nking\t7\nqueen\t3\n")
put("fuzz_glove_tsv", "tsv_mismatch", b"1\t2\n3\t4\n5\t6\n\x00a\nb\n")
put("fuzz_glove_tsv", "tsv_no_meta", b"1\t2\n3\t4\n")
put("fuzz_glove_tsv", "tsv_blank_inside", b"1\t2\n\n3\t4\n\x00a\nb\n")


# --- safetensors ---
def safetensors(tensors, metadata=None, pad=True):
    header = {}
    if metadata:
        header["__metadata__"] = metadata
    data = b""
    for name, dtype, shape, raw in tensors:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    h = json.dumps(header, separators=(",", ":")).encode()
    if pad:
        h += b" " * (-len(h) % 8)
    return struct.pack("<Q", len(h)) + h + data


ST = safetensors([
    ("embeddings.weight", "F32", [2, 3], struct.pack("<6f", 1, 2, 3, 4, 5, 6)),
    ("ids", "I64", [3], struct.pack("<3q", 1, -2, 3)),
    ("half", "F16", [2], struct.pack("<2H", 0x3C00, 0x7C00)),
    ("bf", "BF16", [1], struct.pack("<H", 0x3F80)),
    ("dbl", "F64", [1], struct.pack("<d", 1e300)),
    ("mask", "BOOL", [2], b"\x01\x00"),
    ("bytes", "U8", [1], b"\xff"),
    ("small", "I8", [1], b"\x80"),
    ("short", "I16", [1], b"\x00\x80"),
    ("int", "I32", [1], b"\x00\x00\x00\x80"),
    ("empty", "F32", [0, 5], b""),
], {"format": "pt"})
put("fuzz_safetensors", "all_dtypes", ST)
put("fuzz_safetensors", "scalar", safetensors([("s", "F32", [], struct.pack("<f", 2.5))]))
put("fuzz_safetensors", "empty_header", safetensors([]))
put("fuzz_safetensors", "truncated", ST[:-3])
put("fuzz_safetensors", "overlap", struct.pack("<Q", 96) + json.dumps(
    {"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]},
     "b": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}).encode().ljust(96) + b"\0" * 4)
put("fuzz_safetensors", "huge_len", struct.pack("<Q", 2**63) + b"{}")

# --- JSON config (tokenizer_config.json) ---
put("fuzz_json_config", "tokenizer_config", json.dumps(
    {"do_lower_case": False, "strip_accents": None, "tokenize_chinese_chars": True,
     "model_max_length": 512, "tokenizer_class": "BertTokenizer"}, indent=2))
put("fuzz_json_config", "wrong_type", '{"do_lower_case": "yes"}')
put("fuzz_json_config", "not_object", "[1, 2, 3]")
put("fuzz_json_config", "deep", "[" * 2000 + "]" * 2000)
put("fuzz_json_config", "bad_utf8", b'{"do_lower_case": true, "x": "\xff"}')
put("fuzz_json_config", "bert_config", json.dumps(
    {"architectures": ["BertForPreTraining"], "hidden_size": 64, "num_hidden_layers": 2,
     "num_attention_heads": 2, "intermediate_size": 128, "vocab_size": 377,
     "max_position_embeddings": 512, "type_vocab_size": 2, "hidden_act": "gelu",
     "layer_norm_eps": 1e-12, "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1}, indent=2))

# --- evaluation files (analogy and similarity read the same input) ---
put("fuzz_eval_files", "analogies", ": capital-common-countries\nAthens Greece Baghdad Iraq\n"
    "athens greece paris france\n\n: gram1\nking queen man woman\n")
put("fuzz_eval_files", "wordsim_tab", "# comment\nWord 1\tWord 2\tHuman (mean)\nlove\tsex\t6.77\ntiger\tcat\t7.35\n")
put("fuzz_eval_files", "simlex", "word1\tword2\tPOS\tSimLex999\tconc(w1)\nold\tnew\tA\t1.58\t2.72\n"
    "smart\tintelligent\tA\t9.2\t1.75\n")
put("fuzz_eval_files", "generic_space", "a b 1\nb c 2.5\nc a +3\na a 4\n")
put("fuzz_eval_files", "crlf_bom", b"\xef\xbb\xbf: s\r\na b c d\r\n")
put("fuzz_eval_files", "question_first", "a b c d\n: late\n")
put("fuzz_eval_files", "nan_score", "a b nan\n")

# --- task files: train NUL test ---
put("fuzz_task_files", "basic", b"pos\tgreat film\nneg\tawful plot\n\npos\t\n\x00neg\tboring\nnew\tunseen label\n")
put("fuzz_task_files", "same_for_both", b"a\tx\nb\ty\n")
put("fuzz_task_files", "gzip", gz(b"l1\tone\nl2\ttwo\n") + b"\x00" + gz(b"l1\tthree\n"))
put("fuzz_task_files", "no_tab", b"label text\n\x00a\tb\n")
put("fuzz_task_files", "crlf_bom", b"\xef\xbb\xbf a \tx\r\n\x00 a\ty\r\n")

# --- run records ---
RUN = {
    "format": "embedlab-run-1", "id": "20260101-120000-000-0000", "name": "sg 100d",
    "model": "word2vec", "hyperparameters": {"dim": 100, "window": 5, "arch": "sg"},
    "corpus": ["/data/text8"], "status": "finished", "message": "",
    "started": "2026-01-01T12:00:00.000", "ended": "2026-01-01T12:05:00.000",
    "train_seconds": 300.5, "metrics": {"final_loss": 2.5, "vocab_size": 71290},
    "output_files": ["/ws/runs/x/vectors.vec"],
    "history": {"step": [0, 1000], "seconds": [0, 1.5], "loss": [4.2, 3.1], "lr": [0.025, 0.02],
                "items_per_sec": [0, 600000]},
}
put("fuzz_run_files", "finished", json.dumps(RUN, indent=4))
running = dict(RUN, status="running", ended="")
put("fuzz_run_files", "running", json.dumps(running))
put("fuzz_run_files", "history_mismatch", json.dumps(dict(RUN, history={"step": [1], "loss": []})))
put("fuzz_run_files", "wrong_format", json.dumps(dict(RUN, format="something-else")))
put("fuzz_run_files", "no_id", json.dumps(dict(RUN, id="")))
put("fuzz_run_files", "types", json.dumps(dict(RUN, history=[], metrics=3, corpus="x", started=5)))
put("fuzz_run_files", "not_json", "{\"format\": \"embedlab-run-1\", ")

# --- ELMo: elmo_config JSON NUL vocab.txt ---
ELMO = {"format": "embedlab-elmo", "version": 1, "vocab_size": 6, "char_embed": 4, "max_chars": 10,
        "filters": [[1, 4], [2, 4]], "activation": "relu", "highway": 1, "projection": 8,
        "lstm_hidden": 8, "layers": 2, "cell_clip": 3, "proj_clip": 3, "sampled": 0,
        "tokenizer": {"pre_tokenized": False, "lowercase": True, "keep_punctuation": True}}
ELMO_VOCAB = b"<s>\n</s>\n<unk>\nthe\nking\nqueen\n"
put("fuzz_elmo_files", "tiny", json.dumps(ELMO).encode() + b"\0" + ELMO_VOCAB)
put("fuzz_elmo_files", "crlf_vocab", json.dumps(ELMO).encode() + b"\0" + ELMO_VOCAB.replace(b"\n", b"\r\n"))
put("fuzz_elmo_files", "bad_layers", json.dumps(dict(ELMO, layers=-1)).encode() + b"\0<s>\n</s>\n<unk>\nx y\n")
put("fuzz_elmo_files", "dup_vocab", b"{}\0<s>\n</s>\n<unk>\na\na\n")

# --- whole model directories: flags byte, then parts separated by SEP (tests/fuzz/ModelDirInput.h) ---
SEP = b"\n--8<--\n"


class Rand:
    """A small LCG: the seeds must not change with Python's random module."""

    def __init__(self, seed):
        self.x = seed

    def uniform(self):
        self.x = (self.x * 6364136223846793005 + 1442695040888963407) % 2**64
        return ((self.x >> 11) / 2**53 - 0.5) * 0.2


def tensor_parts(tensors, dtype="F32", metadata=None, seed=1):
    """(header JSON, data) of a safetensors file; tensors: [(name, shape)], values random."""
    rnd = Rand(seed)
    header, data = {}, b""
    if metadata:
        header["__metadata__"] = metadata
    for name, shape in tensors:
        n = 1
        for d in shape:
            n *= d
        vals = [rnd.uniform() for _ in range(n)]
        if dtype == "F32":
            raw = struct.pack("<%df" % n, *vals)
        else:  # F16
            raw = struct.pack("<%de" % n, *vals)
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    h = json.dumps(header, separators=(",", ":")).encode()
    assert SEP not in data, "a tensor's bytes hold the part separator: change the seed"
    return h, data


def model_dir(flags, *parts):
    return bytes([flags]) + SEP.join(p if isinstance(p, bytes) else p.encode() for p in parts)


# BERT: config.json | vocab.txt | tokenizer_config.json | header | data. A model far smaller than
# tests/fixtures/bert-tiny (C=4, 1 layer) so that an input stays a few KiB.
BERT_CFG = {"architectures": ["BertForPreTraining"], "model_type": "bert", "vocab_size": 12, "hidden_size": 4,
            "num_hidden_layers": 1, "num_attention_heads": 2, "intermediate_size": 8,
            "max_position_embeddings": 8, "type_vocab_size": 2, "hidden_act": "gelu", "layer_norm_eps": 1e-12,
            "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1, "pad_token_id": 0}
BERT_VOCAB = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\nking\n,\n.\nun\n##aff\n##able\n"
BERT_TOK = json.dumps({"do_lower_case": True, "strip_accents": None, "tokenize_chinese_chars": True,
                       "model_max_length": 8, "tokenizer_class": "BertTokenizer"})


def bert_tensors(cfg, prefix="bert.", pooler=True, mlm=True, nsp=True, untied=False):
    V, C, FF = cfg["vocab_size"], cfg["hidden_size"], cfg["intermediate_size"]
    t = [(prefix + "embeddings.word_embeddings.weight", [V, C]),
         (prefix + "embeddings.position_embeddings.weight", [cfg["max_position_embeddings"], C]),
         (prefix + "embeddings.token_type_embeddings.weight", [cfg["type_vocab_size"], C]),
         (prefix + "embeddings.LayerNorm.weight", [C]), (prefix + "embeddings.LayerNorm.bias", [C])]
    for l in range(cfg["num_hidden_layers"]):
        p = prefix + "encoder.layer.%d." % l
        for n in ("query", "key", "value"):
            t += [(p + "attention.self.%s.weight" % n, [C, C]), (p + "attention.self.%s.bias" % n, [C])]
        t += [(p + "attention.output.dense.weight", [C, C]), (p + "attention.output.dense.bias", [C]),
              (p + "attention.output.LayerNorm.weight", [C]), (p + "attention.output.LayerNorm.bias", [C]),
              (p + "intermediate.dense.weight", [FF, C]), (p + "intermediate.dense.bias", [FF]),
              (p + "output.dense.weight", [C, FF]), (p + "output.dense.bias", [C]),
              (p + "output.LayerNorm.weight", [C]), (p + "output.LayerNorm.bias", [C])]
    if pooler:
        t += [(prefix + "pooler.dense.weight", [C, C]), (prefix + "pooler.dense.bias", [C])]
    if mlm:
        t += [("cls.predictions.transform.dense.weight", [C, C]), ("cls.predictions.transform.dense.bias", [C]),
              ("cls.predictions.transform.LayerNorm.weight", [C]), ("cls.predictions.transform.LayerNorm.bias", [C]),
              ("cls.predictions.bias", [V])]
        if untied:
            t += [("cls.predictions.decoder.weight", [V, C])]
    if nsp:
        t += [("cls.seq_relationship.weight", [2, C]), ("cls.seq_relationship.bias", [2])]
    return t


def bert_dir(flags=0, cfg=BERT_CFG, vocab=BERT_VOCAB, tok=BERT_TOK, dtype="F32", **kw):
    h, d = tensor_parts(bert_tensors(cfg, **kw), dtype, {"format": "pt"})
    return model_dir(flags, json.dumps(cfg), vocab, tok, h, d)


put("fuzz_bert_dir", "pretraining", bert_dir())
put("fuzz_bert_dir", "f16_untied_cased", bert_dir(
    cfg=dict(BERT_CFG, hidden_act="gelu_new", architectures=["BertForMaskedLM"], tie_word_embeddings=False),
    tok=json.dumps({"do_lower_case": False}), dtype="F16", nsp=False, untied=True))
put("fuzz_bert_dir", "bertmodel_no_prefix", bert_dir(prefix="", pooler=False, mlm=False, nsp=False,
                                                    cfg=dict(BERT_CFG, architectures=None)))
put("fuzz_bert_dir", "init_missing_heads", bert_dir(flags=8, mlm=False, nsp=False))
put("fuzz_bert_dir", "no_vocab_allowed", bert_dir(flags=2 | 4, pooler=False, nsp=False))
put("fuzz_bert_dir", "two_layers_three_heads", bert_dir(
    cfg=dict(BERT_CFG, hidden_size=6, num_attention_heads=3, num_hidden_layers=2, max_position_embeddings=2)))
# config.json sizes far beyond what the file holds: must be an Error before any allocation. The
# loader used to allocate the model first (a bad_alloc, or all the memory there is): a reproducer,
# kept under regressions/ (tests/core/models/bert/test_bert_fuzz_regressions.cpp).
_h, _d = tensor_parts(bert_tensors(BERT_CFG), "F32", {"format": "pt"})
put("fuzz_bert_dir", "huge-config-small-file", root=REGRESSIONS, data=model_dir(0, json.dumps(
    dict(BERT_CFG, vocab_size=2**30, hidden_size=2**20, intermediate_size=2**30, num_hidden_layers=2**20)),
    BERT_VOCAB, BERT_TOK, _h, _d))
put("fuzz_bert_dir", "huge-layer-count", root=REGRESSIONS, data=model_dir(0, json.dumps(
    dict(BERT_CFG, num_hidden_layers=2**30)), BERT_VOCAB, BERT_TOK, _h, _d))
put("fuzz_bert_dir", "raw_truncated", model_dir(1, json.dumps(BERT_CFG), BERT_VOCAB, BERT_TOK,
                                                safetensors([("x", "F32", [4], b"\0" * 16)])[:20]))
put("fuzz_bert_dir", "only_config", model_dir(0, json.dumps(BERT_CFG)))

# ELMo: elmo_config | vocab.txt | header | data (the harness puts elmo_config into the metadata).
ELMO_DIR_CFG = dict(ELMO, vocab_size=5, char_embed=2, max_chars=6, filters=[[1, 2], [2, 2]], highway=1,
                    projection=4, lstm_hidden=4, layers=1)
ELMO_DIR_VOCAB = "<s>\n</s>\n<unk>\nthe\nking\n"


def elmo_tensors(c):
    E, P, H, V = c["char_embed"], c["projection"], c["lstm_hidden"], c["vocab_size"]
    F = sum(n for _, n in c["filters"])
    t = [("char_embed", [262, E])]
    for j, (w, n) in enumerate(c["filters"]):
        t += [("cnn.%d.weight" % j, [n, w * E]), ("cnn.%d.bias" % j, [n])]
    for i in range(c["highway"]):
        t += [("highway.%d.weight" % i, [2 * F, F]), ("highway.%d.bias" % i, [2 * F])]
    t += [("proj.weight", [P, F]), ("proj.bias", [P])]
    for d in ("fwd", "bwd"):
        for l in range(c["layers"]):
            t += [("%s.%d.weight_ih" % (d, l), [4 * H, P]), ("%s.%d.weight_hh" % (d, l), [4 * H, P]),
                  ("%s.%d.bias" % (d, l), [4 * H]), ("%s.%d.weight_hr" % (d, l), [P, H])]
    t += [("softmax.weight", [V, P]), ("softmax.bias", [V])]
    return t


def elmo_dir(flags=0, cfg=ELMO_DIR_CFG, vocab=ELMO_DIR_VOCAB, dtype="F16", tensors=None):
    h, d = tensor_parts(tensors if tensors is not None else elmo_tensors(cfg), dtype, {"format": "embedlab-elmo"})
    return model_dir(flags, json.dumps(cfg), vocab, h, d)


put("fuzz_elmo_dir", "tiny_f16", elmo_dir())
put("fuzz_elmo_dir", "two_layers_tanh_f32", elmo_dir(
    cfg=dict(ELMO_DIR_CFG, layers=2, activation="tanh", highway=0, filters=[[3, 2]], lstm_hidden=2,
             tokenizer={"pre_tokenized": True, "lowercase": False, "keep_punctuation": False}), dtype="F32"))
put("fuzz_elmo_dir", "vocab_size_mismatch", elmo_dir(vocab=ELMO_DIR_VOCAB + "queen\n"))
put("fuzz_elmo_dir", "missing_tensor", elmo_dir(tensors=elmo_tensors(ELMO_DIR_CFG)[:-1]))
# The whole file given raw (flags bit 0), its configuration already inside the metadata.
_h, _d = tensor_parts(elmo_tensors(ELMO_DIR_CFG), "F16",
                      {"format": "embedlab-elmo", "elmo_config": json.dumps(ELMO_DIR_CFG)})
put("fuzz_elmo_dir", "raw_file", model_dir(1, "", ELMO_DIR_VOCAB, struct.pack("<Q", len(_h)) + _h, _d))
put("fuzz_elmo_dir", "empty_header", model_dir(0, "{}", ELMO_DIR_VOCAB, b"{}", b""))

if __name__ == "__main__":
    print("seeds written to", ROOT, file=sys.stderr)
