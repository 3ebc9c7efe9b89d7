/**
 * The error both emulators answer with, as AWS's awsJson protocols carry it: an unprefixed type
 * (`ResourceNotFoundException`, not `com.amazon.coral...#`) as `__type`, the service's wording as
 * `message`, so SDK error classes and code matching on `name` behave as they do against AWS.
 */
export class AwsJsonError extends Error {
  readonly type: string;
  readonly status: number;
  /** AWS leaves `message` out of some errors (UnknownOperationException); so do we. */
  readonly hasMessage: boolean;

  constructor(type: string, message: string | undefined, status = 400) {
    super(message ?? type);
    this.name = type;
    this.type = type;
    this.status = status;
    this.hasMessage = message !== undefined;
  }
}
