#!/usr/bin/env node
/**
 * `npm run check` (part of `npm test`): `npm run typecheck` and `npm run lint` in one process, on one TypeScript
 * program. Both build the whole program of the same tree (tsc to check it, typescript-eslint's projectService for the
 * type-aware rules), and building it is nearly all of their cost: run side by side they did that work twice, beside
 * jest's workers on a 2-core machine. Here the program is created once from tsconfig.json, tsc's diagnostics are
 * printed as tsc prints them, then ESLint's own API lints the same files with eslint.config.mjs, handed that program
 * (`parserOptions.programs`) in place of the project service; the rules' type queries reuse the types the check
 * already computed. Same checks, same findings, same output; `npm run typecheck` and `npm run lint` still work alone.
 *
 * Both parts always run to their end (a type error does not hide a lint finding); the exit status is 1 when either
 * found something (a type error, an ESLint error, any ESLint warning: `--max-warnings=0`), 2 when either crashed.
 * Plain JavaScript, so it runs without a build.
 *
 *   node scripts/typecheck-and-lint.js
 */
'use strict';
const path = require('node:path');
const ts = require('typescript');
const { ESLint } = require('eslint');

const root = path.resolve(__dirname, '..');
const TSCONFIG = path.join(root, 'tsconfig.json');

/** tsconfig.json parsed as `tsc -p` parses it; undefined (its errors reported) when it cannot be read */
function parseTsconfig(reportDiagnostic) {
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: reportDiagnostic };
  return ts.getParsedCommandLineOfConfigFile(TSCONFIG, undefined, host);
}

/** the program `tsc -p tsconfig.json` builds: same files, options and JSDoc parsing (only what type errors need) */
function createProgram(config) {
  // parent pointers set at parse time, as typescript-eslint's own createProgramFromConfigFile does for its rules
  const host = ts.createCompilerHost(config.options, true);
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  return ts.createProgram({
    rootNames: config.fileNames,
    options: config.options,
    projectReferences: config.projectReferences,
    host,
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(config),
  });
}

/** tsc's choice of output: colours and source context on a terminal (unless NO_COLOR), one line per error otherwise */
function isPretty(options) {
  if (options && options.pretty !== undefined) return options.pretty;
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
}

/** tsc --noEmit's diagnostics, in tsc's order: semantic ones only when the syntax and options are sound */
function typeDiagnostics(program) {
  const all = [...program.getConfigFileParsingDiagnostics()];
  const configCount = all.length;
  all.push(...program.getSyntacticDiagnostics());
  if (all.length === configCount) {
    all.push(...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics());
    if (all.length === configCount) all.push(...program.getSemanticDiagnostics());
  }
  return ts.sortAndDeduplicateDiagnostics(all);
}

const formatHost = {
  getCurrentDirectory: () => ts.sys.getCurrentDirectory(),
  getNewLine: () => ts.sys.newLine,
  getCanonicalFileName: ts.sys.useCaseSensitiveFileNames ? (name) => name : (name) => name.toLowerCase(),
};

function writeDiagnostics(diagnostics, pretty) {
  for (const diagnostic of diagnostics) {
    process.stdout.write(
      pretty
        ? ts.formatDiagnosticsWithColorAndContext([diagnostic], formatHost) + ts.sys.newLine
        : ts.formatDiagnostic(diagnostic, formatHost),
    );
  }
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length;
  // tsc's own summary on a terminal also tabulates the files (not in TypeScript's public API): the count is enough
  if (pretty && errors > 0) process.stdout.write(`${ts.sys.newLine}Found ${errors} error${errors === 1 ? '' : 's'}.${ts.sys.newLine}`);
  return errors;
}

/** `eslint --max-warnings=0 .` on the given program: the findings count, printed with ESLint's default formatter */
async function lint(program) {
  const eslint = new ESLint({
    cwd: root,
    // after eslint.config.mjs, for every file it lints: the program above instead of a project service of its own
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, programs: [program] } } },
  });
  const results = await eslint.lintFiles(['.']);
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  // what the CLI hands its formatter and prints, with --max-warnings=0
  const meta = warnings > 0 ? { maxWarningsExceeded: { maxWarnings: 0, foundWarnings: warnings } } : {};
  const output = await (await eslint.loadFormatter('stylish')).format(results, meta);
  if (output) process.stdout.write(`${output}\n`);
  if (errors === 0 && warnings > 0) process.stderr.write('ESLint found too many warnings (maximum: 0).\n');
  return errors + warnings;
}

async function main() {
  let status = 0;
  let program;
  try {
    const config = parseTsconfig((d) => process.stdout.write(ts.formatDiagnostic(d, formatHost)));
    if (!config) return 1;
    program = createProgram(config);
    if (writeDiagnostics(typeDiagnostics(program), isPretty(config.options)) > 0) status = 1;
  } catch (error) {
    process.stderr.write(`typecheck crashed: ${error && error.stack ? error.stack : error}\n`);
    return 2;
  }
  try {
    if ((await lint(program)) > 0) status = Math.max(status, 1);
  } catch (error) {
    process.stderr.write(`lint crashed: ${error && error.stack ? error.stack : error}\n`);
    status = 2;
  }
  return status;
}

main().then((status) => {
  process.exitCode = status;
});
