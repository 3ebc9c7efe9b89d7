/**
 * SES: the sender's domain as an identity (verified by DKIM records in DNS, so the no-reply address
 * needs no mailbox) and a configuration set that requires TLS and keeps bounces off the list. Its
 * bounces, complaints, rejects and delivery delays go to the default EventBridge bus (SES supports
 * no other), where a rule hands them to the mail-feedback function (issue 19.1).
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import { CfnRule, EventBus } from 'aws-cdk-lib/aws-events';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
  type DkimRecord,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';

/** The sending identity and what a function needs to send through it. */
export class Email extends Construct {
  readonly senderAddress: string;
  readonly domain: string;
  readonly identityArn: string;
  readonly configurationSetArn: string;
  readonly configurationSetName: string;
  /** The rule that invokes the feedback function; its ARN scopes EventBridge's permission to invoke it. */
  readonly feedbackRuleArn: string;
  /** For the FailedInvocations alarm (infra/constructs/monitoring.ts). */
  readonly feedbackRuleName: string;
  /** The CNAME records to publish in the domain's DNS before SES verifies it. */
  readonly dkimRecords: DkimRecord[];

  constructor(
    scope: Construct,
    id: string,
    props: {
      senderAddress: string;
      /** The function that records SES feedback (shared/triggers.ts `mailFeedback`). */
      feedbackFunctionArn: string;
    },
  ) {
    super(scope, id);
    const domain = props.senderAddress.split('@')[1];
    if (!domain) throw new Error(`Sender address ${props.senderAddress} has no domain.`);
    this.senderAddress = props.senderAddress;
    this.domain = domain;

    const configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    const identity = new EmailIdentity(this, 'Identity', {
      identity: Identity.domain(domain),
      // The default set applies even when a function names none, so TLS is never optional.
      configurationSet,
    });
    this.identityArn = identity.emailIdentityArn;
    this.configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: configurationSet.configurationSetName,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    this.dkimRecords = identity.dkimRecords;
    this.configurationSetName = configurationSet.configurationSetName;

    const bus = EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    configurationSet.addEventDestination('Feedback', {
      destination: EventDestination.eventBus(bus),
      events: [
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.REJECT,
        EmailSendingEvent.DELIVERY_DELAY,
      ],
    });
    // A fixed name, so the function's invoke permission names the rule without a cross-stack reference.
    const ruleName = `${Stack.of(this).stackName}-mail-feedback`;
    const rule = new CfnRule(this, 'FeedbackRule', {
      name: ruleName,
      description: "SES feedback of this stack's configuration set to the mail-feedback function (issue 19.1).",
      eventBusName: 'default',
      eventPattern: {
        source: ['aws.ses'],
        'detail-type': ['Email Bounced', 'Email Complaint Received', 'Email Rejected', 'Email Delivery Delayed'],
        resources: [this.configurationSetArn],
      },
      state: 'ENABLED',
      targets: [
        {
          id: 'RecordMailFeedback',
          arn: props.feedbackFunctionArn,
          // EventBridge retries a failed invocation for a day; the function is idempotent per feedback id.
          retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86_400 },
        },
      ],
    });
    this.feedbackRuleArn = Stack.of(this).formatArn({
      service: 'events',
      resource: 'rule',
      resourceName: ruleName,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    rule.node.addDependency(configurationSet);
    acknowledge(rule, 'mailFeedbackRuleTarget');
    this.feedbackRuleName = ruleName;
  }
}
