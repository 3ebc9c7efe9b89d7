/**
 * What operations watch (issue 7): alarms that e-mail a person, and one dashboard.
 *
 * - The alarm topic lives in the root stack (encrypted, one e-mail subscription from context
 *   alarmEmail); every alarm, in whichever nested stack, notifies it on ALARM and on OK.
 * - Alarms sit next to what they watch: each function's Errors and Throttles in its capability's
 *   nested stack (functionAlarms), each state machine's ExecutionsFailed, ExecutionsTimedOut and
 *   ExecutionsAborted in the workflows' nested stack (workflowAlarms), and the cross-cutting ones
 *   (API 5xx rate and p99 latency, the mail dead-letter queue) in the monitoring nested stack
 *   (MonitoringStack), which also holds the dashboard.
 *
 * The function and workflow alarms replace the dead-letter queues and reserved concurrency
 * acknowledged in infra/nag.ts. The application metrics are emitted by the functions with
 * Powertools (embedded metric format) under appNamespace with the dimension appDimensions.
 */
import { Duration, NestedStack, type NestedStackProps } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
  type IMetric,
  type IWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, type IConstruct } from 'constructs';
import type { WorkflowDefinition } from '../../shared/workflows.ts';
import { deploymentStack } from '../lambda-defaults.ts';
import { acknowledge } from '../nag.ts';
import { stateMachineArnOf } from './state-machine-names.ts';

/** The period every alarm evaluates. */
export const alarmPeriod = Duration.minutes(5);

/** Where the functions' embedded metrics land (POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_SERVICE_NAME). */
export const appNamespace = 'OfficialAccounts';
export const appDimensions = { service: 'official-accounts' } as const;

/** Counts the application emits as things happen (one datapoint per event). */
export const businessCounts = [
  'ApprovalsDecided',
  'RotationsCompleted',
  'ContactsRecorded',
  'IncidentsOpened',
  'UndeliveredEmails',
  'RedeliveredEmails',
  'TaskFailures',
  'WaitsTimedOut',
  'MailBounces',
  'MailComplaints',
  'MailRejects',
  'MailDelays',
] as const;
/** Gauges a scheduled job emits every five minutes (the latest value is the state). */
export const gauges = [
  'PendingApprovals',
  'OldestPendingApprovalAgeHours',
  'RotationsDue',
  'RotationsOverdue',
  'OpenIncidents',
  'OpenDepartures',
] as const;
export type AppMetricName = (typeof businessCounts)[number] | (typeof gauges)[number];

/** One of the application's metrics: counts are summed, gauges read at their maximum. */
export function appMetric(name: AppMetricName, period: Duration = alarmPeriod, label?: string): Metric {
  return new Metric({
    namespace: appNamespace,
    metricName: name,
    dimensionsMap: { ...appDimensions },
    statistic: (gauges as readonly string[]).includes(name) ? 'Maximum' : 'Sum',
    period,
    ...(label ? { label } : {}),
  });
}

/** The Step Functions execution metrics, by the status they count. */
export const executionStatuses = ['Started', 'Succeeded', 'Failed', 'TimedOut', 'Aborted'] as const;
/** Statuses that page operations: an execution that ended without doing its job. */
export const alarmedExecutionStatuses = ['Failed', 'TimedOut', 'Aborted'] as const;

/**
 * API thresholds. A few hundred staff make a handful of requests a second at most, so one slow or
 * failed request moves a percentile or a rate a lot: both alarms want most of three periods bad.
 * Function errors page on their own at once; these catch what goes wrong around the functions
 * (integration, authorizer set-up, throttling) and slowness no single error shows.
 */
export const apiAlarms = {
  /** 100 × 5xx / Count, in percent. */
  serverErrorRatePercent: 5,
  /** The slowest 1 % of requests; functions time out at 15 s, mail retries can take a few seconds. */
  p99LatencyMs: 5_000,
  evaluationPeriods: 3,
  datapointsToAlarm: 2,
} as const;

export interface AlarmSpec {
  /** Appended to the stack's name to make the alarm's name, e.g. `credentials-rotate-secret-Errors`. */
  name: string;
  description: string;
  metric: IMetric;
  threshold: number;
  evaluationPeriods?: number;
  datapointsToAlarm?: number;
}

export interface MonitoringProps {
  alarmEmail: string;
  encryptionKey: IKey;
}

/** The alarm topic (root stack) and the one way every alarm of the app is made. */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly #action: SnsAction;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: `${deploymentStack(this).stackName} alarms`,
      masterKey: props.encryptionKey,
      enforceSSL: true,
    });
    const subscription = this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    acknowledge(subscription, 'alarmEmailRedrive');
    this.#action = new SnsAction(this.topic);
  }

  /**
   * An alarm in `scope` (any stack of the app): at or above `threshold`, missing data is fine; e-mails on ALARM and OK.
   */
  alarm(scope: Construct, id: string, spec: AlarmSpec): Alarm {
    const alarm = new Alarm(scope, id, {
      alarmName: `${deploymentStack(scope).stackName}-${spec.name}`,
      alarmDescription: spec.description,
      metric: spec.metric,
      threshold: spec.threshold,
      evaluationPeriods: spec.evaluationPeriods ?? 1,
      datapointsToAlarm: spec.datapointsToAlarm ?? spec.evaluationPeriods ?? 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.#action);
    alarm.addOkAction(this.#action);
    return alarm;
  }
}

/** `credentials/rotate-secret` → `credentials-rotate-secret`. */
const slug = (text: string) => text.replace(/[^A-Za-z0-9]+/g, '-');

/**
 * Errors (threw or timed out) of one function, in `scope`. Throttles are one alarm for the account
 * (`MonitoringStack`): no function has reserved concurrency, so a throttle means the account's
 * concurrency is exhausted, and a per-function alarm for it fired for every function at once (issue
 * 20.5: ~100 alarms, $10 a month, for one condition).
 */
export function functionAlarms(monitoring: Monitoring, scope: Construct, module: string, fn: IFunction): Alarm[] {
  const id = slug(module);
  return [
    monitoring.alarm(scope, `${id}-Errors`, {
      name: `${id}-Errors`,
      description:
        `functions/${module}.ts threw or timed out. Its log group ` +
        `/aws/lambda/${deploymentStack(scope).stackName}-${id} has the error.`,
      metric: fn.metricErrors({ period: alarmPeriod, statistic: 'Sum' }),
      threshold: 1,
    }),
  ];
}

/** Lambda's throttles across every function of the account and Region (the metric without a dimension). */
export const accountThrottles = (): Metric =>
  new Metric({ namespace: 'AWS/Lambda', metricName: 'Throttles', statistic: 'Sum', period: alarmPeriod });

function executionMetric(machine: IStateMachine, status: (typeof alarmedExecutionStatuses)[number]): Metric {
  const options = { period: alarmPeriod, statistic: 'Sum' };
  if (status === 'Failed') return machine.metricFailed(options);
  if (status === 'TimedOut') return machine.metricTimedOut(options);
  return machine.metricAborted(options);
}

/** ExecutionsFailed, ExecutionsTimedOut and ExecutionsAborted of one state machine, in `scope`. */
export function workflowAlarms(
  monitoring: Monitoring,
  scope: Construct,
  workflow: WorkflowDefinition,
  machine: IStateMachine,
): Alarm[] {
  const verb = { Failed: 'failed', TimedOut: 'timed out', Aborted: 'was aborted' } as const;
  return alarmedExecutionStatuses.map((status) =>
    monitoring.alarm(scope, `${workflow.name}-Executions${status}`, {
      name: `${workflow.name}-Executions${status}`,
      description:
        `An execution of workflow ${workflow.name} (${workflow.file}) ${verb[status]}; its history in the Step ` +
        'Functions console shows where.',
      metric: executionMetric(machine, status),
      threshold: 1,
    }),
  );
}

export interface MonitoringStackProps extends NestedStackProps {
  monitoring: Monitoring;
  httpApi: HttpApi;
  /** The workflow catalogue; metrics name each machine by its fixed ARN, so this stack waits for none of them. */
  workflows: Record<string, WorkflowDefinition>;
  /** The SES feedback rule (infra/constructs/email.ts), whose undelivered events alarm. */
  mailFeedbackRuleName: string;
}

/**
 * The monitoring nested stack: alarms that watch the system as a whole rather than one function or
 * workflow (the API and the mail dead-letter queue), and the operations dashboard.
 */
export class MonitoringStack extends NestedStack {
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const { monitoring, httpApi } = props;
    const root = deploymentStack(this);

    const requests = httpApi.metricCount({ period: alarmPeriod, statistic: 'Sum' });
    const serverErrors = httpApi.metricServerError({ period: alarmPeriod, statistic: 'Sum' });
    const serverErrorRate = new MathExpression({
      expression: '100 * FILL(e5xx, 0) / requests',
      usingMetrics: { e5xx: serverErrors, requests },
      period: alarmPeriod,
      label: '5xx rate (%)',
    });
    this.alarms = [
      monitoring.alarm(this, 'Api-5xxRate', {
        name: 'Api-5xxRate',
        description:
          `At least ${apiAlarms.serverErrorRatePercent} % of API requests answered 5xx in ` +
          `${apiAlarms.datapointsToAlarm} of ${apiAlarms.evaluationPeriods} five-minute periods. The access log ` +
          `group /aws/apigateway/${root.stackName}/access names the routes.`,
        metric: serverErrorRate,
        threshold: apiAlarms.serverErrorRatePercent,
        evaluationPeriods: apiAlarms.evaluationPeriods,
        datapointsToAlarm: apiAlarms.datapointsToAlarm,
      }),
      monitoring.alarm(this, 'Api-LatencyP99', {
        name: 'Api-LatencyP99',
        description:
          `The slowest 1 % of API requests took ${apiAlarms.p99LatencyMs} ms or more in ` +
          `${apiAlarms.datapointsToAlarm} of ${apiAlarms.evaluationPeriods} five-minute periods.`,
        metric: httpApi.metricLatency({ period: alarmPeriod, statistic: 'p99' }),
        threshold: apiAlarms.p99LatencyMs,
        evaluationPeriods: apiAlarms.evaluationPeriods,
        datapointsToAlarm: apiAlarms.datapointsToAlarm,
      }),
      monitoring.alarm(this, 'Lambda-Throttles', {
        name: 'Lambda-Throttles',
        description:
          "A function was throttled: the account's Lambda concurrency is exhausted (no function reserves any). " +
          "Lambda's Throttles metric by function name says which were refused; raise the concurrency quota.",
        metric: accountThrottles(),
        threshold: 1,
      }),
      // The mail dead-letter queue is the outbox table; shared/adapters/mailer.ts counts every message it receives.
      monitoring.alarm(this, 'Mail-Undelivered', {
        name: 'Mail-Undelivered',
        description:
          'SES refused an e-mail after every retry; it waits, sealed, in the outbox table (the mail dead-letter ' +
          'queue) for the mailRedelivery job (shared/schedules.ts). Check SES sending in this region.',
        metric: appMetric('UndeliveredEmails'),
        threshold: 1,
      }),
      monitoring.alarm(this, 'Workflow-WaitTimedOut', {
        name: 'Workflow-WaitTimedOut',
        description:
          'A workflow stopped waiting for a person after its limit (issue 19.2): the subject was closed as the ' +
          "status page's Waits table says and the people named were e-mailed. See the status page's waits that " +
          'ran out.',
        metric: appMetric('WaitsTimedOut'),
        threshold: 1,
      }),
      monitoring.alarm(this, 'Mail-FeedbackUndelivered', {
        name: 'Mail-FeedbackUndelivered',
        description:
          'EventBridge gave up delivering an SES feedback event to the mail-feedback function after a day of ' +
          "retries (issue 19.1). See that function's Errors alarm and log; SES publishes a new event at the next " +
          'message to the same address.',
        metric: new Metric({
          namespace: 'AWS/Events',
          metricName: 'FailedInvocations',
          dimensionsMap: { RuleName: props.mailFeedbackRuleName },
          statistic: 'Sum',
          period: alarmPeriod,
        }),
        threshold: 1,
      }),
      monitoring.alarm(this, 'Mail-NotReachingPeople', {
        name: 'Mail-NotReachingPeople',
        description:
          "A person's mailbox bounced, rejected or complained about our mail (SES feedback, issue 19.1); it is " +
          'recorded on their directory entry and their open decisions went to an alternate. Correct the address.',
        metric: new MathExpression({
          expression: 'bounces + complaints + rejects',
          usingMetrics: {
            bounces: appMetric('MailBounces'),
            complaints: appMetric('MailComplaints'),
            rejects: appMetric('MailRejects'),
          },
          period: alarmPeriod,
          label: 'Mail bounced, complained about or rejected',
        }),
        threshold: 1,
      }),
    ];

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${root.stackName}-operations`,
      defaultInterval: Duration.days(7),
      widgets: dashboardRows(this, props, this.alarms),
    });
  }
}

const hour = Duration.hours(1);

/** The dashboard, row by row; each widget's title is what operations look for. */
function dashboardRows(scope: IConstruct, props: MonitoringStackProps, alarms: Alarm[]): IWidget[][] {
  const { httpApi } = props;
  const workflows = Object.values(props.workflows);
  const executions = (workflow: WorkflowDefinition) =>
    executionStatuses.map(
      (status) =>
        new Metric({
          namespace: 'AWS/States',
          metricName: `Executions${status}`,
          dimensionsMap: { StateMachineArn: stateMachineArnOf(scope, workflow) },
          statistic: 'Sum',
          period: hour,
          label: status,
        }),
    );
  const gaugeWidget = (title: string, names: AppMetricName[], labels: string[]) =>
    new SingleValueWidget({
      title,
      metrics: names.map((name, index) => appMetric(name, alarmPeriod, labels[index])),
      width: 8,
      height: 4,
    });

  return [
    [
      new TextWidget({
        markdown:
          `# ${deploymentStack(scope).stackName}: operations\nWorkflows, approvals, rotations, the API and what ` +
          'the system did. Alarms e-mail operations; the gauges come from a job that runs every five minutes.',
        width: 24,
        height: 2,
      }),
    ],
    // Three to a line; the row wraps.
    workflows.map(
      (workflow) =>
        new GraphWidget({
          title: `${workflow.name} executions by status`,
          left: executions(workflow),
          stacked: false,
          width: 8,
          height: 6,
        }),
    ),
    [
      gaugeWidget(
        'Approvals pending',
        ['PendingApprovals', 'OldestPendingApprovalAgeHours'],
        ['Pending approvals', 'Oldest pending (hours)'],
      ),
      new GraphWidget({
        title: "Approvals pending and the oldest one's age",
        left: [appMetric('PendingApprovals', alarmPeriod, 'Pending approvals')],
        right: [appMetric('OldestPendingApprovalAgeHours', alarmPeriod, 'Oldest pending (hours)')],
        width: 16,
        height: 4,
      }),
    ],
    [
      gaugeWidget('Rotations due and overdue', ['RotationsDue', 'RotationsOverdue'], ['Due', 'Overdue']),
      new GraphWidget({
        title: 'Password rotations due and overdue',
        left: [appMetric('RotationsDue', alarmPeriod, 'Due'), appMetric('RotationsOverdue', alarmPeriod, 'Overdue')],
        width: 16,
        height: 4,
      }),
    ],
    [
      new GraphWidget({
        title: 'API latency (p50, p99)',
        left: [
          httpApi.metricLatency({ statistic: 'p50', period: alarmPeriod, label: 'p50' }),
          httpApi.metricLatency({ statistic: 'p99', period: alarmPeriod, label: 'p99' }),
        ],
        leftYAxis: { label: 'ms', showUnits: false, min: 0 },
        width: 12,
        height: 6,
      }),
      new GraphWidget({
        title: 'API errors (4xx, 5xx) and requests',
        left: [
          httpApi.metricClientError({ statistic: 'Sum', period: alarmPeriod, label: '4xx' }),
          httpApi.metricServerError({ statistic: 'Sum', period: alarmPeriod, label: '5xx' }),
        ],
        right: [httpApi.metricCount({ statistic: 'Sum', period: alarmPeriod, label: 'Requests' })],
        width: 12,
        height: 6,
      }),
    ],
    [
      new GraphWidget({
        title: 'Business counts (per hour)',
        left: businessCounts.map((name) => appMetric(name, hour, name)),
        width: 16,
        height: 6,
      }),
      gaugeWidget(
        'Open incidents and departures',
        ['OpenIncidents', 'OpenDepartures'],
        ['Open incidents', 'Open departures'],
      ),
    ],
    [new AlarmStatusWidget({ title: 'API and mail alarms', alarms, width: 24, height: 3 })],
  ];
}
