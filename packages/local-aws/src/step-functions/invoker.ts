/** The seam to the local Lambda stand-in, a leaf so that the files running Task states need not import the server. */

/** Runs functions for Task states. */
/** Runs the Lambda function with this ARN (or name) on the event, as Lambda would; throws the function's error. */
export type LocalFunctionInvoker = (functionArn: string, event: unknown) => Promise<unknown>;
