import type { components } from '../../lib/api/schema.gen';

type Summary = components['schemas']['TaskSummary'];

const BARS = [
  { key: 'todo', label: 'To do', tone: 'todo' },
  { key: 'inProgress', label: 'In progress', tone: 'progress' },
  { key: 'done', label: 'Done', tone: 'done' },
  { key: 'overdue', label: 'Overdue', tone: 'overdue' },
] as const;

/**
 * One bar per count. The labels are text at the page's size (so they stay readable on a phone) and each bar is a
 * small SVG that stretches; classes, not inline styles, which the CSP refuses.
 */
export function StatusChart({ summary }: { summary: Summary }) {
  const max = Math.max(1, ...BARS.map((bar) => summary[bar.key]));
  const description = BARS.map((bar) => `${summary[bar.key]} ${bar.label.toLowerCase()}`).join(', ');
  return (
    <div className="chart" role="img" aria-label={`Tasks by status: ${description}`}>
      {BARS.map((bar) => (
        <div key={bar.key} className="chart-row" aria-hidden="true">
          <span className="chart-label">{bar.label}</span>
          <svg className="chart-bar" viewBox="0 0 100 10" preserveAspectRatio="none">
            <rect className="chart-track" x="0" y="0" width="100" height="10" rx="1.5" />
            <rect className={`chart-fill-${bar.tone}`} x="0" y="0" width={(100 * summary[bar.key]) / max} height="10" rx="1.5" />
          </svg>
          <span className="chart-value">{summary[bar.key]}</span>
        </div>
      ))}
    </div>
  );
}
