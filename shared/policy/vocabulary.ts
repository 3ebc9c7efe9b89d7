/**
 * The words profiles and API schemas share: account purposes, contact purposes and research
 * justifications. Apart from shared/policy/schema.ts so that the request schemas can use them
 * without pulling the profile schema into every function's bundle.
 */
export const accountPurposes = ['client-contact', 'public-information', 'news'] as const;
export const contactPurposes = [
  'diligent-search',
  'locate-missing-child',
  'engage-kin',
  'case-management',
  'research',
  'public-education',
] as const;
export const researchJustifications = [
  'missing-or-runaway-client',
  'non-engaged-kin',
  'suspected-trafficking',
  'standard-of-practice',
] as const;
