#!/usr/bin/env bash
# How long a vendor crate takes to compile on its own, its dependencies already built: what a
# user waits for after `cargo add`, and what a change to the generator costs the crate.
#
#   crates/bench/build-times.sh [crate…] [--compare <path/to/Cargo.toml> <package>]
#
# For each crate (default: the four vendor crates) it builds the dependencies, then three times
# (BUILD_TIMES_RUNS) removes the crate's own artifacts (`cargo clean -p <crate>`, nothing else)
# and times `CARGO_INCREMENTAL=0 cargo build -p <crate>`; the median is reported, for the debug
# and the release profile. `--compare` times another package the same way, in its own workspace,
# and adds the ratio ours/theirs (below 1.00: ours builds faster).
#
# Dependents of a measured crate (tests, examples) recompile on their next build.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${BUILD_TIMES_RUNS:-3}"
crates=()
compare_manifest=""
compare_package=""

while (($#)); do
  case "$1" in
    --compare)
      (($# >= 3)) || { echo "--compare needs <path/to/Cargo.toml> <package>" >&2; exit 2; }
      compare_manifest="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
      compare_package="$3"
      shift 3
      ;;
    -h | --help)
      sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      crates+=("$1")
      shift
      ;;
  esac
done
((${#crates[@]})) || crates=(citypay hyperswitch payjpv2 paytree)

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# A failure is reported on fd 3, the script's stderr, even from inside a timed command.
exec 3>&2

# cargo <manifest> <package> <profile> <args…>: one cargo command, its output kept for a failure.
run_cargo() {
  local manifest="$1" package="$2" profile="$3"
  shift 3
  local release=()
  [[ "$profile" == release ]] && release=(--release)
  if ! "$@" --manifest-path "$manifest" -p "$package" "${release[@]}" >"$log" 2>&1; then
    echo "failed: $* --manifest-path $manifest -p $package ${release[*]}" >&3
    cat "$log" >&3
    exit 1
  fi
}

# The median, in seconds, of `runs` clean builds of <package> in <profile>.
median_build() {
  local manifest="$1" package="$2" profile="$3" times=() TIMEFORMAT=%R elapsed
  run_cargo "$manifest" "$package" "$profile" cargo build --quiet
  for ((run = 0; run < runs; run++)); do
    run_cargo "$manifest" "$package" "$profile" cargo clean --quiet
    elapsed="$({ time run_cargo "$manifest" "$package" "$profile" env CARGO_INCREMENTAL=0 cargo build --quiet; } 2>&1)"
    times+=("$elapsed")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

# seconds[<label>/<profile>]; the compared package is labelled `theirs:<package>`.
declare -A seconds
measure() {
  local label="$1" manifest="$2" package="$3"
  for profile in debug release; do
    echo "timing $label ($profile, $runs runs)…" >&2
    seconds["$label/$profile"]="$(median_build "$manifest" "$package" "$profile")"
  done
}

for crate in "${crates[@]}"; do
  measure "$crate" "$root/Cargo.toml" "$crate"
done
theirs="theirs:$compare_package"
[[ -z "$compare_package" ]] || measure "$theirs" "$compare_manifest" "$compare_package"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

echo
echo "clean build of the crate alone, dependencies built, median of $runs (seconds)"
header="$(printf '%-20s | %8s | %8s' crate debug release)"
[[ -z "$compare_package" ]] || header+="$(printf ' | %14s | %16s' "debug / theirs" "release / theirs")"
echo "$header"
echo "${header//[^|]/-}"
rows=("${crates[@]}")
[[ -z "$compare_package" ]] || rows+=("$theirs")
for crate in "${rows[@]}"; do
  debug="${seconds[$crate/debug]}" release="${seconds[$crate/release]}"
  line="$(printf '%-20s | %8s | %8s' "$crate" "$debug" "$release")"
  if [[ -n "$compare_package" ]]; then
    line+="$(printf ' | %14s | %16s' "$(ratio "$debug" "${seconds[$theirs/debug]}")" \
      "$(ratio "$release" "${seconds[$theirs/release]}")")"
  fi
  echo "$line"
done
