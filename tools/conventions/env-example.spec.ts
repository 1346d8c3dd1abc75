import { readFileSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');

/** The variables named in the first column of the README's configuration table (placeholders left out). */
function readmeVariables(readme: string): string[] {
  const table = readme.split('## Configuration')[1]?.split('\n## ')[0] ?? '';
  const names = table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!));
  return [...new Set(names)];
}

describe('.env.example', () => {
  it('lists every variable of the README configuration table', () => {
    const example = read('.env.example');
    const variables = readmeVariables(read('README.md'));
    expect(variables.length).toBeGreaterThan(40);
    const missing = variables.filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });
});
