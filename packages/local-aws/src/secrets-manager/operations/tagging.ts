/** TagResource and UntagResource; tags belong to the secret, not to a version. */
import type { Input } from '../model.ts';
import type { Tag } from '../records.ts';
import type { Handler } from './context.ts';

/** Adds or overwrites tags by key (keys are case-sensitive), keeping the existing order. */
export function mergeTags(existing: readonly Tag[], incoming: readonly { Key?: string; Value?: string }[]): Tag[] {
  const merged = new Map(existing.map((tag) => [tag.Key, tag.Value]));
  for (const tag of incoming) if (tag.Key !== undefined) merged.set(tag.Key, tag.Value ?? '');
  return [...merged].map(([Key, Value]) => ({ Key, Value }));
}

/** Adds tags, overwriting the value of a key the secret already has. */
export const tagResource: Handler<Input<'TagResource'>> = (input, { store, now }) => {
  const secret = store.getActive(input.SecretId);
  secret.tags = mergeTags(secret.tags, input.Tags);
  secret.lastChangedDate = now;
  return { output: {}, mutated: true };
};

/** Removing a key that is not there is no error, as the API reference says. */
export const untagResource: Handler<Input<'UntagResource'>> = (input, { store, now }) => {
  const secret = store.getActive(input.SecretId);
  const keys = new Set(input.TagKeys);
  secret.tags = secret.tags.filter((tag) => !keys.has(tag.Key));
  secret.lastChangedDate = now;
  return { output: {}, mutated: true };
};
