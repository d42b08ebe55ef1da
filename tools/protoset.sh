#!/usr/bin/env bash
# Builds a protobuf descriptor set (imports and source info included, so comments survive) from a
# protos root: tools/protoset.sh <protos root> <output .binpb>.
# Uses the protoc of the Grpc.Tools package the solution already restores, so the descriptors are
# those Ctg.Contracts compiles; the well-known types come with it, google/api and google/rpc from
# Google.Api.CommonProtos.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
src="${1:?usage: protoset.sh <protos root> <output .binpb>}"
out="${2:?usage: protoset.sh <protos root> <output .binpb>}"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"

version_of() {
  sed -n "s/.*PackageVersion Include=\"$1\" Version=\"\([^\"]*\)\".*/\1/p" "$root/Directory.Packages.props"
}
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux_x64 ;;
  Linux-aarch64) platform=linux_arm64 ;;
  Darwin-*) platform=macosx_x64 ;;
  *) echo "protoset.sh: no protoc for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac
tools="$packages/grpc.tools/$(version_of Grpc.Tools)"
common="$packages/google.api.commonprotos/$(version_of Google.Api.CommonProtos)/content/protos"
protoc="$tools/tools/$platform/protoc"
if [ ! -x "$protoc" ]; then
  echo "protoset.sh: $protoc not found; run 'make restore' first" >&2
  exit 1
fi

mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
cd "$src"
# Sorted so that the same protos always give the same bytes.
mapfile -t files < <(find ctg -name '*.proto' | LC_ALL=C sort)
"$protoc" --include_imports --include_source_info \
  -I . -I "$tools/build/native/include" -I "$common" \
  --descriptor_set_out="$out" "${files[@]}"
