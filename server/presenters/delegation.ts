import type { DelegationJson } from '../../shared/api/admin.js';
import { countryName } from '../../shared/domain/countries.js';

export function presentDelegation(code: string, members: number): DelegationJson {
  return {
    code,
    names: { en: countryName(code, 'en'), ru: countryName(code, 'ru'), kk: countryName(code, 'kk') },
    members,
  };
}
