// Hydrates the server-rendered ssr-vue-app.ts with createSSRApp: the elements are defined first
// (they upgrade the server markup at once), then Vue hydrates with `isCustomElement` set.
import { createSSRApp } from 'vue';
import 'linger-live/elements/room/linger-room.js';
import 'linger-live/elements/overlay/linger-overlay.js';
import 'linger-live/elements/countdown/linger-countdown.js';
import { Storefront, isCustomElement } from './ssr-vue-app.js';

const app = createSSRApp(Storefront);
app.config.compilerOptions.isCustomElement = isCustomElement;
app.mount('#app');
