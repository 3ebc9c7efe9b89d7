/**
 * Benchmark 4, workflows: state transitions (states entered, as Step Functions bills them) of each
 * workflow's main path, driven through the API and the emailed links as people would, and counted
 * from the execution history the local Step Functions keeps.
 */
import { ListExecutionsCommand, ListStateMachinesCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import type { Endpoints } from '../local/runtime.ts';
import { approvedGrant } from '../test/support/accounts.ts';
import { apiClient, approvalLinkIn, poll, waitForEmail } from '../test/support/api.ts';
import { executionArnFor, executionHistory, sfnClient, stateTransitions } from '../test/support/sfn.ts';

/** One workflow's main path and what it costs. */
export interface WorkflowResult {
  workflow: string;
  profile: string;
  path: string;
  transitions: number;
  /** Lambda invocations the path made, and their time in all (scheduled until returned), from the history. */
  lambdaInvocations: number;
  lambdaMs: number;
  /** The goal, where it sets one. */
  goal: number | null;
}

/**
 * Lambda invocations in an execution's history and the time they took: from each one's scheduling to
 * the function's return (`TaskSubmitted` for a `.waitForTaskToken` task, whose result comes later from
 * a person, else its success or failure).
 */
export function lambdaWork(events: readonly HistoryEvent[]): { lambdaInvocations: number; lambdaMs: number } {
  let lambdaInvocations = 0;
  let lambdaMs = 0;
  events.forEach((event, index) => {
    const lambda =
      event.type === 'LambdaFunctionScheduled' ||
      (event.type === 'TaskScheduled' && event.taskScheduledEventDetails?.resourceType === 'lambda');
    if (!lambda) return;
    lambdaInvocations += 1;
    const end = events
      .slice(index + 1)
      .find((later) =>
        /^(LambdaFunction(Succeeded|Failed|TimedOut)|Task(Submitted|Succeeded|Failed|TimedOut))$/.test(
          later.type ?? '',
        ),
      );
    if (end?.timestamp && event.timestamp) lambdaMs += end.timestamp.getTime() - event.timestamp.getTime();
  });
  return { lambdaInvocations, lambdaMs };
}

/** Transitions of the finished execution `executionArn`; waits for it to finish, and for it to have succeeded. */
async function transitionsOf(
  endpoints: Endpoints,
  executionArn: string,
): Promise<{ transitions: number; lambdaInvocations: number; lambdaMs: number }> {
  const events = await poll(
    `${executionArn} to finish`,
    async () => {
      const history = await executionHistory(endpoints, executionArn);
      return /^Execution(Succeeded|Failed|Aborted|TimedOut)$/.test(history.at(-1)?.type ?? '') ? history : undefined;
    },
    60_000,
  );
  if (events.at(-1)!.type !== 'ExecutionSucceeded') throw new Error(`${executionArn} ended ${events.at(-1)!.type}`);
  return { transitions: stateTransitions(events), ...lambdaWork(events) };
}

/** The ARN of the one execution `stateMachine` has had on this runtime. */
async function onlyExecution(endpoints: Endpoints, stateMachine: string): Promise<string> {
  const client = sfnClient(endpoints);
  const { stateMachines = [] } = await client.send(new ListStateMachinesCommand({}));
  const { executions = [] } = await client.send(
    new ListExecutionsCommand({ stateMachineArn: stateMachines.find((m) => m.name === stateMachine)!.stateMachineArn }),
  );
  client.destroy();
  if (executions.length !== 1) throw new Error(`Expected one ${stateMachine} execution, found ${executions.length}`);
  return executions[0]!.executionArn!;
}

/**
 * The runtime's one account request, approved from the emailed links by every approver the profile
 * names (test/support/accounts.ts approvedAccount does that; approve one first if none was).
 */
export async function accountApproval(
  endpoints: Endpoints,
  path: string,
  goal: number | null,
): Promise<WorkflowResult> {
  return {
    workflow: 'AccountApproval',
    profile: endpoints.profile,
    path,
    ...(await transitionsOf(endpoints, await onlyExecution(endpoints, 'AccountApproval'))),
    goal,
  };
}

/** The login stored, a rotation requested, the pending password revealed and the rotation confirmed. */
export async function credentialRotation(endpoints: Endpoints, accountId: string): Promise<WorkflowResult> {
  const api = apiClient(endpoints);
  const stored = await api.put(`/accounts/${accountId}/credential`, {
    as: 'administrator',
    body: { username: 'dcs.smoky.bench', password: 'Benchmark-Password-4f2a!Qz9' },
  });
  if (stored.status !== 201) throw new Error(`storing the credential: ${stored.status} ${stored.text}`);
  const { body } = await api.post(`/accounts/${accountId}/rotations`, {
    as: 'administrator',
    body: { reason: 'benchmark' },
  });
  await poll(
    'the pending password',
    async () =>
      (await api.get(`/accounts/${accountId}/credential?version=pending`, { as: 'administrator' })).status === 200,
    60_000,
  );
  const confirmed = await api.post(`/accounts/${accountId}/rotations/${body.rotationId}/confirm`, {
    as: 'administrator',
  });
  if (confirmed.status !== 200) throw new Error(`confirming the rotation: ${confirmed.status} ${confirmed.text}`);
  const work = await transitionsOf(endpoints, executionArnFor(endpoints, 'CredentialRotation', body.rotationId));
  return {
    workflow: 'CredentialRotation',
    profile: endpoints.profile,
    path: 'requested, pending password revealed, confirmed',
    ...work,
    goal: null,
  };
}

/** Staff report inappropriate activity on the account; directors and administrators are told. */
export async function incident(endpoints: Endpoints, accountId: string): Promise<WorkflowResult> {
  const { body } = await apiClient(endpoints).post('/incidents', {
    as: 'staff',
    body: {
      accountId,
      type: 'inappropriate-activity',
      description: 'Benchmark incident.',
      observedAt: new Date(Date.now() - 60_000).toISOString(),
    },
  });
  const work = await transitionsOf(endpoints, executionArnFor(endpoints, 'Incident', body.incidentId));
  return {
    workflow: 'Incident',
    profile: endpoints.profile,
    path: 'inappropriate activity reported, everyone told',
    ...work,
    goal: null,
  };
}

/** HR reports a caseworker leaving in good standing; grants go, the directors get the leaver report. */
export async function departure(endpoints: Endpoints): Promise<WorkflowResult> {
  const { body } = await apiClient(endpoints).post('/departures', {
    as: 'hr',
    body: { staffId: 'stf-staff2', standing: 'good', departedAt: new Date().toISOString() },
  });
  const work = await transitionsOf(endpoints, executionArnFor(endpoints, 'Departure', body.departureId));
  return {
    workflow: 'Departure',
    profile: endpoints.profile,
    path: 'good standing: grants revoked, leaver report sent',
    ...work,
    goal: null,
  };
}

/** Under mo-dss: staff suggest a post, the supervisor forwards it, Communications approves it. */
export async function postSuggestion(endpoints: Endpoints): Promise<WorkflowResult> {
  const api = apiClient(endpoints);
  const suggestion = {
    text: 'Thank you to the foster families at the spring resource fair!',
    eventDate: '2027-03-14',
    timeSensitive: false,
    visuals: [{ reference: 'IMG_0042.jpg', description: 'Volunteers at the resource fair' }],
    attestations: { photoPermission: true, confidentiality: true },
  };
  const { body } = await api.post('/post-suggestions', { as: 'staff', body: suggestion });
  const decide = async (persona: string, decision: string) => {
    const to = endpoints.personas[persona]!.email;
    const link = approvalLinkIn(
      await waitForEmail(
        endpoints,
        (e) => e.destination.to.includes(to) && e.subject.includes('Suggested post'),
        60_000,
      ),
    );
    const decided = await api.form(link.pathname, { token: link.searchParams.get('token')!, decision, comment: '' });
    if (decided.status !== 200) throw new Error(`${persona} could not ${decision}: ${decided.status}`);
  };
  await decide('supervisor', 'forward');
  await decide('communications', 'approve');
  const work = await transitionsOf(endpoints, executionArnFor(endpoints, 'PostSuggestion', body.suggestionId));
  return {
    workflow: 'PostSuggestion',
    profile: endpoints.profile,
    path: 'supervisor forwards, Communications approves',
    ...work,
    goal: null,
  };
}

/** Executions of every state machine on the runtime, by ARN. */
async function allExecutions(endpoints: Endpoints): Promise<Set<string>> {
  const client = sfnClient(endpoints);
  const { stateMachines = [] } = await client.send(new ListStateMachinesCommand({}));
  const arns = new Set<string>();
  for (const machine of stateMachines) {
    const { executions = [] } = await client.send(
      new ListExecutionsCommand({ stateMachineArn: machine.stateMachineArn }),
    );
    for (const execution of executions) arns.add(execution.executionArn!);
  }
  client.destroy();
  return arns;
}

/**
 * Under nj-dcf: the Local Office Manager asks for a grant and both approvers (NJ-02) approve it from
 * their emailed links. The request lives on the grant item (shared/services/grant-approvals.ts), so
 * the transitions are those of whatever executions the path started: counted, not assumed to be none.
 */
export async function njGrantApproval(endpoints: Endpoints, accountId: string): Promise<WorkflowResult> {
  const before = await allExecutions(endpoints);
  const response = await approvedGrant(endpoints, accountId, 'stf-staff');
  if (response.status !== 202) throw new Error(`the grant request answered ${response.status}: ${response.text}`);
  const api = apiClient(endpoints);
  await poll(
    'the grant to be active',
    async () => {
      const grants = await api.get(`/accounts/${accountId}/grants`, { as: 'director' });
      const items = (grants.body?.items ?? []) as Array<{ staffId: string; state?: string }>;
      return items.some((g) => g.staffId === 'stf-staff' && g.state === 'in-force');
    },
    60_000,
  );
  const started = [...(await allExecutions(endpoints))].filter((arn) => !before.has(arn));
  const work = { transitions: 0, lambdaInvocations: 0, lambdaMs: 0 };
  for (const arn of started) {
    const one = await transitionsOf(endpoints, arn);
    work.transitions += one.transitions;
    work.lambdaInvocations += one.lambdaInvocations;
    work.lambdaMs += one.lambdaMs;
  }
  return {
    workflow: started.length === 0 ? 'GrantApproval (no state machine)' : 'GrantApproval',
    profile: endpoints.profile,
    path: 'two approvers in parallel both approve (NJ-02)',
    ...work,
    goal: null,
  };
}
