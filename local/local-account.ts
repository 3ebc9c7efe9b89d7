/**
 * The make-believe AWS account the local system runs in: one region, the all-zero account id and
 * fixed credentials, which every stand-in accepts. One place, so the ARNs the runtime writes into
 * state machines match those the stand-ins mint.
 */
export const region = 'us-east-1';
export const accountId = '000000000000';
export const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
/** What an SDK client needs, besides its endpoint, to talk to a stand-in. */
export const localClientConfig = { region, credentials };
