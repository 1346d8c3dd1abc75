/** Writes docs/asyncapi.yaml from the contracts library: `npm run asyncapi`. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { buildAsyncApi } from './build-asyncapi';

export const ASYNCAPI_FILE = path.resolve(__dirname, '..', '..', '..', 'docs', 'asyncapi.yaml');

writeFileSync(ASYNCAPI_FILE, stringify(buildAsyncApi('1.0.0'), { lineWidth: 0 }));
process.stdout.write(`wrote ${ASYNCAPI_FILE}\n`);
