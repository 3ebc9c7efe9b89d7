/**
 * The authorization matrix's data and its document agree, and the data covers every route, so a
 * new route cannot ship without someone deciding who may call it (the live check of every cell
 * runs in `npm run test:reliability`).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMatrix, uncoveredRoutes } from '../reliability/authorization-matrix.ts';
import { repositoryRoot } from '../support/runtime.ts';

describe('authorization matrix', () => {
  it('has a row for every route of the route table', () => {
    expect(uncoveredRoutes()).toEqual([]);
  });

  it('docs/authorization-matrix.md is rendered from it (node test/reliability/render-matrix.ts > docs/authorization-matrix.md)', async () => {
    expect(await readFile(join(repositoryRoot, 'docs', 'authorization-matrix.md'), 'utf8')).toBe(renderMatrix());
  });
});
