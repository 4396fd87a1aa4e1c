#!/usr/bin/env python3
"""Checks the ParkCredit image Jib pushed to a registry, writes it as an image archive, and runs it.

Run by ./mvnw -B package -Pimage (README "Deployment"); standard library only.

1. Reads the image's manifest and config from the registry (HTTP API v2) and checks them: the
   entrypoint starts quarkus-run.jar with java, it runs as user 10001 in /opt/parkcredit, port 8080.
2. Downloads every layer, checks its digest and its uncompressed digest against the config, and
   finds opt/parkcredit/quarkus-run.jar and usr/bin/java among the layers' files.
3. Writes OUT (the `docker save` layout, gzip layers): `podman load -i OUT` or `docker load -i OUT`.
4. With --run true, as root: unpacks the layers into a directory and starts the image's entrypoint
   there under chroot, as the image's user, with the image's environment, in its own mount, host
   name and PID namespaces (unshare), and waits until /q/health/ready answers 200 (the server starts its embedded
   PostgreSQL in PARKCREDIT_DATA_DIR, since no database URL is given). Then it stops it.
"""

import argparse
import gzip
import hashlib
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request

MANIFEST_TYPES = ", ".join([
    "application/vnd.docker.distribution.manifest.v2+json",
    "application/vnd.oci.image.manifest.v1+json",
])


def fail(message):
    print("[parkcredit] image check failed: " + message, file=sys.stderr)
    sys.exit(1)


def get(url, accept=None):
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read(), response.headers


def check(condition, message):
    if not condition:
        fail(message)


def export(registry, image, out):
    repository, tag = image.rsplit(":", 1)
    base = "http://%s/v2/%s" % (registry, repository)
    body, headers = get("%s/manifests/%s" % (base, tag), MANIFEST_TYPES)
    manifest = json.loads(body)
    digest = "sha256:" + hashlib.sha256(body).hexdigest()
    check(manifest.get("schemaVersion") == 2, "manifest schema %s" % manifest.get("schemaVersion"))
    config_bytes, _ = get("%s/blobs/%s" % (base, manifest["config"]["digest"]))
    check("sha256:" + hashlib.sha256(config_bytes).hexdigest() == manifest["config"]["digest"], "config digest")
    config = json.loads(config_bytes)
    c = config.get("config", {})
    entrypoint = c.get("Entrypoint") or []
    check(len(entrypoint) > 0 and entrypoint[0] == "java" and entrypoint[-2:] == ["-jar", "quarkus-run.jar"],
          "entrypoint %s" % entrypoint)
    check(c.get("User") == "10001:10001", "user %s" % c.get("User"))
    check(c.get("WorkingDir") == "/opt/parkcredit", "working directory %s" % c.get("WorkingDir"))
    check("8080/tcp" in (c.get("ExposedPorts") or {}), "exposed ports %s" % c.get("ExposedPorts"))
    env = dict(e.split("=", 1) for e in c.get("Env") or [])
    check(env.get("PARKCREDIT_DATA_DIR") == "/var/lib/parkcredit", "environment %s" % env)
    check(config.get("architecture") == "amd64" and config.get("os") == "linux", "platform")

    diff_ids = config["rootfs"]["diff_ids"]
    check(len(diff_ids) == len(manifest["layers"]), "layers %d, diff_ids %d" % (len(manifest["layers"]), len(diff_ids)))
    layers = []
    seen = {}
    for layer, diff_id in zip(manifest["layers"], diff_ids):
        blob, _ = get("%s/blobs/%s" % (base, layer["digest"]))
        check("sha256:" + hashlib.sha256(blob).hexdigest() == layer["digest"], "layer digest " + layer["digest"])
        raw = gzip.decompress(blob)
        check("sha256:" + hashlib.sha256(raw).hexdigest() == diff_id, "layer content " + diff_id)
        with tarfile.open(fileobj=io.BytesIO(raw)) as t:
            for m in t.getmembers():
                seen[m.name.lstrip("./")] = layer["digest"]
        layers.append((layer["digest"], blob))
    for path in ("opt/parkcredit/quarkus-run.jar", "usr/bin/java", "var/lib/parkcredit"):
        check(path in seen, path + " is in no layer")
    check(any(p.startswith("opt/parkcredit/lib/main/") for p in seen), "the dependencies (lib/main) are in no layer")

    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    config_name = manifest["config"]["digest"].split(":", 1)[1] + ".json"
    with tarfile.open(out + ".tmp", "w") as t:
        def add(name, data):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = int(time.time())
            t.addfile(info, io.BytesIO(data))
        add(config_name, config_bytes)
        names = []
        for d, blob in layers:
            name = d.split(":", 1)[1] + ".tar.gz"
            names.append(name)
            add(name, blob)
        add("manifest.json", json.dumps([{"Config": config_name, "RepoTags": ["%s/%s" % (registry, image)],
                                          "Layers": names}]).encode())
    os.replace(out + ".tmp", out)
    with open(out + ".digest", "w") as f:
        f.write(digest + "\n")
    size = sum(len(b) for _, b in layers)
    print("[parkcredit] image %s/%s@%s: %d layers, %.0f MB compressed; entrypoint %s, user %s, port 8080"
          % (registry, image, digest, len(layers), size / 1e6, " ".join(entrypoint), c.get("User")))
    print("[parkcredit] image archive " + out)
    return config, layers


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(config, layers, timeout):
    if os.geteuid() != 0:
        print("[parkcredit] not root: the image's file system is not started (chroot needs root)")
        return
    c = config["config"]
    root = tempfile.mkdtemp(prefix="parkcredit-image-")
    try:
        for _, blob in layers:
            with tarfile.open(fileobj=io.BytesIO(gzip.decompress(blob))) as t:
                t.extractall(root, numeric_owner=True)
        port = free_port()
        env = [e for e in c.get("Env") or []]
        env += ["QUARKUS_HTTP_PORT=%d" % port, "PARKCREDIT_ADMIN_PASSWORD=image-check-password-1",
                "PARKCREDIT_SESSION_KEY=image-check-session-key-0123456789abcdef"]
        user = c["User"]
        # as a container runtime does: a host name of its own, written into the image's /etc/hosts (Quartz names
        # its cluster node after it), and the host's resolver
        with open(os.path.join(root, "etc", "hosts"), "w") as f:
            f.write("127.0.0.1\tlocalhost parkcredit-image\n::1\tlocalhost ip6-localhost ip6-loopback\n")
        if os.path.exists("/etc/resolv.conf"):
            shutil.copyfile("/etc/resolv.conf", os.path.join(root, "etc", "resolv.conf"))
        inner = ("hostname parkcredit-image && mount -t proc proc \"$R/proc\" && mount --rbind /dev \"$R/dev\" && mount -t tmpfs tmpfs \"$R/tmp\""
                 " && exec chroot --userspec=%s \"$R\" /usr/bin/env -i -C %s %s %s"
                 % (user, c["WorkingDir"], " ".join("'%s'" % e for e in env), " ".join(c["Entrypoint"])))
        log_path = root + ".log"
        with open(log_path, "w") as log:
            proc = subprocess.Popen(["unshare", "--mount", "--uts", "--pid", "--fork", "--kill-child", "sh", "-c", inner],
                                    env={"R": root, "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}, stdout=log,
                                    stderr=subprocess.STDOUT, start_new_session=True)
        started = time.time()
        healthy = False
        while time.time() - started < timeout and proc.poll() is None:
            try:
                with urllib.request.urlopen("http://127.0.0.1:%d/q/health/ready" % port, timeout=5) as r:
                    if r.status == 200:
                        healthy = True
                        break
            except OSError:
                pass
            time.sleep(0.5)
        waited = time.time() - started
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        if not healthy:
            with open(log_path) as log:
                print(log.read()[-4000:], file=sys.stderr)
            fail("the image's entrypoint under chroot was not ready within %d s (log above)" % timeout)
        print("[parkcredit] the image's file system runs: %s as %s under chroot, /q/health/ready 200 after %.0f s"
              % (" ".join(c["Entrypoint"]), user, waited))
        os.remove(log_path)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--registry", required=True)
    parser.add_argument("--image", required=True, help="repository:tag")
    parser.add_argument("--out", required=True)
    parser.add_argument("--run", default="true")
    parser.add_argument("--timeout", type=int, default=240)
    args = parser.parse_args()
    config, layers = export(args.registry, args.image, args.out)
    if args.run == "true":
        run(config, layers, args.timeout)


if __name__ == "__main__":
    main()
