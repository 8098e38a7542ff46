import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { PageSkeleton } from '../../components/Skeleton';
import { useToast } from '../../components/Toasts';
import { ApiError, describeError } from '../../lib/api/errors';
import { discardDraft, useDraft } from '../../lib/drafts';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useDeleteTask, useFetchTask, useTask, useUpdateTask } from './api';
import { ConflictDialog } from './ConflictDialog';
import { DeleteTaskDialog } from './DeleteTaskDialog';
import type { Task } from './model';
import { formErrorsFrom } from './serverErrors';
import { draftToInput } from './draft';
import { TaskForm } from './TaskForm';
import type { TaskDraft } from './validation';

function draftOf(task: Task): TaskDraft {
  return {
    title: task.title,
    description: task.description ?? '',
    status: task.status,
    priority: task.priority,
    dueDate: task.dueDate ?? '',
    tags: task.tags,
  };
}

export function EditTaskPage() {
  const { id = '' } = useParams();
  const task = useTask(id);
  useDocumentTitle(task.data ? `Edit: ${task.data.title}` : 'Task');

  if (task.isPending) return <PageSkeleton label="Loading the task…" />;
  if (task.isError) {
    if (task.error instanceof ApiError && (task.error.status === 404 || task.error.status === 400)) {
      return (
        <section className="page state state-empty">
          <h1>Task not found</h1>
          <p>There is no such task among yours. It may have been deleted.</p>
          <Link to="/tasks" className="button">
            Back to tasks
          </Link>
        </section>
      );
    }
    return (
      <ErrorState title="The task could not be loaded" message={describeError(task.error)} onRetry={() => void task.refetch()} />
    );
  }
  return <EditTaskForm key={task.data.id} task={task.data} />;
}

/** The draft remembers the version it started from, so that a save after a sign-in trip still checks it. */
interface EditDraft {
  baseVersion: number;
  values: TaskDraft;
}

function EditTaskForm({ task }: { task: Task }) {
  const navigate = useNavigate();
  const toast = useToast();
  const update = useUpdateTask();
  const remove = useDeleteTask();
  const fetchTask = useFetchTask();
  const draftKey = `task:${task.id}`;
  const [draft, setDraft, restored] = useDraft<EditDraft>(draftKey, () => ({
    baseVersion: task.version,
    values: draftOf(task),
  }));
  const [theirs, setTheirs] = useState<Task | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [conflictError, setConflictError] = useState<string | null>(null);
  const errors = formErrorsFrom(update.error instanceof ApiError && update.error.status === 412 ? null : update.error);

  const save = (values: TaskDraft, version: number) => {
    update.mutate(
      { id: task.id, version, patch: draftToInput(values) },
      {
        onSuccess: (saved) => {
          discardDraft(draftKey);
          setTheirs(null);
          toast.show(`Saved: ${saved.title}`);
          void navigate('/tasks');
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            fetchTask(task.id).then(setTheirs, (failure: unknown) => setConflictError(describeError(failure)));
          }
        },
      },
    );
  };

  const takeTheirs = (current: Task) => {
    setDraft({ baseVersion: current.version, values: draftOf(current) });
    setTheirs(null);
    update.reset();
    toast.show('You now have the saved version.');
  };

  return (
    <div className="page page-narrow">
      <header className="page-header">
        <h1>Edit task</h1>
        <button type="button" className="button button-ghost" onClick={() => setConfirmDelete(true)}>
          Delete task
        </button>
      </header>
      {restored && <p className="notice">Your unsaved changes were kept; carry on where you left off.</p>}
      {conflictError && <p role="alert" className="form-error">{conflictError}</p>}
      <TaskForm
        key={draft.baseVersion}
        draft={draft.values}
        onDraftChange={(values) => setDraft({ ...draft, values })}
        onSubmit={(values) => save(values, draft.baseVersion)}
        onCancel={() => {
          discardDraft(draftKey);
          void navigate('/tasks');
        }}
        submitLabel="Save changes"
        submitting={update.isPending}
        serverErrors={errors.fields}
        formError={errors.message}
      />
      {theirs && (
        <ConflictDialog
          mine={draft.values}
          theirs={theirs}
          busy={update.isPending}
          onKeepMine={() => save(draft.values, theirs.version)}
          onTakeTheirs={() => takeTheirs(theirs)}
          onClose={() => setTheirs(null)}
        />
      )}
      {confirmDelete && (
        <DeleteTaskDialog
          taskTitle={task.title}
          busy={remove.isPending}
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() =>
            remove.mutate(
              { id: task.id, version: draft.baseVersion },
              {
                onSuccess: () => {
                  discardDraft(draftKey);
                  toast.show('Task deleted');
                  void navigate('/tasks');
                },
                onError: (error) => {
                  setConfirmDelete(false);
                  toast.show(describeError(error), 'error');
                },
              },
            )
          }
        />
      )}
    </div>
  );
}
