/**
 * One logger and one metrics emitter for every function and workflow task. Structured JSON
 * (Powertools) so CloudWatch Logs Insights can query it and CloudWatch turns embedded metrics
 * into alarms; they are handed identifiers and outcomes, never secrets, task tokens, approval
 * tokens or request bodies.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

export const logger = new Logger({ serviceName: 'official-accounts' });
export const metrics = new Metrics({ namespace: 'OfficialAccounts', serviceName: 'official-accounts' });

/** Emits one business or health count now (embedded metric format), e.g. `UndeliveredEmails`. */
export function countMetric(name: string, value = 1): void {
  metrics.addMetric(name, MetricUnit.Count, value);
  metrics.publishStoredMetrics();
}
