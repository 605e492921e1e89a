import { ResidenceStatus, Sex } from './person-enums.js';
import { checkPersonFacts } from './person-facts.js';

describe('person facts', () => {
  it('fills sex and birth date from the ID number and normalises the rest', () => {
    expect(checkPersonFacts({ name: '  王  小明 ', idNumber: '330402198001010014', gridCode: '330402001001001', phone: '138 1234 5678' })).toEqual({
      valid: true,
      facts: {
        name: '王 小明',
        idNumber: '330402198001010014',
        gridCode: '330402001001001',
        sex: Sex.MALE,
        birthDate: '1980-01-01',
        phone: '13812345678',
        address: null,
        residenceStatus: ResidenceStatus.REGISTERED_RESIDENT,
      },
    });
  });

  it('reports every problem with its field', () => {
    const result = checkPersonFacts({ name: '', idNumber: '330402198001010017', gridCode: '3304020010', phone: '123', birthDate: '1980-02-30' });
    expect(result).toEqual({
      valid: false,
      problems: [
        { field: 'name', reason: 'must be 1 to 50 characters' },
        { field: 'birthDate', reason: 'must be a date written YYYY-MM-DD' },
        { field: 'idNumber', reason: 'check character is 7 but must be 4' },
        { field: 'gridCode', reason: 'must be a 15-digit grid code' },
        { field: 'phone', reason: expect.stringContaining('mobile') },
      ],
    });
  });

  it('refuses a birth date the ID number contradicts', () => {
    expect(checkPersonFacts({ name: '李', idNumber: '330402198001010014', gridCode: '330402001001001', birthDate: '1981-01-01' })).toMatchObject({
      valid: false,
      problems: [{ field: 'idNumber', reason: expect.stringContaining('differs from birthDate 1981-01-01') }],
    });
  });
});
