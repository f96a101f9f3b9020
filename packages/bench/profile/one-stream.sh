#!/usr/bin/env bash
# Profiles one stream of small JSON events on Bun or Deno, for ssekit and the hand-written limits:
# the server of the socket-stream part (src/server.ts) runs under the runtime's profiler (Bun:
# --cpu-prof; Deno: its inspector, driven by inspector-profile.ts) while curl reads 3 streams of
# 1 000 000 events; then summary.ts prints busy CPU per event and self time by kind of code.
#   pnpm --filter @ssekit/bench profile:one-stream bun|deno   (pnpm puts Node 22 on the PATH)
set -euo pipefail
runtime=$1
out=$(mktemp -d)
node=$(node -e 'console.log(process.execPath)')
binary=$($node -e "const p=require('node:path');const d=p.dirname(require.resolve('$runtime/package.json'));console.log(p.join(d,'$runtime'==='bun'?'bin/bun.exe':'deno'))")
port=18401
for pair in hono:ssekit hono:ssekit-ready hand:hand-await hand:hand; do
  kind=${pair%%:*} route=${pair#*:} dir=$out/$route
  mkdir -p "$dir"
  if [ "$runtime" = bun ]; then
    flags=(run --cpu-prof --cpu-prof-interval=250 "--cpu-prof-dir=$dir")
  else
    flags=(run --allow-all --inspect=127.0.0.1:19229)
  fi
  # Its own process group, killed by its PID: SIGTERM exits cleanly, which writes Bun's profile.
  SERVER_KIND=stream:$kind PORT=$port setsid "$binary" "${flags[@]}" src/server.ts >"$dir/log" 2>&1 &
  pid=$!
  trap 'kill -TERM -- "-$pid" 2>/dev/null || true' EXIT
  until curl -sf "http://127.0.0.1:$port/ready" >/dev/null; do sleep 0.25; done
  if [ "$runtime" = bun ]; then
    curl -s -o /dev/null "http://127.0.0.1:$port/$route?kind=small-json&n=1000"
    for _ in 1 2 3; do curl -s -o /dev/null "http://127.0.0.1:$port/$route?kind=small-json&n=1000000"; done
  else
    $node profile/inspector-profile.ts 19229 "http://127.0.0.1:$port/$route?kind=small-json" "$dir"
  fi
  kill -TERM -- "-$pid"
  wait "$pid" || true
done
$node profile/summary.ts 3000000 "$out"/*
rm -rf "$out"
