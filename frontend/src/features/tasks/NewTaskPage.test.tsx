import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderPages } from '../../../test/render';
import { API, server } from '../../../test/server';
import { aTask } from '../../../test/tasks';
import { NewTaskPage } from './NewTaskPage';
import validationProblem from './testdata/validation-problem.json';

const routes = [
  { path: '/tasks/new', element: <NewTaskPage /> },
  { path: '/tasks', element: <h1>Task list</h1> },
];

function recordCreates(respond: (attempt: number) => Response) {
  const keys: (string | null)[] = [];
  const bodies: unknown[] = [];
  server.use(
    http.post(`${API}/tasks`, async ({ request }) => {
      keys.push(request.headers.get('Idempotency-Key'));
      bodies.push(await request.json());
      return respond(keys.length);
    }),
  );
  return { keys, bodies };
}

function created(title: string) {
  const task = aTask({ title });
  return HttpResponse.json(task, { status: 201, headers: { Location: `tasks/${task.id}`, ETag: '"1"' } });
}

describe('creating a task', () => {
  it('reuses the Idempotency-Key when the same create is retried, and takes a new one for a new create', async () => {
    const user = userEvent.setup();
    // The first attempt is lost on the network; the client's own retry goes through.
    const { keys, bodies } = recordCreates((attempt) => (attempt === 1 ? HttpResponse.error() : created('Buy milk')));
    const { router } = renderPages(routes, '/tasks/new');

    await user.type(await screen.findByLabelText('Title'), 'Buy milk');
    await user.click(screen.getByRole('button', { name: 'Create task' }));

    expect(await screen.findByRole('heading', { name: 'Task list' })).toBeInTheDocument();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(bodies[0]).toMatchObject({ title: 'Buy milk', priority: 'MEDIUM', status: 'TODO', tags: [] });

    await router.navigate('/tasks/new');
    await user.type(await screen.findByLabelText('Title'), 'Buy milk');
    await user.click(screen.getByRole('button', { name: 'Create task' }));

    await screen.findByRole('heading', { name: 'Task list' });
    expect(keys).toHaveLength(3);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('keeps the key when the person presses Create again after a failure, and changes it once the task changes', async () => {
    const user = userEvent.setup();
    // Two presses of three attempts each are lost on the network; the third press goes through.
    const { keys } = recordCreates((attempt) => (attempt <= 6 ? HttpResponse.error() : created('Buy bread')));
    renderPages(routes, '/tasks/new');

    await user.type(await screen.findByLabelText('Title'), 'Buy milk');
    await user.click(screen.getByRole('button', { name: 'Create task' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/cannot be reached/);
    expect(keys).toHaveLength(3);

    await user.click(screen.getByRole('button', { name: 'Create task' }));
    await waitFor(() => expect(keys).toHaveLength(6));
    expect(new Set(keys).size).toBe(1);

    await user.clear(screen.getByLabelText('Title'));
    await user.type(screen.getByLabelText('Title'), 'Buy bread');
    await user.click(screen.getByRole('button', { name: 'Create task' }));

    await screen.findByRole('heading', { name: 'Task list' });
    expect(keys).toHaveLength(7);
    expect(keys[6]).not.toBe(keys[0]);
  });

  it('puts the field errors of the API problem document next to the fields, with the request id', async () => {
    const user = userEvent.setup();
    recordCreates(() =>
      HttpResponse.json(validationProblem, {
        status: 400,
        headers: { 'Content-Type': 'application/problem+json', 'X-Request-Id': validationProblem.instance },
      }),
    );
    renderPages(routes, '/tasks/new');

    await user.type(await screen.findByLabelText('Title'), 'Plan the trip');
    await user.type(screen.getByLabelText('Tags'), 'travel{Enter}');
    await user.click(screen.getByRole('button', { name: 'Create task' }));

    const title = screen.getByLabelText('Title');
    await waitFor(() => expect(title).toHaveAttribute('aria-invalid', 'true'));
    const [titleError, tagsError] = ['title', 'tags'].map((field) =>
      validationProblem.errors.find((error) => error.field.startsWith(field)),
    );
    expect(title).toHaveAccessibleDescription(expect.stringContaining(titleError!.message));
    expect(screen.getByLabelText('Tags')).toHaveAccessibleDescription(expect.stringContaining(tagsError!.message));
    expect(screen.getByRole('alert')).toHaveTextContent(`request id ${validationProblem.instance}`);

    // Editing a field clears the server's complaint about it, not the others'.
    await user.type(title, '!');
    expect(title).not.toHaveAccessibleDescription(expect.stringContaining(titleError!.message));
    expect(screen.getByLabelText('Tags')).toHaveAccessibleDescription(expect.stringContaining(tagsError!.message));
  });

  it('checks the core rules before sending anything', async () => {
    const user = userEvent.setup();
    const { keys } = recordCreates(() => created('never'));
    renderPages(routes, '/tasks/new');

    await user.click(await screen.findByRole('button', { name: 'Create task' }));
    expect(screen.getByLabelText('Title')).toHaveAccessibleDescription(expect.stringContaining('Give the task a title.'));

    await user.type(screen.getByLabelText('Tags'), 'Not OK!{Enter}');
    expect(screen.getByLabelText('Tags')).toHaveAccessibleDescription(expect.stringContaining('letters a–z'));
    expect(keys).toHaveLength(0);
  });
});

describe('a draft', () => {
  it('survives leaving the page (a trip to the sign-in page) and is gone once the task is created', async () => {
    const user = userEvent.setup();
    recordCreates(() => created('Call mum'));
    const first = renderPages(routes, '/tasks/new');
    await user.type(await screen.findByLabelText('Title'), 'Call mum');
    await user.type(screen.getByLabelText('Tags'), 'family{Enter}');
    first.unmount();

    renderPages(routes, '/tasks/new');
    expect(await screen.findByLabelText('Title')).toHaveValue('Call mum');
    expect(screen.getByText('family')).toBeInTheDocument();
    expect(screen.getByText(/Your unsaved task was kept/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Create task' }));
    await screen.findByRole('heading', { name: 'Task list' });
    expect(Object.keys(window.sessionStorage).filter((key) => key.includes('draft'))).toEqual([]);
  });
});
