import type { Priority, TaskStatus } from './model';

/** The form's values, as typed. */
export interface TaskDraft {
  title: string;
  description: string;
  status: TaskStatus;
  priority: Priority;
  dueDate: string;
  tags: string[];
}

export type TaskField = keyof TaskDraft;
export type FieldErrors = Partial<Record<TaskField, string>>;

export const LIMITS = { title: 200, description: 10_000, tags: 10, tag: 32 } as const;
export const TAG_PATTERN = /^[a-z0-9-]{1,32}$/;

/** Characters as people count them (an emoji is one), as the core counts them. */
export function length(text: string): number {
  return [...text].length;
}

// The core refuses control characters; a description keeps line breaks and tabs.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

export function normaliseTag(raw: string): string {
  return raw.trim().toLowerCase();
}

export function tagProblem(tag: string): string | null {
  if (length(tag) > LIMITS.tag) return `A tag has at most ${LIMITS.tag} characters.`;
  if (!TAG_PATTERN.test(tag)) return 'A tag uses only letters a–z, digits and "-".';
  return null;
}

/**
 * The core's rules, checked as the person types for fast feedback. The server stays the authority: its field
 * errors are shown in the same places.
 */
export function validateTask(draft: TaskDraft): FieldErrors {
  const errors: FieldErrors = {};
  const title = draft.title.trim();
  if (title === '') errors.title = 'Give the task a title.';
  else if (length(title) > LIMITS.title) errors.title = `A title has at most ${LIMITS.title} characters.`;
  else if (CONTROL.test(title)) errors.title = 'A title is one line, without control characters.';

  if (length(draft.description) > LIMITS.description) {
    errors.description = `A description has at most ${LIMITS.description.toLocaleString('en')} characters.`;
  } else if (CONTROL_BUT_WHITESPACE.test(draft.description)) {
    errors.description = 'A description cannot hold control characters.';
  }

  if (draft.tags.length > LIMITS.tags) errors.tags = `At most ${LIMITS.tags} tags.`;
  else {
    const bad = draft.tags.map(tagProblem).find((problem) => problem !== null);
    if (bad) errors.tags = bad;
  }

  if (draft.dueDate !== '' && (draft.dueDate < '1900-01-01' || draft.dueDate > '9999-12-31')) {
    errors.dueDate = 'Pick a date between 1900 and 9999.';
  }
  return errors;
}

/** The server's field names (`title`, `tags[2]`) on the form's fields; the rest are shown above the form. */
export function fieldOf(serverField: string): TaskField | null {
  const base = serverField.replace(/\[\d+\]$/, '');
  return (['title', 'description', 'status', 'priority', 'dueDate', 'tags'] as const).find((f) => f === base) ?? null;
}
