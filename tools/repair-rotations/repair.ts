/**
 * Issue 22's migration. The old design left AWSPENDING on the generated version until the
 * administrator confirmed, which breaks Secrets Manager's rotation contract (every later
 * RotateSecret fails). This moves each such wait to OA_PENDING, where the product now keeps it, and
 * takes AWSPENDING off; an empty version (a rotation that never wrote its password) just loses
 * AWSPENDING. Dry run unless `apply`; either way it says, per secret, what it did or would do.
 */
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { OA_PENDING } from '../../shared/adapters/vault.ts';

const prefix = 'official-accounts/accounts/';

/** One secret's finding: `relabel` and `drop` are repairs (made, or to make in a dry run). */
export interface RepairLine {
  secret: string;
  action: 'ok' | 'relabel' | 'drop';
  versionId?: string;
  detail: string;
}

const holderOf = (stages: Record<string, string[]>, label: string) =>
  Object.entries(stages).find(([, labels]) => labels.includes(label))?.[0];

/** Every account credential secret, by name. */
async function credentialSecrets(client: SecretsManagerClient): Promise<string[]> {
  const names: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(
      new ListSecretsCommand({ NextToken, MaxResults: 100, Filters: [{ Key: 'name', Values: [prefix] }] }),
    );
    names.push(...(page.SecretList ?? []).map((s) => s.Name!).filter((name) => name.startsWith(prefix)));
    NextToken = page.NextToken;
  } while (NextToken);
  return names.sort();
}

async function hasValue(client: SecretsManagerClient, secret: string, versionId: string): Promise<boolean> {
  try {
    const { SecretString, SecretBinary } = await client.send(
      new GetSecretValueCommand({ SecretId: secret, VersionId: versionId }),
    );
    return SecretString !== undefined || SecretBinary !== undefined;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

/** Checks (and with `apply`, repairs) one secret. */
export async function repairSecret(client: SecretsManagerClient, secret: string, apply: boolean): Promise<RepairLine> {
  const { VersionIdsToStages: stages = {} } = await client.send(new DescribeSecretCommand({ SecretId: secret }));
  const pending = holderOf(stages, 'AWSPENDING');
  if (!pending || pending === holderOf(stages, 'AWSCURRENT'))
    return { secret, action: 'ok', detail: 'no dangling AWSPENDING' };
  const remove = (label: string, from: string) =>
    client.send(
      new UpdateSecretVersionStageCommand({ SecretId: secret, VersionStage: label, RemoveFromVersionId: from }),
    );
  const would = apply ? '' : 'would be ';
  if (!(await hasValue(client, secret, pending))) {
    if (apply) await remove('AWSPENDING', pending);
    return {
      secret,
      action: 'drop',
      versionId: pending,
      detail: `AWSPENDING ${would}removed from an empty version (its rotation never wrote a password)`,
    };
  }
  if (apply) {
    const waiting = holderOf(stages, OA_PENDING);
    if (waiting !== pending)
      await client.send(
        new UpdateSecretVersionStageCommand({
          SecretId: secret,
          VersionStage: OA_PENDING,
          MoveToVersionId: pending,
          ...(waiting ? { RemoveFromVersionId: waiting } : {}),
        }),
      );
    await remove('AWSPENDING', pending);
  }
  return {
    secret,
    action: 'relabel',
    versionId: pending,
    detail: `AWSPENDING ${would}moved to ${OA_PENDING}: the password still waits for its administrator`,
  };
}

/** Every credential secret, checked (and repaired with `apply`) one after another. */
export async function repairRotations(client: SecretsManagerClient, apply: boolean): Promise<RepairLine[]> {
  const lines: RepairLine[] = [];
  for (const secret of await credentialSecrets(client)) lines.push(await repairSecret(client, secret, apply));
  return lines;
}
