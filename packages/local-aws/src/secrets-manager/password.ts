/**
 * GetRandomPassword. Characters come from node:crypto, and when every included type is required
 * the password is drawn uniformly from all passwords that contain each type (rejection sampling),
 * so requiring the types does not make any position more predictable.
 */
import { randomInt } from 'node:crypto';
import { invalidParameter } from './errors.ts';

/** The service's punctuation set, the 32 ASCII punctuation characters. */
export const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const LOWERCASE = 'abcdefghijklmnopqrstuvwxyz';
const UPPERCASE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const MAX_REJECTIONS = 10_000;

/** GetRandomPassword's request, with the service's defaults applied. */
export interface PasswordRequest {
  length: number;
  excludeCharacters: string;
  excludeNumbers: boolean;
  excludePunctuation: boolean;
  excludeUppercase: boolean;
  excludeLowercase: boolean;
  includeSpace: boolean;
  requireEachIncludedType: boolean;
}

/**
 * A password as GetRandomPassword makes it; InvalidParameterException when the options leave nothing to draw or too
 * little room.
 */
export function randomPassword(request: PasswordRequest): string {
  const excluded = new Set(request.excludeCharacters);
  const keep = (characters: string) => [...characters].filter((character) => !excluded.has(character)).join('');
  const required = [
    request.excludeLowercase ? '' : keep(LOWERCASE),
    request.excludeUppercase ? '' : keep(UPPERCASE),
    request.excludeNumbers ? '' : keep(DIGITS),
    request.excludePunctuation ? '' : keep(PUNCTUATION),
  ].filter((characters) => characters.length > 0);
  const alphabet = required.join('') + (request.includeSpace ? keep(' ') : '');
  if (alphabet.length === 0)
    throw invalidParameter('The password cannot be generated: every character type is excluded.');
  if (!request.requireEachIncludedType) return draw(alphabet, request.length);
  if (request.length < required.length)
    throw invalidParameter('Password length is too short based on the required types.');

  const complete = (password: string) =>
    required.every((characters) => [...password].some((c) => characters.includes(c)));
  for (let attempt = 0; attempt < MAX_REJECTIONS; attempt += 1) {
    const password = draw(alphabet, request.length);
    if (complete(password)) return password;
  }
  // Only tiny lengths with a nearly excluded type get here: place one of each type, then shuffle.
  const characters = [...required.map((type) => draw(type, 1)), ...draw(alphabet, request.length - required.length)];
  for (let i = characters.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [characters[i], characters[j]] = [characters[j] ?? '', characters[i] ?? ''];
  }
  return characters.join('');
}

function draw(alphabet: string, length: number): string {
  let result = '';
  for (let i = 0; i < length; i += 1) result += alphabet[randomInt(alphabet.length)];
  return result;
}
