/**
 * How a saved portal's secret is kept on disk. The shell decides: Electron
 * main seals it with the OS keychain (safeStorage); browser mode, or a desktop
 * without a keychain, keeps it as it is in a file only this user may read
 * (0600) and the UI says so. The services only ever hold a SecretBox, so
 * nothing here imports electron.
 */
export interface SecretBox {
  /** 'encrypted': unreadable without this user's OS keychain; 'plainFile': protected by file permissions only */
  readonly storage: 'encrypted' | 'plainFile';
  /** the secret as it is written to sources.json */
  seal(secret: string): string;
  /** the secret back; throws when it cannot be opened (another user, another machine, a reset keychain) */
  open(sealed: string): string;
}

/** The secret as it is, in a 0600 file: browser mode, and Electron when the OS offers no keychain. */
export const plainSecretBox: SecretBox = {
  storage: 'plainFile',
  seal: (secret) => secret,
  open: (sealed) => sealed,
};
