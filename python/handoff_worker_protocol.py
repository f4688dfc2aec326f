"""The JSON-lines protocol between the CLI (src/evidence/worker-pool.ts) and a shared worker
(handoff_worker_serve.py): the Python side of src/evidence/worker-protocol.ts, which holds the
same definition; test/evidence/worker-protocol.test.ts round-trips every kind across the two.
One JSON object per line on the worker's control fd, `kind` naming it:

    CLI -> worker   run       one selector: pytest's arguments, the log its fds 1 and 2 go to,
                              and the grace (ms) for what its tests leave running
                    (end of file on the control fd: the worker exits; stopping has no message)
    worker -> CLI   started   pytest is imported: the versions, the worker's pid; it takes a run
                    failed    it cannot go on (no pytest, a line it cannot read): why; it exits
                    done      pytest.main returned: its exit code and how long it took
                    ready     leftovers ended and the interpreter reset; retire: do not reuse it
    probe stdout    versions  python, pytest, platform and executable (handoff_worker.py probe)

Decoding is checked: a line that is not exactly one of these (unknown kind, a field missing,
extra or of the wrong type) raises ProtocolError.
"""

import json
from dataclasses import dataclass, fields
from typing import ClassVar, List


class ProtocolError(ValueError):
    """A line that is not a message of this protocol."""


@dataclass(frozen=True)
class Run:
    KIND: ClassVar[str] = "run"
    args: List[str]
    log: str
    grace_ms: int


@dataclass(frozen=True)
class Started:
    KIND: ClassVar[str] = "started"
    python: str
    pytest: str
    platform: str
    executable: str
    pid: int


@dataclass(frozen=True)
class Failed:
    KIND: ClassVar[str] = "failed"
    error: str


@dataclass(frozen=True)
class Done:
    KIND: ClassVar[str] = "done"
    exit: int
    duration_s: float


@dataclass(frozen=True)
class Ready:
    KIND: ClassVar[str] = "ready"
    retire: bool


@dataclass(frozen=True)
class Versions:
    KIND: ClassVar[str] = "versions"
    python: str
    pytest: str
    platform: str
    executable: str


CLI_MESSAGES = (Run,)
WORKER_MESSAGES = (Started, Failed, Done, Ready)
MESSAGES = CLI_MESSAGES + WORKER_MESSAGES + (Versions,)
BY_KIND = {cls.KIND: cls for cls in MESSAGES}


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


CHECKS = {
    str: ("a string", lambda v: isinstance(v, str)),
    int: ("an integer", _is_int),
    # A JSON number: JavaScript writes 2.0 as 2.
    float: ("a number", lambda v: (_is_int(v) or isinstance(v, float)) and v == v and v not in (float("inf"), float("-inf"))),
    bool: ("a boolean", lambda v: isinstance(v, bool)),
    List[str]: ("a list of strings", lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v)),
}


def _check(data):
    if not isinstance(data, dict):
        raise ProtocolError("not a JSON object")
    kind = data.get("kind")
    cls = BY_KIND.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise ProtocolError("unknown kind %s" % json.dumps(kind, ensure_ascii=False))
    names = [f.name for f in fields(cls)]
    for key in data:
        if key != "kind" and key not in names:
            raise ProtocolError('%s: unexpected field "%s"' % (kind, key))
    values = {}
    for f in fields(cls):
        if f.name not in data:
            raise ProtocolError('%s: field "%s" is missing' % (kind, f.name))
        what, ok = CHECKS[f.type]
        if not ok(data[f.name]):
            raise ProtocolError('%s: field "%s" is not %s' % (kind, f.name, what))
        values[f.name] = data[f.name]
    return cls(**values)


def encode(message):
    """One line of the protocol, newline included, as bytes."""
    data = {"kind": message.KIND}
    data.update((f.name, getattr(message, f.name)) for f in fields(message))
    _check(data)
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def decode(line):
    """Any message of the protocol, from one line (bytes or text, with or without its newline)."""
    try:
        data = json.loads(line)
    except ValueError:
        text = line.decode("utf-8", "replace") if isinstance(line, bytes) else line
        raise ProtocolError("not JSON: %s" % (text[:80] + "…" if len(text) > 80 else text).strip())
    return _check(data)


def _decode_of(classes, sender):
    def decode_one(line):
        message = decode(line)
        if not isinstance(message, classes):
            raise ProtocolError("%s: not a message %s" % (message.KIND, sender))
        return message

    return decode_one


decode_command = _decode_of(CLI_MESSAGES, "the CLI sends")
decode_worker_message = _decode_of(WORKER_MESSAGES, "a worker sends")
decode_versions = _decode_of((Versions,), "the probe prints")
