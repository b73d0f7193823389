/**
 * `npm run teams:package`: builds the Teams app package (manifest.json, en-us.json, color.png, outline.png, zip)
 * from the environment and validates it offline against the official schema. The zip's path is the last line of
 * standard output; problems go to standard error, naming the variable or manifest field at fault (exit 1).
 *
 *   MicrosoftAppId        the Azure Bot app id (required; also the Teams app id unless TEAMS_APP_ID is set)
 *   PUBLIC_URL            the bot's public https address (required): developer website, valid domain
 *   TEAMS_APP_ID          a different GUID for the Teams app (optional)
 *   TEAMS_APP_VERSION     the app's version (default: package.json version); raise it for each new upload
 *   TEAMS_DEVELOPER_NAME  publisher shown in Teams (default "Regione Lombardia")
 *   TEAMS_PRIVACY_URL     privacy notice (default PUBLIC_URL/privacy)
 *   TEAMS_TERMS_URL       terms of use (default PUBLIC_URL/privacy)
 *   TEAMS_PACKAGE_DIR     output folder (default ./dist/teams-package)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PackageError, packageSettings, writePackage } from '../bot/teams/appPackage';
import { projectRoot } from '../models/paths';

function main(): void {
  const { version } = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  try {
    const settings = packageSettings(process.env, version);
    const outDir = path.resolve(process.env.TEAMS_PACKAGE_DIR?.trim() || path.join(projectRoot, 'dist', 'teams-package'));
    const zipPath = writePackage(settings, outDir);
    process.stderr.write(`Teams app package ${settings.version} for bot ${settings.botId} (${settings.publicUrl}) validated against manifest schema v1.22.\n`);
    process.stdout.write(`${zipPath}\n`);
  } catch (err) {
    if (err instanceof PackageError) {
      process.stderr.write(`teams:package: the package is not valid:\n${err.problems.map((p) => `  - ${p}`).join('\n')}\n`);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
}

if (require.main === module) main();
