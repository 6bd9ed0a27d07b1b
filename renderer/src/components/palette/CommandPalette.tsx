/**
 * The command palette (issue 9 §7): Ctrl/Cmd+K lists every action and view
 * command and every preset, searchable in Russian and English whatever the
 * UI language (each item carries its label in both as keywords), run with
 * Enter. cmdk gives the combobox (filtering, arrow keys, ARIA listbox) and
 * a Radix dialog (focus trap, Esc, focus back where it was); tinykeys binds
 * the shortcut by key code, so it works on a Russian layout too and from
 * inside a text field.
 */
import { Command } from 'cmdk';
import { useEffect } from 'react';
import { tinykeys } from 'tinykeys';
import { MENU_COMMANDS, COMMAND_SHORTCUTS, type MenuCommand } from '../../../../shared/ipc/contract-menu.ts';
import { translate, type MessageKey } from '../../i18n/index.ts';
import { useAppStore, useT } from '../../store/app.ts';
import { startMenuCommands, usePaletteStore } from '../../store/palette.ts';
import { presetChoices, useWorkspaceStore } from '../../store/workspace.ts';
import { COMMAND_LABELS, NEEDS_DIALOG, runCommand } from './commands.ts';
import './palette.css';

const both = (key: MessageKey, params?: Record<string, string | number>) => [translate('ru', key, params), translate('en', key, params)];

/** The shortcut as this platform writes it. */
function shortcutText(command: MenuCommand): string | null {
  const raw = COMMAND_SHORTCUTS[command];
  if (!raw) return null;
  const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  return raw.replace('CmdOrCtrl+', mac ? '⌘' : 'Ctrl+');
}

export function CommandPalette() {
  const { t } = useT();
  const open = usePaletteStore((s) => s.open);
  const focused = usePaletteStore((s) => s.focused);
  const show = usePaletteStore((s) => s.show);
  const hide = usePaletteStore((s) => s.hide);
  const workspace = useWorkspaceStore((s) => s.workspace);
  const language = useAppStore((s) => s.language);

  useEffect(() => {
    startMenuCommands(runCommand);
    // from anywhere, a text field included: Ctrl+K types nothing there
    return tinykeys(
      window,
      {
        '$mod+KeyK': (event) => {
          event.preventDefault();
          if (usePaletteStore.getState().open) hide();
          else show();
        },
      },
      { ignore: () => false },
    );
  }, [show, hide]);

  const run = (command: MenuCommand) => {
    hide();
    // after the dialog has closed and given the focus back to the row the command acts on
    setTimeout(() => runCommand(command, focused), 0);
  };
  const applyPreset = (key: string) => {
    hide();
    setTimeout(() => useWorkspaceStore.getState().choosePreset(key), 0);
  };

  const commands = MENU_COMMANDS.filter((c) => c !== 'palette' && (focused !== null || !NEEDS_DIALOG.has(c)));
  const labelOf = (c: MenuCommand): MessageKey => (c === 'pin' && focused?.pinned ? 'palette.unpin' : COMMAND_LABELS[c]);
  const presets = presetChoices(workspace);

  return (
    <Command.Dialog
      open={open}
      onOpenChange={(next) => (next ? show() : hide())}
      label={t('palette.title')}
      overlayClassName="ols-palette-overlay"
      contentClassName="ols-palette"
      data-testid="palette"
      loop
    >
      <Command.Input className="ols-palette-input" placeholder={t('palette.placeholder')} aria-label={t('palette.placeholder')} data-testid="palette-input" />
      <p className="ols-palette-scope" data-testid="palette-scope">
        {focused ? t('palette.onDialog', { id: focused.id }) : t('palette.onAll')}
      </p>
      <Command.List className="ols-palette-list" data-testid="palette-list">
        <Command.Empty className="ols-palette-empty">{t('palette.empty')}</Command.Empty>
        <Command.Group heading={t('palette.groupCommands')}>
          {commands.map((c) => (
            <Command.Item key={`${c}-${language}`} value={c} keywords={both(labelOf(c))} onSelect={() => run(c)} data-testid={`palette-${c}`} className="ols-palette-item">
              <span>{t(labelOf(c))}</span>
              {shortcutText(c) && <kbd>{shortcutText(c)}</kbd>}
            </Command.Item>
          ))}
        </Command.Group>
        <Command.Group heading={t('palette.groupPresets')}>
          {presets.map((p) => {
            const names = p.builtIn ? both(`workspace.preset.${p.builtIn}` as MessageKey) : [p.name];
            const name = p.builtIn ? t(`workspace.preset.${p.builtIn}` as MessageKey) : p.name;
            return (
              <Command.Item
                key={p.key}
                value={`preset:${p.key}`}
                keywords={[...names, ...both('palette.presetWord')]}
                onSelect={() => applyPreset(p.key)}
                data-testid="palette-preset"
                data-preset={p.key}
                className="ols-palette-item"
              >
                <span>{t('palette.preset', { name })}</span>
              </Command.Item>
            );
          })}
        </Command.Group>
      </Command.List>
    </Command.Dialog>
  );
}
