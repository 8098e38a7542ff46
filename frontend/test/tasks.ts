import type { components } from '../src/lib/api/schema.gen';

type Task = components['schemas']['Task'];

let next = 1;

/** A task as the API returns it, with sensible defaults. */
export function aTask(overrides: Partial<Task> = {}): Task {
  const n = next++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    title: `Task ${n}`,
    description: null,
    status: 'TODO',
    priority: 'MEDIUM',
    dueDate: null,
    tags: [],
    version: 1,
    createdAt: '2026-12-01T10:00:00Z',
    updatedAt: '2026-12-01T10:00:00Z',
    completedAt: null,
    ...overrides,
  };
}
