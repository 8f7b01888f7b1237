#!/usr/bin/env bash
# Figure: the image pipeline's throughput on ../shared/data/oxford102/jpg (decode JPEG, random
# 76 -> 64 crop, flip, scale, batch of 64 into a tensor), with 1 and 2 worker threads, next to what a
# DCGAN-64 training step consumes (64 images per step; see train-step.sh). No peer.
source "$(dirname "$0")/lib.sh"
build_bench
java_bench PipelineBench "$SHARED/data/oxford102" 40 5 | tee "$OUT/pipeline.txt"
step=$( [ -f "$OUT/step-dcgan-t2i-1.txt" ] && value step_seconds "$OUT/step-dcgan-t2i-1.txt" || echo 0.41)
one=$(value images_per_second_1 "$OUT/pipeline.txt"); two=$(value images_per_second_2 "$OUT/pipeline.txt")
python3 -c "
step=$step; one=$one; two=$two
need = 64 / step
print(f'a training step consumes {need:.0f} images/s ({step:.3f} s per batch of 64); the pipeline delivers {one:.0f} images/s on 1 thread ({one/need:.1f}x) and {two:.0f} on 2 ({two/need:.1f}x)')"
