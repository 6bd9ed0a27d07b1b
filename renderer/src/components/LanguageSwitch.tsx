/** RU / EN: switches at once and saves the choice through `settings:set`. */
import { LANGUAGES } from '../../../shared/ipc/contract.ts';
import { useAppStore, useT } from '../store/app.ts';

export function LanguageSwitch() {
  const { t } = useT();
  const language = useAppStore((s) => s.language);
  const setLanguage = useAppStore((s) => s.setLanguage);
  return (
    <div className="ols-segmented" role="group" aria-label={t('toolbar.language')} data-testid="lang-switch">
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          data-lang={lang}
          aria-pressed={language === lang}
          title={t(`lang.${lang}.name`)}
          onClick={() => void setLanguage(lang)}
        >
          {t(`lang.${lang}`)}
        </button>
      ))}
    </div>
  );
}
