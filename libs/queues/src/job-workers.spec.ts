import { BullRegistrar, WorkerHost } from '@nestjs/bullmq';
import { DiscoveryService } from '@nestjs/core';
import { JobProcessor } from './job-handlers';
import { JobKey } from './job-registry';
import { JobWorkers } from './job-workers';
import { QueueKey } from './queue-registry';

/** A processor class of the given registry jobs, as the dispatcher declares them. */
function processorOf(name: string, ...handled: JobKey[]): WorkerHost {
  const type = { [name]: class extends WorkerHost {
    async process(): Promise<void> {}
  } }[name];
  if (handled.length) JobProcessor(handled[0], ...handled.slice(1))(type);
  return new type();
}

/** Boots the check over these providers; tells whether the workers were started. */
function boot(providers: object[], worked: QueueKey[] = ['dispatch', 'offerExpiry', 'webhooks']) {
  let started = false;
  const discovery = { getProviders: () => providers.map((instance) => ({ instance })) } as unknown as DiscoveryService;
  const registrar = { register: () => (started = true) } as unknown as BullRegistrar;
  const workers = new JobWorkers(discovery, registrar, worked);
  return { start: () => workers.onModuleInit(), started: () => started };
}

describe('JobWorkers', () => {
  const complete = () => [processorOf('Decider', 'decide'), processorOf('Expirer', 'expireOffer'), processorOf('Sender', 'deliverWebhook'), { notAProcessor: true }];

  it('starts the workers when every job has exactly one handler', () => {
    const process = boot(complete());
    process.start();
    expect(process.started()).toBe(true);
  });

  it('refuses to start, in one line, when a job has no handler', () => {
    const process = boot([processorOf('Decider', 'decide'), processorOf('Expirer', 'expireOffer')]);
    expect(process.start).toThrow(/^the job registry and the processors disagree: job "deliver" \(queue "webhooks"\) has no handler$/);
    expect(process.started()).toBe(false);
  });

  it('refuses to start when a job has two handlers, naming both', () => {
    const process = boot([...complete(), processorOf('SecondDecider', 'decide')]);
    expect(process.start).toThrow(/job "decide" \(queue "dispatch"\) has 2 handlers: Decider, SecondDecider/);
    expect(process.started()).toBe(false);
  });

  it('refuses a processor of no registry job, or of jobs on two queues', () => {
    expect(boot([...complete(), processorOf('Stray')]).start).toThrow(/Stray declares no job of the registry/);
    expect(boot([processorOf('Both', 'decide', 'expireOffer'), processorOf('Sender', 'deliverWebhook')]).start).toThrow(/Both handles jobs of more than one queue/);
  });

  it('asks handlers only for the queues the process works on', () => {
    const process = boot([processorOf('Decider', 'decide')], ['dispatch']);
    process.start();
    expect(process.started()).toBe(true);
  });
});
