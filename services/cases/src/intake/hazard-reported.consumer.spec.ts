import { CaseClass } from '../case/case-enums.js';
import { caseClassForSeverity } from './hazard-reported.consumer.js';

describe('hazard severity', () => {
  it('sets the class of the case', () => {
    expect(caseClassForSeverity('LOW')).toBe(CaseClass.SIMPLE);
    expect(caseClassForSeverity('medium')).toBe(CaseClass.ORDINARY);
    expect(caseClassForSeverity('HIGH')).toBe(CaseClass.MAJOR);
    expect(caseClassForSeverity('CRITICAL')).toBe(CaseClass.DIFFICULT);
    expect(caseClassForSeverity('unheard-of')).toBe(CaseClass.ORDINARY);
    expect(caseClassForSeverity(undefined)).toBe(CaseClass.ORDINARY);
  });
});
