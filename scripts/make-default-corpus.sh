#!/bin/sh
# Usage: make-default-corpus.sh OUT data.noun data.verb data.adj data.adv
# Writes the gloss (definition and quoted examples) of every WordNet synset, one per line.
# Licence header lines start with two spaces and are skipped; the gloss is what follows "| ".
# Written to a temporary file and renamed, so an interrupted build never leaves half a corpus.
set -eu
out=$1; shift
tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT
for f in "$@"; do
  sed -n 's/^[^ ].*| \(.*[^ ]\) *$/\1/p' "$f"
done > "$tmp"
[ -s "$tmp" ] || { echo "make-default-corpus: no glosses found in $*" >&2; exit 1; }
mv "$tmp" "$out"
trap - EXIT
