// The app as a person uses it, by the roles and names listed in frontend/README.md.
import { expect, type Locator, type Page } from '@playwright/test';

export interface TaskInput {
  title: string;
  description?: string;
  status?: 'To do' | 'In progress' | 'Done';
  priority?: 'Low' | 'Medium' | 'High';
  /** yyyy-mm-dd */
  dueDate?: string;
  tags?: string[];
}

export const taskList = (page: Page): Locator => page.getByRole('list', { name: 'Tasks', exact: true });

export const taskItem = (page: Page, title: string): Locator =>
  taskList(page).getByRole('listitem', { name: title, exact: true });

export const toast = (page: Page, text: string | RegExp): Locator =>
  page.getByRole('status').filter({ hasText: text });

/** Fills the task form with what is given, leaving the rest as it is. */
export async function fillTaskForm(page: Page, task: Partial<TaskInput>): Promise<void> {
  if (task.title !== undefined) await page.getByLabel('Title', { exact: true }).fill(task.title);
  if (task.description !== undefined) await page.getByLabel('Description', { exact: true }).fill(task.description);
  if (task.status !== undefined) {
    await page.getByLabel('Status', { exact: true }).selectOption({ label: task.status });
  }
  if (task.priority !== undefined) {
    await page.getByLabel('Priority', { exact: true }).selectOption({ label: task.priority });
  }
  if (task.dueDate !== undefined) await page.getByLabel('Due date', { exact: true }).fill(task.dueDate);
  for (const tag of task.tags ?? []) {
    const tags = page.getByLabel('Tags', { exact: true });
    await tags.fill(tag);
    await tags.press('Enter');
  }
}

/** From the task list: "New task", the form, "Create task"; returns once the list shows it. */
export async function createTaskInUi(page: Page, task: TaskInput): Promise<void> {
  await page.getByRole('link', { name: 'New task' }).click();
  await expect(page.getByRole('heading', { name: 'New task' })).toBeVisible();
  await fillTaskForm(page, task);
  await page.getByRole('button', { name: 'Create task' }).click();
  await expect(taskItem(page, task.title)).toBeVisible();
}
