// The whole suite, as the test runner (tools/test-runner) runs it: TEST_KIND=unit or integration.
// Integration tests include the end-to-end ones; they expect the infrastructure and the system to be up.
const fs = require('node:fs');
const path = require('node:path');
const { base } = require('./jest.preset');

const kind = process.env.TEST_KIND ?? 'unit';
const projectDirs = ['libs', 'services']
  .flatMap((group) =>
    fs.readdirSync(path.join(__dirname, group)).map((name) => path.join(__dirname, group, name)),
  )
  .concat(['tools', 'bench', 'e2e'].map((dir) => path.join(__dirname, dir)))
  .filter((dir) => fs.existsSync(path.join(dir, 'project.json')));

const patterns =
  kind === 'unit' ? ['<rootDir>/**/*.spec.ts'] : ['<rootDir>/**/*.int-spec.ts', '<rootDir>/**/*.e2e-spec.ts'];

module.exports = {
  projects: projectDirs.map((dir) => ({
    ...base,
    displayName: `${path.relative(__dirname, dir)}`,
    rootDir: dir,
    testMatch: patterns,
    ...(kind === 'unit' ? {} : { testTimeout: 120_000 }),
  })),
};
