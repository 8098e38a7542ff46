import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../lib/api/ApiProvider';
import { resolveLocation } from '../../lib/api/client';
import { unwrap } from '../../lib/api/errors';
import { listQuery, type TaskFilters } from './filters';
import { etagOf, type Task, type TaskInput, type TaskPatch } from './model';

/**
 * Query keys of the tasks feature, in one place. Everything under ['tasks'] (the dashboard's summary included) is
 * refreshed after a change.
 */
export const taskKeys = {
  all: ['tasks'] as const,
  lists: () => [...taskKeys.all, 'list'] as const,
  list: (filters: TaskFilters) => [...taskKeys.lists(), filters] as const,
  detail: (id: string) => [...taskKeys.all, 'detail', id] as const,
};

export function useTaskList(filters: TaskFilters) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: taskKeys.list(filters),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) =>
      unwrap(await api.GET('/tasks', { params: { query: listQuery(filters, pageParam) }, signal })),
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useTask(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: taskKeys.detail(id),
    queryFn: async ({ signal }) => unwrap(await api.GET('/tasks/{id}', { params: { path: { id } }, signal })),
  });
}

export interface CreatedTask {
  task: Task;
  url: string;
}

export function useCreateTask() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ input, idempotencyKey }: { input: TaskInput; idempotencyKey: string }) => {
      const result = await api.POST('/tasks', {
        params: { header: { 'Idempotency-Key': idempotencyKey } },
        body: input,
      });
      const task = unwrap(result);
      const location = result.response.headers.get('Location');
      return { task, url: resolveLocation(location ?? `tasks/${task.id}`, result.response.url) } satisfies CreatedTask;
    },
    onSuccess: ({ task, url }) => {
      // The new task is known: opening it (by the id its Location names) needs no second request.
      const id = new URL(url).pathname.split('/').pop() ?? task.id;
      queryClient.setQueryData(taskKeys.detail(id), task);
      return queryClient.invalidateQueries({ queryKey: taskKeys.all });
    },
  });
}

/** A PATCH against the version the person saw: a 412 says someone else changed the task meanwhile. */
export function useUpdateTask() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version, patch }: { id: string; version: number; patch: TaskPatch }) =>
      unwrap(
        await api.PATCH('/tasks/{id}', {
          params: { path: { id }, header: { 'If-Match': etagOf({ version }) } },
          body: patch,
        }),
      ),
    onSuccess: (task) => {
      queryClient.setQueryData(taskKeys.detail(task.id), task);
      return queryClient.invalidateQueries({ queryKey: taskKeys.all, refetchType: 'active' });
    },
  });
}

export function useDeleteTask() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version }: { id: string; version: number }) => {
      unwrap(
        await api.DELETE('/tasks/{id}', { params: { path: { id }, header: { 'If-Match': etagOf({ version }) } } }),
      );
      return id;
    },
    onSuccess: (id) => {
      queryClient.removeQueries({ queryKey: taskKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: taskKeys.all });
    },
  });
}

/** The task as the server has it now, read fresh (for the conflict view after a 412). */
export function useFetchTask() {
  const api = useApi();
  return async (id: string) => unwrap(await api.GET('/tasks/{id}', { params: { path: { id } } }));
}
