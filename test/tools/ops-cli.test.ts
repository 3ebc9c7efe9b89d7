/**
 * Issue 19.5: `npm run ops` on a machine with no AWS set-up says what to set, instead of the SDK's "Region
 * is missing". The CLI is spawned as an operator would run it, with nothing in its environment but PATH.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const ops = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['tools/ops.ts', 'executions'], {
    cwd: root,
    // HOME points nowhere, so no ~/.aws/config of this machine lends a region or credentials.
    env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });

describe('ops CLI without AWS set-up', () => {
  it('names AWS_REGION and --local when there is no region, and exits 2 (a usage error)', () => {
    const run = ops({});
    expect(run.stderr).toContain('ops: No AWS region: set AWS_REGION');
    expect(run.stderr).toContain('--local');
    expect(run.stderr).not.toContain('Region is missing');
    expect(run.stdout).toBe('');
    expect(run.status).toBe(2);
  });

  it('names the credential variables and --local when there are no credentials', () => {
    // No instance metadata either: off EC2 the SDK would otherwise wait for it before giving up.
    const run = ops({ AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' });
    expect(run.stderr).toContain('ops: No AWS credentials: set AWS_PROFILE');
    expect(run.stderr).toContain('--local');
    expect(run.status).toBe(2);
  });
});
