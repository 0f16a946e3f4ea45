#!/usr/bin/env node
// Search quality of discovery mode: natural-language tasks on the Kubernetes
// and Stripe specs, each with the operation(s) that solve it, asked of the
// real `search_operations` meta-tool (built dist/, same path a client takes).
// Prints top-1 and top-5 hit rates per spec and overall, and every miss.
// Usage: npm run build && node bench/search-quality.mjs [--verbose]
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const shared = `${root}../shared/specs`;
const verbose = process.argv.includes('--verbose');

// Where two operations do the same job (a JSON patch and a full replace of a
// deployment's scale), either counts.
const TASKS = {
  'kubernetes/swagger.json': [
    [
      'scale a deployment',
      ['patchAppsV1NamespacedDeploymentScale', 'replaceAppsV1NamespacedDeploymentScale'],
    ],
    ['list pods in a namespace', ['listCoreV1NamespacedPod']],
    ['list all pods across every namespace', ['listCoreV1PodForAllNamespaces']],
    ['get the logs of a pod', ['readCoreV1NamespacedPodLog']],
    ['delete a pod', ['deleteCoreV1NamespacedPod']],
    ['create a deployment', ['createAppsV1NamespacedDeployment']],
    ['remove a deployment', ['deleteAppsV1NamespacedDeployment']],
    ['show one deployment', ['readAppsV1NamespacedDeployment']],
    ['update a config map', ['patchCoreV1NamespacedConfigMap', 'replaceCoreV1NamespacedConfigMap']],
    ['create a secret', ['createCoreV1NamespacedSecret']],
    ['read a secret', ['readCoreV1NamespacedSecret']],
    ['list nodes of the cluster', ['listCoreV1Node']],
    ['create a namespace', ['createCoreV1Namespace']],
    ['delete a namespace', ['deleteCoreV1Namespace']],
    ['list services in a namespace', ['listCoreV1NamespacedService']],
    ['create a cron job', ['createBatchV1NamespacedCronJob']],
    ['start a batch job', ['createBatchV1NamespacedJob']],
    ['evict a pod from its node', ['createCoreV1NamespacedPodEviction']],
    [
      'execute a command in a container',
      ['connectCoreV1PostNamespacedPodExec', 'connectCoreV1GetNamespacedPodExec'],
    ],
    [
      'scale a stateful set',
      ['patchAppsV1NamespacedStatefulSetScale', 'replaceAppsV1NamespacedStatefulSetScale'],
    ],
    ['create an ingress', ['createNetworkingV1NamespacedIngress']],
    ['create a horizontal pod autoscaler', ['createAutoscalingV2NamespacedHorizontalPodAutoscaler']],
    ['list events in a namespace', ['listCoreV1NamespacedEvent']],
    ['get the status of a deployment', ['readAppsV1NamespacedDeploymentStatus']],
    ['list persistent volumes', ['listCoreV1PersistentVolume']],
  ],
  'stripe/spec3.yaml': [
    ['refund a charge', ['PostRefunds', 'PostChargesChargeRefunds', 'PostChargesChargeRefund']],
    ['create a customer', ['PostCustomers']],
    ['delete a customer', ['DeleteCustomersCustomer']],
    ['list all customers', ['GetCustomers']],
    ['search customers by email', ['GetCustomersSearch']],
    ['retrieve a charge', ['GetChargesCharge']],
    ['capture a payment intent', ['PostPaymentIntentsIntentCapture']],
    ['cancel a payment intent', ['PostPaymentIntentsIntentCancel']],
    ['confirm a payment intent', ['PostPaymentIntentsIntentConfirm']],
    ['create a subscription', ['PostSubscriptions']],
    ['cancel a subscription', ['DeleteSubscriptionsSubscriptionExposedId']],
    ['finalize a draft invoice', ['PostInvoicesInvoiceFinalize']],
    ['void an invoice', ['PostInvoicesInvoiceVoid']],
    ['pay an invoice', ['PostInvoicesInvoicePay']],
    ['create a product', ['PostProducts']],
    ['create a price for a product', ['PostPrices']],
    ['create a coupon', ['PostCoupons']],
    ['get the account balance', ['GetBalance']],
    ['list balance transactions', ['GetBalanceTransactions']],
    ['create a payout', ['PostPayouts']],
    ['create a checkout session', ['PostCheckoutSessions']],
    ['add a webhook endpoint', ['PostWebhookEndpoints']],
    ['list disputes', ['GetDisputes']],
    ['close a dispute', ['PostDisputesDisputeClose']],
    ['upload a file', ['PostFiles']],
    ['list events', ['GetEvents']],
    ['transfer money to a connected account', ['PostTransfers']],
  ],
};

const specs = Object.keys(TASKS).filter((spec) => existsSync(`${shared}/${spec}`));
if (specs.length === 0) {
  console.log(
    `search-quality: skipped: no corpus at ${shared} (needs kubernetes/swagger.json, stripe/spec3.yaml)`,
  );
  process.exit(0);
}
if (!existsSync(`${root}dist/runtime/discovery/create-discovery-caller.js`)) {
  console.error('search-quality: run `npm run build` first');
  process.exit(1);
}
const { loadModel } = await import(`${root}dist/commands/load-model.js`);
const { resolveSpecOptions } = await import(`${root}dist/options/spec-options.js`);
const { createToolCaller } = await import(`${root}dist/runtime/create-tool-caller.js`);
const { createDiscoveryCaller } = await import(`${root}dist/runtime/discovery/create-discovery-caller.js`);

let all = 0;
let top1 = 0;
let top5 = 0;
for (const spec of specs) {
  const { model } = await loadModel(`${shared}/${spec}`, resolveSpecOptions({ cwd: root }, false));
  const caller = createDiscoveryCaller(
    createToolCaller(model, {
      envPrefix: 'BENCH',
      env: {},
      timeoutMs: 1000,
      maxResponseBytes: 1024,
      log: () => {},
    }),
  );
  let hits1 = 0;
  let hits5 = 0;
  const started = performance.now();
  for (const [query, answers] of TASKS[spec]) {
    const result = await caller.call('search_operations', { query, limit: 5 });
    const names = result.content[0].text
      .split('\n\n')[0]
      .split('\n')
      .map((line) => line.split('  ')[0]);
    const missing = answers.filter((name) => !caller.operations.has(name));
    if (missing.length > 0) throw new Error(`${spec}: task "${query}" names unknown operations ${missing}`);
    const rank = names.findIndex((name) => answers.includes(name));
    if (rank === 0) hits1 += 1;
    if (rank >= 0 && rank < 5) hits5 += 1;
    if (rank !== 0 || verbose) {
      console.log(
        `  ${rank === 0 ? 'hit ' : rank > 0 ? `#${rank + 1}  ` : 'miss'} "${query}" → ${names.slice(0, 3).join(', ')} (want ${answers[0]})`,
      );
    }
  }
  const ms = performance.now() - started;
  const n = TASKS[spec].length;
  console.log(
    `${spec}: ${model.operations.length} operations, ${n} tasks: top-1 ${hits1}/${n} (${pct(hits1, n)}), top-5 ${hits5}/${n} (${pct(hits5, n)}); index + searches ${ms.toFixed(0)} ms`,
  );
  all += n;
  top1 += hits1;
  top5 += hits5;
  await caller.close();
}
console.log(`all: ${all} tasks: top-1 ${pct(top1, all)}, top-5 ${pct(top5, all)}`);

function pct(part, whole) {
  return `${((100 * part) / whole).toFixed(0)}%`;
}
