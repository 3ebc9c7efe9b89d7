/**
 * ListSecrets filters, as the API reference defines them: name, tag-key, tag-value prefix match
 * case-sensitively; description prefix matches ignoring case; `all` breaks the value into words
 * and looks for them in every attribute, ignoring case. A value starting with `!` negates.
 * Values of one filter are alternatives; separate filters must all match.
 */
import type { Input } from './model.ts';
import type { SecretRecord } from './records.ts';

/** One element of ListSecrets' `Filters`. */
export type Filter = NonNullable<Input<'ListSecrets'>['Filters']>[number];

/** Whether a secret passes every filter. */
export function matchesFilters(secret: SecretRecord, filters: readonly Filter[]): boolean {
  return filters.every((filter) => matchesFilter(secret, filter));
}

function matchesFilter(secret: SecretRecord, filter: Filter): boolean {
  const values = filter.Values ?? [];
  const positive = values.filter((value) => !value.startsWith('!'));
  const negated = values.filter((value) => value.startsWith('!')).map((value) => value.slice(1));
  const test = (value: string) => matchesValue(secret, filter.Key, value);
  return (positive.length === 0 || positive.some(test)) && !negated.some(test);
}

function matchesValue(secret: SecretRecord, key: string | undefined, value: string): boolean {
  const prefixOf = (candidates: readonly (string | undefined)[]) => candidates.some((c) => c?.startsWith(value));
  switch (key) {
    case 'name':
      return prefixOf([secret.name]);
    case 'description':
      return secret.description?.toLowerCase().startsWith(value.toLowerCase()) ?? false;
    case 'tag-key':
      return prefixOf(secret.tags.map((tag) => tag.Key));
    case 'tag-value':
      return prefixOf(secret.tags.map((tag) => tag.Value));
    case 'all': {
      const attributes = [secret.name, secret.description ?? '', ...secret.tags.flatMap((tag) => [tag.Key, tag.Value])];
      const words = attributes.flatMap(splitWords);
      return splitWords(value).every((wanted) => words.some((word) => word.startsWith(wanted)));
    }
    // Secrets here are neither replicated nor managed by another service, so they have no
    // PrimaryRegion or OwningService to match.
    default:
      return false;
  }
}

const splitWords = (text: string) =>
  text
    .toLowerCase()
    .split(/[\s/_+=.@:-]+/)
    .filter((word) => word.length > 0);
