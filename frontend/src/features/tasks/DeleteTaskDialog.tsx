import { ConfirmDialog } from '../../components/Dialog';

interface Props {
  /** The task's title, shown as the person wrote it. */
  taskTitle: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before a task is deleted, naming it; the list and the edit page ask the same way. */
export function DeleteTaskDialog({ taskTitle, busy, onConfirm, onCancel }: Props) {
  return (
    <ConfirmDialog
      title="Delete this task?"
      message={
        <p>
          “<span className="user-text">{taskTitle}</span>” will be deleted. This cannot be undone.
        </p>
      }
      confirmLabel="Delete"
      busy={busy}
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}
