/**
 * An Amazon Cognito user pool for an agency with no identity provider of its own (`-c identityProvider=cognito`):
 * the hosted sign-in pages, and an app client for the console using the authorization code flow with no
 * client secret (a browser cannot keep one; PKCE binds the code instead). The HTTP API's JWT authorizer
 * then trusts this pool as it would the agency's own issuer.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface CognitoIdentityProps {
  /** Where the console receives the authorization code. */
  callbackUrls: readonly string[];
  /** Prefix of the hosted UI's domain (`<prefix>.auth.<region>.amazoncognito.com`); unique per region. */
  domainPrefix?: string;
}

/** The user pool, its hosted UI domain and the console's client; `issuer` and `audience` feed the authorizer. */
export class CognitoIdentity extends Construct {
  readonly userPool: UserPool;
  readonly consoleClient: UserPoolClient;
  /** The pool's issuer, as its tokens carry it in `iss`. */
  readonly issuer: string;
  /** Cognito access tokens carry no `aud`; API Gateway then matches `client_id` against the audience. */
  readonly audience: string[];

  constructor(scope: Construct, id: string, props: CognitoIdentityProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.userPool = new UserPool(this, 'UserPool', {
      // People are created by the agency's administrators, never by themselves.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus tier: threat protection blocks compromised credentials and risky sign-ins (cdk-nag COG3).
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? `official-accounts-${stack.account}` },
    });
    this.consoleClient = this.userPool.addClient('Console', {
      userPoolClientName: 'official-accounts-console',
      generateSecret: false,
      authFlows: {},
      preventUserExistenceErrors: true,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [...props.callbackUrls],
      },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
    this.issuer = `https://cognito-idp.${stack.region}.amazonaws.com/${this.userPool.userPoolId}`;
    this.audience = [this.consoleClient.userPoolClientId];
  }
}
