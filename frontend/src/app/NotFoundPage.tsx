import { Link } from 'react-router';
import { useDocumentTitle } from '../lib/useDocumentTitle';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <section className="page state state-empty">
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <Link to="/tasks" className="button">
        Go to your tasks
      </Link>
    </section>
  );
}
