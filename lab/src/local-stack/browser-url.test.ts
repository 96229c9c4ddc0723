import { browserUrl } from './local-stack';

describe('browserUrl', () => {
  it.each([
    ['http://0.0.0.0:8080', 'http://localhost:8080'],
    ['http://[::]:8080', 'http://localhost:8080'],
    ['http://0.0.0.0', 'http://localhost'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://10.0.0.5:8080', 'http://10.0.0.5:8080'],
    ['http://0.0.0.0.example:8080', 'http://0.0.0.0.example:8080'],
  ])('%s is reached at %s', (url, reached) => expect(browserUrl(url)).toBe(reached));
});
