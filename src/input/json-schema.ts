// The JSON Schema shipped as schema/handoff-input.schema.json, generated from the same zod
// schema that validates inputs, so an editor's YAML language server and `handoff` agree.
// Cross-field checks (duplicate ids, dangling selector ids, calendar dates, selector command
// lines) are not expressible there and are only made by handoff itself.
import * as z from 'zod';
import { InputSchema } from './schema.js';

export function inputJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(InputSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}
