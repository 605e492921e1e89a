export { householdIdFor, personIdFor } from '@lianxin/db';
