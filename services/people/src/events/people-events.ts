/**
 * Subjects this service publishes (people.<entity>.<event>). Envelopes carry ids and grid codes only:
 * names, ID numbers, phones and tags stay in this service; consumers resolve Person through the graph.
 */
export const PeopleEvents = {
  PERSON_REGISTERED: 'people.person.registered',
  PERSON_UPDATED: 'people.person.updated',
  PERSON_MOVED: 'people.person.moved',
  HOUSEHOLD_CREATED: 'people.household.created',
  ACCOUNT_LINKED: 'people.account.linked',
  ACCOUNT_UNLINKED: 'people.account.unlinked',
  PERSON_CARE_TAGS: 'people.person.care_tags',
} as const;

export interface PersonRegisteredData {
  personId: string;
  gridCode: string;
  householdId: string | null;
  residenceStatus: string;
  version: number;
  /** Keycloak subject of the person's own account, when registered with one (people.account.linked follows too). */
  userId?: string;
}

export interface PersonUpdatedData {
  personId: string;
  gridCode: string;
  /** Names of the fields that changed, e.g. ['phone', 'tags']; never their values. */
  changed: string[];
  version: number;
}

export interface PersonMovedData {
  personId: string;
  fromGridCode: string;
  toGridCode: string;
  /** The same as toGridCode: where the person lives now (every person event names it `gridCode`). */
  gridCode: string;
  householdId: string | null;
  /** The person row's version after the move, so consumers can order a person's events. */
  version: number;
}

/**
 * people.account.linked / people.account.unlinked (DOMAIN.md §8.7): a login (Keycloak subject) was
 * linked to or unlinked from a person. areaCode = gridCode; version = the person row's version after
 * the change. Unlinked names the account that was linked.
 */
export interface AccountLinkData {
  userId: string;
  personId: string;
  gridCode: string;
  version: number;
}

export interface HouseholdCreatedData {
  householdId: string;
  gridCode: string;
  headId: string | null;
}

/**
 * people.person.care_tags (DOMAIN.md §8.3): the care-relevant tags a person carries today, after any
 * change of their tags, household or grid, for grids' care schedule. Only non-sensitive tags of the
 * VULNERABLE category (empty-nest, living alone, left-behind child, hardship …), which grid staff read
 * anyway; sensitive tags never leave this service. `birthday` is month and day ('MM-DD') only, for the
 * yearly birthday visit; null when the person carries no such tag. areaCode = gridCode.
 */
export interface PersonCareTagsData {
  personId: string;
  householdId: string | null;
  gridCode: string;
  tags: string[];
  birthday: string | null;
  version: number;
}
