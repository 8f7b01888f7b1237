#!/usr/bin/env bash
# Figure: one training step (1 D update + 1 G update) at batch 64 and 64x64, t2i against the
# official PyTorch 2.7.1 through DJL 0.36 (oneDNN; the peer a Java user would pick) and against
# Debian's PyTorch 1.13 (no oneDNN), for DCGAN-64 and GAN-CLS-64, with the float32 and bfloat16
# matmul peaks and the analytic FLOPs measured in the same run. Every side runs with the same
# intra-op and inter-op thread counts (all cores), printed; parameter counts are printed by each
# side so that the shapes can be checked. Median of 12 steps after 3 of warm-up per round, over
# ROUNDS alternating rounds; every round is printed. Then the quickstart's model and DF-GAN, which
# no peer implements: t2i's step alone.
# Last lines: bfloat16/float32 = … (t2i's GAN-CLS step), then ratio t2i/peer = … (GAN-CLS, FP32,
# against DJL-PyTorch).
# Usage: bench/train-step.sh    env: ROUNDS=3
source "$(dirname "$0")/lib.sh"
ROUNDS="${ROUNDS:-3}"
THREADS="$(nproc)"
build_bench
build_djl
need_deb python3-torch torch
# Debian's torch takes whichever libblas.so.3 is installed; without OpenBLAS that is the reference
# BLAS (about 4 GFLOP/s here), which would make the second peer 15x slower than it is.
need_deb libopenblas0-pthread
peer_python "$BENCH_DIR/djl/make_conv_transpose.py" "$OUT/conv_transpose.pt"
lscpu | grep -E 'Model name|^CPU\(s\)' | sed 's/  */ /g'
echo "bfloat16 instructions: $(grep -o -w -E 'avx512_bf16|amx_bf16' /proc/cpuinfo | sort -u | tr '\n' ' ')"
echo "threads: intra-op $THREADS, inter-op $THREADS on every side"

peak_tf=$(java_bench MatmulPeak 4096 5 | tee "$OUT/peak-tf.txt" | sed -n 's/matmul_gflops = //p')
peak_py=$(peer_python - "$THREADS" <<'PY'
import sys, time, torch
torch.set_num_threads(int(sys.argv[1]))
a, b = torch.rand(4096, 4096), torch.rand(4096, 4096)
torch.mm(a, b); ts = []
for _ in range(5):
    t = time.perf_counter(); torch.mm(a, b); ts.append(time.perf_counter() - t)
print(f"{2 * 4096 ** 3 / sorted(ts)[2] / 1e9:.1f}")
PY
)
peak=$(python3 -c "print(max($peak_tf, $peak_py))")
java_bench Bfloat16Peak 5 > "$OUT/peak-bf16.txt"
peak_bf16=$(sed -n 's/.*matmul 2048 bfloat16 *[0-9.]* ms (\([0-9]*\) GFLOP\/s).*/\1/p' "$OUT/peak-bf16.txt")
echo "matmul peak, float32 (4096^2): TensorFlow $peak_tf GFLOP/s, Debian torch $peak_py GFLOP/s; peak = $peak GFLOP/s"
echo "matmul peak, bfloat16 (2048^2, TensorFlow): ${peak_bf16:-n/a} GFLOP/s"

djl_step() {
  env PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cpu DJL_OFFLINE=true java -Dai.djl.offline=true \
    -Dai.djl.pytorch.num_threads="$THREADS" -Dai.djl.pytorch.num_interop_threads="$THREADS" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$BENCH_DIR/djl/target/t2i-bench-djl-0.1.0-SNAPSHOT.jar:$BENCH_DIR/djl/target/lib/*" \
    dev.t2i.bench.djl.DjlTrainStep "$1" 64 12 3 "$OUT/conv_transpose.pt" 2>/dev/null
}

for model in dcgan gan-cls; do
  t2i=(); djl=(); deb=(); bf16=()
  for round in $(seq "$ROUNDS"); do
    java_bench TrainStepBench "$model" 64 12 3 float32 > "$OUT/step-$model-t2i-$round.txt"
    t2i+=("$(value step_seconds "$OUT/step-$model-t2i-$round.txt")")
    djl_step "$model" > "$OUT/step-$model-djl-$round.txt"
    djl+=("$(value step_seconds "$OUT/step-$model-djl-$round.txt")")
    peer_python "$BENCH_DIR/torch_train_step.py" "$model" 64 12 3 "$THREADS" > "$OUT/step-$model-torch-$round.txt"
    deb+=("$(value step_seconds "$OUT/step-$model-torch-$round.txt")")
    if [ "$model" = gan-cls ]; then
      java_bench TrainStepBench "$model" 64 12 3 bfloat16 > "$OUT/step-$model-t2i-bf16-$round.txt"
      bf16+=("$(value step_seconds "$OUT/step-$model-t2i-bf16-$round.txt")")
    fi
    echo "$model round $round: t2i ${t2i[-1]} s, DJL-PyTorch ${djl[-1]} s, Debian PyTorch ${deb[-1]} s${bf16:+, t2i bfloat16 ${bf16[-1]} s}"
  done
  echo "$model parameters: t2i$(grep '^parameters' "$OUT/step-$model-t2i-1.txt" | cut -d= -f2);" \
    "DJL$(grep '^parameters' "$OUT/step-$model-djl-1.txt" | cut -d= -f2);" \
    "Debian PyTorch$(grep '^parameters' "$OUT/step-$model-torch-1.txt" | cut -d= -f2)"
  echo "$model peers:$(grep '^engine' "$OUT/step-$model-djl-1.txt" | cut -d= -f2); Debian $(grep '^torch' "$OUT/step-$model-torch-1.txt")"
  gflop=$(value gflop_per_step "$OUT/step-$model-torch-1.txt")
  python3 - "$model" "$gflop" "$peak" "$(median "${t2i[@]}")" "$(median "${djl[@]}")" "$(median "${deb[@]}")" <<'PY'
import sys
model, gflop, peak, t2i, djl, deb = sys.argv[1], *map(float, sys.argv[2:])
def side(name, s):
    return f"{name} {s:.3f} s/step ({64 / s:.0f} images/s, {gflop / s:.0f} GFLOP/s, {100 * gflop / s / peak:.0f}% of FP32 peak)"
print(f"{model} FP32, {gflop:.1f} GFLOP/step: {side('t2i', t2i)}; {side('DJL-PyTorch', djl)}; {side('Debian PyTorch', deb)}")
print(f"{model}: ratio t2i/DJL-PyTorch = {djl / t2i:.2f}, t2i/Debian-PyTorch = {deb / t2i:.2f}")
PY
  [ "$model" = gan-cls ] && ganf="$(median "${t2i[@]}")" gand="$(median "${djl[@]}")" ganb="$(median "${bf16[@]}")"
done
# The models the quality issues added, t2i only (no peer implements them): their step at batch 64.
for model in quickstart dfgan; do
  times=()
  for round in $(seq "$ROUNDS"); do
    java_bench TrainStepBench "$model" 64 8 2 float32 > "$OUT/step-$model-t2i-$round.txt"
    times+=("$(value step_seconds "$OUT/step-$model-t2i-$round.txt")")
  done
  python3 - "$model" "$(grep '^parameters' "$OUT/step-$model-t2i-1.txt" | cut -d= -f2)" "${times[@]}" <<'PY'
import statistics, sys
model, params, times = sys.argv[1], sys.argv[2], [float(t) for t in sys.argv[3:]]
m = statistics.median(times)
print(f"{model} FP32 (t2i only; parameters{params}): {m:.3f} s/step, {64 / m:.0f} images/s (rounds {', '.join(f'{t:.3f}' for t in times)}); no analytic FLOP count")
PY
done
python3 - "$ganf" "$ganb" "$(value gflop_per_step "$OUT/step-gan-cls-torch-1.txt")" "${peak_bf16:-0}" <<'PY'
import sys
f, b, gflop, peak = map(float, sys.argv[1:])
share = f", {100 * gflop / b / peak:.0f}% of the bfloat16 peak" if peak else ""
print(f"gan-cls bfloat16 (t2i): {b:.3f} s/step ({gflop / b:.0f} GFLOP/s{share}); bfloat16/float32 = {f / b:.2f}")
PY
python3 -c "print(f'ratio t2i/peer = {$gand / $ganf:.2f}')"
