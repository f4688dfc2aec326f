// Hand-built LoadedInput objects for runner tests, so they do not depend on the input loader.
import { parseSelectorCommand } from '../../src/input/selector-command.js';
import type { Ci, LoadedInput, Selector } from '../../src/input/model.js';
import { minimalInput } from '../render/fixtures.js';

export interface SelectorSpec {
  id: string;
  run: string;
  expect?: Selector['expect'];
  timeout?: number;
  runtime?: Selector['runtime'];
}

export function makeSelector(spec: SelectorSpec): Selector {
  const parsed = parseSelectorCommand(spec.run);
  if (!parsed.ok) throw new Error(`bad run line in test: ${parsed.problems.join('; ')}`);
  return {
    id: spec.id,
    run: spec.run,
    pytestArgs: parsed.command.pytestArgs,
    files: parsed.command.files,
    collectOnly: parsed.command.collectOnly,
    purpose: 'test',
    markers: [],
    expect: spec.expect ?? 'pass',
    timeout: spec.timeout,
    runtime: spec.runtime,
  };
}

export function makeLoaded(repoDir: string, specs: SelectorSpec[], ci?: Partial<Ci>): LoadedInput {
  return {
    file: 'input.yaml',
    absPath: `${repoDir}/input.yaml`,
    text: '',
    repoDir,
    repoFrom: 'option',
    data: {
      ...minimalInput(),
      brief: { id: 'fixture', title: 'Fixture', initiative: 'A', phase: '1', recipient: { initiative: 'B', phase: '2' } },
      selectors: specs.map(makeSelector),
      ci: ci ? { markers: [], retry_on: [], environment: [], requirements: [], setup: [], ...ci } : undefined,
    },
    // Line = 10 + selector index, so a test can tell positions apart.
    positionOf: (path) => ({ line: typeof path[1] === 'number' ? 10 + path[1] : 1, col: 5 }),
  };
}
