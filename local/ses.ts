/**
 * Amazon SES v2 on this machine: `aws-ses-v2-local` takes SendEmail calls and keeps every message;
 * its own page is the contract's mailbox, and `GET /store` lists the messages as JSON.
 *
 * In front of it, SES's mailbox simulator (issue 19.1): a message sent through the configuration set
 * to `bounce@`, `complaint@` or `suppressionlist@simulator.amazonses.com` is accepted as AWS accepts
 * it, and a moment later the configuration set's event destination publishes the Bounce or Complaint
 * event SES would, in EventBridge's envelope, to `onEvent` (the function the AWS event rule invokes).
 */
import { randomUUID } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { accountId, region } from './local-account.ts';

const sesLocal = createRequire(import.meta.url)('aws-ses-v2-local') as {
  default: (config: { host?: string; port?: number }) => Promise<Server>;
};

/** The configuration set every local message names (MAIL_CONFIGURATION_SET), as CDK creates one in AWS. */
export const localConfigurationSet = 'official-accounts-local';

/** The simulator's addresses and the outcome SES gives each (SES Developer Guide, "mailbox simulator"). */
export const simulatorAddresses = {
  'bounce@simulator.amazonses.com': 'bounce',
  'complaint@simulator.amazonses.com': 'complaint',
  'suppressionlist@simulator.amazonses.com': 'suppressed',
} as const;

/** An SES event as EventBridge delivers it. */
export type SesEventEnvelope = Record<string, unknown>;

export interface LocalSes {
  endpoint: string;
  port: number;
  /** Stops answering (mail already received is kept), e.g. to show an outage. */
  stop(): Promise<void>;
  /** Answers again on the same port. */
  start(): Promise<void>;
}

interface SendEmailBody {
  FromEmailAddress?: string;
  ConfigurationSetName?: string;
  Destination?: { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
  Content?: { Simple?: { Subject?: { Data?: string } } };
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** The `mail` object of every SES event: the message as SES accepted it. */
function mailObject(body: SendEmailBody, messageId: string, sentAt: string) {
  const destination = [
    ...(body.Destination?.ToAddresses ?? []),
    ...(body.Destination?.CcAddresses ?? []),
    ...(body.Destination?.BccAddresses ?? []),
  ];
  const source = body.FromEmailAddress ?? '';
  const domain = source.split('@')[1] ?? '';
  return {
    timestamp: sentAt,
    source,
    sourceArn: `arn:aws:ses:${region}:${accountId}:identity/${domain}`,
    sendingAccountId: accountId,
    messageId,
    destination,
    headersTruncated: false,
    headers: [],
    commonHeaders: {
      from: [source],
      to: body.Destination?.ToAddresses ?? [],
      messageId,
      subject: body.Content?.Simple?.Subject?.Data ?? '',
    },
    tags: {
      'ses:configuration-set': [body.ConfigurationSetName ?? ''],
      'ses:source-ip': ['127.0.0.1'],
      'ses:from-domain': [domain],
      'ses:caller-identity': ['local'],
    },
  };
}

/** The Bounce or Complaint event SES publishes for one simulator address. */
export function simulatorEvent(
  outcome: (typeof simulatorAddresses)[keyof typeof simulatorAddresses],
  address: string,
  body: SendEmailBody,
  messageId: string,
  sentAt: string,
  now = new Date(),
): SesEventEnvelope {
  const timestamp = now.toISOString();
  const feedbackId = `${messageId.slice(0, 16)}-${randomUUID()}-000000`;
  const mail = mailObject(body, messageId, sentAt);
  const detail =
    outcome === 'complaint'
      ? {
          eventType: 'Complaint',
          complaint: {
            feedbackId,
            complaintSubType: null,
            complainedRecipients: [{ emailAddress: address }],
            timestamp,
            userAgent: 'Amazon SES Mailbox Simulator',
            complaintFeedbackType: 'abuse',
            arrivalDate: timestamp,
          },
          mail,
        }
      : {
          eventType: 'Bounce',
          bounce: {
            feedbackId,
            bounceType: 'Permanent',
            bounceSubType: outcome === 'suppressed' ? 'Suppressed' : 'General',
            bouncedRecipients: [
              {
                emailAddress: address,
                action: 'failed',
                status: '5.1.1',
                diagnosticCode:
                  outcome === 'suppressed'
                    ? 'Amazon SES has suppressed sending to this address because it has a recent history of ' +
                      'bouncing as an invalid address.'
                    : 'smtp; 550 5.1.1 user unknown',
              },
            ],
            timestamp,
            reportingMTA: 'dns; amazonses.com',
          },
          mail,
        };
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': outcome === 'complaint' ? 'Email Complaint Received' : 'Email Bounced',
    source: 'aws.ses',
    account: accountId,
    time: timestamp,
    region,
    resources: [`arn:aws:ses:${region}:${accountId}:configuration-set/${body.ConfigurationSetName}`],
    detail,
  };
}

/** The events a send produces: one per simulator address, when it went through the configuration set. */
function eventsOf(requestBody: Buffer, responseBody: Buffer, sentAt: string): SesEventEnvelope[] {
  let body: SendEmailBody;
  let messageId: string | undefined;
  try {
    body = JSON.parse(requestBody.toString('utf8')) as SendEmailBody;
    messageId = (JSON.parse(responseBody.toString('utf8')) as { MessageId?: string }).MessageId;
  } catch {
    return [];
  }
  // Events are published only through a configuration set with an event destination.
  if (!messageId || body.ConfigurationSetName !== localConfigurationSet) return [];
  const destination = mailObject(body, messageId, sentAt).destination;
  return destination.flatMap((address) => {
    const outcome = simulatorAddresses[address.toLowerCase() as keyof typeof simulatorAddresses];
    return outcome ? [simulatorEvent(outcome, address, body, messageId, sentAt)] : [];
  });
}

/**
 * Starts the local SES; `onEvent` receives the simulator's events (errors are reported, not thrown,
 * as EventBridge's failed deliveries are not the sender's).
 */
export async function startSes(options: {
  port?: number;
  host?: string;
  onEvent?: (event: SesEventEnvelope) => Promise<void>;
}): Promise<LocalSes> {
  const host = options.host ?? '127.0.0.1';
  const inner = await sesLocal.default({ host, port: 0 });
  const innerAddress = inner.address();
  const innerPort = typeof innerAddress === 'object' && innerAddress ? innerAddress.port : 0;
  const publish = (event: SesEventEnvelope) =>
    setTimeout(() => {
      options.onEvent?.(event).catch((error: Error) => {
        process.stderr.write(`SES event delivery failed: ${error.name}: ${error.message}\n`);
      });
    }, 50);

  const handle = async (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    const body = await readBody(req);
    const sentAt = new Date().toISOString();
    const forwarded = request(
      { host, port: innerPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const responseBody = Buffer.concat(chunks);
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(responseBody);
          if (req.method === 'POST' && req.url === '/v2/email/outbound-emails' && answer.statusCode === 200)
            for (const event of eventsOf(body, responseBody, sentAt)) publish(event);
        });
      },
    );
    forwarded.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    forwarded.end(body);
  };
  const listen = (port: number) =>
    new Promise<Server>((resolve, reject) => {
      const server = createServer((req, res) => {
        handle(req, res).catch(() => {
          if (!res.headersSent) res.writeHead(500);
          res.end();
        });
      });
      server.once('error', reject);
      server.listen(port, host, () => resolve(server));
    });
  let server = await listen(options.port ?? 0);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const close = (s: Server) =>
    new Promise<void>((resolve) => {
      s.closeAllConnections();
      s.close(() => resolve());
    });
  let running = true;
  return {
    endpoint: `http://${host}:${port}`,
    port,
    stop: async () => {
      if (!running) return;
      running = false;
      await close(server);
    },
    start: async () => {
      if (running) return;
      server = await listen(port);
      running = true;
    },
  };
}
