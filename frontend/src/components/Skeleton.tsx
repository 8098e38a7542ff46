/** Placeholders with the shape of what is loading; announced once to screen readers. */
export function PageSkeleton({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="skeleton-page" role="status" aria-live="polite">
      <span className="visually-hidden">{label}</span>
      <div className="skeleton skeleton-heading" aria-hidden="true" />
      <div className="skeleton skeleton-line" aria-hidden="true" />
      <div className="skeleton skeleton-line short" aria-hidden="true" />
    </div>
  );
}

export function ListSkeleton({ rows = 4, label = 'Loading…' }: { rows?: number; label?: string }) {
  return (
    <div role="status" aria-live="polite">
      <span className="visually-hidden">{label}</span>
      <ul className="skeleton-list" aria-hidden="true">
        {Array.from({ length: rows }, (_, index) => (
          <li key={index} className="card skeleton-card">
            <div className="skeleton skeleton-line" />
            <div className="skeleton skeleton-line short" />
          </li>
        ))}
      </ul>
    </div>
  );
}
