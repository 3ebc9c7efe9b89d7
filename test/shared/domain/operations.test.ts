import { describe, expect, it } from 'vitest';
import {
  ageHours,
  approvalsByAge,
  combinedPerDay,
  countByStatus,
  executionsPerDay,
  formatDuration,
  healthOf,
  operationsGauges,
  summarizeWorkflow,
  windowStart,
} from '../../../shared/domain/operations.ts';

const asOf = new Date('2027-03-10T15:00:00Z');
const hoursBefore = (h: number) => new Date(asOf.getTime() - h * 3_600_000).toISOString();

describe('executions per day', () => {
  it('counts each execution on its UTC start day, every day of the window present, oldest first', () => {
    // Prepare
    const executions = [
      { status: 'SUCCEEDED', startDate: '2027-03-10T00:00:00Z' },
      { status: 'FAILED', startDate: '2027-03-10T14:59:00Z' },
      { status: 'RUNNING', startDate: '2027-03-08T23:59:59Z' },
      { status: 'SUCCEEDED', startDate: '2027-03-04T00:00:00Z' },
      // Before the window: not counted.
      { status: 'FAILED', startDate: '2027-03-03T23:59:59Z' },
    ];
    // Act
    const days = executionsPerDay(executions, asOf, 7);
    // Assess
    expect(windowStart(asOf, 7).toISOString()).toBe('2027-03-04T00:00:00.000Z');
    expect(days.map((d) => d.date)).toEqual([
      '2027-03-04',
      '2027-03-05',
      '2027-03-06',
      '2027-03-07',
      '2027-03-08',
      '2027-03-09',
      '2027-03-10',
    ]);
    expect(days.map((d) => d.total)).toEqual([1, 0, 0, 0, 1, 0, 2]);
    expect(days.map((d) => d.unsuccessful)).toEqual([0, 0, 0, 0, 0, 0, 1]);
  });

  it('adds the workflows up day by day for the chart', () => {
    const a = summarizeWorkflow({
      workflow: 'a',
      stateMachine: 'A',
      recent: [{ status: 'FAILED', startDate: '2027-03-10T01:00:00Z' }],
      running: 0,
      asOf,
      days: 2,
      truncated: false,
    });
    const b = summarizeWorkflow({
      workflow: 'b',
      stateMachine: 'B',
      recent: [
        { status: 'SUCCEEDED', startDate: '2027-03-09T01:00:00Z' },
        { status: 'SUCCEEDED', startDate: '2027-03-10T02:00:00Z' },
      ],
      running: 3,
      asOf,
      days: 2,
      truncated: false,
    });
    expect(combinedPerDay([a, b], 2)).toEqual([
      { date: '2027-03-09', total: 1, unsuccessful: 0 },
      { date: '2027-03-10', total: 2, unsuccessful: 1 },
    ]);
  });
});

describe('workflow health', () => {
  it('is failing after an unsuccessful execution in the last 24 hours, attention after an older one, healthy otherwise', () => {
    expect(healthOf([{ status: 'TIMED_OUT', startDate: hoursBefore(23) }], asOf)).toBe('failing');
    expect(
      healthOf(
        [
          { status: 'ABORTED', startDate: hoursBefore(25) },
          { status: 'SUCCEEDED', startDate: hoursBefore(1) },
        ],
        asOf,
      ),
    ).toBe('attention');
    expect(
      healthOf(
        [
          { status: 'SUCCEEDED', startDate: hoursBefore(1) },
          { status: 'RUNNING', startDate: hoursBefore(2) },
        ],
        asOf,
      ),
    ).toBe('healthy');
    expect(healthOf([], asOf)).toBe('healthy');
  });

  it('counts every status, zero when none, and keeps running-now apart from the window', () => {
    expect(
      countByStatus([
        { status: 'FAILED', startDate: hoursBefore(1) },
        { status: 'FAILED', startDate: hoursBefore(2) },
      ]),
    ).toEqual({ RUNNING: 0, SUCCEEDED: 0, FAILED: 2, TIMED_OUT: 0, ABORTED: 0, PENDING_REDRIVE: 0 });
    const summary = summarizeWorkflow({
      workflow: 'accountApproval',
      stateMachine: 'AccountApproval',
      recent: [
        { status: 'RUNNING', startDate: hoursBefore(1) },
        { status: 'SUCCEEDED', startDate: hoursBefore(24 * 30) },
      ],
      running: 4,
      asOf,
      days: 14,
      truncated: true,
    });
    expect(summary).toMatchObject({
      health: 'healthy',
      running: 4,
      truncated: true,
      started: { RUNNING: 1, SUCCEEDED: 0 },
    });
  });
});

describe('pending approvals by age', () => {
  it('puts each request in one band (a day old is in 1–3 days) and reports the oldest age in hours', () => {
    const pending = [hoursBefore(1), hoursBefore(24), hoursBefore(71.9), hoursBefore(72), hoursBefore(200)].map(
      (createdAt) => ({ createdAt }),
    );
    const ages = approvalsByAge(pending, asOf);
    expect(ages.total).toBe(5);
    expect(ages.oldestAgeHours).toBe(200);
    expect(ages.bands).toEqual([
      { label: 'under 1 day', count: 1 },
      { label: '1–3 days', count: 2 },
      { label: '3–7 days', count: 1 },
      { label: '7 days or more', count: 1 },
    ]);
  });

  it('is all zero when nothing is pending; an age is never negative', () => {
    expect(approvalsByAge([], asOf)).toMatchObject({ total: 0, oldestAgeHours: 0 });
    expect(ageHours('2027-03-11T00:00:00Z', asOf)).toBe(0);
    expect(ageHours(hoursBefore(1.5), asOf)).toBe(1.5);
  });
});

describe('operations gauges', () => {
  it('names each gauge as the metric it becomes', () => {
    const gauges = operationsGauges(
      {
        pendingApprovals: [{ createdAt: hoursBefore(30) }, { createdAt: hoursBefore(2) }],
        rotationsDue: 3,
        rotationsOverdue: 1,
        openIncidents: 2,
        openDepartures: 0,
      },
      asOf,
    );
    expect(gauges).toEqual({
      PendingApprovals: 2,
      OldestPendingApprovalAgeHours: 30,
      RotationsDue: 3,
      RotationsOverdue: 1,
      OpenIncidents: 2,
      OpenDepartures: 0,
    });
  });
});

describe('formatDuration', () => {
  it('reads as people say it', () => {
    expect([850, 42_000, 185_000, 3_600_000, 7_800_000, 86_400_000 * 4 + 3_600_000 * 3].map(formatDuration)).toEqual([
      '850 ms',
      '42 s',
      '3 min 5 s',
      '1 h',
      '2 h 10 min',
      '4 d 3 h',
    ]);
  });
});
