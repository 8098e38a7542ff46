export { TaskListPage } from './TaskListPage';
export { NewTaskPage } from './NewTaskPage';
export { EditTaskPage } from './EditTaskPage';
