import { useEffect, useId, useState } from 'react';
import { NO_FILTERS, hasFilters, type TaskFilters } from './filters';
import { SORT_LABELS, STATUSES, STATUS_LABELS, type TaskSort } from './model';

const SEARCH_DEBOUNCE_MS = 300;

interface Props {
  filters: TaskFilters;
  onChange: (filters: TaskFilters) => void;
}

/** The list's filters and sort; the search waits for a pause in typing before it asks the server. */
export function TaskFiltersBar({ filters, onChange }: Props) {
  const id = useId();
  const [query, setQuery] = useState(filters.q);
  const [tag, setTag] = useState(filters.tag);
  const [open, setOpen] = useState(false);

  // The URL changed under the fields (back, a link, "Clear filters"): the fields follow it.
  const [shown, setShown] = useState({ q: filters.q, tag: filters.tag });
  if (shown.q !== filters.q || shown.tag !== filters.tag) {
    setShown({ q: filters.q, tag: filters.tag });
    setQuery(filters.q);
    setTag(filters.tag);
  }

  useEffect(() => {
    if (query === filters.q) return;
    const timer = setTimeout(() => onChange({ ...filters, q: query }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, filters, onChange]);

  const toggleStatus = (status: (typeof STATUSES)[number]) =>
    onChange({
      ...filters,
      status: filters.status.includes(status)
        ? filters.status.filter((s) => s !== status)
        : STATUSES.filter((s) => s === status || filters.status.includes(s)),
    });

  return (
    <form className={`filters ${open ? 'filters-open' : ''}`} role="search" aria-label="Filter tasks" onSubmit={(event) => event.preventDefault()}>
      <div className="field filters-search">
        <label htmlFor={`${id}-q`}>Search</label>
        <input
          id={`${id}-q`}
          type="search"
          value={query}
          maxLength={200}
          placeholder="Words in the title or description"
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      <button
        type="button"
        className="button button-secondary button-small filters-toggle"
        aria-expanded={open}
        aria-controls={`${id}-more`}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Fewer filters' : 'More filters'}
      </button>
      <div className="filters-more" id={`${id}-more`}>
      <fieldset className="field filters-status">
        <legend>Status</legend>
        <div className="chips">
          {STATUSES.map((status) => (
            <label key={status} className="chip-toggle">
              <input
                type="checkbox"
                checked={filters.status.includes(status)}
                onChange={() => toggleStatus(status)}
              />
              <span>{STATUS_LABELS[status]}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-tag`}>Tag</label>
        <input
          id={`${id}-tag`}
          value={tag}
          maxLength={32}
          placeholder="e.g. home"
          onChange={(event) => setTag(event.target.value)}
          onBlur={() => tag.trim().toLowerCase() !== filters.tag && onChange({ ...filters, tag: tag.trim().toLowerCase() })}
          onKeyDown={(event) => {
            if (event.key === 'Enter') onChange({ ...filters, tag: tag.trim().toLowerCase() });
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-after`}>Due after</label>
        <input
          id={`${id}-after`}
          type="date"
          value={filters.dueAfter}
          onChange={(event) => onChange({ ...filters, dueAfter: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-before`}>Due before</label>
        <input
          id={`${id}-before`}
          type="date"
          value={filters.dueBefore}
          onChange={(event) => onChange({ ...filters, dueBefore: event.target.value })}
        />
      </div>
      <label className="checkbox filters-overdue">
        <input
          type="checkbox"
          checked={filters.overdue}
          onChange={(event) => onChange({ ...filters, overdue: event.target.checked })}
        />
        <span>Overdue only</span>
      </label>
      <div className="field">
        <label htmlFor={`${id}-sort`}>Sort by</label>
        <select
          id={`${id}-sort`}
          value={filters.sort}
          onChange={(event) => onChange({ ...filters, sort: event.target.value as TaskSort })}
        >
          {(Object.keys(SORT_LABELS) as TaskSort[]).map((sort) => (
            <option key={sort} value={sort}>
              {SORT_LABELS[sort]}
            </option>
          ))}
        </select>
      </div>
      </div>
      {hasFilters(filters) && (
        <button
          type="button"
          className="button button-ghost filters-clear"
          onClick={() => onChange({ ...NO_FILTERS, sort: filters.sort })}
        >
          Clear filters
        </button>
      )}
    </form>
  );
}
