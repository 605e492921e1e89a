import { AREA_ADMIN_ROLES, GRID_STAFF_ROLES, Role, type AuthUser } from '@lianxin/auth';
import { Sex } from '../person/person-enums.js';
import { maskIdNumber, maskPhone } from '../personal-data/masking.js';

/**
 * Who reads what of a Person (DOMAIN.md §3 and §8.8): ONE table, data rather than checks spread over
 * resolvers. Every Person field resolver, every list, look-up and reveal reads it through this module.
 *
 * - A role row says WHICH persons the role reaches (its scope) and, for each field, how much of it the
 *   role reads there: NONE (null), YEAR_ONLY (birth year, not the date), MASKED (protected numbers:
 *   region of an ID number, last 4 digits of a phone) or FULL.
 * - Clear ID and phone numbers are never a visibility: the field types below do not allow FULL for
 *   them. They leave only through revealPersonalData, audited, for rows with `reveal`.
 * - SELF is the row for the person linked to the caller's own account, whatever the caller's roles.
 * - A caller with several roles reads, for each person, the most any of its rows gives for a scope that
 *   reaches that person (a volunteer who is also department staff does not read details of everyone in
 *   the village through the volunteer row).
 *
 * §8.8: with the masks of personal-data/masking.ts nothing a row can read narrows an ID number below
 * 500 candidates or a phone number below 10^4 (proved per row by person-field.policy.spec.ts).
 */

export enum Visibility {
  NONE = 'NONE',
  YEAR_ONLY = 'YEAR_ONLY',
  MASKED = 'MASKED',
  FULL = 'FULL',
}

type NoneOrFull = Visibility.NONE | Visibility.FULL;
/** Protected numbers: the clear value is never a field visibility (only an audited reveal). */
type NumberVisibility = Visibility.NONE | Visibility.MASKED;
type DateVisibility = Visibility.NONE | Visibility.YEAR_ONLY | Visibility.FULL;

export interface PersonFieldPolicy {
  name: NoneOrFull;
  sex: NoneOrFull;
  /** FULL: the date; YEAR_ONLY: `birthYear` only. */
  birthDate: DateVisibility;
  idNumber: NumberVisibility;
  phone: NumberVisibility;
  address: NoneOrFull;
  residenceStatus: NoneOrFull;
  /** Focus tags that are not sensitive (elderly, children, hardship …), in `tags` and `tagAssignments`. */
  tags: NoneOrFull;
  /** Special-population tags (社区矫正, 刑满释放 …); counted, filtered and listed only with FULL. */
  sensitiveTags: NoneOrFull;
  household: NoneOrFull;
  /** Tag history with dates (only the tags `tags`/`sensitiveTags` allow). */
  tagAssignments: NoneOrFull;
  residenceHistory: NoneOrFull;
  partyMembership: NoneOrFull;
}

export type PersonField = keyof PersonFieldPolicy;

/** Which persons a row reaches. */
export enum PersonScope {
  /** None through this row (the SELF row still applies). */
  NONE = 'NONE',
  /** Everyone whose grid is inside the caller's area (area_code LIKE scope || '%'). */
  AREA = 'AREA',
  /**
   * Need to know: inside the caller's area, only the persons on cases inside that area dispatched to the
   * caller's department (department_case_person; codes repeat across counties, so the case's grid must be in
   * the caller's area too) and those the caller looked up with a stated purpose in the
   * last LOOKUP_GRANT_DAYS days (lookUpPerson, in the audit log).
   */
  DEPARTMENT_CASES = 'DEPARTMENT_CASES',
  /** The person linked to the caller's own account. */
  SELF = 'SELF',
}

export interface RolePolicy {
  scope: PersonScope;
  fields: PersonFieldPolicy;
  /** May ask for the clear ID or phone number of a person this row reaches (revealPersonalData, audited). */
  reveal: boolean;
  /** May find a person by the full ID number (lookUpPerson / personByIdNumber, audited, rate-limited). */
  idLookup: boolean;
}

const { NONE, YEAR_ONLY, MASKED, FULL } = Visibility;

const NOTHING: PersonFieldPolicy = {
  name: NONE,
  sex: NONE,
  birthDate: NONE,
  idNumber: NONE,
  phone: NONE,
  address: NONE,
  residenceStatus: NONE,
  tags: NONE,
  sensitiveTags: NONE,
  household: NONE,
  tagAssignments: NONE,
  residenceHistory: NONE,
  partyMembership: NONE,
};

/** Ledger keepers: full birth dates (birthday visits of the care schedule §8.3, ages), masked numbers. */
const KEEPER: RolePolicy = {
  scope: PersonScope.AREA,
  fields: {
    name: FULL,
    sex: FULL,
    birthDate: FULL,
    idNumber: MASKED,
    phone: MASKED,
    address: FULL,
    residenceStatus: FULL,
    tags: FULL,
    sensitiveTags: FULL,
    household: FULL,
    tagAssignments: FULL,
    residenceHistory: FULL,
    partyMembership: FULL,
  },
  reveal: true,
  idLookup: true,
};

/** Department staff, for the persons of their cases; departments differ below (DEPARTMENT_OVERRIDES). */
const DEPARTMENT: RolePolicy = {
  scope: PersonScope.DEPARTMENT_CASES,
  fields: {
    name: FULL,
    sex: FULL,
    birthDate: FULL,
    idNumber: MASKED,
    phone: MASKED,
    address: FULL,
    residenceStatus: FULL,
    tags: FULL,
    sensitiveTags: NONE,
    household: FULL,
    tagAssignments: FULL,
    residenceHistory: NONE,
    partyMembership: NONE,
  },
  reveal: false,
  idLookup: true,
};

/** The table: one row per Keycloak role. */
export const ROLE_POLICIES: Readonly<Record<Role, RolePolicy>> = {
  [Role.COUNTY_ADMIN]: KEEPER,
  [Role.TOWNSHIP_ADMIN]: KEEPER,
  [Role.VILLAGE_ADMIN]: KEEPER,
  [Role.GRID_LEADER]: KEEPER,
  [Role.GRID_WORKER]: KEEPER,
  [Role.DEPARTMENT_STAFF]: DEPARTMENT,
  /** Auditors check the ledgers of their whole area; they have no need for birth dates: the year only. */
  [Role.AUDITOR]: {
    scope: PersonScope.AREA,
    fields: { ...KEEPER.fields, birthDate: YEAR_ONLY },
    reveal: false,
    idLookup: true,
  },
  /** Volunteers see the names of the people of their area (service orders), nothing more. */
  [Role.VOLUNTEER]: { scope: PersonScope.AREA, fields: { ...NOTHING, name: FULL }, reveal: false, idLookup: false },
  /** Residents read only themselves: the SELF row. */
  [Role.RESIDENT]: { scope: PersonScope.NONE, fields: NOTHING, reveal: false, idLookup: false },
};

/** What department staff read differs by department (department_code in their token). */
export const DEPARTMENT_OVERRIDES: Readonly<Record<string, { fields?: Partial<PersonFieldPolicy>; reveal?: boolean }>> = {
  /** Police: identity checks (reveal), special populations, where a person lived. */
  PUBLIC_SECURITY: { fields: { sensitiveTags: FULL, residenceHistory: FULL }, reveal: true },
  /** Civil affairs: benefits (低保, elderly subsidies) need the clear numbers. */
  CIVIL_AFFAIRS: { reveal: true },
};

/** The person linked to the caller's own account: their own record, numbers masked, no special-population tags. */
export const SELF_POLICY: RolePolicy = {
  scope: PersonScope.SELF,
  fields: {
    ...KEEPER.fields,
    sensitiveTags: NONE,
    // Households are ledger data; a resident's own household is not (yet) readable to them.
    household: NONE,
  },
  reveal: false,
  idLookup: false,
};

/** Look-ups with a stated purpose let department staff read the person found for this long. */
export const LOOKUP_GRANT_DAYS = 30;
/** ID-number look-ups per user and hour, counted in the audit log (holds across replicas). */
export const LOOKUPS_PER_HOUR = 30;

export const PERSON_FIELDS = Object.keys(NOTHING) as PersonField[];

/** The rows that apply to a user (one per role, department overrides applied), SELF excluded. */
export function rolePoliciesOf(user: Pick<AuthUser, 'roles' | 'departmentCode'>): RolePolicy[] {
  return user.roles
    .filter((role): role is Role => role in ROLE_POLICIES)
    .map((role) => {
      const policy = ROLE_POLICIES[role];
      if (role !== Role.DEPARTMENT_STAFF) return policy;
      const override = DEPARTMENT_OVERRIDES[user.departmentCode ?? ''];
      if (!user.departmentCode) return { ...policy, scope: PersonScope.NONE };
      return override ? { ...policy, fields: { ...policy.fields, ...override.fields }, reveal: override.reveal ?? policy.reveal } : policy;
    });
}

/** Where a person stands to the caller: which scopes reach them. */
export interface PersonReach {
  /** Linked to the caller's own account. */
  self: boolean;
  /** Their grid is inside the caller's area. */
  inArea: boolean;
  /** On a case of the caller's department, or looked up by the caller with a purpose (only asked for DEPARTMENT_CASES rows). */
  needToKnow: boolean;
}

export function reaches(scope: PersonScope, reach: PersonReach): boolean {
  switch (scope) {
    case PersonScope.AREA:
      return reach.inArea;
    case PersonScope.DEPARTMENT_CASES:
      return reach.inArea && reach.needToKnow;
    case PersonScope.SELF:
      return reach.self;
    case PersonScope.NONE:
      return false;
  }
}

const RANK: Record<Visibility, number> = { [NONE]: 0, [YEAR_ONLY]: 1, [MASKED]: 1, [FULL]: 2 };

function widest(a: Visibility, b: Visibility): Visibility {
  return RANK[b] > RANK[a] ? b : a;
}

/** The rows (SELF included) that reach this person. */
export function policiesReaching(rows: readonly RolePolicy[], reach: PersonReach): RolePolicy[] {
  return [...rows, SELF_POLICY].filter((row) => reaches(row.scope, reach));
}

/** What the caller reads of this person, field by field: the widest of the rows that reach them. */
export function fieldsFor(rows: readonly RolePolicy[], reach: PersonReach): PersonFieldPolicy {
  const result = { ...NOTHING };
  for (const row of policiesReaching(rows, reach)) {
    for (const field of PERSON_FIELDS) (result as Record<PersonField, Visibility>)[field] = widest(result[field], row.fields[field]);
  }
  return result;
}

/** May the caller ask for the clear numbers of this person (audited)? */
export function mayReveal(rows: readonly RolePolicy[], reach: PersonReach): boolean {
  return policiesReaching(rows, reach).some((row) => row.reveal);
}

/** The scopes in which the caller reads all these fields (at least masked / year), for lists and filters. */
export function scopesReading(rows: readonly RolePolicy[], required: readonly PersonField[]): PersonScope[] {
  return [...new Set([...rows, SELF_POLICY].filter((row) => row.scope !== PersonScope.NONE && required.every((field) => row.fields[field] !== NONE)).map((row) => row.scope))];
}

/** The values a role can read, from the stored person (the masked columns are re-masked, see masking.ts). */
export interface StoredPersonFacts {
  name: string;
  sex: Sex;
  birthDate: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  address: string | null;
  residenceStatus: string;
}

/** One reader per plain field: what a visibility shows of the stored value. Resolvers and the §8.8 test use these. */
export const READERS = {
  name: (visibility: Visibility, person: StoredPersonFacts) => (visibility === FULL ? person.name : null),
  sex: (visibility: Visibility, person: StoredPersonFacts) => (visibility === FULL ? person.sex : null),
  birthDate: (visibility: Visibility, person: StoredPersonFacts) => (visibility === FULL ? person.birthDate : null),
  birthYear: (visibility: Visibility, person: StoredPersonFacts) => (visibility === FULL || visibility === YEAR_ONLY ? Number(person.birthDate.slice(0, 4)) : null),
  idNumber: (visibility: Visibility, person: StoredPersonFacts) => (visibility === MASKED ? maskIdNumber(person.idNumberMasked) : null),
  phone: (visibility: Visibility, person: StoredPersonFacts) => (visibility === MASKED && person.phoneMasked ? maskPhone(person.phoneMasked) : null),
  address: (visibility: Visibility, person: StoredPersonFacts) => (visibility === FULL ? person.address : null),
  residenceStatus: (visibility: Visibility, person: StoredPersonFacts) => (visibility === FULL ? person.residenceStatus : null),
} as const;

export type ReadableView = { [K in keyof typeof READERS]: ReturnType<(typeof READERS)[K]> };

/** Everything the plain fields show to a caller with these visibilities (birthYear follows birthDate). */
export function readableView(fields: PersonFieldPolicy, person: StoredPersonFacts): ReadableView {
  return {
    name: READERS.name(fields.name, person),
    sex: READERS.sex(fields.sex, person),
    birthDate: READERS.birthDate(fields.birthDate, person),
    birthYear: READERS.birthYear(fields.birthDate, person),
    idNumber: READERS.idNumber(fields.idNumber, person),
    phone: READERS.phone(fields.phone, person),
    address: READERS.address(fields.address, person),
    residenceStatus: READERS.residenceStatus(fields.residenceStatus, person),
  };
}

/** Roles that keep the ledgers (register, edit, tag, move, import, link accounts). */
export const LEDGER_EDITOR_ROLES: readonly Role[] = [...AREA_ADMIN_ROLES, ...GRID_STAFF_ROLES];
/** Who records party membership. */
export const PARTY_EDITOR_ROLES: readonly Role[] = [...AREA_ADMIN_ROLES, Role.GRID_LEADER];
/** Who reads the audit log. */
export const AUDIT_READER_ROLES: readonly Role[] = [Role.AUDITOR, Role.COUNTY_ADMIN];
/** Who may find a person by ID number: the rows with idLookup. */
export const ID_LOOKUP_ROLES: readonly Role[] = (Object.entries(ROLE_POLICIES) as Array<[Role, RolePolicy]>).filter(([, row]) => row.idLookup).map(([role]) => role);
/** Who reads households and population statistics (households only where they reach a member). */
export const LEDGER_READER_ROLES: readonly Role[] = [...LEDGER_EDITOR_ROLES, Role.DEPARTMENT_STAFF, Role.AUDITOR];
/** Who links their own account to their person with a one-time code (§8.7). */
export const LINK_CODE_REDEEMER_ROLES: readonly Role[] = [Role.RESIDENT, Role.VOLUNTEER];
