/**
 * Trigger: SES feedback from the configuration set's EventBridge destination (bounces, complaints,
 * rejects, delivery delays), invoked by the event rule in AWS and by the local SES's mailbox simulator.
 */
import { sesEvent } from '../../shared/schemas/ses-events.ts';
import { handleSesEvent } from '../../shared/services/mail-feedback.ts';
import { taskHandler } from '../../shared/task-handler.ts';

export const handler = taskHandler('RecordMailFeedback', sesEvent, (event) => handleSesEvent(event));
