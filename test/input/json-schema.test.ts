// The shipped JSON Schema is checked by a real JSON Schema validator (Ajv, draft-07, as an
// editor's language server would check), not only compared with what zod generates.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { inputJsonSchema } from '../../src/input/json-schema.js';
import { ROOT } from '../helpers/cli.js';
import { GOOD_DIR } from './bad-inputs.js';

const SCHEMA = join(ROOT, 'schema', 'handoff-input.schema.json');

const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);

/** The paths (a/b/0) of the fields with a problem, each once, sorted. */
function schemaErrors(data: unknown): string[] {
  validate(data);
  return [...new Set((validate.errors ?? []).map((e) => e.instancePath.replace(/^\//, '')))].sort();
}

function yamlFile(path: string): Record<string, unknown> {
  return parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

describe('schema/handoff-input.schema.json', () => {
  test('matches inputJsonSchema() byte for byte (run `npm run schema` after changing schema.ts)', () => {
    expect(readFileSync(SCHEMA, 'utf8')).toBe(`${JSON.stringify(inputJsonSchema(), null, 2)}\n`);
  });

  test('accepts the Phase E3 input and the every-field fixture', () => {
    expect(schemaErrors(yamlFile(join(ROOT, 'data/integrate-pytorch-001/phase_e3.yaml')))).toEqual([]);
    expect(schemaErrors(yamlFile(join(GOOD_DIR, 'full.yaml')))).toEqual([]);
  });

  test('rejects unknown keys, wrong types, bad grammars and a missing brief', () => {
    const input = yamlFile(join(ROOT, 'data/integrate-pytorch-001/phase_e3.yaml'));
    const selectors = input.selectors as Array<Record<string, unknown>>;
    selectors[0]!.timout = '90s';
    selectors[1]!.timeout = '5 minutes';
    selectors[2]!.id = 'Not_An_Id';
    input.flags = { name: 'backend' };
    (input.followups as Array<Record<string, unknown>>)[0]!.cadence = 'fortnightly';
    input.version = 2;
    delete input.brief;
    expect(schemaErrors(input)).toEqual(['', 'flags', 'followups/0/cadence', 'selectors/0', 'selectors/1/timeout', 'selectors/2/id', 'version']);
  });
});
