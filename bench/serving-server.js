'use strict';
// A server for the serving benchmark, in a process of its own: node bench/serving-server.js <kind>
//   ours     — the prediction API as the lab runs it (validation, model, metrics, spans, the exporter)
//   bare     — a bare node:http server doing the same model computation
//   constant — an express route that parses the same body and answers a constant
// Prints the port once listening.
const http = require('node:http');
const express = require('express');
const sim = require('../simulator/dist');
const serving = require('../serving/dist');
const exporter = require('../exporter/dist');
const lab = require('../lab/dist');

const kind = process.argv[2];
const world = sim.getWorld('credit');
const trained = serving.trainModel(world, { seed: 1 });
const model = serving.toServedModel('credit', 1, trained);
const predictor = serving.loadModel(trained.artifact);

let server;
if (kind === 'ours') {
  // As `driftlab start` runs it: traces recorded (not exported), exemplars, an exporter attached.
  serving.startTelemetry({ serviceName: 'bench', env: {} });
  const catalog = {
    current: (name) => (name === 'credit' ? model : undefined),
    status: () => ({ versions: [1], serving: 1 }),
    names: () => ['credit'],
  };
  const monitoring = new exporter.Exporter({
    references: { reference: () => ({ schema: trained.schema, profile: trained.profile }) },
  });
  const metrics = new serving.ServingMetrics();
  server = lab
    .createHost({
      routers: [
        serving.predictionRoutes({ catalog, metrics, onPredictions: (b) => monitoring.observeBatch(b) }),
      ],
      registries: [metrics.registry, monitoring.metrics.registry],
      openapi: serving.OPENAPI,
    })
    .listen(0, '127.0.0.1');
} else if (kind === 'bare') {
  server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const { instances } = JSON.parse(body);
      const predictions = instances.map((x) => {
        const p = predictor.scoreRecord(x);
        return { class: p > 0.5 ? 1 : 0, probability: p, model_version: '1' };
      });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ predictions }));
    });
  });
  server.listen(0, '127.0.0.1');
} else if (kind === 'constant') {
  const app = express();
  app.use(express.json());
  app.post('/v1/models/:target', (_req, res) =>
    res.json({ predictions: [{ class: 0, probability: 0.1, model_version: '1' }] }),
  );
  server = app.listen(0, '127.0.0.1');
} else {
  throw new Error(`unknown kind ${kind}`);
}
server.on('listening', () => process.stdout.write(`${server.address().port}\n`));
