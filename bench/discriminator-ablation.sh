#!/usr/bin/env bash
# Figure: how the discriminator reads the caption decides whether the generator draws the centre
# colour it is asked for. Trains the long synthetic configuration (gan-cls-long.yaml) for a short
# budget in each variant, evaluates it with t2i eval, and prints one row per variant: petal and
# centre colour accuracy on all test captions and on the held-out colour pairs, Fréchet distance
# on the evaluator's features, and diversity within a caption. No peer: the figure compares t2i
# with itself. About 9 minutes per variant on 2 cores at 3,000 steps.
# Usage: bench/discriminator-ablation.sh [STEPS] [VARIANT...]
#   variants: concat-l2 concat-l20 inner-product-l0 inner-product-l2 inner-product-stddev-l2
source "$(dirname "$0")/lib.sh"
STEPS="${1:-3000}"
shift || true
VARIANTS=("$@")
[ ${#VARIANTS[@]} -gt 0 ] || VARIANTS=(concat-l2 concat-l20 inner-product-l0 inner-product-l2 inner-product-stddev-l2)
BASE="$ROOT/t2i-examples/configs/gan-cls-long.yaml"
RUNS="$OUT/ablation"
mkdir -p "$RUNS"

config() { # variant → the long configuration with its discriminator and Euclidean weight replaced
  local d l2
  case "$1" in
    concat-l2) d="text: projected"; l2=2 ;;
    concat-l20) d="text: projected"; l2=20 ;;
    inner-product-l0) d="text: inner-product"; l2=0 ;;
    inner-product-l2) d="text: inner-product"; l2=2 ;;
    inner-product-stddev-l2) d="text: inner-product, minibatchStddev: true"; l2=2 ;;
    *) echo "unknown variant '$1'; known: concat-l2 concat-l20 inner-product-l0 inner-product-l2 inner-product-stddev-l2" >&2; exit 2 ;;
  esac
  sed -e "s/^name: .*/name: $1/" \
      -e "s/^discriminator: .*/discriminator: {type: dcgan, $d, ndf: 32}/" \
      -e "s/^    - {weight: 2, loss: {type: l2}}/    - {weight: $l2, loss: {type: l2}}/" \
      -e "s/sampleEvery: [0-9]*, checkpointEvery: [0-9]*/sampleEvery: 0, checkpointEvery: 1000/" "$BASE" \
    | { if [ "$l2" = 0 ]; then grep -v "loss: {type: l2}"; else cat; fi; }
}

for v in "${VARIANTS[@]}"; do
  config "$v" > "$RUNS/$v.yaml"
  rm -rf "$RUNS/$v"
  echo "training $v for $STEPS steps..." >&2
  "$ROOT/t2i" train "$RUNS/$v.yaml" --steps "$STEPS" --output "$RUNS/$v" > "$RUNS/$v.log" 2>&1
  "$ROOT/t2i" eval --run "$RUNS/$v" > "$RUNS/$v.eval" 2>&1
done

python3 - "$RUNS" "$STEPS" "${VARIANTS[@]}" <<'PY'
import json, sys
runs, steps, variants = sys.argv[1], sys.argv[2], sys.argv[3:]
print(f"{steps} steps, batch 64, 64x64, seed 42; evaluator seed 1, 1000 test captions x 4 samples")
print(f"{'variant':26s} {'petal':>6s} {'centre':>7s} {'held-out petal':>15s} {'held-out centre':>16s} {'FD':>7s} {'diversity':>10s}")
for v in variants:
    r = json.load(open(f"{runs}/{v}/eval/report.json"))
    a, h = r["generated"]["accuracyForMentionedAttributes"], r["generated"]["heldOutPairs"]
    fd = r["distribution"]["generatedVsRealTest"]["frechetDistance"]
    div = r["diversity"]["meanPairwiseFeatureDistanceWithinCaption"]
    print(f"{v:26s} {a['petal_color']['accuracy']:6.3f} {a['center_color']['accuracy']:7.3f} "
          f"{h['petal_color']['accuracy']:15.3f} {h['center_color']['accuracy']:16.3f} {fd:7.0f} {div:10.1f}")
PY
