import { useId, useState, type FormEvent } from 'react';
import { PRIORITIES, PRIORITY_LABELS, STATUSES, STATUS_LABELS } from './model';
import { TagInput } from './TagInput';
import { LIMITS, length, validateTask, type FieldErrors, type TaskDraft, type TaskField } from './validation';

interface Props {
  draft: TaskDraft;
  onDraftChange: (draft: TaskDraft) => void;
  onSubmit: (draft: TaskDraft) => void;
  onCancel: () => void;
  submitLabel: string;
  submitting: boolean;
  /** The server's field errors, by form field. */
  serverErrors: FieldErrors;
  /** A failure that names no field (with the request id), shown above the buttons. */
  formError: string | null;
}

/** The create and edit form: the core's rules checked as the person types, the server's errors on the same fields. */
export function TaskForm({ draft, onDraftChange, onSubmit, onCancel, submitLabel, submitting, serverErrors, formError }: Props) {
  const id = useId();
  const [touched, setTouched] = useState<Partial<Record<TaskField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [edited, setEdited] = useState<Partial<Record<TaskField, boolean>>>({});
  const clientErrors = validateTask(draft);

  const errorOf = (field: TaskField): string | undefined => {
    if ((submitted || touched[field]) && clientErrors[field]) return clientErrors[field];
    return edited[field] ? undefined : serverErrors[field];
  };

  const set = <K extends TaskField>(field: K, value: TaskDraft[K]) => {
    setEdited((current) => ({ ...current, [field]: true }));
    onDraftChange({ ...draft, [field]: value });
  };
  const touch = (field: TaskField) => setTouched((current) => ({ ...current, [field]: true }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setEdited({});
    if (Object.keys(clientErrors).length > 0) {
      const first = (Object.keys(clientErrors) as TaskField[])[0];
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    onSubmit(draft);
  };

  const describe = (field: TaskField, hint?: boolean) =>
    [hint ? `${id}-${field}-hint` : null, errorOf(field) ? `${id}-${field}-error` : null].filter(Boolean).join(' ') ||
    undefined;

  const error = (field: TaskField) => {
    const message = errorOf(field);
    return message ? (
      <p id={`${id}-${field}-error`} className="field-error">
        {message}
      </p>
    ) : null;
  };

  return (
    <form className="form task-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-title`}>Title</label>
        <input
          id={`${id}-title`}
          value={draft.title}
          required
          autoComplete="off"
          aria-invalid={errorOf('title') !== undefined}
          aria-describedby={describe('title', true)}
          onChange={(event) => set('title', event.target.value)}
          onBlur={() => touch('title')}
        />
        <p id={`${id}-title-hint`} className="field-hint">
          {length(draft.title.trim())} / {LIMITS.title}
        </p>
        {error('title')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea
          id={`${id}-description`}
          value={draft.description}
          rows={5}
          aria-invalid={errorOf('description') !== undefined}
          aria-describedby={describe('description', true)}
          onChange={(event) => set('description', event.target.value)}
          onBlur={() => touch('description')}
        />
        <p id={`${id}-description-hint`} className="field-hint">
          {length(draft.description).toLocaleString()} / {LIMITS.description.toLocaleString()}
        </p>
        {error('description')}
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-status`}>Status</label>
          <select
            id={`${id}-status`}
            value={draft.status}
            aria-describedby={describe('status')}
            onChange={(event) => set('status', event.target.value as TaskDraft['status'])}
          >
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
          {error('status')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-priority`}>Priority</label>
          <select
            id={`${id}-priority`}
            value={draft.priority}
            aria-describedby={describe('priority')}
            onChange={(event) => set('priority', event.target.value as TaskDraft['priority'])}
          >
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {PRIORITY_LABELS[priority]}
              </option>
            ))}
          </select>
          {error('priority')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-dueDate`}>Due date</label>
          <input
            id={`${id}-dueDate`}
            type="date"
            value={draft.dueDate}
            min="1900-01-01"
            max="9999-12-31"
            aria-invalid={errorOf('dueDate') !== undefined}
            aria-describedby={describe('dueDate')}
            onChange={(event) => set('dueDate', event.target.value)}
            onBlur={() => touch('dueDate')}
          />
          {error('dueDate')}
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-tags`}>Tags</label>
        <TagInput
          id={`${id}-tags`}
          tags={draft.tags}
          invalid={errorOf('tags') !== undefined}
          describedBy={describe('tags', true)}
          onChange={(tags) => set('tags', tags)}
        />
        <p id={`${id}-tags-hint`} className="field-hint">
          Up to {LIMITS.tags} tags of a–z, 0–9 and “-”.
        </p>
        {error('tags')}
      </div>
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
