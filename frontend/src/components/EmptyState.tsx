import type { ReactNode } from 'react';

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section className="state state-empty">
      <svg className="state-icon" viewBox="0 0 48 48" aria-hidden="true">
        <path d="M24 4 41 14v20L24 44 7 34V14z" />
        <path d="m17 24 5 5 9-10" />
      </svg>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
