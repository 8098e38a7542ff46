import type { components } from '../../lib/api/schema.gen';

export type Task = components['schemas']['Task'];
export type TaskStatus = components['schemas']['TaskStatus'];
export type Priority = components['schemas']['Priority'];
export type TaskInput = components['schemas']['TaskInput'];
export type TaskPatch = components['schemas']['TaskPatch'];
export type TaskSort = 'created' | 'dueDate' | 'priority';

export const STATUSES: readonly TaskStatus[] = ['TODO', 'IN_PROGRESS', 'DONE'];
export const PRIORITIES: readonly Priority[] = ['LOW', 'MEDIUM', 'HIGH'];

export const STATUS_LABELS: Record<TaskStatus, string> = {
  TODO: 'To do',
  IN_PROGRESS: 'In progress',
  DONE: 'Done',
};

export const PRIORITY_LABELS: Record<Priority, string> = {
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
};

export const SORT_LABELS: Record<TaskSort, string> = {
  created: 'Newest first',
  dueDate: 'Due soonest',
  priority: 'Highest priority',
};

/** The task's ETag, as the API sends it and wants it back in If-Match. */
export function etagOf(task: Pick<Task, 'version'>): string {
  return `"${task.version}"`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A due date (a calendar date, no time zone) as the reader writes dates. */
export function formatDueDate(date: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : dateFormat.format(parsed);
}

/** Not done and due before today (in the owner's time zone): the core's rule, for the badge in the list. */
export function isOverdue(task: Pick<Task, 'status' | 'dueDate'>, today: string): boolean {
  return task.status !== 'DONE' && task.dueDate !== null && task.dueDate < today;
}
