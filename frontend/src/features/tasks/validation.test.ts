import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT } from './draft';
import { fieldOf, validateTask } from './validation';

describe("the core's rules, checked in the form", () => {
  it('count characters as people do: 200 emoji make a valid title, 201 do not', () => {
    expect(validateTask({ ...EMPTY_DRAFT, title: '🙂'.repeat(200) }).title).toBeUndefined();
    expect(validateTask({ ...EMPTY_DRAFT, title: '🙂'.repeat(201) }).title).toMatch(/at most 200/);
  });

  it('keep a title on one line, and a description free of control characters other than line breaks and tabs', () => {
    expect(validateTask({ ...EMPTY_DRAFT, title: 'one\ntwo' }).title).toMatch(/one line/);
    expect(validateTask({ ...EMPTY_DRAFT, title: 'one\u2028two' }).title).toMatch(/one line/);
    expect(validateTask({ ...EMPTY_DRAFT, title: 'ok', description: 'a\n\tb' }).description).toBeUndefined();
    expect(validateTask({ ...EMPTY_DRAFT, title: 'ok', description: 'a\u0000b' }).description).toMatch(/control/);
  });

  it('allow at most ten tags of a-z, 0-9 and "-"', () => {
    const tags = Array.from({ length: 11 }, (_, index) => `tag-${index}`);
    expect(validateTask({ ...EMPTY_DRAFT, title: 'ok', tags: tags.slice(0, 10) }).tags).toBeUndefined();
    expect(validateTask({ ...EMPTY_DRAFT, title: 'ok', tags }).tags).toMatch(/At most 10/);
    expect(validateTask({ ...EMPTY_DRAFT, title: 'ok', tags: ['été'] }).tags).toMatch(/letters a–z/);
  });

  it("map the server's field names onto the form's fields", () => {
    expect(fieldOf('tags[3]')).toBe('tags');
    expect(fieldOf('dueDate')).toBe('dueDate');
    expect(fieldOf('If-Match')).toBeNull();
  });
});
