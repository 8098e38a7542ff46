import { useSyncExternalStore } from 'react';

/**
 * Whether requests are waiting to be retried after a network error or a 503: the "reconnecting" state that the
 * banner shows. A tiny external store, so that the fetch layer can update it outside React.
 */
let retrying = 0;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export const connectivity = {
  retryStarted() {
    retrying += 1;
    emit();
  },
  retryEnded() {
    retrying = Math.max(0, retrying - 1);
    emit();
  },
  isReconnecting() {
    return retrying > 0;
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

export function useReconnecting(): boolean {
  return useSyncExternalStore(connectivity.subscribe, connectivity.isReconnecting, () => false);
}

function subscribeOnline(listener: () => void) {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
}
