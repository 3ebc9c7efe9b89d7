/**
 * Outgoing mail through SES v2, built to survive an SES outage: each send retries with
 * exponential backoff and full jitter; a message SES still refuses goes, sealed, to the dead-letter
 * queue (shared/adapters/outbox.ts) and a metric that alarms, and the redelivery job sends it later.
 * The caller's business step (an incident recorded, a decision taken) is never lost to mail.
 * Messages are built by shared/views/emails/ and never carry a password or a task token.
 */
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mailConfigurationSet, senderAddress } from '../config.ts';
import type { EmailMessage } from '../views/emails/message.ts';
import { countMetric, logger } from '../telemetry.ts';
import { email } from './clients.ts';
import { enqueueUndelivered } from './outbox.ts';

/** Attempts before a message goes to the dead-letter queue, and the backoff between them. */
export const mailRetry = { attempts: 5, baseDelayMs: 200, maxDelayMs: 3_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): spreads retries of many senders. */
const backoff = (attempt: number) =>
  Math.random() * Math.min(mailRetry.maxDelayMs, mailRetry.baseDelayMs * 2 ** attempt);

/** One SES call; throws what SES (or the network) answered. */
export async function deliver(message: EmailMessage): Promise<void> {
  await email().send(
    new SendEmailCommand({
      FromEmailAddress: senderAddress(),
      // Named, not left to the identity's default, so feedback flows even if the default is changed.
      ConfigurationSetName: mailConfigurationSet(),
      Destination: { ToAddresses: [...new Set(message.to)] },
      Content: {
        Simple: {
          Subject: { Data: message.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: message.text, Charset: 'UTF-8' }, Html: { Data: message.html, Charset: 'UTF-8' } },
        },
      },
    }),
  );
}

/** SES errors that retrying cannot fix (a bad address, a rejected message): straight to the queue. */
const permanent = new Set([
  'BadRequestException',
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'AccountSuspendedException',
  'SendingPausedException',
  'NotFoundException',
]);

/**
 * Sends one message; returns `queued` when SES refused it after every retry and it went to the
 * dead-letter queue instead.
 */
export async function sendEmail(message: EmailMessage): Promise<'sent' | 'queued'> {
  if (message.to.length === 0) return 'sent';
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < mailRetry.attempts; attempt++) {
    try {
      await deliver(message);
      logger.info('email sent', { kind: message.kind, recipients: message.to.length, attempt: attempt + 1 });
      return 'sent';
    } catch (error) {
      lastError = error as Error;
      if (permanent.has(lastError.name)) break;
      if (attempt < mailRetry.attempts - 1) await sleep(backoff(attempt));
    }
  }
  const mailId = await enqueueUndelivered(
    message,
    `${lastError?.name}: ${lastError?.message}`.slice(0, 300),
    mailRetry.attempts,
    new Date().toISOString(),
  );
  logger.error('email dead-lettered', { kind: message.kind, mailId, errorName: lastError?.name });
  // The alarm on UndeliveredEmails pages operations.
  countMetric('UndeliveredEmails');
  return 'queued';
}
