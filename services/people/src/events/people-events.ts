/**
 * Subjects this service publishes (people.<entity>.<event>). Envelopes carry ids and grid codes only:
 * names, ID numbers, phones and tags stay in this service; consumers resolve Person through the graph.
 */
export const PeopleEvents = {
  PERSON_REGISTERED: 'people.person.registered',
  PERSON_UPDATED: 'people.person.updated',
  PERSON_MOVED: 'people.person.moved',
  HOUSEHOLD_CREATED: 'people.household.created',
} as const;

export interface PersonRegisteredData {
  personId: string;
  gridCode: string;
  householdId: string | null;
  residenceStatus: string;
  version: number;
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
  householdId: string | null;
}

export interface HouseholdCreatedData {
  householdId: string;
  gridCode: string;
  headId: string | null;
}
