import { ApiError, describeError } from '../../lib/api/errors';
import { fieldOf, type FieldErrors, type TaskField } from './validation';

const LABELS: Record<TaskField, string> = {
  title: 'Title',
  description: 'Description',
  status: 'Status',
  priority: 'Priority',
  dueDate: 'Due date',
  tags: 'Tags',
};

/**
 * A failed save as the form shows it: each of the problem's `errors[]` on the field it names (`tags[2]` on the
 * tags), and one message for the rest, ending with the request id.
 */
export function formErrorsFrom(error: unknown): { fields: FieldErrors; message: string | null } {
  if (error === null || error === undefined) return { fields: {}, message: null };
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) {
    return { fields: {}, message: describeError(error) };
  }
  const fields: FieldErrors = {};
  const others: string[] = [];
  for (const { field, message } of error.fieldErrors) {
    const target = fieldOf(field);
    if (target === null) others.push(`${field} ${message}`);
    else fields[target] ??= `${LABELS[target]} ${message}.`;
  }
  const id = error.requestId ? ` (request id ${error.requestId})` : '';
  const message =
    others.length > 0
      ? `${others.join('; ')}${id}`
      : `The task was not saved: please correct the fields marked below${id}.`;
  return { fields, message };
}
