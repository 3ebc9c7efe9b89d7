/**
 * The HTTP API: one route per entry of shared/routes/, `jwt` routes behind the JWT authorizer and
 * `public` and `scim` routes behind none (a SCIM function checks the identity provider's secret
 * itself), Lambda proxy integrations with payload format 2.0, and a throttled `$default` stage
 * that writes JSON access logs to an encrypted log group. The API, its stage and
 * authorizer live in the root stack; each route, with its integration and invoke permission, in
 * the nested stack of the function that serves it (infra/constructs/functions.ts).
 */
import { Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  ApiMapping,
  type CfnStage,
  DomainName,
  SecurityPolicy,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { RouteDefinition } from '../../shared/routes/index.ts';
import { acknowledge } from '../nag.ts';
import { encryptedLogGroup } from './logs.ts';

/**
 * Stage-wide throttling. A few hundred staff and approvers generate a handful of requests a second;
 * the limits leave ample headroom while capping what a runaway client can make the functions (which
 * have no reserved concurrency) and the tables consume.
 */
export const apiThrottle = { rateLimit: 50, burstLimit: 100 } as const;

/**
 * Each `public` and `scim` route's own, stricter limits (RouteSettings), issue 16.8. No JWT authorizer
 * checks a caller before these routes run their function, so a flood of them would otherwise take up
 * to the stage default (applied per route) of the Lambda concurrency and table capacity that reveals
 * during an incident share. An approver opens a link once and posts its form once; a monitor polls
 * health; an identity provider retries a 429 with back-off.
 */
export const publicRouteThrottle = { rateLimit: 10, burstLimit: 20 } as const;

/**
 * One JSON object per request. The route key (`GET /approvals/{token}`) stands in for the raw path
 * so that tokens carried in URLs never reach the logs.
 */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationStatus: '$context.integrationStatus',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integration.error',
    authorizerError: '$context.authorizer.error',
    caller: '$context.authorizer.claims.sub',
  }),
);

export interface ApiProps {
  oidcIssuer: string;
  oidcAudience: readonly string[];
  logsKey: IKey;
  /**
   * The API's own custom domain, CloudFront's origin (infra/edge-stack.ts). Given, the default
   * execute-api endpoint is disabled so that callers must come through CloudFront and its web ACL.
   */
  domain?: { name: string; certificateArn: string };
}

/** The API and its stage; routes are added once their functions exist. */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** `https://{api-id}.execute-api.{region}.amazonaws.com/`, known before any function exists. */
  readonly url: string;
  /** The custom domain CloudFront forwards to, when the deployment names one. */
  readonly domainName: DomainName | undefined;
  readonly #authorizer: HttpJwtAuthorizer;
  readonly #integrations = new Map<IFunction, HttpLambdaIntegration>();
  readonly #routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: Stack.of(this).stackName,
      description:
        'Official social media accounts of child-welfare agencies: approvals, credentials, contact records, incidents.',
      // The stage below replaces the default one so it can carry throttling and access logs.
      createDefaultStage: false,
      // Issue 16.8: with a custom domain, nothing reaches the API but through it (and CloudFront).
      disableExecuteApiEndpoint: props.domain !== undefined,
    });
    const accessLogs = encryptedLogGroup(this, 'AccessLogs', {
      logGroupName: `/aws/apigateway/${Stack.of(this).stackName}/access`,
      encryptionKey: props.logsKey,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: apiThrottle,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: accessLogFormat },
    });
    this.url = this.stage.url;
    this.domainName = props.domain
      ? new DomainName(this, 'DomainName', {
          domainName: props.domain.name,
          securityPolicy: SecurityPolicy.TLS_1_2,
          certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
        })
      : undefined;
    if (this.domainName)
      new ApiMapping(this, 'Mapping', { api: this.httpApi, domainName: this.domainName, stage: this.stage });
    this.#authorizer = new HttpJwtAuthorizer('Jwt', props.oidcIssuer, {
      authorizerName: 'jwt',
      jwtAudience: [...props.oidcAudience],
      identitySource: ['$request.header.Authorization'],
    });
  }

  /**
   * Gives `routeKey` its own throttle. The stage waits for the route: CloudFormation refuses
   * RouteSettings for a route key that does not exist yet.
   */
  #throttle(routeKey: string, route: HttpRoute): void {
    this.#routeSettings[routeKey] = {
      ThrottlingRateLimit: publicRouteThrottle.rateLimit,
      ThrottlingBurstLimit: publicRouteThrottle.burstLimit,
    };
    // The keys hold dots (`GET /openapi.json`), which a property override would read as a path.
    (this.stage.node.defaultChild as CfnStage).routeSettings = this.#routeSettings;
    this.stage.node.addDependency(route);
  }

  /**
   * Adds `route` in `scope` (the stack of `handler`, named `name`), served by `handler`: one
   * integration per function however many routes it serves, made in the scope of its first route,
   * and one invoke permission per route, scoped to that route's path.
   */
  addRoute(scope: Construct, route: RouteDefinition & { key: string }, handler: IFunction, name: string): HttpRoute {
    let integration = this.#integrations.get(handler);
    if (!integration) {
      integration = new HttpLambdaIntegration(`${name}Integration`, handler, {
        payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
      });
      this.#integrations.set(handler, integration);
    }
    // The id HttpApi.addRoutes would give it.
    const added = new HttpRoute(scope, `${route.method}${route.path}`, {
      httpApi: this.httpApi,
      routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
      integration,
      authorizer: route.auth === 'jwt' ? this.#authorizer : new HttpNoneAuthorizer(),
    });
    if (route.auth === 'public') acknowledge(added, 'publicRoute');
    if (route.auth === 'scim') acknowledge(added, 'scimRoute');
    // Routes no JWT authorizer guards get their own, stricter throttle (issue 16.8).
    if (route.auth !== 'jwt') this.#throttle(`${route.method} ${route.path}`, added);
    return added;
  }
}
