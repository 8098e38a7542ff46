import { connectivity } from './connectivity';

export type Fetch = (request: Request) => Promise<Response>;

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The first wait; each further wait doubles, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is cut to it: a person is waiting. */
  maxRetryAfterMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

const RETRIED_STATUSES = new Set([502, 503, 504]);

/** Retry-After in milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Whether sending the request twice is harmless: reads, idempotent methods, and a create with an Idempotency-Key. */
function safeToRepeat(request: Request): boolean {
  return request.method !== 'POST' || request.headers.has('Idempotency-Key');
}

/**
 * Retries network errors and 502/503/504 with exponential backoff and jitter, honouring Retry-After; never a
 * 4xx. While it waits the app shows "reconnecting".
 */
export function withRetry(next: Fetch, policy: RetryPolicy = defaultRetryPolicy): Fetch {
  return async (request) => {
    const repeatable = safeToRepeat(request);
    let waiting = false;
    try {
      for (let attempt = 1; ; attempt++) {
        const last = !repeatable || attempt >= policy.attempts;
        let delay: number;
        try {
          const response = await next(last ? request : request.clone());
          if (last || !RETRIED_STATUSES.has(response.status)) return response;
          const backoff = backoffMs(attempt, policy);
          const told = retryAfterMs(response.headers.get('Retry-After'));
          delay = told === null ? backoff : Math.min(told, policy.maxRetryAfterMs);
        } catch (error) {
          if (last || (error instanceof DOMException && error.name === 'AbortError')) throw error;
          delay = backoffMs(attempt, policy);
        }
        if (!waiting) {
          waiting = true;
          connectivity.retryStarted();
        }
        await policy.sleep(delay);
      }
    } finally {
      if (waiting) connectivity.retryEnded();
    }
  };
}

function backoffMs(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}
