/**
 * The people and regions the local runtime seeds into the staff directory, so every role of the
 * contract has someone to sign in as. Ids are stable across restarts; tokens are minted per start.
 */
import type { DirectoryEntry } from '../shared/auth/caller.ts';
import type { Role } from '../shared/auth/roles.ts';
import type { Region } from '../shared/schemas/staff.ts';

export const homeRegion = 'smoky-mountain';
export const otherRegion = 'knox';
/** Statewide roles (Communications, IT, HR, operations) sit in the central office. */
export const centralRegion = 'central';

export const regions: Region[] = [
  {
    regionId: homeRegion,
    name: 'Smoky Mountain',
    offices: [
      {
        officeId: 'sevier',
        name: 'Sevier County Office',
        address: '100 Parkway, Sevierville, TN 37862',
        phone: '865-555-0100',
        fax: '865-555-0101',
        email: 'smoky.region@agency.example',
      },
      {
        officeId: 'blount',
        name: 'Blount County Office',
        address: '200 Broadway, Maryville, TN 37801',
        phone: '865-555-0200',
        fax: '865-555-0201',
        email: 'blount.office@agency.example',
      },
    ],
  },
  {
    regionId: otherRegion,
    name: 'Knox',
    offices: [
      {
        officeId: 'knox-central',
        name: 'Knox Office',
        address: '300 Gay St, Knoxville, TN 37902',
        phone: '865-555-0300',
        fax: '865-555-0301',
        email: 'knox.region@agency.example',
      },
    ],
  },
  {
    regionId: centralRegion,
    name: 'Central Office',
    offices: [
      {
        officeId: 'central',
        name: 'Central Office',
        address: '400 Capitol Blvd, Nashville, TN 37243',
        phone: '615-555-0400',
        fax: '615-555-0401',
        email: 'central@agency.example',
      },
    ],
  },
];

const person = (
  key: string,
  name: string,
  roles: Role[],
  region: string,
  office: string,
  extra: Partial<DirectoryEntry> = {},
): [string, DirectoryEntry] => [
  key,
  {
    staffId: `stf-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
    name,
    email: `${key.toLowerCase()}@agency.example`,
    roles,
    region,
    office,
    ...extra,
  },
];

const supervisorId = 'stf-supervisor';

/**
 * Persona name → directory entry. The contract names the keys; other systems rely on them. What a
 * persona may do comes from here (the directory), never from its token (issue 15.3).
 */
export const personas: Record<string, DirectoryEntry> = Object.fromEntries([
  person('director', 'Dana Director', ['director'], homeRegion, 'sevier'),
  person('designee', 'Devin Designee', ['designee'], homeRegion, 'sevier'),
  // NJ-09: long-term access is requested by the Local Office Manager of the grantee's office.
  person('officeManager', 'Morgan Office Manager', ['office-manager', 'staff'], homeRegion, 'sevier', { supervisorId }),
  person('communications', 'Casey Communications', ['communications'], centralRegion, 'central'),
  // A second holder of the approver role, so escalation has an alternate approver to ask.
  person('communications2', 'Morgan Communications', ['communications'], centralRegion, 'central'),
  person('administrator', 'Avery Administrator', ['administrator', 'staff'], homeRegion, 'sevier', { supervisorId }),
  person('backupAdministrator', 'Blake Backup', ['administrator', 'staff'], homeRegion, 'sevier', { supervisorId }),
  person('supervisor', 'Sam Supervisor', ['supervisor', 'staff'], homeRegion, 'sevier', {
    unit: 'missing-child-locator-unit',
  }),
  person('staff', 'Sky Caseworker', ['staff'], homeRegion, 'sevier', {
    supervisorId,
    unit: 'missing-child-locator-unit',
  }),
  person('staff2', 'Robin Caseworker', ['staff'], homeRegion, 'sevier', {
    supervisorId,
    unit: 'missing-child-locator-unit',
  }),
  person('staff3', 'Jordan Caseworker', ['staff'], homeRegion, 'sevier', { supervisorId, unit: 'in-home-services' }),
  person('hr', 'Harper HR', ['hr'], centralRegion, 'central'),
  // A machine client, registered in the directory like a person, with the regions it serves.
  person('caseSystem', 'Case Management System', ['case-system'], homeRegion, 'sevier', {
    kind: 'client',
    regions: [homeRegion],
  }),
  person('operations', 'Oakley Operations', ['operations'], centralRegion, 'central'),
  // Manages the directory's shape (regions, offices, group mapping, machine clients); nothing else.
  person('systemAdmin', 'Sidney System Admin', ['system-admin'], centralRegion, 'central'),
  // DC-01, MO-04: oversees every account statewide; reads, records its monitoring, suspends and reinstates.
  person('oversight', 'Ollie Oversight', ['oversight'], centralRegion, 'central'),
  // CT-06: lifts litigation holds; a director never lifts the hold on their own region.
  person('recordsOfficer', 'Rory Records Officer', ['records-officer'], centralRegion, 'central'),
  person('itDirector', 'Indra IT Director', ['it-director'], centralRegion, 'central'),
  person('infoServices', 'Ines Information Services', ['info-services'], centralRegion, 'central'),
  person('opi', 'Olive Public Information', ['opi'], centralRegion, 'central'),
  // NJ-02's CP&P Director approves statewide; a regional director never approves their own request.
  person('programDirector', 'Pat Program Director', ['director'], centralRegion, 'central'),
  person('otherDirector', 'Orion Other-Region Director', ['director'], otherRegion, 'knox-central'),
]);
