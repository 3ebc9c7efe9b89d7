import { describe, expect, it } from 'vitest';
import { summarizeWorkflow, type OperationsStatus } from '../../../shared/domain/operations.ts';
import { executionsChart } from '../../../shared/views/executions-chart.ts';
import { statusPage } from '../../../shared/views/status-page.ts';

const asOf = new Date('2027-03-10T15:00:00Z');

const status = (overrides: Partial<OperationsStatus> = {}): OperationsStatus => {
  const workflow = summarizeWorkflow({
    workflow: 'accountApproval',
    stateMachine: 'AccountApproval',
    recent: [
      { status: 'FAILED', startDate: '2027-03-10T10:00:00Z' },
      { status: 'SUCCEEDED', startDate: '2027-03-09T10:00:00Z' },
    ],
    running: 2,
    asOf,
    days: 3,
    truncated: false,
  });
  return {
    asOf: asOf.toISOString(),
    windowDays: 3,
    workflows: [workflow],
    executionsPerDay: workflow.perDay,
    approvals: {
      total: 1,
      oldestAgeHours: 50,
      bands: [
        { label: 'under 1 day', count: 0 },
        { label: '1–3 days', count: 1 },
      ],
      oldest: [
        {
          requestId: 'req_<b>x</b>',
          platform: 'facebook',
          purpose: 'client-contact',
          region: 'knox',
          requesterId: 'stf-director',
          createdAt: '2027-03-08T13:00:00Z',
          ageHours: 50,
          approversAsked: 1,
        },
      ],
    },
    rotations: {
      due: 0,
      overdue: 1,
      dueAccounts: [],
      overdueRotations: [
        {
          accountId: 'acc_1',
          rotationId: 'r1',
          reason: 'on-demand',
          status: 'pending',
          startedAt: '2027-03-08T00:00:00Z',
          dueAt: '2027-03-09T00:00:00Z',
          hoursPastDue: 39,
        },
      ],
    },
    incidents: { open: 0, oldest: [] },
    departures: { open: 4 },
    waits: {
      limits: [
        {
          workflow: 'credentialRotation',
          states: ['AwaitConfirmation'],
          limitHours: 720,
          escalatedTo: "the region's directors and operations",
          closedHow: 'the rotation is cancelled',
        },
      ],
      timedOut: [{ at: '2027-03-10T12:00:00Z', subject: 'ACCOUNT#acc_<i>1</i>', summary: 'stopped waiting' }],
    },
    mailFeedback: { recent: [], unreachable: [] },
    ...overrides,
  };
};

describe('status page', () => {
  it('shows each count with its raw number, each workflow with its health, and escapes every value', () => {
    // Act
    const markup = statusPage(status(), 'America/Chicago');
    // Assess
    expect(markup).toContain('id="pending-approvals" data-count="1"');
    expect(markup).toContain('id="rotations-overdue" data-count="1"');
    expect(markup).toContain('id="open-departures" data-count="4"');
    expect(markup).toContain('id="workflow-AccountApproval" data-health="failing" data-running="2"');
    expect(markup).toContain('data-failed="1"');
    expect(markup).toContain('req_&lt;b&gt;x&lt;/b&gt;');
    expect(markup).not.toContain('<b>x</b>');
    expect(markup).not.toMatch(/<script|javascript:|style="/i);
    // "2 d 2 h" from the status's own moment, not the clock's.
    expect(markup).toContain('2 d 2 h');
  });

  it("shows every wait's limit and outcome, the waits that ran out and the mail not delivered (issue 19)", () => {
    const markup = statusPage(status(), 'America/Chicago');
    expect(markup).toContain('id="wait-limits"');
    expect(markup).toMatch(/credentialRotation<\/td>\s*<td>AwaitConfirmation<\/td>\s*<td>720 h<\/td>/);
    expect(markup).toContain('id="waits-timed-out"');
    expect(markup).toContain('ACCOUNT#acc_&lt;i&gt;1&lt;/i&gt;');
    expect(markup).toContain('No bounce, complaint or rejection in the last 3 days.');
  });

  it('lists who mail does not reach now, escaped, or says nobody (issue 19.1)', () => {
    expect(statusPage(status(), 'America/Chicago')).toContain('Mail reaches everyone in the directory');
    const unreachable = [
      {
        staffId: 'stf-1',
        name: 'Casey <b>C</b>',
        kind: 'bounce',
        type: 'Permanent/General',
        since: asOf.toISOString(),
      },
    ];
    const markup = statusPage(status({ mailFeedback: { recent: [], unreachable } }), 'America/Chicago');
    expect(markup).toContain('id="mail-unreachable"');
    expect(markup).toContain('Casey &lt;b&gt;C&lt;/b&gt; (stf-1)');
    expect(markup).toContain('bounce Permanent/General');
  });

  it('draws one bar group per day, unsuccessful executions stacked in red, in an inline SVG', () => {
    const svg = executionsChart([
      { date: '2027-03-08', total: 0, unsuccessful: 0 },
      { date: '2027-03-09', total: 4, unsuccessful: 0 },
      { date: '2027-03-10', total: 2, unsuccessful: 1 },
    ]).value;
    expect(svg.startsWith('<svg id="executions-chart"')).toBe(true);
    expect(svg).toContain('data-total="6" data-max="4"');
    expect(svg.match(/<g class="day"/g)).toHaveLength(3);
    expect(svg.match(/fill="#b42318"/g)).toHaveLength(1);
    expect(svg.match(/<rect /g)).toHaveLength(3);
  });
});
