/**
 * Finding a protected name (a child's, a family member's) or a case id in free text, so that a
 * confidentiality rule is checked rather than only declared (issue 17.6). Matching is generous on
 * purpose: case-insensitive, on word boundaries, after Unicode normalization (NFKC, then accents
 * dropped), with any run of spaces, hyphens or apostrophes in a name matching any other, so
 * "José  O'Neil" is found as "jose o’neil". The caller learns only whether something matched,
 * never what, so that no error, log or audit entry can repeat a protected name.
 */

/** Folds text for comparison: compatibility forms unified, accents dropped, case folded. */
export const foldText = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFKC')
    .toLocaleLowerCase('und');

const separators = /[\s\-\u2010-\u2015'\u2018\u2019\u02bc]+/gu;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern matching the name as a whole word (or words) in folded text; undefined for a name with no letters. */
function namePattern(name: string): RegExp | undefined {
  const parts = foldText(name).split(separators).filter(Boolean);
  if (parts.length === 0) return undefined;
  const body = parts.map(escapeRegExp).join(`[\\s\\-\\u2010-\\u2015'\\u2018\\u2019\\u02bc]+`);
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'u');
}

/** Whether the text names any of the terms (names or case ids); blank terms match nothing. */
export function namesAny(text: string | undefined, terms: readonly string[]): boolean {
  if (!text) return false;
  const folded = foldText(text);
  return terms.some((term) => namePattern(term)?.test(folded) ?? false);
}
