#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer, three targets:
#   loader  scenario files: the TOML reader, expressions, model checks (seeded with the shipped scenarios)
#   csv     CSV data files: the reader, and the columns a scenario builds from them
#   screen  streams of keys, clicks, ticks and resizes through the screen's update, invariants after each
# Usage: Fuzz/run.sh TARGET [libFuzzer flags…]      e.g.  Fuzz/run.sh csv -max_total_time=600
#        Fuzz/run.sh all SECONDS                    each target for SECONDS (what .ci/run does)
# SwiftPM builds our modules with coverage (-sanitize=fuzzer) in .build/fuzz, so the module graph is
# Package.swift's own and nothing here lists a module; each fuzzer is linked from those objects, its
# Fuzz/*Fuzzer.swift and the checks it shares with the tests (FuzzChecks, ScreenStream).
# A crasher lands in Fuzz/crashers/; copy it into Fuzz/regressions/TARGET/ and FuzzCrasherTests
# (ScreenFuzzCrasherTests for screen) checks it on every `swift test`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
target=${1:-loader}
[ $# -gt 0 ] && shift
build=.build/fuzz
bin=$build/debug

if [ "$target" = all ]; then
  seconds=${1:-20}
  mkdir -p "$build"
  for t in loader csv screen; do
    echo "fuzzing $t for ${seconds}s…" >&2
    if ! "$0" "$t" -max_total_time="$seconds" >"$build/$t.log" 2>&1; then
      tail -60 "$build/$t.log" >&2
      echo "Fuzz/run.sh: the $t fuzzer found a crasher (in Fuzz/crashers/); fix it and copy it into Fuzz/regressions/$t/" >&2
      exit 1
    fi
    grep -E "^(Done|#[0-9]+ +DONE)" "$build/$t.log" | tail -1 >&2
  done
  exit 0
fi

case "$target" in
  loader) source=Fuzz/LoaderFuzzer.swift; shared=(Tests/ScenarioTests/FuzzChecks.swift); seeds=(scenarios Fuzz/regressions/loader); dict=(-dict=Fuzz/toml.dict) ;;
  csv)    source=Fuzz/CSVFuzzer.swift; shared=(Tests/ScenarioTests/FuzzChecks.swift); seeds=(Fuzz/regressions/csv); dict=(-dict=Fuzz/csv.dict) ;;
  screen) source=Fuzz/ScreenFuzzer.swift; shared=(Tests/ScreenTests/ScreenStream.swift); seeds=(Fuzz/regressions/screen); dict=() ;;
  *) echo "usage: Fuzz/run.sh loader|csv|screen|all [libFuzzer flags…]" >&2; exit 64 ;;
esac
fuzzer=$build/$target-fuzzer
mkdir -p "$build/corpus-$target" Fuzz/crashers "${seeds[@]}"

echo "building $fuzzer…" >&2
# Our modules only (the executable and the tests are not built): Screen needs all the others.
# The coverage instrumentation goes to the compiler only (-Xfrontend): with -sanitize=fuzzer the
# driver would also link libFuzzer's main into the build-tool plugin's executable (EmbedFilesTool),
# which then fails to link; executables built here get the coverage hooks from fuzzer_no_main.
no_main=$(find "$(dirname "$(dirname "$(command -v swiftc)")")/lib/clang" -name 'libclang_rt.fuzzer_no_main-*.a' | head -1)
swift build --build-path "$build" --target Screen -Xswiftc -Xfrontend -Xswiftc -sanitize=fuzzer \
  ${no_main:+-Xlinker "$no_main" -Xlinker -lstdc++} 2>&1 | grep -E "error|warning: unre" >&2 || true
bin=$(cd "$bin" && pwd -P)  # debug is a link; find looks inside the folder it names
objects=$(find "$bin" -path "$bin/*.build/*.o" | grep -v -e '/backprop.build/' -e 'Tests.build/' -e '/TestSupport.build/' -e '/EmbedFilesTool')
maps=()
for map in "$bin"/*.build/module.modulemap; do [ -e "$map" ] && maps+=(-Xcc "-fmodule-map-file=$map"); done
if [ ! -x "$fuzzer" ] || [ -n "$(find "$bin" Fuzz "${shared[@]}" -newer "$fuzzer" \( -name '*.o' -o -name '*.swift' \) | head -1)" ]; then
  swiftc -g -parse-as-library -sanitize=fuzzer -swift-version 6 -enable-testing -I "$bin/Modules" "${maps[@]}" \
    -module-name "${target}fuzz" -o "$fuzzer" "$source" "${shared[@]}" $objects
fi

exec "$fuzzer" "${dict[@]}" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix=Fuzz/crashers/"$target"- "$build/corpus-$target" "${seeds[@]}" "$@"
