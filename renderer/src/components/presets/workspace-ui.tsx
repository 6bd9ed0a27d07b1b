/**
 * What the preset and layout popovers share: open / close like any popover
 * (Escape, a click outside), the outcome line, and JSON files in and out.
 */
import { useDismiss } from '../use-dismiss.ts';
import { useRef, useState, type RefObject } from 'react';
import { MAX_IMPORT_CHARS } from '../../../../shared/domain/layouts.ts';
import { useT } from '../../store/app.ts';
import { useWorkspaceStore, type PresetChoice } from '../../store/workspace.ts';

export function usePopover(): { open: boolean; setOpen(open: boolean): void; rootRef: RefObject<HTMLDivElement | null> } {
  const [open, setOpenState] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  useDismiss(open, () => setOpenState(false), rootRef);
  // each opening starts without the last action's outcome
  const setOpen = (next: boolean): void => {
    if (next) useWorkspaceStore.getState().dismissMessage();
    setOpenState(next);
  };
  return { open, setOpen, rootRef };
}

/** The last action's outcome: an alert when refused, a status line when done. */
export function WorkspaceNotice() {
  const { t } = useT();
  const message = useWorkspaceStore((s) => s.message);
  if (!message) return null;
  const error = message.tone === 'error';
  return (
    <p className={`ols-ws-note${error ? ' ols-ws-note--error' : ''}`} role={error ? 'alert' : 'status'} data-testid="workspace-notice">
      {t(message.key, message.params)}{' '}
      <button type="button" className="ols-button ols-button--small" onClick={() => useWorkspaceStore.getState().dismissMessage()}>
        {t('workspace.dismiss')}
      </button>
    </p>
  );
}

/** Offers `text` as a file download (browser mode; Electron shows its save dialog for it). */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** An "Import JSON" button: picks a file, refuses one too large to be an export here, hands the text on. */
export function ImportButton(props: { label: string; testId: string; onText(text: string): Promise<void> }) {
  const input = useRef<HTMLInputElement>(null);
  const pick = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    // checked before reading: a huge file is not worth holding in memory, nor sending
    const text = file.size > MAX_IMPORT_CHARS * 4 ? null : await file.text();
    if (text === null || text.length > MAX_IMPORT_CHARS) {
      useWorkspaceStore.setState({ message: { tone: 'error', key: 'workspace.fileTooLarge', params: { size: Math.ceil(file.size / 1024) } } });
      return;
    }
    await props.onText(text);
  };
  return (
    <>
      <button type="button" className="ols-button ols-button--small" data-testid={props.testId} onClick={() => input.current?.click()}>
        {props.label}
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        hidden
        aria-label={props.label}
        data-testid={`${props.testId}-file`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          void pick(file);
        }}
      />
    </>
  );
}

/** A preset's label: built-ins in the UI language, saved ones by their name. */
export function usePresetName(): (choice: PresetChoice) => string {
  const { t } = useT();
  return (choice) => (choice.builtIn ? t(`workspace.preset.${choice.builtIn}`) : choice.name);
}
