import type { Input } from '../model.ts';
import { randomPassword } from '../password.ts';
import type { Handler } from './context.ts';

/** GetRandomPassword with the service's defaults: 32 characters, every type included and required. */
export const getRandomPassword: Handler<Input<'GetRandomPassword'>> = (input) => ({
  output: {
    RandomPassword: randomPassword({
      length: input.PasswordLength ?? 32,
      excludeCharacters: input.ExcludeCharacters ?? '',
      excludeNumbers: input.ExcludeNumbers ?? false,
      excludePunctuation: input.ExcludePunctuation ?? false,
      excludeUppercase: input.ExcludeUppercase ?? false,
      excludeLowercase: input.ExcludeLowercase ?? false,
      includeSpace: input.IncludeSpace ?? false,
      requireEachIncludedType: input.RequireEachIncludedType ?? true,
    }),
  },
  mutated: false,
});
