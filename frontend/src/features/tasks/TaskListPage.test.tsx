import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderPages } from '../../../test/render';
import { API, server } from '../../../test/server';
import { aTask } from '../../../test/tasks';
import { TaskListPage } from './TaskListPage';

const routes = [{ path: '/tasks', element: <TaskListPage /> }];

function listing(pages: Record<string, { items: ReturnType<typeof aTask>[]; nextCursor: string | null }>) {
  const queries: URLSearchParams[] = [];
  server.use(
    http.get(`${API}/tasks`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      queries.push(query);
      return HttpResponse.json(pages[query.get('cursor') ?? 'first'] ?? { items: [], nextCursor: null });
    }),
  );
  return queries;
}

describe('the task list', () => {
  it('asks for what the URL says, and puts new filters in the URL', async () => {
    const user = userEvent.setup();
    const queries = listing({ first: { items: [aTask({ title: 'Pay rent', status: 'DONE' })], nextCursor: null } });
    const { router } = renderPages(routes, '/tasks?status=DONE&status=TODO&tag=home&sort=dueDate&overdue=true');

    await screen.findByRole('link', { name: 'Pay rent' });
    const first = queries[0]!;
    expect(first.getAll('status')).toEqual(['TODO', 'DONE']);
    expect(first.get('tag')).toBe('home');
    expect(first.get('sort')).toBe('dueDate');
    expect(first.get('overdue')).toBe('true');
    expect(screen.getByRole('checkbox', { name: 'Done' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'In progress' })).not.toBeChecked();
    expect(screen.getByLabelText('Sort by')).toHaveValue('dueDate');

    await user.click(screen.getByRole('checkbox', { name: 'In progress' }));
    await waitFor(() => expect(router.state.location.search).toContain('status=IN_PROGRESS'));
    expect(new URLSearchParams(router.state.location.search).getAll('status')).toEqual(['TODO', 'IN_PROGRESS', 'DONE']);

    await user.type(screen.getByLabelText('Search'), 'rent');
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('q')).toBe('rent'));
    await waitFor(() => expect(queries.at(-1)!.get('q')).toBe('rent'));
    // Debounced: one request for the whole word, not one per letter.
    expect(queries.filter((query) => query.get('q') !== null)).toHaveLength(1);
  });

  it('pages with the cursor on "Load more"', async () => {
    const user = userEvent.setup();
    const queries = listing({
      first: { items: [aTask({ title: 'One' })], nextCursor: 'cursor-2' },
      'cursor-2': { items: [aTask({ title: 'Two' })], nextCursor: null },
    });
    renderPages(routes, '/tasks');

    await screen.findByRole('link', { name: 'One' });
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('link', { name: 'Two' })).toBeInTheDocument();
    expect(queries.at(-1)!.get('cursor')).toBe('cursor-2');
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('marks a task done against its ETag, and deletes only after confirmation', async () => {
    const user = userEvent.setup();
    const task = aTask({ title: 'Call the plumber', version: 3 });
    listing({ first: { items: [task], nextCursor: null } });
    const sent: { method: string; ifMatch: string | null; body: unknown }[] = [];
    server.use(
      http.patch(`${API}/tasks/${task.id}`, async ({ request }) => {
        sent.push({ method: 'PATCH', ifMatch: request.headers.get('If-Match'), body: await request.json() });
        return HttpResponse.json({ ...task, status: 'DONE', version: 4 });
      }),
      http.delete(`${API}/tasks/${task.id}`, ({ request }) => {
        sent.push({ method: 'DELETE', ifMatch: request.headers.get('If-Match'), body: null });
        return new HttpResponse(null, { status: 204 });
      }),
    );
    renderPages(routes, '/tasks');

    const item = await screen.findByRole('listitem', { name: 'Call the plumber' });
    await user.click(within(item).getByRole('button', { name: 'Mark done' }));
    expect(await screen.findByText('Task marked done')).toBeInTheDocument();
    expect(sent[0]).toEqual({ method: 'PATCH', ifMatch: '"3"', body: { status: 'DONE' } });

    await user.click(within(item).getByRole('button', { name: 'Delete' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete this task?' });
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(sent).toHaveLength(1);

    await user.click(within(item).getByRole('button', { name: 'Delete' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Task deleted')).toBeInTheDocument();
    expect(sent[1]).toEqual({ method: 'DELETE', ifMatch: '"3"', body: null });
  });

  it('offers a retry when the list cannot be loaded, with the request id', async () => {
    const user = userEvent.setup();
    let calls = 0;
    server.use(
      http.get(`${API}/tasks`, () => {
        calls++;
        return calls === 1
          ? HttpResponse.json(
              { type: 'urn:hexatask:problem:internal-error', title: 'Internal', status: 500, detail: 'x', instance: 'req-500' },
              { status: 500 },
            )
          : HttpResponse.json({ items: [aTask({ title: 'Back again' })], nextCursor: null });
      }),
    );
    renderPages(routes, '/tasks');

    expect(await screen.findByRole('alert')).toHaveTextContent('request id req-500');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'Back again' })).toBeInTheDocument();
  });
});
