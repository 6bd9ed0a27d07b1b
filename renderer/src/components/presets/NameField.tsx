/** A name edited in place: Enter or leaving the field renames, Escape puts the old name back. */
import { useEffect, useState } from 'react';
import { MAX_NAME } from '../../../../shared/domain/layouts.ts';

export function NameField(props: { name: string; label: string; testId: string; onRename(name: string): Promise<boolean> }) {
  const [draft, setDraft] = useState(props.name);
  useEffect(() => setDraft(props.name), [props.name]);
  const commit = async (): Promise<void> => {
    if (draft.trim() === props.name || !draft.trim()) {
      setDraft(props.name);
      return;
    }
    // a refused name (taken) goes back to the stored one; the notice says why
    if (!(await props.onRename(draft))) setDraft(props.name);
  };
  return (
    <input
      type="text"
      aria-label={props.label}
      maxLength={MAX_NAME}
      value={draft}
      data-testid={props.testId}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => void commit()}
      onKeyDown={(e) => {
        if (e.key === 'Enter') void commit();
        if (e.key === 'Escape') {
          // the popover would close on this Escape too: the edit is undone first
          setDraft(props.name);
          e.stopPropagation();
        }
      }}
    />
  );
}
