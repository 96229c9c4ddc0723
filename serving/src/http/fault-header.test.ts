import { faultFromHeader, faultToHeader } from './faults';

describe('a request fault carried in its own header', () => {
  it('round-trips', () => {
    const fault = { addedLatencyMs: 250, failStatus: 503, unavailable: false };
    expect(faultFromHeader(faultToHeader(fault))).toEqual(fault);
    expect(faultFromHeader('{"addedLatencyMs":0,"failStatus":0,"unavailable":true}')).toEqual({
      addedLatencyMs: 0,
      failStatus: 0,
      unavailable: true,
    });
  });

  it.each([
    'not json',
    'null',
    '{"addedLatencyMs":-1,"failStatus":0}',
    '{"addedLatencyMs":600000,"failStatus":0}',
    '{"addedLatencyMs":0,"failStatus":404}',
    '{"failStatus":500}',
  ])('refuses %s', (value) => {
    expect(faultFromHeader(value)).toBeNull();
  });
});
