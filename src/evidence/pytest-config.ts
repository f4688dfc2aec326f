// Which markers the repo's pytest configuration registers, read the way pytest finds its
// configuration in the rootdir: the first of pytest.ini, pyproject.toml (with a pytest table),
// tox.ini and setup.cfg (with a pytest section). The brief's marker table shows what the repo
// registers, not only what the input claims. Markers registered in code (conftest.py calling
// config.addinivalue_line) cannot be seen without running pytest; those show as not registered.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface RegisteredMarkers {
  /** The configuration file that was read, relative to the repo. */
  file: string;
  names: Set<string>;
}

/** The markers a pytest `markers` value registers: `name: description` or `name(args): …` lines. */
export function markerNames(lines: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const line of lines) {
    const name = /^\s*([A-Za-z_][\w]*)/.exec(line)?.[1];
    if (name) names.add(name);
  }
  return names;
}

/** The `markers =` value of an INI section (continuation lines are indented). */
function iniMarkers(text: string, section: string): string[] | null {
  const lines = text.split(/\r?\n/);
  let inSection = false;
  let sawSection = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      inSection = header[1]!.trim() === section;
      sawSection ||= inSection;
      continue;
    }
    if (!inSection) continue;
    const m = /^markers\s*[=:]\s*(.*)$/.exec(line);
    if (!m) continue;
    const values = m[1]!.trim() ? [m[1]!.trim()] : [];
    for (let j = i + 1; j < lines.length && /^[ \t]+\S/.test(lines[j]!); j++) values.push(lines[j]!.trim());
    return values;
  }
  return sawSection ? [] : null;
}

async function readText(path: string): Promise<string | null> {
  return readFile(path, 'utf8').catch(() => null);
}

/** The registered markers, or null when the repo has no pytest configuration this can read. */
export async function readRegisteredMarkers(repoDir: string): Promise<RegisteredMarkers | null> {
  const ini = await readText(join(repoDir, 'pytest.ini'));
  if (ini !== null) return { file: 'pytest.ini', names: markerNames(iniMarkers(ini, 'pytest') ?? []) };
  const pyproject = await readText(join(repoDir, 'pyproject.toml'));
  if (pyproject !== null && /^\s*\[tool\.pytest(\.ini_options)?\]/m.test(pyproject)) {
    const { parse } = await import('smol-toml');
    let tool: Record<string, unknown> = {};
    try {
      tool = ((parse(pyproject) as Record<string, unknown>).tool ?? {}) as Record<string, unknown>;
    } catch {
      return null;
    }
    const pytest = (tool.pytest ?? {}) as Record<string, unknown>;
    const table = (pytest.ini_options ?? pytest) as Record<string, unknown>;
    const markers = Array.isArray(table.markers) ? table.markers.map(String) : typeof table.markers === 'string' ? table.markers.split('\n') : [];
    return { file: 'pyproject.toml', names: markerNames(markers) };
  }
  for (const [file, section] of [['tox.ini', 'pytest'], ['setup.cfg', 'tool:pytest']] as const) {
    const text = await readText(join(repoDir, file));
    const markers = text === null ? null : iniMarkers(text, section);
    if (markers !== null) return { file, names: markerNames(markers) };
  }
  return null;
}
