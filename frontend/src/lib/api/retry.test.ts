import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { API, server } from '../../../test/server';
import { signedInSession } from '../../../test/render';
import { createApiClient } from './client';
import { connectivity } from './connectivity';
import { NetworkError } from './errors';
import { retryAfterMs, type RetryPolicy } from './retry';

function recordingPolicy(attempts = 4) {
  const waits: number[] = [];
  const reconnecting: boolean[] = [];
  const policy: RetryPolicy = {
    attempts,
    baseDelayMs: 400,
    maxDelayMs: 5_000,
    maxRetryAfterMs: 30_000,
    random: () => 1,
    sleep: async (ms) => {
      waits.push(ms);
      reconnecting.push(connectivity.isReconnecting());
    },
  };
  return { policy, waits, reconnecting };
}

const summary = { todo: 1, inProgress: 0, done: 0, overdue: 0, total: 1 };

describe('retries with backoff', () => {
  it('waits as long as Retry-After says after a 503, shows "reconnecting" meanwhile, then succeeds', async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/tasks/summary`, () => {
        calls++;
        return calls === 1
          ? HttpResponse.json(
              { type: 'urn:hexatask:problem:service-unavailable', title: 'Unavailable', status: 503, detail: 'db', instance: 'r1' },
              { status: 503, headers: { 'Retry-After': '7', 'Content-Type': 'application/problem+json' } },
            )
          : HttpResponse.json(summary);
      }),
    );
    const { policy, waits, reconnecting } = recordingPolicy();
    const api = createApiClient({ baseUrl: API, session: signedInSession(), retry: policy });

    const result = await api.GET('/tasks/summary');

    expect(result.data).toEqual(summary);
    expect(calls).toBe(2);
    expect(waits).toEqual([7_000]);
    expect(reconnecting).toEqual([true]);
    expect(connectivity.isReconnecting()).toBe(false);
  });

  it('backs off exponentially after network errors, and gives up with a NetworkError after the last attempt', async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/tasks/summary`, () => {
        calls++;
        return HttpResponse.error();
      }),
    );
    const { policy, waits } = recordingPolicy(4);
    const api = createApiClient({ baseUrl: API, session: signedInSession(), retry: policy });

    await expect(api.GET('/tasks/summary')).rejects.toBeInstanceOf(NetworkError);
    expect(calls).toBe(4);
    expect(waits).toEqual([400, 800, 1_600]);
    expect(connectivity.isReconnecting()).toBe(false);
  });

  it('caps a long Retry-After, and answers the last 503 when every attempt failed', async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/tasks/summary`, () => {
        calls++;
        return new HttpResponse(null, { status: 503, headers: { 'Retry-After': '3600' } });
      }),
    );
    const { policy, waits } = recordingPolicy(2);
    const api = createApiClient({ baseUrl: API, session: signedInSession(), retry: policy });

    const result = await api.GET('/tasks/summary');

    expect(result.response.status).toBe(503);
    expect(calls).toBe(2);
    expect(waits).toEqual([30_000]);
  });

  it.each([400, 404, 409, 412, 422, 428])('does not retry a %i', async (status) => {
    let calls = 0;
    server.use(
      http.get(`${API}/tasks/summary`, () => {
        calls++;
        return HttpResponse.json(
          { type: 'urn:hexatask:problem:not-found', title: 'x', status, detail: 'x', instance: 'r' },
          { status },
        );
      }),
    );
    const { policy, waits } = recordingPolicy();
    const api = createApiClient({ baseUrl: API, session: signedInSession(), retry: policy });

    const result = await api.GET('/tasks/summary');

    expect(result.response.status).toBe(status);
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
  });

  it('never repeats a POST that has no Idempotency-Key', async () => {
    let calls = 0;
    server.use(
      http.post(`${API}/tasks`, () => {
        calls++;
        return new HttpResponse(null, { status: 503, headers: { 'Retry-After': '1' } });
      }),
    );
    const { policy } = recordingPolicy();
    const api = createApiClient({ baseUrl: API, session: signedInSession(), retry: policy });

    await api.POST('/tasks', { body: { title: 'Once' } });

    expect(calls).toBe(1);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-03T10:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Thu, 03 Dec 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
  });
});
