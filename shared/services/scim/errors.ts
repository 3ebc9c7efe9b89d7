/**
 * SCIM's own error model (RFC 7644 §3.12): identity providers read `status` and `scimType`, not the
 * contract's `{error: {...}}`, so SCIM routes answer in this shape and nothing else.
 */

/** The `scimType` values RFC 7644 §3.12 defines that this service provider uses. */
export type ScimType =
  | 'invalidFilter'
  | 'invalidSyntax'
  | 'invalidValue'
  | 'uniqueness'
  | 'noTarget'
  | 'mutability'
  | 'invalidPath';

export const errorSchema = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** A refusal the identity provider can act on; thrown before anything is written. */
export class ScimError extends Error {
  override name = 'ScimError';
  readonly status: number;
  readonly scimType: ScimType | undefined;
  constructor(status: number, message: string, scimType?: ScimType) {
    super(message);
    this.status = status;
    this.scimType = scimType;
  }

  /** The RFC's error body; `status` is a string there. */
  body() {
    return {
      schemas: [errorSchema],
      status: String(this.status),
      ...(this.scimType ? { scimType: this.scimType } : {}),
      detail: this.message,
    };
  }
}

export const invalidValue = (detail: string) => new ScimError(400, detail, 'invalidValue');
export const invalidSyntax = (detail: string) => new ScimError(400, detail, 'invalidSyntax');
export const notFound = (what: string) => new ScimError(404, `${what} not found.`);
