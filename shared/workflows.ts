/**
 * The state machines, defined once. Each is an ASL file in workflows/ with `${Placeholder}`
 * substitutions for the ARNs it calls. infra/constructs/workflows.ts hands the file to
 * CloudFormation with `DefinitionSubstitutions` (so the definition stays readable in the template);
 * local/provision.ts renders it with local ARNs and creates it in the local Step Functions.
 * Both read the file through shared/workflow-definitions.ts (which expands the Retry lists) and go
 * through checkSubstitutions, so a missing or unused placeholder fails synth and start-up alike.
 */
import type { FunctionAccess } from './access.ts';

export interface WorkflowTask {
  /** Module under functions/ (without `.ts`) that exports `handler`. */
  module: string;
  access: FunctionAccess;
}

export interface WorkflowDefinition {
  /** CloudFormation logical id and local state machine name. */
  name: string;
  /** Path from the repository root. */
  file: string;
  /** The variable that carries the state machine's ARN to the functions that start it. */
  envVar: string;
  /** Placeholder → the function whose ARN replaces it. */
  tasks: Record<string, WorkflowTask>;
}

const approvalRequests = {
  tables: { accounts: 'readwrite', directory: 'read', audit: 'readwrite' },
  sendEmail: true,
} as const;

/**
 * Every workflow's Catch on States.Timeout of its wait for a person (issue 19.2): one function closes
 * the subject and reports it (shared/services/wait-timeouts.ts). A timed-out rotation is cancelled:
 * its pending labels (credentials-write) and its workflow's token.
 */
const closeTimedOutWait = {
  module: 'ops/close-timed-out-wait',
  access: {
    tables: { accounts: 'readwrite', directory: 'read', audit: 'readwrite' },
    secrets: ['credentials-write'],
    workflows: { credentialRotation: ['callback'] },
    sendEmail: true,
  },
} as const;

export const workflows = {
  accountApproval: {
    name: 'AccountApproval',
    file: 'workflows/account-approval.asl.json',
    envVar: 'ACCOUNT_APPROVAL_STATE_MACHINE_ARN',
    tasks: {
      OpenRoundFunctionArn: { module: 'approvals/open-round', access: approvalRequests },
      AwaitDecisionFunctionArn: {
        module: 'approvals/await-decision',
        access: { tables: { accounts: 'readwrite', audit: 'readwrite' }, workflows: { accountApproval: ['callback'] } },
      },
      SendRemindersFunctionArn: { module: 'approvals/send-reminders', access: approvalRequests },
      EscalateFunctionArn: { module: 'approvals/escalate', access: approvalRequests },
      ExpireRequestFunctionArn: {
        module: 'approvals/expire-request',
        access: { tables: { accounts: 'readwrite', audit: 'readwrite' } },
      },
      NotifyClosedFunctionArn: { module: 'approvals/notify-closed', access: approvalRequests },
      CloseTimedOutWaitFunctionArn: closeTimedOutWait,
      ProvisionAccountFunctionArn: {
        module: 'accounts/provision-account',
        access: { ...approvalRequests, secrets: ['credentials-create'] },
      },
    },
  },
  credentialRotation: {
    name: 'CredentialRotation',
    file: 'workflows/credential-rotation.asl.json',
    envVar: 'CREDENTIAL_ROTATION_STATE_MACHINE_ARN',
    tasks: {
      NotifyAdministratorsFunctionArn: {
        module: 'credentials/notify-administrators',
        access: { tables: { accounts: 'read', directory: 'read' }, sendEmail: true },
      },
      AwaitConfirmationFunctionArn: {
        module: 'credentials/await-confirmation',
        access: { tables: { accounts: 'readwrite' }, workflows: { credentialRotation: ['callback'] } },
      },
      EscalateRotationFunctionArn: {
        module: 'credentials/escalate-rotation',
        access: { tables: { accounts: 'read', directory: 'read' }, sendEmail: true },
      },
      AnnounceRotationFunctionArn: {
        module: 'credentials/announce-rotation',
        access: { tables: { accounts: 'read', directory: 'read', audit: 'readwrite' }, sendEmail: true },
      },
      CloseTimedOutWaitFunctionArn: closeTimedOutWait,
    },
  },
  incident: {
    name: 'Incident',
    file: 'workflows/incident.asl.json',
    envVar: 'INCIDENT_STATE_MACHINE_ARN',
    tasks: {
      NotifyIncidentFunctionArn: {
        module: 'incidents/notify-incident',
        // A compromise cancels a rotation waiting for a person: its labels (credentials-write), its workflow.
        access: {
          tables: { accounts: 'readwrite', directory: 'read', audit: 'readwrite' },
          secrets: ['credentials-write', 'credentials-rotate'],
          workflows: { credentialRotation: ['callback'] },
          sendEmail: true,
        },
      },
      AwaitHotlineReportFunctionArn: {
        module: 'incidents/await-hotline-report',
        access: { tables: { accounts: 'readwrite' }, workflows: { incident: ['callback'] } },
      },
      CloseTimedOutWaitFunctionArn: closeTimedOutWait,
    },
  },
  departure: {
    name: 'Departure',
    file: 'workflows/departure.asl.json',
    envVar: 'DEPARTURE_STATE_MACHINE_ARN',
    tasks: {
      SendLeaverReportFunctionArn: {
        module: 'departures/send-leaver-report',
        access: { tables: { accounts: 'readwrite', directory: 'read', audit: 'read' }, sendEmail: true },
      },
      AwaitEmailRemovalFunctionArn: {
        module: 'departures/await-email-removal',
        access: { tables: { accounts: 'readwrite' }, workflows: { departure: ['callback'] } },
      },
      RemindEmailRemovalFunctionArn: {
        module: 'departures/remind-email-removal',
        access: { tables: { accounts: 'read', directory: 'read' }, sendEmail: true },
      },
      CloseTimedOutWaitFunctionArn: closeTimedOutWait,
      RotateAccountsFunctionArn: {
        module: 'departures/rotate-accounts',
        // A departure cancels a rotation waiting for a person: its labels (credentials-write), its workflow.
        access: {
          tables: { accounts: 'readwrite', directory: 'read', audit: 'readwrite' },
          secrets: ['credentials-write', 'credentials-rotate'],
          workflows: { credentialRotation: ['callback'] },
        },
      },
    },
  },
  postSuggestion: {
    name: 'PostSuggestion',
    file: 'workflows/post-suggestion.asl.json',
    envVar: 'POST_SUGGESTION_STATE_MACHINE_ARN',
    tasks: {
      AskReviewersFunctionArn: {
        module: 'post-suggestions/ask-reviewers',
        access: { tables: { accounts: 'readwrite', directory: 'read' }, sendEmail: true },
      },
      AwaitSuggestionDecisionFunctionArn: {
        module: 'post-suggestions/await-decision',
        access: { tables: { accounts: 'readwrite' }, workflows: { postSuggestion: ['callback'] } },
      },
      NotifySubmitterFunctionArn: {
        module: 'post-suggestions/notify-submitter',
        access: { tables: { accounts: 'readwrite', directory: 'read' }, sendEmail: true },
      },
      EndHoldFunctionArn: { module: 'post-suggestions/end-hold', access: { tables: { accounts: 'readwrite' } } },
      CloseTimedOutWaitFunctionArn: closeTimedOutWait,
    },
  },
} as const satisfies Record<string, WorkflowDefinition>;

export type WorkflowKey = keyof typeof workflows;

const placeholderPattern = /\$\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The placeholder names a definition uses. */
export const placeholdersOf = (definition: string): Set<string> =>
  new Set([...definition.matchAll(placeholderPattern)].map((match) => match[1]!));

/** Throws unless `provided` covers exactly the placeholders of `definition`. */
export function checkSubstitutions(name: string, definition: string, provided: Iterable<string>): void {
  const used = placeholdersOf(definition);
  const given = new Set(provided);
  const missing = [...used].filter((key) => !given.has(key));
  const unused = [...given].filter((key) => !used.has(key));
  if (missing.length > 0 || unused.length > 0) {
    const problems = [
      ...(missing.length ? [`missing substitutions ${missing.join(', ')}`] : []),
      ...(unused.length ? [`unused substitutions ${unused.join(', ')}`] : []),
    ];
    throw new Error(`Workflow ${name}: ${problems.join('; ')}.`);
  }
}

/** The definition with every placeholder replaced; for the local runtime, where values are plain strings. */
export function renderDefinition(name: string, definition: string, substitutions: Record<string, string>): string {
  checkSubstitutions(name, definition, Object.keys(substitutions));
  return definition.replace(placeholderPattern, (_, key: string) => substitutions[key]!);
}

/** Lambda function name for a module under functions/ (`approvals/decide` → `approvals-decide`). */
export const functionNameOf = (module: string): string => module.replace(/\//g, '-');
