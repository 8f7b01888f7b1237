#!/usr/bin/env bash
# Figure: the image pipeline's throughput on ../shared/data/oxford102/jpg (decode JPEG, random
# 76 -> 64 crop, flip, scale, batch of 64 into a tensor), with 1 and 2 worker threads, next to what a
# DCGAN-64 training step consumes (64 images per step), measured in the same run. No peer.
source "$(dirname "$0")/lib.sh"
build_bench
java_bench PipelineBench "$SHARED/data/oxford102" 40 5 | tee "$OUT/pipeline.txt"
java_bench TrainStepBench dcgan 64 12 3 float32 > "$OUT/pipeline-step.txt"
step=$(value step_seconds "$OUT/pipeline-step.txt")
one=$(value images_per_second_1 "$OUT/pipeline.txt"); two=$(value images_per_second_2 "$OUT/pipeline.txt")
python3 -c "
step=$step; one=$one; two=$two
need = 64 / step
print(f'a training step consumes {need:.0f} images/s ({step:.3f} s per batch of 64); the pipeline delivers {one:.0f} images/s on 1 thread ({one/need:.1f}x) and {two:.0f} on 2 ({two/need:.1f}x)')"
