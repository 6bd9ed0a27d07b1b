/**
 * Connect a portal: paste the inbound webhook URL, pick the plan, Test (which
 * scopes work, and what to do about the missing ones), Connect. The URL stays
 * in this field only; what comes back names the portal and the user, never
 * the secret. In browser mode a warning says the webhook is kept unencrypted.
 */
import { useId, useState } from 'react';
import { SOURCE_PLANS, WEBHOOK_SCOPES, type SourcePlan } from '../../../../shared/ipc/contract-sources.ts';
import { useAppStore, useT } from '../../store/app.ts';
import { useSourcesStore } from '../../store/sources.ts';

export function ConnectPortal() {
  const { t } = useT();
  const dataDir = useAppStore((s) => s.info?.dataDir ?? '');
  const { list, testing, tested, switching, test, connect, clearTest } = useSourcesStore();
  const [webhookUrl, setWebhookUrl] = useState('');
  const [plan, setPlan] = useState<SourcePlan>('standard');
  const ids = { url: useId(), plan: useId(), hint: useId() };
  const busy = testing || switching !== null;
  const empty = webhookUrl.trim() === '';

  return (
    <section aria-labelledby="ols-connect-title" className="ols-connect" data-testid="connect-portal">
      <h3 id="ols-connect-title">{t('sources.connectTitle')}</h3>
      {list?.newSecretStorage === 'plainFile' ? (
        <p className="ols-banner ols-banner--notice" role="note" data-testid="plain-secret-warning">
          {t('sources.plainWarning', { file: `${dataDir}/sources.json` })}
        </p>
      ) : (
        list && <p className="ols-muted">{t('sources.encryptedNote')}</p>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!empty && !busy) void connect(webhookUrl, plan);
        }}
      >
        <label htmlFor={ids.url}>{t('sources.webhook')}</label>
        <input
          id={ids.url}
          type="text"
          className="ols-input"
          style={{ width: '100%' }}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={ids.hint}
          value={webhookUrl}
          data-testid="webhook-url"
          onChange={(e) => {
            setWebhookUrl(e.target.value);
            clearTest();
          }}
        />
        <p id={ids.hint} className="ols-muted">
          {t('sources.webhookHint')}
        </p>
        <label htmlFor={ids.plan}>{t('sources.plan')}</label>{' '}
        <select id={ids.plan} value={plan} data-testid="webhook-plan" onChange={(e) => setPlan(e.target.value as SourcePlan)}>
          {SOURCE_PLANS.map((p) => (
            <option key={p} value={p}>
              {t(`sources.plan.${p}`)}
            </option>
          ))}
        </select>{' '}
        <button type="button" className="ols-button" disabled={empty || busy} data-testid="webhook-test" onClick={() => void test(webhookUrl, plan)}>
          {testing ? t('sources.testing') : t('sources.test')}
        </button>{' '}
        <button type="submit" className="ols-button ols-button--primary" disabled={empty || busy} data-testid="webhook-connect">
          {switching === 'connect' ? t('sources.connecting') : t('sources.connect')}
        </button>
      </form>
      {tested && (
        <div role="status" data-testid="webhook-tested">
          <p>{t('sources.tested', { portal: tested.portal, user: tested.userName })}</p>
          <ul aria-label={t('sources.scopesLabel')} className="ols-sources-scopes">
            {WEBHOOK_SCOPES.map((scope) => (
              <li key={scope} data-testid="webhook-scope" data-scope={scope} data-ok={tested.scopes[scope]}>
                <span aria-hidden="true">{tested.scopes[scope] ? '✓' : '✗'}</span> {scope}: {t(tested.scopes[scope] ? 'sources.scopeOk' : 'sources.scopeMissing')}
              </li>
            ))}
          </ul>
          {tested.missing.length === 0 ? (
            <p>{t('sources.allScopes')}</p>
          ) : (
            tested.missing.map((scope) => (
              <p key={scope} data-testid="webhook-missing">
                {t('sources.missingHelp', { scope })}
              </p>
            ))
          )}
        </div>
      )}
    </section>
  );
}
