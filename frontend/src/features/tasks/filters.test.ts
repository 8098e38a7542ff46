import { describe, expect, it } from 'vitest';
import { filtersFromSearch, listQuery, searchFromFilters } from './filters';

describe('filters in the URL', () => {
  it('round-trip through the query string, in a stable order', () => {
    const search = new URLSearchParams('status=DONE&status=TODO&tag=Home&dueAfter=2026-01-01&overdue=true&q=milk&sort=priority');
    const filters = filtersFromSearch(search);
    expect(filters).toEqual({
      status: ['TODO', 'DONE'],
      tag: 'home',
      dueAfter: '2026-01-01',
      dueBefore: '',
      overdue: true,
      q: 'milk',
      sort: 'priority',
    });
    expect(searchFromFilters(filters).toString()).toBe(
      'status=TODO&status=DONE&tag=home&dueAfter=2026-01-01&overdue=true&q=milk&sort=priority',
    );
  });

  it('ignore what a hand-edited link gets wrong instead of sending it to the API', () => {
    const filters = filtersFromSearch(new URLSearchParams('status=LATER&dueBefore=tomorrow&sort=random&overdue=yes'));
    expect(filters.status).toEqual([]);
    expect(filters.dueBefore).toBe('');
    expect(filters.sort).toBe('created');
    expect(filters.overdue).toBe(false);
    expect(searchFromFilters(filters).toString()).toBe('');
  });

  it('leave empty filters out of the API query', () => {
    expect(listQuery(filtersFromSearch(new URLSearchParams('q=%20%20')), null)).toEqual({
      status: undefined,
      tag: undefined,
      dueAfter: undefined,
      dueBefore: undefined,
      overdue: undefined,
      q: undefined,
      sort: 'created',
      cursor: undefined,
      limit: 20,
    });
  });
});
