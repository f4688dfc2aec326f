// The imports between the source files under src/, read with TypeScript's own scanner (static
// imports and re-exports, `import type`, and `import('…')` with a literal path), so a comment or
// a string that looks like an import is never taken for one. Only relative imports are kept:
// packages and node: built-ins are no part of the layer order.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  /** Importing file, relative to src/, with `/` separators: `commands/run.ts`. */
  from: string;
  /** Imported file, the same way. */
  to: string;
  /** 1-based line of the import. */
  line: number;
  /** `import type` or `export type`: erased when compiled, nothing of the file runs. */
  typeOnly: boolean;
}

function listSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const toPosix = (path: string): string => path.split(sep).join('/');

/** Every relative import of every `.ts` file under `srcDir`, in file order. */
export function readImports(srcDir: string): { files: string[]; edges: ImportEdge[] } {
  const absFiles = listSources(srcDir).sort();
  const edges: ImportEdge[] = [];
  for (const abs of absFiles) {
    const text = readFileSync(abs, 'utf8');
    const { importedFiles } = ts.preProcessFile(text, true, true);
    for (const imported of importedFiles) {
      if (!imported.fileName.startsWith('.')) continue;
      // NodeNext: the specifier names the emitted `.js`; the source is the `.ts` beside it.
      const target = resolve(dirname(abs), imported.fileName).replace(/\.js$/, '.ts');
      const before = text.slice(0, imported.pos);
      const line = before.split('\n').length;
      // The statement is the last `import` or `export` keyword before the path.
      const statement = before.slice(Math.max(before.lastIndexOf('import'), before.lastIndexOf('export')));
      const typeOnly = /^(?:import|export)\s+type\s/.test(statement);
      edges.push({ from: toPosix(relative(srcDir, abs)), to: toPosix(relative(srcDir, target)), line, typeOnly });
    }
  }
  return { files: absFiles.map((f) => toPosix(relative(srcDir, f))), edges };
}

/**
 * The strongly connected components of more than one node (Tarjan): each is a set of nodes that
 * import each other round a loop. Sorted, so a failure reads the same every time.
 */
export function findCycles(nodes: readonly string[], edges: ReadonlyArray<readonly [string, string]>): string[][] {
  const next = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const [a, b] of edges) if (a !== b) next.get(a)?.push(b);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (;;) {
      const top = stack.pop()!;
      onStack.delete(top);
      component.push(top);
      if (top === node) break;
    }
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}
