#!/usr/bin/env bash
# Vendor offline front-end assets for the Diplomap web UI (no CDN at run time).
#
# Downloads pinned npm tarballs with `npm pack` into a temporary directory,
# checks their integrity against the pinned sha512, copies exactly the files the
# templates need into web/static/vendor/<package>/ (stable, version-less paths),
# strips `sourceMappingURL` comments (the .map files are not vendored), and
# regenerates web/static/vendor/VENDORED.md.
#
# Usage:
#   tools/vendor-assets.sh                 # (re)vendor the pinned versions
#   tools/vendor-assets.sh --check-latest  # only compare pins with `npm view NAME version`
#
# To upgrade: run --check-latest, edit the PINS table below (version and the
# integrity from `npm view NAME@VERSION dist.integrity`), re-run, review the diff.
set -euo pipefail

# name            version   integrity (dist.integrity from the npm registry)
PINS=(
  "vis-network     10.1.5    sha512-civ5BjoMdAEwRb/PZMmBZ3sD+NPymIWfkIeaoBDqQZKJ1YDq20X6vTB8u+UstwdWT9ftxRaSEflKFOUTw43I0w=="
  "leaflet         1.9.4     sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA=="
  "world-atlas     2.0.2     sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
  "topojson-client 3.1.0     sha512-605uxS6bcYxGXw9qi62XyrV6Q3xwbndjachmNxu8HWTtVPxZfEJN9fd/SZS1Q54Sn2y0TMyMxFj/cJINqGHrKw=="
)

# Files to copy, per package: "source path inside the tarball[:destination path]".
# Directories end in "/" and are copied recursively.
files_for() {
  case "$1" in
    # Standalone UMD build: bundles its dependencies and injects its own CSS
    # (icons are data: URIs), so no separate stylesheet is needed.
    vis-network)     echo "standalone/umd/vis-network.min.js:vis-network.min.js" ;;
    # leaflet.css refers to images/*.png relatively, and L.Icon.Default derives
    # its image path from the CSS, so images/ must sit next to leaflet.css.
    leaflet)         echo "dist/leaflet.js:leaflet.js dist/leaflet.css:leaflet.css dist/images/:images/" ;;
    # 110m (~105 KiB) and 50m (~740 KiB) only; 10m is ~3.5 MiB.
    world-atlas)     echo "countries-110m.json countries-50m.json" ;;
    topojson-client) echo "dist/topojson-client.min.js:topojson-client.min.js" ;;
    *) echo "unknown package $1" >&2; return 1 ;;
  esac
}

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR_DIR="$REPO_ROOT/web/static/vendor"
NPM=(npm --loglevel=error --no-fund --no-audit)

if [[ "${1:-}" == "--check-latest" ]]; then
  status=0
  for pin in "${PINS[@]}"; do
    read -r name version _ <<<"$pin"
    latest="$("${NPM[@]}" view "$name" version 2>/dev/null)"
    if [[ "$latest" == "$version" ]]; then
      printf '%-16s %-8s up to date\n' "$name" "$version"
    else
      printf '%-16s %-8s latest is %s\n' "$name" "$version" "$latest"; status=1
    fi
  done
  exit $status
elif [[ $# -gt 0 ]]; then
  sed -n '2,15p' "$0" >&2; exit 2
fi

command -v npm >/dev/null || { echo "npm is required" >&2; exit 1; }
command -v node >/dev/null || { echo "node is required" >&2; exit 1; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/diplomap-vendor.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

# Remove "//# sourceMappingURL=..." / "/*# sourceMappingURL=... */" lines.
strip_sourcemap() {
  sed -i -E '/^[[:space:]]*(\/\/|\/\*)[#@][[:space:]]*sourceMappingURL=/d' "$1"
  if grep -q 'sourceMappingURL=' "$1"; then
    echo "error: $1 still mentions sourceMappingURL after stripping" >&2; exit 1
  fi
}

mkdir -p "$VENDOR_DIR"
ROWS=""
FILELIST=""
URLS=""

for pin in "${PINS[@]}"; do
  read -r name version integrity <<<"$pin"
  echo ">> $name@$version"

  pack_json="$(cd "$TMP" && "${NPM[@]}" pack "$name@$version" --json)"
  tgz="$TMP/$(node -e 'const j=JSON.parse(process.argv[1]);process.stdout.write(j[0].filename)' "$pack_json")"
  got="$(node -e 'const j=JSON.parse(process.argv[1]);process.stdout.write(j[0].integrity)' "$pack_json")"
  if [[ "$got" != "$integrity" ]]; then
    echo "error: integrity mismatch for $name@$version: got $got, pinned $integrity" >&2; exit 1
  fi

  src="$TMP/$name"; mkdir -p "$src"
  tar -xzf "$tgz" -C "$src" --strip-components=1

  pkg_version="$(node -p "require('$src/package.json').version")"
  [[ "$pkg_version" == "$version" ]] || { echo "error: $name tarball has version $pkg_version" >&2; exit 1; }
  license="$(node -p "const p=require('$src/package.json'); p.license || (p.licenses||[]).map(l=>l.type).join(' OR ') || 'UNKNOWN'")"

  dest="$VENDOR_DIR/$name"
  rm -rf "$dest"; mkdir -p "$dest"

  copied=()
  for spec in $(files_for "$name"); do
    from="${spec%%:*}"; to="${spec#*:}"; [[ "$spec" == *:* ]] || to="$(basename "$from")"
    if [[ "$from" == */ ]]; then
      [[ -d "$src/$from" ]] || { echo "error: $name: missing $from" >&2; exit 1; }
      mkdir -p "$dest/$to"; cp -R "$src/$from." "$dest/$to"
      copied+=("$to")
    else
      [[ -f "$src/$from" ]] || { echo "error: $name: missing $from" >&2; exit 1; }
      mkdir -p "$(dirname "$dest/$to")"; cp "$src/$from" "$dest/$to"
      case "$to" in *.js|*.css) strip_sourcemap "$dest/$to" ;; esac
      copied+=("$to")
    fi
  done

  # Licence texts: LICENSE, LICENSE-MIT, LICENSE-APACHE-2.0, LICENCE.md, ...
  lic_files=()
  shopt -s nullglob nocaseglob
  for lf in "$src"/LICEN[CS]E*; do cp "$lf" "$dest/"; lic_files+=("$(basename "$lf")"); done
  shopt -u nullglob nocaseglob
  [[ ${#lic_files[@]} -gt 0 ]] || { echo "error: $name has no LICENSE file" >&2; exit 1; }

  ROWS+="| \`$name\` | $version | $(printf '`%s` ' "${copied[@]}")| $license ($(printf '`%s` ' "${lic_files[@]}" | sed 's/ $//')) |"$'\n'

  while IFS= read -r f; do
    rel="${f#"$VENDOR_DIR/"}"
    FILELIST+="| \`$rel\` | $(stat -c %s "$f") | \`$(sha256sum "$f" | cut -c1-16)…\` |"$'\n'
  done < <(find "$dest" -type f | LC_ALL=C sort)

  # URL audit of the shipped code (JS/CSS only; JSON data and licence texts skipped).
  while IFS= read -r f; do
    rel="${f#"$VENDOR_DIR/"}"
    urls="$(grep -oE 'https?://[A-Za-z0-9.-]+[A-Za-z0-9/._~%?=&#-]*' "$f" | LC_ALL=C sort -u || true)"
    [[ -n "$urls" ]] || urls="(none)"
    URLS+="- \`$rel\`: $(echo "$urls" | sed 's/.*/`&`/' | paste -sd ' ' | sed 's/` `/`, `/g')"$'\n'
  done < <(find "$dest" -type f \( -name '*.js' -o -name '*.css' \) | LC_ALL=C sort)
done

TOTAL="$(du -sb "$VENDOR_DIR" --exclude=VENDORED.md | cut -f1)"

cat >"$VENDOR_DIR/VENDORED.md" <<EOF
# Vendored front-end assets

Generated by \`tools/vendor-assets.sh\` — do not edit by hand; edit the pins in
the script and re-run it. These files let every page work offline (no CDN).

| Package | Version | Files (under \`web/static/vendor/<package>/\`) | Licence (package.json; licence files copied) |
|---|---|---|---|
${ROWS}
Refresh / upgrade:

\`\`\`sh
tools/vendor-assets.sh --check-latest   # compare pins with the npm registry
# edit PINS in tools/vendor-assets.sh (version + \`npm view NAME@VER dist.integrity\`)
tools/vendor-assets.sh                  # npm pack -> verify sha512 -> copy -> regenerate this file
\`\`\`

Template usage (stable paths, no version in the URL):

\`\`\`html
<link rel="stylesheet" href="{{ url_for('static', filename='vendor/leaflet/leaflet.css') }}">
<script src="{{ url_for('static', filename='vendor/leaflet/leaflet.js') }}"></script>
<script src="{{ url_for('static', filename='vendor/vis-network/vis-network.min.js') }}"></script>
<script src="{{ url_for('static', filename='vendor/topojson-client/topojson-client.min.js') }}"></script>
<!-- fetch(url_for('static', filename='vendor/world-atlas/countries-110m.json'))
     .then(r => r.json()).then(t => topojson.feature(t, t.objects.countries)) -->
\`\`\`

## Files

Total size: ${TOTAL} bytes (excluding this file).

| File | Bytes | sha256 (prefix) |
|---|---:|---|
${FILELIST}
## Notes and findings

- **Source maps:** \`vis-network.min.js\` and \`leaflet.js\` end with a
  \`//# sourceMappingURL=…\` comment. The \`.map\` files are *not* vendored (they
  are several MB); the script **strips those comment lines** so browser dev tools
  do not request a missing map (404). The script fails if any
  \`sourceMappingURL\` remains. \`leaflet.css\` and \`topojson-client.min.js\` had none.
- **vis-network CSS:** the standalone UMD build injects all of its CSS into a
  \`<style>\` element at load time (every \`.vis-*\` class from
  \`styles/vis-network.min.css\` is present in the bundle, and its 13 icons are
  \`data:\` URIs), so no separate stylesheet is vendored. The standalone build
  also bundles third-party code (e.g. Hammer.js, core-js) whose MIT licence
  notices are kept in the bundle's comments. Global: \`vis\` (\`vis.Network\`,
  \`vis.DataSet\`).
- **Leaflet:** \`leaflet.css\` loads \`images/layers.png\`, \`images/layers-2x.png\`
  and \`images/marker-icon.png\` by relative URL, and \`L.Icon.Default\` detects its
  image path from that CSS, so \`images/\` must stay next to \`leaflet.css\`.
  Leaflet has **no default tile server**: it loads tiles/images only from URLs the
  app passes to \`L.tileLayer\`/\`L.imageOverlay\`. For offline use draw the
  country shapes with \`L.geoJSON\` instead of an online tile layer (e.g. OSM).
  The attribution control's default prefix is a *link* to
  \`https://leafletjs.com\` (rendered as an \`<a href>\`, with an inline SVG flag —
  nothing is fetched); set \`attributionControl\`'s \`prefix\` to \`false\` to hide it.
- **vis-network:** no run-time loads of external URLs. The URLs in the bundle
  are licence/credit comments and core-js metadata strings. Image loading
  (\`new Image\`, \`image.src=\`) only happens for node \`image\`/\`brokenImage\`
  options supplied by the app; an \`iframe.src\` assignment is core-js's
  \`javascript:\` polyfill trick, not a network request.
- **pyvis is not offline-safe:** pyvis 0.3.2's \`template.html\` loads
  vis-network 9.1.2 from cdnjs even with \`cdn_resources="local"\`, and Bootstrap
  5.0.0-beta3 from jsdelivr in every mode. Pages should render the graph with
  the vendored \`vis.Network\` directly (or use \`cdn_resources="in_line"\`, which
  still pulls Bootstrap from a CDN), not serve pyvis-generated HTML as-is.
- **topojson-client:** no run-time network access (only its GitHub URL in the
  banner comment). Global: \`topojson\` (\`topojson.feature\`, \`topojson.mesh\`).
- **world-atlas:** Natural Earth 4.1.0 Admin-0 country boundaries as TopoJSON
  (objects \`countries\` and \`land\`; feature ids are ISO 3166-1 numeric codes,
  property \`name\`; a few disputed areas such as Kosovo, N. Cyprus and Somaliland
  have no \`id\`). The package is ISC-licensed; the underlying Natural Earth data is
  public domain. \`countries-10m.json\` (~3.5 MB) is deliberately not vendored.

### URL literals found in the shipped JS/CSS (automatic audit)

None of these is fetched at run time; see the notes above.

${URLS}
EOF

echo ">> vendored into $VENDOR_DIR ($TOTAL bytes)"
