/**
 * Failures where no answer came back at all (DNS, refused, reset, TLS, time-out), told apart
 * from answers that carry an HTTP status, so that a message never says "HTTP 500" about a host
 * that was not reached, and always names the endpoint and what to check.
 */
const NO_ANSWER_CODES: Readonly<Record<string, string>> = {
  ENOTFOUND: 'the host name does not resolve (DNS)',
  EAI_AGAIN: 'the host name could not be resolved just now (DNS)',
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the connection failed',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain has a self-signed certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate could not be verified',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its TLS certificate could not be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
};

const TIMEOUT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'AbortError']);

/**
 * What went wrong when `error` (or one of its causes) says the request got no answer, in
 * words; undefined when an answer came (or the error is something else).
 */
export function noAnswerReason(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 6; depth++) {
    if (typeof current !== 'object') return undefined;
    const record = current as { code?: unknown; name?: unknown; cause?: unknown };
    const code = typeof record.code === 'string' ? record.code : undefined;
    if (code && NO_ANSWER_CODES[code]) return `${NO_ANSWER_CODES[code]}, ${code}`;
    if (typeof record.name === 'string' && TIMEOUT_NAMES.has(record.name))
      return 'no answer in time';
    current = record.cause;
  }
  return undefined;
}
