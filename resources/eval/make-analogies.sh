#!/bin/sh
# Usage: make-analogies.sh analogy-pairs.txt > analogies-small.txt
# Every ordered couple (i, j), i != j, of the pairs of a section becomes the question
# "a_i b_i a_j b_j", as in Google's questions-words.txt. '#' lines are comments.
set -eu
awk '
  function flush(   i, j) {
    if (section == "") return
    print ": " section
    for (i = 1; i <= n; i++)
      for (j = 1; j <= n; j++)
        if (i != j) print a[i] " " b[i] " " a[j] " " b[j]
  }
  /^#/ || NF == 0 { next }
  /^:/ { flush(); section = $2; n = 0; next }
  NF == 2 { n++; a[n] = $1; b[n] = $2; next }
  { print FILENAME ": line " NR ": expected \"a b\" or \": section\"" > "/dev/stderr"; exit 1 }
  END { flush() }
' "$1"
