import { packageName } from '../../project/imports';
import type { Evaluator } from '../../resolve/evaluate';
import { options, type Arg, type SdkValue, type Step, type Value } from '../../resolve/values';
import type { MatchContext } from '../types';
import { describe, type ModelInfo, type Runnable } from './runnable';

// Vector stores embed text with the embeddings object they were built with: adding documents
// embeds the documents, a similarity search (or a retriever over the store) embeds the query.
// A store is recognised by how it is built, not by a list of classes: a class from a
// `vectorstores` module or a vector-store package, constructed with an embeddings instance.

/** Packages that hold vector stores without `vectorstores` in the import path. */
export const VECTOR_STORE_PACKAGES = [
  '@langchain/pinecone',
  '@langchain/qdrant',
  '@langchain/mongodb',
  '@langchain/weaviate',
  '@langchain/redis',
  '@langchain/pgvector',
  '@langchain/neo4j',
  '@langchain/azure-cosmosdb',
  '@langchain/google-cloud-sql-pg',
];

/** Static builders → position of the embeddings argument (VectorStore and SaveableVectorStore in @langchain/core). */
const BUILDERS: Record<string, number> = {
  fromDocuments: 1,
  fromTexts: 2,
  fromExistingIndex: 0,
  fromExistingCollection: 0,
  fromExistingGraph: 0,
  initialize: 0,
  load: 1,
};
/** Builders that embed their input while building the store. */
const EMBEDDING_BUILDERS = new Set(['fromDocuments', 'fromTexts']);
const STORE_METHODS = new Set(['addDocuments', 'similaritySearch', 'similaritySearchWithScore', 'maxMarginalRelevanceSearch']);
const RETRIEVER_METHODS = new Set(['invoke', 'getRelevantDocuments', 'addDocuments']);

export const VECTOR_STORE_CALL_NAMES = [...EMBEDDING_BUILDERS, ...STORE_METHODS, ...RETRIEVER_METHODS];

export interface VectorStoreCall {
  /** Reported as `<name>.<method>`: the store class for a builder, `vectorStore` or `retriever` otherwise. */
  runnable: Runnable;
  method: string;
}

const isStoreModule = (module: string) => module.includes('vectorstores') || VECTOR_STORE_PACKAGES.includes(packageName(module));

const getName = (s: Step | undefined) => (s && s.t === 'get' ? s.name : null);

const argAt = (ev: Evaluator, args: Arg[], i: number): Value | undefined => (args[i] && !args[i].spread ? ev.argValue(args[i]) : undefined);

/** A call that embeds text through a vector store, with the embeddings model it uses; null otherwise. */
export function vectorStoreCall(callee: SdkValue, ctx: MatchContext): VectorStoreCall | null {
  if (!isStoreModule(callee.module)) return null;
  const method = getName(callee.steps[callee.steps.length - 1]);
  if (!method) return null;
  const before = callee.steps.slice(0, -1);
  if (EMBEDDING_BUILDERS.has(method) && before.every((s) => s.t === 'get')) {
    const cls = getName(before[before.length - 1]);
    const model = embeddingsIn(ctx.ev, ctx.arg(BUILDERS[method]));
    return cls && model ? { runnable: runnableOf(cls, model), method } : null;
  }
  // A store method on the store itself; `store.asRetriever().addDocuments()` falls through to the retriever case.
  if (STORE_METHODS.has(method)) {
    const model = storeEmbeddings(ctx.ev, before);
    if (model) return { runnable: runnableOf('vectorStore', model), method };
  }
  if (RETRIEVER_METHODS.has(method) && before.length >= 2 && before[before.length - 1].t === 'call' && getName(before[before.length - 2]) === 'asRetriever') {
    const model = storeEmbeddings(ctx.ev, before.slice(0, -2));
    return model ? { runnable: runnableOf('retriever', model), method } : null;
  }
  return null;
}

function runnableOf(name: string, model: ModelInfo): Runnable {
  return { shape: 'chain', name, model, template: null, inputToModel: false, tags: [] };
}

/** The embeddings a store was built with: `new XStore(embeddings, ...)` or `XStore.fromDocuments(docs, embeddings)`. */
function storeEmbeddings(ev: Evaluator, steps: Step[]): ModelInfo | null {
  const head = steps[steps.length - 1];
  if (!head || head.t === 'get' || !steps.slice(0, -1).every((s) => s.t === 'get')) return null;
  if (head.t === 'new') return embeddingsIn(ev, argAt(ev, head.args, 0));
  const builder = getName(steps[steps.length - 2]);
  if (!builder || !(builder in BUILDERS)) return null;
  return embeddingsIn(ev, argAt(ev, head.args, BUILDERS[builder]));
}

function embeddingsIn(ev: Evaluator, v: Value | undefined): ModelInfo | null {
  if (!v) return null;
  for (const o of options(v)) {
    if (o.k !== 'sdk') continue;
    const model = describe(ev, o)?.model;
    if (model && model.kind === 'embedding') return model;
  }
  return null;
}
