// What `ci github` needs of an input beyond `validate`: no text that reaches the workflow may
// hold `${{` (GitHub Actions would evaluate it as an expression before any shell or quoting
// sees it: script injection), an on-change follow-up needs paths, and each path must be a
// pattern inside the repository that a path filter reads as written. Each problem has its
// position, so they are thrown together as an InputError (exit 2).
import { posix } from 'node:path';
import type { Problem } from '../errors.js';
import { formatPath } from '../input/check-input.js';
import type { FieldPath, LoadedInput } from '../input/model.js';
import { toPathPattern } from './plan-triggers.js';

const EXPRESSION = /\$\{\{/;

export function checkCiInput(loaded: LoadedInput, repoPrefix: string): Problem[] {
  const { data } = loaded;
  const problems: Problem[] = [];
  const report = (path: FieldPath, message: string) => {
    const { line, col } = loaded.positionOf(path);
    problems.push({ file: loaded.file, line, col, path: formatPath(path), message });
  };
  const noExpression = (path: FieldPath, value: string | undefined, instead: string) => {
    if (value !== undefined && EXPRESSION.test(value)) {
      report(path, `${JSON.stringify(value)} holds "\${{", which GitHub Actions would evaluate as an expression in the workflow (script injection); ${instead}`);
    }
  };

  noExpression(['brief', 'title'], data.brief.title, 'remove it from the title');
  (data.ci?.setup ?? []).forEach((line, i) =>
    noExpression(['ci', 'setup', i], line, 'read the value from an environment variable ($NAME) set in ci.environment instead'),
  );
  (data.ci?.environment ?? []).forEach((e, i) => noExpression(['ci', 'environment', i, 'value'], e.value, 'write the value itself'));
  data.followups.forEach((f, i) => {
    noExpression(['followups', i, 'id'], f.id, 'use letters, digits and -');
    if (f.cadence.kind === 'on-change' && f.paths.length === 0) {
      report(
        ['followups', i, 'paths'],
        'an on-change follow-up needs paths: the files (or folders, ending in /) whose change runs it; without them the workflow cannot tell when to run it',
      );
    }
    f.paths.forEach((p, j) => {
      const at: FieldPath = ['followups', i, 'paths', j];
      if (EXPRESSION.test(p)) noExpression(at, p, 'write the path itself');
      else if (p.startsWith('!')) report(at, `"${p}": a GitHub path filter reads a leading ! as "except"; name the paths that should run the check`);
      else if (posix.isAbsolute(p) || toPathPattern(repoPrefix, p).split('/')[0] === '..') {
        report(at, `"${p}" is outside the repository; paths are relative to the repo`);
      }
    });
  });
  return problems.sort((a, b) => a.line - b.line || a.col - b.col);
}
