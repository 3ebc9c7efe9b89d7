import { describe, expect, it } from 'vitest';
import { foldText, namesAny } from '../../../shared/domain/protected-names.ts';

describe('namesAny', () => {
  it('finds a name case-insensitively, accents and compatibility forms folded', () => {
    expect(namesAny('Spoke with JOSÉ today', ['jose'])).toBe(true);
    expect(namesAny('Spoke with jose today', ['José'])).toBe(true);
    // Decomposed (NFD) and fullwidth forms are the same name.
    expect(namesAny('Spoke with Jose\u0301', ['José'])).toBe(true);
    expect(namesAny('Ｊａｍｉｅ called', ['Jamie'])).toBe(true);
    expect(namesAny('ZOË', ['zoe'])).toBe(true);
  });

  it('matches on word boundaries only', () => {
    expect(namesAny('Bananas for Anabel', ['Ana'])).toBe(false);
    expect(namesAny('Ana, are you there?', ['Ana'])).toBe(true);
    expect(namesAny('case-2026-004170', ['case-2026-00417'])).toBe(false);
    expect(namesAny('(case-2026-00417)', ['case-2026-00417'])).toBe(true);
  });

  it('treats any run of spaces, hyphens or apostrophes in a name as the same', () => {
    expect(namesAny('Jamie\n  Rivera', ['Jamie Rivera'])).toBe(true);
    expect(namesAny('Mary-Kate O’Neil', ['mary kate o neil'])).toBe(true);
    expect(namesAny('Jamie and Rivera', ['Jamie Rivera'])).toBe(false);
  });

  it('matches nothing for blank text or blank names, and treats regular-expression characters literally', () => {
    expect(namesAny(undefined, ['Jamie'])).toBe(false);
    expect(namesAny('anything', ['  ', ''])).toBe(false);
    expect(namesAny('a.b', ['a+b'])).toBe(false);
    expect(namesAny('call a+b now', ['a+b'])).toBe(true);
  });
});

describe('foldText', () => {
  it('folds case, accents and compatibility forms', () => {
    expect(foldText('Ｚｏë Ⅳ')).toBe('zoe iv');
  });
});
