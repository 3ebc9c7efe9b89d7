import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  type ChainItem,
  chainOf,
  checkChain,
  genesisHash,
  hashOfItem,
  systemChain,
} from '../../../shared/domain/audit-chain.ts';
import { checkDigests, digestDocument, type SignedDigest } from '../../../shared/domain/audit-digest.ts';

describe('canonicalJson (RFC 8785, the canonicalize package)', () => {
  it("sorts members by UTF-16 code units and writes numbers as ECMAScript does (RFC 8785 §3.2.3's example)", () => {
    // RFC 8785 §3.2.3, "Sorting of Object Properties": the expected order of the keys.
    const sorting = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(sorting)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it("serializes RFC 8785 §3.2.2's sample input exactly", () => {
    const input = {
      numbers: [Number('333333333.33333329'), 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      string: '\u20ac$\u000f\u000aA\'\u0042\u0022\u005c\\"/',
      literals: [null, true, false],
    };
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('refuses what has no JSON form instead of hashing nothing', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

describe('chainOf', () => {
  it('puts an account subject, or details naming an account, on the account chain; the rest on the system chain', () => {
    expect(chainOf('ACCOUNT#acc_1')).toBe('ACCOUNT#acc_1');
    expect(chainOf('REQUEST#req_1', { accountId: 'acc_2' })).toBe('ACCOUNT#acc_2');
    expect(chainOf('DIRECTORY', { staffId: 'stf' })).toBe(systemChain);
  });
});

/** A chain of `n` entries linked as the writer links them. */
function chainOfEntries(n: number): ChainItem[] {
  const items: ChainItem[] = [];
  let prevHash = genesisHash;
  for (let seq = 1; seq <= n; seq++) {
    const item = { pk: 'ACCOUNT#a', sk: `t#${seq}`, chain: 'ACCOUNT#a', seq, prevHash, action: 'x', hash: '' };
    item.hash = hashOfItem(item);
    prevHash = item.hash;
    items.push(item);
  }
  return items;
}

describe('checkChain', () => {
  const head = (items: ChainItem[]) => ({ seq: items.at(-1)!.seq, hash: items.at(-1)!.hash });

  it('accepts an intact chain', () => {
    const items = chainOfEntries(5);
    expect(checkChain('ACCOUNT#a', items, head(items))).toBeUndefined();
  });

  it('names an altered entry, a missing one, an inserted one and a missing tail', () => {
    const items = chainOfEntries(5);
    const altered = items.map((item) => (item.seq === 3 ? { ...item, action: 'y' } : item));
    expect(checkChain('ACCOUNT#a', altered, head(items))).toMatchObject({
      seq: 3,
      problem: expect.stringMatching(/^altered/),
    });
    const missing = items.filter((item) => item.seq !== 2);
    expect(checkChain('ACCOUNT#a', missing, head(items))).toMatchObject({
      seq: 2,
      problem: expect.stringMatching(/^missing/),
    });
    const inserted = [...items.slice(0, 2), { ...items[1]!, sk: 'forged', action: 'z' }, ...items.slice(2)];
    expect(checkChain('ACCOUNT#a', inserted, head(items))).toMatchObject({
      seq: 2,
      entry: { sk: 'forged' },
      problem: expect.stringMatching(/^inserted/),
    });
    expect(checkChain('ACCOUNT#a', items.slice(0, 4), head(items))).toMatchObject({
      problem: expect.stringMatching(/^missing/),
    });
  });

  it('accepts a tombstone only when a later disposal entry of the chain attests it (CT-06)', () => {
    const items = chainOfEntries(3);
    const { action: _a, ...rest } = items[0]!;
    const tombstone = { ...rest, tombstone: { disposedAt: 'd', job: 'j', retentionSchedule: {}, retainUntil: 'r' } };
    const unattested = [tombstone, ...items.slice(1)];
    expect(checkChain('ACCOUNT#a', unattested, head(items))).toMatchObject({
      seq: 1,
      problem: expect.stringMatching(/tombstone/),
    });
    const attestation = {
      pk: 'ACCOUNT#a',
      sk: 't#4',
      chain: 'ACCOUNT#a',
      seq: 4,
      prevHash: items[2]!.hash,
      action: 'audit-entry.disposed',
      details: { disposedEntries: [{ seq: 1, hash: items[0]!.hash }] },
      hash: '',
    };
    attestation.hash = hashOfItem(attestation);
    const attested = [...unattested, attestation];
    expect(checkChain('ACCOUNT#a', attested, head(attested))).toBeUndefined();
  });
});

describe('checkDigests', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  const items = chainOfEntries(3);
  const digest = (hash: string): SignedDigest => {
    const document = digestDocument({ version: 1, chain: 'ACCOUNT#a', seq: 3, hash, sealedAt: 's', keyId: 'k' });
    return {
      chain: 'ACCOUNT#a',
      seq: 3,
      sealedAt: 's',
      document,
      signature: sign('sha256', Buffer.from(document), privateKey).toString('base64'),
      algorithm: 'ECDSA_SHA_256',
    };
  };

  it('accepts a signed digest of the head, refuses a bad signature and a chain rewritten after sealing', () => {
    expect(checkDigests('ACCOUNT#a', items, [digest(items[2]!.hash)], pem)).toBeUndefined();
    const forged = { ...digest(items[2]!.hash), signature: digest('0'.repeat(64)).signature };
    expect(checkDigests('ACCOUNT#a', items, [forged], pem)?.problem).toMatch(/signature does not verify/);
    expect(checkDigests('ACCOUNT#a', items, [digest('f'.repeat(64))], pem)?.problem).toMatch(/not the one the digest/);
    // Base64 with unused trailing bits flipped decodes to the same signature; only the exact spelling passes.
    let exact = digest(items[2]!.hash);
    // ECDSA signatures are 70 to 72 bytes; a length not divisible by three leaves unused bits in the last character.
    while (Buffer.from(exact.signature, 'base64').length % 3 === 0) exact = digest(items[2]!.hash);
    const lastChar = exact.signature.replace(/=+$/, '').at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const twin = alphabet[alphabet.indexOf(lastChar) ^ 1]!;
    const respelled = exact.signature.replace(/.(=*)$/, `${twin}$1`);
    expect(Buffer.from(respelled, 'base64')).toEqual(Buffer.from(exact.signature, 'base64'));
    expect(checkDigests('ACCOUNT#a', items, [{ ...exact, signature: respelled }], pem)?.problem).toMatch(/signature/);
  });
});
