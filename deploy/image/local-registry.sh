#!/usr/bin/env bash
# A container registry on the loopback interface for the image build (./mvnw -B package -Pimage):
# Jib pushes the image there, no container engine involved, and export-image.sh reads it back.
# Debian's docker-registry package (the CNCF distribution registry) is installed when missing.
#
#   deploy/image/local-registry.sh start DIR PORT   (storage and pid file under DIR; idempotent)
#   deploy/image/local-registry.sh stop DIR
set -euo pipefail
cmd="${1:?usage: local-registry.sh start DIR PORT | stop DIR}"
dir="${2:?registry directory}"
pidfile="$dir/registry.pid"
case "$cmd" in
  start)
    port="${3:?port}"
    mkdir -p "$dir/storage"
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "[parkcredit] local registry already running (pid $(cat "$pidfile"))"
      exit 0
    fi
    if ! command -v docker-registry >/dev/null 2>&1; then
      if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "[parkcredit] installing Debian's docker-registry package (a registry on 127.0.0.1 for the image build)"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        # the package's own service is not wanted: only this build's registry on the loopback interface
        apt-get install -y -qq docker-registry >/dev/null
      else
        echo "[parkcredit] the image build needs docker-registry (Debian/Ubuntu: sudo apt-get install docker-registry)" >&2
        echo "[parkcredit] or push to your registry: -Dparkcredit.image.registry=HOST[:PORT] -Dparkcredit.image.local=false" >&2
        exit 1
      fi
    fi
    cat > "$dir/config.yml" <<YML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/storage
http:
  addr: 127.0.0.1:$port
YML
    nohup docker-registry serve "$dir/config.yml" > "$dir/registry.log" 2>&1 < /dev/null &
    echo $! > "$pidfile"
    for _ in $(seq 1 100); do
      if curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1; then
        echo "[parkcredit] local registry on 127.0.0.1:$port (pid $(cat "$pidfile"), storage $dir/storage)"
        exit 0
      fi
      kill -0 "$(cat "$pidfile")" 2>/dev/null || break
      sleep 0.2
    done
    echo "[parkcredit] the local registry did not start (port $port taken?): $dir/registry.log" >&2
    cat "$dir/registry.log" >&2 || true
    exit 1
    ;;
  stop)
    if [ -f "$pidfile" ]; then
      kill "$(cat "$pidfile")" 2>/dev/null || true
      rm -f "$pidfile"
    fi
    ;;
  *)
    echo "usage: local-registry.sh start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
