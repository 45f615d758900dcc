import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../app.ts';
import { testContext, type TestContext } from '../test/harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await testContext();
});

describe('OpenAPI', () => {
  it('is served at /api/openapi.json as OpenAPI 3.1 with every route', async () => {
    const r = await t.call('GET', '/api/openapi.json');
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/session');
    expect(
      doc.paths['/api/v1/units/{id}/move'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('parentId');
  });

  it('matches the committed copy in docs/openapi.json (run `npm run openapi` after changing a route)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    expect(openApiDocument(t.deps)).toEqual(committed);
  });
});
