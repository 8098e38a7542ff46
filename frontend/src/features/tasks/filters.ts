import { STATUSES, type TaskSort, type TaskStatus } from './model';

/** What the list shows, kept in the URL so that reload, back and a shared link keep it. */
export interface TaskFilters {
  status: TaskStatus[];
  tag: string;
  dueAfter: string;
  dueBefore: string;
  overdue: boolean;
  q: string;
  sort: TaskSort;
}

export const NO_FILTERS: TaskFilters = {
  status: [],
  tag: '',
  dueAfter: '',
  dueBefore: '',
  overdue: false,
  q: '',
  sort: 'created',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SORTS: readonly TaskSort[] = ['created', 'dueDate', 'priority'];

export function filtersFromSearch(params: URLSearchParams): TaskFilters {
  const date = (name: string) => {
    const value = params.get(name) ?? '';
    return DATE.test(value) ? value : '';
  };
  const sort = params.get('sort') as TaskSort | null;
  return {
    status: STATUSES.filter((status) => params.getAll('status').includes(status)),
    tag: (params.get('tag') ?? '').trim().toLowerCase(),
    dueAfter: date('dueAfter'),
    dueBefore: date('dueBefore'),
    overdue: params.get('overdue') === 'true',
    q: (params.get('q') ?? '').slice(0, 200),
    sort: sort !== null && SORTS.includes(sort) ? sort : 'created',
  };
}

export function searchFromFilters(filters: TaskFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const status of filters.status) params.append('status', status);
  if (filters.tag) params.set('tag', filters.tag);
  if (filters.dueAfter) params.set('dueAfter', filters.dueAfter);
  if (filters.dueBefore) params.set('dueBefore', filters.dueBefore);
  if (filters.overdue) params.set('overdue', 'true');
  if (filters.q) params.set('q', filters.q);
  if (filters.sort !== 'created') params.set('sort', filters.sort);
  return params;
}

export function hasFilters(filters: TaskFilters): boolean {
  return searchFromFilters({ ...filters, sort: 'created' }).size > 0;
}

/** The query of GET /tasks for these filters: empty ones left out. */
export function listQuery(filters: TaskFilters, cursor: string | null) {
  return {
    status: filters.status.length > 0 ? filters.status : undefined,
    tag: filters.tag || undefined,
    dueAfter: filters.dueAfter || undefined,
    dueBefore: filters.dueBefore || undefined,
    overdue: filters.overdue ? true : undefined,
    q: filters.q.trim() || undefined,
    sort: filters.sort,
    cursor: cursor ?? undefined,
    limit: 20,
  };
}
