#!/bin/sh
# Fetches the real-document corpora the benchmark reads (Debian packages, unpacked only, never
# installed) into $QUIRE_CORPUS_DIR, default <repo>/.corpora (git-ignored: never commit corpora).
#   modules/bench/fetch-corpora.sh                 # python3.11-doc and postgresql-doc-15
#   modules/bench/fetch-corpora.sh debian-faq      # any other package from shared/corpora.md
# Layout: $QUIRE_CORPUS_DIR/<package>/usr/share/doc/... (the same the parser corpus tests use).
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
dest=${QUIRE_CORPUS_DIR:-$repo/.corpora}
[ $# -gt 0 ] || set -- python3.11-doc postgresql-doc-15
mkdir -p "$dest/debs"
# apt-get update needs root; a non-root user relies on the lists already present
if [ "$(id -u)" = 0 ]; then apt-get update -qq; fi
for pkg in "$@"; do
  if [ -d "$dest/$pkg/usr" ]; then
    echo "$pkg: already in $dest/$pkg"
    continue
  fi
  (cd "$dest/debs" && apt-get download -qq "$pkg")
  deb=$(ls -t "$dest/debs/${pkg}"_*.deb | head -n 1)
  rm -rf "$dest/$pkg.tmp" && mkdir -p "$dest/$pkg.tmp"
  dpkg -x "$deb" "$dest/$pkg.tmp"
  mv "$dest/$pkg.tmp" "$dest/$pkg"
  echo "$pkg: unpacked $(find "$dest/$pkg" -name '*.html' | wc -l) HTML files into $dest/$pkg"
done
