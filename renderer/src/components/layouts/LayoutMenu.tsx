/**
 * Named column layouts: switch to one, save the current columns as a new
 * one, rename, delete, reset to the default columns (No. and Client pinned
 * left), export to JSON and import a file (columns this version does not
 * have are left out, and the notice names them).
 */
import { useState, type FormEvent } from 'react';
import { MAX_NAME } from '../../../../shared/domain/layouts.ts';
import { useT } from '../../store/app.ts';
import { useWorkspaceStore } from '../../store/workspace.ts';
import { NameField } from '../presets/NameField.tsx';
import { downloadText, ImportButton, usePopover, WorkspaceNotice } from '../presets/workspace-ui.tsx';
import '../presets/workspace.css';

export function LayoutMenu() {
  const { t } = useT();
  const { open, setOpen, rootRef } = usePopover();
  const workspace = useWorkspaceStore((s) => s.workspace);
  const store = useWorkspaceStore.getState;
  const [name, setName] = useState('');
  const layouts = workspace?.layouts ?? [];
  const current = workspace?.state.layoutId ?? null;

  const saveAs = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (name.trim() && (await store().saveLayout(name))) setName('');
  };

  return (
    <div className="ols-popover-anchor" ref={rootRef}>
      <button
        type="button"
        className="ols-button ols-icon-button"
        aria-label={t('workspace.layouts.button')}
        title={t('workspace.layouts.button')}
        aria-haspopup="dialog"
        aria-expanded={open}
        data-testid="layouts-button"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">▥</span>
      </button>
      {open && (
        <div className="ols-popover" role="dialog" aria-label={t('workspace.layouts.button')} data-testid="layouts">
          <h2 className="ols-popover-title">{t('workspace.layouts.button')}</h2>
          {layouts.length === 0 ? (
            <p className="ols-ws-muted">{t('workspace.layouts.none')}</p>
          ) : (
            <ul className="ols-ws-list">
              {layouts.map((layout) => (
                <li key={layout.id} className="ols-ws-row" data-layout-row={layout.id}>
                  <button
                    type="button"
                    className={`ols-button ols-button--small${current === layout.id ? ' ols-button--primary' : ''}`}
                    aria-label={t('workspace.layouts.switch', { name: layout.name })}
                    aria-pressed={current === layout.id}
                    title={current === layout.id ? t('workspace.layouts.current') : t('workspace.layouts.switch', { name: layout.name })}
                    data-testid="layout-switch"
                    onClick={() => void store().switchLayout(layout.id)}
                  >
                    <span aria-hidden="true">{current === layout.id ? '✓' : '○'}</span>
                  </button>
                  <NameField
                    name={layout.name}
                    label={t('workspace.layouts.rename', { name: layout.name })}
                    testId="layout-rename"
                    onRename={(next) => store().renameLayout(layout.id, next)}
                  />
                  <button
                    type="button"
                    className="ols-button ols-button--small"
                    aria-label={t('workspace.layouts.delete', { name: layout.name })}
                    onClick={() => void store().deleteLayout(layout.id)}
                  >
                    <span aria-hidden="true">✕</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form className="ols-ws-form" onSubmit={(e) => void saveAs(e)}>
            <input
              type="text"
              aria-label={t('workspace.layouts.name')}
              placeholder={t('workspace.layouts.saveAs')}
              maxLength={MAX_NAME}
              value={name}
              data-testid="layout-save-name"
              onChange={(e) => setName(e.target.value)}
            />
            <button type="submit" className="ols-button ols-button--primary ols-button--small" disabled={!name.trim()} data-testid="layout-save-confirm">
              {t('workspace.save')}
            </button>
          </form>
          <div className="ols-popover-actions">
            <button type="button" className="ols-button ols-button--small" data-testid="layout-reset" onClick={() => void store().resetLayout()}>
              {t('workspace.layouts.reset')}
            </button>
            <button
              type="button"
              className="ols-button ols-button--small"
              disabled={layouts.length === 0}
              data-testid="layout-export"
              onClick={() => downloadText('ols-layouts.json', store().layoutsFileText())}
            >
              {t('workspace.layouts.export')}
            </button>
            <ImportButton label={t('workspace.layouts.import')} testId="layout-import" onText={(text) => store().importLayouts(text)} />
            <span className="ols-spacer" />
            <button type="button" className="ols-button ols-button--small" onClick={() => setOpen(false)}>
              {t('workspace.close')}
            </button>
          </div>
          <WorkspaceNotice />
        </div>
      )}
    </div>
  );
}
