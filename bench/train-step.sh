#!/usr/bin/env bash
# Figure: one training step (1 D update + 1 G update) at batch 64 and 64x64, t2i against PyTorch,
# for DCGAN-64 and the text-conditioned model, with the FP32 matmul peak and the analytic FLOPs
# measured in the same run. Median of 12 steps after 3 of warm-up, over ROUNDS alternating rounds.
source "$(dirname "$0")/lib.sh"
ROUNDS="${ROUNDS:-2}"
build_bench
need_deb python3-torch torch

peak_tf=$(java_bench MatmulPeak 4096 5 | tee "$OUT/peak-tf.txt" | sed -n 's/matmul_gflops = //p')
peak_py=$(peer_python - <<'PY'
import numpy as np, time, torch
torch.set_num_threads(2)
a = np.random.rand(4096, 4096).astype(np.float32); b = np.random.rand(4096, 4096).astype(np.float32)
ta, tb = torch.from_numpy(a), torch.from_numpy(b)
best = 0
for f in (lambda: a @ b, lambda: torch.mm(ta, tb)):
    f(); ts = []
    for _ in range(5):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    best = max(best, 2 * 4096 ** 3 / sorted(ts)[2] / 1e9)
print(f"{best:.1f}")
PY
)
peak=$(python3 -c "print(max($peak_tf, $peak_py))")
echo "matmul peak (4096^2 FP32, 2 threads): TensorFlow $peak_tf GFLOP/s, numpy/torch $peak_py GFLOP/s; peak = $peak GFLOP/s"

for model in dcgan gan-cls; do
  t2i=(); torch=()
  for round in $(seq "$ROUNDS"); do
    java_bench TrainStepBench "$model" 64 12 3 > "$OUT/step-$model-t2i-$round.txt"
    t2i+=("$(value step_seconds "$OUT/step-$model-t2i-$round.txt")")
    peer_python "$BENCH_DIR/torch_train_step.py" "$model" 64 12 3 > "$OUT/step-$model-torch-$round.txt"
    torch+=("$(value step_seconds "$OUT/step-$model-torch-$round.txt")")
  done
  gflop=$(value gflop_per_step "$OUT/step-$model-torch-1.txt")
  a=$(median "${t2i[@]}"); b=$(median "${torch[@]}")
  python3 - "$model" "$a" "$b" "$gflop" "$peak" <<'PY'
import sys
model, t2i, torch, gflop, peak = sys.argv[1], *map(float, sys.argv[2:])
print(f"{model}: t2i {t2i:.3f} s/step ({64 / t2i:.0f} images/s, {gflop / t2i:.0f} GFLOP/s, {100 * gflop / t2i / peak:.0f}% of peak); "
      f"PyTorch {torch:.3f} s/step ({64 / torch:.0f} images/s, {100 * gflop / torch / peak:.0f}% of peak); "
      f"{gflop:.1f} GFLOP/step; t2i/PyTorch throughput {torch / t2i:.2f}")
PY
  last_ratio=$(python3 -c "print(f'{$b / $a:.2f}')")
done
echo "ratio t2i/peer = $last_ratio"
