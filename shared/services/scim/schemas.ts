/** The SCIM schema URNs this service provider speaks (RFC 7643, RFC 7644). */
export const userSchema = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const groupSchema = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const enterpriseSchema = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const listSchema = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const patchSchema = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** The enterprise extension's string attributes we keep (manager is kept apart). */
export const enterpriseAttributes = ['employeeNumber', 'costCenter', 'organization', 'division', 'department'] as const;

/**
 * Which enterprise attribute gives a person's region, office and unit. A deployment whose identity
 * provider keeps them elsewhere sets SCIM_REGION_ATTRIBUTE / SCIM_OFFICE_ATTRIBUTE / SCIM_UNIT_ATTRIBUTE.
 */
export const attributeMapping = () => ({
  region: process.env.SCIM_REGION_ATTRIBUTE || 'department',
  office: process.env.SCIM_OFFICE_ATTRIBUTE || 'division',
  unit: process.env.SCIM_UNIT_ATTRIBUTE || 'organization',
});
