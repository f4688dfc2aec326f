// The repository as its reader knows it (issue 16 §4): origin's owner/name, else the folder's name.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ownerAndName, originUrl, readRepoIdentity } from '../../src/io/repo-identity.js';
import { makeTempDir } from '../helpers/cli.js';

test.each([
  ['https://github.com/photon-lab/PtychoPINN.git', 'photon-lab/PtychoPINN'],
  ['https://github.com/photon-lab/PtychoPINN', 'photon-lab/PtychoPINN'],
  ['git@github.com:photon-lab/PtychoPINN.git', 'photon-lab/PtychoPINN'],
  ['ssh://git@gitlab.example.org:2222/group/sub/proj.git', 'group/sub/proj'],
  ['https://user@bitbucket.org/team/repo/', 'team/repo'],
  ['/srv/git/project.git', null],
  ['../project', null],
  ['file:///srv/git/project.git', null],
  ['C:/work/project', null],
])('%s → %s', (url, expected) => {
  expect(ownerAndName(url)).toBe(expected);
});

test('the url of [remote "origin"], not of another remote or section', () => {
  const config = '[core]\n\turl = nope\n[remote "upstream"]\n\turl = https://github.com/up/x.git\n[remote "origin"]\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n\turl = git@github.com:me/x.git\n';
  expect(originUrl(config)).toBe('git@github.com:me/x.git');
  expect(originUrl('[remote "upstream"]\n\turl = a\n')).toBeNull();
});

test('read from the config file of the repository, or of a worktree\'s main repository; the folder inside it', async () => {
  const tmp = makeTempDir('handoff-identity-');
  try {
    const main = join(tmp.dir, 'main');
    mkdirSync(join(main, '.git'), { recursive: true });
    mkdirSync(join(main, 'examples', 'mini'), { recursive: true });
    writeFileSync(join(main, '.git', 'config'), '[remote "origin"]\n\turl = https://github.com/lab/tool.git\n');
    expect(await readRepoIdentity(join(main, 'examples', 'mini'))).toEqual({ name: 'lab/tool', folder: 'examples/mini' });
    // A worktree: `.git` is a file pointing at a folder whose commondir is the main repository's.
    const wt = join(tmp.dir, 'wt');
    mkdirSync(join(main, '.git', 'worktrees', 'wt'), { recursive: true });
    writeFileSync(join(main, '.git', 'worktrees', 'wt', 'commondir'), '../..\n');
    mkdirSync(wt);
    writeFileSync(join(wt, '.git'), `gitdir: ${join(main, '.git', 'worktrees', 'wt')}\n`);
    expect(await readRepoIdentity(wt)).toEqual({ name: 'lab/tool', folder: null });
    // No origin on a hosting service: the repository's folder name; outside git: the folder's own.
    writeFileSync(join(main, '.git', 'config'), '[remote "origin"]\n\turl = /srv/git/tool.git\n');
    expect(await readRepoIdentity(join(main, 'examples'))).toEqual({ name: 'main', folder: 'examples' });
    const loose = join(tmp.dir, 'loose', 'proj');
    mkdirSync(loose, { recursive: true });
    expect((await readRepoIdentity(loose)).name).toBe('proj');
  } finally {
    tmp.cleanup();
  }
});
