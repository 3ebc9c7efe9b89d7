/** TN-15: the account's About text, generated from the profile's template on approval. */
import { PolicyViolationError } from '../errors.ts';
import type { PolicyProfile } from '../policy/schema.ts';
import type { Region } from '../schemas/staff.ts';

/** The office fields a prescribed About text may need filled (TN-15's region name, address, phone, fax, email). */
export type AboutField = PolicyProfile['aboutRequiredFields'][number];

type Office = Region['offices'][number];
const officeField: Record<Exclude<AboutField, 'regionName'>, (office: Office) => string | undefined> = {
  address: (office) => office.address,
  phone: (office) => office.phone,
  fax: (office) => office.fax,
  email: (office) => office.email,
};
const blank = (value: string | undefined) => !value || value.trim() === '';

/**
 * 422 TN-15 while a field the prescribed text needs is empty: the region is unknown or unnamed, has
 * no office, or an office lacks one of the profile's required fields. Prescribed text with a hole in
 * it is not the prescribed text, so no account goes out with one.
 * @enforces TN-15
 */
export function requireAboutFields(
  required: readonly AboutField[],
  regionId: string,
  region: Region | undefined,
): void {
  if (required.length === 0) return;
  const missing: { field: string; message: string }[] = [];
  if (!region || blank(region.name)) missing.push({ field: 'region', message: `region ${regionId} has no name` });
  if (region && region.offices.length === 0) missing.push({ field: 'region', message: 'the region lists no office' });
  for (const office of region?.offices ?? []) {
    for (const field of required) {
      if (field !== 'regionName' && blank(officeField[field](office)))
        missing.push({ field: `offices.${office.officeId}.${field}`, message: `empty ${field}` });
    }
  }
  if (missing.length === 0) return;
  throw new PolicyViolationError(
    'TN-15',
    `The prescribed About text of region ${regionId} needs its ${required.join(', ')} filled in the directory first.`,
    missing,
  );
}

/** One line per office: name, address, phone, fax where known, email. */
function officeContacts(region: Region): string {
  return region.offices
    .map((office) =>
      [office.name, office.address, `Phone ${office.phone}`, office.fax ? `Fax ${office.fax}` : '', office.email]
        .filter(Boolean)
        .join(', '),
    )
    .join('\n');
}

/**
 * Fills a template's profile constants (hotline, agency) so that, once combined with another
 * profile's template (CT-02), each agency's text keeps its own hotline.
 */
export function fillProfileConstants(profile: PolicyProfile): string {
  const [hotline] = profile.hotlines;
  const values: Record<string, string | undefined> = {
    hotlinePhone: hotline?.phone,
    hotlineUrl: hotline?.url,
    agency: profile.agency,
  };
  return profile.aboutTemplate.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
}

/** The template with region, office contacts, hotline and agency filled in; refuses (TN-15) an empty field. */
export function renderAboutText(profile: PolicyProfile, region: Region): string {
  requireAboutFields(profile.aboutRequiredFields, region.regionId, region);
  const values: Record<string, string> = { regionName: region.name, officeContacts: officeContacts(region) };
  return fillProfileConstants(profile).replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
}
