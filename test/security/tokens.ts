import { tokenFor } from '@lianxin/testing';

/**
 * A demo user's token, tried again after a pause when Keycloak refuses it: the Keycloak of a machine is
 * shared by every test slot, and a realm re-import or a brute-force lock-out from another run refuses
 * valid credentials for a while. Tokens are cached by tokenFor, so this costs one grant per user.
 */
export async function demoToken(username: string, attempts = 3, pauseMs = 30_000): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await tokenFor(username);
    } catch (error) {
      if (attempt >= attempts) throw error;
      console.warn(`Keycloak refused ${username} (attempt ${attempt} of ${attempts}); trying again in ${pauseMs / 1000} s: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}
