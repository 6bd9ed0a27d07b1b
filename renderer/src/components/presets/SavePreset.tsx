/** "Save preset": the current filter and sort under a name the user types. */
import { useState, type FormEvent } from 'react';
import { MAX_NAME } from '../../../../shared/domain/layouts.ts';
import { useT } from '../../store/app.ts';
import { useWorkspaceStore } from '../../store/workspace.ts';
import { usePopover, WorkspaceNotice } from './workspace-ui.tsx';

export function SavePreset() {
  const { t } = useT();
  const { open, setOpen, rootRef } = usePopover();
  const [name, setName] = useState('');

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!name.trim()) return;
    if (await useWorkspaceStore.getState().savePreset(name)) {
      setName('');
      setOpen(false);
    }
  };

  return (
    <div className="ols-popover-anchor" ref={rootRef}>
      <button
        type="button"
        className="ols-button ols-button--small"
        title={t('workspace.presets.saveTitle')}
        aria-haspopup="dialog"
        aria-expanded={open}
        data-testid="preset-save-button"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">+ </span>
        {t('workspace.presets.save')}
      </button>
      {open && (
        <div className="ols-popover ols-popover--left" role="dialog" aria-label={t('workspace.presets.saveTitle')} data-testid="preset-save">
          <h2 className="ols-popover-title">{t('workspace.presets.saveTitle')}</h2>
          <form className="ols-ws-form" onSubmit={(e) => void submit(e)}>
            <input
              type="text"
              aria-label={t('workspace.presets.name')}
              placeholder={t('workspace.presets.name')}
              maxLength={MAX_NAME}
              value={name}
              autoFocus
              data-testid="preset-save-name"
              onChange={(e) => setName(e.target.value)}
            />
            <button type="submit" className="ols-button ols-button--primary" disabled={!name.trim()} data-testid="preset-save-confirm">
              {t('workspace.save')}
            </button>
            <button type="button" className="ols-button" onClick={() => setOpen(false)}>
              {t('workspace.cancel')}
            </button>
          </form>
          <WorkspaceNotice />
        </div>
      )}
    </div>
  );
}
