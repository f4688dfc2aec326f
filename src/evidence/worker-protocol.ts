// The JSON-lines protocol between worker-pool.ts and a shared worker (python/handoff_worker.py
// serve), one JSON object per line on the worker's fd 3, `kind` naming it. Its Python side is
// python/handoff_worker_protocol.py; test/evidence/worker-protocol.system.test.ts round-trips every kind
// across the two.
//
//   CLI → worker   run       one selector: pytest's arguments, the log its fds 1 and 2 go to, and
//                            the grace (ms) for what its tests leave running
//                  (end of file on fd 3: the worker exits; stopping has no message of its own)
//   worker → CLI   started   pytest is imported: the versions, the worker's pid; it takes a run
//                  failed    it cannot go on (no pytest, a line it cannot read): why; it exits
//                  done      pytest.main returned: its exit code and how long it took
//                  ready     leftovers ended and the interpreter reset; `retire`: do not reuse it
//   probe stdout   versions  python, pytest, platform and executable (`handoff_worker.py probe`)
//
// Decoding is checked: a line that is not exactly one of these (unknown kind, a field missing,
// extra or of the wrong type) is a ProtocolError, on both sides.

export interface Versions {
  python: string;
  pytest: string;
  platform: string;
  /** What a launcher (a pyenv shim) started, so later processes can start it directly. */
  executable: string;
}

export interface RunCommand {
  kind: 'run';
  args: string[];
  log: string;
  grace_ms: number;
}

export interface StartedMessage extends Versions {
  kind: 'started';
  pid: number;
}

export interface FailedMessage {
  kind: 'failed';
  error: string;
}

export interface DoneMessage {
  kind: 'done';
  exit: number;
  duration_s: number;
}

export interface ReadyMessage {
  kind: 'ready';
  retire: boolean;
}

export interface VersionsMessage extends Versions {
  kind: 'versions';
}

/** What the CLI sends a worker. */
export type CliMessage = RunCommand;
/** What a worker sends the CLI. */
export type WorkerMessage = StartedMessage | FailedMessage | DoneMessage | ReadyMessage;
export type Message = CliMessage | WorkerMessage | VersionsMessage;
export type MessageKind = Message['kind'];

export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

type FieldType = 'string' | 'strings' | 'integer' | 'number' | 'boolean';
type Shape<M> = { [K in Exclude<keyof M, 'kind'>]: FieldType };

// One entry per kind, typed against its interface: a field added to one and not the other does not compile.
const SHAPES: { [K in MessageKind]: Shape<Extract<Message, { kind: K }>> } = {
  run: { args: 'strings', log: 'string', grace_ms: 'integer' },
  started: { python: 'string', pytest: 'string', platform: 'string', executable: 'string', pid: 'integer' },
  failed: { error: 'string' },
  done: { exit: 'integer', duration_s: 'number' },
  ready: { retire: 'boolean' },
  versions: { python: 'string', pytest: 'string', platform: 'string', executable: 'string' },
};

export const CLI_KINDS: readonly CliMessage['kind'][] = ['run'];
export const WORKER_KINDS: readonly WorkerMessage['kind'][] = ['started', 'failed', 'done', 'ready'];
export const MESSAGE_KINDS = Object.keys(SHAPES) as MessageKind[];

/** Each field type: what it must be, and its name in an error (the Python side says the same). */
const CHECKS: Record<FieldType, [string, (value: unknown) => boolean]> = {
  string: ['a string', (v) => typeof v === 'string'],
  strings: ['a list of strings', (v) => Array.isArray(v) && v.every((item) => typeof item === 'string')],
  integer: ['an integer', (v) => Number.isSafeInteger(v)],
  number: ['a number', (v) => typeof v === 'number' && Number.isFinite(v)],
  boolean: ['a boolean', (v) => typeof v === 'boolean'],
};

function check(data: unknown): Message {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ProtocolError('not a JSON object');
  const record = data as Record<string, unknown>;
  const kind = record.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(SHAPES, kind)) throw new ProtocolError(`unknown kind ${JSON.stringify(kind ?? null)}`);
  const shape = SHAPES[kind as MessageKind] as Record<string, FieldType>;
  for (const key of Object.keys(record)) {
    if (key !== 'kind' && !Object.hasOwn(shape, key)) throw new ProtocolError(`${kind}: unexpected field "${key}"`);
  }
  for (const [key, type] of Object.entries(shape)) {
    if (!Object.hasOwn(record, key)) throw new ProtocolError(`${kind}: field "${key}" is missing`);
    const [name, ok] = CHECKS[type];
    if (!ok(record[key])) throw new ProtocolError(`${kind}: field "${key}" is not ${name}`);
  }
  return record as unknown as Message;
}

/** One line of the protocol, newline included. Throws ProtocolError for a message it could not decode. */
export function encodeMessage(message: Message): string {
  const shape = SHAPES[message.kind] as Record<string, FieldType>;
  const ordered: Record<string, unknown> = { kind: message.kind };
  for (const key of Object.keys(shape)) ordered[key] = (message as unknown as Record<string, unknown>)[key];
  check(ordered);
  return `${JSON.stringify(ordered)}\n`;
}

/** Any message of the protocol, from one line (with or without its newline). */
export function decodeMessage(line: string): Message {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    throw new ProtocolError(`not JSON: ${line.length > 80 ? `${line.slice(0, 80)}…` : line}`);
  }
  return check(data);
}

function decodeOf<K extends MessageKind>(kinds: readonly K[], from: string) {
  return (line: string): Extract<Message, { kind: K }> => {
    const message = decodeMessage(line);
    if (!(kinds as readonly string[]).includes(message.kind)) throw new ProtocolError(`${message.kind}: not a message ${from}`);
    return message as Extract<Message, { kind: K }>;
  };
}

/** What a worker says on its control channel. */
export const decodeWorkerMessage = decodeOf(WORKER_KINDS, 'a worker sends');
/** What the CLI says to a worker (decoded by the Python side; here for the round-trip test). */
export const decodeCliMessage = decodeOf(CLI_KINDS, 'the CLI sends');
/** The probe's report on its stdout. */
export const decodeVersionsReport = decodeOf(['versions'] as const, 'the probe prints');
