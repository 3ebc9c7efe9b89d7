/**
 * Functions another AWS service invokes directly (not the API, a workflow or a schedule), defined
 * once: CDK creates each with permission for that service to invoke it and passes its ARN in
 * `envVar`; the local runtime registers the same module under the same name.
 */
import type { FunctionAccess } from './access.ts';

export interface TriggerDefinition {
  module: string;
  /** The service principal allowed to invoke it. */
  invokedBy: string;
  /** The variable that carries the function's ARN to the functions that configure the trigger. */
  envVar: string;
  access: FunctionAccess;
}

export const triggers = {
  /** Secrets Manager's rotation function: human-in-the-loop rotation of an account's password (TN-09). */
  rotateSecret: {
    module: 'credentials/rotate-secret',
    invokedBy: 'secretsmanager.amazonaws.com',
    envVar: 'ROTATION_FUNCTION_ARN',
    access: {
      tables: { accounts: 'readwrite', directory: 'read', audit: 'readwrite' },
      secrets: ['credentials-read', 'credentials-write', 'hmac-key'],
      workflows: { credentialRotation: ['start'] },
    },
  },
  /** SES feedback through EventBridge (issue 19.1): mail that did not reach a person, and what follows. */
  mailFeedback: {
    module: 'mail/record-mail-feedback',
    invokedBy: 'events.amazonaws.com',
    envVar: 'MAIL_FEEDBACK_FUNCTION_ARN',
    access: {
      tables: { accounts: 'readwrite', directory: 'readwrite', audit: 'readwrite' },
      sendEmail: true,
    },
  },
} as const satisfies Record<string, TriggerDefinition>;

export type TriggerKey = keyof typeof triggers;
