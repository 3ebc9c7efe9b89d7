/** TN-15: the account's About text, generated from the profile's template on approval. */
import type { PolicyProfile } from '../policy/schema.ts';
import type { Region } from '../schemas/staff.ts';

/** The template with region, office contacts, hotline and agency filled in. */
export function renderAboutText(profile: PolicyProfile, region: Region): string {
  const officeContacts = region.offices
    .map((office) =>
      [office.name, office.address, `Phone ${office.phone}`, office.fax ? `Fax ${office.fax}` : '', office.email]
        .filter(Boolean)
        .join(', '),
    )
    .join('\n');
  const values: Record<string, string> = {
    regionName: region.name,
    officeContacts,
    hotlinePhone: profile.hotline.phone,
    hotlineUrl: profile.hotline.url,
    agency: profile.agency,
  };
  return profile.aboutTemplate.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
}
