/**
 * Alarms that page a person: function errors and throttles, failed workflows, and server errors
 * at the API, published to an encrypted topic with one e-mail subscription (context alarmEmail).
 * They replace the dead-letter queues and reserved concurrency acknowledged in infra/nag.ts.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, TreatMissingData, type Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';

const period = Duration.minutes(5);

export interface MonitoringProps {
  alarmEmail: string;
  encryptionKey: IKey;
  functions: ReadonlyMap<string, IFunction>;
  machines: Record<string, StateMachine>;
  httpApi: HttpApi;
}

/** The alarm topic and the alarms on it. */
export class Monitoring extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: `${Stack.of(this).stackName} alarms`,
      masterKey: props.encryptionKey,
      enforceSSL: true,
    });
    const subscription = this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    acknowledge(subscription, 'alarmEmailRedrive');

    const action = new SnsAction(this.topic);
    const alarm = (alarmId: string, description: string, metric: Metric, threshold = 1) => {
      const created = new Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
    };

    for (const [module, fn] of props.functions) {
      const id = module.replace(/[^A-Za-z0-9]+/g, '-');
      alarm(`${id}-Errors`, `${module} threw or timed out.`, fn.metricErrors({ period, statistic: 'Sum' }));
      alarm(`${id}-Throttles`, `${module} was throttled: the account's concurrency is exhausted.`, fn.metricThrottles({ period, statistic: 'Sum' }));
    }
    for (const [key, machine] of Object.entries(props.machines)) {
      alarm(`${key}-Failed`, `Workflow ${key} failed.`, machine.metricFailed({ period, statistic: 'Sum' }));
      alarm(`${key}-TimedOut`, `Workflow ${key} timed out.`, machine.metricTimedOut({ period, statistic: 'Sum' }));
    }
    // Function errors alarm on their own; this catches what fails before or around them (integration, authorizer set-up).
    alarm('Api-5xx', 'The API answered 5xx repeatedly.', props.httpApi.metricServerError({ period, statistic: 'Sum' }), 5);
  }
}
