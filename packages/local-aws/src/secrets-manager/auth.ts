/**
 * Signature Version 4, as far as an emulator without real credentials can take it: a request must
 * be signed (Authorization header or presigned query) and the signature must be well formed and
 * scoped to this Region and service, but the signature itself is not verified. The errors are the
 * ones AWS gives for the same mistakes, so an unsigned or mis-scoped client fails here as it
 * would against AWS instead of only in production.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { ServiceError } from './errors.ts';

const ALGORITHM = 'AWS4-HMAC-SHA256';
const SERVICE = 'secretsmanager';
const PRESIGNED = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'];

/** Throws the AWS error for a request that is unsigned, malformed, or scoped elsewhere. */
export function checkSignature(headers: IncomingHttpHeaders, query: URLSearchParams, region: string): void {
  const header = headers.authorization;
  if (header !== undefined) {
    checkScope(authorizationCredential(header, headers), region);
    return;
  }
  if (!query.has('X-Amz-Algorithm'))
    throw new ServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  if (query.get('X-Amz-Algorithm') !== ALGORITHM || PRESIGNED.some((name) => !query.get(name))) {
    throw new ServiceError(
      'IncompleteSignatureException',
      `AWS query-string parameters must include ${PRESIGNED.map((name) => `'${name}'`).join(', ')}. Re-examine ` +
        'the query-string parameters.',
    );
  }
  checkScope(query.get('X-Amz-Credential') ?? '', region);
}

function authorizationCredential(header: string, headers: IncomingHttpHeaders): string {
  const parameters = new Map<string, string>();
  if (header.startsWith(`${ALGORITHM} `)) {
    for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
      const separator = part.indexOf('=');
      if (separator > 0) parameters.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
    }
  }
  const problems = ['Credential', 'Signature', 'SignedHeaders']
    .filter((name) => !parameters.get(name))
    .map((name) => `Authorization header requires '${name}' parameter.`);
  if (headers['x-amz-date'] === undefined && headers.date === undefined) {
    problems.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (problems.length > 0)
    throw new ServiceError('IncompleteSignatureException', `${problems.join(' ')} Authorization=${header}`);
  return parameters.get('Credential') ?? '';
}

function checkScope(credential: string, region: string): void {
  const parts = credential.split('/');
  const [keyId, date, scopeRegion, service, terminator] = parts;
  if (parts.length !== 5 || !keyId || !date) {
    throw new ServiceError(
      'IncompleteSignatureException',
      'Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got ' +
        `'${credential}'`,
    );
  }
  if (scopeRegion !== region)
    throw invalidSignature(`Credential should be scoped to a valid region, not '${scopeRegion}'. `);
  if (service !== SERVICE) throw invalidSignature(`Credential should be scoped to correct service: '${SERVICE}'. `);
  if (terminator !== 'aws4_request')
    throw invalidSignature(
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. `,
    );
}

const invalidSignature = (message: string) => new ServiceError('InvalidSignatureException', message);
