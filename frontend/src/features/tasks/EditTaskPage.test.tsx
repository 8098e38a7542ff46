import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderPages } from '../../../test/render';
import { API, server } from '../../../test/server';
import { aTask } from '../../../test/tasks';
import { EditTaskPage } from './EditTaskPage';

const routes = [
  { path: '/tasks/:id', element: <EditTaskPage /> },
  { path: '/tasks', element: <h1>Task list</h1> },
];

/** The server's side of a task someone else saved after the person opened it. */
function serverWithConcurrentEdit() {
  const opened = aTask({ title: 'Water the plants', version: 1 });
  const theirs = { ...opened, title: 'Water the plants twice', priority: 'HIGH' as const, version: 2 };
  let current = theirs;
  let reads = 0;
  const ifMatch: (string | null)[] = [];
  const patches: unknown[] = [];
  server.use(
    http.get(`${API}/tasks/${opened.id}`, () => {
      reads++;
      const task = reads === 1 ? opened : current;
      return HttpResponse.json(task, { headers: { ETag: `"${task.version}"` } });
    }),
    http.patch(`${API}/tasks/${opened.id}`, async ({ request }) => {
      ifMatch.push(request.headers.get('If-Match'));
      const patch = (await request.json()) as Record<string, unknown>;
      patches.push(patch);
      if (request.headers.get('If-Match') !== `"${current.version}"`) {
        return HttpResponse.json(
          {
            type: 'urn:hexatask:problem:precondition-failed',
            title: 'Precondition Failed',
            status: 412,
            detail: 'The task has changed since it was read.',
            instance: 'req-412',
          },
          { status: 412, headers: { ETag: `"${current.version}"`, 'Content-Type': 'application/problem+json' } },
        );
      }
      current = { ...current, ...patch, version: current.version + 1 };
      return HttpResponse.json(current, { headers: { ETag: `"${current.version}"` } });
    }),
  );
  return { opened, theirs, ifMatch, patches };
}

describe('a save that meets a newer version (412)', () => {
  it('shows the saved version next to mine; "Keep mine" saves mine over it with its ETag', async () => {
    const user = userEvent.setup();
    const { opened, ifMatch, patches } = serverWithConcurrentEdit();
    renderPages(routes, `/tasks/${opened.id}`);

    const title = await screen.findByLabelText('Title');
    await user.clear(title);
    await user.type(title, 'Water the cactus');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const dialog = await screen.findByRole('dialog', { name: 'This task was changed elsewhere' });
    const titleRow = within(dialog).getByRole('row', { name: /^Title/ });
    expect(titleRow).toHaveTextContent('Water the cactus');
    expect(titleRow).toHaveTextContent('Water the plants twice');
    expect(within(dialog).getByRole('row', { name: /^Priority/ })).toHaveTextContent('MediumHigh');

    await user.click(within(dialog).getByRole('button', { name: 'Keep mine' }));

    expect(await screen.findByRole('heading', { name: 'Task list' })).toBeInTheDocument();
    expect(ifMatch).toEqual(['"1"', '"2"']);
    expect(patches[1]).toMatchObject({ title: 'Water the cactus', priority: 'MEDIUM' });
  });

  it('"Take theirs" puts the saved version in the form, and the next save is against it', async () => {
    const user = userEvent.setup();
    const { opened, ifMatch, patches } = serverWithConcurrentEdit();
    renderPages(routes, `/tasks/${opened.id}`);

    const title = await screen.findByLabelText('Title');
    await user.clear(title);
    await user.type(title, 'Water the cactus');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const dialog = await screen.findByRole('dialog', { name: 'This task was changed elsewhere' });
    await user.click(within(dialog).getByRole('button', { name: 'Take theirs' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByLabelText('Title')).toHaveValue('Water the plants twice');
    expect(screen.getByLabelText('Priority')).toHaveValue('HIGH');

    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByRole('heading', { name: 'Task list' });
    expect(ifMatch).toEqual(['"1"', '"2"']);
    expect(patches[1]).toMatchObject({ title: 'Water the plants twice', priority: 'HIGH' });
  });

  it('says so when the task does not exist', async () => {
    server.use(
      http.get(`${API}/tasks/:id`, () =>
        HttpResponse.json(
          { type: 'urn:hexatask:problem:not-found', title: 'Not Found', status: 404, detail: 'No such task.', instance: 'r' },
          { status: 404 },
        ),
      ),
    );
    renderPages(routes, '/tasks/00000000-0000-4000-8000-000000000999');
    expect(await screen.findByRole('heading', { name: 'Task not found' })).toBeInTheDocument();
  });
});
