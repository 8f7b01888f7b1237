#!/usr/bin/env bash
# Figure: the quality of t2i's word2vec against gensim's, trained on the same corpus with the same
# settings (../shared/data/oxford102/captions-corpus.txt, 81,890 captions; dimension 400, window 5,
# negative 5, min-count 5, sample 1e-3, alpha 0.025, skip-gram, 5 epochs, 2 threads): caption
# retrieval with the mean encoder (recall@1, recall@10) and the neighbours of colour words.
source "$(dirname "$0")/lib.sh"
build_bench
need_deb python3-gensim gensim
CORPUS="$SHARED/data/oxford102/captions-corpus.txt"
"$ROOT/t2i" word2vec train --input "$CORPUS" --out "$OUT/captions-t2i.bin" --dim 400 --window 5 --negative 5 \
  --min-count 5 --sample 1e-3 --alpha 0.025 --epochs 5 --threads 2 --seed 1 2>/dev/null
peer_python - "$CORPUS" "$OUT/captions-gensim.bin" <<'PY'
import sys
from gensim.models import Word2Vec
sentences = [l.split() for l in open(sys.argv[1], encoding="utf-8")]
m = Word2Vec(sentences, vector_size=400, window=5, negative=5, min_count=5, sample=1e-3, alpha=0.025, sg=1,
             workers=2, epochs=5, seed=1)
m.wv.save_word2vec_format(sys.argv[2], binary=True)
PY
peer_python "$BENCH_DIR/word2vec_retrieval.py" "$CORPUS" 2000 7 t2i="$OUT/captions-t2i.bin" gensim="$OUT/captions-gensim.bin" \
  | tee "$OUT/w2v-quality.txt"
t=$(grep '^t2i:' "$OUT/w2v-quality.txt" | sed -E 's/.*recall@10 = ([0-9.]+).*/\1/')
g=$(grep '^gensim:' "$OUT/w2v-quality.txt" | sed -E 's/.*recall@10 = ([0-9.]+).*/\1/')
echo "ratio t2i/peer = $(python3 -c "print(f'{$t / $g:.2f}')")  (recall@10)"
