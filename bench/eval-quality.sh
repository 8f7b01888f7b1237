#!/usr/bin/env bash
# Figure: the quality record. Evaluates a trained run (default: the quickstart's, trained first if
# missing) with t2i eval, prints attribute accuracy (synthetic flowers) or class accuracy and the
# distribution figures, and opens RUN/eval/index.html in headless Chromium (Debian's), saving a
# screenshot as RUN/eval/screenshot.png: the page must render its tables and images.
# Usage: bench/eval-quality.sh [RUN_DIR] [CAPTIONS] [SAMPLES]
source "$(dirname "$0")/lib.sh"
RUN="${1:-$ROOT/runs/quickstart}"
CAPTIONS="${2:-1000}"
SAMPLES="${3:-4}"
if [ ! -d "$RUN/checkpoints" ]; then
  echo "training the quickstart first..." >&2
  "$ROOT/t2i" quickstart --out "$RUN" > "$OUT/eval-quickstart.log" 2>&1
fi
"$ROOT/t2i" eval --run "$RUN" --captions "$CAPTIONS" --samples "$SAMPLES" 2> "$OUT/eval.log" | tee "$OUT/eval.txt"
python3 - "$RUN/eval/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"run {r['run']} step {r['step']}, {r['dataset']}, {r['resolution']}, seed {r['seed']}")
c = r["classifier"]
if "accuracyOnRealTestImages" in c:
    print("evaluator on real test images:", c["accuracyOnRealTestImages"])
    g, u = r["generated"], r["untrainedGenerator"]
    print(f"generated ({g['captions']} captions x {g['samplesPerCaption']} samples):")
    for a, v in g["accuracyForMentionedAttributes"].items():
        h = g["heldOutPairs"][a]; f = u["accuracyForMentionedAttributes"][a]
        print(f"  {a:13s} generated {v['accuracy']}  held-out pairs {h['accuracy']}  untrained {f['accuracy']}  (n={v['samples']})")
    for k, v in r["distribution"].items():
        print(f"  {k}: FD {v['frechetDistance']} KID {v['kid']} precision {v['precision']} recall {v['recall']} coverage {v['coverage']}")
    print("  diversity:", r["diversity"])
    print("  memorisation:", {k: v for k, v in r["memorisation"].items() if k != "note"})
else:
    print("evaluator on held-out real images (ceiling): top-1", c["top1OnHeldOutRealImages (ceiling)"],
          "top-5", c["top5OnHeldOutRealImages (ceiling)"])
    for k, g in r["groups"].items():
        a, f = g["captionToClass"], g["captionToClass, untrained generator (floor)"]
        print(f"  {k} ({g['classes']} classes, {g['captions']} captions x {g['samplesPerCaption']}): top-1 {a['top1']} top-5 {a['top5']}"
              f" (untrained top-5 {f['top5']}); FD {g['generatedVsReal']['frechetDistance']} vs floor {g['realVsReal (floor)']['frechetDistance']}"
              f" (ratio {g['frechetRatio']}); KID {g['generatedVsReal']['kid']}; diversity ratio {g['diversity']['ratio']};"
              f" memorisation ratio {g['memorisation']['ratio']}")
PY
need_deb chromium
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$(mktemp -d)" --window-size=1200,3000 \
  --screenshot="$RUN/eval/screenshot.png" "file://$(cd "$RUN/eval" && pwd)/index.html" >/dev/null 2>&1
python3 - "$RUN/eval/screenshot.png" <<'PY'
import sys, struct
data = open(sys.argv[1], "rb").read()
w, h = struct.unpack(">II", data[16:24])
print(f"screenshot {sys.argv[1]}: {w}x{h}, {len(data)} bytes")
assert len(data) > 50_000, "the page rendered nearly empty"
PY
