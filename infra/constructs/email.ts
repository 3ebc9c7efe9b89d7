/**
 * SES: the sender's domain as an identity (verified by DKIM records in DNS, so the no-reply address
 * needs no mailbox) and a configuration set that requires TLS and keeps bounces off the list.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  Identity,
  SuppressionReasons,
  type DkimRecord,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

/** The sending identity and what a function needs to send through it. */
export class Email extends Construct {
  readonly senderAddress: string;
  readonly domain: string;
  readonly identityArn: string;
  readonly configurationSetArn: string;
  /** The CNAME records to publish in the domain's DNS before SES verifies it. */
  readonly dkimRecords: DkimRecord[];

  constructor(scope: Construct, id: string, props: { senderAddress: string }) {
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
  }
}
