/**
 * The stand-in's check of SigV4: a request must be signed (header or presigned query) with a credential
 * scoped to this Region and to `s3`. The signature itself is not computed: there are no real keys here.
 */
import { errors, S3Error } from './errors.ts';

/** Refuses an unsigned request (AccessDenied), another scheme, or a credential scoped elsewhere. */
export function checkScope(authorization: string | undefined, query: URLSearchParams, region: string): void {
  let credential: string | undefined;
  if (authorization !== undefined) {
    if (!authorization.startsWith('AWS4-HMAC-SHA256 '))
      throw errors.invalidRequest(
        'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
      );
    credential = /Credential=([^,\s]+)/.exec(authorization)?.[1];
    if (!credential)
      throw new S3Error('AuthorizationHeaderMalformed', 'The authorization header is malformed; no credential.', 400);
  } else if (query.has('X-Amz-Credential')) {
    if (query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256')
      throw errors.invalidRequest('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
    credential = query.get('X-Amz-Credential') ?? undefined;
  }
  if (!credential) throw errors.accessDenied();
  const [, , scopeRegion, service, terminal] = credential.split('/');
  if (scopeRegion !== region)
    throw new S3Error(
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; the region '${scopeRegion}' is wrong; expecting '${region}'`,
      400,
      { Region: region },
    );
  if (service !== 's3' || terminal !== 'aws4_request')
    throw new S3Error(
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; incorrect service "${service}". This endpoint belongs to "s3".`,
      400,
    );
}
