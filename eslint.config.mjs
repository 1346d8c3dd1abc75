// One lint configuration for the whole workspace. Module boundaries are the architecture rules:
// a service never imports another service, libs never import services, and the contracts depend on nothing of ours.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

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
