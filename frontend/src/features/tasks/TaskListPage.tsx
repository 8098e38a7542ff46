import { useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { ListSkeleton } from '../../components/Skeleton';
import { useToast } from '../../components/Toasts';
import { ApiError, describeError } from '../../lib/api/errors';
import { todayIn } from '../../lib/dates';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useMe } from '../profile';
import { useDeleteTask, useTaskList, useUpdateTask } from './api';
import { DeleteTaskDialog } from './DeleteTaskDialog';
import { filtersFromSearch, hasFilters, NO_FILTERS, searchFromFilters, type TaskFilters } from './filters';
import type { Task } from './model';
import { TaskFiltersBar } from './TaskFiltersBar';
import { TaskItem } from './TaskItem';

export function TaskListPage() {
  useDocumentTitle('Tasks');
  const [search, setSearch] = useSearchParams();
  const searchKey = search.toString();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const filters = useMemo(() => filtersFromSearch(search), [searchKey]);
  const setFilters = useCallback(
    (next: TaskFilters) =>
      // flushSync: a checkbox or select shows its new state at once, not after the transition.
      setSearch(searchFromFilters(next), { replace: next.q !== filters.q, flushSync: true }),
    [setSearch, filters.q],
  );

  const list = useTaskList(filters);
  const update = useUpdateTask();
  const remove = useDeleteTask();
  const toast = useToast();
  const [toDelete, setToDelete] = useState<Task | null>(null);

  const tasks = list.data?.pages.flatMap((page) => page.items) ?? [];
  const today = todayIn(useMe().data?.timeZone ?? 'UTC');

  const onToggleDone = (task: Task) => {
    const reopen = task.status === 'DONE';
    update.mutate(
      { id: task.id, version: task.version, patch: { status: reopen ? 'TODO' : 'DONE' } },
      {
        onSuccess: () => toast.show(reopen ? 'Task reopened' : 'Task marked done'),
        onError: (error) =>
          toast.show(
            error instanceof ApiError && error.status === 412
              ? 'This task was changed elsewhere; the list now shows its latest version.'
              : describeError(error),
            'error',
          ),
        onSettled: () => void list.refetch(),
      },
    );
  };

  const confirmDelete = () => {
    if (toDelete === null) return;
    remove.mutate(
      { id: toDelete.id, version: toDelete.version },
      {
        onSuccess: () => toast.show('Task deleted'),
        onError: (error) => toast.show(describeError(error), 'error'),
        onSettled: () => setToDelete(null),
      },
    );
  };

  return (
    <div className="page">
      <header className="page-header">
        <h1>Tasks</h1>
        <Link to="/tasks/new" className="button">
          New task
        </Link>
      </header>
      <TaskFiltersBar filters={filters} onChange={setFilters} />
      {list.isPending ? (
        <ListSkeleton label="Loading tasks…" />
      ) : list.data === undefined ? (
        <ErrorState title="The tasks could not be loaded" message={describeError(list.error)} onRetry={() => void list.refetch()} />
      ) : tasks.length === 0 ? (
        hasFilters(filters) ? (
          <EmptyState title="No tasks match these filters">
            <button type="button" className="button button-secondary" onClick={() => setFilters({ ...NO_FILTERS, sort: filters.sort })}>
              Clear filters
            </button>
          </EmptyState>
        ) : (
          <EmptyState title="No tasks yet">
            <p>Write down the first thing you want to get done.</p>
            <Link to="/tasks/new" className="button">
              Create your first task
            </Link>
          </EmptyState>
        )
      ) : (
        <>
          <ul className="task-list" aria-label="Tasks">
            {tasks.map((task) => (
              <TaskItem
                key={task.id}
                task={task}
                today={today}
                busy={(update.isPending && update.variables.id === task.id) || (remove.isPending && toDelete?.id === task.id)}
                onToggleDone={onToggleDone}
                onDelete={setToDelete}
              />
            ))}
          </ul>
          {list.hasNextPage && (
            <div className="load-more">
              <button
                type="button"
                className="button button-secondary"
                disabled={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </div>
          )}
          {list.isError && (
            <p role="alert" className="form-error">
              {describeError(list.error)}
            </p>
          )}
        </>
      )}
      {toDelete && (
        <DeleteTaskDialog
          taskTitle={toDelete.title}
          busy={remove.isPending}
          onConfirm={confirmDelete}
          onCancel={() => setToDelete(null)}
        />
      )}
    </div>
  );
}
