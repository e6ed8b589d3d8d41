#!/usr/bin/env bash
# Instructions per request, SDK against raw reqwest, counted by callgrind: unlike wall time, the
# count does not move with what else the machine runs. Client and server threads are counted
# together, so both sides pay for the same server.
#
#   crates/bench/instructions.sh            # GET and POST
#
# Each side runs the example `request_loop` with 100 and with 1100 requests; the difference
# over 1000 is the cost of one request, start-up and warm-up left out. Needs valgrind.
set -euo pipefail
cd "$(dirname "$0")/../.."

command -v valgrind >/dev/null || { echo "instructions.sh needs valgrind" >&2; exit 1; }
cargo build --quiet --release -p payintent-bench --example request_loop
program=target/release/examples/request_loop
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Instructions of `$program $1 $2`.
count() {
    valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" "$program" "$1" "$2" 2>&1 \
        | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

# Instructions of one request of client `$1`.
per_request() {
    local few many
    few=$(count "$1" 100)
    many=$(count "$1" 1100)
    echo $(( (many - few) / 1000 ))
}

printf '%-6s | %14s | %14s | %s\n' request "SDK instr/req" "raw instr/req" "raw / SDK (like requests/s)"
for pair in "GET:sdk:raw" "POST:sdk-post:raw-post"; do
    IFS=: read -r name sdk raw <<<"$pair"
    sdk_count=$(per_request "$sdk")
    raw_count=$(per_request "$raw")
    printf '%-6s | %14d | %14d | %.3f\n' "$name" "$sdk_count" "$raw_count" "$(echo "$raw_count / $sdk_count" | bc -l)"
done
