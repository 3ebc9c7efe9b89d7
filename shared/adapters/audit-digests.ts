/**
 * The signed digests of the audit chains (issue 21.2), in their own table (`auditDigests`), apart from
 * the entries: a writer of the audit table cannot also rewrite what was sealed.
 * - a chain's digests, oldest first: pk DIGEST#<chain>, sk <seq, 12 digits>#<sealedAt>
 * Signing is KMS Sign with the ECC_NIST_P256 key (locally the KMS stand-in); the key never leaves KMS.
 */
import { GetPublicKeyCommand, SignCommand } from '@aws-sdk/client-kms';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createPublicKey } from 'node:crypto';
import { auditSigningKeyId, tableName } from '../config.ts';
import { seqKey } from '../domain/audit-chain.ts';
import { type DigestStatement, digestDocument, type SignedDigest } from '../domain/audit-digest.ts';
import { dynamo, kms } from './clients.ts';
import { queryAll } from './query-all.ts';

/** The signing key's public half (PEM) and ARN: what a verifier needs, with no AWS access. */
export async function signingPublicKey(): Promise<{ keyId: string; pem: string }> {
  const { KeyId, PublicKey } = await kms().send(new GetPublicKeyCommand({ KeyId: auditSigningKeyId() }));
  const pem = createPublicKey({ key: Buffer.from(PublicKey!), format: 'der', type: 'spki' })
    .export({ format: 'pem', type: 'spki' })
    .toString();
  return { keyId: KeyId!, pem };
}

/** Signs a statement of a chain's head and stores it; idempotent per chain, number and moment. */
export async function sealHead(
  statement: Omit<DigestStatement, 'version' | 'keyId'>,
  keyId: string,
): Promise<SignedDigest> {
  const document = digestDocument({ version: 1, ...statement, keyId });
  const digest: SignedDigest = {
    chain: statement.chain,
    seq: statement.seq,
    sealedAt: statement.sealedAt,
    document,
    signature: await signDocument(document),
    algorithm: 'ECDSA_SHA_256',
  };
  await dynamo().send(
    new PutCommand({
      TableName: tableName('auditDigests'),
      Item: { pk: `DIGEST#${statement.chain}`, sk: `${seqKey(statement.seq)}#${statement.sealedAt}`, ...digest },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return digest;
}

/** Signs a document (a bundle's manifest, issue 21.4) with the audit signing key; the signature, base64. */
export async function signDocument(document: string): Promise<string> {
  const { Signature } = await kms().send(
    new SignCommand({
      KeyId: auditSigningKeyId(),
      Message: Buffer.from(document),
      MessageType: 'RAW',
      SigningAlgorithm: 'ECDSA_SHA_256',
    }),
  );
  return Buffer.from(Signature!).toString('base64');
}

const digestOf = ({ chain, seq, sealedAt, document, signature, algorithm }: Record<string, unknown>): SignedDigest => ({
  chain: chain as string,
  seq: seq as number,
  sealedAt: sealedAt as string,
  document: document as string,
  signature: signature as string,
  algorithm: algorithm as 'ECDSA_SHA_256',
});

/** A chain's digests, oldest first. */
export async function digestsOf(chain: string): Promise<SignedDigest[]> {
  const items = await queryAll({
    TableName: tableName('auditDigests'),
    KeyConditionExpression: 'pk = :p',
    ExpressionAttributeValues: { ':p': `DIGEST#${chain}` },
  });
  return items.map(digestOf);
}

/** A chain's newest digest (sort keys lead with the zero-padded seq): one item read, however many days sealed. */
export async function lastDigestOf(chain: string): Promise<SignedDigest | undefined> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName('auditDigests'),
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': `DIGEST#${chain}` },
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  return Items[0] ? digestOf(Items[0]) : undefined;
}
