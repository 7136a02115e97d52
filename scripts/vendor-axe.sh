#!/usr/bin/env bash
# Vendor axe-core (npm package "axe-core") for the browser tests' accessibility checks.
#
#   scripts/vendor-axe.sh 4.11.0
#
# Writes tests/browser/vendor/axe.min.js and tests/browser/vendor/AXE_VERSION.
set -euo pipefail

version="${1:?usage: $0 VERSION (e.g. 4.11.0)}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/tests/browser/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "axe-core@$version" >/dev/null && tar xzf axe-core-*.tgz)
mkdir -p "$dest"
cp "$work/package/axe.min.js" "$dest/axe.min.js"
cp "$work/package/LICENSE" "$dest/AXE_LICENSE" 2>/dev/null || true
echo "$version" >"$dest/AXE_VERSION"

echo "axe-core $version vendored into tests/browser/vendor/"
