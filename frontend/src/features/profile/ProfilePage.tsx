import { useId, useMemo, useState, type FormEvent } from 'react';
import { ErrorState } from '../../components/ErrorState';
import { PageSkeleton } from '../../components/Skeleton';
import { useToast } from '../../components/Toasts';
import { ApiError, describeError } from '../../lib/api/errors';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useMe, useUpdateMe, type Me } from './api';
import { TimeZoneField } from './TimeZoneField';
import { browserTimeZone, timeZones } from './timeZones';

export function ProfilePage() {
  useDocumentTitle('Profile');
  const me = useMe();
  if (me.isPending) return <PageSkeleton label="Loading your profile…" />;
  if (me.isError) {
    return <ErrorState title="Your profile could not be loaded" message={describeError(me.error)} onRetry={() => void me.refetch()} />;
  }
  return <ProfileForm key={`${me.data.displayName}|${me.data.timeZone}`} me={me.data} />;
}

/** A profile never saved has no display name and UTC: the browser's zone is the better first guess. */
function suggestedZone(me: Me, zones: string[]): { zone: string; suggested: boolean } {
  const browser = browserTimeZone();
  if (me.displayName === null && me.timeZone === 'UTC' && browser !== 'UTC' && zones.includes(browser)) {
    return { zone: browser, suggested: true };
  }
  return { zone: me.timeZone, suggested: false };
}

function ProfileForm({ me }: { me: Me }) {
  const id = useId();
  const toast = useToast();
  const update = useUpdateMe();
  const zones = useMemo(() => timeZones(), []);
  const start = suggestedZone(me, zones);
  const [displayName, setDisplayName] = useState(me.displayName ?? '');
  const [timeZone, setTimeZone] = useState(start.zone);

  const nameLength = [...displayName.trim()].length;
  const nameError =
    nameLength > 100 ? 'A display name has at most 100 characters.' : /[\u0000-\u001f\u007f-\u009f]/u.test(displayName) ? 'A display name is one line.' : undefined; // eslint-disable-line no-control-regex
  const serverErrors = update.error instanceof ApiError ? update.error.fieldErrors : [];
  const serverError = (field: string) => {
    const found = serverErrors.find((error) => error.field === field);
    return found ? `${found.message}.` : undefined;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (nameError) return;
    update.mutate(
      { displayName: displayName.trim() === '' ? null : displayName.trim(), timeZone },
      { onSuccess: () => toast.show('Profile saved') },
    );
  };

  return (
    <div className="page page-narrow">
      <header className="page-header">
        <h1>Profile</h1>
      </header>
      <section className="card identity" aria-labelledby={`${id}-identity`}>
        <h2 id={`${id}-identity`}>Your account</h2>
        <dl className="identity-list">
          <div>
            <dt>User name</dt>
            <dd className="user-text">{me.username}</dd>
          </div>
          <div>
            <dt>E-mail</dt>
            <dd className="user-text">{me.email ?? 'No e-mail address on this account'}</dd>
          </div>
        </dl>
      </section>
      <form className="form card" onSubmit={submit} noValidate aria-labelledby={`${id}-prefs`}>
        <h2 id={`${id}-prefs`}>Preferences</h2>
        <div className="field">
          <label htmlFor={`${id}-name`}>Display name</label>
          <input
            id={`${id}-name`}
            value={displayName}
            autoComplete="nickname"
            placeholder={me.username}
            aria-invalid={(nameError ?? serverError('displayName')) !== undefined}
            aria-describedby={`${id}-name-hint${nameError || serverError('displayName') ? ` ${id}-name-error` : ''}`}
            onChange={(event) => setDisplayName(event.target.value)}
          />
          <p id={`${id}-name-hint`} className="field-hint">
            How Hexatask greets you. Leave it empty to use your user name.
          </p>
          {(nameError ?? serverError('displayName')) && (
            <p id={`${id}-name-error`} className="field-error">
              {nameError ?? serverError('displayName')}
            </p>
          )}
        </div>
        <TimeZoneField id={`${id}-tz`} value={timeZone} zones={zones} onChange={setTimeZone} error={serverError('timeZone')} />
        {start.suggested && timeZone === start.zone && (
          <p className="field-hint">Suggested from your browser; save to keep it. Overdue tasks are counted in this zone.</p>
        )}
        {update.isError && serverErrors.length === 0 && (
          <p className="form-error" role="alert">
            {describeError(update.error)}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save profile'}
          </button>
        </div>
      </form>
    </div>
  );
}
