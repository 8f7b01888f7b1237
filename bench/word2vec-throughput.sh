#!/usr/bin/env bash
# Figure: word2vec training throughput on ../shared/data/corpus/debian-docs.txt.xz (23 M tokens):
# dimension 400, window 5, negative 5, min-count 5, sample 1e-3, alpha 0.025, 1 epoch, 2 threads,
# skip-gram and CBOW; t2i, gensim and fastText (-maxn 0) in the same run; medians of RUNS runs.
# Unit: corpus tokens per second of training. t2i and gensim train from a corpus in memory (reading
# and vocabulary excluded); fastText reads its file while it trains (its own words/sec/thread x 2).
source "$(dirname "$0")/lib.sh"
RUNS="${RUNS:-3}"
build_bench
need_deb python3-gensim gensim
need_deb fasttext
CORPUS="$SHARED/data/corpus/debian-docs.txt.xz"
TEXT="$OUT/debian-docs.txt"
[ -f "$TEXT" ] || xz -dc "$CORPUS" > "$TEXT"
for model in skip-gram cbow; do
  java_bench Word2VecBench "$CORPUS" "$model" "$RUNS" 2 | tee "$OUT/w2v-$model-t2i.txt"
  peer_python "$BENCH_DIR/gensim_word2vec.py" "$TEXT" "$model" "$RUNS" 2 2>/dev/null | tee "$OUT/w2v-$model-gensim.txt"
  rates=()
  for r in $(seq "$RUNS"); do
    mode=$([ "$model" = cbow ] && echo cbow || echo skipgram)
    fasttext "$mode" -input "$TEXT" -output "$OUT/ft" -dim 400 -ws 5 -neg 5 -minCount 5 -epoch 1 -thread 2 \
      -maxn 0 -t 1e-3 -lr 0.025 -verbose 2 > "$OUT/w2v-$model-fasttext-$r.log" 2>&1 || true
    # fastText prints "Words/sec/thread: N" while training; take its last value, times 2 threads.
    rate=$(tr '\r' '\n' < "$OUT/w2v-$model-fasttext-$r.log" | grep -io 'words/sec/thread: *[0-9]*' | tail -n 1 | grep -o '[0-9]*$')
    rates+=("$((rate * 2))")
    echo "fasttext run $r: $((rate * 2)) tokens/s"
  done
  echo "tokens_per_second = $(median "${rates[@]}")" > "$OUT/w2v-$model-fasttext.txt"
  t=$(value tokens_per_second "$OUT/w2v-$model-t2i.txt")
  g=$(value tokens_per_second "$OUT/w2v-$model-gensim.txt")
  f=$(value tokens_per_second "$OUT/w2v-$model-fasttext.txt")
  python3 -c "t,g,f=$t,$g,$f; print(f'$model: t2i {t:,.0f} tokens/s, gensim {g:,.0f}, fastText {f:,.0f}; t2i/gensim {t/g:.2f}, t2i/fastText {t/f:.2f}')"
done
t=$(value tokens_per_second "$OUT/w2v-skip-gram-t2i.txt"); g=$(value tokens_per_second "$OUT/w2v-skip-gram-gensim.txt")
echo "ratio t2i/peer = $(python3 -c "print(f'{$t / $g:.2f}')")  (skip-gram, against gensim, the stronger peer)"
