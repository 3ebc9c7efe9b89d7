/**
 * The discovery documents (RFC 7644 §4): what this service provider supports, so an identity
 * provider configures itself rather than guessing. The schema definitions come from scimmy's own
 * (RFC 7643 §8.7.1), not a copy kept by hand.
 */
import SCIMMY from 'scimmy';
import { notFound } from './errors.ts';
import { listResponse } from './list.ts';
import { enterpriseSchema, groupSchema, userSchema } from './schemas.ts';

const schemaSchema = 'urn:ietf:params:scim:schemas:core:2.0:Schema';
const resourceTypeSchema = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';

/** GET /ServiceProviderConfig. */
export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 200 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: 'A long-lived secret the identity provider presents; kept in Secrets Manager, rotatable.',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

/** GET /ResourceTypes. */
export function resourceTypes(baseUrl: string) {
  const types = [
    {
      schemas: [resourceTypeSchema],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'A member of staff',
      schema: userSchema,
      schemaExtensions: [{ schema: enterpriseSchema, required: false }],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: [resourceTypeSchema],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'A group whose membership gives roles through the agency’s group mapping',
      schema: groupSchema,
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/Group` },
    },
  ];
  return listResponse(types, { startIndex: 1, count: types.length });
}

const definitions = {
  [userSchema]: SCIMMY.Schemas.User.definition,
  [groupSchema]: SCIMMY.Schemas.Group.definition,
  [enterpriseSchema]: SCIMMY.Schemas.EnterpriseUser.definition,
};

/** GET /Schemas, or one of them by URN. */
export function schemas(baseUrl: string, id?: string) {
  const describe = (urn: keyof typeof definitions) => ({
    ...definitions[urn].describe(`${baseUrl}/Schemas`),
    schemas: [schemaSchema],
  });
  if (id) {
    if (!(id in definitions)) throw notFound(`Schema ${id}`);
    return describe(id as keyof typeof definitions);
  }
  const all = (Object.keys(definitions) as Array<keyof typeof definitions>).map(describe);
  return listResponse(all, { startIndex: 1, count: all.length });
}
