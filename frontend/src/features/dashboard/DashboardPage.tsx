import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { PageSkeleton } from '../../components/Skeleton';
import { describeError } from '../../lib/api/errors';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useSummary } from './api';
import { StatusChart } from './StatusChart';

export function DashboardPage() {
  useDocumentTitle('Dashboard');
  const summary = useSummary();

  return (
    <div className="page">
      <header className="page-header">
        <h1>Dashboard</h1>
      </header>
      {summary.isPending ? (
        <PageSkeleton label="Loading the counts…" />
      ) : summary.isError ? (
        <ErrorState title="The counts could not be loaded" message={describeError(summary.error)} onRetry={() => void summary.refetch()} />
      ) : summary.data.total === 0 ? (
        <EmptyState title="Nothing to count yet">
          <Link to="/tasks/new" className="button">
            Create your first task
          </Link>
        </EmptyState>
      ) : (
        <>
          <dl className="stats">
            <Stat label="Total" value={summary.data.total} to="/tasks" />
            <Stat label="To do" value={summary.data.todo} to="/tasks?status=TODO" />
            <Stat label="In progress" value={summary.data.inProgress} to="/tasks?status=IN_PROGRESS" />
            <Stat label="Done" value={summary.data.done} to="/tasks?status=DONE" />
            <Stat label="Overdue" value={summary.data.overdue} to="/tasks?overdue=true" tone="overdue" />
          </dl>
          <section className="card chart-card" aria-labelledby="chart-heading">
            <h2 id="chart-heading">By status</h2>
            <StatusChart summary={summary.data} />
          </section>
        </>
      )}
    </div>
  );
}

function Stat({ label, value, to, tone }: { label: string; value: number; to: string; tone?: 'overdue' }) {
  return (
    <div className={`card stat ${tone ? `stat-${tone}` : ''}`}>
      <dt>{label}</dt>
      <dd>
        <Link to={to} aria-label={`${value} ${label.toLowerCase()}: show these tasks`}>
          {value}
        </Link>
      </dd>
    </div>
  );
}
