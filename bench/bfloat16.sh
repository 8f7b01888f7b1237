#!/usr/bin/env bash
# Figure: what bfloat16 buys on this CPU. Bfloat16Peak (a 3x3 convolution's forward and backward
# passes, and a 2048 matmul, in float32 and bfloat16) and the GAN-CLS-64 training step in both
# precisions, in alternating rounds, with all cores as TensorFlow threads. t2i's own float32 step
# is the peer. Last line: ratio bfloat16/float32 = … (GAN-CLS step speed-up, median of the rounds).
# Usage: bench/bfloat16.sh [ROUNDS]
source "$(dirname "$0")/lib.sh"
ROUNDS="${1:-3}"
build_bench
lscpu | grep -E 'Model name|^CPU\(s\)' | sed 's/  */ /g'
echo "bfloat16 instructions: $(grep -o -w -E 'avx512_bf16|amx_bf16' /proc/cpuinfo | sort -u | tr '\n' ' ')"
java_bench Bfloat16Peak 5
ratios=()
for round in $(seq 1 "$ROUNDS"); do
  f=$(java_bench TrainStepBench gan-cls 64 8 3 float32 | sed -n 's/^step_seconds = //p')
  b=$(java_bench TrainStepBench gan-cls 64 8 3 bfloat16 | sed -n 's/^step_seconds = //p')
  r=$(python3 -c "print(f'{$f / $b:.2f}')")
  echo "round $round: GAN-CLS-64 step float32 $f s, bfloat16 $b s, speed-up $r"
  ratios+=("$r")
done
python3 -c "import statistics,sys; print(f'ratio bfloat16/float32 = {statistics.median(map(float, sys.argv[1:])):.2f}')" "${ratios[@]}"
