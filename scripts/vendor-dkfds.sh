#!/usr/bin/env bash
# Vendor the Danish design system (DKFDS, npm package "dkfds") into static/dkfds/.
#
#   scripts/vendor-dkfds.sh 11.2.0
#
# Copies the compiled CSS and JS, exactly the fonts and icons the CSS refers to (so the
# relative url(...) paths keep working and collectstatic's manifest finds every file),
# the sprite all-svg-icons.svg for <use href="…#icon"> in templates, and the licence.
# The source-map comments are removed: the maps are not shipped, and a dangling
# reference would make ManifestStaticFilesStorage fail. Nothing is ever loaded from a CDN.
set -euo pipefail

version="${1:?usage: $0 VERSION (e.g. 11.2.0)}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/static/dkfds"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "dkfds@$version" >/dev/null && tar xzf dkfds-*.tgz)
dist="$work/package/dist"
test -f "$dist/css/dkfds.min.css" || { echo "dkfds@$version has no dist/css/dkfds.min.css" >&2; exit 1; }

rm -rf "$dest"
mkdir -p "$dest/css" "$dest/js" "$dest/img"

# Drop the trailing source-map comments (the .map files are not vendored).
sed -e 's|/\*# sourceMappingURL=[^*]*\*/||' "$dist/css/dkfds.min.css" >"$dest/css/dkfds.min.css"
# DKFDS lists the regular face as EOT, WOFF, WOFF2, TTF: a browser takes the first it can
# read, so it fetched WOFF (22 KB more than WOFF2). Put WOFF2 first in every @font-face and
# drop EOT and TTF, which only Internet Explorer and old Android needed; the copy below then
# leaves their files out. tests/portal/test_static.py checks the result.
python3 - "$dest/css/dkfds.min.css" <<'PY'
import re
import sys

path = sys.argv[1]


def woff2_first(src: re.Match) -> str:
    sources = re.findall(r"url\([^)]*\)(?:\s*format\([^)]*\))?|local\([^)]*\)", src[1])
    if not any(source.startswith("url(") for source in sources):
        return src[0]  # local() only: nothing to download
    rank = {".woff2": 0, ".woff": 1}
    kept = [s for s in sources if re.search(r"\.woff2?\b", s)]
    kept.sort(key=lambda s: rank[re.search(r"\.woff2?\b", s)[0]])
    return "src:" + ",".join(kept)


with open(path, encoding="utf-8") as file:
    css = file.read()
css = re.sub(
    r"@font-face\{[^}]*\}", lambda face: re.sub(r"src:([^;}]*)", woff2_first, face[0]), css
)
with open(path, "w", encoding="utf-8") as file:
    file.write(css)
PY
sed -e 's|^//# sourceMappingURL=.*$||' "$dist/js/dkfds.min.js" >"$dest/js/dkfds.min.js"

# Every file the CSS points at with url(../…), relative to css/: fonts and icons.
grep -o 'url([^)]*)' "$dest/css/dkfds.min.css" \
  | sed -e 's/^url(//' -e 's/)$//' -e "s/^[\"']//" -e "s/[\"']$//" \
  | grep '^\.\./' | sed -e 's|^\.\./||' -e 's/[?#].*$//' | sort -u \
  | while read -r file; do
      mkdir -p "$dest/$(dirname "$file")"
      cp "$dist/$file" "$dest/$file"
    done

cp "$dist/img/all-svg-icons.svg" "$dest/img/"
cp "$dist/LICENSE.md" "$dest/LICENSE.md"
# The font licence (SIL OFL 1.1) travels with the fonts.
for dir in "$dest"/fonts/IBMPlexSans/complete/*/; do
  cp "$dist/fonts/IBMPlexSans/complete/$(basename "$dir")/license.txt" "$dir" 2>/dev/null || true
done
echo "$version" >"$dest/VERSION"

echo "DKFDS $version vendored into static/dkfds/ ($(du -sh "$dest" | cut -f1))"
