#!/usr/bin/env bash
# Figure: generation. The warm latency of one image through the Java API (median of 50 requests),
# and the cold command line from start to PNG (median of 3 runs of ./t2i generate). No peer: the
# Python research code has no generation command to compare with.
source "$(dirname "$0")/lib.sh"
build_bench
RUN="$OUT/generation-run"
if [ ! -d "$RUN/checkpoints" ]; then
  echo "training a short quickstart run to generate from..." >&2
  "$ROOT/t2i" quickstart --steps 20 --out "$RUN" > "$OUT/generation-train.log" 2>&1
fi
java_bench GenerationBench "$RUN" 50 | tee "$OUT/generation-warm.txt"
times=()
for i in 1 2 3; do
  start=$(date +%s.%N)
  "$ROOT/t2i" generate --run "$RUN" --text "this flower has pink petals and a yellow center" -n 1 --out "$OUT/cold.png" > /dev/null 2>&1
  end=$(date +%s.%N)
  times+=("$(python3 -c "print($end - $start)")")
done
cold=$(median "${times[@]}")
printf "cold_cli_seconds = %.2f (runs: %s)\n" "$cold" "${times[*]}"
