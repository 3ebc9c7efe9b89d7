/**
 * The shape of the tree that review and tools rely on (issue 14): no runtime import circle in any
 * source folder, and no non-test source line over Biome's line width, which the formatter cannot
 * enforce on strings and template literals.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseCircular, parseDependencyTree } from 'dpdm';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../support/runtime.ts';

const sourceGlobs = [
  'functions/**/*.ts',
  'shared/**/*.ts',
  'local/**/*.ts',
  'infra/**/*.ts',
  'tools/**/*.ts',
  'packages/*/src/**/*.ts',
  'bench/**/*.ts',
];
const lineWidth = 120;

describe('the tree', () => {
  it('has no runtime import circle (dpdm, type-only imports set aside)', async () => {
    const tree = await parseDependencyTree(sourceGlobs, {
      context: repositoryRoot,
      transform: true,
      skipDynamicImports: false,
      include: /\.ts$/,
      exclude: /node_modules/,
    });
    const circles = parseCircular(tree).map((circle) => circle.join(' -> '));

    expect(Object.keys(tree).length).toBeGreaterThan(200);
    expect(circles).toEqual([]);
  });

  it(`has no non-test source line over ${lineWidth} characters`, () => {
    const files = execFileSync('git', ['ls-files', ...sourceGlobs.filter((glob) => glob !== 'bench/**/*.ts')], {
      cwd: repositoryRoot,
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    const long = files.flatMap((file) =>
      readFileSync(`${repositoryRoot}/${file}`, 'utf8')
        .split('\n')
        .flatMap((line, index) => (line.length > lineWidth ? [`${file}:${index + 1} (${line.length})`] : [])),
    );

    expect(long).toEqual([]);
  });
});
