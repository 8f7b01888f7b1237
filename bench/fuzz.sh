#!/usr/bin/env bash
# Fuzzing: runs each Jazzer fuzz test in fuzzing mode (JAZZER_FUZZ=1) for the budget of its
# @FuzzTest annotation (30 s), and reports executions, coverage and findings. Findings are written
# by Jazzer as crash-* files into the test's Inputs directory, where the regression pass that CI
# runs (plain mvn test) replays them from then on. The corpus each run grows (libFuzzer keeps only
# inputs that reach new coverage, in the module's git-ignored .cifuzz-corpus/) is copied into the
# same Inputs directories, so that CI replays it too: commit what changed there.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
mvn -B -q -DskipTests ${T2I_MAVEN_ARGS:-} install >/dev/null
targets=(
  "t2i-encoders dev.t2i.encoders.vectors.WordVectorFuzzTest#readersFailOnlyWithLocatedErrors"
  "t2i-encoders dev.t2i.encoders.vectors.WordVectorFuzzTest#tokenizerYieldsCleanTokens"
  "t2i-datasets dev.t2i.datasets.io.ParserFuzzTest#captionFilesAreReadOrSkipped"
  "t2i-datasets dev.t2i.datasets.io.ParserFuzzTest#flickrFilesParseOrCountTheirBadRows"
  "t2i-datasets dev.t2i.datasets.io.ParserFuzzTest#oxfordIndexFilesFailCleanly"
  "t2i-runtime dev.t2i.runtime.ConfigFuzzTest#anyTextReadsOrFailsWithALocatedError"
)
total=0
for t in "${targets[@]}"; do
  module=${t%% *}; test=${t#* }
  log="$OUT/fuzz-${test##*#}.log"
  JAZZER_FUZZ=1 mvn -B ${T2I_MAVEN_ARGS:-} -pl "$module" test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1 && status=ok || status=FINDING
  done_line=$(grep -E '#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true)
  execs=$(echo "$done_line" | sed -E 's/^#([0-9]+).*/\1/')
  execs=${execs:-0}
  total=$((total + execs))
  echo "$test: $status, ${execs} executions (${done_line:-no DONE line; see $log})"
  class=${test%%#*}; method=${test##*#}
  corpus="$ROOT/$module/.cifuzz-corpus/$class/$method"
  inputs="$ROOT/$module/src/test/resources/$(dirname "${class//.//}")/${class##*.}Inputs/$method"
  if [ -d "$corpus" ]; then
    mkdir -p "$inputs" && cp -n "$corpus"/* "$inputs"/ 2>/dev/null || true
  fi
done
echo "total executions: $total"
