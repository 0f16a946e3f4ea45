// Corpus calls judged by Stoplight Prism; see mock-calls.ts.
import { defineMockCallSuite } from './mock-calls.js';

defineMockCallSuite('prism');
