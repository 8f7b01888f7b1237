#!/usr/bin/env bash
# Figure: image quality, as the median and range of 3 training seeds (never the best run).
# Trains CONFIG (default: the quickstart's bundled configuration) once per seed, evaluates every
# run with t2i eval on SPLIT (default: validation; compare configurations there and report the
# test split once, with SPLIT=test), and prints a row per seed, the median [min-max] of each
# figure, and last:
#   quality petal=… centre=… heldout=…/… forms=…/… diversity=…
# (heldout and forms: petal/centre accuracy on held-out colour pairs and held-out sentence forms).
# Usage: bench/quality.sh [CONFIG] [SEEDS...]    env: SPLIT=validation|test, STEPS=N, CAPTIONS=1000
source "$(dirname "$0")/lib.sh"
CONFIG="${1:-}"
shift || true
SEEDS=("$@")
[ ${#SEEDS[@]} -gt 0 ] || SEEDS=(42 7 1234)
SPLIT="${SPLIT:-validation}"
CAPTIONS="${CAPTIONS:-1000}"
if [ -z "$CONFIG" ]; then
  CONFIG="$OUT/quickstart.yaml"
  "$ROOT/t2i" quickstart --print-config > "$CONFIG" 2>/dev/null
fi
name="$(basename "$CONFIG" .yaml)"
lscpu | grep -E 'Model name|^CPU\(s\)' | sed 's/  */ /g'
echo "config $CONFIG, seeds ${SEEDS[*]}, split $SPLIT, $CAPTIONS captions x 4 samples, float32"
reports=()
for seed in "${SEEDS[@]}"; do
  run="$ROOT/runs/quality-$name-seed$seed"
  cfg="$OUT/$name-seed$seed.yaml"
  sed -E "s/^seed: .*/seed: $seed/" "$CONFIG" > "$cfg"
  grep -q "^seed: $seed$" "$cfg" || { echo "bench/quality.sh: $CONFIG has no top-level 'seed:' line to set" >&2; exit 2; }
  if [ ! -d "$run/checkpoints" ]; then
    start=$(date +%s)
    "$ROOT/t2i" train "$cfg" --output "$run" ${STEPS:+--steps "$STEPS"} > "$OUT/quality-$name-seed$seed.log" 2>&1
    echo "seed $seed: trained in $(( $(date +%s) - start )) s ($run)"
  fi
  "$ROOT/t2i" eval --run "$run" --split "$SPLIT" --captions "$CAPTIONS" --samples 4 > "$OUT/quality-eval-$name-seed$seed.log" 2>&1
  reports+=("$run/eval/report.json")
done
python3 - "${reports[@]}" <<'PY'
import json, statistics, sys
rows = []
for path in sys.argv[1:]:
    r = json.load(open(path))
    g = r["generated"]
    acc = lambda part, a: g[part][a]["accuracy"]
    rows.append({
        "petal": acc("accuracyForMentionedAttributes", "petal_color"),
        "centre": acc("accuracyForMentionedAttributes", "center_color"),
        "count": acc("accuracyForMentionedAttributes", "petal_count"),
        "shape": acc("accuracyForMentionedAttributes", "petal_shape"),
        "size": acc("accuracyForMentionedAttributes", "size"),
        "heldout_petal": acc("heldOutPairs", "petal_color"),
        "heldout_centre": acc("heldOutPairs", "center_color"),
        "forms_petal": acc("heldOutForms", "petal_color"),
        "forms_centre": acc("heldOutForms", "center_color"),
        "diversity": r["noise"]["diversityRatio"],
        "entropy": r["noise"]["entropyRatio"],
        "fd": r["distribution"]["generatedVsRealTest"]["frechetDistance"],
        "fd_floor": r["distribution"]["realTrainVsRealTest (floor)"]["frechetDistance"],
    })
    print(f"{r['run']} step {r['step']} split {r['split']}: " + " ".join(f"{k}={v}" for k, v in rows[-1].items()))
med = {k: statistics.median(x[k] for x in rows) for k in rows[0]}
for k in rows[0]:
    print(f"  {k:15s} median {med[k]:.3f}  range {min(x[k] for x in rows):.3f}-{max(x[k] for x in rows):.3f}")
f = lambda v: f"{v:.3f}"
print(f"quality petal={f(med['petal'])} centre={f(med['centre'])} heldout={f(med['heldout_petal'])}/{f(med['heldout_centre'])} "
      f"forms={f(med['forms_petal'])}/{f(med['forms_centre'])} diversity={f(med['diversity'])}")
PY
