"""The pytest driver of `handoff run` and `handoff validate --collect` (standard library + pytest).

    python handoff_worker.py serve        a warm worker: runs selector after selector, each as its
                                          own pytest.main(args) call (JSON lines on fd 3)
    python handoff_worker.py own ARGS...  one run, exactly as `python -m pytest ARGS` would
    python handoff_worker.py probe        prints the python, pytest and platform versions (one
                                          `versions` line of handoff_worker_protocol.py)

`serve` and `own` first fork: the parent stays behind as a small supervisor, the leader of the
process group the CLI started, and the child runs pytest. The supervisor holds the CLI's
lifeline (fd 4 for `serve`, fd 3 for `own`) and is told of the CLI's death twice: the lifeline
reads end-of-file, and on Linux PR_SET_PDEATHSIG sends it SIGTERM. Either way it ends its whole
process group (pytest and whatever the tests started): SIGTERM, then SIGKILL within a second.
It uses no thread, so a test that forks never shares its process with one, and it stays out of
pytest's own process: a test never finds an unexpected child. When the child ends, the
supervisor exits the same way, so the CLI reads pytest's own exit code or signal.
"""

import os
import select
import signal
import sys
import time

from handoff_worker_procs import HIGH_FD, group_members, reap_children

# How long the group gets between SIGTERM and SIGKILL when the CLI has died: the CLI promises
# that nothing of its runs is left 2 s after its death.
PARENT_DEATH_GRACE_S = 1.0


def set_parent_death_signal(sig):
    """Linux only: have the kernel send `sig` when the parent (thread) that started us dies."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    except (OSError, AttributeError):
        pass  # no prctl: the lifeline alone tells of the parent's death


def end_group_and_exit():
    """The CLI is gone: SIGTERM to the whole group, SIGKILL to what is left, ourselves last."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        os.killpg(0, signal.SIGTERM)
    except OSError:
        pass
    deadline = time.monotonic() + PARENT_DEATH_GRACE_S
    while time.monotonic() < deadline:
        reap_children()
        members = group_members({os.getpid()})
        if members is not None and not members:
            break
        time.sleep(0.02)
    try:
        os.killpg(0, signal.SIGKILL)
    finally:
        os._exit(137)


def exit_like(status):
    """Exit the way a child with this wait status did: same exit code, or same signal."""
    if os.WIFEXITED(status):
        os._exit(os.WEXITSTATUS(status))
    sig = os.WTERMSIG(status)
    signal.set_wakeup_fd(-1)
    signal.signal(sig, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [sig])
    os.kill(os.getpid(), sig)
    time.sleep(1)
    os._exit(128 + sig)


def supervise(lifeline, child_only_fds):
    """Fork. The child returns and runs pytest; the parent supervises it and never returns."""
    cli = os.getppid()
    if os.getpgid(0) != os.getpid():
        os.setpgid(0, 0)  # the group we end must be ours alone (the CLI starts us as a leader)
    set_parent_death_signal(signal.SIGTERM)
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    os.set_blocking(wake_r, False)
    signal.set_wakeup_fd(wake_w)
    # The handlers only interrupt select(); the wake-up fd says that something happened.
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.signal(signal.SIGTERM, lambda *_: None)
    child = os.fork()
    if child == 0:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.close(wake_r)
        os.close(wake_w)
        os.close(lifeline)
        supervisor = os.getppid()
        # Should the supervisor itself be killed, pytest goes with it.
        set_parent_death_signal(signal.SIGKILL)
        if os.getppid() != supervisor:
            os._exit(1)
        return
    for fd in child_only_fds:
        os.close(fd)
    if os.getppid() != cli:
        end_group_and_exit()  # the CLI died before PR_SET_PDEATHSIG was in place
    while True:
        readable = select.select([lifeline, wake_r], [], [])[0]
        if wake_r in readable:
            try:
                os.read(wake_r, 512)
            except BlockingIOError:
                pass
        if lifeline in readable:
            try:
                data = os.read(lifeline, 4096)
            except OSError:
                data = b""
            if not data:
                end_group_and_exit()
        pid, status = os.waitpid(child, os.WNOHANG)
        if pid == child:
            exit_like(status)
        # A SIGTERM while the CLI lives is the CLI ending the group (a timeout, Ctrl-C): the
        # child gets it too, and we exit when it does, with its status.
        if os.getppid() != cli:
            end_group_and_exit()


def cwd_first_on_path():
    """`python -m` puts the current folder first on sys.path; running a script puts its folder."""
    if not getattr(sys.flags, "safe_path", False):
        sys.path[0] = os.getcwd()
    else:
        del sys.path[0]


def versions():
    import platform
    import sysconfig

    import pytest

    # executable: what a launcher (a pyenv shim) started, so later processes can start it directly.
    return {"python": platform.python_version(), "pytest": pytest.__version__, "platform": sysconfig.get_platform(), "executable": sys.executable}


def import_error_text(error):
    if isinstance(error, ModuleNotFoundError) and error.name == "pytest":
        return "%s: No module named pytest" % sys.executable
    return "%s: %s" % (type(error).__name__, error)


def main_own(args):
    supervise(lifeline=3, child_only_fds=())
    import runpy

    cwd_first_on_path()
    sys.argv = ["pytest"] + args
    # Exactly what `python -m pytest` runs; alter_sys makes it __main__ and sets sys.argv[0].
    runpy.run_module("pytest", run_name="__main__", alter_sys=True)


def main_probe():
    # Beside this file: imported before the current folder takes this file's place on sys.path.
    from handoff_worker_protocol import encode

    cwd_first_on_path()
    try:
        info = versions()
    except ImportError as error:
        sys.stderr.write(import_error_text(error) + "\n")
        sys.exit(1)
    sys.stdout.buffer.write(encode(dict(info, kind="versions")))


def main_serve():
    import fcntl

    supervise(lifeline=4, child_only_fds=(3,))
    control = fcntl.fcntl(3, fcntl.F_DUPFD_CLOEXEC, HIGH_FD)
    os.close(3)
    # The worker proper and its protocol, beside this file: imported before the current folder
    # takes this file's place on sys.path.
    from handoff_worker_serve import Channel, serve

    cwd_first_on_path()
    channel = Channel(control)
    try:
        info = versions()
    except ImportError as error:
        channel.send({"kind": "failed", "error": import_error_text(error)})
        os._exit(1)
    serve(channel, info)


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "own":
        main_own(sys.argv[2:])
    elif mode == "serve":
        main_serve()
    elif mode == "probe":
        main_probe()
    else:
        sys.stderr.write("usage: handoff_worker.py serve | own ARGS... | probe\n")
        sys.exit(2)
