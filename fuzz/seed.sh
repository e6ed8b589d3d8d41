#!/bin/sh
# Seeds corpus/<target>/ with the test fixtures of each vendor, prefixed by the two bytes a
# fuzz input starts with (content type 1 = application/json, model 0).
set -eu
cd "$(dirname "$0")"
for vendor in paytree citypay payjpv2 hyperswitch; do
    mkdir -p "corpus/decode_$vendor"
    for fixture in ../tests/fixtures/"$vendor"/*.json; do
        { printf '\001\000'; cat "$fixture"; } >"corpus/decode_$vendor/$(basename "$fixture")"
    done
done
echo "seeded: $(ls corpus/*/ | grep -c json) inputs"
