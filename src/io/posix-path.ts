// Paths as briefs, manifests, workflows and sites write them: with `/`, whatever the platform.
import { sep } from 'node:path';

export function toPosix(path: string): string {
  return path.split(sep).join('/');
}
