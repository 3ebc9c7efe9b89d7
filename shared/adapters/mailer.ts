/**
 * Outgoing mail through SES v2. Messages are built by shared/domain/emails.ts and never carry a
 * password, a task token or confidential case detail; links carry single-use tokens only.
 */
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { senderAddress } from '../config.ts';
import type { EmailMessage } from '../domain/emails.ts';
import { logger } from '../telemetry.ts';
import { email } from './clients.ts';

/** Sends one message to its recipients; throws when SES refuses, so callers can retry. */
export async function sendEmail(message: EmailMessage): Promise<void> {
  if (message.to.length === 0) return;
  await email().send(
    new SendEmailCommand({
      FromEmailAddress: senderAddress(),
      Destination: { ToAddresses: [...new Set(message.to)] },
      Content: {
        Simple: {
          Subject: { Data: message.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: message.text, Charset: 'UTF-8' }, Html: { Data: message.html, Charset: 'UTF-8' } },
        },
      },
    }),
  );
  logger.info('email sent', { kind: message.kind, recipients: message.to.length });
}
