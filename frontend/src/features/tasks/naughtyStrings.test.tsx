import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { renderPages } from '../../../test/render';
import { API, server } from '../../../test/server';
import { aTask } from '../../../test/tasks';
import { EditTaskPage } from './EditTaskPage';
import { TaskListPage } from './TaskListPage';

// The project's one copy of the Big List of Naughty Strings, in the core's test fixtures.
const naughty: string[] = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '../../../../application/src/test/resources/dev/hexatask/application/fixtures/blns.json'),
    'utf8',
  ),
);

describe('text from users is shown as text', () => {
  it('renders every naughty string verbatim as a task title in the list, and none of them runs', async () => {
    expect(naughty.length).toBeGreaterThan(500);
    const alert = vi.spyOn(window, 'alert').mockImplementation(() => {});
    const tasks = naughty.map((title) => aTask({ title, description: title }));
    server.use(http.get(`${API}/tasks`, () => HttpResponse.json({ items: tasks, nextCursor: null })));
    renderPages([{ path: '/tasks', element: <TaskListPage /> }], '/tasks');

    const list = await screen.findByRole('list', { name: 'Tasks' }, { timeout: 5000 });
    const titles = within(list)
      .getAllByRole('listitem')
      .filter((item) => item.classList.contains('task'))
      .map((item) => item.querySelector('a')?.textContent);
    expect(titles).toEqual(naughty);
    expect(document.querySelectorAll('script, iframe, object, embed, img, svg script').length).toBe(0);
    expect(document.querySelectorAll('[onerror], [onload], [onclick], [onmouseover]').length).toBe(0);
    expect(alert).not.toHaveBeenCalled();
  });

  it('puts them back in the edit form unchanged', async () => {
    // Every 13th string, about 40 across the whole list: a form per string is slow in jsdom.
    const sample = naughty.filter((text, index) => text.length > 0 && index % 13 === 0);
    for (const text of sample) {
      const task = aTask({ title: text, description: text });
      server.use(http.get(`${API}/tasks/${task.id}`, () => HttpResponse.json(task)));
      const view = renderPages([{ path: '/tasks/:id', element: <EditTaskPage /> }], `/tasks/${task.id}`);
      expect(await screen.findByLabelText('Title')).toHaveValue(text);
      expect(screen.getByLabelText('Description')).toHaveValue(text);
      view.unmount();
    }
  });
});
