import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../models/paths';

/**
 * The node flags `npm start` runs the bot with (package.json's start script: the young generation's size, V8's
 * helper threads), so that every bench and profile runs the bot, and the echo bot it is compared with, as
 * production does. Read from package.json, the one place they are set.
 */
export function productionNodeFlags(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  const start = manifest.scripts?.start ?? '';
  return start.split(/\s+/).filter((word) => word.startsWith('--'));
}
