#!/usr/bin/env bash
# Figure: clustering at the report's scale. 158,915 synthetic 4,096-d feature vectors (10 clusters
# in a 32-d subspace plus noise, written once to a 2.6 GB T2IFEAT1 file), streamed PCA to 64
# dimensions, then a 10-component Gaussian mixture with full covariances. Wall time, peak memory
# (maximum RSS of the process) and agreement with the planted clusters (adjusted Rand index), for
# t2i (Java heap capped at 3 GB) and scikit-learn 1.2 (randomized PCA + GaussianMixture) on the
# same file, alternating, ROUNDS times each. Env: ROUNDS (3), ROWS (158915), DIM (4096).
source "$(dirname "$0")/lib.sh"
build_bench
need_deb python3-sklearn sklearn
ROUNDS="${ROUNDS:-3}"; ROWS="${ROWS:-158915}"; DIM="${DIM:-4096}"
FILE="$OUT/cluster-$ROWS-$DIM.f32"
if [ ! -f "$FILE" ]; then
  java_bench ClusterBench generate "$FILE" "$ROWS" "$DIM" 10 7
fi
rss() { grep "Maximum resident set size" "$1" | awk '{print $NF}'; }
t2i_times=(); sk_times=(); t2i_rss=(); sk_rss=()
for r in $(seq 1 "$ROUNDS"); do
  T2I_BENCH_HEAP=3g /usr/bin/time -v -o "$OUT/cluster-t2i-time.txt" \
    bash -c "source '$BENCH_DIR/lib.sh'; java_bench ClusterBench cluster '$FILE' 64 10 full 7" > "$OUT/cluster-t2i-$r.txt"
  /usr/bin/time -v -o "$OUT/cluster-sklearn-time.txt" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 \
    "$BENCH_DIR/sklearn_cluster.py" "$FILE" 64 10 full 7 > "$OUT/cluster-sklearn-$r.txt"
  t2i_times+=("$(value total_seconds "$OUT/cluster-t2i-$r.txt")"); t2i_rss+=("$(rss "$OUT/cluster-t2i-time.txt")")
  sk_times+=("$(value total_seconds "$OUT/cluster-sklearn-$r.txt")"); sk_rss+=("$(rss "$OUT/cluster-sklearn-time.txt")")
  echo "round $r: t2i $(value total_seconds "$OUT/cluster-t2i-$r.txt") s (PCA $(value pca_seconds "$OUT/cluster-t2i-$r.txt"), EM $(value em_seconds "$OUT/cluster-t2i-$r.txt"), $(value em_iterations "$OUT/cluster-t2i-$r.txt") iterations), $((${t2i_rss[-1]} / 1024)) MB;" \
       "sklearn $(value total_seconds "$OUT/cluster-sklearn-$r.txt") s (PCA $(value pca_seconds "$OUT/cluster-sklearn-$r.txt"), EM $(value em_seconds "$OUT/cluster-sklearn-$r.txt"), $(value em_iterations "$OUT/cluster-sklearn-$r.txt") iterations), $((${sk_rss[-1]} / 1024)) MB"
done
peer_python "$BENCH_DIR/ari.py" "$FILE.truth" "$FILE.t2i.labels" "$FILE.sklearn.labels"
echo "explained variance (t2i, 64 axes) = $(value explained_variance "$OUT/cluster-t2i-1.txt")"
echo "mean log-likelihood: t2i $(value mean_log_likelihood "$OUT/cluster-t2i-1.txt"), sklearn $(value mean_log_likelihood "$OUT/cluster-sklearn-1.txt")"
t=$(median "${t2i_times[@]}"); s=$(median "${sk_times[@]}")
echo "median seconds: t2i $t, sklearn $s; median peak RSS MB: t2i $(( $(median "${t2i_rss[@]}" | cut -d. -f1) / 1024 )), sklearn $(( $(median "${sk_rss[@]}" | cut -d. -f1) / 1024 ))"
python3 -c "print(f'ratio t2i/sklearn = {$t / $s:.2f}')"
