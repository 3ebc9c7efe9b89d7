/**
 * Issue 21.1 on DynamoDB Local: writers in separate processes race for one chain's head and none forks
 * it; a caller's transaction is retried only when the chain head lost the race, never when the caller's
 * own condition failed.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../shared/tables.ts';
import { type LocalTables, startLocalTables } from '../support/local-tables.ts';

const run = promisify(execFile);
let local: LocalTables;

beforeAll(async () => {
  local = await startLocalTables(['audit', 'accounts'], { POLICY_PROFILE: 'tn-dcs' });
}, 60_000);
afterAll(() => local?.stop());

describe('audit chains under concurrent writers (issue 21.1)', () => {
  it('four processes appending 50 entries each at once leave one unbroken chain of 200', {
    timeout: 180_000,
  }, async () => {
    const subject = 'ACCOUNT#acc_race00000000000000000000';
    await Promise.all(
      [1, 2, 3, 4].map((writer) =>
        run(process.execPath, ['test/local/fixtures/append-audit.ts', subject, '50', String(writer)], {
          env: process.env,
        }),
      ),
    );
    const { chainItems, chainHead } = await import('../../shared/adapters/audit-chains.ts');
    const { checkChain } = await import('../../shared/domain/audit-chain.ts');
    const items = await chainItems(subject);
    expect(items).toHaveLength(200);
    expect(new Set(items.map((item) => item.actorId))).toEqual(
      new Set(['stf-writer-1', 'stf-writer-2', 'stf-writer-3', 'stf-writer-4']),
    );
    expect(checkChain(subject, items, await chainHead(subject))).toBeUndefined();
    expect(await chainHead(subject)).toMatchObject({ seq: 200, hash: items.at(-1)!.hash });
  });

  it("a caller's own failed condition is thrown at once, not retried, and writes no entry", async () => {
    const { transactWithAudit } = await import('../../shared/adapters/audit.ts');
    const { chainHead } = await import('../../shared/adapters/audit-chains.ts');
    const subject = 'ACCOUNT#acc_owncondition000000000000';
    const entry = { subject, action: 'account.suspended', actorId: 'stf-o', at: new Date().toISOString() };
    const own = {
      ConditionCheck: {
        TableName: tables.accounts.logicalId,
        Key: { pk: subject, sk: 'ACCOUNT' },
        ConditionExpression: 'attribute_exists(pk)',
      },
    };
    const error = await transactWithAudit([own], [entry]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect((error as TransactionCanceledException).CancellationReasons?.[0]?.Code).toBe('ConditionalCheckFailed');
    expect(await chainHead(subject)).toBeUndefined();
  });

  it('a caller that lost the race for the head is retried on the new head, its own items written once', async () => {
    const { transactWithAudit, appendAudit } = await import('../../shared/adapters/audit.ts');
    const { chainItems, chainHead } = await import('../../shared/adapters/audit-chains.ts');
    const subject = 'ACCOUNT#acc_lostrace0000000000000000';
    await appendAudit({ subject, action: 'account.created', actorId: 'stf-o', at: new Date().toISOString() });
    // Both read head 1; one of them must retry on head 2.
    const write = (n: number) =>
      transactWithAudit(
        [
          {
            Put: {
              TableName: tables.accounts.logicalId,
              Item: { pk: subject, sk: `NOTE#${n}` },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
        [{ subject, action: `note.${n}`, actorId: 'stf-o', at: new Date().toISOString() }],
      );
    await Promise.all([write(1), write(2), write(3)]);
    const items = await chainItems(subject);
    expect(items.map((item) => item.action).sort()).toEqual(['account.created', 'note.1', 'note.2', 'note.3']);
    expect(await chainHead(subject)).toMatchObject({ seq: 4 });
  });
});
