import { ConfirmDialog } from '../../components/Dialog';

interface DeleteTaskDialogProps {
  /** The task's title, shown as the person wrote it. */
  title: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before a task is deleted, naming it; the list and the edit page ask the same way. */
export function DeleteTaskDialog({ title, busy, onConfirm, onCancel }: DeleteTaskDialogProps) {
  return (
    <ConfirmDialog
      title="Delete this task?"
      message={
        <p>
          “<span className="user-text">{title}</span>” will be deleted. This cannot be undone.
        </p>
      }
      confirmLabel="Delete"
      busy={busy}
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}
