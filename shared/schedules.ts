/**
 * Scheduled jobs, defined once: CDK creates an EventBridge Scheduler schedule for each, the local
 * runtime runs them on the same rate, and `npm run schedule -- <name>` runs one now (so a monthly
 * rotation can be shown without waiting a month).
 */
import type { FunctionAccess } from './access.ts';

export interface ScheduleDefinition {
  /** Module under functions/ (without `.ts`) that exports `handler`. */
  module: string;
  /** EventBridge Scheduler expression; locally only `rate(...)` is run on a timer. */
  expression: string;
  description: string;
  access: FunctionAccess;
}

export const schedules = {
  mailRedelivery: {
    module: 'mail/redeliver-mail',
    expression: 'rate(5 minutes)',
    description: 'Sends the mail SES refused after every retry (the dead-letter queue).',
    access: { tables: { outbox: 'readwrite' }, sendEmail: true },
  },
  contactDisposal: {
    module: 'contacts/dispose-expired-records',
    expression: 'rate(1 day)',
    description:
      'Disposes of contact records, incidents, post suggestions, account requests and audit entries past their ' +
      'retention that no litigation hold protects, and logs each disposal (CT-06).',
    access: { tables: { contacts: 'readwrite', audit: 'readwrite', accounts: 'readwrite' } },
  },
  transcriptReminders: {
    module: 'contacts/remind-owed-transcripts',
    expression: 'rate(1 hour)',
    description:
      "Reminds each worker's supervisor of the contact transcripts still owed to case records, once per the " +
      "profile's interval, until each arrives (TN-12).",
    access: { tables: { contacts: 'readwrite', directory: 'read' }, sendEmail: true },
  },
  auditSeal: {
    module: 'records/seal-audit-chains',
    expression: 'rate(1 day)',
    description:
      "Seals each audit chain's head into a digest signed with the audit signing key (issue 21.2, CT-10), so an " +
      'altered, removed or inserted entry shows against a signature made before it.',
    access: { tables: { audit: 'read' }, auditDigests: 'write', signAuditDigests: true },
  },
  operationsMetrics: {
    module: 'ops/publish-operations-metrics',
    expression: 'rate(5 minutes)',
    description:
      "Publishes the operations gauges: pending approvals and the oldest one's age, rotations due and overdue, " +
      'open incidents and departures.',
    access: { tables: { accounts: 'read' } },
  },
} as const satisfies Record<string, ScheduleDefinition>;

export type ScheduleKey = keyof typeof schedules;

/** Milliseconds of a `rate(N unit)` expression; undefined for cron expressions. */
export function rateMilliseconds(expression: string): number | undefined {
  const match = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (!match) return undefined;
  const unit = { minute: 60_000, hour: 3_600_000, day: 86_400_000 }[
    match[2]!.replace(/s$/, '') as 'minute' | 'hour' | 'day'
  ];
  return Number(match[1]) * unit;
}
