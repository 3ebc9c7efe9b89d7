/**
 * What Secrets Manager does around rotation that the emulator leaves to its host: starting
 * scheduled rotations once a secret's NextRotationDate has passed (the emulator itself invokes the
 * rotation function step by step, given a way to invoke functions). `npm run rotate-due`
 * runs the schedule now, optionally as of a later date, so the monthly change (TN-09) can be shown
 * without waiting a month.
 */
import {
  ListSecretsCommand,
  RotateSecretCommand,
  SecretsManagerClient,
  type SecretListEntry,
  type SecretsManagerClientConfig,
} from '@aws-sdk/client-secrets-manager';
/** Starts the rotation of every secret whose NextRotationDate is at or before `asOf`; returns their names. */
export async function rotateDueSecrets(client: SecretsManagerClient, asOf: Date): Promise<string[]> {
  const due: SecretListEntry[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListSecretsCommand({ NextToken: nextToken, MaxResults: 100 }));
    due.push(
      ...(page.SecretList ?? []).filter(
        (s) => s.RotationEnabled && s.NextRotationDate && s.NextRotationDate.getTime() <= asOf.getTime(),
      ),
    );
    nextToken = page.NextToken;
  } while (nextToken);
  const started: string[] = [];
  for (const secret of due) {
    try {
      await client.send(new RotateSecretCommand({ SecretId: secret.ARN! }));
      started.push(secret.Name!);
    } catch (error) {
      // A rotation still waiting for its administrator makes Secrets Manager refuse another: as in AWS.
      if ((error as Error).name !== 'InvalidRequestException') throw error;
    }
  }
  return started;
}

/** Checks hourly, as Secrets Manager's scheduler would, for secrets due. */
export function startRotationSchedule(
  clientConfig: SecretsManagerClientConfig,
  onError: (name: string, error: Error) => void,
): () => void {
  const client = new SecretsManagerClient(clientConfig);
  const timer = setInterval(
    () => rotateDueSecrets(client, new Date()).catch((error: Error) => onError('secrets-manager-rotation', error)),
    3_600_000,
  );
  timer.unref();
  return () => {
    clearInterval(timer);
    client.destroy();
  };
}
