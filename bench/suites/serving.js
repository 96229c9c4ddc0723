'use strict';
// Serving throughput and latency (issue 3): each server in its own process, autocannon in this one,
// 50 connections on loopback, the same one-instance credit request.
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const autocannon = require('autocannon');

const DURATION_S = 10;
const CONNECTIONS = 50;
const BODY = JSON.stringify({
  instances: [
    {
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
    },
  ],
});

async function startServer(kind) {
  const child = spawn(process.execPath, [join(__dirname, '..', 'serving-server.js'), kind], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve(Number(String(d).trim())));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return { port, stop: () => child.kill() };
}

async function load(kind) {
  const server = await startServer(kind);
  try {
    const url = `http://127.0.0.1:${server.port}/v1/models/credit:predict`;
    const options = {
      url,
      method: 'POST',
      body: BODY,
      headers: { 'content-type': 'application/json' },
      connections: CONNECTIONS,
    };
    await autocannon({ ...options, duration: 2 }); // warm-up: JIT and connections
    const result = await autocannon({ ...options, duration: DURATION_S });
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`${kind}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
  } finally {
    server.stop();
  }
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');

module.exports = {
  name: 'serving',
  async run() {
    const bare = await load('bare');
    const constant = await load('constant');
    const ours = await load('ours');
    const how = `autocannon, ${CONNECTIONS} connections, ${DURATION_S} s after 2 s warm-up, one-instance credit request`;
    return [
      {
        figure: 'predict requests/s',
        value: fmt(ours.rps),
        baseline: `${fmt(constant.rps)} (express, parse + constant); ${fmt(bare.rps)} (bare node:http + model)`,
        target: '≥ 0.8× express constant',
        how: `${how}; ratio ${(ours.rps / constant.rps).toFixed(2)}× express, ${(ours.rps / bare.rps).toFixed(2)}× bare`,
      },
      {
        figure: 'predict latency p50 / p99',
        value: `${ours.p50} / ${ours.p99} ms`,
        baseline: `${constant.p50} / ${constant.p99} ms (express constant); ${bare.p50} / ${bare.p99} ms (bare)`,
        target: 'p99 < 25 ms',
        how,
      },
    ];
  },
};
