// @ts-check
/**
 * Lint (`npm run lint`): a few rules that catch bugs tsc does not, not a style guide (formatting is left alone).
 * Measured on this 2-core machine: 33-35 s of CPU for the whole tree alone, most of it building the TypeScript
 * program that the type-aware rules need. `npm test` runs these rules through `npm run check`
 * (scripts/typecheck-and-lint.js), which hands them the program the type check already built (parserOptions.programs
 * in place of the projectService below): the lint then adds about 10 s of CPU to the type check's 20.
 *
 * Chosen, and why:
 * - @typescript-eslint/no-floating-promises and no-misused-promises: invoke handlers, timers and event callbacks run
 *   unawaited in a bot; a promise nobody awaits loses its error (an unhandled rejection) or races the turn's save.
 * - @typescript-eslint/await-thenable: awaiting something that is not a promise (a callback API such as
 *   server.close, an optional method's undefined) does not wait.
 * - @typescript-eslint/only-throw-error: a thrown string or object has no stack, and the error handlers that map
 *   AppError subclasses to answers do not recognise it.
 * - @typescript-eslint/no-explicit-any: `any` switches off the type checks the schemas and strict mode give us.
 * - no-console: logs go through the Logger (JSON, redacted); console output bypasses both.
 * - no-restricted-imports under models/: domain logic has no Bot Framework import (the SDK is being archived;
 *   models/ must survive a move to the Microsoft 365 Agents SDK).
 * Left out: the recommended sets (hundreds of edits across files for little gain over `tsc --strict`),
 * no-unnecessary-condition (187 findings, many of them defensive checks on input that types cannot vouch for),
 * prefer-promise-reject-errors (flags code that forwards an unknown error as it came).
 */
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', '**/*.js', '**/*.mjs'] },
  {
    files: ['{bot,dialogs,models,scripts,test,web}/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  {
    // their job is console itself: routing library output into the logger, and testing that
    files: ['bot/logger.ts', 'test/bot/consoleToLogger.test.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['models/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/agents-*'],
              message: 'models/ is domain logic: no Bot Framework import (see ARCHITECTURE.md); it belongs in bot/ or dialogs/.',
            },
          ],
        },
      ],
    },
  },
  {
    // botbuilder-dialogs' index loads every prompt and its recognizers (about 190 modules this bot does not use) into
    // every start and every test file that builds the bot: values come from its own modules (dialogs/mainDialog.ts)
    files: ['{bot,dialogs}/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'botbuilder-dialogs', allowTypeImports: true, message: "import the class from its module (e.g. 'botbuilder-dialogs/lib/dialog'): the index loads every prompt" }] },
      ],
    },
  },
);
