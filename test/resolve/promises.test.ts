import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { removeTempDirs, summarize, tempDir, writeFiles } from '../helpers';
import { scan } from '../../shared/scan';

after(removeTempDirs);

// SDKs kept optional are loaded with a dynamic import and memoised as promises (patterns of
// multi-provider libraries): the client is still the SDK's, read through `then`, `catch` and `Promise.all`.
test('promises: an SDK loaded with import().then(), a client made once it resolves, Promise.all destructured, .catch memoised', () => {
  const dir = tempDir('tollgate-promises-');
  writeFiles(dir, {
    'package.json': '{"dependencies":{"@aws-sdk/client-bedrock-runtime":"3.0.0","openai":"5.0.0"}}',
    'src/bedrock.ts': `type Sdk = typeof import('@aws-sdk/client-bedrock-runtime');
export class BedrockLLM {
  private sdkPromise?: Promise<Sdk>;
  private clientPromise?: Promise<any>;
  private getSDK(): Promise<Sdk> {
    if (!this.sdkPromise) this.sdkPromise = import('@aws-sdk/client-bedrock-runtime').then((sdk) => sdk as unknown as Sdk);
    return this.sdkPromise;
  }
  private getClient(): Promise<any> {
    if (!this.clientPromise) this.clientPromise = this.getSDK().then(({ BedrockRuntimeClient }) => new BedrockRuntimeClient({ region: 'us-east-1' }));
    return this.clientPromise;
  }
  async converse(text: string) {
    const [{ ConverseCommand }, client] = await Promise.all([this.getSDK(), this.getClient()]);
    return client.send(new ConverseCommand({ modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0', messages: [{ role: 'user', content: [{ text }] }] }));
  }
}
`,
    'src/openai.ts': `async function loadOpenAI() {
  const { default: OpenAI } = await import('openai');
  return new OpenAI();
}
export class Embedder {
  private clientPromise?: Promise<any>;
  private getClient() {
    if (!this.clientPromise) this.clientPromise = loadOpenAI().catch((err) => { this.clientPromise = undefined; throw err; });
    return this.clientPromise;
  }
  async embed(input: string) {
    const client = await this.getClient();
    return client.embeddings.create({ model: 'text-embedding-3-small', input });
  }
}
`,
  });
  assert.deepEqual(summarize(scan(dir, { workers: 0 })), [
    { at: 'src/bedrock.ts:15:12', provider: 'bedrock', api: 'Converse', kind: 'chat', model: 'anthropic.claude-3-5-haiku-20241022-v1:0' },
    { at: 'src/openai.ts:13:12', provider: 'openai', api: 'embeddings.create', kind: 'embedding', model: 'text-embedding-3-small' },
  ]);
});
