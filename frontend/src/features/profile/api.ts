import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../lib/api/ApiProvider';
import { unwrap } from '../../lib/api/errors';
import type { components } from '../../lib/api/schema.gen';

export type Me = components['schemas']['Me'];
export type ProfileInput = components['schemas']['ProfileInput'];

export const meKey = ['me'] as const;

/** Who is signed in, as the API knows them: the same on Cognito and the local provider, unlike ID-token claims. */
export function useMe() {
  const api = useApi();
  return useQuery({
    queryKey: meKey,
    queryFn: async ({ signal }) => unwrap(await api.GET('/me', { signal })),
    staleTime: 60_000,
  });
}

export function useUpdateMe() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: ProfileInput) => unwrap(await api.PUT('/me', { body: input })),
    onSuccess: (me) => {
      queryClient.setQueryData(meKey, me);
      // "Overdue" depends on the time zone.
      return queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}
