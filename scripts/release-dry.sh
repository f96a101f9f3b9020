#!/usr/bin/env bash
# The whole release but the upload, on a fresh clone of what is committed: apply the pending
# changesets (versions and CHANGELOG.md), build, then `pnpm publish --dry-run` every public
# package and `deno publish --dry-run` the JSR one. Nothing leaves this machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

git clone --quiet "$root" "$work/repo"
cd "$work/repo"
pnpm install --frozen-lockfile --prefer-offline --reporter=silent
pnpm run version-packages
echo "--- versions and changelogs"
git --no-pager diff --stat
pnpm build --output-logs=errors-only
echo "--- npm (dry run)"
pnpm --recursive --filter './packages/*' publish --dry-run --no-git-checks
echo "--- JSR (dry run)"
(cd packages/core && pnpm exec deno publish --dry-run --allow-dirty)
echo "release:dry: every step but the upload passed"
