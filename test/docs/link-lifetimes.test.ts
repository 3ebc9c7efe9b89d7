/**
 * The README's "How long a link works" table is what the profiles say (issue 16: a decision link's
 * lifetime is stated per profile and shown), so an agency reading it learns the real numbers.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profiles } from '../../shared/policy/index.ts';
import { repositoryRoot } from '../support/runtime.ts';

const days = (n: number) => `${n} days`;

describe('README link lifetimes', () => {
  it('lists every profile with its approval and review link lifetimes', async () => {
    const readme = await readFile(join(repositoryRoot, 'README.md'), 'utf8');
    const start = readme.indexOf('### How long a link works');
    const section = readme.slice(start, readme.indexOf('\n#', start + 1));
    const rows = new Map(
      [...section.matchAll(/^\| `([a-z-]+)` +\| ([^|]+?) +\| ([^|]+?) +\|$/gm)].map(([, name, approval, review]) => [
        name,
        [approval, review],
      ]),
    );
    const expected = Object.entries(profiles).map(([name, profile]) => [
      name,
      [days(profile.accountCreation.expireAfterHours / 24), days(profile.postSuggestions.linkValidDays)],
    ]);
    expect([...rows]).toEqual(expected);
  });
});
