#!/bin/sh
# Builds rnn.wasm from the C sources beside this script, reproducibly: the
# same clang gives the same bytes (no paths, no debug info, no producers).
set -eu
cd "$(dirname "$0")"
clang --target=wasm32 -nostdlib -O3 -msimd128 -mbulk-memory -fno-exceptions -g0 \
  -ffile-prefix-map="$PWD"=. \
  -Wl,--no-entry -Wl,--strip-all -Wl,-z,stack-size=65536 -Wl,--export=__heap_base \
  -o "${1:-rnn.wasm}" gemm.c common.c lstm.c gru.c simple.c adam.c norm.c mdn.c head.c
