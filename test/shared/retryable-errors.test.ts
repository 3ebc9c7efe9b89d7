/**
 * shared/retryable-errors.ts: the one list, and the workflows held to it. Every Retry of every ASL
 * file, as the CDK stack and the local runtime read it, names exactly the list (issue 14.6).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServiceUnavailableError } from '../../shared/errors.ts';
import {
  isRetryable,
  isThrottlingName,
  retryableErrorNames,
  throttlingErrorNames,
} from '../../shared/retryable-errors.ts';
import { InvalidTaskInput } from '../../shared/task-handler.ts';
import { readDefinition, retryableErrorsMarker } from '../../shared/workflow-definitions.ts';
import { workflows } from '../../shared/workflows.ts';

const root = resolve(import.meta.dirname, '../..');
type State = { Retry?: Array<{ ErrorEquals: string[] }>; Branches?: Machine[]; ItemProcessor?: Machine };
type Machine = { States: Record<string, State> };

function* retriesOf(machine: Machine, path = ''): Generator<[string, { ErrorEquals: string[] }]> {
  for (const [name, state] of Object.entries(machine.States)) {
    for (const retry of state.Retry ?? []) yield [`${path}${name}`, retry];
    for (const branch of state.Branches ?? []) yield* retriesOf(branch, `${path}${name}/`);
    if (state.ItemProcessor) yield* retriesOf(state.ItemProcessor, `${path}${name}/`);
  }
}

const named = (name: string, extra: object = {}) => Object.assign(new Error('x'), { name, ...extra });

describe('retryableErrorNames', () => {
  it('are the ErrorEquals of every Retry of every workflow, as read for the stack and the local runtime', () => {
    let count = 0;
    for (const workflow of Object.values(workflows)) {
      const raw = readFileSync(resolve(root, workflow.file), 'utf8');
      // Written once, as the marker: no file spells out a list of its own.
      expect(raw, workflow.file).not.toContain('"Lambda.ServiceException"');
      const machine = JSON.parse(readDefinition(workflow, root)) as Machine;
      for (const [state, retry] of retriesOf(machine)) {
        expect(retry.ErrorEquals, `${workflow.file} ${state}`).toEqual([...retryableErrorNames]);
        count++;
      }
      expect(raw.split(retryableErrorsMarker).length - 1, workflow.file).toBe(
        [...retriesOf(JSON.parse(raw) as Machine)].length,
      );
    }
    // 28, and the six tasks that close a wait that ran out (issue 19.2).
    expect(count).toBe(34);
  });

  it('hold no duplicate, and the throttles are among them', () => {
    expect(new Set(retryableErrorNames).size).toBe(retryableErrorNames.length);
    for (const name of throttlingErrorNames) expect(retryableErrorNames).toContain(name);
  });
});

describe('isRetryable', () => {
  it('is true for a listed name, a listed code, the codebase 503 and a reset or refused socket', () => {
    for (const name of retryableErrorNames) expect(isRetryable(named(name)), name).toBe(true);
    expect(isRetryable(new ServiceUnavailableError())).toBe(true);
    expect(isRetryable(named('Error', { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryable(named('Error', { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isRetryable(named('Error', { code: 'ThrottlingException' }))).toBe(true);
  });

  it('is false for what a retry cannot change, and for non-errors', () => {
    for (const error of [
      named('ConditionalCheckFailedException'),
      named('ValidationException'),
      named('ResourceNotFoundException'),
      new InvalidTaskInput('bad'),
      new Error('plain'),
    ])
      expect(isRetryable(error), error.name).toBe(false);
    expect(isRetryable({ name: 'ThrottlingException' })).toBe(false);
    expect(isRetryable(undefined)).toBe(false);
  });
});

describe('isThrottlingName', () => {
  it('names the throttles and nothing else', () => {
    expect(isThrottlingName('ThrottlingException')).toBe(true);
    expect(isThrottlingName('TooManyRequestsException')).toBe(true);
    expect(isThrottlingName('ProvisionedThroughputExceededException')).toBe(true);
    expect(isThrottlingName('RequestLimitExceeded')).toBe(true);
    expect(isThrottlingName('InternalServerError')).toBe(false);
    expect(isThrottlingName(undefined)).toBe(false);
  });
});
