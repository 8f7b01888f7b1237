#!/usr/bin/env bash
# Figure: cluster purity on the real Oxford-102 images against their 102 labels, with the
# in-project extractor (t2i's classifier CNN, 256-d features, PCA 64, Gaussian mixture), next to the
# same clustering of raw pixels and a random assignment with the same cluster sizes:
#   oxford102-classifier      features trained on all 102 labels (an upper bound: they saw the labels)
#   oxford102-unseen-classes  features trained on classes 1-51, clustering classes 52-102 (51 components)
#   oxford102-pixels          16x16 pixels, no learned features (102 components)
# Each config is in t2i-examples/clusters/. No peer.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
for name in oxford102-classifier oxford102-unseen-classes oxford102-pixels; do
  ./t2i cluster "t2i-examples/clusters/$name.yaml" --output "bench/out/clusters/$name" > "$OUT/cluster-purity-$name.txt" 2> "$OUT/cluster-purity-$name.log"
  python3 - "$name" "bench/out/clusters/$name/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[2]))
c = r["clusters"]; m = r["mixture"]
print(f"{sys.argv[1]}: {r['dataset']['images']} images, {m['components']} components ({m['covariance']}), "
      f"purity {c['purity']:.4f} vs random {c['randomAssignmentPurity']:.4f}; features {r['timings']['featuresSeconds']:.0f} s, "
      f"PCA {r['timings']['pcaSeconds']:.1f} s, EM {r['timings']['mixtureSeconds']:.1f} s ({m['iterations']} iterations)")
PY
done
echo "cluster sizes of oxford102-classifier (10 components, as the report's table):"
cat "bench/out/clusters/oxford102-classifier/sizes.txt"
