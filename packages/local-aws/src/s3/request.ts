/** What an S3 operation sees of a request and answers, independent of node:http. */
import { errors } from './errors.ts';
import type { Store } from './store.ts';
import { parseXml, type XmlElement } from './xml.ts';

/** A request, addressed path-style: `/<bucket>/<key>`. */
export interface S3Request {
  method: string;
  bucket: string;
  key: string;
  query: URLSearchParams;
  /** A header by lower-cased name; repeated headers joined with commas, as node:http does. */
  header(name: string): string | undefined;
  /** Every header, by lower-cased name. */
  headers: Record<string, string | undefined>;
  body: Buffer;
  now: number;
  region: string;
  store: Store;
}

/** An operation's answer; headers by lower-cased name. */
export interface S3Response {
  status: number;
  headers?: Record<string, string | undefined>;
  body?: string | Buffer;
}

/** One operation. */
export type Operation = (request: S3Request) => Promise<S3Response> | S3Response;

/** An XML answer with a 200. */
export const xmlResponse = (body: string): S3Response => ({
  status: 200,
  headers: { 'content-type': 'application/xml' },
  body,
});

/** The request's XML document, whose root must have the expected name. */
export function requestDocument(request: S3Request, root: string): XmlElement {
  const document = parseXml(request.body.toString('utf8'));
  if (document.name !== root) throw errors.malformedXml();
  return document;
}

/** ISO 8601 with milliseconds, as S3 writes dates in XML and lock headers. */
export const isoDate = (value: string | number) => new Date(value).toISOString();

/** RFC 1123, as S3 writes `Last-Modified`. */
export const httpDate = (value: string | number) => new Date(value).toUTCString();
