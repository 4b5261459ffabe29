import autocannon from 'autocannon';
const r = await autocannon({ url: process.argv[2], connections: Number(process.argv[4] ?? 50), duration: Number(process.argv[3] ?? 5), headers: { 'accept-encoding': 'gzip, deflate, br' } });
console.log(Math.round(r.requests.total / r.duration), 'req/s p50', r.latency.p50, 'p99', r.latency.p99, 'non2xx', r.non2xx, 'errors', r.errors);
