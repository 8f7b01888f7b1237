#!/usr/bin/env bash
# Figure: the report's section-5 experiments that have data here (Oxford-102), each trained for a
# stated number of steps from t2i-examples/configs/report/, with a picture of its samples for
# docs/report-reproduction.md: 8 samples of one sentence (seed 1), or for the sentence network the
# image after each word. A run already trained is not trained again. Prints the steps and the
# training seconds of each run (provenance.json), and last:
#   report-oxford runs=… seconds=…
# Usage: bench/report-oxford.sh [NAME:STEPS ...]   (default: the six below, about 5 minutes each alone on 2 cores)
source "$(dirname "$0")/lib.sh"
RUNS=("$@")
[ ${#RUNS[@]} -gt 0 ] || RUNS=(oxford102-dcgan-noise:500 oxford102-dcgan-word2vec-sum:500 oxford102-gnn:500
  oxford102-convlstm-first:120 oxford102-convlstm-dcgan-5d:120 oxford102-convlstm-method2:120)
SENTENCE="this flower has petals that are pink with a yellow center"
lscpu | grep -E 'Model name|^CPU\(s\)' | sed 's/  */ /g'
echo "float32, TensorFlow threads = all cores; pictures of: $SENTENCE"
cd "$ROOT"
total=0
for entry in "${RUNS[@]}"; do
  name="${entry%%:*}"
  steps="${entry##*:}"
  config="t2i-examples/configs/report/$name.yaml"
  run="runs/report-$name"
  if [ ! -d "$run/checkpoints" ]; then
    ./t2i train "$config" --output "$run" --steps "$steps" > "$OUT/report-$name.log" 2>&1
  fi
  if grep -q "type: convlstm" "$config"; then
    ./t2i generate --run "$run" --text "$SENTENCE" --per-word --seed 1 --out "docs/report-$name.png" > /dev/null 2>&1
  else
    ./t2i generate --run "$run" --text "$SENTENCE" -n 8 --seed 1 --out "docs/report-$name.png" > /dev/null 2>&1
  fi
  seconds=$(python3 -c "import json; p=json.load(open('$run/provenance.json')); print(round(sum(s.get('seconds', 0) for s in p['segments'])))")
  total=$((total + seconds))
  echo "$name: $steps steps, $seconds s of training, docs/report-$name.png"
done
echo "report-oxford runs=${#RUNS[@]} seconds=$total"
