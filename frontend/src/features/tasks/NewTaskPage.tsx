import { useNavigate } from 'react-router';
import { useToast } from '../../components/Toasts';
import { discardDraft, useDraft } from '../../lib/drafts';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useCreateTask } from './api';
import { formErrorsFrom } from './serverErrors';
import { EMPTY_DRAFT, draftToInput } from './draft';
import { TaskForm } from './TaskForm';
import { useIdempotencyKey } from './useIdempotencyKey';
import type { TaskDraft } from './validation';

const DRAFT_KEY = 'task:new';

export function NewTaskPage() {
  useDocumentTitle('New task');
  const navigate = useNavigate();
  const toast = useToast();
  const create = useCreateTask();
  const idempotency = useIdempotencyKey();
  const [draft, setDraft, restored] = useDraft<TaskDraft>(DRAFT_KEY, () => EMPTY_DRAFT);
  const errors = formErrorsFrom(create.error);

  const submit = (values: TaskDraft) => {
    const input = draftToInput(values);
    create.mutate(
      { input, idempotencyKey: idempotency.keyFor(input) },
      {
        onSuccess: ({ task }) => {
          idempotency.done();
          discardDraft(DRAFT_KEY);
          toast.show(`Task created: ${task.title}`);
          void navigate('/tasks');
        },
      },
    );
  };

  return (
    <div className="page page-narrow">
      <header className="page-header">
        <h1>New task</h1>
      </header>
      {restored && <p className="notice">Your unsaved task was kept; carry on where you left off.</p>}
      <TaskForm
        draft={draft}
        onDraftChange={setDraft}
        onSubmit={submit}
        onCancel={() => {
          discardDraft(DRAFT_KEY);
          void navigate('/tasks');
        }}
        submitLabel="Create task"
        submitting={create.isPending}
        serverErrors={errors.fields}
        formError={errors.message}
      />
    </div>
  );
}
