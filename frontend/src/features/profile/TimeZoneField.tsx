import { useMemo, useState } from 'react';

interface Props {
  id: string;
  value: string;
  zones: string[];
  onChange: (zone: string) => void;
  error?: string | undefined;
}

const SHOWN = 50;

/**
 * A searchable list of time zones: type part of a name ("paris", "new york") and pick one. A listbox of matches,
 * each a button, so that it works with the keyboard and screen readers without a combobox library.
 */
export function TimeZoneField({ id, value, zones, onChange, error }: Props) {
  const [search, setSearch] = useState('');
  const matches = useMemo(() => {
    const words = search.trim().toLowerCase().replace(/\s+/g, '_');
    return words === '' ? [] : zones.filter((zone) => zone.toLowerCase().includes(words)).slice(0, SHOWN);
  }, [search, zones]);

  return (
    <div className="field">
      <span className="label" id={`${id}-label`}>
        Time zone
      </span>
      <p className="timezone-current" id={`${id}-current`}>
        <strong>{value.replace(/_/g, ' ')}</strong>
      </p>
      <label htmlFor={`${id}-search`} className="visually-hidden">
        Search time zones
      </label>
      <input
        id={`${id}-search`}
        type="search"
        value={search}
        placeholder="Search time zones, e.g. Paris"
        aria-describedby={`${id}-current${error ? ` ${id}-error` : ''}`}
        aria-controls={`${id}-matches`}
        autoComplete="off"
        onChange={(event) => setSearch(event.target.value)}
      />
      {search.trim() !== '' && (
        <ul id={`${id}-matches`} className="timezone-matches" aria-label="Matching time zones">
          {matches.length === 0 ? (
            <li className="timezone-none">No time zone matches “{search}”.</li>
          ) : (
            matches.map((zone) => (
              <li key={zone}>
                <button
                  type="button"
                  className={`timezone-option ${zone === value ? 'selected' : ''}`}
                  aria-pressed={zone === value}
                  onClick={() => {
                    onChange(zone);
                    setSearch('');
                  }}
                >
                  {zone.replace(/_/g, ' ')}
                </button>
              </li>
            ))
          )}
        </ul>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
