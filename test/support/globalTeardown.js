// After the last test file: the run's temporary folder (globalSetup.js) goes, with every folder a test left in it.
const fs = require('node:fs');

module.exports = async () => {
  const runDir = process.env.ADR_TEST_RUN_DIR;
  if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
};
