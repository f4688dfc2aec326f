"""The warm worker behind `handoff_worker.py serve`.

Each command runs one selector as its own pytest.main(args) call, with fds 1 and 2 pointing at
the selector's log, so the log holds pytest's own terminal output byte for byte, as a
`python -m pytest` of its own would write it. Between calls the worker puts back what a test
run changes in an interpreter (handoff_worker_reset.py) and forgets every module imported from the repo,
so the next selector collects its test modules and conftest files afresh, while imports from
outside the repo (numpy, torch, pytest's plugins) stay warm.

The CLI and the worker speak the JSON-lines protocol of handoff_worker_protocol.py on the
control fd: a `run` command takes one selector; the worker answers `done` when pytest.main
returns, then ends what the tests left running in its process group, resets, and answers
`ready`. End of file on the control fd: the worker exits.
"""

import fcntl
import gc
import importlib
import os
import signal
import sys
import time
import traceback
import warnings

from handoff_worker_procs import HIGH_FD, group_members, reap_children
from handoff_worker_protocol import ProtocolError, decode_command, encode
from handoff_worker_reset import Snapshot


class Channel:
    """The control fd: messages of handoff_worker_protocol.py, one per line."""

    def __init__(self, fd):
        self.fd = fd
        self.buffer = b""

    def send(self, message):
        data = encode(message)
        while data:
            data = data[os.write(self.fd, data) :]

    def commands(self):
        """The CLI's commands, decoded, until end of file. A line that is none ends the worker,
        after it has said why (`failed`): the CLI and this worker do not speak the same protocol."""
        while True:
            while b"\n" not in self.buffer:
                chunk = os.read(self.fd, 65536)
                if not chunk:
                    return
                self.buffer += chunk
            line, self.buffer = self.buffer.split(b"\n", 1)
            if not line.strip():
                continue
            try:
                yield decode_command(line)
            except ProtocolError as error:
                self.send({"kind": "failed", "error": "the worker cannot read its command: %s" % error})
                flush_streams()
                os._exit(70)


def flush_streams():
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            stream.flush()
        except Exception:
            pass


def exit_code_of(exit):
    """The exit code Python gives a SystemExit that reaches the top, as `python -m pytest` would."""
    code = exit.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    sys.stderr.write("%s\n" % code)
    return 1


def call_pytest(pytest, args):
    """pytest.main(args); an escape from it (SystemExit, a crash of pytest) retires the worker."""
    try:
        return int(pytest.main(args)), False
    except SystemExit as exit:
        return exit_code_of(exit), True
    except BaseException:
        traceback.print_exc()
        return 1, True


def end_leftovers(grace_s, exclude):
    """End what the tests started and left running: SIGTERM, then SIGKILL after the grace."""
    members = group_members(exclude)
    if members is None:  # no /proc: the CLI ends the group when the worker goes
        reap_children()
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in members:
            try:
                os.kill(pid, sig)
            except OSError:
                pass
        deadline = time.monotonic() + (grace_s if sig == signal.SIGTERM else 1.0)
        while members and time.monotonic() < deadline:
            time.sleep(0.02)
            reap_children()
            members = group_members(exclude)
        if not members:
            break
    reap_children()


def collect_and_freeze():
    """Collect the garbage of the finished selector now, so that a ResourceWarning or an
    unraisable exception from its objects never lands in the next selector's log. Then freeze
    what is left, the warm state (modules, pytest's plugins): pytest collects garbage several
    times per run, and without the freeze each collection walks every warm object again."""
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _: None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            gc.collect()
    finally:
        sys.unraisablehook = hook
    gc.freeze()


def serve(channel, info):
    import pytest

    pytest_main = os.path.join(os.path.dirname(pytest.__file__), "__main__.py")
    saved_out = fcntl.fcntl(1, fcntl.F_DUPFD_CLOEXEC, HIGH_FD + 1)
    saved_err = fcntl.fcntl(2, fcntl.F_DUPFD_CLOEXEC, HIGH_FD + 2)
    gc.freeze()  # what is imported so far is never garbage: keep pytest's collections off it
    channel.send(dict(info, kind="started", pid=os.getpid()))
    me = {os.getpid(), os.getppid()}
    for command in channel.commands():
        args = list(command["args"])
        snapshot = Snapshot()
        log = os.open(command["log"], os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o666)
        flush_streams()
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(log)
        sys.argv[:] = [pytest_main] + args
        importlib.invalidate_caches()
        started = time.monotonic()
        code, retire = call_pytest(pytest, args)
        duration = time.monotonic() - started
        flush_streams()
        os.dup2(saved_out, 1)
        os.dup2(saved_err, 2)
        channel.send({"kind": "done", "exit": code, "duration_s": duration})
        end_leftovers(command["grace_ms"] / 1000, me)
        snapshot.restore()
        collect_and_freeze()
        channel.send({"kind": "ready", "retire": retire})
    flush_streams()
    os._exit(0)
