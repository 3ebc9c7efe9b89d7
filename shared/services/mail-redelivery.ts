/** The redelivery job: sends what the dead-letter queue holds once SES answers again. */
import { markDelivered, recordFailedRedelivery, undelivered } from '../adapters/outbox.ts';
import { deliver } from '../adapters/mailer.ts';
import { countMetric, logger } from '../telemetry.ts';

export async function redeliverMail(): Promise<{ delivered: number; stillUndelivered: number }> {
  let delivered = 0;
  let failed = 0;
  for (const queued of await undelivered()) {
    if (!queued.message) {
      // Left queued (and counted) for an operator; the others still go out.
      await recordFailedRedelivery(queued.mailId, 'The sealed message cannot be opened.');
      logger.error('queued mail cannot be opened', { mailId: queued.mailId });
      failed++;
      continue;
    }
    try {
      await deliver(queued.message);
      await markDelivered(queued.mailId);
      delivered++;
    } catch (error) {
      await recordFailedRedelivery(
        queued.mailId,
        `${(error as Error).name}: ${(error as Error).message}`.slice(0, 300),
      );
      failed++;
    }
  }
  if (delivered) countMetric('RedeliveredEmails', delivered);
  logger.info('mail redelivery', { delivered, stillUndelivered: failed });
  return { delivered, stillUndelivered: failed };
}
