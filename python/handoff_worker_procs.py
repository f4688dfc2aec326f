"""The processes of a worker's group, shared by the supervisor (handoff_worker.py) and the
serving loop (handoff_worker_serve.py): which are alive, and reaping the ones that ended."""

import os

# The control channel of a worker and the saved copies of fds 1 and 2 are moved up here, so
# the test process sees fds 0-2 and nothing else, as a plain `python -m pytest` does.
HIGH_FD = 200


def group_members(exclude):
    """Pids of the live processes of our process group, minus `exclude`; None without /proc."""
    if not os.path.isdir("/proc/self"):
        return None
    pgid = os.getpgid(0)
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) in exclude:
            continue
        # os.open and one read, not open(): this runs after every selector, over every process
        # of the machine, and a file object per process doubles its cost.
        try:
            fd = os.open("/proc/%s/stat" % entry, os.O_RDONLY)
        except OSError:
            continue
        try:
            stat = os.read(fd, 4096)
        except OSError:
            continue
        finally:
            os.close(fd)
        # pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses.
        fields = stat[stat.rfind(b")") + 2 :].split(None, 3)
        if len(fields) > 2 and fields[0] != b"Z" and int(fields[2]) == pgid:
            members.append(int(entry))
    return members


def reap_children():
    try:
        while os.waitpid(-1, os.WNOHANG)[0] > 0:
            pass
    except ChildProcessError:
        pass
