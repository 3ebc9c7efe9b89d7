/**
 * How every function is built and run, in one place: runtime, architecture, bundling, memory and
 * timeout (infra/function-settings.ts), tracing, logging, environment and IAM role.
 * infra/constructs/functions.ts creates one ServiceFunction per handler module.
 */
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal, type IManagedPolicy } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import {
  Charset,
  LogLevel,
  NodejsFunction,
  OutputFormat,
  SourceMapMode,
  type BundlingOptions,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import { resolve } from 'node:path';
import { functionNameOf } from '../shared/workflows.ts';
import { encryptedLogGroup } from './constructs/logs.ts';
import {
  functionEnvironment,
  functionMemoryMb,
  functionTimeoutSeconds,
  type EnvironmentInputs,
} from './function-settings.ts';
import { acknowledge } from './nag.ts';

export const repositoryRoot = resolve(import.meta.dirname, '..');

/** The log level functions run at; Lambda's JSON log filter and Powertools both get it. */
export const functionLogLevel = 'INFO' satisfies NonNullable<EnvironmentInputs['logLevel']>;

/**
 * One minified ESM file per function with everything in it, the AWS SDK v3 included: the bundle
 * carries exactly the SDK version the tests ran against (not whichever one the runtime ships that
 * month), and esbuild keeps only what a handler imports, so each function's size is known.
 */
export const bundling: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node24',
  mainFields: ['module', 'main'],
  externalModules: [],
  minify: true,
  sourceMap: true,
  sourceMapMode: SourceMapMode.DEFAULT,
  // Stack traces need the mappings, not a copy of the sources inside the zip.
  sourcesContent: false,
  charset: Charset.UTF8,
  logLevel: LogLevel.WARNING,
  tsconfig: resolve(repositoryRoot, 'tsconfig.json'),
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner:
    "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
};

/**
 * The stack that is deployed by name: `scope`'s own stack, or the top of its nested stacks. Fixed
 * physical names (functions, state machines, log groups) come from its name, never from a nested
 * stack's, which CloudFormation generates at deploy time.
 */
export function deploymentStack(scope: IConstruct): Stack {
  let stack = Stack.of(scope);
  while (stack.nestedStackParent) stack = stack.nestedStackParent;
  return stack;
}

/** Physical name of a module's function: the deployed stack's name and functionNameOf, stable across deploys. */
export function functionNameFor(scope: IConstruct, module: string): string {
  const name = `${deploymentStack(scope).stackName}-${functionNameOf(module)}`;
  if (name.length > 64)
    throw new Error(`Function name ${name} is longer than Lambda's 64 characters; shorten the module path ${module}.`);
  return name;
}

/** A module's function ARN from its fixed name: no reference to the function, so no dependency on it. */
export const functionArnFor = (scope: IConstruct, module: string): string =>
  Stack.of(scope).formatArn({
    service: 'lambda',
    resource: 'function',
    resourceName: functionNameFor(scope, module),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });

/** Variables functions get in AWS beyond functionEnvironment; the local runtime must set the same ones it reads. */
export const awsOnlyEnvironment = (credentialsKeyArn: string): Record<string, string> => ({
  CREDENTIALS_KMS_KEY_ID: credentialsKeyArn,
  NODE_OPTIONS: '--enable-source-maps',
});

/**
 * The policy every function role shares: X-Ray accepts no resource but "*". Kept apart from the
 * per-function policies so that acknowledgment covers these two actions and nothing else.
 */
export function functionTelemetryPolicy(scope: Construct, id: string): ManagedPolicy {
  const policy = new ManagedPolicy(scope, id, {
    description: 'X-Ray trace upload for every function of this stack.',
    statements: [
      new PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }),
    ],
  });
  acknowledge(policy, 'functionTelemetry', 'Resource::*');
  return policy;
}

export interface ServiceFunctionProps {
  /** Module under functions/, without `.ts`. */
  module: string;
  description: string;
  environment: EnvironmentInputs;
  credentialsKeyArn: string;
  logsKey: IKey;
  telemetryPolicy: IManagedPolicy;
}

/**
 * A NodejsFunction with this app's defaults, its own encrypted log group, and a role whose only
 * permissions are the shared telemetry policy and `policy`, the customer-managed policy that
 * infra/constructs/functions.ts fills from the module's declared access.
 */
export class ServiceFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly policy: ManagedPolicy;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const functionName = functionNameFor(this, props.module);
    this.logGroup = encryptedLogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${functionName}`,
      encryptionKey: props.logsKey,
    });
    this.policy = new ManagedPolicy(this, 'Policy', {
      description: `What ${props.module} may touch: its log group and the access declared for it.`,
      statements: [
        new PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.logGroup.logGroupArn],
        }),
      ],
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${functionName}.`,
      managedPolicies: [props.telemetryPolicy, this.policy],
    });

    this.function = new NodejsFunction(this, 'Function', {
      functionName,
      description: props.description,
      entry: resolve(repositoryRoot, 'functions', `${props.module}.ts`),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: functionMemoryMb,
      timeout: Duration.seconds(functionTimeoutSeconds),
      tracing: Tracing.ACTIVE,
      // Statements CDK adds on its own (X-Ray, for `tracing`) would go to an AWS::IAM::Policy,
      // which the NIST and HIPAA packs count as inline; the managed policies above hold them all.
      role: this.role.withoutPolicyUpdates(),
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel[functionLogLevel],
      environment: {
        ...functionEnvironment({ ...props.environment, logLevel: functionLogLevel }),
        ...awsOnlyEnvironment(props.credentialsKeyArn),
      },
      projectRoot: repositoryRoot,
      depsLockFilePath: resolve(repositoryRoot, 'package-lock.json'),
      bundling,
    });

    acknowledge(this.function, 'lambdaSynchronousInvocation');
    acknowledge(this.function, 'lambdaConcurrency');
    acknowledge(this.function, 'lambdaOutsideVpc');
  }
}
