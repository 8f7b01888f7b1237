# Shared by the bench scripts: build the benchmark jars, install peers, run Java benches.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
SHARED="${T2I_SHARED:-$ROOT/../shared}"
OUT="$BENCH_DIR/out"
mkdir -p "$OUT"
export TF_CPP_MIN_LOG_LEVEL=3

build_bench() {
  if [ ! -f "$ROOT/t2i-bench/target/t2i-bench-0.1.0-SNAPSHOT.jar" ] || [ -n "$(find "$ROOT" -name '*.java' -newer "$ROOT/t2i-bench/target/t2i-bench-0.1.0-SNAPSHOT.jar" -not -path '*/target/*' -print -quit)" ]; then
    echo "building t2i-bench..." >&2
    (cd "$ROOT" && mvn -B -q -DskipTests ${T2I_MAVEN_ARGS:-} -pl t2i-bench -am package) >&2
  fi
}

# build_djl: builds the DJL-PyTorch peer (bench/djl, outside the reactor) when it is missing or older than its source.
build_djl() {
  local jar="$BENCH_DIR/djl/target/t2i-bench-djl-0.1.0-SNAPSHOT.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$BENCH_DIR/djl/src" "$BENCH_DIR/djl/pom.xml" -newer "$jar" -print -quit)" ]; then
    echo "building the DJL peer..." >&2
    (cd "$BENCH_DIR/djl" && mvn -B -q ${T2I_MAVEN_ARGS:-} package) >&2
  fi
}

# java_bench CLASS ARGS...: runs a benchmark program of t2i-bench.
java_bench() {
  local cls="$1"; shift
  java -Xmx${T2I_BENCH_HEAP:-8g} --add-modules jdk.incubator.vector -cp "$ROOT/t2i-bench/target/t2i-bench-0.1.0-SNAPSHOT.jar:$ROOT/t2i-bench/target/lib/*" \
    "dev.t2i.bench.$cls" "$@" 2> >(grep -v -e 'incubat' -e '^\[' -e 'absl::InitializeLog' -e 'mlir_graph_optimization' >&2)
}

# need_deb PACKAGE [PYTHON_MODULE]: installs a Debian package if it is missing.
need_deb() {
  local pkg="$1" mod="${2:-}"
  if [ -n "$mod" ]; then
    /usr/bin/python3 -c "import $mod" 2>/dev/null && return 0
  elif dpkg -s "$pkg" >/dev/null 2>&1; then
    return 0
  fi
  echo "installing $pkg..." >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg") >/dev/null
}

# Peers run with OpenBLAS's core-type override unset: it forces an older kernel on this processor.
peer_python() {
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 "$@"
}

# value KEY FILE: the value of "KEY = VALUE" in FILE.
value() {
  grep -E "^$1 = " "$2" | tail -n 1 | sed -E "s/^$1 = ([^ ]+).*/\1/"
}

median() {
  python3 -c 'import sys,statistics; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"
}
