import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The project's root folder (the one holding package.json), found from this file's location so the same code
 * works from sources (ts-jest) and from the compiled `dist/` tree.
 */
function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'content'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the project root above ${start}`);
    dir = parent;
  }
}

export const projectRoot = findProjectRoot(__dirname);
export const contentDir = path.join(projectRoot, 'content');
