// The JSON Schema shipped as schema/handoff-input.schema.json, generated from the same zod
// schema that validates inputs, so an editor's YAML language server and `handoff` agree.
// Cross-field checks (duplicate ids, dangling selector ids, calendar dates, selector command
// lines) are not expressible there and are only made by handoff itself.
import * as z from './zod.js';
import { InputSchema } from './schema.js';

export function inputJsonSchema(): Record<string, unknown> {
  // draft-07: the dialect editors' YAML language servers support most widely.
  return z.toJSONSchema(InputSchema, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
}
