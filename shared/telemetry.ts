/**
 * One logger and one metrics emitter for every function and workflow task. Structured JSON
 * (Powertools) so CloudWatch Logs Insights can query it, and embedded metrics CloudWatch turns into
 * alarms. Traces are Lambda's own active tracing (docs/tracing.md); the logger's `xray_trace_id`
 * joins a log line to its trace. They are handed identifiers and outcomes, never secrets, task tokens, approval tokens or request bodies.
 *
 * Metrics are buffered and flushed once per invocation by the `logMetrics` middleware that
 * shared/http/route-handler.ts and shared/task-handler.ts install.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

const serviceName = 'official-accounts';

export const logger = new Logger({ serviceName });

/**
 * Powertools Metrics' own notices, through the structured logger. Its "no application metrics to
 * publish" warning comes after every invocation that counted nothing (most of them), so it is debug.
 */
const metricsNotices = {
  debug: (message: string) => logger.debug(message),
  info: (message: string) => logger.info(message),
  warn: (message: string) =>
    String(message).startsWith('No application metrics') ? logger.debug(message) : logger.warn(message),
  error: (message: string) => logger.error(message),
};

/** Namespace `OfficialAccounts`, default dimension `service=official-accounts`. */
export const metrics = new Metrics({ namespace: 'OfficialAccounts', serviceName, logger: metricsNotices });

/** Counts one business or health event in this invocation's metrics, e.g. `UndeliveredEmails`. */
export function countMetric(name: string, value = 1): void {
  metrics.addMetric(name, MetricUnit.Count, value);
}

/** Records a gauge (a level at this moment, not an event), e.g. `PendingApprovals`. */
export function gaugeMetric(name: string, value: number, unit: 'Count' | 'None' = 'Count'): void {
  metrics.addMetric(name, unit === 'Count' ? MetricUnit.Count : MetricUnit.NoUnit, value);
}
