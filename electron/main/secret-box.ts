/**
 * The desktop's SecretBox: a portal's webhook sealed by the OS keychain
 * (Electron safeStorage: Keychain, DPAPI, libsecret/kwallet). Where the OS
 * offers none (a bare Linux session), the plain box of browser mode is used
 * and the UI warns that the file is protected by its permissions only.
 */
import { safeStorage } from 'electron';
import { plainSecretBox, type SecretBox } from '../app/sources/secret-box.ts';

export function desktopSecretBox(): SecretBox {
  if (!safeStorage.isEncryptionAvailable()) return plainSecretBox;
  // Linux without a secret service "encrypts" with a fixed key (basic_text): calling that encrypted would mislead the user
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return plainSecretBox;
  return {
    storage: 'encrypted',
    seal: (secret) => safeStorage.encryptString(secret).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
