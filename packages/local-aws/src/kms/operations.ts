/**
 * The KMS operations the audit seal uses (CreateKey, CreateAlias, DescribeKey, GetPublicKey, Sign,
 * Verify), for ECC_NIST_P256 SIGN_VERIFY keys with ECDSA_SHA_256, answering as AWS KMS does.
 */
import { sign, verify } from 'node:crypto';
import { AwsJsonError } from '../aws-json-error.ts';
import { type KeyStore, keyPair, type StoredKey } from './keys.ts';

const keySpec = 'ECC_NIST_P256';
const algorithm = 'ECDSA_SHA_256';
/** KMS signs RAW messages of up to 4096 bytes. */
const maxMessageBytes = 4096;

type Input = Record<string, unknown>;
/** One operation: its output and whether it changed the stored keys. */
type Operation = (input: Input, store: KeyStore, now: number) => { output: Input; mutated?: boolean };

const text = (input: Input, field: string): string => {
  const value = input[field];
  if (typeof value !== 'string' || value === '')
    throw new AwsJsonError(
      'ValidationException',
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  return value;
};

function metadata(key: StoredKey, accountId: string): Input {
  return {
    AWSAccountId: accountId,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: key.createdAt,
    Enabled: true,
    Description: key.description,
    KeyUsage: 'SIGN_VERIFY',
    KeyState: 'Enabled',
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    KeySpec: keySpec,
    CustomerMasterKeySpec: keySpec,
    SigningAlgorithms: [algorithm],
    MultiRegion: false,
  };
}

/** The message to sign or verify; only RAW messages are supported (the stand-in cannot sign a bare digest). */
function message(input: Input): Buffer {
  if (input.SigningAlgorithm !== algorithm)
    throw new AwsJsonError('InvalidKeyUsageException', `Only ${algorithm} is valid for an ${keySpec} key.`);
  if ((input.MessageType ?? 'RAW') !== 'RAW')
    throw new AwsJsonError(
      'ValidationException',
      'This stand-in signs RAW messages only (MessageType DIGEST is not emulated).',
    );
  const bytes = Buffer.from(text(input, 'Message'), 'base64');
  if (bytes.length > maxMessageBytes)
    throw new AwsJsonError(
      'ValidationException',
      `Message must be at most ${maxMessageBytes} bytes; use MessageType DIGEST.`,
    );
  return bytes;
}

/** The operations by name, given the account the ARNs carry. */
export function operations(accountId: string): Record<string, Operation> {
  return {
    CreateKey: (input, store, now) => {
      if ((input.KeySpec ?? input.CustomerMasterKeySpec) !== keySpec || input.KeyUsage !== 'SIGN_VERIFY')
        throw new AwsJsonError(
          'UnsupportedOperationException',
          `This stand-in creates ${keySpec} SIGN_VERIFY keys only.`,
        );
      const key = store.create(typeof input.Description === 'string' ? input.Description : '', now);
      return { output: { KeyMetadata: metadata(key, accountId) }, mutated: true };
    },
    CreateAlias: (input, store) => {
      store.alias(text(input, 'AliasName'), text(input, 'TargetKeyId'));
      return { output: {}, mutated: true };
    },
    DescribeKey: (input, store) => ({ output: { KeyMetadata: metadata(store.find(text(input, 'KeyId')), accountId) } }),
    GetPublicKey: (input, store) => {
      const key = store.find(text(input, 'KeyId'));
      const spki = keyPair(key).publicKey.export({ format: 'der', type: 'spki' });
      return {
        output: {
          KeyId: key.arn,
          PublicKey: spki.toString('base64'),
          KeySpec: keySpec,
          CustomerMasterKeySpec: keySpec,
          KeyUsage: 'SIGN_VERIFY',
          SigningAlgorithms: [algorithm],
        },
      };
    },
    Sign: (input, store) => {
      const key = store.find(text(input, 'KeyId'));
      const signature = sign('sha256', message(input), keyPair(key).privateKey);
      return { output: { KeyId: key.arn, Signature: signature.toString('base64'), SigningAlgorithm: algorithm } };
    },
    Verify: (input, store) => {
      const key = store.find(text(input, 'KeyId'));
      const signature = Buffer.from(text(input, 'Signature'), 'base64');
      if (!verify('sha256', message(input), keyPair(key).publicKey, signature))
        throw new AwsJsonError('KMSInvalidSignatureException', undefined);
      return { output: { KeyId: key.arn, SignatureValid: true, SigningAlgorithm: algorithm } };
    },
  };
}
