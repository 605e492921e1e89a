/** Subjects this service publishes (organizations.<entity>.<event>). */
export const OrganizationEvents = {
  AREA_CREATED: 'organizations.area.created',
  AREA_UPDATED: 'organizations.area.updated',
} as const;

export interface AreaEventData {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  version: number;
}
