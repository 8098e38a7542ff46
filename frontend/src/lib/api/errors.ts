import type { components } from './schema.gen';

export type Problem = components['schemas']['Problem'];
export type FieldError = components['schemas']['FieldError'];

/** An answer of the API that is not a success: its problem document, typed, with the request id to quote. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  readonly requestId: string | null;
  /** The response's ETag (a 412 carries the task's current one). */
  readonly etag: string | null;

  constructor(status: number, problem: Problem | null, headers: Headers) {
    super(problem?.detail ?? `The server answered ${status}.`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.requestId = problem?.instance ?? headers.get('X-Request-Id');
    this.etag = headers.get('ETag');
  }

  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }
}

/** The API could not be reached at all, even after the retries. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('Hexatask cannot be reached. Check your connection and try again.', { cause });
    this.name = 'NetworkError';
  }
}

/** The session ended and could not be renewed; the app is on its way to the sign-in page. */
export class SessionExpiredError extends Error {
  constructor() {
    super('Your session has ended. Taking you to sign in…');
    this.name = 'SessionExpiredError';
  }
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && 'status' in body && 'title' in body;
}

/** openapi-fetch's result as a value or an ApiError thrown, so that queries and mutations see failures. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiError(
      result.response.status,
      isProblem(result.error) ? result.error : null,
      result.response.headers,
    );
  }
  return result.data as T;
}

/** A sentence for a person, with the request id when there is one so that they can quote it. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const base =
      error.status === 503
        ? 'Hexatask is unavailable for a moment; try again shortly.'
        : error.status >= 500
        ? 'Something went wrong on our side.'
        : error.status === 404
          ? 'It is not there (any more).'
          : (error.problem?.detail ?? error.message);
    return error.requestId ? `${base} (request id ${error.requestId})` : base;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return 'Something went wrong.';
}
