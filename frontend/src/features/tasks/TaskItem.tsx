import { useId } from 'react';
import { Link } from 'react-router';
import { PRIORITY_LABELS, STATUS_LABELS, formatDueDate, isOverdue, type Task } from './model';

interface Props {
  task: Task;
  /** Today in the person's time zone (YYYY-MM-DD). */
  today: string;
  busy: boolean;
  onToggleDone: (task: Task) => void;
  onDelete: (task: Task) => void;
}

/** One task in the list, with its quick actions (their names are the action; the title describes them). */
export function TaskItem({ task, today, busy, onToggleDone, onDelete }: Props) {
  const titleId = useId();
  const done = task.status === 'DONE';
  return (
    <li className={`card task ${done ? 'task-done' : ''}`} aria-labelledby={titleId}>
      <div className="task-main">
        <Link id={titleId} to={`/tasks/${task.id}`} className="task-title">
          {task.title}
        </Link>
        <div className="task-meta">
          <span className={`badge badge-status-${task.status.toLowerCase()}`}>{STATUS_LABELS[task.status]}</span>
          <span className={`badge badge-priority-${task.priority.toLowerCase()}`}>
            {PRIORITY_LABELS[task.priority]} priority
          </span>
          {isOverdue(task, today) && <span className="badge badge-overdue">Overdue</span>}
          {task.dueDate && <span className="task-due">Due {formatDueDate(task.dueDate)}</span>}
        </div>
        {task.tags.length > 0 && (
          <ul className="tags" aria-label="Tags">
            {task.tags.map((tag) => (
              <li key={tag} className="tag">
                {tag}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="task-actions">
        <button
          type="button"
          className="button button-secondary button-small"
          aria-describedby={titleId}
          disabled={busy}
          onClick={() => onToggleDone(task)}
        >
          {done ? 'Reopen' : 'Mark done'}
        </button>
        <button
          type="button"
          className="button button-ghost button-small"
          aria-describedby={titleId}
          disabled={busy}
          onClick={() => onDelete(task)}
        >
          Delete
        </button>
      </div>
    </li>
  );
}
