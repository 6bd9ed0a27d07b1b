/** Why a source could not be tested, connected or used: a known reason in the UI's language, else the services' words. */
import type { SourcesError } from '../../store/sources.ts';
import { useT } from '../../store/app.ts';

export function SourcesErrorText({ error }: { error: SourcesError }) {
  const { t } = useT();
  return (
    <p role="alert" className="ols-sources-error" data-testid="sources-error">
      {'reason' in error ? t(`sources.reason.${error.reason}`) : error.message}
    </p>
  );
}
