#!/usr/bin/env bash
# Figure: the Oxford-102 model's quality over its 2-hour budget on this machine, and the shipped
# model. Trains t2i-examples/configs/oxford102-flowers.yaml in timed segments (default 4 x 30
# minutes; a segment already done is skipped, so the script resumes where it stopped), evaluates
# the checkpoint at the end of each segment (held-out images of training classes, and unseen
# classes), prints a row per segment, and with PACKAGE=1 packages the final checkpoint as the
# pretrained model 'oxford102-flowers' (t2i-pretrained) and draws the README's pictures with it. Last line:
#   oxford102 minutes=… top5=… fd_ratio=… diversity=… (held-out images of training classes)
# Usage: bench/pretrain-oxford102.sh [SEGMENTS] [MINUTES]    env: RUN=DIR, CAPTIONS=500, PACKAGE=1
source "$(dirname "$0")/lib.sh"
SEGMENTS="${1:-4}"
MINUTES="${2:-30}"
CONFIG="$ROOT/t2i-examples/configs/oxford102-flowers.yaml"
RUN="${RUN:-$ROOT/runs/oxford102-flowers}"
CAPTIONS="${CAPTIONS:-500}"
lscpu | grep -E 'Model name|^CPU\(s\)' | sed 's/  */ /g'
echo "config $CONFIG, $SEGMENTS segments of $MINUTES min, float32, TensorFlow threads = all cores"
cd "$ROOT"
for segment in $(seq 1 "$SEGMENTS"); do
  marker="$RUN/segment-$segment.step"
  if [ ! -f "$marker" ]; then
    resume=""
    [ -d "$RUN/checkpoints" ] && [ -n "$(ls -A "$RUN/checkpoints" 2>/dev/null)" ] && resume="--resume"
    ./t2i train "$CONFIG" --output "$RUN" $resume --for "${MINUTES}m" > "$OUT/oxford102-segment-$segment.log" 2>&1
    ls "$RUN/checkpoints" | sed 's/ckpt-0*//' | sort -n | tail -1 > "$marker"
  fi
  step=$(cat "$marker")
  report="$RUN/eval/step-$(printf %08d "$step")/report.json"
  [ -f "$report" ] || ./t2i eval --run "$RUN" --step "$step" --captions "$CAPTIONS" --samples 4 > "$OUT/oxford102-eval-$segment.log" 2>&1
  python3 - "$report" "$((segment * MINUTES))" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for name, g in r["groups"].items():
    a = g["captionToClass"]
    print(f"{sys.argv[2]:>4} min step {r['step']:>6} {name:32s} top-1 {a['top1']:.3f} top-5 {a['top5']:.3f}"
          f" FD {g['generatedVsReal']['frechetDistance']:.1f} / floor {g['realVsReal (floor)']['frechetDistance']:.1f}"
          f" = {g['frechetRatio']:.2f}  diversity {g['diversity']['ratio']:.2f}  memorisation {g['memorisation']['ratio']:.2f}")
PY
done
if [ "${PACKAGE:-0}" = 1 ]; then
  final="$RUN/eval/step-$(printf %08d "$(cat "$RUN/segment-$SEGMENTS.step")")/report.json"
  mapfile -t lines < <(python3 - "$final" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
known, unseen = r["groups"]["heldOutImagesOfTrainingClasses"], r["groups"]["unseenClasses"]
ceiling = r["classifier"]["top5OnHeldOutRealImages (ceiling)"]
for kind, line in [
    ("can", "the petal and centre colours a sentence names, on a flower with petals and a centre that fills the frame"),
    ("can", f"a different flower for each noise vector (diversity ratio {known['diversity']['ratio']:.2f} against real flowers of the caption's class)"),
    ("can", f"flower-like images overall: Frechet distance {known['frechetRatio']:.2f}x the real/real floor (validation images of known species)"),
    ("cannot", f"the species reliably: the caption's species is in the classifier's top 5 for {known['captionToClass']['top5']:.0%} of images "
               f"for known species (real photos {ceiling:.0%}) and {unseen['captionToClass']['top5']:.0%} for the 20 unseen species"),
    ("cannot", "fine detail at 64x64: stamens, veins and leaves are blurred"),
    ("cannot", "anything but a single flower: the training images are close-ups of flowers"),
]:
    print(f"--{kind}")
    print(line)
PY
)
  ./t2i models --package "$RUN" --name oxford102-flowers \
    --summary "Oxford-102 flowers at 64x64 from English sentences ($((SEGMENTS * MINUTES)) minutes on 2 cores)" \
    --caption "this flower has large pink petals and a yellow center" "${lines[@]}"
  # The README's pictures: the shipped model, sentences typed in, 4 noise vectors each (seed 1).
  while IFS='|' read -r name text; do
    ./t2i generate --model oxford102-flowers --text "$text" -n 4 --seed 1 --out "$ROOT/docs/oxford102-$name.png"
  done <<'SENTENCES'
pink-yellow|this flower has large pink petals and a yellow center
purple-thin|this flower is purple with many thin petals
yellow-thin|the flower has yellow petals that are long and thin
white-yellow|a white flower with a yellow center
orange-spots|this flower has bright orange petals with dark spots
red-black|the petals are bright red and the center is black
SENTENCES
fi
python3 - "$RUN/eval/step-$(printf %08d "$(cat "$RUN/segment-$SEGMENTS.step")")/report.json" "$((SEGMENTS * MINUTES))" <<'PY'
import json, sys
g = json.load(open(sys.argv[1]))["groups"]["heldOutImagesOfTrainingClasses"]
print(f"oxford102 minutes={sys.argv[2]} top5={g['captionToClass']['top5']} fd_ratio={g['frechetRatio']} diversity={g['diversity']['ratio']}")
PY
