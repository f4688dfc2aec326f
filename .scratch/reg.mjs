import { register } from 'node:module';
register('./loaded.mjs', import.meta.url);
