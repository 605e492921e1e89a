import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Need to know (DOMAIN.md §8.8): the persons on cases dispatched to a department, kept from the cases
 * subgraph's events (CaseDispatchConsumer). Department staff read these persons and no others (besides
 * the ones they looked up with a stated purpose). A row stays when the case moves on: the department
 * keeps reading the people of the work it did.
 */
@Entity({ tableName: 'department_case_person' })
export class DepartmentCasePerson {
  @PrimaryKey({ type: 'text' })
  departmentCode: string;

  @PrimaryKey({ type: 'uuid' })
  personId: string;

  @PrimaryKey({ type: 'uuid' })
  caseId: string;

  /**
   * The case's grid: staff need to know the reporters of their department's cases inside their own area
   * (department codes repeat across counties). Null on rows written before it was kept: they grant nothing.
   */
  @Property({ type: 'text', nullable: true })
  caseGridCode: string | null = null;

  /** When the event that brought the person here occurred. */
  @Property({ type: 'timestamptz' })
  since: Date;
}
