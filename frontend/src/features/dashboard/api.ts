import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../lib/api/ApiProvider';
import { unwrap } from '../../lib/api/errors';

/** Under ['tasks'], so that every change to a task refreshes the counts too. */
export const summaryKey = ['tasks', 'summary'] as const;

export function useSummary() {
  const api = useApi();
  return useQuery({
    queryKey: summaryKey,
    queryFn: async ({ signal }) => unwrap(await api.GET('/tasks/summary', { signal })),
  });
}
