// Corpus calls judged by our spec-driven mock (the specs Prism cannot start in time); see mock-calls.ts.
import { defineMockCallSuite } from './mock-calls.js';

defineMockCallSuite('own');
