/**
 * A failure that mends itself: a code host or CodeBuild that has not caught up or is down just
 * now. The invocation fails so that Lambda retries the event, and the log says it will.
 */
export class RetryLater extends Error {}
