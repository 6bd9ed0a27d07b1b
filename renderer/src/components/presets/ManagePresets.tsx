/**
 * "Manage presets": rename, reorder and delete the saved presets, pick the
 * one the console opens with, export them to JSON and import a file.
 */
import { useT } from '../../store/app.ts';
import { presetChoices, useWorkspaceStore } from '../../store/workspace.ts';
import { NameField } from './NameField.tsx';
import { downloadText, ImportButton, usePopover, usePresetName, WorkspaceNotice } from './workspace-ui.tsx';

export function ManagePresets() {
  const { t } = useT();
  const { open, setOpen, rootRef } = usePopover();
  const workspace = useWorkspaceStore((s) => s.workspace);
  const store = useWorkspaceStore.getState;
  const nameOf = usePresetName();
  const presets = workspace?.presets ?? [];

  return (
    <div className="ols-popover-anchor" ref={rootRef}>
      <button
        type="button"
        className="ols-button ols-button--small ols-icon-button"
        aria-label={t('workspace.presets.manage')}
        title={t('workspace.presets.manage')}
        aria-haspopup="dialog"
        aria-expanded={open}
        data-testid="preset-manage-button"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">☰</span>
      </button>
      {open && (
        <div className="ols-popover ols-popover--left" role="dialog" aria-label={t('workspace.presets.manage')} data-testid="preset-manage">
          <h2 className="ols-popover-title">{t('workspace.presets.manage')}</h2>
          {presets.length === 0 ? (
            <p className="ols-ws-muted">{t('workspace.presets.none')}</p>
          ) : (
            <ul className="ols-ws-list">
              {presets.map((preset, index) => (
                <li key={preset.id} className="ols-ws-row" data-preset-row={`user:${preset.id}`}>
                  <NameField
                    name={preset.name}
                    label={t('workspace.presets.rename', { name: preset.name })}
                    testId="preset-rename"
                    onRename={(name) => store().renamePreset(preset.id, name)}
                  />
                  <button
                    type="button"
                    className="ols-button ols-button--small"
                    aria-label={t('workspace.presets.moveUp', { name: preset.name })}
                    disabled={index === 0}
                    onClick={() => void store().movePreset(preset.id, -1)}
                  >
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button
                    type="button"
                    className="ols-button ols-button--small"
                    aria-label={t('workspace.presets.moveDown', { name: preset.name })}
                    disabled={index === presets.length - 1}
                    onClick={() => void store().movePreset(preset.id, 1)}
                  >
                    <span aria-hidden="true">↓</span>
                  </button>
                  <button
                    type="button"
                    className="ols-button ols-button--small"
                    aria-label={t('workspace.presets.delete', { name: preset.name })}
                    onClick={() => void store().deletePreset(preset.id)}
                  >
                    <span aria-hidden="true">✕</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <label className="ols-ws-field">
            {t('workspace.presets.default')}
            <select
              value={workspace?.state.defaultPresetId ?? ''}
              data-testid="preset-default"
              onChange={(e) => void store().setDefaultPreset(e.target.value === '' ? null : e.target.value)}
            >
              <option value="">{t('workspace.presets.defaultLast')}</option>
              {presetChoices(workspace).map((choice) => (
                <option key={choice.key} value={choice.key}>
                  {nameOf(choice)}
                </option>
              ))}
            </select>
          </label>
          <div className="ols-popover-actions">
            <button
              type="button"
              className="ols-button ols-button--small"
              disabled={presets.length === 0}
              data-testid="preset-export"
              onClick={() => downloadText('ols-presets.json', store().presetsFileText())}
            >
              {t('workspace.presets.export')}
            </button>
            <ImportButton label={t('workspace.presets.import')} testId="preset-import" onText={(text) => store().importPresets(text)} />
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
