import { useRef } from 'react';

/**
 * One Idempotency-Key per create the person asks for: the same key while they retry the same request (so a create
 * that reached the server but whose answer was lost is replayed, not made twice), a new one for anything else.
 */
export function useIdempotencyKey() {
  const current = useRef<{ body: string; key: string } | null>(null);
  return {
    keyFor(request: unknown): string {
      const body = JSON.stringify(request);
      if (current.current?.body !== body) {
        current.current = { body, key: crypto.randomUUID() };
      }
      return current.current.key;
    },
    /** The create succeeded: the next one is a new action. */
    done() {
      current.current = null;
    },
  };
}
