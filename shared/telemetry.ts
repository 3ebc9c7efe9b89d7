/**
 * One logger for every function and workflow task. Structured JSON (Powertools) so CloudWatch
 * Logs Insights can query it; it is handed identifiers and outcomes, never secrets, task tokens,
 * approval tokens or request bodies.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'official-accounts' });
