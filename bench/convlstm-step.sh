#!/usr/bin/env bash
# Figure: the report's whole sentence network (t2i-examples/configs/report/oxford102-convlstm.yaml) on
# Oxford-102 at 64x64, n = 25 words, batch 16: peak resident memory (/usr/bin/time -v) and the median
# step time (fixed tensors, 10 steps after 2 of warm-up). No peer: the report's code is not available.
source "$(dirname "$0")/lib.sh"
STEPS="${STEPS:-12}"
RUN="$OUT/convlstm-run"
rm -rf "$RUN"
sed "s#root: ../shared/data/oxford102#root: $SHARED/data/oxford102#" "$ROOT/t2i-examples/configs/report/oxford102-convlstm.yaml" \
  | sed "s#^name: oxford102-convlstm#name: oxford102-convlstm\noutput: $RUN#" \
  | sed "s#training: {batchSize: 16, steps: 3000, discriminatorReals: random}#training: {batchSize: 16, steps: $STEPS, discriminatorReals: random, logEvery: 1, sampleEvery: 0, checkpointEvery: 0}#" \
  > "$OUT/convlstm.yaml"
/usr/bin/time -v "$ROOT/t2i" train "$OUT/convlstm.yaml" > "$OUT/convlstm-train.log" 2> "$OUT/convlstm-time.txt"
rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/convlstm-time.txt")
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$OUT/convlstm-time.txt")
echo "t2i train on Oxford-102 ($STEPS steps, data loading and start-up included): peak RSS $((rss_kb / 1024)) MB (limit 3,072 MB), wall $wall"
build_bench
java_bench TrainStepBench convlstm 16 10 2 | tee "$OUT/convlstm-step.txt"
