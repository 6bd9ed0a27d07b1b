/**
 * The preset bar: the built-in presets (All, Active, My active where there is
 * a connected user, Waiting, Spam, Finished today) and the user's saved ones,
 * each with its live count, then "Save preset" and "Manage presets". A click
 * puts the preset's filter (and saved sort) on the grid; the choice is
 * remembered. Counts follow `dialogs:changed`, throttled (store/workspace.ts).
 */
import { useEffect, useMemo } from 'react';
import { useT } from '../../store/app.ts';
import { useGridStore } from '../../store/grid.ts';
import { presetChoices, useWorkspaceStore } from '../../store/workspace.ts';
import { ManagePresets } from './ManagePresets.tsx';
import { SavePreset } from './SavePreset.tsx';
import { usePresetName } from './workspace-ui.tsx';
import './workspace.css';

export function PresetBar() {
  const { t, locale } = useT();
  const workspace = useWorkspaceStore((s) => s.workspace);
  const counts = useWorkspaceStore((s) => s.counts);
  const loadError = useWorkspaceStore((s) => s.loadError);
  const presetId = useGridStore((s) => s.presetId);
  const nameOf = usePresetName();
  const choices = useMemo(() => presetChoices(workspace), [workspace]);
  const format = useMemo(() => new Intl.NumberFormat(locale), [locale]);
  const defaultKey = workspace?.state.defaultPresetId ?? null;

  useEffect(() => {
    void useWorkspaceStore.getState().load();
  }, []);

  return (
    <div className="ols-preset-bar" role="group" aria-label={t('workspace.presets.label')} data-testid="preset-bar">
      {choices.map((choice) => {
        const name = nameOf(choice);
        const count = counts[choice.key];
        const label = count === undefined ? t('workspace.preset.countUnknown', { name }) : t('workspace.preset.withCount', { name, count: format.format(count) });
        return (
          <button
            key={choice.key}
            type="button"
            className={`ols-preset${choice.builtIn ? '' : ' ols-preset--user'}`}
            aria-pressed={presetId === choice.key}
            aria-label={defaultKey === choice.key ? `${label} (${t('workspace.preset.isDefault')})` : label}
            title={label}
            data-preset={choice.key}
            onClick={() => useWorkspaceStore.getState().choosePreset(choice.key)}
          >
            <span>{name}</span>
            {defaultKey === choice.key && (
              <span className="ols-preset-default" aria-hidden="true">
                ★
              </span>
            )}
            <span className="ols-preset-count" aria-hidden="true" data-testid="preset-count" data-count={count ?? ''}>
              {count === undefined ? '…' : format.format(count)}
            </span>
          </button>
        );
      })}
      <SavePreset />
      <ManagePresets />
      {loadError && (
        <span className="ols-ws-note ols-ws-note--error" role="alert">
          {t('workspace.loadError', { message: loadError })}
        </span>
      )}
    </div>
  );
}
