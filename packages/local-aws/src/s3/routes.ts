/**
 * Which operation a request is, from its method, whether it names a bucket and a key, and its
 * subresource (`?versioning`, `?object-lock`, `?retention`, ...). Anything not served here is S3's
 * NotImplemented (501), so an unsupported call fails loudly instead of doing something else.
 */
import * as bucketOps from './bucket-operations.ts';
import { errors } from './errors.ts';
import { putObjectLockConfiguration } from './lock-configuration.ts';
import { listObjects, listObjectsV2, listObjectVersions } from './list-operations.ts';
import * as lockOps from './object-lock-operations.ts';
import * as objectOps from './object-operations.ts';
import type { Operation } from './request.ts';

/** Query parameters that are arguments of an operation, not a subresource naming another operation. */
const parameters = new Set([
  'versionId',
  'prefix',
  'delimiter',
  'max-keys',
  'continuation-token',
  'start-after',
  'encoding-type',
  'fetch-owner',
  'list-type',
  'marker',
  'key-marker',
  'version-id-marker',
  'x-id',
  'partNumber',
]);

type Table = Record<string, Operation | undefined>;

/** By level (service, bucket, object), then `METHOD subresource`. */
const table: { service: Table; bucket: Table; object: Table } = {
  service: { 'GET ': bucketOps.listBuckets },
  bucket: {
    'PUT ': bucketOps.createBucket,
    'HEAD ': bucketOps.headBucket,
    'DELETE ': bucketOps.deleteBucket,
    'GET ': listObjects,
    'GET location': bucketOps.getBucketLocation,
    'GET versioning': bucketOps.getBucketVersioning,
    'PUT versioning': bucketOps.putBucketVersioning,
    'GET object-lock': bucketOps.getObjectLockConfiguration,
    'PUT object-lock': putObjectLockConfiguration,
    'GET versions': listObjectVersions,
  },
  object: {
    'PUT ': objectOps.putObject,
    'GET ': objectOps.getObject,
    'HEAD ': objectOps.headObject,
    'DELETE ': objectOps.deleteObject,
    'GET retention': lockOps.getObjectRetention,
    'PUT retention': lockOps.putObjectRetention,
    'GET legal-hold': lockOps.getObjectLegalHold,
    'PUT legal-hold': lockOps.putObjectLegalHold,
  },
};

/** The operation for a request, or NotImplemented naming what was asked. */
export function route(
  method: string,
  bucket: string,
  key: string,
  query: URLSearchParams,
  header: (name: string) => string | undefined,
): Operation {
  const subresources = [...query.keys()].filter(
    (name) => !parameters.has(name) && !name.startsWith('X-Amz-') && !name.startsWith('x-amz-'),
  );
  if (subresources.length > 1) throw errors.notImplemented(`?${subresources.join('&')}`);
  const subresource = subresources[0] ?? '';
  const level = bucket === '' ? 'service' : key === '' ? 'bucket' : 'object';
  const listType = query.get('list-type');
  if (level === 'bucket' && method === 'GET' && subresource === '' && listType !== null) {
    if (listType !== '2') throw errors.invalidArgument('Invalid List Type specified in Request', 'list-type', listType);
    return listObjectsV2;
  }
  if (level === 'object' && method === 'PUT' && subresource === '' && header('x-amz-copy-source') !== undefined)
    throw errors.notImplemented('CopyObject');
  const operation = table[level][`${method} ${subresource}`];
  if (!operation) throw errors.notImplemented(`${method} ${level}${subresource === '' ? '' : ` ?${subresource}`}`);
  return operation;
}
