#!/usr/bin/env bash
# Rebuilds the shipped model 'synthetic-flowers' (t2i-pretrained) from the quickstart's bundled
# configuration with seed 42: trains it (or reuses RUN when it is already trained), evaluates it on
# the validation split, and packages its newest checkpoint with a card whose "draws" and "not yet"
# lines are the measured attribute accuracies. Last line:
#   packaged synthetic-flowers step=… petal=… centre=… diversity=…
# Usage: bench/pretrain-synthetic.sh    env: RUN=DIR (default runs/quality-quickstart-seed42, as bench/quality.sh trains it)
source "$(dirname "$0")/lib.sh"
RUN="${RUN:-$ROOT/runs/quality-quickstart-seed42}"
cd "$ROOT"
lscpu | grep -E 'Model name|^CPU\(s\)' | sed 's/  */ /g'
if [ ! -d "$RUN/checkpoints" ]; then
  ./t2i quickstart --print-config 2>/dev/null | sed -E 's/^seed: .*/seed: 42/' > "$OUT/pretrain-synthetic.yaml"
  start=$(date +%s)
  ./t2i train "$OUT/pretrain-synthetic.yaml" --output "$RUN" > "$OUT/pretrain-synthetic.log" 2>&1
  echo "trained in $(( $(date +%s) - start )) s ($RUN)"
fi
[ -f "$RUN/eval/report.json" ] || ./t2i eval --run "$RUN" --captions 1000 --samples 4 > "$OUT/pretrain-synthetic-eval.log" 2>&1
mapfile -t lines < <(python3 - "$RUN/eval/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
g = r["generated"]["accuracyForMentionedAttributes"]
names = {"petal_color": "petal colour", "center_color": "centre colour", "petal_count": "petal count",
         "petal_shape": "petal shape", "size": "flower size"}
n = r["noise"]
for a, v in g.items():
    kind = "can" if v["accuracy"] >= 0.85 else "cannot"
    print(f"--{kind}")
    print(f"{names.get(a, a)} when the caption names it: {v['accuracy']:.2f} of samples (validation split)")
print("--can")
print(f"different pictures for different noise: diversity ratio {n['diversityRatio']:.2f} (1 = as varied as real flowers)")
PY
)
./t2i models --package "$RUN" --name synthetic-flowers \
  --summary "the quickstart's model of the embedded synthetic flowers, 64x64, trained $(python3 -c "import json,sys; print(format(json.load(open(sys.argv[1]))[\"step\"], \",\"))" "$RUN/eval/report.json") steps on 2 cores" "${lines[@]}"
python3 - "$RUN/eval/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); g = r["generated"]["accuracyForMentionedAttributes"]
print(f"packaged synthetic-flowers step={r['step']} petal={g['petal_color']['accuracy']} centre={g['center_color']['accuracy']} "
      f"diversity={r['noise']['diversityRatio']}")
PY
