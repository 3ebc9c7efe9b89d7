/** DescribeSecret and ListSecrets: everything about secrets except their values. */
import { matchesFilters } from '../filters.ts';
import type { Input } from '../model.ts';
import { paginate } from '../pagination.ts';
import type { SecretRecord } from '../records.ts';
import { describeOutput, listEntry } from '../wire.ts';
import type { Handler } from './context.ts';

/** Also answers for a secret scheduled for deletion, showing its DeletedDate. */
export const describeSecret: Handler<Input<'DescribeSecret'>> = (input, { store }) => ({
  output: describeOutput(store.get(input.SecretId)),
  mutated: false,
});

const sortKeys = {
  'created-date': (secret) => secret.createdDate,
  'last-accessed-date': (secret) => secret.lastAccessedDate ?? 0,
  'last-changed-date': (secret) => secret.lastChangedDate,
  name: (secret) => secret.name,
} satisfies Record<string, (secret: SecretRecord) => number | string>;

/** Secrets not scheduled for deletion (unless IncludePlannedDeletion), filtered, sorted, one page at a time. */
export const listSecrets: Handler<Input<'ListSecrets'>> = (input, { store }) => {
  // Validation has already held SortBy to the model's enum.
  const key = sortKeys[(input.SortBy ?? 'created-date') as keyof typeof sortKeys];
  const direction = input.SortOrder === 'asc' ? 1 : -1;
  const secrets = store
    .all()
    .filter((secret) => input.IncludePlannedDeletion === true || secret.deletedDate === undefined)
    .filter((secret) => matchesFilters(secret, input.Filters ?? []))
    .sort((a, b) => direction * compare(key(a), key(b)) || compare(a.name, b.name));
  const { page, nextToken } = paginate(secrets, input.MaxResults, input.NextToken, 100);
  return { output: { SecretList: page.map(listEntry), NextToken: nextToken }, mutated: false };
};

const compare = (a: number | string, b: number | string) => (a === b ? 0 : a < b ? -1 : 1);
