// Shared Jest setup: SWC transpiles TypeScript (with decorator metadata for Nest and class-validator),
// and @pac/* resolves to the libraries' sources. Three kinds of test, by file name:
//   *.spec.ts      unit: domain rules, no I/O
//   *.int-spec.ts  integration: real Postgres and Kafka
//   *.e2e-spec.ts  end to end: the running services through the gateway
const path = require('node:path');
const swcrc = JSON.parse(require('node:fs').readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swcrc.exclude;
delete swcrc.jsc.baseUrl;
delete swcrc.jsc.paths;

/** Dependencies published as ES modules only: Jest transforms them (see `transform`). */
const ESM_ONLY_DEPENDENCIES = ['jose'];

const base = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }],
    // ESM-only dependencies (jose 6), turned into CommonJS as our sources are: Jest's module system cannot load
    // ES modules from CommonJS, where Node (20.19+, 22.13+, 24) does with require(esm).
    '^.+\\.m?js$': [
      '@swc/jest',
      { ...swcrc, swcrc: false, jsc: { ...swcrc.jsc, parser: { syntax: 'ecmascript' }, transform: {} } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_DEPENDENCIES.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@pac/(.*)$': path.join(__dirname, 'libs/$1/src/index.ts') },
};

/** Builds the Jest config of one project with its unit and integration test groups. */
function projectJestConfig(projectDir) {
  return {
    projects: [
      { ...base, displayName: 'unit', rootDir: projectDir, testMatch: ['<rootDir>/**/*.spec.ts'] },
      {
        ...base,
        displayName: 'integration',
        rootDir: projectDir,
        testMatch: ['<rootDir>/**/*.int-spec.ts', '<rootDir>/**/*.e2e-spec.ts'],
      },
    ],
  };
}

/** Every Nx project of the workspace as a Jest project, for one kind of test. */
function workspaceJestConfig(kind) {
  const fs = require('node:fs');
  const projectDirs = ['libs', 'services']
    .flatMap((group) =>
      fs.readdirSync(path.join(__dirname, group)).map((name) => path.join(__dirname, group, name)),
    )
    .concat(['tools', 'bench', 'e2e'].map((dir) => path.join(__dirname, dir)))
    .filter((dir) => fs.existsSync(path.join(dir, 'project.json')));
  const testMatch =
    kind === 'unit'
      ? ['<rootDir>/**/*.spec.ts']
      : ['<rootDir>/**/*.int-spec.ts', '<rootDir>/**/*.e2e-spec.ts'];
  return {
    projects: projectDirs.map((dir) => ({
      ...base,
      displayName: path.relative(__dirname, dir),
      rootDir: dir,
      testMatch,
      ...(kind === 'unit' ? {} : { testTimeout: 120_000 }),
    })),
  };
}

module.exports = { base, projectJestConfig, workspaceJestConfig };
