import type { components } from '../../lib/api/schema.gen';

type Summary = components['schemas']['TaskSummary'];

const BARS = [
  { key: 'todo', label: 'To do', tone: 'todo' },
  { key: 'inProgress', label: 'In progress', tone: 'progress' },
  { key: 'done', label: 'Done', tone: 'done' },
  { key: 'overdue', label: 'Overdue', tone: 'overdue' },
] as const;

const WIDTH = 560;
const BAR_HEIGHT = 26;
const GAP = 14;
const LABEL_WIDTH = 110;

/** Horizontal bars, one per count; plain SVG with classes (no inline styles, which the CSP refuses). */
export function StatusChart({ summary }: { summary: Summary }) {
  const max = Math.max(1, ...BARS.map((bar) => summary[bar.key]));
  const height = BARS.length * (BAR_HEIGHT + GAP) - GAP;
  const description = BARS.map((bar) => `${summary[bar.key]} ${bar.label.toLowerCase()}`).join(', ');
  return (
    <svg className="chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`Tasks by status: ${description}`}>
      {BARS.map((bar, index) => {
        const y = index * (BAR_HEIGHT + GAP);
        const barWidth = ((WIDTH - LABEL_WIDTH - 40) * summary[bar.key]) / max;
        return (
          <g key={bar.key} transform={`translate(0 ${y})`}>
            <text className="chart-label" x="0" y={BAR_HEIGHT / 2} dominantBaseline="middle">
              {bar.label}
            </text>
            <rect className="chart-track" x={LABEL_WIDTH} y="0" width={WIDTH - LABEL_WIDTH - 40} height={BAR_HEIGHT} rx="6" />
            <rect className={`chart-bar chart-bar-${bar.tone}`} x={LABEL_WIDTH} y="0" width={barWidth} height={BAR_HEIGHT} rx="6" />
            <text className="chart-value" x={WIDTH - 32} y={BAR_HEIGHT / 2} dominantBaseline="middle">
              {summary[bar.key]}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
