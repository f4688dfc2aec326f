"""The warm worker behind `handoff_worker.py serve`.

Each command runs one selector as its own pytest.main(args) call, with fds 1 and 2 pointing at
the selector's log, so the log holds pytest's own terminal output byte for byte, as a
`python -m pytest` of its own would write it. Between calls the worker puts back what a test
run changes in an interpreter (see Snapshot) and forgets every module imported from the repo,
so the next selector collects its test modules and conftest files afresh, while imports from
outside the repo (numpy, torch, pytest's plugins) stay warm.

Protocol, JSON lines on the control fd: the CLI sends {"cmd": "run", "args": [...], "log":
PATH, "grace_ms": N}; the worker answers {"done": true, "exit": CODE, "duration_s": S} when
pytest.main returns, then ends what the tests left running in its process group, resets, and
answers {"ready": true, "retire": BOOL}. End of file on the control fd: the worker exits.
"""

import fcntl
import gc
import importlib
import json
import linecache
import os
import signal
import sys
import sysconfig
import time
import traceback
import warnings

from handoff_worker import HIGH_FD, group_members, reap_children


class Channel:
    def __init__(self, fd):
        self.fd = fd
        self.buffer = b""

    def send(self, message):
        data = (json.dumps(message) + "\n").encode()
        while data:
            data = data[os.write(self.fd, data) :]

    def commands(self):
        while True:
            while b"\n" not in self.buffer:
                chunk = os.read(self.fd, 65536)
                if not chunk:
                    return
                self.buffer += chunk
            line, self.buffer = self.buffer.split(b"\n", 1)
            if line.strip():
                yield json.loads(line)


CATCHABLE = [s for s in signal.valid_signals() if s not in (signal.SIGKILL, signal.SIGSTOP)]


def installed_dirs():
    """The standard library and site-packages folders: their modules stay imported even when
    they lie inside the repo (a `.venv/` in the project folder)."""
    paths = sysconfig.get_paths()
    dirs = [paths.get(key) for key in ("stdlib", "platstdlib", "purelib", "platlib")]
    try:
        import site

        dirs += site.getsitepackages() + [site.getusersitepackages()]
    except (AttributeError, ImportError):
        pass
    return tuple(sorted({os.path.realpath(d).rstrip(os.sep) + os.sep for d in dirs if d}))


INSTALLED = installed_dirs()


class Snapshot:
    """What a pytest run changes in the interpreter, taken before a call and put back after."""

    def __init__(self):
        import logging
        import threading

        self.modules = dict(sys.modules)
        self.path = list(sys.path)
        self.environ = dict(os.environ)
        self.cwd = os.getcwd()
        self.argv = list(sys.argv)
        self.streams = (sys.stdin, sys.stdout, sys.stderr)
        self.hooks = (sys.excepthook, sys.displayhook, sys.unraisablehook, sys.breakpointhook, threading.excepthook)
        self.trace = (sys.gettrace(), sys.getprofile())
        self.recursion_limit = sys.getrecursionlimit()
        self.umask = os.umask(0)
        os.umask(self.umask)
        self.signals = {}
        for sig in CATCHABLE:
            try:
                self.signals[sig] = signal.getsignal(sig)
            except (OSError, ValueError):
                pass
        self.sigmask = signal.pthread_sigmask(signal.SIG_BLOCK, [])
        self.warnings = (list(warnings.filters), warnings.showwarning, warnings.formatwarning)
        manager = logging.Logger.manager
        loggers = [logging.root] + [x for x in manager.loggerDict.values() if isinstance(x, logging.Logger)]
        self.logging_disable = manager.disable
        self.loggers = [(x, x.level, list(x.handlers), x.propagate, x.disabled) for x in loggers]
        self.gc = (gc.isenabled(), gc.get_threshold())

    def restore(self):
        import logging
        import threading

        forgotten = self._forget_repo_modules(self._repo_dirs())
        sys.path[:] = self.path
        self._restore_environ()
        os.chdir(self.cwd)
        sys.argv[:] = self.argv
        sys.stdin, sys.stdout, sys.stderr = self.streams
        sys.excepthook, sys.displayhook, sys.unraisablehook, sys.breakpointhook, threading.excepthook = self.hooks
        if sys.gettrace() is not self.trace[0]:
            sys.settrace(self.trace[0])
        if sys.getprofile() is not self.trace[1]:
            sys.setprofile(self.trace[1])
        sys.setrecursionlimit(self.recursion_limit)
        os.umask(self.umask)
        # A timer a test left armed would fire in the next selector; its own process would be gone.
        for timer in (signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF):
            signal.setitimer(timer, 0)
        for sig, handler in self.signals.items():
            if handler is not None and signal.getsignal(sig) is not handler:
                try:
                    signal.signal(sig, handler)
                except (OSError, ValueError, TypeError):
                    pass
        signal.pthread_sigmask(signal.SIG_SETMASK, self.sigmask)
        warnings.filters[:], warnings.showwarning, warnings.formatwarning = self.warnings
        mutated = getattr(warnings, "_filters_mutated", None) or getattr(warnings, "_filters_mutated_lock_held", None)
        if mutated:
            mutated()
        self._restore_logging(logging, forgotten)
        enabled, threshold = self.gc
        (gc.enable if enabled else gc.disable)()
        gc.set_threshold(*threshold)
        if "socket" in sys.modules:
            sys.modules["socket"].setdefaulttimeout(None)
        linecache.clearcache()

    def _repo_dirs(self):
        """The repo folder, and folders put on sys.path during the call (a test file's rootdir)."""
        dirs = {os.path.realpath(self.cwd).rstrip(os.sep) + os.sep}
        for entry in sys.path:
            if entry and isinstance(entry, str) and entry not in self.path and os.path.isdir(entry):
                real = os.path.realpath(entry).rstrip(os.sep) + os.sep
                # Not a folder that holds installed packages (a conftest putting "/" on sys.path).
                if not any(installed.startswith(real) for installed in INSTALLED):
                    dirs.add(real)
        return tuple(dirs)

    def _forget_repo_modules(self, repo_dirs):
        real_dirs = {}

        def from_repo(module):
            names = getattr(module, "__dict__", None)
            if not isinstance(names, dict):
                return False
            where = names.get("__file__")
            paths = [where] if isinstance(where, str) else list(names.get("__path__") or [])
            for path in paths:
                if not isinstance(path, str):
                    continue
                if os.path.basename(path) == "conftest.py":
                    return True
                folder = os.path.dirname(os.path.abspath(path))
                real = real_dirs.get(folder)
                if real is None:
                    real = real_dirs[folder] = os.path.realpath(folder) + os.sep
                if real.startswith(repo_dirs) and not real.startswith(INSTALLED):
                    return True
            return False

        forgotten = set()
        for name, module in list(sys.modules.items()):
            if self.modules.get(name) is not module and from_repo(module):
                del sys.modules[name]
                forgotten.add(name)
        return forgotten

    def _restore_environ(self):
        tz = os.environ.get("TZ")
        for key in [k for k in os.environ if k not in self.environ]:
            del os.environ[key]
        for key, value in self.environ.items():
            if os.environ.get(key) != value:
                os.environ[key] = value
        if os.environ.get("TZ") != tz:
            time.tzset()

    def _restore_logging(self, logging, forgotten):
        """Loggers that existed before the call get their state back; the loggers of forgotten
        (repo) modules start afresh, as their modules will. Other new loggers belong to
        libraries that stay imported, configured as their import left them."""
        manager = logging.Logger.manager
        known = {id(entry[0]) for entry in self.loggers}
        fresh = [
            (logger, logging.NOTSET, [], True, False)
            for name, logger in list(manager.loggerDict.items())
            if isinstance(logger, logging.Logger) and id(logger) not in known and name in forgotten
        ]
        for logger, level, handlers, propagate, disabled in self.loggers + fresh:
            if logger.handlers != handlers:
                for handler in logger.handlers:
                    if handler not in handlers:
                        try:
                            handler.close()
                        except Exception:
                            pass
                logger.handlers[:] = handlers
            logger.level, logger.propagate, logger.disabled = level, propagate, disabled
        manager.disable = self.logging_disable
        manager._clear_cache()


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
    channel.send(dict(info, ready=True, pid=os.getpid()))
    me = {os.getpid(), os.getppid()}
    for command in channel.commands():
        if command.get("cmd") != "run":
            continue
        args = [str(a) for a in command["args"]]
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
        channel.send({"done": True, "exit": code, "duration_s": duration})
        end_leftovers(command.get("grace_ms", 3000) / 1000, me)
        snapshot.restore()
        collect_and_freeze()
        channel.send({"ready": True, "retire": retire})
    flush_streams()
    os._exit(0)
