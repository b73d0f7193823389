import { readFileSync } from 'node:fs';

/**
 * dialogs/understanding/yesNo.ts and models/contactMentions.ts build the recognizers suite's yes/no, phone and
 * e-mail models once, from the suite's own packages (the suite's recognize* functions rebuild them on every call).
 * The suite bundles its copy of those packages: they must be the same version, or the bot would read differently
 * from what the suite's tests and ours (contactMentions.test.ts compares with the suite's functions) expect.
 */
function versionOf(name: string): string {
  return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
}

test.each(['@microsoft/recognizers-text-choice', '@microsoft/recognizers-text-sequence'])('%s is the version the recognizers suite bundles', (name) => {
  expect(versionOf(name)).toBe(versionOf('@microsoft/recognizers-text-suite'));
});
