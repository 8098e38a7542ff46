import type { Priority, TaskStatus } from './model';
import type { TaskDraft } from './validation';

/** Every field the form edits, as both a create (TaskInput) and a full PATCH (TaskPatch) take it. */
export interface TaskFields {
  title: string;
  description: string | null;
  status: TaskStatus;
  priority: Priority;
  dueDate: string | null;
  tags: string[];
}

export function draftToInput(draft: TaskDraft): TaskFields {
  return {
    title: draft.title.trim(),
    description: draft.description === '' ? null : draft.description,
    status: draft.status,
    priority: draft.priority,
    dueDate: draft.dueDate === '' ? null : draft.dueDate,
    tags: draft.tags,
  };
}

export const EMPTY_DRAFT: TaskDraft = {
  title: '',
  description: '',
  status: 'TODO',
  priority: 'MEDIUM',
  dueDate: '',
  tags: [],
};
