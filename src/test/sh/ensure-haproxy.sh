#!/usr/bin/env bash
# Run by the build before the integration tests (./mvnw verify): ThreeInstancesIT puts Debian's HAProxy
# in front of three server instances, and nothing may download a balancer at test time. When haproxy is
# missing, this installs Debian's haproxy package (as root, with apt-get; the package's service is not
# started) and says so; otherwise it explains what to install and fails, rather than letting the test fail.
set -euo pipefail
# the build passes ${skipTests}: with the tests skipped there is nothing to install
if [ "${1:-false}" = "true" ]; then
  exit 0
fi
if command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]; then
  exit 0
fi
if [ "${PARKCREDIT_SKIP_HAPROXY_INSTALL:-}" = "true" ]; then
  echo "[parkcredit] haproxy is missing and PARKCREDIT_SKIP_HAPROXY_INSTALL=true: ThreeInstancesIT will fail" >&2
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "[parkcredit] ThreeInstancesIT needs HAProxy and haproxy is missing: installing Debian's haproxy package (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq haproxy >/dev/null
  echo "[parkcredit] Installed $(/usr/sbin/haproxy -v 2>/dev/null | head -1 || echo haproxy)"
  exit 0
fi
echo "[parkcredit] ThreeInstancesIT needs HAProxy. Install it (Debian/Ubuntu: sudo apt-get install haproxy)" >&2
echo "[parkcredit] and run the tests again, or set PARKCREDIT_SKIP_HAPROXY_INSTALL=true to run without it." >&2
exit 1
