// Writes docs/openapi.json from the route table (the drift test compares against it).
import { writeFileSync } from 'node:fs';
import { openApiDocument } from '../server/app.ts';
import type { AppDeps } from '../server/deps.ts';
import { loadConfig } from '../server/config.ts';

const deps = { database: {} as AppDeps['database'], config: loadConfig({}), clock: () => new Date() };
writeFileSync(
  new URL('../docs/openapi.json', import.meta.url),
  `${JSON.stringify(openApiDocument(deps), null, 2)}\n`,
);
process.stdout.write('docs/openapi.json written\n');
