export function inputJsonSchema(): unknown {
  throw new Error('schema: not implemented yet');
}
