// One lint configuration for the whole workspace. Module boundaries are the architecture rules:
// a service never imports another service, libs never import services, and the contracts, the clock and the
// domain building blocks depend on nothing of ours.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const USE_CASES = ['commands', 'queries', 'consumers', 'jobs'];

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', '.stack*/**', '.nx/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'scope:contracts', onlyDependOnLibsWithTags: ['scope:contracts'] },
            { sourceTag: 'scope:clock', onlyDependOnLibsWithTags: ['scope:clock'] },
            { sourceTag: 'scope:domain', onlyDependOnLibsWithTags: ['scope:domain'] },
          ],
        },
      ],
    },
  },
  // The layers of a domain service (docs/contributing.md): use cases never import each other (what several
  // share lives in application/), persistence serves them all, and domain/ is pure.
  {
    // Type-aware rules: a promise nobody awaits loses its error (an unhandled rejection ends the process), and a
    // promise handed where a plain callback is expected (an event listener, a condition) is never awaited.
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  ...useCaseFolders(),
  {
    files: ['services/*/src/**/persistence/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [layer(['application', ...USE_CASES], 'persistence/ holds reads and writes only')] },
      ],
    },
  },
  {
    files: ['services/*/src/**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./',
              message:
                'domain/ imports only domain/ (and @pac/domain, @pac/contracts): it holds the pure rules.',
            },
            {
              group: [
                '@nestjs/*',
                'typeorm',
                'typeorm/*',
                'kafkajs',
                'pg',
                'undici',
                'node:*',
                '@pac/*',
                '!@pac/domain',
                '!@pac/contracts',
              ],
              message: 'domain/ is pure: no NestJS, TypeORM, Kafka, database, network or other I/O.',
            },
          ],
        },
      ],
    },
  },
  {
    // The gateway's controllers are declarations, one per owning service (docs/contributing.md, "The gateway"):
    // what two of them need is in a shared module (forwarding/, bulk/, upstream/), never in another controller.
    files: ['services/gateway/src/routes/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['./*', '../routes/*', '**/*.controller'],
              message:
                'A gateway controller does not import another: put what both need in forwarding/, bulk/ or upstream/.',
            },
          ],
        },
      ],
    },
  },
];

/**
 * commands/, queries/, consumers/ and jobs/ never import one another, and application/ (what several use cases
 * share) imports none of them.
 */
function useCaseFolders() {
  const rule = (folders, message) => ({
    'no-restricted-imports': ['error', { patterns: [layer(folders, message)] }],
  });
  return [
    ...USE_CASES.map((folder) => ({
      files: [`services/*/src/**/${folder}/**/*.ts`],
      rules: rule(
        USE_CASES.filter((other) => other !== folder),
        `${folder}/ never imports another use-case folder: what they share goes in application/`,
      ),
    })),
    {
      files: ['services/*/src/**/application/**/*.ts'],
      rules: rule(USE_CASES, 'application/ serves the use cases: it never imports them'),
    },
  ];
}

/** An import of any of these folders (relative, from anywhere in the service). */
function layer(folders, message) {
  return { regex: `(^|/)(${folders.join('|')})(/|$)`, message };
}
