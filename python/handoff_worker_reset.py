"""What a pytest run changes in an interpreter, and how a shared worker puts it back between
two selectors (used by handoff_worker_serve.py). Modules imported from the repo are forgotten,
so the next selector imports its test modules, conftest files and the project's own code
afresh; the standard library and site-packages stay imported (that is the point of a warm
worker, and also what still leaks: a library's module-level value a test changed)."""

import gc
import linecache
import os
import signal
import sys
import sysconfig
import time
import warnings


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
