// Starts the Linger Shopify app's backend: `node integrations/shopify/web/server.mjs`
// (`shopify app dev` runs it through web/shopify.web.toml). Configuration from the environment;
// docs/shopify.md § For developers lists it.
import { createServer } from 'node:http';
import { createApp } from './app.mjs';

const list = (value) => (value ?? '').split(/[\s,]+/).filter(Boolean);
const handle = createApp({
  apiKey: process.env.SHOPIFY_API_KEY,
  apiSecret: process.env.SHOPIFY_API_SECRET,
  agoraAppId: process.env.AGORA_APP_ID,
  agoraAppCertificate: process.env.AGORA_APP_CERTIFICATE,
  hostIds: list(process.env.LINGER_HOST_IDS),
  shops: list(process.env.LINGER_SHOPS),
  secret: process.env.LINGER_SECRET || undefined,
  tierKey: process.env.LINGER_TIER_KEY || undefined,
  tierTags: process.env.LINGER_TIER_TAGS || '',
  adminTokens: Object.fromEntries(list(process.env.LINGER_ADMIN_TOKENS).map((pair) => pair.split('=')).filter((pair) => pair.length === 2)),
});
const port = Number(process.env.PORT || process.env.BACKEND_PORT || 8081);
createServer(handle).listen(port, () => console.log(`Linger app backend on :${port}`));
