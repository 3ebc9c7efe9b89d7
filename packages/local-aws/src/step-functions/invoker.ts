/** The seam to the local Lambda stand-in, a leaf so that the files running Task states need not import the server. */

/** Runs functions for Task states. */
export interface LocalFunctionInvoker {
  /** Runs the Lambda function with this ARN (or name) on the event, as Lambda would; throws the function's error. */
  (functionArn: string, event: unknown): Promise<unknown>;
}
