import { expect } from '@open-wc/testing';
import { channelRateLimit, chatInterval, expectedChannelRate, likesInterval } from '../../src/core/budget.js';

describe('budget: adaptive send budget', () => {
  it('follows Agora’s documented channel rates', () => {
    expect(channelRateLimit(999), 'below 1,000').to.equal(200);
    expect(channelRateLimit(10_000), 'up to 10,000').to.equal(100);
    expect(channelRateLimit(10_001), 'above 10,000').to.equal(30);
  });

  it('keeps the expected channel rate inside the limit up to 12,000 viewers (docs/scale.md)', () => {
    for (const audience of [1, 50, 500, 999, 1_000, 5_000, 10_000, 12_000]) {
      const rate = expectedChannelRate(audience);
      expect(rate, `rate for ${audience} viewers`).to.be.at.most(channelRateLimit(audience));
    }
  });

  it('slows chat and aggregates likes as the audience grows, and respects the host slow mode', () => {
    expect(chatInterval(10), 'small show: 1 s').to.equal(1);
    expect(chatInterval(10, 30), 'host slow mode wins').to.equal(30);
    expect(chatInterval(10_000), 'large show slower').to.be.greaterThan(chatInterval(1_000));
    expect(likesInterval(10), 'small show: one likes message a second').to.equal(1000);
    expect(likesInterval(10_000), 'large show: less often').to.be.greaterThan(1000);
  });
});
