import { useState } from 'react';
import { LIMITS, normaliseTag, tagProblem } from './validation';

interface Props {
  id: string;
  tags: string[];
  onChange: (tags: string[]) => void;
  describedBy?: string;
  invalid: boolean;
}

/** Tags as chips: Enter, comma or leaving the field adds what was typed; each chip has its own remove button. */
export function TagInput({ id, tags, onChange, describedBy, invalid }: Props) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const add = () => {
    const tag = normaliseTag(text);
    if (tag === '') return;
    const issue = tags.length >= LIMITS.tags ? `At most ${LIMITS.tags} tags.` : tagProblem(tag);
    if (issue) {
      setProblem(issue);
      return;
    }
    if (!tags.includes(tag)) onChange([...tags, tag]);
    setText('');
    setProblem(null);
  };

  return (
    <>
    <div className={`tag-input ${invalid || problem ? 'invalid' : ''}`}>
      {tags.length > 0 && (
        <ul className="tags">
          {tags.map((tag) => (
            <li key={tag} className="tag tag-removable">
              <span>{tag}</span>
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove tag ${tag}`}
                onClick={() => onChange(tags.filter((t) => t !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        value={text}
        aria-describedby={[describedBy, problem ? `${id}-problem` : null].filter(Boolean).join(' ') || undefined}
        aria-invalid={invalid || problem !== null}
        placeholder={tags.length >= LIMITS.tags ? 'Ten tags at most' : 'Type a tag and press Enter'}
        onChange={(event) => {
          setText(event.target.value.replace(',', ''));
          setProblem(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ',') {
            event.preventDefault();
            add();
          } else if (event.key === 'Backspace' && text === '' && tags.length > 0) {
            onChange(tags.slice(0, -1));
          }
        }}
        onBlur={add}
      />
    </div>
    {problem && (
      <p id={`${id}-problem`} className="field-error">
        {problem}
      </p>
    )}
    </>
  );
}
