#!/bin/sh
# Packs the locally installed node and npm into the layout of a nodejs.org release archive, so that
# frontend-maven-plugin can "download" it from a file:// root on machines that cannot reach nodejs.org.
# Usage: pack-local-node.sh <version the build asks for, e.g. v20.20.2> <download root directory>
set -eu

version="$1"
root="$2"
node_bin="$(command -v node)"
npm_dir="$(dirname "$(dirname "$node_bin")")/lib/node_modules/npm"

case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) arch="$(uname -m)" ;;
esac
name="node-$version-linux-$arch"
archive="$root/$version/$name.tar.gz"

if [ -f "$archive" ]; then
  exit 0
fi

local_version="$("$node_bin" --version)"
if [ "$local_version" != "$version" ]; then
  echo "[WARNING] the build asks for node $version but $node_bin is $local_version; packing it under the requested name" >&2
fi
if [ ! -f "$npm_dir/package.json" ]; then
  echo "[ERROR] npm not found at $npm_dir" >&2
  exit 1
fi

stage="$root/stage"
rm -rf "$stage"
mkdir -p "$stage/$name/bin" "$stage/$name/lib/node_modules" "$root/$version"
cp "$node_bin" "$stage/$name/bin/node"
cp -R "$npm_dir" "$stage/$name/lib/node_modules/npm"
tar -C "$stage" -cf - "$name" | gzip -1 > "$archive.tmp"
mv "$archive.tmp" "$archive"
rm -rf "$stage"
echo "Packed $node_bin ($local_version) and npm as $archive"
