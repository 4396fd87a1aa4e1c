#!/usr/bin/env bash
# The base image of the ParkCredit image (./mvnw -B package -Pimage, README "Deployment"), built from
# Debian's packages without a container engine and without pulling from any image registry:
# mmdebstrap makes a Debian bookworm file system (essential packages and openjdk-17-jre-headless),
# with the server's user (10001), its data directory /var/lib/parkcredit and a default /etc/hosts
# (a container runtime mounts its own; the embedded PostgreSQL listens on "localhost"), and this script wraps it
# as a one-layer image archive (the `docker save` layout) that Jib takes as its base (tar://…).
#
#   deploy/image/base-image.sh OUT.tar      (as root; mmdebstrap installed when missing, with apt-get)
#
# An existing OUT.tar is kept: delete it to rebuild the base (e.g. for Debian's security updates).
set -euo pipefail
out="${1:?usage: base-image.sh OUT.tar}"
if [ -s "$out" ]; then
  echo "[parkcredit] base image $out exists (delete it to rebuild)"
  exit 0
fi
if ! command -v mmdebstrap >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "[parkcredit] installing Debian's mmdebstrap package to build the base image"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq mmdebstrap >/dev/null
  else
    echo "[parkcredit] the image build needs mmdebstrap (Debian/Ubuntu: sudo apt-get install mmdebstrap), run as root" >&2
    exit 1
  fi
fi
work="$(mktemp -d "$(dirname "$out")/base.XXXXXX")"
trap 'rm -rf "$work"' EXIT
echo "[parkcredit] building the base image (Debian bookworm, OpenJDK 17 JRE) with mmdebstrap"
mmdebstrap --quiet --variant=essential --include=openjdk-17-jre-headless \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --customize-hook='echo "parkcredit:x:10001:" >> "$1/etc/group"' \
  --customize-hook='echo "parkcredit:x:10001:10001:ParkCredit:/var/lib/parkcredit:/usr/sbin/nologin" >> "$1/etc/passwd"' \
  --customize-hook='printf "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n" > "$1/etc/hosts"' \
  --customize-hook='mkdir -p "$1/var/lib/parkcredit" "$1/opt/parkcredit" && chown 10001:10001 "$1/var/lib/parkcredit"' \
  --customize-hook='chroot "$1" java -version' \
  --customize-hook='rm -rf "$1/var/cache/apt/archives/"*.deb "$1/var/lib/apt/lists/"*' \
  bookworm "$work/layer.tar"
diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
java_version="$(tar -xOf "$work/layer.tar" ./usr/lib/jvm/java-17-openjdk-amd64/release | sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p')"
created="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"$created",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=C.UTF-8","JAVA_VERSION=$java_version"],
           "WorkingDir":"/opt/parkcredit","User":"10001:10001"},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"$created","created_by":"mmdebstrap --variant=essential --include=openjdk-17-jre-headless bookworm (deploy/image/base-image.sh)"}]}
JSON
cat > "$work/manifest.json" <<JSON
[{"Config":"config.json","RepoTags":["parkcredit-base:bookworm-jre17"],"Layers":["layer.tar"]}]
JSON
tar -C "$work" -cf "$out.tmp" manifest.json config.json layer.tar
mv "$out.tmp" "$out"
echo "[parkcredit] base image $out: Debian bookworm, OpenJDK $java_version, layer $diff_id"
