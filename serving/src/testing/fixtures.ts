// Requests the serving tests send.

/** An ordinary credit applicant, as a client sends it. */
export const APPLICANT = {
  age: 35,
  employment_type: 'salaried',
  annual_income: 60000,
  home_ownership: 'rent',
  region: 'north',
  credit_history_years: 8.5,
  open_credit_lines: 5,
  utilization: 0.3,
  debt_to_income: 0.25,
  loan_amount: 15000,
  delinquencies_2y: 0,
};
