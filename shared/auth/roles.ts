/** The roles of the contract's identity section; a token's `roles` claim holds some of these. */
export const roles = [
  'director',
  'designee',
  'communications',
  'it-director',
  'info-services',
  'opi',
  'administrator',
  'supervisor',
  'staff',
  'hr',
  'case-system',
  'operations',
] as const;

export type Role = (typeof roles)[number];

export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);
