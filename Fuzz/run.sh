#!/usr/bin/env bash
# Coverage-guided fuzzing of the scenario loader (TOML reader, expressions, model checks) with
# libFuzzer. Builds .build/fuzz/loader-fuzzer from the sources (SwiftPM's own build is untouched),
# seeds it with scenarios/ and the shipped scenarios, and passes its arguments to libFuzzer:
#   Fuzz/run.sh -runs=1000000        # a million inputs
#   Fuzz/run.sh -max_total_time=600  # ten minutes
# Crashers land in Fuzz/crashers/; each one found belongs in Tests/ScenarioTests/FuzzCrasherTests.swift.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=.build/fuzz
mkdir -p "$out/corpus" Fuzz/crashers
[ -d .build/checkouts/CSV.swift ] || swift package resolve >/dev/null
flags=(-O -parse-as-library -enable-testing -swift-version 6 -module-cache-path "$out/modules")

if [ ! -x "$out/loader-fuzzer" ] || [ -n "$(find Sources/Scenario Sources/Autograd Fuzz -newer "$out/loader-fuzzer" -name '*.swift' | head -1)" ]; then
  echo "building $out/loader-fuzzer…" >&2
  # CSV.swift and the engine are not what we fuzz: no coverage instrumentation for them.
  swiftc "${flags[@]}" -module-name CSV -emit-module -emit-module-path "$out/CSV.swiftmodule" \
    -emit-library -static -o "$out/libCSV.a" .build/checkouts/CSV.swift/Sources/CSV/*.swift
  swiftc "${flags[@]}" -module-name Autograd -emit-module -emit-module-path "$out/Autograd.swiftmodule" \
    -emit-library -static -o "$out/libAutograd.a" $(find Sources/Autograd -name '*.swift')
  swiftc "${flags[@]}" -sanitize=fuzzer -I "$out" -module-name Scenario -emit-module -emit-module-path "$out/Scenario.swiftmodule" \
    -emit-library -static -o "$out/libScenario.a" $(find Sources/Scenario -name '*.swift') Fuzz/BundleModule.swift
  swiftc -O -parse-as-library -sanitize=fuzzer -I "$out" -L "$out" -lScenario -lAutograd -lCSV -o "$out/loader-fuzzer" Fuzz/LoaderFuzzer.swift
fi

seeds=(scenarios Sources/Scenario/Builtin)
exec "$out/loader-fuzzer" -dict=Fuzz/toml.dict -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix=Fuzz/crashers/ "$out/corpus" "${seeds[@]}" "$@"
