/** The CLI's arguments: good ones become options, bad ones a clear message (the tool then exits 2). */
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../electron/tools/emulator.ts';

describe('npm run emulator arguments', () => {
  it('reads every flag', () => {
    const parsed = parseArgs(['--port', '0', '--seed', '9', '--plan', 'enterprise', '--dialogs', '300', '--faults', 'storm503:0.2,drop:next3', '--speed', '2']);
    expect(parsed).toMatchObject({
      ok: true,
      options: { port: 0, seed: 9, plan: 'enterprise', dialogs: 300, speed: 2, faults: [{ kind: 'storm503', probability: 0.2 }, { kind: 'drop', next: 3 }] },
    });
  });

  it.each([
    [['--plan', 'gold'], /--plan/],
    [['--port', 'x'], /--port/],
    [['--faults', 'meteor'], /unknown fault "meteor"/],
    [['--faults', 'drop:7'], /neither a probability/],
    [['--wat'], /unknown argument --wat/],
  ])('%j is refused with a message', (argv, message) => {
    const parsed = parseArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});
