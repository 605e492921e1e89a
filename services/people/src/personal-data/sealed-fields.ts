import { maskIdNumber, maskPhone } from './masking.js';
import type { PersonalDataVault } from './personal-data-vault.js';

/** The columns that hold an ID number: sealed, keyed hash, masked. */
export function sealIdNumber(vault: PersonalDataVault, idNumber: string) {
  return { idNumberSealed: vault.seal('idNumber', idNumber), idNumberHash: vault.lookupHash(idNumber), idNumberMasked: maskIdNumber(idNumber) };
}

/** The columns that hold a phone number (both null without one). */
export function sealPhone(vault: PersonalDataVault, phone: string | null) {
  return phone ? { phoneSealed: vault.seal('phone', phone), phoneMasked: maskPhone(phone) } : { phoneSealed: null, phoneMasked: null };
}
