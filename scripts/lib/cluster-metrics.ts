import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';
import client from 'prom-client';
import type { Registry } from 'prom-client';

/**
 * /metrics with several workers: whichever worker a scrape reaches asks the primary, which asks
 * every worker that has said it is ready and sums their registries (prom-client's aggregation).
 *
 * Not prom-client's own `clusterMetrics`: it asks every forked worker and fails the whole scrape
 * after 5 s when one does not answer, and a worker still starting (or started again after a
 * crash) does not. A CI run met that as a 503 while the second worker was starting. Here a worker
 * that is not ready is not asked, and one that does not answer in time is counted by its last
 * answer, said in a comment line.
 */
const ASK_PRIMARY = 'mur:metrics:ask';
const PRIMARY_ANSWER = 'mur:metrics:answer';
const WORKER_READY = 'mur:metrics:ready';
const COLLECT = 'mur:metrics:collect';
const COLLECTED = 'mur:metrics:collected';

/** How long the primary waits for each worker's registry before answering without it. */
const WORKER_WAIT_MS = 2_000;
/** How long a worker waits for the primary (which always answers within WORKER_WAIT_MS). */
const PRIMARY_WAIT_MS = WORKER_WAIT_MS + 3_000;

interface Message {
  type?: string;
  id?: string;
  text?: string;
  metrics?: object[];
}

/**
 * Every worker's metrics, summed (or as each metric's aggregator says): `fresh` answered now,
 * `late` are the last answers of those that did not (a counter read without a busy worker's share
 * would drop and come back, which Prometheus reads as a reset, counting its whole life again).
 */
export async function aggregateWorkers(fresh: object[][], late: object[][], missing: number): Promise<string> {
  const all = [...fresh, ...late];
  const text = all.length > 0 ? await client.AggregatorRegistry.aggregate(all).metrics() : '';
  const notes = [
    ...(late.length > 0 ? [`# ${late.length} worker(s) did not answer in time: their last reading is counted`] : []),
    ...(missing > 0 ? [`# ${missing} worker(s) have not answered yet (starting): not counted`] : []),
  ];
  return notes.length > 0 ? `${notes.join('\n')}\n${text}` : text;
}

/** In the primary: answers a worker's request for everyone's metrics. */
export function serveClusterMetrics(): void {
  const ready = new Set<Worker>();
  /** Each worker's last answer: counted for it when it is too busy to answer a scrape. */
  const lastAnswer = new Map<Worker, object[]>();
  const waiting = new Map<string, (metrics: object[]) => void>();
  let next = 0;

  const collectFrom = (worker: Worker): Promise<object[] | null> =>
    new Promise((resolve) => {
      const id = `c${next++}`;
      const timer = setTimeout(() => {
        waiting.delete(id);
        resolve(null);
      }, WORKER_WAIT_MS);
      waiting.set(id, (metrics) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(metrics);
      });
      worker.send({ type: COLLECT, id }, (error: Error | null) => error && waiting.get(id)?.([]));
    });

  cluster.on('exit', (worker) => {
    ready.delete(worker);
    lastAnswer.delete(worker);
  });
  cluster.on('message', (worker, message: Message) => {
    if (message?.type === WORKER_READY) ready.add(worker);
    else if (message?.type === COLLECTED && message.id) waiting.get(message.id)?.(message.metrics ?? []);
    else if (message?.type === ASK_PRIMARY) {
      const asked = [...ready].filter((w) => w.isConnected());
      Promise.all(asked.map(collectFrom))
        .then((answers) => {
          const fresh: object[][] = [];
          const late: object[][] = [];
          answers.forEach((answer, i) => {
            const worker = asked[i]!;
            if (answer && answer.length > 0) {
              lastAnswer.set(worker, answer);
              fresh.push(answer);
            } else if (lastAnswer.has(worker)) late.push(lastAnswer.get(worker)!);
          });
          return aggregateWorkers(fresh, late, asked.length - fresh.length - late.length);
        })
        .catch((error: Error) => `# ${error.message}\n`)
        .then((text) => worker.isConnected() && worker.send({ type: PRIMARY_ANSWER, id: message.id, text }));
    }
  });
}

/** In a worker: answers the primary's requests with `registry`, and says it is ready to. */
export function shareMetricsWithPrimary(registry: Registry): void {
  if (!cluster.isWorker || !process.send) return;
  process.on('message', (message: Message) => {
    if (message?.type !== COLLECT) return;
    registry.getMetricsAsJSON().then(
      (metrics) => process.send?.({ type: COLLECTED, id: message.id, metrics }),
      () => process.send?.({ type: COLLECTED, id: message.id, metrics: [] }),
    );
  });
  process.send({ type: WORKER_READY });
}

/** In a worker: every worker's metrics, through the primary. */
export function clusterMetricsText(): Promise<string> {
  const id = Math.random().toString(36).slice(2);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off('message', onReply);
      reject(new Error('the primary did not answer'));
    }, PRIMARY_WAIT_MS);
    const onReply = (reply: Message) => {
      if (reply?.type !== PRIMARY_ANSWER || reply.id !== id) return;
      clearTimeout(timer);
      process.off('message', onReply);
      resolve(reply.text ?? '');
    };
    process.on('message', onReply);
    process.send!({ type: ASK_PRIMARY, id });
  });
}
