import { Dialog } from '../../components/Dialog';
import { PRIORITY_LABELS, STATUS_LABELS, formatDueDate, type Task } from './model';
import type { TaskDraft } from './validation';

interface Props {
  mine: TaskDraft;
  theirs: Task;
  busy: boolean;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onClose: () => void;
}

function rows(mine: TaskDraft, theirs: Task) {
  const none = '—';
  return [
    { label: 'Title', mine: mine.title.trim(), theirs: theirs.title },
    { label: 'Description', mine: mine.description || none, theirs: theirs.description || none },
    { label: 'Status', mine: STATUS_LABELS[mine.status], theirs: STATUS_LABELS[theirs.status] },
    { label: 'Priority', mine: PRIORITY_LABELS[mine.priority], theirs: PRIORITY_LABELS[theirs.priority] },
    {
      label: 'Due date',
      mine: mine.dueDate ? formatDueDate(mine.dueDate) : none,
      theirs: theirs.dueDate ? formatDueDate(theirs.dueDate) : none,
    },
    { label: 'Tags', mine: mine.tags.join(', ') || none, theirs: theirs.tags.join(', ') || none },
  ];
}

/** After a 412: the server's current version next to the person's, and the choice of which one stays. */
export function ConflictDialog({ mine, theirs, busy, onKeepMine, onTakeTheirs, onClose }: Props) {
  return (
    <Dialog title="This task was changed elsewhere" onClose={onClose}>
      <p className="dialog-body">
        Someone (perhaps you, in another tab) saved this task after you opened it. Choose which version to keep.
      </p>
      <div className="table-scroll">
        <table className="conflict-table">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Your changes</th>
              <th scope="col">Saved version</th>
            </tr>
          </thead>
          <tbody>
            {rows(mine, theirs).map((row) => (
              <tr key={row.label} className={row.mine === row.theirs ? '' : 'conflict-differs'}>
                <th scope="row">{row.label}</th>
                <td className="user-text">{row.mine}</td>
                <td className="user-text">{row.theirs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onTakeTheirs} disabled={busy}>
          Take theirs
        </button>
        <button type="button" className="button" onClick={onKeepMine} disabled={busy} data-autofocus>
          Keep mine
        </button>
      </div>
    </Dialog>
  );
}
