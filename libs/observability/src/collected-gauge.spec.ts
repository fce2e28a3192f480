import { collectedGauge } from './collected-gauge';
import { metricsRegistry } from './metrics';

const valueOf = async (name: string) => (await metricsRegistry.getSingleMetric(name)!.get()).values;

describe('collectedGauge', () => {
  it('adds up the sources of a pool-like gauge, and forgets a source once removed', async () => {
    const gauge = collectedGauge('test_pool_connections', 'test', ['state'], 'sum');
    gauge.addSource(async () => [{ labels: { state: 'idle' }, value: 2 }]);
    const remove = gauge.addSource(async () => [{ labels: { state: 'idle' }, value: 3 }]);
    expect(await valueOf('test_pool_connections')).toEqual([expect.objectContaining({ labels: { state: 'idle' }, value: 5 })]);
    remove();
    expect(await valueOf('test_pool_connections')).toEqual([expect.objectContaining({ value: 2 })]);
  });

  it("takes the first source's reading when every source reads the same store", async () => {
    const gauge = collectedGauge('test_open_orders', 'test', ['status'], 'first');
    gauge.addSource(async () => [{ labels: { status: 'pending' }, value: 4 }]);
    gauge.addSource(async () => [{ labels: { status: 'pending' }, value: 4 }]);
    expect(await valueOf('test_open_orders')).toEqual([expect.objectContaining({ value: 4 })]);
  });

  it('leaves out, for that scrape, a source that fails or does not answer within a second', async () => {
    const gauge = collectedGauge('test_queue_jobs', 'test', ['queue'], 'sum');
    gauge.addSource(async () => [{ labels: { queue: 'dispatch' }, value: 1 }]);
    gauge.addSource(() => Promise.reject(new Error('redis away')));
    gauge.addSource(() => new Promise(() => undefined));
    const startedAt = Date.now();
    expect(await valueOf('test_queue_jobs')).toEqual([expect.objectContaining({ labels: { queue: 'dispatch' }, value: 1 })]);
    expect(Date.now() - startedAt).toBeLessThan(2000);
  });
});
