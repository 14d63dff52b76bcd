import type { SdkValue } from '../resolve/values';
import { NOT_A_MODEL } from './langchain/classes';

// A call of an SDK an adapter reads that no adapter recognised is either an API tollgate does not
// price yet (`client.beta.realtime.sessions.create`, `client.evals.runs.create`) or one that bills
// nothing (`client.files.create`, `client.beta.assistants.create`). Only the first kind is worth a
// warning: this file says which calls look like inference, by the member called and where it hangs.

/**
 * Members that send an inference request in the SDKs' own words. Not `send` (Bedrock's and AWS's
 * transport for every command), `parse` (output parsers) or `sendMessage` (the AI SDK's UI `Chat`
 * posts to the app's own route; Gemini's chat sessions are read by name).
 */
export const INFERENCE_VERBS: ReadonlySet<string> = new Set([
  'chat',
  'chatStream',
  'complete',
  'completion',
  'converse',
  'converseStream',
  'create',
  'createAndPoll',
  'createAndStream',
  'embed',
  'embedContent',
  'embedDocuments',
  'embedQuery',
  'generate',
  'generateContent',
  'generateContentStream',
  'invoke',
  'predict',
  'rerank',
  'run',
  'stream',
  'transcribe',
]);

/** `create` makes a resource in most SDKs; it runs a model only under these collections. */
const BILLED_COLLECTIONS = new Set([
  'chat',
  'clientSecrets',
  'completions',
  'embeddings',
  'generations',
  'images',
  'messages',
  'moderations',
  'predictions',
  'realtime',
  'responses',
  'runs',
  'sessions',
  'speech',
  'transcriptions',
  'translations',
  'videos',
]);

/** Resources whose members, whatever their name, store or configure and bill no inference. */
const STORAGE_SEGMENTS = new Set(['containers', 'files', 'fineTuning', 'fine_tuning', 'threads', 'uploads', 'vectorStores', 'vector_stores', 'webhooks']);

/** LangChain runnables that are not models (prompts, parsers, splitters) are invoked too: only model classes count (NOT_A_MODEL is the adapter's own test). */
const LANGCHAIN_MODEL_CLASS = /Chat|LLM|Embeddings|Model/;
/** The abstract bases an app subclasses for its own model (a fake, a wrapper of its own HTTP client): what they call is the app's code. */
const LANGCHAIN_BASES = new Set(['BaseChatModel', 'BaseLLM', 'BaseLanguageModel', 'Embeddings', 'LLM', 'SimpleChatModel']);

const TEST_DOUBLE = /Fake|Mock|Stub|Dummy/;

const isLangChain = (module: string) => module === 'langchain' || module.startsWith('langchain/') || module.startsWith('@langchain/');

/**
 * Whether a called SDK value looks like an inference request: its last member is an inference
 * verb, it does not hang on a storage resource, a `create` hangs on a billed collection, and for
 * LangChain the receiver is a constructed model class.
 */
export function looksLikeInference(callee: SdkValue): boolean {
  const steps = callee.steps;
  const last = steps[steps.length - 1];
  if (!last || last.t !== 'get' || !INFERENCE_VERBS.has(last.name)) return false;
  // The members called on the client: the names after its construction (or after the last call that returned it).
  let start = steps.length - 1;
  while (start > 0 && steps[start - 1].t === 'get') start--;
  // A client: a member of something constructed or returned. A package's own function that its
  // adapter declined (`embed` of a test model) was declined on purpose.
  if (start === 0) return false;
  const members = steps.slice(start).map((s) => (s as { name: string }).name);
  if (members.some((m) => STORAGE_SEGMENTS.has(m))) return false;
  if (last.name.startsWith('create') && (members.length < 2 || !BILLED_COLLECTIONS.has(members[members.length - 2]))) return false;
  const ctor = steps[start - 1].t === 'new' ? steps.slice(0, start - 1).filter((s) => s.t === 'get').map((s) => (s as { name: string }).name).pop() : undefined;
  // Test doubles answer from memory (FakeListChatModel, MockLanguageModelV3): nothing is billed.
  if (ctor && TEST_DOUBLE.test(ctor)) return false;
  if (isLangChain(callee.module) && (!ctor || LANGCHAIN_BASES.has(ctor) || !LANGCHAIN_MODEL_CLASS.test(ctor) || NOT_A_MODEL.test(ctor))) return false;
  return true;
}
