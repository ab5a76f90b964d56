#!/usr/bin/python3
# Runs inside the kiosk unit's sandbox (as its ExecStartPre, so under every sandbox setting of the packaged unit) and
# prints one line per fact: "probe: ok: …" or "probe: FAIL: …". What the kiosk needs must work; what the sandbox
# takes away must be gone. Always exits 0: the trial's runner reads the lines from the journal and decides.
import ctypes
import errno
import os
import socket

failures = 0


def ok(text):
    print("probe: ok: " + text, flush=True)


def fail(text):
    global failures
    failures += 1
    print("probe: FAIL: " + text, flush=True)


def check(condition, text):
    (ok if condition else fail)(text)


def error_of(action):
    """None when action() succeeds, else the errno it raised."""
    try:
        action()
        return None
    except OSError as e:
        return e.errno


def can_write(directory):
    path = os.path.join(directory, ".sandbox-probe")

    def write():
        with open(path, "w") as f:
            f.write("x")
            f.flush()
            os.fsync(f.fileno())
        os.unlink(path)

    return error_of(write)


def status_field(name):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(name + ":"):
                return line.split(":", 1)[1].strip()
    return ""


def open_device(path):
    def action():
        os.close(os.open(path, os.O_RDWR | os.O_NONBLOCK | os.O_NOCTTY))

    return error_of(action)


# ---- Who we are, and no privileges ----------------------------------------------------------------------------
check(os.geteuid() != 0 and os.getuid() != 0, "runs as uid %d, not root" % os.geteuid())
for field in ("CapEff", "CapPrm", "CapBnd", "CapAmb"):
    value = status_field(field)
    check(int(value or "1", 16) == 0, "%s is %s (no capabilities)" % (field, value))
check(status_field("NoNewPrivs") == "1", "NoNewPrivs is set")
check(status_field("Seccomp") == "2", "a seccomp filter is installed")
mask = os.umask(0)
os.umask(mask)
check(mask == 0o077, "umask is %04o (files the kiosk makes are its own)" % mask)

# ---- Files: writable where the kiosk writes, read-only or hidden elsewhere -----------------------------------------
for directory in ("/var/lib/procart-kiosk", "/var/cache/procart-kiosk", "/etc/procart-kiosk", "/opt/sberbank",
                  "/run/procart-kiosk", "/tmp"):
    code = can_write(directory)
    check(code is None, "can write and fsync in %s%s" % (directory, "" if code is None else ": " + os.strerror(code)))
for directory in ("/usr/bin", "/etc", "/var", "/var/lib", "/boot"):
    code = can_write(directory)
    check(code in (errno.EROFS, errno.EACCES), "cannot write in %s (%s)" % (
        directory, "it worked" if code is None else os.strerror(code)))
check(os.access("/etc/procart-kiosk/secrets.json", os.R_OK), "can read its secrets.json")
check(os.access("/opt/sberbank/sb_pilot", os.X_OK), "can run /opt/sberbank/sb_pilot")
for hidden in ("/home", "/root", "/run/user"):
    check(error_of(lambda: os.listdir(hidden)) is not None or os.listdir(hidden) == [],
          "%s is empty or inaccessible" % hidden)
check(not os.path.exists("/proc/1/status"), "other users' processes are invisible (/proc/1)")

# ---- Devices: the allowed classes open (ENXIO/ENODEV: allowed, no such hardware), the rest are refused (EPERM) ------
# The trial's /dev holds nodes that file permissions would let anyone open, so only the device policy can refuse them.
for path in ("/dev/input/event99", "/dev/ttyS191"):
    code = open_device(path)
    check(code in (None, errno.ENXIO, errno.ENODEV, errno.EIO),
          "%s is allowed (%s)" % (path, "opened" if code is None else os.strerror(code)))
for path in ("/dev/net/tun", "/dev/mem"):
    code = open_device(path)
    check(code == errno.EPERM, "%s is refused by the device policy (%s)" % (
        path, "it opened" if code is None else os.strerror(code)))

# ---- Sockets --------------------------------------------------------------------------------------------------------
for family, name in ((socket.AF_UNIX, "AF_UNIX"), (socket.AF_INET, "AF_INET"), (socket.AF_INET6, "AF_INET6")):
    code = error_of(lambda: socket.socket(family, socket.SOCK_STREAM).close())
    check(code is None, "%s sockets are allowed" % name)
code = error_of(lambda: socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 15).close())  # NETLINK_KOBJECT_UEVENT
check(code is None, "AF_NETLINK sockets are allowed (udev hot-plug)")
for family, name in ((socket.AF_PACKET, "AF_PACKET"), (getattr(socket, "AF_BLUETOOTH", 31), "AF_BLUETOOTH")):
    code = error_of(lambda: socket.socket(family, socket.SOCK_RAW).close())
    check(code == errno.EAFNOSUPPORT, "%s sockets are refused (%s)" % (
        name, "it worked" if code is None else os.strerror(code)))

# ---- System calls an unprivileged process may normally make, taken away by the filter ---------------------------
libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWUSER = 0x10000000
check(libc.unshare(CLONE_NEWUSER) != 0, "cannot create a user namespace (errno %d)" % ctypes.get_errno())
code = error_of(lambda: os.setpriority(os.PRIO_PROCESS, 0, 19))  # lowering one's own priority needs no privilege
check(code == errno.EPERM, "setpriority() is filtered (@resources, %s)" % (
    "it worked" if code is None else os.strerror(code)))
code = error_of(lambda: os.sched_setaffinity(0, os.sched_getaffinity(0)))
check(code == errno.EPERM, "sched_setaffinity() is filtered (@resources, %s)" % (
    "it worked" if code is None else os.strerror(code)))

print("probe: done, %d failure(s)" % failures, flush=True)
