import { registerEnumType } from '@nestjs/graphql';

/** Who volunteers (DOMAIN.md §5). */
export enum VolunteerKind {
  PARTY_MEMBER = 'PARTY_MEMBER',
  ACTIVIST = 'ACTIVIST',
  STUDENT = 'STUDENT',
  PROFESSIONAL_TEACHER = 'PROFESSIONAL_TEACHER',
  PROFESSIONAL_DOCTOR = 'PROFESSIONAL_DOCTOR',
  PROFESSIONAL_LAWYER = 'PROFESSIONAL_LAWYER',
  LOCAL_TALENT = 'LOCAL_TALENT',
}

registerEnumType(VolunteerKind, {
  name: 'VolunteerKind',
  description: 'Kind of volunteer. 志愿者类别',
  valuesMap: {
    PARTY_MEMBER: { description: 'Party member. 党员' },
    ACTIVIST: { description: 'Activist among the residents. 积极分子' },
    STUDENT: { description: 'University student. 大学生' },
    PROFESSIONAL_TEACHER: { description: 'Teacher. 专业人士（教师）' },
    PROFESSIONAL_DOCTOR: { description: 'Doctor. 专业人士（医生）' },
    PROFESSIONAL_LAWYER: { description: 'Lawyer. 专业人士（律师）' },
    LOCAL_TALENT: { description: 'Local talent. 乡贤能人' },
  },
});
