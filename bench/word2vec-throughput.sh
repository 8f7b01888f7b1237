#!/usr/bin/env bash
# Figure: word2vec training throughput on ../shared/data/corpus/debian-docs.txt.xz (23 M tokens):
# dimension 400, window 5, negative 5, min-count 5, sample 1e-3, alpha 0.025, 1 epoch, 2 threads,
# skip-gram and CBOW; t2i, gensim and fastText (-maxn 0).
# Unit: corpus tokens per second of training. t2i and gensim train from a corpus in memory (reading
# and vocabulary excluded); fastText reads its file while it trains (its own words/sec/thread x 2).
# This machine's speed swings by 30% from one minute to the next, so the tools alternate, one run
# each per round, and the ratio is the median of the rounds' ratios.
source "$(dirname "$0")/lib.sh"
ROUNDS="${ROUNDS:-3}"
FASTTEXT_ROUNDS="${FASTTEXT_ROUNDS:-2}"
build_bench
need_deb python3-gensim gensim
need_deb fasttext
CORPUS="$SHARED/data/corpus/debian-docs.txt.xz"
TEXT="$OUT/debian-docs.txt"
[ -f "$TEXT" ] || xz -dc "$CORPUS" > "$TEXT"

fasttext_rate() {
  local mode=$([ "$1" = cbow ] && echo cbow || echo skipgram)
  fasttext "$mode" -input "$TEXT" -output "$OUT/ft" -dim 400 -ws 5 -neg 5 -minCount 5 -epoch 1 -thread 2 \
    -maxn 0 -t 1e-3 -lr 0.025 -verbose 2 > "$OUT/w2v-fasttext.log" 2>&1 || true
  local rate=$(tr '\r' '\n' < "$OUT/w2v-fasttext.log" | grep -io 'words/sec/thread: *[0-9]*' | tail -n 1 | grep -o '[0-9]*$')
  echo $((rate * 2))
}

for model in skip-gram cbow; do
  t2i=(); gensim=(); fast=(); ratios=(); fast_ratios=()
  for round in $(seq "$ROUNDS"); do
    t=$(java_bench Word2VecBench "$CORPUS" "$model" 1 2 | tee -a "$OUT/w2v-$model-t2i.txt" | sed -n 's/tokens_per_second = //p')
    g=$(peer_python "$BENCH_DIR/gensim_word2vec.py" "$TEXT" "$model" 1 2 2>/dev/null | tee -a "$OUT/w2v-$model-gensim.txt" | sed -n 's/tokens_per_second = //p')
    t2i+=("$t"); gensim+=("$g"); ratios+=("$(python3 -c "print($t / $g)")")
    echo "$model round $round: t2i $t tokens/s, gensim $g"
    if [ "$round" -le "$FASTTEXT_ROUNDS" ]; then
      f=$(fasttext_rate "$model"); fast+=("$f"); fast_ratios+=("$(python3 -c "print($t / $f)")")
      echo "$model round $round: fastText $f tokens/s"
    fi
  done
  python3 - "$model" "$(median "${t2i[@]}")" "$(median "${gensim[@]}")" "$(median "${fast[@]}")" \
    "$(median "${ratios[@]}")" "$(median "${fast_ratios[@]}")" <<'PY' | tee "$OUT/w2v-$model-summary.txt"
import sys
m, t, g, f, rg, rf = sys.argv[1], *map(float, sys.argv[2:])
print(f"{m}: t2i {t:,.0f} tokens/s, gensim {g:,.0f}, fastText {f:,.0f} (medians); "
      f"t2i/gensim {rg:.2f}, t2i/fastText {rf:.2f} (medians of same-round ratios)")
PY
done
echo "ratio t2i/peer = $(sed -E 's/.*t2i\/gensim ([0-9.]+).*/\1/' "$OUT/w2v-skip-gram-summary.txt")  (skip-gram against gensim, the stronger peer)"
