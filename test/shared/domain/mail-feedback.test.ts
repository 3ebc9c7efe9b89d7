import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { simulatorEvent } from '../../../local/ses.ts';
import { feedbackOf } from '../../../shared/domain/mail-feedback.ts';
import { sesEvent } from '../../../shared/schemas/ses-events.ts';

const body = {
  FromEmailAddress: 'no-reply@agency.example',
  ConfigurationSetName: 'official-accounts-local',
  Destination: { ToAddresses: ['a@agency.example', 'bounce@simulator.amazonses.com'] },
  Content: { Simple: { Subject: { Data: 'Approve?' } } },
};
const event = (outcome: 'bounce' | 'complaint' | 'suppressed', address: string) =>
  z.parse(sesEvent, simulatorEvent(outcome, address, body, 'msg-1', '2027-01-01T00:00:00.000Z'));

describe('feedbackOf (issue 19.1)', () => {
  it("reads the mailbox simulator's bounce as SES publishes it: permanent, the one bounced recipient", () => {
    const bounce = event('bounce', 'bounce@simulator.amazonses.com');
    expect(bounce.source).toBe('aws.ses');
    expect(bounce['detail-type']).toBe('Email Bounced');
    expect(feedbackOf(bounce)).toMatchObject({
      kind: 'bounce',
      type: 'Permanent/General',
      recipients: ['bounce@simulator.amazonses.com'],
      messageId: 'msg-1',
      unreachable: true,
      metric: 'MailBounces',
    });
  });

  it('tells a suppressed address and a complaint apart, both unreachable', () => {
    const suppressed = feedbackOf(event('suppressed', 'suppressionlist@simulator.amazonses.com'));
    expect(suppressed).toMatchObject({ type: 'Permanent/Suppressed', unreachable: true });
    expect(suppressed.description).toContain('suppression list');
    const complaint = event('complaint', 'complaint@simulator.amazonses.com');
    expect(complaint['detail-type']).toBe('Email Complaint Received');
    expect(feedbackOf(complaint)).toMatchObject({ kind: 'complaint', type: 'abuse', metric: 'MailComplaints' });
  });

  it('watches a delivery delay without calling the person unreachable', () => {
    const delay = z.parse(sesEvent, {
      id: 'evt-1',
      source: 'aws.ses',
      'detail-type': 'Email Delivery Delayed',
      time: '2027-01-01T00:05:00Z',
      detail: {
        eventType: 'DeliveryDelay',
        mail: { messageId: 'msg-2', timestamp: '2027-01-01T00:00:00Z', destination: ['a@agency.example'] },
        deliveryDelay: {
          delayType: 'MailboxFull',
          delayedRecipients: [{ emailAddress: 'a@agency.example' }],
          timestamp: '2027-01-01T00:05:00Z',
        },
      },
    });
    expect(feedbackOf(delay)).toMatchObject({ kind: 'delay', unreachable: false, feedbackId: 'evt-1' });
  });
});
