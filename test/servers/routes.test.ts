import { expect } from '@open-wc/testing';

describe('test routes', () => {
  it('are mounted on the test server', async () => {
    const answer = await (await fetch('/test-api/echo?x=1')).json();
    expect(answer, 'echo route answers').to.deep.equal({ query: { x: '1' }, method: 'GET' });
  });
});
