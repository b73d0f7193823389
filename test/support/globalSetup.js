// Before any test file: one temporary folder for the whole run, which every test's temporary folders go under
// (os.tmpdir() reads TMPDIR, and the workers and the bots they start inherit it). On memory (/dev/shm) when the
// machine has room there: most suites keep an embedded store, which fsyncs every write, and on a loaded disk those
// fsyncs took a quarter of a dialog table's time (test/dialogs/interruptions: 50 -> 38 s); no test is about what a
// real disk keeps after a power cut. globalTeardown.js removes the folder, with whatever a test left in it.
// A TMPDIR set by whoever runs the tests is kept as the place for it.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const MEMORY = '/dev/shm';
/** what the run may need at most (its folders average a few hundred KB; a run makes about a thousand) */
const ROOM_BYTES = 2 * 1024 ** 3;

function memoryHasRoom() {
  try {
    fs.accessSync(MEMORY, fs.constants.W_OK);
    const { bavail, bsize } = fs.statfsSync(MEMORY);
    return bavail * bsize >= ROOM_BYTES;
  } catch {
    return false;
  }
}

module.exports = async () => {
  const base = !process.env.TMPDIR && memoryHasRoom() ? MEMORY : os.tmpdir();
  const runDir = fs.mkdtempSync(path.join(base, 'adr-jest-run-'));
  process.env.ADR_TEST_RUN_DIR = runDir;
  process.env.TMPDIR = runDir;
};
