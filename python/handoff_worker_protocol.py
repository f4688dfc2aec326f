"""The JSON-lines protocol between the CLI (src/evidence/worker-pool.ts) and a shared worker
(handoff_worker_serve.py): the Python side of src/evidence/worker-protocol.ts, which holds the
same definition; test/evidence/worker-protocol.system.test.ts round-trips every kind across the two.
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
from typing import List, Literal, TypedDict, get_args


class ProtocolError(ValueError):
    """A line that is not a message of this protocol."""


# TypedDicts, not dataclasses: a message is the dict JSON gives, and the worker, which imports
# this module at every start, does not pay for generating dataclass methods.
class Run(TypedDict):
    kind: Literal["run"]
    args: List[str]
    log: str
    grace_ms: int


class Started(TypedDict):
    kind: Literal["started"]
    python: str
    pytest: str
    platform: str
    executable: str
    pid: int


class Failed(TypedDict):
    kind: Literal["failed"]
    error: str


class Done(TypedDict):
    kind: Literal["done"]
    exit: int
    duration_s: float


class Ready(TypedDict):
    kind: Literal["ready"]
    retire: bool


class Versions(TypedDict):
    kind: Literal["versions"]
    python: str
    pytest: str
    platform: str
    executable: str


CLI_MESSAGES = (Run,)
WORKER_MESSAGES = (Started, Failed, Done, Ready)
MESSAGES = CLI_MESSAGES + WORKER_MESSAGES + (Versions,)


def kind_of(cls):
    return get_args(cls.__annotations__["kind"])[0]


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


# Each field type: its name in an error (the TypeScript side says the same), and the check.
CHECKS = {
    str: ("a string", lambda v: isinstance(v, str)),
    int: ("an integer", _is_int),
    # A JSON number: JavaScript writes 2.0 as 2.
    float: ("a number", lambda v: (_is_int(v) or isinstance(v, float)) and v == v and v not in (float("inf"), float("-inf"))),
    bool: ("a boolean", lambda v: isinstance(v, bool)),
    List[str]: ("a list of strings", lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v)),
}

# kind -> (TypedDict, its fields but `kind`, in order, with their types)
SHAPES = {kind_of(cls): (cls, [(name, t) for name, t in cls.__annotations__.items() if name != "kind"]) for cls in MESSAGES}


def _check(data):
    if not isinstance(data, dict):
        raise ProtocolError("not a JSON object")
    kind = data.get("kind")
    shape = SHAPES.get(kind) if isinstance(kind, str) else None
    if shape is None:
        raise ProtocolError("unknown kind %s" % json.dumps(kind, ensure_ascii=False))
    fields = shape[1]
    names = [name for name, _ in fields]
    for key in data:
        if key != "kind" and key not in names:
            raise ProtocolError('%s: unexpected field "%s"' % (kind, key))
    message = {"kind": kind}
    for name, field_type in fields:
        if name not in data:
            raise ProtocolError('%s: field "%s" is missing' % (kind, name))
        what, ok = CHECKS[field_type]
        if not ok(data[name]):
            raise ProtocolError('%s: field "%s" is not %s' % (kind, name, what))
        message[name] = data[name]
    return message


def encode(message):
    """One line of the protocol, newline included, as bytes; ProtocolError for what decode would refuse."""
    return (json.dumps(_check(message), ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def decode(line):
    """Any message of the protocol, from one line (bytes or text, with or without its newline)."""
    try:
        data = json.loads(line)
    except ValueError:
        text = line.decode("utf-8", "replace") if isinstance(line, bytes) else line
        raise ProtocolError("not JSON: %s" % (text[:80] + "…" if len(text) > 80 else text).strip())
    return _check(data)


def _decode_of(classes, sender):
    kinds = [kind_of(cls) for cls in classes]

    def decode_one(line):
        message = decode(line)
        if message["kind"] not in kinds:
            raise ProtocolError("%s: not a message %s" % (message["kind"], sender))
        return message

    return decode_one


decode_command = _decode_of(CLI_MESSAGES, "the CLI sends")
